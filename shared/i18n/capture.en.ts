/**
 * English strings of the version-aware capture: commands a session did not import, capture notes
 * per section, the lab endpoint's version profiles (endpoint text and `umc capture --lab-versions`).
 * Spread into en.ts; the same keys in capture.fr.ts.
 */
export const enCapture = {
  'ps.notAvailable': '{command} is not available to this account/version in the {shell}',
  'capture.note.unavailable': '{cmdlet} is not available to this account/version',
  'capture.note.unavailableBy': '{cmdlet} is not available to this account/version (provided by {providedBy})',
  // The roles are RBAC role names (Get-ManagementRole), kept as Exchange writes them.
  'capture.note.unavailableByRoles': '{cmdlet} is not available to this account/version (provided by {versions}; roles: {roles})',
  'capture.note.failed': '{cmdlet} failed: {detail}',
  'capture.note.failedOn': '{cmdlet} on {server} failed: {detail}',
  'capture.note.needsServers': '{cmdlet} is asked per Exchange server, and the server list (Get-ExchangeServer) was not read',
  'capture.note.needsOrganization': '{cmdlet} on the organization container needs the organization name (Get-OrganizationConfig), which was not read',
  'capture.note.localOnly': 'Get-CsCertificate answers for the server the session is on only ({server}): the certificates of the other Skype for Business servers were not read',
  'capture.note.presented':
    '{count, plural, one {# certificate} other {# certificates}} read from the TLS handshakes of {servers, plural, one {# other server} other {# other servers}} (SIP 5061, web 443), labelled with the server that presented them',
  'capture.note.presentedFailed': 'no certificate read from {server} port {port}: {detail}',
  'capture.note.unpaged': '{count, plural, one {# object} other {# objects}} under "{prefix}" read in one call',
  'capture.status.partial': 'partial',
  'capture.status.not-read': 'not read',
  'connections.form.error.lab': 'A lab profile is written lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (each part optional)',
  'cli.capture.section': 'warning: {section} ({status}): {text}',
  'cli.capture.labOptionsNeedLab': '--lab-versions and --lab-withhold need --endpoint lab',
  'cli.capture.badLabVersions': '--lab-versions {value}: expected exchange=2010|2013|2016|2019,skype=2013|2015|2019 (either or both)',
  'cli.capture.badLabWithhold': '--lab-withhold {value}: expected cmdlet names separated by commas (Get-UMService,Get-CsCertificate), at most 50',
  'profile.error.exchange.lab': 'The lab profile is not valid: lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (each part optional)',
  'profile.error.skype.lab': 'The lab profile is not valid: lab:?exchange=2010|2013|2016|2019&skype=2013|2015|2019&withhold=Cmdlet,Cmdlet (each part optional)',
} as const;
