/**
 * English strings of the lenient snapshot reader (docs/snapshot-format.md "What a reader skips"):
 * notes on objects and values it could not read, sections not read, and the rules not judged
 * because a section they need was not read. Spread into en.ts; the same keys in snapshot-read.fr.ts.
 */
export const enSnapshotRead = {
  'snapshot.note.object': '{section}[{index}] (unnamed)',
  'snapshot.note.objectNamed': '{section}[{index}] "{label}"',
  'snapshot.note.objectSkipped': '{object} was skipped: {problem}',
  'snapshot.note.valueSkipped': '{object}: {problem}; that value was left empty',
  'snapshot.note.moreSkipped': '{count, plural, one {# more object or value} other {# more objects or values}} of {section} could not be read',
  'snapshot.note.sectionAbsent': 'the snapshot has no section {section} ({command}): not read',
  'snapshot.note.sectionShape': 'section {section} is not an object with an "objects" array: not read',
  'snapshot.note.badStatus': 'section {section} has the unknown status {status}: taken as partial',
  'snapshot.note.badNote': 'note {index} of section {section} is not a readable note and was left out',
  'snapshot.note.duplicates': '{count, plural, one {# object returned more than once was} other {# objects returned more than once were}} counted once (same {key})',
  'snapshot.note.servicesUnknown':
    '{count, plural, one {# certificate arrived} other {# certificates arrived}} without Services (over remoting an ExchangeCertificate carries its RawData only): {count, plural, one {its} other {their}} UM and UMCallRouter bindings come from the UMCertificateThumbprint of Get-UMService and Get-UMCallRouterSettings; {count, plural, one {its} other {their}} other services are unknown over remoting',
  'snapshot.note.umBindingUnknown':
    'the UM bindings of {count, plural, one {# certificate} other {# certificates}} could not be read (no server, or no UMCertificateThumbprint from Get-UMService / Get-UMCallRouterSettings): {certificates}',
  'snapshot.noServer': 'the server is unknown (the object has none of {sources})',
  'snapshot.wrongRole': '{where} is a {role} service, not a {expected} service',
  'snapshot.expect.version': "an Exchange version (\"Version 15.1 (Build 2375.7)\" or '{'Major, Minor, Build, Revision'}')",
  // Names that cannot be host names (shared/model/host-name.ts; docs/snapshot-format.md "Host names").
  'snapshot.name.problem': '{where} {value} is not {form}: {reason}',
  'snapshot.name.form.host': 'a host name',
  'snapshot.name.form.address': 'an IP address or a host name',
  'snapshot.name.form.server': 'a server name',
  'snapshot.name.form.url': 'an http or https URL whose host is a host name',
  'snapshot.name.reason.empty': 'it is empty',
  'snapshot.name.reason.control': 'it holds the control character {char}',
  'snapshot.name.reason.space': 'it holds the white space {char}',
  'snapshot.name.reason.character': 'it holds the character {char}',
  'snapshot.name.reason.length': 'it is {length, plural, one {# character} other {# characters}} long, more than {max}',
  'snapshot.name.reason.label': 'a label between its dots is empty or longer than 63 characters',
  'snapshot.name.reason.ip': 'it is not an IPv6 address',
  'snapshot.name.reason.scheme': 'it does not start with http:// or https://',
  'snapshot.name.reason.port': 'its port is not a number from 1 to 65535',
  'checks.needs.notRead': 'not judged: {sections} not read',
  'cli.check.notJudged': 'Not judged ({count}): a section they need was not read',
  'cli.check.notJudgedRule': '{rule}  not judged: {sections} not read',
} as const;
