/**
 * "Copy for the ticket": one opened user as plain text a helpdesk agent pastes into a ticket — the
 * user, the verdict, every reason (rule ID and text, blocking first) with its fix and the role that
 * applies it, then what on the call path puts the calls at risk, with the org finding's fix. In the
 * language on screen; plain text only (a ticket tool shows no markup), one line per fact, CRLF-free.
 * Pure: the Users screen's button copies what this returns.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type Language, type Params, renderMessage, translateDynamic } from '../i18n/translate';
import type { UserVerdict } from './user-model';

const OUTCOME_KEY = { works: 'helpdesk.ticket.outcome.works', fails: 'helpdesk.ticket.outcome.fails', 'at-risk': 'helpdesk.ticket.outcome.atRisk' } as const;

/** Errors first, then warnings, then the rest (the service's order kept within each), as the screen lists them. */
function blockingFirst(reasons: readonly Diagnostic[]): Diagnostic[] {
  const rank = (r: Diagnostic) => (r.severity === 'error' ? 0 : r.severity === 'warning' ? 1 : 2);
  return [...reasons].sort((a, b) => rank(a) - rank(b));
}

export function ticketText(v: UserVerdict, language: Language): string {
  const t = (key: string, params?: Params) => translateDynamic(language, key, params);
  const role = (d: Diagnostic) => (d.role ? [`   ${t('helpdesk.ticket.role', { role: t(`users.role.${d.role}`) })}`] : []);
  const fixes = (d: Diagnostic) => (d.fix.length === 0 ? [`   ${t('helpdesk.ticket.noFix')}`] : d.fix.map((command) => `   ${t('helpdesk.ticket.fix', { command })}`));
  const user = v.displayName && v.sipAddress ? `${v.displayName} <${v.sipAddress}>` : v.displayName || v.sipAddress;
  const lines = [t('helpdesk.ticket.user', { user }), t('helpdesk.ticket.verdict', { verdict: t(OUTCOME_KEY[v.verdict]) })];

  const reasons = blockingFirst(v.reasons);
  if (reasons.length === 0) lines.push(t('helpdesk.ticket.noReason'));
  else {
    lines.push(t('helpdesk.ticket.reasons'));
    reasons.forEach((r, i) => {
      lines.push(t('helpdesk.ticket.reason', { n: i + 1, rule: r.rule, severity: t(`helpdesk.severity.${r.severity}`), message: renderMessage(language, r.message) }));
      lines.push(...fixes(r), ...role(r));
    });
  }

  if (v.risks.length > 0) {
    lines.push(t('helpdesk.ticket.risks'));
    v.risks.forEach((r, i) => {
      const hop = t(`users.hop.kind.${r.hop}`);
      const message = renderMessage(language, r.message);
      if (r.finding) {
        lines.push(t('helpdesk.ticket.risk', { n: i + 1, rule: r.finding.rule, hop, message }));
        lines.push(...fixes(r.finding), ...role(r.finding));
      } else lines.push(t('helpdesk.ticket.hopRisk', { n: i + 1, hop, message }));
    });
  }
  return lines.join('\n') + '\n';
}
