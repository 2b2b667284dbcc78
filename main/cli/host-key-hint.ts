/**
 * What the CLI adds to a refused `lab+ssh://` host key: the `umc known-hosts` command that answers it
 * (docs/live-sessions.md, "SSH host keys"), for capture's and connect-test's stderr.
 */
import { resolveEndpoint, SHELLS, type ShellName } from '../../shared/connections/profile';
import { type Language, translate, UserError } from '../../shared/i18n/translate';
import { HOST_KEY_CHANGED, HOST_KEY_UNKNOWN, type HostKeyScanner, readKnownHostKeys, verifyAgainst } from '../services/live/known-hosts';

/** The command that answers a host-key refusal, for the CLI's stderr (capture, connect-test); null for any other error. */
export function hostKeyHint(e: unknown, language: Language): string | null {
  if (!(e instanceof UserError)) return null;
  const p = e.detail.params ?? {};
  if (e.detail.key === HOST_KEY_UNKNOWN) return translate(language, 'cli.knownHosts.approveHint', { host: String(p.host), fingerprint: String(p.fingerprint) });
  if (e.detail.key === HOST_KEY_CHANGED) return translate(language, 'cli.knownHosts.removeHint', { host: String(p.host) });
  return null;
}

/**
 * connect-test reports a refused open among its checks; this says, on stderr, the command that
 * answers a host-key refusal of a `lab+ssh://` endpoint (the same check the open ran).
 */
export async function hostKeyHintsFor(endpoints: Readonly<Record<ShellName, string>>, knownHostsFile: string, language: Language, scan?: HostKeyScanner): Promise<string[]> {
  const hints = new Set<string>();
  for (const shell of SHELLS) {
    const r = resolveEndpoint(shell, endpoints[shell]);
    if (!r.ok || r.endpoint.kind !== 'lab-ssh') continue;
    const { host, port } = r.endpoint;
    const hint = await readKnownHostKeys(knownHostsFile, host, port)
      .then((known) => verifyAgainst(known, host, port, scan))
      .then(
        () => null,
        (e: unknown) => hostKeyHint(e, language),
      );
    if (hint) hints.add(hint);
  }
  return [...hints];
}
