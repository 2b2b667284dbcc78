/**
 * The contact editor's service: the Contacts screen's list, validation as the form is
 * typed, preview → apply of every change with its exact cmdlets, the CSV import and export, the
 * audit log, and the lab org's writable copy.
 *
 * Where writes go:
 * - the lab org: a shell on the lab endpoint over the user's copy of the lab org (the endpoint
 *   implements New/Set/Move/Remove-CsExUmContact like the real cmdlets) — the same host, typed
 *   parameters and cmdlets as live; Node never writes a contact itself;
 * - a live org: the active profile's Skype session (and its Exchange session for the directory checks);
 * - a snapshot file, a helpdesk profile, no PowerShell: nowhere — read-only, and the reason says why.
 *
 * Safety: a preview binds its exact commands to a token; apply re-reads the object first and refuses
 * when it changed since it was shown (no lost update); every command is written to the audit log
 * before it is sent (intent) and after (outcome).
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import type { AuditView } from '../../../shared/audit/audit-model';
import { commandsFor, renderCommand } from '../../../shared/contacts/contact-commands';
import { contactsToCsv, decodeCsvBytes, parseContactsCsv } from '../../../shared/contacts/contact-csv';
import {
  CONTACT_EXCHANGE_CHECKS,
  CONTACT_SKYPE_CHECKS,
  CONTACT_WRITE_CMDLETS,
  type ContactCommand,
  type ContactIssue,
  type ContactOperation,
  RTC_SERVER_ADMINS,
  RTC_USER_ADMINS,
} from '../../../shared/contacts/contact-model';
import { removalConsequences, validateOperation, type ValidationContext } from '../../../shared/contacts/contact-validation';
import { buildContactsView } from '../../../shared/contacts/contacts-view';
import { planImport } from '../../../shared/contacts/import-plan';
import type {
  ContactApplyResult,
  ContactPreview,
  ContactsScreen,
  FieldDifference,
  ImportPreview,
  ImportProgress,
  ImportRowResult,
} from '../../../shared/contract/channels';
import { type Language, type Message, renderMessage, translateDynamic, UserError } from '../../../shared/i18n/translate';
import type { ExUmContact, OrgModel } from '../../../shared/model/org';
import { decodeExUmContact } from '../../../shared/snapshot/decode';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import type { CallResult, ShellSession } from '../../powershell/shell-session';
import type { AuditLog } from '../audit/audit-log';
import { type ConnectionsService, createLabEditorShell, type FileDialogs, type PowerShellRuntime, writeExportFile } from '../live/connections-service';
import { copyFileAtomic } from '../atomic-write';
import type { OrgService } from '../org-service';
import type { Clock, Logger } from '../ports';

/** How long a preview's token may be applied, and how many are kept. */
export const PREVIEW_TTL_MS = 10 * 60_000;
const MAX_PREVIEWS = 200;
/** The directory checks (groups, OU rights) are cached this long per target. */
const CHECKS_TTL_MS = 60_000;

export interface ContactServiceDeps {
  readonly org: OrgService;
  readonly connections: ConnectionsService;
  readonly runtime: PowerShellRuntime;
  /** The lab org as shipped, and the user's writable copy (null: the lab stays read-only). */
  readonly lab: { readonly shippedPath: string; readonly userPath: string | null };
  readonly audit: AuditLog;
  readonly dialogs: FileDialogs;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly language: () => Promise<Language>;
}

export interface ContactService {
  list(): Promise<ContactsScreen>;
  validate(operation: ContactOperation): Promise<{ readonly issues: readonly ContactIssue[] }>;
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
  resetLab(): Promise<void>;
  /** Null when a write channel may run; else why not (the dispatcher refuses the channel). */
  writeRefusal(): string | null;
  dispose(): Promise<void>;
}

type Call = (command: string, parameters: Parameters, mode: 'read' | 'write') => Promise<CallResult>;

interface Target {
  readonly kind: 'lab' | 'live';
  readonly profile: string;
  readonly skype: Call;
  readonly exchange: Call;
  operator(): Promise<string>;
}

type Resolved = { readonly target: Target } | { readonly refusal: PlainMessage };

