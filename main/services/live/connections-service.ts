/**
 * The Connections screen's service: profiles, the two shells of the active profile, reading the
 * org from them (every screen then shows live data), capturing it to a snapshot file and opening one.
 */
import { VOICEMAIL_TEST_CMDLETS } from '../../../shared/voicemail/synthetic-test';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ProfileInput } from '../../../shared/connections/connection-channels';
import {
  type ConnectionProfile,
  type ConnectionsView,
  type Endpoint,
  type LabProfile,
  resolveEndpoint,
  type SectionReadNote,
  SHELLS,
  type ShellName,
  type ShellStatus,
  USER_NAME,
} from '../../../shared/connections/profile';
import type { OrgModel, SectionKey } from '../../../shared/model/org';
import { type Language, type Message, renderMessage, UserError } from '../../../shared/i18n/translate';
import { CONTACT_EXCHANGE_CHECKS, CONTACT_SKYPE_CHECKS, CONTACT_WRITE_CMDLETS } from '../../../shared/contacts/contact-model';
import { commandsFor } from '../../../shared/snapshot/capture-plan';
import { type RawSection, type RawSnapshot, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from '../../../shared/snapshot/format';
import { allSections, completedState, pendingSnapshot, USER_SECTIONS } from '../../../shared/snapshot/load-progress';
import { type ConcurrencyLimiter, createConcurrencyLimiter } from '../../powershell/concurrency-limiter';
import type { OpenSpec, Parameters } from '../../powershell/host-protocol';
import { startPowerShellHost } from '../../powershell/powershell-host';
import { type Backoff, type CallResult, createShellSession, type ShellSession } from '../../powershell/shell-session';
import type { LoadedOrg, OrgService, ReadRun } from '../org-service';
import type { Clock, Logger } from '../../ports';
import type { ProfileStore } from '../connection-profiles';
import type { SecretStore } from '../secret-store';
import { readRolePolicy } from '../role-policy';
import { decodeSnapshotObject, loadSnapshotFileInStages } from '../snapshot-loader';
import { writeChunksAtomic, writeFileAtomic } from '../atomic-write';
import { snapshotJsonPieces } from '../../../shared/snapshot/snapshot-json';
import { type CaptureNote, type CaptureOptions, type CaptureResult, captureSnapshot } from './capture';
import { FIX_CMDLETS } from '../fixes/fix-cmdlets';
import { presentedSkypeCertificates } from './presented-certificates';
import { type HostKeyScanner, hostKeyProblemOf, readKnownHostKeys, verifyAgainst } from './known-hosts';

/** Where PowerShell and its scripts are, and how sessions behave (the composition root fills it). */
export interface PowerShellRuntime {
  /** null: no PowerShell on this machine (connect then says so, plainly). */
  readonly executable: string | null;
  readonly hostScript: string;
  readonly labModule: string;
  /** The org the lab endpoint serves (the lab snapshot unless told otherwise). */
  readonly labData: string;
  /**
   * The user's writable copy of the lab org (main/services/contacts/lab-copy.ts): when set, `lab:` sessions serve it
   * -Writable instead of `labData`, so the connection and the console's lab are one org; `prepare` makes the copy
   * on first use. Null or absent: `lab:` serves `labData` read-only.
   */
  readonly labCopy?: { readonly path: string; prepare(): Promise<void> } | null;
  /** The private key for `lab+ssh://` endpoints. */
  readonly sshKeyFile?: string;
  /**
   * The console's known-hosts file for `lab+ssh://` endpoints (main/services/live/known-hosts.ts):
   * ssh checks host keys strictly against it; without it an SSH endpoint does not open.
   */
  readonly knownHostsFile?: string;
  /** Reads a server's host keys for the check before opening (tests give ssh-keyscan's path or a fake). */
  readonly hostKeyScanner?: HostKeyScanner;
  /** Extra environment for host processes (the lab fault file in tests). */
  readonly env?: Readonly<Record<string, string>>;
  readonly openTimeoutMs?: number;
  readonly callTimeoutMs?: number;
  readonly heartbeatMs?: number;
  readonly backoff?: Backoff;
  /** Concurrent calls allowed per server, all shells together. */
  readonly concurrencyCap?: number;
  readonly pageSize?: number;
}

/** The main-process file dialogs (Electron dialog in the app; a fake in tests). */
export interface FileDialogs {
  chooseSavePath(defaultName: string): Promise<string | null>;
  chooseOpenPath(): Promise<string | null>;
}

export interface ConnectionsService {
  view(language: Language): Promise<ConnectionsView>;
  save(input: ProfileInput): Promise<ConnectionProfile>;
  remove(id: string): Promise<void>;
  /** Starts opening both shells; resolves once started (not when open). */
  connect(id: string): Promise<void>;
  /** Opens both shells and waits until they are open (the CLI). */
  connectAndWait(profile: ConnectionProfile, password?: string): Promise<void>;
  disconnect(): Promise<void>;
  /** Reads the org from the open shells and shows it everywhere. */
  refresh(): Promise<LoadedOrg>;
  /** Reads everything into a snapshot (no file, no org change): the CLI's capture. */
  capture(): Promise<CaptureResult>;
  captureToFile(): Promise<{ path: string | null; bytes: number; objects: number }>;
  openFile(): Promise<{ path: string | null; bytes: number; objects: number }>;
  /** Where the org shown came from when not the lab: the last live read, or the snapshot file opened (the support bundle). */
  shownSource(): { readonly raw: RawSnapshot } | { readonly path: string } | null;
  /** The shells of the active profile (tests, bench, the contact editor's writes). */
  shells(): Readonly<Partial<Record<ShellName, ShellSession>>>;
  /** The profile whose shells are open or opening (null when none). */
  activeProfile(): ConnectionProfile | null;
  /**
   * Test connection (connection-test.ts): the profile's two shells, made but not opened and apart
   * from the active ones, each with the commands it asks for; the caller opens and closes them.
   */
  testSessions(profile: ConnectionProfile, password?: string): Record<ShellName, { readonly session: ShellSession; readonly requested: readonly string[] }>;
  dispose(): Promise<void>;
}

export interface ConnectionsDeps {
  readonly profiles: ProfileStore;
  readonly secrets: SecretStore;
  readonly runtime: PowerShellRuntime;
  readonly org: OrgService;
  readonly dialogs: FileDialogs;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly onChange?: () => void;
  /**
   * The role policy file an administrator deploys (main/services/role-policy.ts); absent: none.
   * The composition root passes %ProgramData%\UMIntegrationConsole\policy.json (/etc/umc/policy.json).
   */
  readonly rolePolicyFile?: string;
  /** Each capture read from the servers or the lab, to keep in the capture history (docs/capture-history.md); a failure there never fails the capture. */
  readonly onCaptured?: (result: CaptureResult, profile: ConnectionProfile) => Promise<void>;
}

const LAB_EXTRA = ['Get-UmcLabEndpointInfo'];

/**
 * The lab endpoint's version profile as host open parameters (umc-host.ps1 passes them to
 * Initialize-UmcLabEndpoint -ExchangeVersion / -SkypeVersion / -Withhold), for both shells.
 */
export function labParameters(lab: LabProfile | undefined): Record<string, string | readonly string[]> {
  const out: Record<string, string | readonly string[]> = {};
  if (!lab) return out;
  if (lab.exchange) out.LabExchangeVersion = lab.exchange;
  if (lab.skype) out.LabSkypeVersion = lab.skype;
  if (lab.withhold.length) out.LabWithhold = [...lab.withhold];
  return out;
}

/** Whether a profile's endpoint text names a real server (not the lab endpoint). */
function isLiveServer(endpointText: string): boolean {
  const r = resolveEndpoint('skype', endpointText);
  return r.ok && r.endpoint.kind === 'wsman';
}

/**
 * The view's read notes: every section the last read could not read whole, from the org's read state
 * (the snapshot's section status and notes, and what the decoder skipped) or, before decoding, the
 * capture's own notes; capture notes are rendered in the user's language.
 */
export function readNotesOf(language: Language, capture: readonly CaptureNote[], readState: OrgModel['readState'] | undefined): SectionReadNote[] {
  const messages = new Map(capture.map((n) => [`${n.section}\u0000${n.text}`, n.message]));
  const view = (section: string, n: { text: string; cmdlet?: string; providedBy?: string }) => {
    const m = messages.get(`${section}\u0000${n.text}`);
    return { text: m ? renderMessage(language, m) : n.text, ...(n.cmdlet ? { cmdlet: n.cmdlet } : {}), ...(n.providedBy ? { providedBy: n.providedBy } : {}) };
  };
  if (readState) {
    return Object.entries(readState)
      .filter(([, st]) => st.status !== 'read')
      .map(([section, st]) => ({ section, status: st.status as SectionReadNote['status'], notes: st.notes.map((n) => view(section, n)) }));
  }
  const bySection = new Map<string, SectionReadNote>();
  for (const n of capture) {
    if (n.status === 'read') continue;
    const entry = bySection.get(n.section) ?? { section: n.section, status: n.status, notes: [] };
    bySection.set(n.section, { ...entry, notes: [...entry.notes, view(n.section, n)] });
  }
  return [...bySection.values()];
}

function invalid(key: string, params?: Record<string, string>): never {
  throw new UserError({ key, params });
}

/**
 * The form's fields as a profile, checked as a save checks them (both endpoints, the user name of a
 * stored credential); throws the UserError that names the field. Saving and Test connection share it.
 */
export function profileFromInput(input: ProfileInput, id: string): ConnectionProfile {
  for (const shell of SHELLS) {
    const r = resolveEndpoint(shell, shell === 'exchange' ? input.exchange : input.skype);
    if (!r.ok) invalid(`profile.error.${shell}.${r.reason}`);
  }
  const userName = input.userName?.trim() || null;
  if (input.authentication === 'credential' && (!userName || !USER_NAME.test(userName))) invalid('profile.error.userName');
  return {
    id,
    name: input.name.trim(),
    exchange: input.exchange.trim(),
    skype: input.skype.trim(),
    authentication: input.authentication,
    userName: input.authentication === 'credential' ? userName : null,
    forest: input.forest?.trim() || null,
    role: input.role ?? 'admin',
  };
}

/**
 * A file the user asked for (a snapshot, an export), written whole or not at all (main/services/atomic-write.ts);
 * a failure is a UserError naming the file and the reason.
 */
export async function writeExportFile(path: string, text: string): Promise<number> {
  try {
    return await writeFileAtomic(path, text);
  } catch (e) {
    throw new UserError({ key: 'snapshot.error.write', params: { file: path, reason: (e as Error).message } });
  }
}

/**
 * A snapshot to a file, streamed: the envelope, then each section object by object (shared/snapshot/snapshot-json.ts),
 * never the whole file as one string — the same bytes as JSON.stringify, whole or not at all (writeChunksAtomic).
 */
export async function writeSnapshotFile(path: string, snapshot: RawSnapshot): Promise<number> {
  try {
    return await writeChunksAtomic(path, snapshotJsonPieces(snapshot));
  } catch (e) {
    throw new UserError({ key: 'snapshot.error.write', params: { file: path, reason: (e as Error).message } });
  }
}

export function createConnectionsService(deps: ConnectionsDeps): ConnectionsService {
  const { runtime } = deps;
  const limiter = createConcurrencyLimiter(runtime.concurrencyCap ?? 3);
  let active: { profile: ConnectionProfile; sessions: Record<ShellName, ShellSession>; password?: string } | null = null;
  let lastCapture: { raw: RawSnapshot; profile: string } | null = null;
  /** What the last live read could not read whole (capture notes, and the decoded org's read state). */
  let lastRead: { notes: readonly CaptureNote[]; readState: OrgModel['readState'] | undefined } | null = null;
  let liveLoaded = false;
  /** The snapshot file the admin opened (the support bundle re-reads it: docs/support-bundle.md). */
  let openedPath: string | null = null;
  let reading: Promise<LoadedOrg> | null = null;
  let autoRefresh: Promise<unknown> | null = null;
  /**
   * The helpdesk profile connected in this run of the console, if any: from then on the session is a
   * helpdesk one until the console restarts — disconnecting does not give the renderer an admin's
   * decisions back (docs/live-sessions.md, "Roles and the policy file").
   */
  let helpdeskSession: string | null = null;

  /** Why this session may not make a profile admin (the policy file first), or null when it may. */
  async function adminRoleRefusal(): Promise<Message | null> {
    if (deps.rolePolicyFile) {
      const policy = await readRolePolicy(deps.rolePolicyFile, deps.logger);
      if (policy.pinnedRole === 'helpdesk') return { key: 'profile.error.role.policy', params: { file: policy.file } };
    }
    return helpdeskSession === null ? null : { key: 'profile.error.role.session', params: { profile: helpdeskSession } };
  }

  /** The profile as this session may use it: helpdesk when the policy pins it or the session is a helpdesk one. */
  async function withSessionRole(profile: ConnectionProfile): Promise<ConnectionProfile> {
    if (profile.role === 'helpdesk') return profile;
    return (await adminRoleRefusal()) ? { ...profile, role: 'helpdesk' } : profile;
  }

  function serverKeyOf(e: Endpoint): string {
    if (e.kind === 'wsman') return new URL(e.uri).hostname.toLowerCase();
    if (e.kind === 'lab-ssh') return e.host;
    return 'lab';
  }

  /** The commands a shell of this profile imports (Import-PSSession -CommandName); Test connection compares them with what came. */
  function requestedCommands(shell: ShellName, e: Endpoint, profile: ConnectionProfile): string[] {
    const lab = e.kind !== 'wsman';
    // The contact editor's checks and, except for a helpdesk profile, its write cmdlets.
    const editor = shell === 'exchange' ? CONTACT_EXCHANGE_CHECKS : [...CONTACT_SKYPE_CHECKS, ...(profile.role === 'helpdesk' ? [] : CONTACT_WRITE_CMDLETS)];
    // The fix actions' cmdlets (main/services/fixes/fix-cmdlets.ts), except for a helpdesk profile.
    const fixes = profile.role === 'helpdesk' ? [] : FIX_CMDLETS[shell];
    // The synthetic voice-mail tests (docs/voicemail-tests.md): not for a helpdesk profile (Test-CsExUMVoiceMail leaves a voice mail).
    const tests = profile.role === 'helpdesk' || shell === 'exchange' ? [] : VOICEMAIL_TEST_CMDLETS.skype;
    return commandsFor(shell, [...(lab ? LAB_EXTRA : shell === 'skype' ? ['Get-CsServerVersion'] : []), ...editor, ...fixes, ...tests]);
  }

  /** The host-key check of a `lab+ssh://` open: reads the file, scans the server (known-hosts.ts). */
  async function verifyHostKey(file: string, host: string, port: number): Promise<void> {
    try {
      await verifyAgainst(await readKnownHostKeys(file, host, port), host, port, runtime.hostKeyScanner);
    } catch (e) {
      // No SSH server answered the scan: ssh then fails as unreachable (and is retried with backoff),
      // or, should the server answer by then, refuses any key the file does not hold.
      if (e instanceof UserError && e.detail.key === 'knownHosts.error.scan') return;
      throw e;
    }
  }

  function openSpecFor(shell: ShellName, e: Endpoint, profile: ConnectionProfile, password: () => Promise<string | null>): () => Promise<OpenSpec> {
    const commands = requestedCommands(shell, e, profile);
    return async (): Promise<OpenSpec> => {
      if (e.kind === 'lab-local') {
        // One lab org: the `lab:` profile serves the same file as the console's lab copy (main/compose.ts).
        // A helpdesk profile only reads: the copy when it exists (still one org), never -Writable, and it makes none.
        const writes = profile.role !== 'helpdesk';
        const copy = runtime.labCopy;
        if (copy && writes) await copy.prepare();
        const served = copy && (writes || existsSync(copy.path)) ? copy.path : null;
        return {
          kind: 'local',
          commands,
          parameters: { ModulePath: runtime.labModule, DataPath: served ?? runtime.labData, ...(served && writes ? { Writable: true } : {}), ...labParameters(e.lab) },
        };
      }
      if (e.kind === 'lab-ssh') {
        if (!runtime.sshKeyFile) throw new UserError({ key: 'ps.open.noSshKey' });
        if (!runtime.knownHostsFile) throw new UserError({ key: 'knownHosts.error.noFile' });
        // A key not known yet, or changed, is refused here with its fingerprints (the admin approves or
        // removes it); ssh then checks strictly against the same file, whatever happened in between.
        await verifyHostKey(runtime.knownHostsFile, e.host, e.port);
        return {
          kind: 'ssh',
          commands,
          parameters: {
            HostName: e.host,
            Port: e.port,
            UserName: e.user,
            KeyFilePath: runtime.sshKeyFile,
            KnownHostsFile: runtime.knownHostsFile,
            ModulePath: runtime.labModule,
            DataPath: runtime.labData,
            ...labParameters(e.lab),
          },
        };
      }
      const parameters: Record<string, string | number | boolean> = {
        ConnectionUri: e.uri,
        Authentication: e.authentication,
        AllowRedirection: e.allowRedirection,
        OpenTimeoutMs: runtime.openTimeoutMs ?? 60_000,
        OperationTimeoutMs: runtime.callTimeoutMs ?? 120_000,
      };
      if (e.configurationName) parameters.ConfigurationName = e.configurationName;
      if (profile.authentication === 'credential') {
        const secret = await password();
        if (!secret || !profile.userName) throw new UserError({ key: 'ps.open.noSecret', params: { profile: profile.name } });
        // Travels on the host's stdin only (never argv, env, disk or logs).
        parameters.UserName = profile.userName;
        parameters.Password = secret;
      }
      return { kind: 'wsman', commands, parameters };
    };
  }

  function readVersionFor(shell: ShellName, e: Endpoint) {
    return async (call: (command: string, parameters: Parameters) => Promise<CallResult>): Promise<string | null> => {
      if (e.kind !== 'wsman') {
        const info = (await call('Get-UmcLabEndpointInfo', {})).objects[0] as Record<string, unknown> | undefined;
        const v = info?.[shell === 'exchange' ? 'ExchangeVersion' : 'SkypeVersion'];
        return v == null ? null : String(v);
      }
      if (shell === 'skype') {
        const v = (await call('Get-CsServerVersion', {})).objects[0];
        return v == null ? null : String(v);
      }
      const host = new URL(e.uri).hostname.split('.')[0]!;
      const server = (await call('Get-ExchangeServer', { Identity: host })).objects[0] as Record<string, unknown> | undefined;
      return server?.AdminDisplayVersion == null ? null : String(server.AdminDisplayVersion);
    };
  }

  function createSessions(profile: ConnectionProfile, password: () => Promise<string | null>): Record<ShellName, ShellSession> {
    const make = (shell: ShellName) => {
      const resolved = resolveEndpoint(shell, shell === 'exchange' ? profile.exchange : profile.skype);
      if (!resolved.ok) invalid(`profile.error.${shell}.${resolved.reason}`);
      const e = resolved.endpoint;
      return createShellSession({
        shell,
        endpoint: e,
        serverKey: serverKeyOf(e),
        openSpec: openSpecFor(shell, e, profile, password),
        probe: e.kind === 'wsman' ? { command: shell === 'exchange' ? 'Get-OrganizationConfig' : 'Get-CsSipDomain', parameters: {} } : { command: 'Get-UmcLabEndpointInfo', parameters: {} },
        readVersion: readVersionFor(shell, e),
        ...sessionRuntime(runtime, deps, shell, limiter),
        onChange: deps.onChange,
      });
    };
    return { exchange: make('exchange'), skype: make('skype') };
  }

  function statusView(s: ShellSession, language: Language): ShellStatus {
    const st = s.status();
    return {
      shell: st.shell,
      state: st.state,
      endpoint: st.endpoint,
      serverVersion: st.serverVersion,
      psVersion: st.psVersion,
      latencyMs: st.latencyMs,
      lastError: st.lastError ? renderMessage(language, st.lastError) : null,
      attempt: st.attempt,
      nextRetryInMs: st.nextRetryAt === null ? null : Math.max(0, st.nextRetryAt - deps.clock.now().getTime()),
      queued: st.queued,
      running: st.running,
      since: st.since,
      ...(hostKeyProblemOf(st.lastError) ? { hostKey: hostKeyProblemOf(st.lastError) } : {}),
    };
  }

  let closing: Promise<void> = Promise.resolve();
  /** Closes the active shells; a second caller waits for the same close (never returns while hosts still run). */
  function closeActive(): Promise<void> {
    const a = active;
    active = null;
    lastRead = null;
    const previous = closing;
    closing = (async () => {
      await previous;
      if (a) await Promise.all(SHELLS.map((s) => a.sessions[s].close()));
      await autoRefresh?.catch(() => undefined);
      autoRefresh = null;
    })();
    return closing;
  }

  const shellCalls = (a: NonNullable<typeof active>) => ({
    exchange: a.sessions.exchange.call,
    skype: a.sessions.skype.call,
  });

  async function capture(watch: Pick<CaptureOptions, 'onProgress' | 'onSection'> = {}): Promise<CaptureResult> {
    const a = active;
    if (!a) throw new UserError({ key: 'live.notConnected' });
    for (const s of SHELLS) {
      const st = a.sessions[s].status().state;
      if (st === 'broken' || st === 'closed') throw new UserError({ key: 'ps.notOpen', params: { shell: { key: `shell.${s}` }, state: { key: `session.state.${st}` }, command: 'capture' } });
    }
    const result = await captureSnapshot(shellCalls(a), {
      label: a.profile.name,
      powerShellVersion: a.sessions.exchange.status().psVersion ?? '',
      now: () => deps.clock.now(),
      pageSize: runtime.pageSize,
      missing: { exchange: a.sessions.exchange.missingCommands(), skype: a.sessions.skype.missingCommands() },
      // The other Skype servers' presented certificates, from their TLS handshakes: live servers only,
      // never the lab org's hosts (they do not exist: not even a DNS query).
      presentedCertificates: isLiveServer(a.profile.skype) ? (servers) => presentedSkypeCertificates(servers) : undefined,
      ...watch,
    });
    for (const n of result.notes) deps.logger.log('warn', 'capture note', { section: n.section, status: n.status, note: n.text });
    await deps.onCaptured?.(result, a.profile).catch((e: unknown) => deps.logger.log('warn', 'capture not kept in the history', { reason: e instanceof Error ? e.message : String(e) }));
    lastCapture = { raw: result.snapshot, profile: a.profile.name };
    lastRead = { notes: result.notes, readState: undefined };
    deps.onChange?.();
    return result;
  }

  async function refresh(): Promise<LoadedOrg> {
    if (reading) return reading;
    reading = (async () => {
      deps.onChange?.();
      // Progress per section, and the org without the user sections as soon as the rest is in (docs/large-orgs.md).
      const run = deps.org.beginRead('capture', active?.profile.name ?? '');
      try {
        const result = await capture(watchCapture(run, active?.profile.name ?? ''));
        // The same decoder as files and the lab: a capture is a snapshot.
        const org = decodeSnapshotObject(result.snapshot, 'live', 'live', result.snapshot.source.label);
        lastRead = { notes: result.notes, readState: org.readState };
        liveLoaded = true;
        const loaded = deps.org.replace(org);
        run.end('done');
        return loaded;
      } catch (e) {
        run.end('failed');
        throw e;
      }
    })().finally(() => {
      reading = null;
      deps.onChange?.();
    });
    return reading;
  }

  /**
   * What refresh hears from the capture: each section's count as pages arrive and when it is complete; once every
   * section but the user ones is in, the partial org (the user sections not-read, "still reading") is shown.
   */
  function watchCapture(run: ReadRun, label: string): Pick<CaptureOptions, 'onProgress' | 'onSection'> {
    const got = { exchange: {} as Record<string, RawSection>, skype: {} as Record<string, RawSection> };
    const keys = new Set(allSections().map((s) => s.key as string));
    let partialShown = false;
    return {
      // Paged reads name the section by its key; a bare name (the end of a section) is told by onSection.
      onProgress: (section, objects) => {
        if (keys.has(section)) run.section(section, objects, 'reading');
      },
      onSection: (key, section) => {
        const [side, name] = key.split('.') as ['exchange' | 'skype', string];
        if (!keys.has(key)) return;
        got[side][name] = section;
        run.section(key, section.objects.length, completedState(section));
        const has = (k: string) => k.slice(k.indexOf('.') + 1) in got[k.startsWith('exchange.') ? 'exchange' : 'skype'];
        const pending = USER_SECTIONS.filter((k) => !has(k));
        const waiting = [...keys].filter((k) => !USER_SECTIONS.includes(k as SectionKey) && !has(k));
        if (partialShown || waiting.length > 0 || pending.length === 0) return;
        partialShown = true;
        const head: Pick<RawSnapshot, 'format' | 'formatVersion' | 'capturedAt' | 'source'> = {
          format: SNAPSHOT_FORMAT,
          formatVersion: SNAPSHOT_FORMAT_VERSION,
          capturedAt: deps.clock.now().toISOString(),
          source: { kind: 'live', label, powerShellVersion: '' },
        };
        try {
          // The capture goes on meanwhile (main is not held): nothing to wait for.
          void run.partial(decodeSnapshotObject(pendingSnapshot(head, got.exchange, got.skype, pending), 'live', 'live', label));
        } catch (e) {
          // The whole capture is decoded at the end and says what is wrong; the partial org is only a preview.
          deps.logger.log('warn', 'capture: partial org not shown', { reason: e instanceof Error ? e.message : String(e) });
        }
      },
    };
  }

  return {
    async view(language) {
      const profiles = await deps.profiles.list();
      const withSecret = await Promise.all(profiles.map(async (p) => ({ ...p, hasSecret: await deps.secrets.has(p.id) })));
      const secretsReason = deps.secrets.unavailable();
      const roleRefusal = await adminRoleRefusal();
      return {
        profiles: withSecret,
        activeProfileId: active?.profile.id ?? null,
        shells: active ? SHELLS.map((s) => statusView(active!.sessions[s], language)) : [],
        liveDataLoaded: liveLoaded && active !== null,
        readNotes: active && lastRead ? readNotesOf(language, lastRead.notes, lastRead.readState) : [],
        reading: reading !== null,
        secretsUnavailable: secretsReason ? renderMessage(language, { key: `secrets.unavailable.${secretsReason}` }) : null,
        adminRoleRefusal: roleRefusal ? renderMessage(language, roleRefusal) : null,
      };
    },

    async save(input) {
      const checked = profileFromInput(input, input.id ?? 'new');
      const existing = input.id ? await deps.profiles.get(input.id) : null;
      if (input.id && !existing) invalid('profile.error.unknown');
      const id =
        existing?.id ??
        `${
          input.name
            .toLowerCase()
            .replace(/[^a-z0-9]+/g, '-')
            .replace(/^-|-$/g, '')
            .slice(0, 40) || 'profile'
        }-${randomBytes(3).toString('hex')}`;
      // A profile's role is an admin's decision: a helpdesk session (or the policy file) never makes a
      // profile admin, whether it lifts a helpdesk profile or creates one; a role not sent keeps the stored one.
      const storedRole = existing ? (existing.role ?? 'admin') : null;
      const refusal = await adminRoleRefusal();
      const role = input.role ?? storedRole ?? (refusal ? 'helpdesk' : 'admin');
      if (role === 'admin' && refusal && (storedRole !== 'admin' || refusal.key === 'profile.error.role.policy')) {
        deps.logger.log('warn', 'profile save refused: admin role', { reason: refusal.key });
        throw new UserError(refusal);
      }
      const profile: ConnectionProfile = { ...checked, id, role };
      if (input.authentication === 'credential' && input.password === undefined && !(await deps.secrets.has(id))) invalid('profile.error.password');
      if (input.password !== undefined && input.password !== '' && input.authentication === 'credential') await deps.secrets.put(id, input.password);
      if (input.password === '' || input.authentication === 'kerberos') await deps.secrets.remove(id);
      await deps.profiles.save(profile);
      return profile;
    },

    async remove(id) {
      if (active?.profile.id === id) await closeActive();
      await deps.secrets.remove(id);
      await deps.profiles.remove(id);
    },

    async connect(id) {
      const stored = await deps.profiles.get(id);
      if (!stored) invalid('profile.error.unknown');
      const profile = await withSessionRole(stored);
      if (profile.role === 'helpdesk') helpdeskSession ??= profile.name;
      await closeActive();
      liveLoaded = false;
      const sessions = createSessions(profile, () => deps.secrets.get(profile.id));
      active = { profile, sessions };
      await deps.profiles.setActive(profile.id);
      deps.onChange?.();
      const opened = Promise.all(SHELLS.map((s) => sessions[s].open()));
      // Once both shells are open, read the org: every screen then shows the live data.
      autoRefresh = opened
        .then(() => (active?.sessions === sessions ? refresh() : undefined))
        .catch((e: unknown) => deps.logger.log('warn', 'connect: org not read', { reason: e instanceof UserError ? e.detail.key : 'error' }));
    },

    async connectAndWait(asked, password) {
      const profile = await withSessionRole(asked);
      if (profile.role === 'helpdesk') helpdeskSession ??= profile.name;
      await closeActive();
      const sessions = createSessions(profile, async () => password ?? (await deps.secrets.get(profile.id)));
      active = { profile, sessions, password };
      const results = await Promise.allSettled(SHELLS.map((s) => sessions[s].open()));
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed) {
        await closeActive();
        throw failed.reason;
      }
    },

    async disconnect() {
      await closeActive();
      // The live data goes with the sessions: the status bar must never say "live" for a closed connection.
      if (liveLoaded) deps.org.reset();
      liveLoaded = false;
      await deps.profiles.setActive(null);
      deps.onChange?.();
    },

    refresh,
    capture,

    async captureToFile() {
      if (!lastCapture) await refresh();
      const c = lastCapture!;
      const stamp = c.raw.capturedAt.replace(/[:.]/g, '-').slice(0, 19);
      const path = await deps.dialogs.chooseSavePath(`${c.profile.replace(/[^A-Za-z0-9._-]+/g, '_')}-${stamp}.umcsnap.json`);
      if (!path) return { path: null, bytes: 0, objects: 0 };
      const bytes = await writeSnapshotFile(path, c.raw);
      const objects = Object.values(c.raw.exchange).reduce((n, s) => n + s.objects.length, 0) + Object.values(c.raw.skype).reduce((n, s) => n + s.objects.length, 0);
      deps.logger.log('info', 'snapshot captured', { file: basename(path), bytes, objects });
      return { path, bytes, objects };
    },

    async openFile() {
      const path = await deps.dialogs.chooseOpenPath();
      if (!path) return { path: null, bytes: 0, objects: 0 };
      // A large file is read in stages: progress per section and the partial org meanwhile (docs/large-orgs.md).
      const run = deps.org.beginRead('load', basename(path));
      let org: OrgModel;
      try {
        org = await loadSnapshotFileInStages(path, 'snapshot', { onSection: run.section, onPartial: run.partial });
        deps.org.replace(org);
        run.end('done');
      } catch (e) {
        run.end('failed');
        throw e;
      }
      liveLoaded = false;
      openedPath = path;
      // Every object the file's sections decoded to, on both sides (the figure "Opened … N objects" shows).
      const count = (side: object) => Object.values(side).reduce((n: number, v) => n + (Array.isArray(v) ? v.length : 0), 0);
      const objects = count(org.exchange) + count(org.skype) + org.users.length + org.mailboxes.length;
      return { path, bytes: (await stat(path)).size, objects };
    },

    shells: () => (active ? active.sessions : {}),
    shownSource: () => (liveLoaded && lastCapture ? { raw: lastCapture.raw } : openedPath ? { path: openedPath } : null),
    activeProfile: () => active?.profile ?? null,

    testSessions(profile, password) {
      const sessions = createSessions(profile, async () => password ?? (await deps.secrets.get(profile.id)));
      const requested = (shell: ShellName) => {
        const r = resolveEndpoint(shell, shell === 'exchange' ? profile.exchange : profile.skype);
        return r.ok ? requestedCommands(shell, r.endpoint, profile) : [];
      };
      return { exchange: { session: sessions.exchange, requested: requested('exchange') }, skype: { session: sessions.skype, requested: requested('skype') } };
    },

    async dispose() {
      await closeActive();
    },
  };
}

