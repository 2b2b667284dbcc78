/**
 * The main-process side of every channel of shared/contract: each handler delegates to one
 * service (created in main/compose.ts). What a channel computes lives in its service, never here;
 * the only work left here is reading the wire (base64 file bytes) and filling the defaults.
 */
import { UserError } from '../../shared/i18n/translate';
import type { Language } from '../../shared/i18n/translate';
import type { CertificateService } from '../services/certificate-service';
import type { ChecksService } from '../services/checks-service';
import type { ProfileStore } from '../services/connection-profiles';
import type { ContactService } from '../services/contacts/contact-service';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, type GatewayService } from '../services/gateway-service';
import type { LanguageSettings } from '../services/language-settings';
import { type ConnectionTester, resolveTestProfile } from '../services/live/connection-test';
import type { ConnectionsService } from '../services/live/connections-service';
import type { KnownHosts } from '../services/live/known-hosts';
import { orgSummary, type OrgService } from '../services/org-service';
import type { SecretStore } from '../services/secret-store';
import type { TopologyService } from '../services/topology/topology-service';
import type { UserService } from '../services/users/user-service';
import type { FixService } from '../services/fixes/fix-service';
import type { ChecklistService } from '../services/checklist/checklist-service';
import type { BundleService } from '../services/bundle/bundle-service';
import type { VoicemailTestService } from '../services/voicemail/voicemail-test-service';
import type { HistoryService } from '../services/history/history-service';
import type { Handlers } from './dispatch';
import type { LocalPowerShell } from '../services/local-powershell';

export interface HandlerDeps {
  readonly appName: string;
  readonly appVersion: string;
  readonly systemLocale: () => string;
  /** The PowerShell of this computer and its version, for the status bar. */
  readonly localPowerShell: LocalPowerShell;
  readonly settings: LanguageSettings;
  readonly org: OrgService;
  readonly topology: TopologyService;
  readonly checks: ChecksService;
  readonly connections: ConnectionsService;
  /** The console's SSH known-hosts file (lab+ssh:// host keys). */
  readonly knownHosts: KnownHosts;
  readonly certificates: CertificateService;
  readonly gateways: GatewayService;
  readonly contacts: ContactService;
  readonly users: UserService;
  readonly fixes: FixService;
  readonly checklist: ChecklistService;
  /** Export support bundle… (docs/support-bundle.md). */
  readonly bundle: BundleService;
  /** The synthetic voice-mail tests (docs/voicemail-tests.md). */
  readonly voicemailTest: VoicemailTestService;
  /** The capture history and the Changes screen (docs/capture-history.md). */
  readonly history: HistoryService;
  /** Test connection: the tester and where saved profiles and their passwords are. */
  readonly connectionTest: { readonly tester: ConnectionTester; readonly stores: { readonly profiles: ProfileStore; readonly secrets: SecretStore } };
  /** The console's language: shell errors are rendered in it. */
  readonly language: () => Promise<Language>;
}

/** Base64 from the renderer, strictly: anything else is refused rather than decoded loosely. */
function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new UserError({ key: 'contacts.import.badData' });
  return Buffer.from(text, 'base64');
}

