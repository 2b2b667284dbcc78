/** English strings of the gateway monitor kept across restarts, its findings and the per-target TLS profile; spread into en.ts. Same keys in gateway-history.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enGatewayHistory = {
  'rule.monitor.addressChanged.title': 'SIP peer address changed since first seen',
  'gatewayHistory.finding.notAnswering':
    '{gateway} ({target}) did not answer its last SIP OPTIONS ({answer, select, sipError {SIP error} timeout {no answer in time} refused {connection refused} dnsError {name not resolved} tlsError {TLS handshake failed} protocolError {not a SIP answer} other {{status}}}, address {lastAddress}): Exchange UM logs event 1088 (1400 on some builds) and routes no call through it. Evidence: the gateway monitor, last probe {minutes, plural, =0 {less than a minute ago} one {# minute ago} other {# minutes ago}}.',
  'gatewayHistory.finding.sharedAddress':
    '{gateway} ({target}) resolves to {address}, also the address of {others}: Exchange UM cannot tell two trusted peers apart on one address and logs event 1175. Evidence: the gateway monitor, last probe {minutes, plural, =0 {less than a minute ago} one {# minute ago} other {# minutes ago}}.',
  'gatewayHistory.finding.addressChanged':
    '{gateway} ({host}) now resolves to {after}, not {before} as when first seen: Exchange UM keeps the first address until MSExchangeUM and MSExchangeUMCR restart. Evidence: the gateway monitor, last probe {minutes, plural, =0 {less than a minute ago} one {# minute ago} other {# minutes ago}}.',
  'gatewayHistory.notice.refused':
    'The gateway monitor history kept in {file} could not be used (not this console’s file, another version, or damaged): the history starts empty and the next probe replaces the file.',
  'gatewayHistory.kept': 'Kept from earlier runs: {count, plural, one {# target} other {# targets}}, last probe {time}',
  'gatewayHistory.cli.monitorHistory':
    'Gateway monitor: {fresh, plural, one {# SIP peer judged} other {# SIP peers judged}} from {file}, last probe {minutes, plural, =0 {less than a minute ago} one {# minute ago} other {# minutes ago}}',
  'gatewayHistory.cli.monitorStale': 'Gateway monitor: the history in {file} is older than {hours, plural, one {# hour} other {# hours}} (last probe {time}): R-G-10 still needs a probe',
  'gatewayHistory.cli.monitorRefused': 'Gateway monitor history {file} not used: {reason}',
  'gatewayHistory.cli.notFound': '--monitor-history {file}: no such file',
  'gatewayHistory.cli.refusedFile': '--monitor-history {file} is not a gateway monitor history of this console: {reason}',
  'gatewayHistory.cli.monitorHistoryOption':
    '--monitor-history FILE  the gateway monitor history to judge R-G-10, R-G-08 on FQDNs and addresses changed\n                       since first seen (default: the console’s own, in the user-data folder); evidence\n                       older than 2 hours is not used (docs/live-sessions.md, "Gateways over time")',
  'gatewayHistory.profile.unreadable': '{what, select, ca {The CA bundle} other {The client certificate}} {file} of the TLS profile cannot be read ({detail})',
  'gatewayHistory.profile.badPfx': '{file} does not open as a PKCS#12 (PFX) client certificate with the password given ({detail})',
  'gatewayHistory.profile.empty': 'A TLS profile for {target} needs a CA bundle, a client certificate, or both',
  'gatewayHistory.profile.notTls': '{target} is not a TLS target: a TLS profile applies to sips: and ;transport=tls targets only',
  'gatewayHistory.profile.button': 'TLS profile…',
  'gatewayHistory.profile.title': 'TLS profile of {target}',
  'gatewayHistory.profile.help':
    'The probe of this target trusts the CAs of the bundle (instead of the system’s roots) and presents the client certificate when the peer asks for one. The password goes to the secret store and is never shown again.',
  'gatewayHistory.profile.caFile': 'CA bundle to trust (PEM file)',
  'gatewayHistory.profile.clientPfx': 'Client certificate for mutual TLS (PFX file)',
  'gatewayHistory.profile.password': 'PFX password',
  'gatewayHistory.profile.passwordKept': 'A password is kept in the secret store: leave empty to keep it',
  'gatewayHistory.profile.choose': 'Choose…',
  'gatewayHistory.profile.save': 'Save',
  'gatewayHistory.profile.remove': 'Remove the profile',
  'gatewayHistory.profile.cancel': 'Cancel',
  'gatewayHistory.profile.summaryCa': 'CA bundle {file} ({count, plural, one {# certificate} other {# certificates}})',
  'gatewayHistory.profile.summaryPfx': 'client certificate {file}',
  'gatewayHistory.profile.none': 'system roots, no client certificate',
  'gatewayHistory.explain.tlsUntrusted':
    'the certificate of {host} ({subject}) is not trusted ({detail}): the CA that issued it is unknown — name its CA bundle in the target’s TLS profile…, or install that CA in the trusted roots',
  'gatewayHistory.explain.tlsClientCert':
    '{address}:{port} refused the TLS session at the client certificate ({detail}): the peer requires a client certificate issued by a CA it trusts (mutual TLS) — give one (PFX) in the target’s TLS profile…, or check that its issuer is in the peer’s trusted roots',
} as const;
