/**
 * Writes one previewed change to its target: the object is read again first and the change refused
 * when it differs from what was shown (no lost update); every command is written to the audit log
 * before it is sent (intent) and after (outcome); the contact is read back as the server holds it.
 *
 * A command whose answer never came (the host died or was killed, the session closed, the call timed
 * out — it was sent, so it may have run) is audited `unknown`, never `failed`; the contact is then
 * read back at once (the shell reconnects; queued reads wait for it) and what the server holds
 * settles it: the intended state → applied, the previous state → failed (not applied), anything
 * else → still unknown, with what was read. The settlement is the entry's third line
 * (docs/live-sessions.md, "The audit log"); the caller gets the contact as read back.
 */
import type { ContactApplyResult, FieldDifference } from '../../../shared/contacts/contact-channels';
import type { ContactCommand, ContactOperation } from '../../../shared/contacts/contact-model';
import { type Language, translateDynamic, UserError } from '../../../shared/i18n/translate';
import type { ExUmContact, OrgModel } from '../../../shared/model/org';
import { decodeExUmContact } from '../../../shared/snapshot/decode';
import type { Parameters } from '../../powershell/host-protocol';
import { HostCallError, PowerShellError } from '../../powershell/powershell-host';
import { CommandNotAvailableError } from '../../powershell/shell-session';
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
  /** `after` is the contact as read back from the server (the org the screens show takes it). */
  readonly readBack: boolean;
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

/**
 * The failures of a call whose answer never came after it was sent (shell-session.ts,
 * powershell-host.ts): the host died or was killed, the session was closed, the call timed out
 * (stopped or killed). The command may have run. Anything else either is the server's answer (a
 * PowerShellError) or means the command was never sent (the session not open, the command not
 * imported, the host not started).
 */
const NO_ANSWER_KEYS: ReadonlySet<string> = new Set(['ps.sessionLostWrite', 'ps.timeoutKilled', 'ps.timeout', 'ps.hostClosed', 'ps.hostExited']);

export function answerNeverCame(e: unknown): boolean {
  if (e instanceof PowerShellError || e instanceof CommandNotAvailableError) return false;
  if (e instanceof HostCallError) return e.failure !== 'host-start';
  return e instanceof UserError && NO_ANSWER_KEYS.has(e.detail.key);
}

/** What a command leaves when it ran: the contact's fields it sets (null: the contact is gone), and where to read it. */
export interface IntendedState {
  /** The identity to read the contact back by (a creation: its SIP address). */
  readonly readBy: string;
  readonly fields: Partial<ExUmContact> | null;
}

const parameter = (cmd: ContactCommand, name: string) => cmd.parameters.find((p) => p.name === name)?.value;

/** The state `cmd` leaves when it ran on `before` (docs/contact-objects.md §2: what each parameter sets). */
export function intendedState(cmd: ContactCommand, before: ExUmContact | null): IntendedState {
  const text = (name: string) => {
    const v = parameter(cmd, name);
    return typeof v === 'string' ? v : undefined;
  };
  const flag = (name: string) => {
    const v = parameter(cmd, name);
    return typeof v === 'boolean' ? v : undefined;
  };
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<ExUmContact>;
  switch (cmd.cmdlet) {
    case 'New-CsExUmContact':
      return {
        readBy: text('SipAddress') ?? '',
        fields: defined({
          sipAddress: text('SipAddress'),
          displayNumber: text('DisplayNumber'),
          registrarPool: text('RegistrarPool'),
          ou: text('OU'),
          autoAttendant: flag('AutoAttendant') ?? false,
          description: text('Description') ?? '',
        }),
      };
    case 'Set-CsExUmContact':
      return {
        readBy: text('Identity') ?? before?.identity ?? '',
        fields: defined({
          sipAddress: text('SipAddress'),
          displayNumber: text('DisplayNumber'),
          autoAttendant: flag('AutoAttendant'),
          description: text('Description'),
          enabled: flag('Enabled'),
          enterpriseVoiceEnabled: flag('EnterpriseVoiceEnabled'),
        }),
      };
    case 'Move-CsExUmContact':
      return { readBy: text('Identity') ?? before?.identity ?? '', fields: defined({ registrarPool: text('Target') }) };
    case 'Remove-CsExUmContact':
      return { readBy: text('Identity') ?? before?.identity ?? '', fields: null };
  }
}

