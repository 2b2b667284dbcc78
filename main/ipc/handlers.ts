/** The main-process side of every channel of shared/contract, over the services. */
import type { ChecksList, LanguageSetting, RuleInfo, Settings } from '../../shared/contract/channels';
import { UserError } from '../../shared/i18n/translate';
import type { ObjectRef } from '../../shared/model/org';
import { refKey } from '../../shared/model/org';
import { NOT_EVALUATED, notJudged, RULES } from '../../shared/rules/engine';
import { collapseGraph, GROUP_LIMIT } from '../../shared/topology/collapse';
import { describeObject } from '../../shared/topology/object-details';
import { labelOf, type LoadedOrg, type OrgService } from '../services/org-service';
import type { SettingsStore } from '../services/ports';
import type { TopologyLayout } from '../services/topology-layout';
import type { ConnectionsService } from '../services/live/connections-service';
import type { CertificateService } from '../services/certificate-service';
import { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, type GatewayService } from '../services/gateway-service';
import type { Language } from '../../shared/i18n/translate';
import type { Handlers } from './dispatch';
import type { ContactService } from '../services/contacts/contact-service';
import type { UserService } from '../services/users/user-service';
import { type ConnectionTester, resolveTestProfile } from '../services/live/connection-test';
import type { ProfileStore } from '../services/connection-profiles';
import type { SecretStore } from '../services/secret-store';

export interface HandlerDeps {
  readonly appName: string;
  readonly appVersion: string;
  readonly systemLocale: () => string;
  readonly settings: SettingsStore;
  readonly org: OrgService;
  readonly layout: TopologyLayout;
  readonly connections: ConnectionsService;
  readonly certificates: CertificateService;
  readonly gateways: GatewayService;
  readonly contacts: ContactService;
  readonly users: UserService;
  /** Test connection: the tester and where saved profiles and their passwords are. */
  readonly connectionTest: { readonly tester: ConnectionTester; readonly stores: { readonly profiles: ProfileStore; readonly secrets: SecretStore } };
  /** The console's language: shell errors are rendered in it. */
  readonly language: () => Promise<Language>;
}

const RULE_INFO: Readonly<Record<string, RuleInfo>> = Object.fromEntries(
  RULES.map((r) => [r.id, { id: r.id, severity: r.severity, area: r.area, sources: r.sources, basis: r.basis, seeds: r.seeds ?? [] }]),
);

function readLanguage(values: Readonly<Record<string, unknown>>): LanguageSetting {
  const v = values.language;
  return v === 'en' || v === 'fr' ? v : 'system';
}

function summaryOf(l: LoadedOrg) {
  const objects: Record<string, number> = {
    exchangeServers: l.org.exchange.servers.length,
    umDialPlans: l.org.exchange.dialPlans.length,
    umIpGateways: l.org.exchange.ipGateways.length,
    skypePools: l.org.skype.pools.length,
    exUmContacts: l.org.skype.exUmContacts.length,
    users: l.org.users.length,
  };
  const states = Object.values(l.org.readState ?? {});
  const readIssues = { partial: states.filter((r) => r.status === 'partial').length, notRead: states.filter((r) => r.status === 'not-read').length };
  return { source: l.org.source, counts: l.counts, objects, readIssues };
}

