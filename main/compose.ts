/**
 * The composition root: the one place that wires the main-process services to their ports.
 * Electron (main/app), the CLI, the browser-test harness and the unit tests all call this.
 */
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { EventStream, Transport } from '../shared/contract/api';
import { type Language, languageFromLocale } from '../shared/i18n/translate';
import type { OrgModel } from '../shared/model/org';
import { createDispatcher, type Dispatcher } from './ipc/dispatch';
import { createEventHub, type EventHub } from './ipc/event-hub';
import { createHandlers } from './ipc/handlers';
import { type InFlight, trackInFlight } from './ipc/in-flight';
import { inMemoryEvents, inMemoryTransport } from './ipc/in-memory-transport';
import { originPolicy, type SenderInfo } from './ipc/sender-policy';
import { createOrgService, type OrgService } from './services/org-service';
import { type Clock, type Logger, silentLogger, systemClock } from './ports';
import { memorySettingsStore, type SettingsStore } from './services/ports';
import { labSnapshotPath, loadSnapshotFile, loadSnapshotFileInStages } from './services/snapshot-loader';
import { environmentLocale } from './services/system-locale';
import { createElkLayout, type TopologyLayout } from './services/topology/topology-layout';
import { createTopologyService } from './services/topology/topology-service';
import { createChecksService } from './services/checks-service';
import { createTrustedRootsSource } from './services/certificates/trusted-roots';
import { createLanguageSettings } from './services/language-settings';
import { createProfileStore } from './services/connection-profiles';
import { createLocalPowerShell } from './services/local-powershell';
import { createConnectionsService, type ConnectionsService, type FileDialogs, type PowerShellRuntime } from './services/live/connections-service';
import { createSecretStore, processMemoryCipher, type SecretCipher } from './services/secret-store';
import { defaultRolePolicyFile } from './services/role-policy';
import { createCertificateService } from './services/certificate-service';
import { createGatewayService, type GatewayService } from './services/gateway-service';
import { createTlsProfiles } from './services/sip/tls-profiles';
import { locatePowerShell, powerShellAssets } from './powershell/powershell-locator';
import { createAuditLog } from './services/audit/audit-log';
import { createContactService, type ContactService } from './services/contacts/contact-service';
import { createAuditService } from './services/audit/audit-service';
import { createContactEditor, MAX_PREVIEWS, type StoredPreview } from './services/contacts/contact-editor';
import { createContactImportPlanner, type ImportPlan, MAX_IMPORT_PLANS } from './services/contacts/contact-import-planner';
import { createContactImportRunner } from './services/contacts/contact-import-runner';
import { createContactList } from './services/contacts/contact-list';
import { createContactWriter } from './services/contacts/contact-writer';
import { createContactsExport } from './services/contacts/contacts-export';
import { createDirectoryCheckCache } from './services/contacts/directory-checks';
import { createLabCopy, ensureLabCopy } from './services/contacts/lab-copy';
import { createPreviewTokens } from './services/contacts/preview-tokens';
import { createWriteTargets } from './services/contacts/write-target';
import { createUserService, type UserService } from './services/users/user-service';
import { createConnectionTester, importsThrough } from './services/live/connection-test';
import { createKnownHosts } from './services/live/known-hosts';
import { createFixService, type FixService } from './services/fixes/fix-service';
import { type ChecklistService, createChecklistService } from './services/checklist/checklist-service';
import { createSessionErrors } from './services/bundle/session-errors';
import { createBundleService } from './services/bundle/bundle-service';
import { createVoicemailTestService, type VoicemailTestService } from './services/voicemail/voicemail-test-service';
import { createHistoryStore, type HistoryStore } from './services/history/history-store';
import { createHistoryService } from './services/history/history-service';
import { captureSourceOf } from '../shared/history/history-model';

/** The longest a staged load waits for the window's reads before decoding the users (main/ipc/in-flight.ts). */
const PARTIAL_SETTLE_MAX_MS = 3000;