/** Names the server keeps in its own case (SIP scheme, FQDNs, DNs) compare without case. */
const CASELESS: ReadonlySet<keyof ExUmContact> = new Set(['sipAddress', 'registrarPool', 'ou', 'identity']);

function holds(read: ExUmContact, fields: Partial<ExUmContact>): boolean {
  return (Object.keys(fields) as (keyof ExUmContact)[]).every((k) => {
    const want = fields[k];
    const have = read[k];
    return CASELESS.has(k) && typeof want === 'string' && typeof have === 'string' ? want.toLowerCase() === have.toLowerCase() : want === have;
  });
}

/** What the contact as read back says of a command whose answer never came: applied, not applied, or neither. */
export function settleFromRead(intended: IntendedState, previous: ExUmContact | null, read: ExUmContact | null): 'applied' | 'failed' | 'unknown' {
  if (intended.fields === null ? read === null : read !== null && holds(read, intended.fields)) return 'applied';
  if (previous === null ? read === null : read !== null && contactDifferences(previous, read).length === 0) return 'failed';
  return 'unknown';
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
      /** Set when a command's answer never came and reading back showed it applied: the final message says so. */
      let settledNote: { cmdlet: string; detail: string } | null = null;
      for (const cmd of commands) {
        const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: cmd.cmdlet, parameters: cmd.parameters, before: current });
        auditId = entry.id;
        let created: ExUmContact | null = null;
        try {
          const r = await t.skype(cmd.cmdlet, toParameters(cmd), 'write');
          // New-CsExUmContact outputs the contact it made: no second read needed (docs/contact-objects.md §2.1).
          if (cmd.cmdlet === 'New-CsExUmContact' && r.objects[0]) created = decodeExUmContact(r.objects[0]);
        } catch (e) {
          if (answerNeverCame(e)) {
            // Sent, but no answer: it may have run. Audited unknown, then settled from what the server holds.
            const detail = { en: errorText(e, 'en'), shown: errorText(e, language) };
            await entry.finish({ outcome: 'unknown', message: translateDynamic('en', 'contacts.noAnswer', { cmdlet: cmd.cmdlet, detail: detail.en }), after: null });
            const intended = intendedState(cmd, current);
            let read: ExUmContact | null = null;
            let readError: unknown = null;
            try {
              read = await readContact(t, intended.readBy);
            } catch (re) {
              readError = re;
            }
            const settled = readError ? 'unknown' : settleFromRead(intended, current, read);
            const key = readError ? 'contacts.settled.readFailed' : `contacts.settled.${settled}`;
            const params = (lang: Language) => ({ cmdlet: cmd.cmdlet, detail: lang === 'en' ? detail.en : detail.shown, error: readError ? errorText(readError, lang) : '' });
            await entry.settle({ outcome: settled, message: translateDynamic('en', key, params('en')), read });
            if (settled === 'applied') {
              current = read;
              if (read) identity = read.identity;
              settledNote = { cmdlet: cmd.cmdlet, detail: detail.shown };
              continue;
            }
            // Not applied, or unknown: the screen shows the contact as the server holds it (unless it could not be read).
            return { outcome: settled, message: translateDynamic(language, key, params(language)), after: readError ? current : read, auditId, readBack: !readError };
          }
          const refused = e instanceof PowerShellError;
          const message = errorText(e, language);
          await entry.finish({ outcome: refused ? 'refused' : 'failed', message: errorText(e, 'en'), after: null });
          return { outcome: refused ? 'refused' : 'failed', message, after: current, auditId, readBack: false };
        }
        const after = cmd.cmdlet === 'Remove-CsExUmContact' ? null : (created ?? (await readContact(t, identity ?? (operation.op === 'create' ? operation.draft.sipAddress : '')).catch(() => null)));
        await entry.finish({ outcome: 'applied', message: cmd.cmdlet, after });
        current = after;
        if (after) identity = after.identity;
      }
      const message = settledNote ? translateDynamic(language, 'contacts.settled.applied', settledNote) : translateDynamic(language, 'contactEditor.applied', { count: commands.length });
      return { outcome: 'applied', message, after: current, auditId, readBack: true };
    },
  };
}

function errorText(e: unknown, language: Language): string {
  return e instanceof UserError ? e.render(language) : e instanceof Error ? e.message : String(e);
}