export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    'app.info': async () => ({ name: deps.appName, version: deps.appVersion, systemLocale: deps.systemLocale() }),
    'app.powershell': () => deps.localPowerShell.info(),
    'settings.get': async () => deps.settings.get(),
    'settings.update': async (request) => deps.settings.update(request.language),

    'org.summary': async () => orgSummary(await deps.org.current()),
    'lab.reset': async () => {
      await deps.contacts.resetLab();
      return { reset: true as const };
    },

    'topology.graph': async (request) => deps.topology.packedGraph(request),
    'topology.search': async (request) => deps.topology.search(request.query),
    'topology.object': async (request) => deps.topology.object(request.ref),

    'connections.list': async () => deps.connections.view(await deps.language()),
    'connections.save': async (request) => {
      await deps.connections.save(request.profile);
      return deps.connections.view(await deps.language());
    },
    'connections.delete': async (request) => {
      await deps.connections.remove(request.id);
      return deps.connections.view(await deps.language());
    },
    'connections.connect': async (request) => {
      await deps.connections.connect(request.id);
      return deps.connections.view(await deps.language());
    },
    'connections.disconnect': async () => {
      await deps.connections.disconnect();
      return deps.connections.view(await deps.language());
    },
    'connections.test': async (request) => deps.connectionTest.tester.report(await resolveTestProfile(request, deps.connectionTest.stores), await deps.language()),
    'connections.refresh': async () => orgSummary(await deps.connections.refresh()),
    'connections.knownHosts': async () => deps.knownHosts.list(),
    'connections.approveHostKey': async (request) => deps.knownHosts.approve(request.host, request.port, request.fingerprint),
    'connections.removeHostKey': async (request) => ({ removed: await deps.knownHosts.remove(request.host, request.port) }),
    'snapshot.capture': async () => deps.connections.captureToFile(),
    'snapshot.open': async () => deps.connections.openFile(),

    'certificates.inventory': async () => deps.certificates.inventory(),
    'certificates.inspect': async (request) => deps.certificates.inspect(request),
    'certificates.cancel': async () => deps.certificates.cancel(),

    'gateways.targets': async () => deps.gateways.targets(),
    'gateways.addTarget': async (request) => deps.gateways.addTarget(request.text),
    'gateways.removeTarget': async (request) => deps.gateways.removeTarget(request.raw),
    'gateways.probe': async (request) =>
      deps.gateways.startSweep({ includeTopology: true, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, concurrency: request.concurrency ?? DEFAULT_CONCURRENCY }),
    'gateways.monitor': async (request) =>
      deps.gateways.startMonitor({
        intervalS: request.intervalS,
        timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        concurrency: request.concurrency ?? DEFAULT_CONCURRENCY,
      }),
    'gateways.monitorStop': async () => deps.gateways.stopMonitor(),
    'gateways.setTlsProfile': async (request) => deps.gateways.setTlsProfile(request.raw, { caFile: request.caFile, clientPfxFile: request.clientPfxFile, pfxPassword: request.pfxPassword }),
    'gateways.clearTlsProfile': async (request) => deps.gateways.clearTlsProfile(request.raw),
    'gateways.chooseTlsFile': async () => deps.gateways.chooseTlsFile(),

    'contacts.list': async () => deps.contacts.list(),
    'contacts.view': async () => ({ view: await deps.contacts.view() }),
    'contacts.validate': async (request) => deps.contacts.validate(request.operation),
    'contacts.preview': async (request) => deps.contacts.preview(request.operation),
    'contacts.apply': async (request) => deps.contacts.apply(request.token, request.acknowledged),
    'contacts.importPreview': async (request) => deps.contacts.importPreview(request.fileName, decodeBase64(request.dataBase64)),
    'contacts.importApply': async (request) => deps.contacts.importApply(request.token, request.stopOnError, request.acknowledged),
    'contacts.export': async () => deps.contacts.exportCsv(),
    'audit.list': async (request) => deps.contacts.auditList(request.limit),
    'audit.export': async () => deps.contacts.auditExport(),

    'users.search': async (request) => deps.users.search(request.query, request.limit),
    'users.verdict': async (request) => deps.users.verdict(request.sipAddress),
    'users.check': async (request) => deps.users.startCheck(request.csv ? { fileName: request.csv.fileName, bytes: decodeBase64(request.csv.dataBase64) } : undefined),
    'users.export': async (request) => deps.users.export(request.format),

    'checks.list': async (request) => deps.checks.list(request),
    'checks.export': async (request) => deps.checks.export(request.format),
    'checks.trustedRoots': async () => deps.checks.trustedRoots(),
    'checks.chooseTrustedRoots': async () => deps.checks.chooseTrustedRoots(),
    'checks.clearTrustedRoots': async () => deps.checks.clearTrustedRoots(),

    'fixes.preview': async (request) => deps.fixes.preview(request, await deps.language()),
    'fixes.apply': async (request) => deps.fixes.apply(request.token, await deps.language()),
    'fixes.stop': async () => deps.fixes.stop(),
    'fixes.state': async () => deps.fixes.state(),
    'checklist.view': async () => deps.checklist.view(await deps.language()),
    'checklist.export': async (request) => deps.checklist.export(request.format, await deps.language()),
    'bundle.export': async (request) => deps.bundle.export(request.redact, await deps.language()),
    'voicemailTest.credentials': async () => deps.voicemailTest.credentials(),
    'voicemailTest.saveCredential': async (request) => deps.voicemailTest.saveCredential(request),
    'voicemailTest.removeCredential': async (request) => deps.voicemailTest.removeCredential(request.name),
    'voicemailTest.preview': async (request) => deps.voicemailTest.preview(request),
    'voicemailTest.run': async (request) => deps.voicemailTest.run(request),

    'history.list': async () => deps.history.list(await deps.language()),
    'history.compare': async (request) => deps.history.compare(request.older, request.newer),
    'history.setRetention': async (request) => deps.history.setRetention(request, await deps.language()),
  };
}
