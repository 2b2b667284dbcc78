/** English strings of the helpdesk search, ticket text and CSV matching; spread into en.ts. Same keys in helpdesk.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enHelpdesk = {
  // A search result's verdict, judged in main before the user is opened (the symbol is decoration: the word is read).
  'helpdesk.result.works': 'works',
  'helpdesk.result.fails': 'will not work',
  'helpdesk.result.atRisk': 'at risk',
  'helpdesk.result.unknown': 'open to judge',
  'helpdesk.result.label': 'Voice mail: {verdict}',

  // "Copy for the ticket": the opened user as plain text.
  'helpdesk.ticket.copy': 'Copy for the ticket',
  'helpdesk.ticket.copied': 'Copied',
  'helpdesk.ticket.manual': 'The clipboard refused the text: it is selected below, press Ctrl+C.',
  'helpdesk.ticket.user': 'User: {user}',
  'helpdesk.ticket.verdict': 'Verdict: {verdict}',
  'helpdesk.ticket.outcome.works': 'voice mail will work',
  'helpdesk.ticket.outcome.fails': 'voice mail will not work',
  'helpdesk.ticket.outcome.atRisk': 'voice mail is at risk',
  'helpdesk.ticket.reasons': 'Reasons, blocking first:',
  'helpdesk.ticket.noReason': 'Reasons: none.',
  'helpdesk.ticket.reason': '{n}. {rule} ({severity}): {message}',
  'helpdesk.ticket.fix': 'Fix: {command}',
  'helpdesk.ticket.noFix': 'Fix: no single cmdlet, see the reason.',
  'helpdesk.ticket.role': 'Applied by: {role}',
  'helpdesk.ticket.risks': 'Risks on the call path:',
  'helpdesk.ticket.risk': '{n}. {rule} at the hop “{hop}”: {message}',
  'helpdesk.ticket.hopRisk': '{n}. Hop “{hop}”: {message}',
  'helpdesk.severity.error': 'blocking',
  'helpdesk.severity.warning': 'warning',
  'helpdesk.severity.info': 'information',

  // The CSV export: one line per reason.
  'helpdesk.csv.col.verdict': 'Voice mail',
  'helpdesk.csv.col.rule': 'Rule',
  'helpdesk.csv.col.severity': 'Severity',
  'helpdesk.csv.col.hop': 'Hop of the call path',
  'helpdesk.csv.atRisk': 'at risk',

  // One matcher for `umc user`, `umc users check --csv` and the CSV dropped on the Users screen.
  'helpdesk.match.none': 'no user matches “{query}”',
  'helpdesk.match.ambiguous': 'ambiguous: {count, plural, one {# user matches} other {# users match}} “{query}”: {candidates}',
  'helpdesk.match.ambiguousHint': 'not checked: give the whole SIP address or e-mail address on that line',
  'helpdesk.match.several': '{count, plural, one {# user matches} other {# users match}} “{query}”: each verdict follows.',
  'helpdesk.match.severalShown': '{count, plural, one {# user matches} other {# users match}} “{query}”: {shown, plural, one {the first follows} other {the first # follow}}.',
  'helpdesk.report.ambiguous': 'Ambiguous CSV lines, not checked: {count}',
  'helpdesk.report.notFound': 'CSV lines matching no user: {count}',
  'helpdesk.report.csvWritten': 'CSV written to {file}',
} as const;
