/**
 * The Contacts screen's channels: the list, a change previewed then applied (single-use token), the
 * CSV import previewed then run in the background with its `contacts.importProgress` event, the export.
 */
import { z } from 'zod';
import { channel, event, noPayload } from '../contract/channel';
import type { ExUmContact } from '../model/org';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { type ContactCommand, type ContactDraft, type ContactOperation, type ContactsView, MAX_CONTACT_FIELD, MAX_CSV_BYTES, type PropertyChange } from './contact-model';

/** Where writes go and whether they may: the reason is an i18n message when they may not. */
export interface WriteAccess {
  readonly writable: boolean;
  /** Why not (helpdesk profile, no PowerShell, a snapshot file is open…). */
  readonly reason: { readonly key: string; readonly params: Readonly<Record<string, string | number>> } | null;
  readonly target: 'lab' | 'live' | null;
  /** The account changes run as (null until known). */
  readonly operator: string | null;
}

export interface ContactsScreen {
  readonly view: ContactsView;
  readonly access: WriteAccess;
}

/**
 * Where the Contacts screen's read is (the `contacts.loadProgress` event): reading the org (the list follows at
 * once, contacts.view), then — only to know whether changes may be made — starting PowerShell on the lab endpoint
 * or reading the directory through the live sessions (seconds on a first visit); done.
 */
export interface ContactsLoad {
  readonly phase: 'idle' | 'org' | 'powershell' | 'directory' | 'done';
}

export interface ContactPreview {
  /** Binds this exact preview: contacts.apply runs what was shown, nothing else (expires after 10 min). */
  readonly token: string;
  readonly operation: ContactOperation;
  readonly commands: readonly ContactCommand[];
  /** The exact cmdlets as an admin would type them. */
  readonly commandText: readonly string[];
  /** The R-C rules on the operation (and R-C-09/R-C-10 from the permission checks). */
  readonly issues: readonly Diagnostic[];
  /** An error issue: the operation cannot be applied. */
  readonly blocked: boolean;
  /** Warning rules the admin must acknowledge before applying. */
  readonly acknowledge: readonly string[];
  /** The object as read just now (null for a creation). */
  readonly before: ExUmContact | null;
  /** Each property the commands change: its value now → after (changesOf in contact-commands.ts). */
  readonly changes: readonly PropertyChange[];
  /** For a removal or a disable: what stops working (i18n messages). */
  readonly consequences: readonly { readonly key: string; readonly params: Readonly<Record<string, string | number>> }[];
}

export interface FieldDifference {
  readonly field: string;
  readonly shown: string;
  readonly now: string;
}

export interface ContactApplyResult {
  /** stale: the object changed since it was shown (nothing written); refused: the server said no; unknown: no answer came and the contact read back is neither as intended nor as before. */
  readonly outcome: 'applied' | 'stale' | 'refused' | 'failed' | 'unknown';
  readonly message: string;
  readonly after: ExUmContact | null;
  readonly differences: readonly FieldDifference[];
  readonly auditId: string | null;
}

export interface ImportRowPreview {
  /** 1-based line of the row's first line in the file. */
  readonly line: number;
  /** skip: already in place (safe re-run); invalid: refused with its reasons. */
  readonly action: 'create' | 'update' | 'skip' | 'invalid';
  readonly draft: ContactDraft | null;
  readonly identity: string | null;
  readonly issues: readonly Diagnostic[];
  readonly commandText: readonly string[];
}

export interface ImportPreview {
  readonly token: string;
  readonly fileName: string;
  readonly separator: ',' | ';';
  /** How the bytes were read: UTF-8 (with or without BOM), UTF-16 or Windows-1252 (Excel's "CSV"). */
  readonly encoding: string;
  /** Problems with the file as a whole (no header, a required column missing, too many rows). */
  readonly fileIssues: readonly Diagnostic[];
  readonly rows: readonly ImportRowPreview[];
  readonly counts: Readonly<Record<ImportRowPreview['action'], number>>;
  /** Warning rules among the rows to apply that must be acknowledged. */
  readonly acknowledge: readonly string[];
}

export interface ImportRowResult {
  readonly line: number;
  readonly outcome: 'applied' | 'skipped' | 'refused' | 'failed' | 'stale' | 'not-run' | 'unknown';
  readonly message: string;
}

export interface ImportProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** The run stopped at the first failure (stop on error). */
  readonly stopped: boolean;
  readonly results: readonly ImportRowResult[];
}

const contactDraftSchema = z.strictObject({
  ou: z.string().max(MAX_CONTACT_FIELD),
  name: z.string().max(MAX_CONTACT_FIELD),
  sipAddress: z.string().max(MAX_CONTACT_FIELD),
  registrarPool: z.string().max(MAX_CONTACT_FIELD),
  displayNumber: z.string().max(MAX_CONTACT_FIELD),
  kind: z.enum(['subscriberAccess', 'autoAttendant']),
  description: z.string().max(MAX_CONTACT_FIELD),
  enabled: z.boolean().optional(),
  enterpriseVoiceEnabled: z.boolean().optional(),
});

const identitySchema = z.string().min(1).max(MAX_CONTACT_FIELD);

const contactOperationSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('create'), draft: contactDraftSchema }),
  z.strictObject({ op: z.literal('edit'), identity: identitySchema, draft: contactDraftSchema }),
  z.strictObject({ op: z.literal('move'), identity: identitySchema, targetPool: z.string().min(1).max(MAX_CONTACT_FIELD) }),
  z.strictObject({ op: z.literal('remove'), identity: identitySchema }),
]);

const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/);
const acknowledgedSchema = z.array(z.string().max(20)).max(50);

export const CONTACT_CHANNELS = {
  'contacts.list': channel<ContactsScreen>()(noPayload),
  /** The list alone, as soon as the org is read: no PowerShell, no directory (contacts.list adds whether changes may be made). */
  'contacts.view': channel<{ readonly view: ContactsView }>()(noPayload),
  /** The R-C rules on a form as it is typed: no server call, cheap enough for every keystroke (debounced). */
  'contacts.validate': channel<{ readonly issues: readonly Diagnostic[] }>()(z.strictObject({ operation: contactOperationSchema })),
  /** Validates an operation, reads the object as it is now, and returns the exact cmdlets with a token. */
  'contacts.preview': channel<ContactPreview>()(z.strictObject({ operation: contactOperationSchema })),
  /** Runs a previewed operation (write): refused when the object changed since the preview. */
  'contacts.apply': channel<ContactApplyResult>()(z.strictObject({ token: tokenSchema, acknowledged: acknowledgedSchema })),
  'contacts.importPreview': channel<ImportPreview>()(z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(Math.ceil(MAX_CSV_BYTES / 3) * 4 + 4) })),
  /** Starts applying a previewed import in the background (write); the contacts.importProgress event follows it. */
  'contacts.importApply': channel<ImportProgress>()(z.strictObject({ token: tokenSchema, stopOnError: z.boolean(), acknowledged: acknowledgedSchema })),
  /** Saves the list as CSV where the user chooses. */
  'contacts.export': channel<{ readonly path: string | null; readonly rows: number }>()(noPayload),
} as const;

export const CONTACT_EVENTS = {
  'contacts.importProgress': event<ImportProgress>(),
  'contacts.loadProgress': event<ContactsLoad>(),
} as const;
