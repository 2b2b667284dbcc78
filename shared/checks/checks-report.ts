/**
 * The findings report: one order for every place the findings of a check are read in sequence
 * (`umc check`'s text, `umc check --out`, the Checks screen's export), and the two export files —
 * a CSV for Excel and a self-contained one-page HTML report — written as the Users report writes
 * its own (shared/users/users-report.ts: UTF-8 with BOM, RFC 4180 quoting, the formula guard of
 * shared/csv/formula-guard.ts; no script, no external resource, every value escaped).
 *
 * The order (docs/fixes.md, "Impact"): errors first, then warnings, then information; inside a
 * severity, what the finding breaks — users without voice mail, then numbers unreachable, then
 * calls dropped — and the rule catalogue's order breaks ties.
 */
import { type Diagnostic, SEVERITIES } from '../diagnostics/diagnostic';
import { type FindingImpact, type FixKind, findingKey } from '../fixes/fix-model';
import { formatDateTime, type Language, type Params, renderDiagnostic, renderFix, translateDynamic } from '../i18n/translate';
import { refKey, type Severity, type OrgSource } from '../model/org';
import { escapeHtml } from '../users/users-report';
import { guardCell } from '../csv/formula-guard';

const NO_IMPACT: FindingImpact = { users: 0, numbers: 0, callsDropped: false };

/** What the report needs of a check: the findings with what each breaks and how it is fixed (a ChecksList has all of it). */
export interface ChecksReportInput {
  readonly findings: readonly Diagnostic[];
  /** Display labels by refKey. */
  readonly labels: Readonly<Record<string, string>>;
  /** By findingKey. */
  readonly impacts: Readonly<Record<string, FindingImpact>>;
  /** By findingKey. */
  readonly fixKinds: Readonly<Record<string, FixKind>>;
  /** The rules not judged because a snapshot section was not read. */
  readonly notJudged: readonly { readonly id: string; readonly sections: readonly string[] }[];
  readonly source: OrgSource;
  /** When the report is made (ISO 8601). */
  readonly generatedAt: string;
}

/** Higher first: users without voice mail, then numbers unreachable, then calls dropped. */
export function compareImpact(a: FindingImpact, b: FindingImpact): number {
  return b.users - a.users || b.numbers - a.numbers || Number(b.callsDropped) - Number(a.callsDropped);
}

/** The findings in report order: errors, warnings, information; each by impact; ties in the given order. */
export function reportOrder(findings: readonly Diagnostic[], impacts: Readonly<Record<string, FindingImpact>>): Diagnostic[] {
  const rank = (s: Severity) => SEVERITIES.indexOf(s);
  const impact = (f: Diagnostic) => impacts[findingKey(f)] ?? NO_IMPACT;
  return findings
    .map((f, i) => ({ f, i }))
    .sort((x, y) => rank(x.f.severity) - rank(y.f.severity) || compareImpact(impact(x.f), impact(y.f)) || x.i - y.i)
    .map((x) => x.f);
}

export interface SeverityCounts {
  readonly count: number;
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
}

export function severityCounts(findings: readonly Diagnostic[]): SeverityCounts {
  const by = (s: Severity) => findings.filter((f) => f.severity === s).length;
  return { count: findings.length, errors: by('error'), warnings: by('warning'), infos: by('info') };
}

/** The lines of a finding's fix as the reader sees them (the one place the report reads `fix`). */
export function fixLines(finding: Diagnostic, language: Language): readonly string[] {
  return renderFix(language, finding);
}

/** One finding as a report row: every value already text in the reader's language. */
export interface ChecksReportRow {
  readonly severity: string;
  readonly rule: string;
  readonly title: string;
  readonly objects: string;
  readonly message: string;
  readonly users: number;
  readonly numbers: number;
  readonly callsDropped: string;
  readonly fixKind: string;
  readonly fix: string;
}

const t = (language: Language, key: string, params?: Params) => translateDynamic(language, key, params);

export function reportRows(input: ChecksReportInput, language: Language): ChecksReportRow[] {
  return reportOrder(input.findings, input.impacts).map((f) => {
    const key = findingKey(f);
    const impact = input.impacts[key] ?? NO_IMPACT;
    const text = renderDiagnostic(language, f);
    return {
      severity: t(language, `severity.${f.severity}`),
      rule: f.rule,
      title: text.title,
      objects: f.objects.map((o) => input.labels[refKey(o)] ?? o.id).join(', '),
      message: text.message,
      users: impact.users,
      numbers: impact.numbers,
      callsDropped: t(language, impact.callsDropped ? 'checks.report.yes' : 'checks.report.no'),
      fixKind: t(language, `checks.report.fixKind.${input.fixKinds[key] ?? 'manual'}`),
      fix: fixLines(f, language).join('\n'),
    };
  });
}

const COLUMNS = ['severity', 'rule', 'title', 'objects', 'message', 'users', 'numbers', 'calls', 'fixKind', 'fix'] as const;

