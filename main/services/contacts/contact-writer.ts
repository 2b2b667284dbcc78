/**
 * Writes one previewed change to its target: the object is read again first and the change refused
 * when it differs from what was shown (no lost update); every command is written to the audit log
 * before it is sent (intent) and after (outcome); the contact is read back as the server holds it.
 */
import type { ContactApplyResult, FieldDifference } from '../../../shared/contacts/contact-channels';
import type { ContactCommand, ContactOperation } from '../../../shared/contacts/contact-model';
import { type Language, translateDynamic, UserError } from '../../../shared/i18n/translate';
import type { ExUmContact, OrgModel } from '../../../shared/model/org';
import { decodeExUmContact } from '../../../shared/snapshot/decode';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import type { AuditLog } from '../audit/audit-log';
import type { DirectoryCheckCache } from './directory-checks';
import { readContact, type WriteTarget } from './write-target';

/** A change as it was previewed: the operation, its exact commands, the object as shown. */
export interface PreviewedChange {
  readonly operation: ContactOperation;
  readonly commands: readonly ContactCommand[];
  readonly before: ExUmContact | null;
}

export interface WriteOutcome {
  readonly outcome: ContactApplyResult['outcome'];
  readonly message: string;
  readonly after: ExUmContact | null;
  readonly auditId: string | null;
}

/** The object now, and what differs from what was shown (empty: unchanged). */
export interface Recheck {
  readonly now: ExUmContact | null;
  readonly differences: readonly FieldDifference[];
}

/** A contact as read back, to put into the org the screens show. */
export interface ContactChange {
  readonly identity: string | null;
  readonly after: ExUmContact | null;
  readonly previousIdentity?: string | null;
}

export interface ContactWriter {
  /** Reads the object again and compares it with what was shown. */
  recheck(target: WriteTarget, change: PreviewedChange): Promise<Recheck>;
  /** Records in the audit log that the change was refused because the object changed meanwhile. */
  refuseStale(target: WriteTarget, change: PreviewedChange, recheck: Recheck, language: Language): Promise<ContactApplyResult>;
  /** Runs the commands, each audited before it is sent and after; the outcome and the object as read back. */
  write(target: WriteTarget, change: PreviewedChange, language: Language): Promise<WriteOutcome>;
}

/** The fields a stale-write check compares (what the admin saw and the commands depend on). */
const COMPARED: readonly (keyof ExUmContact)[] = ['sipAddress', 'displayNumber', 'registrarPool', 'autoAttendant', 'enabled', 'enterpriseVoiceEnabled', 'description', 'identity'];

export function contactDifferences(shown: ExUmContact | null, now: ExUmContact | null): FieldDifference[] {
  if (shown === null && now === null) return [];
  if (shown === null || now === null) return [{ field: 'exists', shown: String(shown !== null), now: String(now !== null) }];
  return COMPARED.filter((f) => shown[f] !== now[f]).map((f) => ({ field: f, shown: String(shown[f]), now: String(now[f]) }));
}

/** The identity an operation acts on (null: a creation). */
export function identityOf(op: ContactOperation): string | null {
  return op.op === 'create' ? null : op.identity;
}

/** Puts the contacts as read back into the org the screens show (one replace: the rules run again). */
export function patchContacts(org: OrgModel, changes: readonly ContactChange[]): OrgModel {
  let contacts = [...org.skype.exUmContacts];
  for (const ch of changes) {
    const gone = new Set([ch.identity, ch.previousIdentity].filter((x): x is string => !!x).map((x) => x.toLowerCase()));
    if (ch.after) gone.add(ch.after.identity.toLowerCase());
    const at = contacts.findIndex((c) => gone.has(c.identity.toLowerCase()));
    contacts = contacts.filter((c) => !gone.has(c.identity.toLowerCase()));
    if (ch.after) contacts.splice(at < 0 ? contacts.length : at, 0, ch.after);
  }
  return { ...org, skype: { ...org.skype, exUmContacts: contacts } };
}

/** A parameter list as the host sends it: typed values, never script text. */
function toParameters(cmd: ContactCommand): Parameters {
  const p: Record<string, string | boolean> = {};
  for (const { name, value } of cmd.parameters) p[name] = value;
  return p;
}

export function createContactWriter(deps: { readonly audit: AuditLog; readonly checks: DirectoryCheckCache }): ContactWriter {
  return {
    async recheck(t, change) {
      const id = identityOf(change.operation);
      // A creation has nothing to compare: New-CsExUmContact itself refuses a SIP address or number taken meanwhile.
      const now = id ? await readContact(t, id) : null;
      return { now, differences: contactDifferences(change.before, now) };
    },

    async refuseStale(t, change, recheck, language) {
      const operator = (await deps.checks.of(t)).operator ?? 'unknown';
      const first = change.commands[0];
      const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: first?.cmdlet ?? 'none', parameters: first?.parameters ?? [], before: change.before });
      const fields = recheck.differences.map((d) => d.field).join(', ');
      await entry.finish({ outcome: 'stale', message: translateDynamic('en', 'contacts.stale', { fields }), after: recheck.now });
      return { outcome: 'stale', message: translateDynamic(language, 'contacts.stale', { fields }), after: recheck.now, differences: [...recheck.differences], auditId: entry.id };
    },

    async write(t, { operation, commands, before }, language) {
      const operator = (await deps.checks.of(t)).operator ?? 'unknown';
      let current = before;
      let auditId: string | null = null;
      let identity = identityOf(operation);
      for (const cmd of commands) {
        const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: cmd.cmdlet, parameters: cmd.parameters, before: current });
        auditId = entry.id;
        let created: ExUmContact | null = null;
        try {
          const r = await t.skype(cmd.cmdlet, toParameters(cmd), 'write');
          // New-CsExUmContact outputs the contact it made: no second read needed (docs/contact-objects.md §2.1).
          if (cmd.cmdlet === 'New-CsExUmContact' && r.objects[0]) created = decodeExUmContact(r.objects[0]);
        } catch (e) {
          const refused = e instanceof PowerShellError;
          const message = e instanceof UserError ? e.render(language) : e instanceof Error ? e.message : String(e);
          await entry.finish({ outcome: refused ? 'refused' : 'failed', message: e instanceof UserError ? e.render('en') : message, after: null });
          return { outcome: refused ? 'refused' : 'failed', message, after: current, auditId };
        }
        const after = cmd.cmdlet === 'Remove-CsExUmContact' ? null : (created ?? (await readContact(t, identity ?? (operation.op === 'create' ? operation.draft.sipAddress : '')).catch(() => null)));
        await entry.finish({ outcome: 'applied', message: cmd.cmdlet, after });
        current = after;
        if (after) identity = after.identity;
      }
      return { outcome: 'applied', message: translateDynamic(language, 'contacts.applied', { count: commands.length }), after: current, auditId };
    },
  };
}