/** Base64 from the renderer, strictly: anything else is refused rather than decoded loosely. */
function decodeBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new UserError({ key: 'contacts.import.badData' });
  return Buffer.from(text, 'base64');
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const layoutCache = new Map<string, ReturnType<TopologyLayout['layout']>>();
  let cacheOwner: unknown = null;

  return {
    'app.info': async () => ({ name: deps.appName, version: deps.appVersion, systemLocale: deps.systemLocale() }),

    'settings.get': async (): Promise<Settings> => ({ language: readLanguage(await deps.settings.read()) }),

    'settings.update': async (request) => {
      const current = await deps.settings.read();
      await deps.settings.write({ ...current, language: request.language });
      return { language: request.language };
    },

    'org.summary': async () => summaryOf(await deps.org.current()),

    'topology.graph': async (request) => {
      const l = await deps.org.current();
      if (cacheOwner !== l) {
        layoutCache.clear();
        cacheOwner = l;
      }
      const expanded = [...new Set(request.expandedGroups)].sort();
      const reveal = [...new Set(request.reveal ?? [])].sort();
      const key = `${expanded.join('|')}#${reveal.join('|')}`;
      let pending = layoutCache.get(key);
      if (!pending) {
        // A bounded cache: each distinct expansion is laid out once per loaded org.
        if (layoutCache.size >= 32) layoutCache.delete(layoutCache.keys().next().value as string);
        pending = deps.layout.layout(collapseGraph(l.graph, new Set(expanded), l.findingsByNode, new Set(reveal)));
        layoutCache.set(key, pending);
        pending.catch(() => layoutCache.delete(key));
      }
      return pending;
    },

    'topology.search': async (request) => {
      const l = await deps.org.current();
      const q = request.query.trim().toLowerCase();
      if (q === '') return { matches: [] };
      const matches = [];
      for (const n of l.graph.nodes) {
        if (!n.label.toLowerCase().includes(q) && !n.sublabel.toLowerCase().includes(q)) continue;
        matches.push({ ref: n.ref, label: n.label, nodeId: n.id, groupKey: null as string | null });
        if (matches.length >= 200) break;
      }
      // Which matches sit in a group that is large enough to be collapsed: the renderer expands it.
      const counts = new Map<string, number>();
      for (const n of l.graph.nodes) counts.set(n.kind, (counts.get(n.kind) ?? 0) + 1);
      return { matches: matches.map((m) => ({ ...m, groupKey: (counts.get(m.ref.kind) ?? 0) > GROUP_LIMIT ? m.ref.kind : null })) };
    },

    'topology.object': async (request) => {
      const l = await deps.org.current();
      const ref = request.ref as ObjectRef;
      const described = describeObject(l.org, ref);
      if (!described) throw new UserError({ key: 'topology.error.noObject', params: { kind: { key: `kind.${ref.kind}` }, id: ref.id } });
      const id = refKey(ref);
      // The findings badged on this node (certificates badge their server) and those naming it directly.
      const badged = new Set(l.findingsByNode.get(id) ?? []);
      const findings = l.findings.filter((f) => badged.has(f) || f.objects.some((o) => o.kind === ref.kind && o.id === ref.id));
      const related = new Map<string, ObjectRef>();
      for (const e of l.graph.edges) {
        const other = e.source === id ? e.target : e.target === id ? e.source : null;
        const node = other ? l.nodeById.get(other) : undefined;
        if (node) related.set(node.id, node.ref);
      }
      return {
        ref,
        title: described.title,
        properties: described.properties,
        findings,
        related: [...related.values()].map((r) => ({ ref: r, label: labelOf(l, r) })),
      };
    },

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
    'connections.test': async (request) => {
      const tested = await resolveTestProfile(request, deps.connectionTest.stores);
      return deps.connectionTest.tester.report(tested, await deps.language());
    },
    'connections.refresh': async () => {
      const l = await deps.connections.refresh();
      return summaryOf(l);
    },
    'snapshot.capture': async () => deps.connections.captureToFile(),
    'snapshot.open': async () => deps.connections.openFile(),

    'certificates.inventory': async () => deps.certificates.inventory(),
    'certificates.inspect': async (request) => deps.certificates.inspect(request),

    'gateways.targets': async () => deps.gateways.targets(),
    'gateways.addTarget': async (request) => deps.gateways.addTarget(request.text),
    'gateways.removeTarget': async (request) => deps.gateways.removeTarget(request.raw),
    'gateways.probe': async (request) =>
      deps.gateways.startSweep({ includeTopology: true, timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS, concurrency: request.concurrency ?? DEFAULT_CONCURRENCY }),
    'gateways.progress': async (request) => deps.gateways.progress(request.since),
    'gateways.monitor': async (request) =>
      deps.gateways.startMonitor({
        intervalS: request.intervalS,
        timeoutMs: request.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        concurrency: request.concurrency ?? DEFAULT_CONCURRENCY,
      }),
    'gateways.monitorStop': async () => deps.gateways.stopMonitor(),

    'contacts.list': async () => deps.contacts.list(),
    'contacts.validate': async (request) => deps.contacts.validate(request.operation),
    'contacts.preview': async (request) => deps.contacts.preview(request.operation),
    'contacts.apply': async (request) => deps.contacts.apply(request.token, request.acknowledged),
    'contacts.importPreview': async (request) => deps.contacts.importPreview(request.fileName, decodeBase64(request.dataBase64)),
    'contacts.importApply': async (request) => deps.contacts.importApply(request.token, request.stopOnError, request.acknowledged),
    'contacts.importProgress': async () => deps.contacts.importProgress(),
    'contacts.export': async () => deps.contacts.exportCsv(),
    'audit.list': async (request) => deps.contacts.auditList(request.limit),
    'audit.export': async () => deps.contacts.auditExport(),
    'users.search': async (request) => deps.users.search(request.query, request.limit),
    'users.verdict': async (request) => deps.users.verdict(request.sipAddress),
    'users.check': async (request) => deps.users.startCheck(request.csv ? { fileName: request.csv.fileName, bytes: decodeBase64(request.csv.dataBase64) } : undefined),
    'users.checkProgress': async () => deps.users.progress(),
    'users.export': async (request) => deps.users.export(request.format),
    'lab.reset': async () => {
      await deps.contacts.resetLab();
      return { reset: true as const };
    },

    'checks.list': async (request): Promise<ChecksList> => {
      const l = await deps.org.current();
      const severities = request.severities ? new Set(request.severities) : null;
      const areas = request.areas ? new Set<string>(request.areas) : null;
      const findings = l.findings.filter((f) => (!severities || severities.has(f.severity)) && (!areas || areas.has(f.area)));
      const labels: Record<string, string> = {};
      for (const f of findings) for (const o of f.objects) labels[refKey(o)] = labelOf(l, o);
      const notRead = notJudged(l.org).map((n) => ({ id: n.id, needs: 'notRead', sections: n.sections }));
      return { findings, total: l.findings.length, rules: RULE_INFO, notEvaluated: [...notRead, ...NOT_EVALUATED], labels };
    },
  };
}

