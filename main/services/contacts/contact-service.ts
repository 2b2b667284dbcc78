/**
 * The contact editor's channels in one place, assembled from the services of one concern each
 * (created in main/compose.ts): the list (contact-list.ts), a change validated, previewed and applied
 * (contact-editor.ts, through contact-writer.ts), the CSV import previewed (contact-import-planner.ts)
 * and run (contact-import-runner.ts), the CSV export (contacts-export.ts), the audit log
 * (main/services/audit/audit-service.ts) and the lab org's writable copy (lab-copy.ts).
 *
 * Safety: a preview binds its exact commands to a single-use token (preview-tokens.ts); apply re-reads
 * the object first and refuses when it changed since it was shown (no lost update); every command is
 * written to the audit log before it is sent (intent) and after (outcome).
 */
import type { AuditView } from '../../../shared/audit/audit-model';
import type { ContactApplyResult, ContactPreview, ContactsScreen, ImportPreview, ImportProgress } from '../../../shared/contacts/contact-channels';
import type { ContactOperation, ContactsView } from '../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import { UserError } from '../../../shared/i18n/translate';
import type { AuditService } from '../audit/audit-service';
import type { OrgService } from '../org-service';
import type { ContactEditor, StoredPreview } from './contact-editor';
import type { ContactImportPlanner, ImportPlan } from './contact-import-planner';
import type { ContactImportRunner } from './contact-import-runner';
import type { ContactList } from './contact-list';
import type { ContactsExport } from './contacts-export';
import type { DirectoryCheckCache } from './directory-checks';
import type { LabCopy } from './lab-copy';
import type { PreviewTokens } from './preview-tokens';
import type { WriteTargets } from './write-target';

export interface ContactServiceParts {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly lab: LabCopy;
  readonly checks: DirectoryCheckCache;
  readonly previews: PreviewTokens<StoredPreview>;
  readonly importPlans: PreviewTokens<ImportPlan>;
  readonly list: ContactList;
  readonly editor: ContactEditor;
  readonly importPlanner: ContactImportPlanner;
  readonly importRunner: ContactImportRunner;
  readonly export: ContactsExport;
  readonly audit: AuditService;
}

export interface ContactService {
  list(): Promise<ContactsScreen>;
  /** The list alone, as soon as the org is read (the screen shows it while contacts.list finds out about writes). */
  view(): Promise<ContactsView>;
  validate(operation: ContactOperation): Promise<{ readonly issues: readonly Diagnostic[] }>;
  preview(operation: ContactOperation): Promise<ContactPreview>;
  apply(token: string, acknowledged: readonly string[]): Promise<ContactApplyResult>;
  importPreview(fileName: string, bytes: Uint8Array): Promise<ImportPreview>;
  importApply(token: string, stopOnError: boolean, acknowledged: readonly string[]): Promise<ImportProgress>;
  importProgress(): ImportProgress;
  /** Resolves when the running import (if any) has ended (tests, the CLI). */
  importDone(): Promise<ImportProgress>;
  exportCsv(): Promise<{ readonly path: string | null; readonly rows: number }>;
  exportCsvTo(path: string): Promise<number>;
  auditList(limit?: number): Promise<AuditView>;
  auditExport(): Promise<{ readonly path: string | null; readonly entries: number }>;
  /** The shipped lab org back: the user's copy overwritten, every preview and cached check forgotten. */
  resetLab(): Promise<void>;
  /** Null when a write channel may run; else why not (the dispatcher refuses the channel). */
  writeRefusal(): string | null;
  dispose(): Promise<void>;
}

export function createContactService(parts: ContactServiceParts): ContactService {
  return {
    list: () => parts.list.list(),
    view: () => parts.list.view(),
    validate: (operation) => parts.editor.validate(operation),
    preview: (operation) => parts.editor.preview(operation),
    apply: (token, acknowledged) => parts.editor.apply(token, acknowledged),
    importPreview: (fileName, bytes) => parts.importPlanner.preview(fileName, bytes),
    importApply: (token, stopOnError, acknowledged) => parts.importRunner.start(token, stopOnError, acknowledged),
    importProgress: () => parts.importRunner.progress(),
    importDone: () => parts.importRunner.done(),
    exportCsv: () => parts.export.exportCsv(),
    exportCsvTo: (path) => parts.export.exportCsvTo(path),
    auditList: (limit) => parts.audit.list(limit),
    auditExport: () => parts.audit.export(),

    async resetLab() {
      const l = await parts.org.current();
      if (l.org.source.kind !== 'lab') throw new UserError({ key: 'contacts.error.notLab', params: {} });
      const r = await parts.targets.resolve();
      if ('refusal' in r) throw new UserError(r.refusal);
      await parts.lab.reset();
      parts.previews.clear();
      parts.importPlans.clear();
      parts.checks.clear();
      parts.org.reset();
    },

    writeRefusal: () => parts.targets.writeRefusal(),

    async dispose() {
      await parts.importRunner.dispose();
      await parts.lab.dispose();
    },
  };
}