interface Checks {
  readonly at: number;
  readonly operator: string | null;
  readonly groups: { readonly serverAdmins: boolean | null; readonly userAdmins: boolean | null } | null;
  readonly ous: readonly string[] | null;
  readonly ouPermission: Map<string, boolean | null>;
}

interface StoredPreview {
  readonly token: string;
  readonly at: number;
  readonly targetKind: 'lab' | 'live';
  readonly operation: ContactOperation;
  readonly commands: readonly ContactCommand[];
  readonly before: ExUmContact | null;
  readonly blocked: boolean;
  readonly acknowledge: readonly string[];
}

type PlainMessage = { readonly key: string; readonly params: Readonly<Record<string, string | number>> };
const msg = (key: string, params: Record<string, string | number> = {}): PlainMessage => ({ key, params });

/** A message whose parameters are all plain values (nested messages rendered), as the renderer's `td` takes. */
function flat(m: Message, language: Language): PlainMessage {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = typeof v === 'object' ? renderMessage(language, v) : v;
  return { key: m.key, params };
}

/** The fields a stale-write check compares (what the admin saw and the commands depend on). */
const COMPARED: readonly (keyof ExUmContact)[] = ['sipAddress', 'displayNumber', 'registrarPool', 'autoAttendant', 'enabled', 'enterpriseVoiceEnabled', 'description', 'identity'];

export function contactDifferences(shown: ExUmContact | null, now: ExUmContact | null): FieldDifference[] {
  if (shown === null && now === null) return [];
  if (shown === null || now === null) return [{ field: 'exists', shown: String(shown !== null), now: String(now !== null) }];
  return COMPARED.filter((f) => shown[f] !== now[f]).map((f) => ({ field: f, shown: String(shown[f]), now: String(now[f]) }));
}

const isNotFound = (e: unknown) => e instanceof PowerShellError && (e.info.category === 'ObjectNotFound' || /NotFound/i.test(e.info.errorId));

/**
 * Test-CsOUPermission's answer. The cmdlet "returns True if the correct permissions have been applied,
 * and returns False if [not]", as an instance of Microsoft.Rtc.SyntheticTransactions.TaskOutput
 * (https://learn.microsoft.com/powershell/module/skype/test-csoupermission): over remoting a property
 * bag whose `Result` is `Success` or `Failure` (a string, or {Value} where the type is rehydrated). A
 * plain boolean or its text is read too. null: not understood (the check is then not made).
 */
export function ouPermissionOf(output: unknown): boolean | null {
  const fromText = (v: unknown): boolean | null => {
    if (typeof v === 'boolean') return v;
    if (typeof v !== 'string') return null;
    if (/^(true|success)$/i.test(v.trim())) return true;
    if (/^(false|failure)$/i.test(v.trim())) return false;
    return null;
  };
  const direct = fromText(output);
  if (direct !== null || !output || typeof output !== 'object' || Array.isArray(output)) return direct;
  const o = output as Record<string, unknown>;
  for (const k of ['Result', 'TaskResult', 'Value']) {
    const v = o[k];
    const r = fromText(v && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, unknown>).Value ?? (v as Record<string, unknown>).value) : v);
    if (r !== null) return r;
  }
  return null;
}

/** A parameter list as the host sends it: typed values, never script text. */
function toParameters(cmd: ContactCommand): Parameters {
  const p: Record<string, string | boolean> = {};
  for (const { name, value } of cmd.parameters) p[name] = value;
  return p;
}

function identityOf(op: ContactOperation): string | null {
  return op.op === 'create' ? null : op.identity;
}

