/**
 * The Connections screen's SSH host-key channels (`lab+ssh://` endpoints): the known keys, approving the
 * key a refused connection showed, removing a host's old key. Approve and remove change the console's
 * known-hosts file: write channels (shared/contract/channels.ts WRITE_CHANNELS), audited by the service.
 */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import { type KnownHostKeyView, SSH_FINGERPRINT, SSH_HOST } from './known-host';

const hostPort = {
  host: z.string().max(253).regex(SSH_HOST),
  port: z.number().int().min(1).max(65535),
};

export const KNOWN_HOST_CHANNELS = {
  'connections.knownHosts': channel<readonly KnownHostKeyView[]>()(noPayload),
  /**
   * Trusts the key with this fingerprint — the one the admin saw and confirmed — as the host's key. The
   * service reads the server's keys again and refuses when it no longer presents that key, or when the
   * host already has another known key.
   */
  'connections.approveHostKey': channel<KnownHostKeyView>()(z.strictObject({ ...hostPort, fingerprint: z.string().regex(SSH_FINGERPRINT) })),
  /** Forgets every known key of the host (the explicit step after an expected key change). */
  'connections.removeHostKey': channel<{ readonly removed: number }>()(z.strictObject(hostPort)),
} as const;
