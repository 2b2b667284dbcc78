/**
 * The exports of "check everyone": a CSV with one row per checked user, and a
 * self-contained one-page HTML report for a change board (no script, no external resource, every
 * value escaped: user names come from the directory and may hold anything).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type Language, renderMessage, ruleTitleKey, translateDynamic } from '../i18n/translate';
import type { OrgSource } from '../model/org';
import type { FailingUser, PathRisk, UsersCheckSummary, VerdictOutcome } from './user-model';
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
 * One row per checked user: SIP address, name, the verdict (works / at risk / fails), rules (blocking
 * first, then the org rules putting the path at risk), the first cause's message and fix (a blocking
 * reason, else a risk), who must apply it. UTF-8 BOM (Excel then reads accents), CRLF; `;` in French
 * (Excel in a French locale splits on `;`), `,` in English.
 */
export function usersCsv(results: readonly UserResultRow[], language: Language): string {
  const sep = language === 'fr' ? ';' : ',';
  const header = ['sip', 'name', 'works', 'rules', 'message', 'fix', 'role'].map((c) => t(language, `users.file.csv.col.${c}`));
  const lines = [header.map((h) => csvCell(h, sep)).join(sep)];
  for (const r of results) {
    const blocking = r.reasons.find((x) => x.severity === 'error');
    const risk = r.risks[0];
    const first = blocking ?? (risk ? (risk.finding ?? null) : r.reasons[0]);
    const message = !blocking && risk ? renderMessage(language, risk.message) : first ? renderMessage(language, first.message) : '';
    const riskRules = [...new Set(r.risks.flatMap((x) => (x.finding ? [x.finding.rule] : [])))];
    const row = [
      r.sipAddress,
      r.displayName,
      t(language, r.verdict === 'works' ? 'users.file.csv.yes' : r.verdict === 'fails' ? 'users.file.csv.no' : 'users.file.csv.atRisk'),
      [...r.reasons.map((x) => x.rule), ...riskRules].join(' '),
      message,
      first?.fix[0] ?? '',
      first?.role ? t(language, `users.role.${first.role}`) : '',
    ];
    lines.push(row.map((c) => csvCell(c, sep)).join(sep));
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
      const first = f.rules[0];
      const reason = first ? t(language, ruleTitleKey(first)) : '';
      const outcome = t(language, f.verdict === 'fails' ? 'users.file.csv.no' : 'users.file.csv.atRisk');
      parts.push(`<tr><td>${e(f.sipAddress)}</td><td>${e(f.displayName)}</td><td>${e(outcome)}</td><td>${e(f.rules.join(' '))}</td><td>${e(reason)}</td></tr>`);
    }
    parts.push('</tbody></table>');
    // The failing list may itself be capped upstream (MAX_FAILING_SHOWN): count from the summary.
    const more = Math.max(s.failing + s.atRisk, input.failing.length) - Math.min(max, input.failing.length);
    if (more > 0) parts.push(`<p>${e(t(language, 'users.file.html.more', { count: more }))}</p>`);
  }
  parts.push('</body></html>');
  return parts.join('\n');
}
