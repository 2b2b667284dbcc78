/**
 * English strings of the SSH host-key check of `lab+ssh://` endpoints (main/services/live/known-hosts.ts):
 * the refusals, the Connections screen's approval, `umc known-hosts`. Spread into en.ts; the same keys
 * in known-hosts.fr.ts.
 */
export const enKnownHosts = {
  'knownHosts.unknown': 'The host key of {host} is not known: {fingerprints}. Compare it with the server’s own key before approving it.',
  'knownHosts.changed':
    'The host key of {host} changed (was {was}, now {now}): possible man-in-the-middle. The console does not connect; if the change is expected, remove the old key, then approve the new one.',
  'knownHosts.error.host': '{host} is not a host name or IP address',
  'knownHosts.error.port': '{port} is not a port (1 to 65535)',
  'knownHosts.error.hostPort': '{text}: write HOST:PORT (an IPv6 address as [ADDRESS]:PORT)',
  'knownHosts.error.fingerprint': '{fingerprint} is not a host key fingerprint (SHA256: followed by 43 characters, as ssh-keygen -l prints it)',
  'knownHosts.error.noKeyscan': 'ssh-keyscan was not found (it comes with the OpenSSH client): the host key cannot be checked',
  'knownHosts.error.scan': '{host} presented no host key (no SSH server answered)',
  'knownHosts.error.read': 'the known-hosts file {file} cannot be read: {reason}',
  'knownHosts.error.write': 'the known-hosts file {file} cannot be written: {reason}',
  'knownHosts.error.noFile': 'no known-hosts file is configured for the lab endpoint over SSH',
  'knownHosts.error.removeFirst': '{host} already has another known key ({was}): remove it first, then approve the new one',
  'knownHosts.error.stale': 'the host key of {host} is no longer {fingerprint} (it is now {now}): nothing was approved; compare the new key before approving it',
  'knownHosts.error.notKnown': 'no key is known for {host}',
  'knownHosts.ui.approve': 'Approve this key',
  'knownHosts.ui.approveQuestion': 'Trust {fingerprint} as the host key of {host}? From then on ssh accepts only this key for this host.',
  'knownHosts.ui.remove': 'Remove the old key',
  'knownHosts.ui.removeQuestion': 'Remove the known key of {host}? The next connection will show the new key for approval.',
  'knownHosts.ui.confirm': 'Confirm',
  'knownHosts.ui.cancel': 'Cancel',
  'knownHosts.ui.approved': 'Approved: {fingerprint} for {host}. Connecting again…',
  'knownHosts.ui.removed': 'The old key of {host} was removed. Connecting again to show the new key…',
  'cli.knownHosts.approveHint': 'to approve it: umc known-hosts approve {host} --fingerprint {fingerprint}',
  'cli.knownHosts.removeHint': 'if the change is expected: umc known-hosts remove {host}, then connect again to approve the new key',
  'cli.knownHosts.approved': 'approved {fingerprint} ({label}) for {host} in {file}',
  'cli.knownHosts.removed': 'removed {count, plural, one {# key} other {# keys}} of {host} from {file}',
  'cli.knownHosts.none': 'no known host keys in {file}',
  'cli.knownHosts.unknownCommand': 'unknown known-hosts command {command}: use list, approve HOST:PORT --fingerprint SHA256:…, or remove HOST:PORT',
  'cli.knownHosts.needsHost': 'known-hosts {command} needs HOST:PORT',
  'cli.knownHosts.needsFingerprint': 'known-hosts approve needs --fingerprint SHA256:… (the fingerprint the refused connection printed)',
  'cli.knownHosts.usage':
    'Usage:\n  umc known-hosts list [--json] [--lang en|fr]\n  umc known-hosts approve HOST:PORT --fingerprint SHA256:… [--lang en|fr]\n  umc known-hosts remove HOST:PORT [--lang en|fr]\n\nThe console’s own SSH known-hosts file for lab+ssh:// endpoints (in the user data folder). ssh checks\nhost keys strictly against it: a host not known yet, or whose key changed, is refused with its fingerprint.\n  list               the known keys: HOST:PORT, type, SHA256 fingerprint\n  approve            reads the server’s keys again and trusts the one with this fingerprint; refused if the\n                     server no longer presents it, or if the host already has another key (remove it first)\n  remove             forgets every key of the host (after an expected key change)\nApprovals and removals are written to the audit log. Exit code: 0 done, 2 refused or bad input.',
} as const;