function cells(r: ChecksReportRow, language: Language): string[] {
  const n = (v: number) => v.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US');
  return [r.severity, r.rule, r.title, r.objects, r.message, n(r.users), n(r.numbers), r.callsDropped, r.fixKind, r.fix];
}

/** RFC 4180: a cell holding the separator, a quote or a line break is quoted, its quotes doubled; a formula start gets `'`. */
function csvCell(v: string, sep: string): string {
  const g = guardCell(v);
  return g.includes(sep) || /["\r\n]/.test(g) || g !== g.trim() ? `"${g.replace(/"/g, '""')}"` : g;
}

/**
 * One row per finding, in report order. UTF-8 BOM (Excel then reads accents), CRLF; `;` in French
 * (Excel in a French locale splits on `;`), `,` in English — as the Users report.
 */
export function checksCsv(input: ChecksReportInput, language: Language): string {
  const sep = language === 'fr' ? ';' : ',';
  const lines = [COLUMNS.map((c) => csvCell(t(language, `checks.report.col.${c}`), sep)).join(sep)];
  for (const r of reportRows(input, language))
    lines.push(
      cells(r, language)
        .map((c) => csvCell(c, sep))
        .join(sep),
    );
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

const CSS = `body{font:14px/1.4 "Segoe UI",Arial,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}p{margin:4px 0}table{border-collapse:collapse;width:100%;margin-top:6px}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}pre{margin:0;white-space:pre-wrap;font:12px Consolas,monospace}.error{color:#a4000f}.warning{color:#8a5300}.ok{color:#0a6a2a}@media print{body{margin:0}}`;

/** The one-page report: title, when, source, totals, one table per severity (errors first), the rules not judged. */
export function checksHtmlReport(input: ChecksReportInput, language: Language): string {
  const e = escapeHtml;
  const title = t(language, 'checks.report.title');
  const counts = severityCounts(input.findings);
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(title)}</title><style>${CSS}</style></head><body>`,
  );
  parts.push(`<h1>${e(title)}</h1>`);
  parts.push(`<p>${e(t(language, 'checks.report.generated', { when: formatDateTime(language, input.generatedAt) }))}</p>`);
  parts.push(`<p>${e(t(language, 'checks.report.source', { source: input.source.label, readAt: formatDateTime(language, input.source.readAt) }))}</p>`);
  parts.push(`<p class="${counts.errors ? 'error' : counts.warnings ? 'warning' : 'ok'}"><strong>${e(t(language, 'checks.report.totals', { ...counts }))}</strong></p>`);
  const rows = reportRows(input, language);
  if (rows.length === 0) parts.push(`<p class="ok">${e(t(language, 'checks.report.none'))}</p>`);
  else {
    parts.push(`<p>${e(t(language, 'checks.report.ranked'))}</p>`);
    const head = COLUMNS.filter((c) => c !== 'severity')
      .map((c) => `<th>${e(t(language, `checks.report.col.${c}`))}</th>`)
      .join('');
    const ordered = reportOrder(input.findings, input.impacts);
    for (const severity of SEVERITIES) {
      const of = rows.filter((_, i) => ordered[i]!.severity === severity);
      if (of.length === 0) continue;
      parts.push(`<h2 class="${severity}">${e(t(language, `cli.check.section.${severity}`, { count: of.length }))}</h2>`);
      parts.push(`<table><thead><tr>${head}</tr></thead><tbody>`);
      for (const r of of) {
        const c = cells(r, language);
        parts.push(
          `<tr><td>${e(c[1]!)}</td><td>${e(c[2]!)}</td><td>${e(c[3]!)}</td><td>${e(c[4]!)}</td><td class="n">${e(c[5]!)}</td><td class="n">${e(c[6]!)}</td><td>${e(c[7]!)}</td><td>${e(c[8]!)}</td><td><pre>${e(c[9]!)}</pre></td></tr>`,
        );
      }
      parts.push('</tbody></table>');
    }
  }
  if (input.notJudged.length > 0) {
    parts.push(`<h2>${e(t(language, 'checks.report.notJudged', { count: input.notJudged.length }))}</h2><ul>`);
    for (const n of input.notJudged) parts.push(`<li>${e(t(language, 'checks.needs.notRead', { sections: n.sections.join(', ') }))} (${e(n.id)})</li>`);
    parts.push('</ul>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/** The export format a file name asks for (`--out report.html|report.csv`); null for any other. */
export function reportFormatOf(file: string): 'html' | 'csv' | null {
  const lower = file.toLowerCase();
  return lower.endsWith('.html') || lower.endsWith('.htm') ? 'html' : lower.endsWith('.csv') ? 'csv' : null;
}

/** The report for a format. */
export function checksReport(input: ChecksReportInput, format: 'html' | 'csv', language: Language): string {
  return format === 'csv' ? checksCsv(input, language) : checksHtmlReport(input, language);
}
