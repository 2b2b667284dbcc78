/** English strings of `umc user` / `umc users check`; spread into en.ts. Same keys in users-service.fr.ts. */
export const enUsersService = {
  'cli.users.usage': 'users needs check: umc users check [--csv FILE] [--json] [--out report.html]',
  'cli.users.query': 'user needs one QUERY: a name, SIP address, e-mail address, extension or phone number (prefix)',
  'cli.users.sourceConflict': '--snapshot cannot be used with --exchange and --skype',
  'cli.users.noMatch': 'no user matches {query}',
  'cli.users.works': 'Voice mail will work.',
  'cli.users.fails': 'Voice mail will not work: {reason}',
  'cli.users.fix': 'fix:',
  'cli.users.who': 'who:',
  'cli.users.summary': '{checked} users checked: {working} will work, {failing} will not',
  'cli.users.notFound': 'no user matches {query} (from the CSV)',
  'cli.users.reportWritten': 'report written to {file}',
  'users.export.noCheck': 'Nothing to export yet: run a check first',
  'users.error.notFound': 'No user {sip} in {source}: search again (the org may have changed)',
} as const;
