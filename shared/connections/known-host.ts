/**
 * SSH host keys of `lab+ssh://` endpoints as the Connections screen and the CLI see them: the console's
 * known-hosts file (main/services/live/known-hosts.ts; docs/live-sessions.md, "SSH host keys"). Pure.
 */

/** A host name, an IPv4 address or an IPv6 address: never an ssh option (`-…`), a pattern or a list. */
export const SSH_HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}))*|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]+)$/;

/** ssh-keygen's SHA256 fingerprint: `SHA256:` and 43 characters of unpadded base64 (https://man.openbsd.org/ssh-keygen.1, -l, -E). */
export const SSH_FINGERPRINT = /^SHA256:[A-Za-z0-9+/]{43}$/;

/** One key of the known-hosts file. */
export interface KnownHostKeyView {
  readonly host: string;
  readonly port: number;
  /** `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`… */
  readonly type: string;
  /** `ED25519`, `ECDSA`, `RSA`. */
  readonly label: string;
  readonly fingerprint: string;
}

/**
 * Why a shell did not open: the server's host key is not known yet (approve it), or differs from the
 * known one (remove the old one first: possible man-in-the-middle). `fingerprint` is the key the server
 * presents now, the one an approval names.
 */
export interface HostKeyProblem {
  readonly kind: 'unknown' | 'changed';
  readonly host: string;
  readonly port: number;
  readonly fingerprint: string;
}
