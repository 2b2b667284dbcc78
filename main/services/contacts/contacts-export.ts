/**
 * The org's Exchange UM contacts written as CSV (the same columns the import reads), to a file the
 * user chooses (the screen) or names (the CLI).
 */
import { contactsToCsv } from '../../../shared/contacts/contact-csv';
import { type FileDialogs, writeExportFile } from '../live/connections-service';
import type { OrgService } from '../org-service';

export interface ContactsExport {
  /** Asks where; path null when the user cancelled. */
  exportCsv(): Promise<{ readonly path: string | null; readonly rows: number }>;
  /** Writes to `path` (atomically); returns the number of contacts. */
  exportCsvTo(path: string): Promise<number>;
}

export function createContactsExport(deps: { readonly org: OrgService; readonly dialogs: FileDialogs }): ContactsExport {
  async function exportCsvTo(path: string): Promise<number> {
    const l = await deps.org.current();
    await writeExportFile(path, contactsToCsv(l.org.skype.exUmContacts));
    return l.org.skype.exUmContacts.length;
  }
  return {
    async exportCsv() {
      const path = await deps.dialogs.chooseSavePath('umc-contacts.csv');
      if (!path) return { path: null, rows: 0 };
      return { path, rows: await exportCsvTo(path) };
    },
    exportCsvTo,
  };
}
