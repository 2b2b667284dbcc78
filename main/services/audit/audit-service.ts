/**
 * The audit log as the Audit screen reads it: the newest entries, and the whole log exported as
 * JSON where the user chooses. Writing entries is the contact writer's (main/services/contacts).
 */
import type { AuditView } from '../../../shared/audit/audit-model';
import type { FileDialogs } from '../live/connections-service';
import type { AuditLog } from './audit-log';

export interface AuditService {
  /** Newest first, at most `limit` entries (the log's default when omitted). */
  list(limit?: number): Promise<AuditView>;
  /** Every verified entry to a file the user chooses; path null when they cancelled. */
  export(): Promise<{ readonly path: string | null; readonly entries: number }>;
}

export function createAuditService(deps: { readonly log: AuditLog; readonly dialogs: FileDialogs }): AuditService {
  return {
    list: (limit) => deps.log.read(limit),
    async export() {
      const path = await deps.dialogs.chooseSavePath('umc-audit.json');
      if (!path) return { path: null, entries: 0 };
      return { path, entries: await deps.log.exportTo(path) };
    },
  };
}