export function createContactService(deps: ContactServiceDeps): ContactService {
  let labShell: ShellSession | null = null;
  let checks: { key: string; value: Checks } | null = null;
  const previews = new Map<string, StoredPreview>();
  const importPlans = new Map<string, { at: number; preview: ImportPreview; operations: (ContactOperation | null)[]; before: (ExUmContact | null)[]; targetKind: 'lab' | 'live' }>();
  let job: { progress: { running: boolean; done: number; total: number; stopped: boolean; results: ImportRowResult[] }; done: Promise<void> } | null = null;
  let disposed = false;

  const now = () => deps.clock.now().getTime();

  async function ensureUserLabCopy(): Promise<string> {
    const path = deps.lab.userPath;
    if (!path) throw new UserError(msg('contacts.readonly.noLabCopy'));
    if (!existsSync(path)) await copyFileAtomic(deps.lab.shippedPath, path, { mkdirs: true });
    return path;
  }

  async function labEditor(): Promise<ShellSession> {
    if (labShell) return labShell;
    const dataPath = await ensureUserLabCopy();
    const shell = createLabEditorShell(deps.runtime, deps, {
      dataPath,
      commands: ['Get-UmcLabEndpointInfo', 'Get-CsExUmContact', ...CONTACT_WRITE_CMDLETS, ...CONTACT_SKYPE_CHECKS, ...CONTACT_EXCHANGE_CHECKS],
    });
    labShell = shell;
    try {
      await shell.open();
    } catch (e) {
      labShell = null;
      await shell.close().catch(() => undefined);
      throw e;
    }
    return shell;
  }

  function labTarget(): Target {
    const call: Call = async (command, parameters, mode) => (await labEditor()).call(command, parameters, { mode });
    return {
      kind: 'lab',
      profile: 'lab',
      skype: call,
      exchange: call,
      operator: async () => {
        const info = (await call('Get-UmcLabEndpointInfo', {}, 'read')).objects[0] as Record<string, unknown> | undefined;
        return typeof info?.Operator === 'string' ? info.Operator : 'lab';
      },
    };
  }

  async function resolveTarget(): Promise<Resolved> {
    const profile = deps.connections.activeProfile();
    if (profile?.role === 'helpdesk') return { refusal: msg('contacts.readonly.helpdesk', { profile: profile.name }) };
    const l = await deps.org.current();
    const kind = l.org.source.kind;
    if (kind === 'live') {
      const shells = deps.connections.shells();
      if (!profile || !shells.skype || !shells.exchange) return { refusal: msg('contacts.readonly.notConnected') };
      const skype = shells.skype;
      const exchange = shells.exchange;
      return {
        target: {
          kind: 'live',
          profile: profile.name,
          skype: (c, p, mode) => skype.call(c, p, { mode }),
          exchange: (c, p, mode) => exchange.call(c, p, { mode }),
          // Who the sessions run as: the stored credential's user, else the logged-on Windows identity.
          operator: async () => profile.userName ?? (process.env.USERDOMAIN && process.env.USERNAME ? `${process.env.USERDOMAIN}\\${process.env.USERNAME}` : (process.env.USERNAME ?? process.env.USER ?? 'unknown')),
        },
      };
    }
    if (kind === 'lab') {
      if (!deps.runtime.executable) return { refusal: msg('contacts.readonly.noPowerShell') };
      if (!deps.lab.userPath) return { refusal: msg('contacts.readonly.noLabCopy') };
      return { target: labTarget() };
    }
    return { refusal: msg('contacts.readonly.snapshot') };
  }

  async function requireTarget(): Promise<Target> {
    const r = await resolveTarget();
    if ('refusal' in r) throw new UserError(r.refusal);
    return r.target;
  }

  /** The operator, the RTC groups, the OUs: read once a minute per target; a failed read is "unknown", not an error. */
  async function directoryChecks(t: Target): Promise<Checks> {
    const key = `${t.kind}:${t.profile}`;
    if (checks && checks.key === key && now() - checks.value.at < CHECKS_TTL_MS) return checks.value;
    let operator: string | null = null;
    try {
      operator = await t.operator();
    } catch (e) {
      deps.logger.log('warn', 'contacts: operator unknown', { error: e instanceof Error ? e.message : String(e) });
    }
    let groups: Checks['groups'] = null;
    if (operator) {
      try {
        const user = (await t.exchange('Get-User', { Identity: operator }, 'read')).objects[0] as Record<string, unknown> | undefined;
        const ids = new Set([operator, user?.Identity, user?.SamAccountName, user?.UserPrincipalName, user?.DistinguishedName].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()));
        const member = async (group: string): Promise<boolean | null> => {
          try {
            const g = (await t.exchange('Get-Group', { Identity: group }, 'read')).objects[0] as Record<string, unknown> | undefined;
            const members = Array.isArray(g?.Members) ? (g!.Members as unknown[]).map((m) => String(m).toLowerCase()) : [];
            return members.some((m) => ids.has(m));
          } catch {
            return null;
          }
        };
        groups = { serverAdmins: await member(RTC_SERVER_ADMINS), userAdmins: await member(RTC_USER_ADMINS) };
      } catch (e) {
        deps.logger.log('warn', 'contacts: group membership unknown', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    let ous: string[] | null = null;
    try {
      // Every OU: the cmdlet returns 1,000 by default; -ResultSize Unlimited exists from Exchange 2013
      // (https://learn.microsoft.com/powershell/module/exchange/get-organizationalunit). An Exchange
      // 2010 shell has no such parameter: asked again without it.
      const r = await t.exchange('Get-OrganizationalUnit', { ResultSize: 'Unlimited' }, 'read').catch((e: unknown) => {
        if (e instanceof PowerShellError && /^NamedParameterNotFound\b/.test(e.info.errorId)) return t.exchange('Get-OrganizationalUnit', {}, 'read');
        throw e;
      });
      ous = r.objects.map((o) => (o as Record<string, unknown>).DistinguishedName).filter((x): x is string => typeof x === 'string');
    } catch (e) {
      deps.logger.log('warn', 'contacts: OUs unknown', { error: e instanceof Error ? e.message : String(e) });
    }
    const value: Checks = { at: now(), operator, groups, ous, ouPermission: new Map() };
    checks = { key, value };
    return value;
  }

  async function ouPermission(t: Target, c: Checks, ou: string): Promise<boolean | null> {
    const k = ou.toLowerCase();
    if (c.ouPermission.has(k)) return c.ouPermission.get(k)!;
    let v: boolean | null = null;
    try {
      const r = await t.skype('Test-CsOUPermission', { OU: ou, ObjectType: 'Contact' }, 'read');
      v = ouPermissionOf(r.objects[0]);
    } catch (e) {
      // An OU that does not exist is refused by the cmdlet: R-C-09 says so through knownOus.
      v = isNotFound(e) ? false : null;
    }
    c.ouPermission.set(k, v);
    return v;
  }

  async function validationContext(op: ContactOperation, original: ExUmContact | null, t: Target | null): Promise<ValidationContext> {
    if (!t) return { original };
    const c = await directoryChecks(t);
    const ou = op.op === 'create' ? op.draft.ou : null;
    return {
      original,
      operatorGroups: c.groups,
      knownOus: c.ous,
      ouPermission: ou ? await ouPermission(t, c, ou) : null,
    };
  }

  /** The contact as the server holds it now (null: it does not exist). */
  async function readContact(t: Target, identity: string): Promise<ExUmContact | null> {
    try {
      const r = await t.skype('Get-CsExUmContact', { Identity: identity }, 'read');
      return r.objects.length ? decodeExUmContact(r.objects[0]) : null;
    } catch (e) {
      if (isNotFound(e)) return null;
      throw e;
    }
  }

  /** Puts the contact as read back into the org the screens show (one replace: the rules run again). */
  function patchOrg(org: OrgModel, changes: readonly { readonly identity: string | null; readonly after: ExUmContact | null; readonly previousIdentity?: string | null }[]): OrgModel {
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

  function prune() {
    const t = now();
    for (const [k, p] of previews) if (t - p.at > PREVIEW_TTL_MS) previews.delete(k);
    for (const [k, p] of importPlans) if (t - p.at > PREVIEW_TTL_MS) importPlans.delete(k);
    while (previews.size > MAX_PREVIEWS) previews.delete(previews.keys().next().value!);
    while (importPlans.size > 10) importPlans.delete(importPlans.keys().next().value!);
  }

  /**
   * Runs the commands of one operation on the target, each written to the audit log before it is
   * sent and after. Returns the outcome and the object as read back.
   */
  async function run(
    t: Target,
    operation: ContactOperation,
    commands: readonly ContactCommand[],
    before: ExUmContact | null,
    language: Language,
  ): Promise<{ outcome: ContactApplyResult['outcome']; message: string; after: ExUmContact | null; auditId: string | null }> {
    const operator = (await directoryChecks(t)).operator ?? 'unknown';
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
      const after =
        cmd.cmdlet === 'Remove-CsExUmContact'
          ? null
          : (created ?? (await readContact(t, identity ?? (operation.op === 'create' ? operation.draft.sipAddress : '')).catch(() => null)));
      await entry.finish({ outcome: 'applied', message: cmd.cmdlet, after });
      current = after;
      if (after) identity = after.identity;
    }
    return { outcome: 'applied', message: translateDynamic(language, 'contacts.applied', { count: commands.length }), after: current, auditId };
  }

  async function language() {
    return deps.language();
  }

  const emptyProgress: ImportProgress = { running: false, done: 0, total: 0, stopped: false, results: [] };

  return {
    async list() {
      const l = await deps.org.current();
      const view = buildContactsView(l.org);
      const r = await resolveTarget();
      if ('refusal' in r) return { view, access: { writable: false, reason: r.refusal, target: null, operator: null } };
      let operator: string | null = null;
      let ous = view.ous;
      try {
        const c = await directoryChecks(r.target);
        operator = c.operator;
        if (c.ous) ous = [...new Set([...view.ous, ...c.ous])].sort((a, b) => a.localeCompare(b));
      } catch (e) {
        // PowerShell could not start (lab) or the session is down: the list still shows, writes say why.
        const reason = e instanceof UserError ? flat(e.detail, await language()) : msg('contacts.readonly.unavailable', { detail: e instanceof Error ? e.message : String(e) });
        return { view, access: { writable: false, reason, target: r.target.kind, operator: null } };
      }
      return { view: { ...view, ous }, access: { writable: true, reason: null, target: r.target.kind, operator } };
    },

    async validate(operation) {
      const l = await deps.org.current();
      const r = await resolveTarget();
      const original = identityOf(operation) ? (l.org.skype.exUmContacts.find((c) => c.identity.toLowerCase() === identityOf(operation)!.toLowerCase()) ?? null) : null;
      // Cached checks only: validation as you type never waits for a server.
      const c = 'target' in r && checks && checks.key === `${r.target.kind}:${r.target.profile}` ? checks.value : null;
      const ctx: ValidationContext = c
        ? { original, operatorGroups: c.groups, knownOus: c.ous, ouPermission: operation.op === 'create' ? (c.ouPermission.get(operation.draft.ou.toLowerCase()) ?? null) : null }
        : { original };
      return { issues: validateOperation(operation, l.org, ctx) };
    },

    async preview(operation) {
      const t = await requireTarget();
      const l = await deps.org.current();
      const id = identityOf(operation);
      const before = id ? await readContact(t, id) : null;
      if (id && !before) throw new UserError(msg('contacts.error.gone', { identity: id }));
      const ctx = await validationContext(operation, before, t);
      const issues = validateOperation(operation, l.org, ctx);
      const commands = commandsFor(operation, before);
      const blocked = issues.some((i) => i.severity === 'error') || commands.length === 0;
      const acknowledge = [...new Set(issues.filter((i) => i.severity === 'warning').map((i) => i.rule))];
      const consequences = operation.op === 'remove' && before ? removalConsequences(before, l.org) : [];
      prune();
      const token = randomBytes(16).toString('hex');
      previews.set(token, { token, at: now(), targetKind: t.kind, operation, commands, before, blocked, acknowledge });
      return { token, operation, commands, commandText: commands.map(renderCommand), issues, blocked, acknowledge, before, consequences };
    },

    async apply(token, acknowledged) {
      const lang = await language();
      const p = previews.get(token);
      if (!p || now() - p.at > PREVIEW_TTL_MS) throw new UserError(msg('contacts.error.previewExpired'));
      const t = await requireTarget();
      if (t.kind !== p.targetKind) throw new UserError(msg('contacts.error.previewExpired'));
      if (p.blocked) throw new UserError(msg('contacts.error.blocked'));
      const missing = p.acknowledge.filter((r) => !acknowledged.includes(r));
      if (missing.length) throw new UserError(msg('contacts.error.acknowledge', { rules: missing.join(', ') }));
      previews.delete(token); // one apply per preview
      // No lost update: the object must be exactly as it was shown.
      const id = identityOf(p.operation);
      // A creation has nothing to compare: New-CsExUmContact itself refuses a SIP address or number taken meanwhile.
      const nowObj = id ? await readContact(t, id) : null;
      const differences = contactDifferences(p.before, nowObj);
      if (differences.length) {
        const operator = (await directoryChecks(t)).operator ?? 'unknown';
        const entry = await deps.audit.begin({ operator, profile: t.profile, target: t.kind, cmdlet: p.commands[0]?.cmdlet ?? 'none', parameters: p.commands[0]?.parameters ?? [], before: p.before });
        const message = translateDynamic(lang, 'contacts.stale', { fields: differences.map((d) => d.field).join(', ') });
        await entry.finish({ outcome: 'stale', message: translateDynamic('en', 'contacts.stale', { fields: differences.map((d) => d.field).join(', ') }), after: nowObj });
        return { outcome: 'stale', message, after: nowObj, differences, auditId: entry.id };
      }
      const result = await run(t, p.operation, p.commands, p.before, lang);
      const l = await deps.org.current();
      deps.org.replace(patchOrg(l.org, [{ identity: id, after: result.after, previousIdentity: p.before?.identity ?? null }]));
      return { ...result, differences: [] };
    },

    async importPreview(fileName, bytes) {
      const l = await deps.org.current();
      const r = await resolveTarget();
      const t = 'target' in r ? r.target : null;
      const decoded = decodeCsvBytes(bytes);
      const parsed = parseContactsCsv(decoded.text);
      const c = t ? await directoryChecks(t) : null;
      const ouPerm = new Map<string, boolean | null>();
      if (t && c) for (const row of parsed.rows) if (row.draft && !ouPerm.has(row.draft.ou.toLowerCase())) ouPerm.set(row.draft.ou.toLowerCase(), await ouPermission(t, c, row.draft.ou));
      const planned = planImport(parsed.rows, l.org, { operatorGroups: c?.groups ?? null, knownOus: c?.ous ?? null });
      // Test-CsOUPermission is per OU: a row creating a contact where the operator may not is refused (R-C-09).
      const plan = {
        rows: planned.map((row) => {
          if (row.action !== 'create' || !row.operation || row.operation.op !== 'create' || ouPerm.get(row.operation.draft.ou.toLowerCase()) !== false) return row;
          const denied = validateOperation(row.operation, l.org, { original: null, ouPermission: false }).filter((i) => i.rule === 'R-C-09');
          return { ...row, action: 'invalid' as const, issues: [...row.issues, ...denied] };
        }),
      };
      prune();
      const token = randomBytes(16).toString('hex');
      const rows = plan.rows.map((row) => ({
        line: row.line,
        action: row.action,
        draft: row.draft,
        identity: row.identity,
        issues: row.issues,
        commandText: row.commands.map(renderCommand),
      }));
      const counts = { create: 0, update: 0, skip: 0, invalid: 0 };
      for (const row of rows) counts[row.action]++;
      const acknowledge = [...new Set(plan.rows.filter((x) => x.action === 'create' || x.action === 'update').flatMap((x) => x.issues.filter((i) => i.severity === 'warning').map((i) => i.rule)))];
      const preview: ImportPreview = { token, fileName, separator: parsed.separator, encoding: decoded.encoding, fileIssues: parsed.fileIssues, rows, counts, acknowledge };
      const before = plan.rows.map((row) => (row.identity ? (l.org.skype.exUmContacts.find((x) => x.identity === row.identity) ?? null) : null));
      importPlans.set(token, { at: now(), preview, operations: plan.rows.map((row) => row.operation), before, targetKind: t?.kind ?? 'lab' });
      return preview;
    },

    async importApply(token, stopOnError, acknowledged) {
      if (job?.progress.running) throw new UserError(msg('contacts.error.importRunning'));
      const plan = importPlans.get(token);
      if (!plan) throw new UserError(msg('contacts.error.previewExpired'));
      const t = await requireTarget();
      if (t.kind !== plan.targetKind) throw new UserError(msg('contacts.error.previewExpired'));
      const missing = plan.preview.acknowledge.filter((r) => !acknowledged.includes(r));
      if (missing.length) throw new UserError(msg('contacts.error.acknowledge', { rules: missing.join(', ') }));
      importPlans.delete(token);
      const lang = await language();
      const rows = plan.preview.rows;
      const results: ImportRowResult[] = [];
      const progress = { running: true, done: 0, total: rows.length, stopped: false, results };
      const snapshot = (): ImportProgress => ({ ...progress, results: [...results] });
      const changes: { identity: string | null; after: ExUmContact | null; previousIdentity?: string | null }[] = [];
      const done = (async () => {
        for (let i = 0; i < rows.length; i++) {
          if (disposed) break;
          const row = rows[i]!;
          const op = plan.operations[i];
          if (progress.stopped) results.push({ line: row.line, outcome: 'not-run', message: translateDynamic(lang, 'contacts.import.notRun', {}) });
          else if (row.action === 'skip') results.push({ line: row.line, outcome: 'skipped', message: translateDynamic(lang, 'contacts.import.skipped', {}) });
          else if (row.action === 'invalid' || !op) {
            results.push({ line: row.line, outcome: 'refused', message: row.issues.map((x) => translateDynamic(lang, x.key, x.params)).join('; ') });
            if (stopOnError) progress.stopped = true;
          } else {
            try {
              const id = identityOf(op);
              const before = plan.before[i] ?? null;
              const current = id ? await readContact(t, id) : null;
              const diff = contactDifferences(before, current);
              if (diff.length) {
                results.push({ line: row.line, outcome: 'stale', message: translateDynamic(lang, 'contacts.stale', { fields: diff.map((d) => d.field).join(', ') }) });
                if (stopOnError) progress.stopped = true;
              } else {
                const r = await run(t, op, commandsFor(op, before), before, lang);
                results.push({ line: row.line, outcome: r.outcome === 'applied' ? 'applied' : r.outcome === 'refused' ? 'refused' : 'failed', message: r.message });
                if (r.outcome === 'applied') changes.push({ identity: id, after: r.after, previousIdentity: before?.identity ?? null });
                else if (stopOnError) progress.stopped = true;
              }
            } catch (e) {
              results.push({ line: row.line, outcome: 'failed', message: e instanceof UserError ? e.render(lang) : e instanceof Error ? e.message : String(e) });
              if (stopOnError) progress.stopped = true;
            }
          }
          progress.done = i + 1;
        }
      })()
        .catch((e: unknown) => deps.logger.log('error', 'contacts import failed', { error: e instanceof Error ? e.message : String(e) }))
        .finally(async () => {
          // One replace at the end: the rules run once for the whole import, not once per row.
          if (changes.length) deps.org.replace(patchOrg((await deps.org.current()).org, changes));
          progress.running = false;
        });
      job = { progress, done: done.then(() => undefined) };
      return snapshot();
    },

    importProgress() {
      if (!job) return emptyProgress;
      const p = job.progress;
      return { running: p.running, done: p.done, total: p.total, stopped: p.stopped, results: [...p.results] };
    },

    async importDone() {
      if (job) await job.done;
      return this.importProgress();
    },

    async exportCsv() {
      const path = await deps.dialogs.chooseSavePath('umc-contacts.csv');
      if (!path) return { path: null, rows: 0 };
      return { path, rows: await this.exportCsvTo(path) };
    },

    async exportCsvTo(path) {
      const l = await deps.org.current();
      await writeExportFile(path, contactsToCsv(l.org.skype.exUmContacts));
      return l.org.skype.exUmContacts.length;
    },

    auditList: (limit) => deps.audit.read(limit),

    async auditExport() {
      const path = await deps.dialogs.chooseSavePath('umc-audit.json');
      if (!path) return { path: null, entries: 0 };
      return { path, entries: await deps.audit.exportTo(path) };
    },

    async resetLab() {
      const l = await deps.org.current();
      if (l.org.source.kind !== 'lab') throw new UserError(msg('contacts.error.notLab'));
      const r = await resolveTarget();
      if ('refusal' in r) throw new UserError(r.refusal);
      const path = deps.lab.userPath!;
      const shell = labShell;
      labShell = null;
      await shell?.close();
      await copyFileAtomic(deps.lab.shippedPath, path, { mkdirs: true });
      previews.clear();
      importPlans.clear();
      checks = null;
      deps.org.reset();
    },

    writeRefusal() {
      const p = deps.connections.activeProfile();
      return p?.role === 'helpdesk' ? `the profile ${p.name} is read-only (helpdesk)` : null;
    },

    async dispose() {
      disposed = true;
      await job?.done;
      const shell = labShell;
      labShell = null;
      await shell?.close();
    },
  };
}
