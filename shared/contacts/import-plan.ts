/**
 * The plan of a CSV import: for each row, create, update, skip or invalid, with
 * the operation, its cmdlets and its issues — before anything runs.
 *
 * - Safe to re-run: a row whose contact (same SIP address) already holds these values is skipped.
 * - Each row is validated against the org *plus the rows before it* that will be applied, so two
 *   rows with one number cannot both pass (R-C-04), nor two rows with one SIP address (R-C-02).
 * - An empty Description or Enabled cell on an existing contact means "leave as it is" (an export
 *   re-imported is all skips); on a new contact an empty description takes the name, as the form does.
 */
import type { ExUmContact, OrgModel } from '../model/org';
import { commandsFor } from './contact-commands';
import type { CsvRow } from './contact-csv';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ContactCommand, ContactDraft, ContactOperation } from './contact-model';
import { buildContactIndex, contactDiagnostic, ouKey, sipKey, validateWithIndex, type ValidationContext } from './contact-validation';

export type ImportAction = 'create' | 'update' | 'skip' | 'invalid';

export interface ImportPlanRow {
  readonly line: number;
  readonly action: ImportAction;
  readonly draft: ContactDraft | null;
  /** The existing contact's identity (update, skip), else null. */
  readonly identity: string | null;
  /** null for a row refused by the CSV parser. */
  readonly operation: ContactOperation | null;
  readonly commands: readonly ContactCommand[];
  readonly issues: readonly Diagnostic[];
}

/** Everything ValidationContext holds but the original, which each row finds by SIP address. */
export type ImportContext = Omit<ValidationContext, 'original'>;

export function planImport(rows: readonly CsvRow[], org: OrgModel, ctx: ImportContext): ImportPlanRow[] {
  const index = buildContactIndex(org);
  /** SIP addresses of earlier rows of this file that will be applied: line by key. */
  const earlierSip = new Map<string, number>();
  const out: ImportPlanRow[] = [];

  for (const row of rows) {
    if (!row.draft || row.issues.some((i) => i.severity === 'error')) {
      out.push({ line: row.line, action: 'invalid', draft: row.draft, identity: null, operation: null, commands: [], issues: row.issues });
      continue;
    }
    const key = sipKey(row.draft.sipAddress);
    const earlier = earlierSip.get(key);
    if (key && earlier !== undefined) {
      const issue = contactDiagnostic('R-C-02', 'error', 'sipAddress', 'contacts.issue.R-C-02.file', { sip: row.draft.sipAddress.trim(), line: earlier });
      out.push({ line: row.line, action: 'invalid', draft: row.draft, identity: null, operation: null, commands: [], issues: [...row.issues, issue] });
      continue;
    }

    const existing = (key && index.bySip.get(key)?.[0]) || null;
    const draft = existing ? forExisting(row.draft, existing) : { ...row.draft, description: row.draft.description || row.draft.name };
    const operation: ContactOperation = existing ? { op: 'edit', identity: existing.identity, draft } : { op: 'create', draft };
    const commands = commandsFor(operation, existing);

    if (existing && commands.length === 0 && ouKey(draft.ou) === ouKey(existing.ou)) {
      out.push({ line: row.line, action: 'skip', draft, identity: existing.identity, operation, commands, issues: row.issues });
      if (key) earlierSip.set(key, row.line);
      continue;
    }

    const issues = [...row.issues, ...validateWithIndex(operation, index, { ...ctx, original: existing })];
    if (issues.some((i) => i.severity === 'error')) {
      out.push({ line: row.line, action: 'invalid', draft, identity: existing?.identity ?? null, operation, commands, issues });
      continue;
    }

    // The rows after this one see it as done.
    if (existing) {
      index.remove(existing);
      index.add(applied(existing, draft));
    } else {
      index.add(applied(null, draft, `import:line ${row.line}`));
    }
    if (key) earlierSip.set(key, row.line);
    out.push({ line: row.line, action: existing ? 'update' : 'create', draft, identity: existing?.identity ?? null, operation, commands, issues });
  }
  return out;
}

/** Empty cells leave an existing contact's description / enabled / Enterprise Voice state as they are. */
function forExisting(d: ContactDraft, c: ExUmContact): ContactDraft {
  return { ...d, description: d.description || c.description, enabled: d.enabled ?? c.enabled, enterpriseVoiceEnabled: d.enterpriseVoiceEnabled ?? c.enterpriseVoiceEnabled };
}

/** The contact as it will be after the row is applied (for the rows after it). */
function applied(before: ExUmContact | null, d: ContactDraft, identity = before?.identity ?? ''): ExUmContact {
  return {
    identity,
    displayName: before?.displayName || d.name || d.sipAddress.trim(),
    sipAddress: d.sipAddress.trim(),
    displayNumber: d.displayNumber.trim(),
    lineUri: `tel:${d.displayNumber.trim()}`,
    autoAttendant: d.kind === 'autoAttendant',
    isSubscriberAccess: d.kind === 'subscriberAccess',
    registrarPool: d.registrarPool.trim(),
    enabled: d.enabled ?? before?.enabled ?? true,
    // New-CsExUmContact has no -EnterpriseVoiceEnabled: a new contact has it on.
    enterpriseVoiceEnabled: before ? (d.enterpriseVoiceEnabled ?? before.enterpriseVoiceEnabled) : true,
    ou: before?.ou ?? d.ou.trim(),
    description: d.description,
  };
}
