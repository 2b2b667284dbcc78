/** The audit log of changes: the latest entries, and the whole log saved where the user chooses. */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import type { AuditView } from './audit-model';

export const AUDIT_CHANNELS = {
  'audit.list': channel<AuditView>()(z.strictObject({ limit: z.number().int().min(1).max(10_000).optional() })),
  'audit.export': channel<{ readonly path: string | null; readonly entries: number }>()(noPayload),
} as const;
