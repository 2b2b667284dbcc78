/** English strings of the command line: help, version, errors, umc check output; spread into en.ts. Same keys in cli.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enCli = {
  // `umc` alone: a few lines, and where the rest is.
  'cli.help.short':
    'Usage: umc COMMAND [OPTIONS]\n  umc check            check the lab org (or --snapshot FILE) against the rule catalogue\n  umc user QUERY       will this user’s voice mail work?\n  umc fix RULE-ID      apply the console’s fix of a rule\n\numc --help for every command; umc COMMAND --help for its options and exit codes.',
  // `umc --help`: every command, one line each.
  'cli.help.all':
    'Usage: umc COMMAND [OPTIONS]    (umc COMMAND --help: the options and exit codes of one command)\n\nCommands:\n  umc check [--lab | --snapshot FILE] [--trusted-roots FILE] [--json] [--out report.html|report.csv]\n                       judge the org against the rule catalogue: summary, errors by impact, warnings\n  umc fix RULE-ID|--all [--dry-run] [--yes]\n                       apply the console’s fixes (the lab copy by default)\n  umc checklist        the deployment steps, each done, not done, partly done or not judged\n  umc capture --endpoint lab | --exchange SERVER --skype POOL  --out FILE\n                       read an org through PowerShell and write a snapshot file\n  umc connect-test --exchange SERVER --skype POOL\n                       what a live connection needs, each with its fix\n  umc known-hosts list | approve HOST:PORT --fingerprint SHA256:… | remove HOST:PORT\n                       the SSH host keys of lab+ssh:// endpoints\n  umc cert inspect FILE...\n                       read certificate files offline: chain, names, key, findings\n  umc probe TARGET...  SIP OPTIONS to each target\n  umc contacts list | export FILE.csv | import FILE.csv\n                       Exchange UM contact objects\n  umc user QUERY       will this user’s voice mail work? the verdict, the reasons and the fix\n  umc users check      the same for everyone, or for the users a CSV names\n  umc --version        the version of the console\n\nOptions every command takes:\n  --lang en|fr         language of the messages (default: the system’s, from LC_ALL, LC_MESSAGES or LANG)\n  --help, -h           help on the command\n\nExit codes: 0 done and nothing wrong, 1 something wrong was found, 2 bad input or a failure\n(one line on stderr), 130 interrupted.',
  'cli.help.check':
    'Usage: umc check [--lab | --snapshot FILE] [--trusted-roots FILE] [--json] [--out report.html|report.csv] [--lang en|fr]\n\nJudges the org against the rule catalogue. Prints the summary first, then the errors ranked by what\nthey break (users without voice mail, numbers unreachable, calls dropped), then the warnings and the\ninformation, each with its fix.\n  --lab                check the lab org (the default): your copy once the console or umc fix wrote to it\n  --snapshot FILE      check a snapshot file captured by the console\n  --trusted-roots FILE PEM bundle of the roots the servers trust (their Cert:\\LocalMachine\\Root), to judge\n                       the root of the UM certificate (R-X-01)\n  --json               print JSON for scripts\n  --out FILE           also write the findings as a report: FILE.html (one page) or FILE.csv (Excel-ready)\n  --lang en|fr         language of the messages\n\nExit codes: 0 no error finding, 1 at least one error finding, 2 bad input (one line on stderr).',
  'cli.help.fix':
    'Usage: umc fix RULE-ID|--all [--dry-run] [--yes] [--json] [--snapshot FILE | --exchange SERVER --skype POOL [--user DOMAIN\\user]] [--lang en|fr]\n\nApplies the console’s fixes: the lab copy by default, so the next umc check sees them; a snapshot file is\nread-only. Each plan is previewed, checked against the org read again, applied, written to the audit log.\n  RULE-ID              every finding of that rule\n  --all                every finding a cmdlet fixes, in rounds until none is left\n  --dry-run            preview only: each plan’s commands, changes, what happens meanwhile, -WhatIf\n  --yes                apply without asking (scheduled runs)\n  --json               print JSON for scripts\n  --exchange SERVER --skype POOL [--user DOMAIN\\user]\n                       live servers; the password comes from UMC_PASSWORD or is asked for in a terminal\n\nExit codes: 0 no finding a cmdlet fixes is left, 1 some are left or a step did not apply, 2 bad input,\n130 interrupted (between two steps).',
  'cli.help.checklist':
    'Usage: umc checklist [--snapshot FILE | --exchange SERVER --skype POOL [--user DOMAIN\\user]] [--json] [--lang en|fr]\n\nThe deployment steps, each done, not done, partly done or not judged, with the rules behind it\n(docs/checklist.md). The lab org by default.\n  --snapshot FILE      a snapshot file instead of the lab\n  --exchange SERVER --skype POOL [--user DOMAIN\\user]\n                       live servers (read only)\n  --json               print JSON for scripts\n\nExit codes: 0 every step is done, 1 some step is not, 2 bad input.',
  'cli.help.capture':
    'Usage: umc capture (--endpoint lab | --exchange SERVER --skype POOL [--user DOMAIN\\user] [--ssh-key FILE]) --out FILE [--lang en|fr]\n\nReads the org through PowerShell and writes a snapshot file the console and umc check read.\n  --endpoint lab       the built-in lab endpoint (no server needed)\n  --exchange SERVER    Exchange server FQDN or PowerShell URI\n  --skype POOL         Skype for Business pool FQDN or PowerShell URI\n  --out FILE           the snapshot file to write\n  --user DOMAIN\\user    a credential instead of Kerberos; the password comes from UMC_PASSWORD or is asked\n                       for in a terminal, never on the command line\n  --ssh-key FILE       the private key of lab+ssh://user@host:port endpoints\n  --lab-versions exchange=2010|2013|2016|2019,skype=2013|2015|2019\n                       the versions the lab endpoint stands for\n  --lab-withhold Cmdlet,Cmdlet\n                       cmdlets the lab endpoint does not import, as a role assignment would\n\nExit codes: 0 file written (a partial read too: the notes on stderr), 2 bad input or a failed capture,\n130 interrupted (the sessions are closed, no file written).',
  'cli.help.cert':
    'Usage: umc cert inspect FILE... [--password-file F] [--trusted-roots PEM] [--fqdn NAME] [--purpose um|skype-frontend|oauth|gateway] [--json] [--lang en|fr]\n       umc cert export FILE [--index N] --format pem|der --out OUT [--password-file F]\n\nReads certificate files offline (.cer .crt .pem .der .p7b .p7c .pfx .p12): subject, issuer, validity,\nnames, key, usages, chain, and the findings of the certificate rules.\n  --password-file F    the PFX password, from the first line of F (never on the command line; without it,\n                       a terminal asks for it without echo; or the UMC_PFX_PASSWORD environment variable)\n  --trusted-roots PEM  the roots the servers trust, to judge whether each chain ends at one\n  --fqdn NAME          judge the names against this server FQDN\n  --purpose P          um, skype-frontend, oauth or gateway; also prints what stops on expiry and the renewal steps\n  --json               print JSON for scripts\n  export               writes certificate N of FILE (as inspect numbers them, default 1) to OUT as PEM or DER;\n                       never the private key\n\nExit codes: 0 no error finding, 1 an error finding, 2 a file unreadable (the others are still reported)\nor bad input.',
  'cli.help.probe':
    'Usage: umc probe TARGET... [--timeout MS] [--concurrency N] [--ca FILE] [--client-cert F --client-key F] [--json] [--lang en|fr]\n\nSends SIP OPTIONS to each TARGET: sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT].\n  --timeout MS         per target, DNS included (default 5000)\n  --concurrency N      targets probed at once (default 128)\n  --ca FILE            PEM CA bundle to verify TLS peers (default: the system store)\n  --client-cert F      PEM client certificate for mutual TLS, with --client-key F\n  --json               print JSON for scripts\n\nExit codes: 0 every target answered, 1 some did not, 2 a malformed target or option (the others are\nstill probed).',
  'cli.help.contacts':
    'Usage: umc contacts list [--json] | export FILE.csv | import FILE.csv [--dry-run] [--yes] [--stop-on-error]\n                    [--exchange SERVER --skype POOL [--user DOMAIN\\user]] [--lang en|fr]\n\nExchange UM contact objects (Subscriber Access, auto attendants): the lab org by default, live servers\nwith --exchange and --skype.\n  list                 every contact and every Exchange number without one, with its status\n  export FILE.csv      the contacts as CSV (UTF-8, Excel-ready)\n  import FILE.csv      previews every row (its exact cmdlets), asks, then applies; rows already in place\n                       are skipped\n  --dry-run            preview only\n  --yes                apply without asking (scheduled runs)\n  --stop-on-error      stop at the first refused row (default: go on)\n\nExit codes: 0 done (import: every row applied), 1 some rows refused, 2 bad input.',
  'cli.help.user':
    'Usage: umc user QUERY [--json] [--snapshot FILE | --exchange SERVER --skype POOL [--user DOMAIN\\user]] [--lang en|fr]\n\nWill this user’s voice mail work? The verdict, its reasons (R-U-…), the risks on the call path, the fix\nand who applies it.\n  QUERY                a name, SIP address, e-mail address, extension or phone number (prefix); every\n                       match is listed\n  --json               print JSON for scripts\n  --snapshot FILE      a snapshot file instead of the lab\n  --exchange SERVER --skype POOL [--user DOMAIN\\user]\n                       live servers (read only)\n\nExit codes: 0 every user found will work, 1 some will not or are at risk, 2 bad input or no match.',
  'cli.help.users':
    'Usage: umc users check [--csv FILE] [--json] [--out report.html|report.csv] [--snapshot FILE | --exchange SERVER --skype POOL [--user DOMAIN\\user]] [--lang en|fr]\n\nChecks every user (or the users a CSV names) as umc user does, and counts the reasons.\n  --csv FILE           check only the users the CSV names (first column), matched as umc user matches\n  --out FILE.html|FILE.csv\n                       also write a one-page HTML report, or a CSV with one line per reason\n  --json               print JSON for scripts\n  --snapshot FILE      a snapshot file instead of the lab\n\nExit codes: 0 every user will work, 1 some will not or are at risk, 2 bad input.',
  'cli.internalError': 'internal error: {message}',
  // The short status words of connect-test's lines, padded into a column.
  'cli.status.ok': 'OK',
  'cli.status.warning': 'WARN',
  'cli.status.error': 'ERROR',
  'cli.status.not-judged': '--',
  'cli.version': 'umc {version} (UM Integration Console)',
  'cli.unknownCommandHelp': 'unknown command {command} (umc --help lists every command)',
  'cli.didYouMean': 'unknown command {command}: did you mean {suggestion}? (umc --help lists every command)',
  // umc check: the summary first, then one section per severity.
  'cli.check.summary':
    '{count, plural, =0 {No finding} one {# finding} other {# findings}}: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}, {infos, plural, other {# info}}',
  'cli.check.section.error': '{count, plural, one {# error} other {# errors}}, the largest impact first',
  'cli.check.section.warning': '{count, plural, one {# warning} other {# warnings}}',
  'cli.check.section.info': '{count, plural, other {# info}}',
  'cli.check.users': '{count, plural, one {# user has no voice mail because of this} other {# users have no voice mail because of this}}',
  'cli.check.numbers': '{count, plural, one {# Subscriber Access or auto attendant number is unreachable} other {# Subscriber Access or auto attendant numbers are unreachable}}',
  'cli.check.calls': 'Calls are dropped',
  'cli.check.fixWith': '`umc fix {rule}` applies this fix',
  'cli.check.fixLabel': 'Fix:',
  'cli.check.certificatesHeading': '{count, plural, one {# certificate in use breaks a certificate rule} other {# certificates in use break a certificate rule}}',
  'cli.check.notJudgedHeading': '{count, plural, one {Not judged (#): a section it needs was not read} other {Not judged (#): a section they need was not read}}',
  'cli.check.written': 'Report written: {file} ({count, plural, one {# finding} other {# findings}})',
  'cli.check.outFormat': '--out {file}: the report is FILE.html or FILE.csv',
  'cli.check.outDirectory': 'cannot write {file}: the directory {dir} does not exist',
  'cli.check.warningLine': 'warning: {text}',
  // The findings report (umc check --out, the Checks screen's export).
  'checks.report.title': 'UM Integration Console: findings',
  'checks.report.generated': 'Generated {when}',
  'checks.report.source': 'Source: {source}, read {readAt}',
  'checks.report.totals':
    '{count, plural, =0 {No finding} one {# finding} other {# findings}}: {errors, plural, one {# error} other {# errors}}, {warnings, plural, one {# warning} other {# warnings}}, {infos, plural, other {# info}}',
  'checks.report.none': 'No finding: every rule the data allows judging passed.',
  'checks.report.ranked': 'Errors first, each severity ranked by what the finding breaks.',
  'checks.report.col.severity': 'Severity',
  'checks.report.col.rule': 'Rule',
  'checks.report.col.title': 'Finding',
  'checks.report.col.objects': 'Objects',
  'checks.report.col.message': 'What is wrong',
  'checks.report.col.users': 'Users without voice mail',
  'checks.report.col.numbers': 'Numbers unreachable',
  'checks.report.col.calls': 'Calls dropped',
  'checks.report.col.fixKind': 'Fixed by',
  'checks.report.col.fix': 'Fix',
  'checks.report.yes': 'yes',
  'checks.report.no': 'no',
  'checks.report.fixKind.cmdlet': 'umc fix or the Fix… button',
  'checks.report.fixKind.manual': 'by hand',
  'checks.report.notJudged': '{count, plural, one {# rule not judged: a section it needs was not read} other {# rules not judged: a section they need was not read}}',
  // The Checks screen.
  'checks.ui.count': '{count, plural, one {# finding} other {# findings}}',
  'checks.ui.export': 'Export',
  'checks.ui.exportHtml': 'HTML report…',
  'checks.ui.exportCsv': 'CSV (Excel)…',
  'checks.ui.exportCancelled': 'Export cancelled.',
  'checks.ui.exportFailed': 'The export failed: {message}',
  'checks.ui.exported': '{count, plural, one {# finding written to {path}} other {# findings written to {path}}}',
} as const;