/**
 * A shell on the lab endpoint over a writable copy of the lab org: the contact editor's
 * writes on the lab go through the same host, the same typed parameters and the same cmdlets as on a
 * live Skype session — the lab endpoint implements them — never through a second write path in Node.
 */
export function createLabEditorShell(
  runtime: PowerShellRuntime,
  deps: { readonly clock: Clock; readonly logger: Logger },
  o: { readonly dataPath: string; readonly commands: readonly string[] },
): ShellSession {
  const resolved = resolveEndpoint('skype', 'lab:');
  if (!resolved.ok) throw new Error('the lab endpoint does not resolve');
  return createShellSession({
    shell: 'skype',
    endpoint: resolved.endpoint,
    serverKey: 'lab-editor',
    openSpec: async () => ({ kind: 'local', commands: [...o.commands], parameters: { ModulePath: runtime.labModule, DataPath: o.dataPath, Writable: true } }),
    probe: { command: 'Get-UmcLabEndpointInfo', parameters: {} },
    readVersion: async (call) => {
      const info = (await call('Get-UmcLabEndpointInfo', {})).objects[0] as Record<string, unknown> | undefined;
      return info?.SkypeVersion == null ? null : String(info.SkypeVersion);
    },
    ...sessionRuntime(runtime, deps, 'lab-editor', createConcurrencyLimiter(runtime.concurrencyCap ?? 3)),
  });
}

/** What every shell session takes from the runtime: how its host starts, its limits and timings. */
function sessionRuntime(runtime: PowerShellRuntime, deps: { readonly clock: Clock; readonly logger: Logger }, label: string, limiter: ConcurrencyLimiter) {
  return {
    startHost: () => {
      if (!runtime.executable) throw new UserError({ key: 'ps.missing' });
      return startPowerShellHost({ executable: runtime.executable, script: runtime.hostScript, env: runtime.env, logger: deps.logger, label });
    },
    limiter,
    clock: deps.clock,
    logger: deps.logger,
    openTimeoutMs: runtime.openTimeoutMs,
    callTimeoutMs: runtime.callTimeoutMs,
    heartbeatMs: runtime.heartbeatMs,
    backoff: runtime.backoff,
  };
}
