/** The Connections screen's channels: saved profiles, the two shells, reading the org again, Test connection. */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import type { OrgSummary } from '../model/org-channels';
import type { ConnectionTestReport } from './connection-test';
import type { ConnectionsView } from './profile';

/**
 * A profile as the renderer sends it. `password` is write-only: absent keeps the stored one,
 * `''` removes it; it never comes back (ConnectionProfileView.hasSecret says whether one is kept).
 */
export const ProfileInput = z.strictObject({
  id: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  name: z.string().trim().min(1).max(100),
  exchange: z.string().trim().min(1).max(400),
  skype: z.string().trim().min(1).max(400),
  authentication: z.enum(['kerberos', 'credential']),
  userName: z.string().trim().max(256).nullable().optional(),
  password: z.string().max(1024).optional(),
  forest: z.string().trim().max(100).nullable().optional(),
  role: z.enum(['admin', 'helpdesk']).optional(),
});
export type ProfileInput = z.infer<typeof ProfileInput>;

export const CONNECTION_CHANNELS = {
  'connections.list': channel<ConnectionsView>()(noPayload),
  'connections.save': channel<ConnectionsView>()(z.strictObject({ profile: ProfileInput })),
  'connections.delete': channel<ConnectionsView>()(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) })),
  /** Starts opening both shells of the profile and returns at once; the status follows in connections.list. */
  'connections.connect': channel<ConnectionsView>()(z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) })),
  /** Closes both shells (Remove-PSSession) and goes back to the lab org. */
  'connections.disconnect': channel<ConnectionsView>()(noPayload),
  /** Reads the whole org again from the open shells; every screen then shows it. */
  'connections.refresh': channel<OrgSummary>()(noPayload),
  /**
   * Test connection: the prerequisites of a live connection (WSMan client, Kerberos and IP addresses,
   * the jump host in the domain, the pool's certificate and CRLs, the account's roles), each with its
   * fix, rendered in the console's language. A saved profile by id, or the form's fields unsaved.
   */
  'connections.test': channel<ConnectionTestReport>()(z.union([z.strictObject({ id: z.string().regex(/^[a-z0-9-]{1,64}$/) }), z.strictObject({ profile: ProfileInput })])),
} as const;