export interface MainOptions {
  /** The application root (package.json, assets/). */
  readonly root: string;
  readonly allowedOrigins: readonly string[];
  readonly settings?: SettingsStore;
  readonly logger?: Logger;
  readonly clock?: Clock;
  readonly systemLocale?: () => string;
  /** A snapshot file to open instead of the lab. */
  readonly snapshotPath?: string;
  /** An org already in memory (tests, benchmarks). */
  readonly org?: OrgModel;
  readonly layout?: TopologyLayout;
  /** The OS key store (Electron safeStorage); elsewhere a process-memory stand-in. */
  readonly secretCipher?: SecretCipher;
  /** Where PowerShell is and how sessions behave; defaults: located PowerShell, the lab data. */
  readonly powershell?: Partial<PowerShellRuntime>;
  /** Save/open dialogs for snapshots (Electron's in the app). */
  readonly dialogs?: FileDialogs;
  /**
   * The user's writable copy of the lab org (the Electron app's user data, the CLI's home; a temp
   * copy in tests). The lab org opens from it once it exists; without it the lab is read-only.
   */
  readonly userLabPath?: string;
  /** The audit log of changes (JSON Lines; the app's user data). Without it: a per-process file in the temp directory. */
  readonly auditPath?: string;
  /** The role policy file (main/services/role-policy.ts); default %ProgramData%\UMIntegrationConsole\policy.json, /etc/umc/policy.json. */
  readonly rolePolicyFile?: string;
  /** The gateway monitor's history kept across restarts (main/services/sip/monitor-history-store.ts); without it the history lives as long as the process. */
  readonly monitorHistoryPath?: string;
  /**
   * The capture history (main/services/history/, the app's user data): each capture the Connections screen makes is kept
   * there. Without it: nothing is recorded, and the Changes screen reads a per-process folder in the temp directory.
   */
  readonly historyDir?: string;
}

export interface MainServices {
  readonly dispatcher: Dispatcher;
  readonly org: OrgService;
  readonly connections: ConnectionsService;
  readonly gateways: GatewayService;
  readonly contacts: ContactService;
  readonly users: UserService;
  /** Fix actions: previewed, applied, audited fixes of the findings (docs/fixes.md). */
  readonly fixes: FixService;
  /** The deployment checklist and its change plan (docs/checklist.md). */
  readonly checklist: ChecklistService;
  /** The synthetic voice-mail tests (docs/voicemail-tests.md). */
  readonly voicemailTest: VoicemailTestService;
  /** The capture history (docs/capture-history.md). */
  readonly history: HistoryStore;
  /** Where the services publish their progress events; the transports subscribe through the dispatcher. */
  readonly events: EventHub;
  readonly logger: Logger;
  readonly clock: Clock;
  /** A transport into the dispatcher as if from the given sender (unit tests, the browser bridge). */
  transportFor(sender: SenderInfo): Transport;
  /** The events as the given sender receives them (unit tests: `createApi(transportFor(s), eventsFor(s))`). */
  eventsFor(sender: SenderInfo): EventStream;
  dispose(): Promise<void>;
}

/** Without a dialog port (CLI, tests that do not pass one) capture and open say so. */
const noDialogs: FileDialogs = {
  chooseSavePath: async () => null,
  chooseOpenPath: async () => null,
};

