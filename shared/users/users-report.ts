/**
 * The exports of "check everyone": a CSV with one row per checked user, and a
 * self-contained one-page HTML report for a change board (no script, no external resource, every
 * value escaped: user names come from the directory and may hold anything).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type Language, renderMessage, ruleTitleKey, translateDynamic } from '../i18n/translate';
import type { OrgSource } from '../model/org';
import type { AmbiguousQuery, FailingUser, PathRisk, UsersCheckSummary, VerdictOutcome } from './user-model';
import type { UsersCheckResult } from './check-all';
import { USER_RULE_BY_ID, USER_RULES, type UserRuleContext } from './user-rules';
import { verdictOf } from './verdict';
import { guardCell } from '../csv/formula-guard';

/** What a CSV row needs of a verdict. */
export interface UserResultRow {
  readonly sipAddress: string;
  readonly displayName: string;
  readonly verdict: VerdictOutcome;
  readonly reasons: readonly Diagnostic[];
  readonly risks: readonly PathRisk[];
}

const t = (language: Language, key: string, params?: Readonly<Record<string, string | number>>) => translateDynamic(language, key, params);

function csvCell(v: string, sep: string): string {
  // A cell a spreadsheet would run as a formula gets a leading `'` (shared/csv/formula-guard.ts).
  const g = guardCell(v);
  return g.includes(sep) || /["\r\n]/.test(g) || g !== g.trim() ? `"${g.replace(/"/g, '""')}"` : g;
}

/**
 * One line per reason, every reason of every checked user: SIP address, name, the verdict (works /
 * will not work / at risk), then the reason's rule, severity, the hop of the call path (for a risk),
 * its message, fix and who must apply it; a user with no reason has one line with those cells empty.
 * One line per reason rather than all reasons joined in one cell because that is what a spreadsheet
 * filters and pivots: AutoFilter on the rule gives every user of that rule with the fix ready to
 * paste, a pivot counts users per rule, and a cell never holds several commands of several roles.
 * The user's cells repeat on each of its lines, so a filter on the verdict still gives whole users.
 * Blocking reasons first (the order a fix must follow), then warnings, then the risks on the path.
 * UTF-8 BOM (Excel then reads accents), CRLF; `;` in French (Excel in a French locale splits on
 * `;`), `,` in English.
 */
export function usersCsv(results: readonly UserResultRow[], language: Language): string {
  const sep = language === 'fr' ? ';' : ',';
  const header = [
    t(language, 'users.file.csv.col.sip'),
    t(language, 'users.file.csv.col.name'),
    t(language, 'helpdesk.csv.col.verdict'),
    t(language, 'helpdesk.csv.col.rule'),
    t(language, 'helpdesk.csv.col.severity'),
    t(language, 'helpdesk.csv.col.hop'),
    t(language, 'users.file.csv.col.message'),
    t(language, 'users.file.csv.col.fix'),
    t(language, 'users.file.csv.col.role'),
  ];
  const lines = [header.map((h) => csvCell(h, sep)).join(sep)];
  const rank = (d: Diagnostic) => (d.severity === 'error' ? 0 : d.severity === 'warning' ? 1 : 2);
  // Several commands of one fix stay in one cell, one per line (Excel shows a line break in a quoted cell).
  const fixCell = (d: Diagnostic | null) => (d ? d.fix.join('\n') : '');
  const roleCell = (d: Diagnostic | null) => (d?.role ? t(language, `users.role.${d.role}`) : '');
  for (const r of results) {
    const user = [r.sipAddress, r.displayName, t(language, r.verdict === 'works' ? 'helpdesk.result.works' : r.verdict === 'fails' ? 'helpdesk.result.fails' : 'helpdesk.result.atRisk')];
    const rows: string[][] = [];
    for (const d of [...r.reasons].sort((a, b) => rank(a) - rank(b)))
      rows.push([...user, d.rule, t(language, `helpdesk.severity.${d.severity}`), '', renderMessage(language, d.message), fixCell(d), roleCell(d)]);
    for (const risk of r.risks)
      rows.push([
        ...user,
        risk.finding?.rule ?? '',
        t(language, 'helpdesk.csv.atRisk'),
        t(language, `users.hop.kind.${risk.hop}`),
        renderMessage(language, risk.message),
        fixCell(risk.finding),
        roleCell(risk.finding),
      ]);
    if (rows.length === 0) rows.push([...user, '', '', '', '', '', '']);
    for (const row of rows) lines.push(row.map((c) => csvCell(c, sep)).join(sep));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The CSV of a finished check: every checked user, its verdict judged again with messages and fixes (`findings`: the org rules' diagnostics). */
export function usersCheckCsv(ctx: UserRuleContext, result: Pick<UsersCheckResult, 'users'>, language: Language, findings: readonly Diagnostic[] = []): string {
  return usersCsv(
    result.users.map((u) => {
      const v = verdictOf(u, ctx, findings);
      return { sipAddress: u.sipAddress || u.email || '', displayName: u.displayName, verdict: v.verdict, reasons: v.reasons, risks: v.risks };
    }),
    language,
  );
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}

export interface UsersReportInput {
  readonly summary: UsersCheckSummary;
  readonly failing: readonly FailingUser[];
  readonly source: OrgSource;
  /** When the check ran (ISO 8601). */
  readonly generatedAt: string;
  /** Failing users listed at most (default 500: one page a board can still read). */
  readonly maxRows?: number;
}

function when(iso: string, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const CSS = `body{font:14px/1.4 "Segoe UI",Arial,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}p{margin:4px 0}table{border-collapse:collapse;width:100%;margin-top:6px}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eee}td.n{text-align:right}.ok{color:#0a6a2a}.bad{color:#a4000f}@media print{body{margin:0}}`;

/** A one-page HTML report: title, when, source, totals, counts per reason with who fixes it, the failing users (capped). */
export function usersHtmlReport(input: UsersReportInput, language: Language): string {
  const e = escapeHtml;
  const s = input.summary;
  const max = Math.max(0, Math.floor(input.maxRows ?? 500));
  const title = t(language, 'users.file.html.title');
  const parts: string[] = [];
  parts.push(
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(title)}</title><style>${CSS}</style></head><body>`,
  );
  parts.push(`<h1>${e(title)}</h1>`);
  parts.push(`<p>${e(t(language, 'users.file.html.generated', { when: when(input.generatedAt, language) }))}</p>`);
  parts.push(`<p>${e(t(language, 'users.file.html.source', { source: input.source.label, readAt: when(input.source.readAt, language) }))}</p>`);
  parts.push(
    `<p class="${s.failing || s.atRisk ? 'bad' : 'ok'}"><strong>${e(t(language, 'users.file.html.totals', { checked: s.checked, working: s.working, failing: s.failing, atRisk: s.atRisk }))}</strong></p>`,
  );
  if (s.notFound.length)
    parts.push(`<p>${e(t(language, 'users.file.html.notFound', { count: s.notFound.length, queries: s.notFound.slice(0, 50).join(', ') + (s.notFound.length > 50 ? ', …' : '') }))}</p>`);
  for (const a of s.ambiguous.slice(0, 50)) parts.push(`<p>${e(ambiguousLine(a, language))}</p>`);

  parts.push(`<h2>${e(t(language, 'users.file.html.reasons'))}</h2>`);
  const counted = USER_RULES.filter((r) => (s.byRule[r.id] ?? 0) > 0);
  const orgCounted = Object.keys(s.byRule).filter((id) => !USER_RULE_BY_ID.has(id) && (s.byRule[id] ?? 0) > 0);
  if (counted.length === 0 && orgCounted.length === 0) parts.push(`<p class="ok">${e(t(language, 'users.file.html.noReason'))}</p>`);
  else {
    const head = ['rule', 'reason', 'severity', 'users', 'role'].map((c) => `<th>${e(t(language, `users.file.html.col.${c}`))}</th>`).join('');
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>`);
    for (const r of counted) {
      parts.push(
        `<tr><td>${e(r.id)}</td><td>${e(t(language, ruleTitleKey(r.id)))}</td><td>${e(t(language, `users.file.severity.${r.severity}`))}</td><td class="n">${e(
          (s.byRule[r.id] ?? 0).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US'),
        )}</td><td>${e(t(language, `users.role.${r.role}`))}</td></tr>`,
      );
    }
    // Org rules that put users at risk: shown with the user rules, their role is the Checks screen's.
    for (const id of orgCounted)
      parts.push(
        `<tr><td>${e(id)}</td><td>${e(t(language, ruleTitleKey(id)))}</td><td>${e(t(language, 'users.file.severity.atRisk'))}</td><td class="n">${e(
          (s.byRule[id] ?? 0).toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US'),
        )}</td><td></td></tr>`,
      );
    parts.push('</tbody></table>');
  }

  parts.push(`<h2>${e(t(language, 'users.file.html.failing'))}</h2>`);
  if (input.failing.length === 0) parts.push(`<p class="ok">${e(t(language, 'users.file.html.allWork'))}</p>`);
  else {
    const head = ['sip', 'name', 'verdict', 'rules', 'reason'].map((c) => `<th>${e(t(language, `users.file.html.col.${c}`))}</th>`).join('');
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>`);
    for (const f of input.failing.slice(0, max)) {
      // Every reason, one per line: the report carries them all, not the first only.
      const reason = f.rules.map((rule) => e(t(language, ruleTitleKey(rule)))).join('<br>');
      const outcome = t(language, f.verdict === 'fails' ? 'users.file.csv.no' : 'users.file.csv.atRisk');
      parts.push(`<tr><td>${e(f.sipAddress)}</td><td>${e(f.displayName)}</td><td>${e(outcome)}</td><td>${e(f.rules.join(' '))}</td><td>${reason}</td></tr>`);
    }
    parts.push('</tbody></table>');
    // The failing list may itself be capped upstream (MAX_FAILING_SHOWN): count from the summary.
    const more = Math.max(s.failing + s.atRisk, input.failing.length) - Math.min(max, input.failing.length);
    if (more > 0) parts.push(`<p>${e(t(language, 'users.file.html.more', { count: more }))}</p>`);
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

/** A CSV line naming several users, as the CLI, the report and the screen say it: « ambiguous: 14 users match “vm”: A, B, C, … ». */
export function ambiguousLine(a: AmbiguousQuery, language: Language): string {
  const candidates = a.candidates.join(', ') + (a.count > a.candidates.length ? ', …' : '');
  return `${t(language, 'helpdesk.match.ambiguous', { count: a.count, query: a.query, candidates })} (${t(language, 'helpdesk.match.ambiguousHint')})`;
}