export function createMainServices(options: MainOptions): MainServices {
  const clock = options.clock ?? systemClock;
  // The session's last warnings and errors, for the support bundle (main/services/bundle/session-errors.ts).
  const sessionErrors = createSessionErrors(options.logger ?? silentLogger, clock);
  const logger = sessionErrors.logger;
  const pkg = JSON.parse(readFileSync(join(options.root, 'package.json'), 'utf8')) as { version: string };
  // The roots an admin adds (the setting trustedRootsFile), re-read with every initial load (reset reloads).
  const settings = options.settings ?? memorySettingsStore();
  const trustedRoots = createTrustedRootsSource(settings, logger);
  const events = createEventHub({ logger });
  // The requests in flight, known once the dispatcher is made (below).
  let inFlight: InFlight | null = null;
  const org = createOrgService(
    async (hooks) => {
      await trustedRoots.refresh();
      if (options.org) return options.org;
      // A large snapshot is read in stages: the partial org first, progress per section (docs/large-orgs.md).
      if (options.snapshotPath) return loadSnapshotFileInStages(options.snapshotPath, 'snapshot', hooks);
      // The user's copy once the contact editor has written to it; reset puts the shipped one back.
      const lab = options.userLabPath && existsSync(options.userLabPath) ? options.userLabPath : labSnapshotPath(options.root);
      return loadSnapshotFile(lab, 'lab');
    },
    () => trustedRoots.current(),
    {
      events,
      initialLabel: options.snapshotPath ? basename(options.snapshotPath) : '',
      // The window reads the partial org before the users' decode holds the thread (at most 3 s).
      afterPartial: () => inFlight?.settled(PARTIAL_SETTLE_MAX_MS) ?? Promise.resolve(),
    },
  );
  const layout = options.layout ?? createElkLayout();
  const systemLocale = options.systemLocale ?? environmentLocale;
  const currentLanguage = async (): Promise<Language> => {
    const chosen = (await settings.read()).language;
    return chosen === 'en' || chosen === 'fr' ? chosen : languageFromLocale(systemLocale());
  };
  const assets = powerShellAssets(options.root);
  const runtime: PowerShellRuntime = {
    executable: locatePowerShell(options.root)?.executable ?? null,
    hostScript: assets.hostScript,
    labModule: assets.labModule,
    labData: labSnapshotPath(options.root),
    // One lab org: the `lab:` connection serves the user's copy that the contact editor and the fixes write and the
    // org service loads (a caller may pass labCopy: null to keep `lab:` on labData, read-only).
    labCopy: options.userLabPath ? { path: options.userLabPath, prepare: async () => void (await ensureLabCopy(labSnapshotPath(options.root), options.userLabPath!)) } : null,
    ...options.powershell,
    // lab+ssh:// host keys: the app and the CLI pass the user data's file; without one, a per-process file (tests).
    knownHostsFile: options.powershell?.knownHostsFile ?? join(tmpdir(), `umc-known-hosts-${process.pid}`),
  };
  const profiles = createProfileStore(settings, logger);
  const history = createHistoryStore({ dir: options.historyDir ?? join(tmpdir(), `umc-history-${process.pid}`), settings, clock, logger });
  const secrets = createSecretStore(settings, options.secretCipher ?? processMemoryCipher());
  const connections = createConnectionsService({
    profiles,
    secrets,
    runtime,
    org,
    dialogs: options.dialogs ?? noDialogs,
    clock,
    logger,
    rolePolicyFile: options.rolePolicyFile ?? defaultRolePolicyFile(),
    onCaptured: options.historyDir
      ? async (result, profile) => void (await history.record({ snapshot: result.snapshot, source: captureSourceOf(result.snapshot.source.kind, profile.exchange, profile.skype), origin: 'gui' }))
      : undefined,
  });
  const gateways = createGatewayService({
    org,
    logger,
    clock,
    events,
    historyPath: options.monitorHistoryPath,
    tlsProfiles: createTlsProfiles(settings, secrets),
    chooseOpenPath: () => (options.dialogs ?? noDialogs).chooseOpenPath(),
    language: currentLanguage,
  });
  // The contact editor: services of one concern each (main/services/contacts/), behind the facade the handlers call.
  const labCopy = createLabCopy({ runtime, shippedPath: labSnapshotPath(options.root), userPath: options.userLabPath ?? null, clock, logger });
  const contactTargets = createWriteTargets({ org, connections, runtime, lab: labCopy });
  const directoryChecks = createDirectoryCheckCache({ clock, logger });
  // Every change is audited; a caller that names no log (unit tests of other services) gets one in the temp directory.
  const auditLog = createAuditLog({ path: options.auditPath ?? join(tmpdir(), `umc-audit-${process.pid}.jsonl`), clock, logger });
  const contactWriter = createContactWriter({ audit: auditLog, checks: directoryChecks });
  const contactPreviews = createPreviewTokens<StoredPreview>({ clock, max: MAX_PREVIEWS });
  const importPlans = createPreviewTokens<ImportPlan>({ clock, max: MAX_IMPORT_PLANS });
  const contacts = createContactService({
    org,
    targets: contactTargets,
    lab: labCopy,
    checks: directoryChecks,
    previews: contactPreviews,
    importPlans,
    list: createContactList({ org, targets: contactTargets, checks: directoryChecks, language: currentLanguage, events }),
    editor: createContactEditor({ org, targets: contactTargets, checks: directoryChecks, writer: contactWriter, previews: contactPreviews, language: currentLanguage }),
    importPlanner: createContactImportPlanner({ org, targets: contactTargets, checks: directoryChecks, plans: importPlans }),
    importRunner: createContactImportRunner({ org, targets: contactTargets, writer: contactWriter, plans: importPlans, logger, language: currentLanguage, events }),
    export: createContactsExport({ org, dialogs: options.dialogs ?? noDialogs }),
    audit: createAuditService({ log: auditLog, dialogs: options.dialogs ?? noDialogs }),
  });
  // Fix actions write through the contact editor's targets (lab copy or live sessions) and its audit log.
  const fixes = createFixService({ org, targets: contactTargets, lab: labCopy, connections, audit: auditLog, clock, logger, events, pageSize: runtime.pageSize });
  const users = createUserService({ org, connections, dialogs: options.dialogs ?? noDialogs, clock, logger, language: currentLanguage, events });
  const topology = createTopologyService({ org, layout });
  const certificates = createCertificateService({ org, clock, events, trustedRoots });
  const checklist = createChecklistService({ org, dialogs: options.dialogs ?? noDialogs, clock });
  // The synthetic voice-mail tests run where changes run (lab copy or live sessions), audited like them.
  const voicemailTest = createVoicemailTestService({ org, users, targets: contactTargets, settings, secrets, audit: auditLog, clock, logger });
  const localPowerShell = createLocalPowerShell({ executable: () => runtime.executable, logger });
  const handlers = createHandlers({
    appName: 'UM Integration Console',
    appVersion: pkg.version,
    systemLocale,
    localPowerShell,
    settings: createLanguageSettings(settings),
    org,
    topology,
    checks: createChecksService({
      org,
      trustedRoots,
      dialogs: options.dialogs ?? noDialogs,
      language: currentLanguage,
      access: () => fixes.access(),
      now: () => clock.now(),
      monitorHistories: () => gateways.monitorHistories(),
    }),
    connections,
    knownHosts: createKnownHosts({ path: runtime.knownHostsFile!, audit: auditLog, scan: runtime.hostKeyScanner }),
    certificates,
    gateways,
    contacts,
    users,
    fixes,
    checklist,
    voicemailTest,
    history: createHistoryService(history),
    bundle: createBundleService({
      org,
      shownSource: () => connections.shownSource(),
      snapshotPath: options.snapshotPath ?? null,
      labPaths: [...(options.userLabPath ? [options.userLabPath] : []), labSnapshotPath(options.root)],
      dialogs: options.dialogs ?? noDialogs,
      sessionErrors,
      consoleVersion: pkg.version,
      clock,
      trustedRoots: () => trustedRoots.current(),
    }),
    connectionTest: {
      tester: createConnectionTester({ powershell: () => runtime.executable, imports: importsThrough(connections), clock, logger }),
      stores: { profiles, secrets },
    },
    language: currentLanguage,
  });
  const tracked = trackInFlight(
    createDispatcher({
      handlers,
      policy: originPolicy(options.allowedOrigins),
      logger,
      events,
      language: currentLanguage,
      writeRefusal: () => contacts.writeRefusal(),
    }),
  );
  inFlight = tracked.inFlight;
  const dispatcher = tracked.dispatcher;
  return {
    dispatcher,
    org,
    connections,
    gateways,
    contacts,
    users,
    fixes,
    checklist,
    voicemailTest,
    history,
    events,
    logger,
    clock,
    transportFor: (sender) => inMemoryTransport(dispatcher, sender),
    eventsFor: (sender) => inMemoryEvents(dispatcher, sender),
    async dispose() {
      // Live sessions are removed (Remove-PSSession) and their hosts end; layout workers stop.
      // A running probe sweep stops (its sockets close); then live sessions and layout workers.
      await gateways.dispose();
      await fixes.dispose(); // a fix run ends between two steps before the lab shell closes
      await contacts.dispose();
      await connections.dispose();
      await topology.dispose();
      await certificates.dispose(); // certificate inspection workers stop
      localPowerShell.dispose();
      events.dispose();
    },
  };
}
