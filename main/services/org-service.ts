/**
 * Holds the org the console shows (lab, snapshot or live) with its findings and its map; the
 * Topology, Checks and Certificates services read it. Derived data is computed once per loaded org.
 */
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import type { OrgSummary } from '../../shared/model/org-channels';
import type { ObjectRef, OrgModel, Severity } from '../../shared/model/org';
import { refKey } from '../../shared/model/org';
import { evaluateRules } from '../../shared/rules/engine';
import type { CertificateFacts } from '../../shared/certificates/cert-model';
import { withTrustedRoots } from './certificates/trusted-roots';
import { buildOrgGraph, findingsByNode, type OrgGraph, type RawNode } from '../../shared/topology/build-graph';

export interface LoadedOrg {
  readonly org: OrgModel;
  readonly findings: readonly Diagnostic[];
  readonly graph: OrgGraph;
  readonly findingsByNode: ReadonlyMap<string, readonly Diagnostic[]>;
  readonly counts: Readonly<Record<Severity, number>>;
  /** Graph nodes by id (`kind:id`): labels for findings, refs for linked objects. */
  readonly nodeById: ReadonlyMap<string, RawNode>;
}

export function analyseOrg(org: OrgModel): LoadedOrg {
  const findings = evaluateRules(org);
  const graph = buildOrgGraph(org);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  return { org, findings, graph, findingsByNode: findingsByNode(org, findings), counts, nodeById };
}

/** What the status bar shows: where the org came from, the findings and objects counted, the sections not read whole. */
export function orgSummary(l: LoadedOrg): OrgSummary {
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

export interface OrgService {
  current(): Promise<LoadedOrg>;
  /** Replaces the org (snapshot opened, live refresh) and returns it analysed. */
  replace(org: OrgModel): LoadedOrg;
  /** Back to the org the console started on (the lab, or the snapshot it was opened with). */
  reset(): void;
  /** The same org judged again (the trusted roots changed). */
  reanalyse(): Promise<LoadedOrg>;
}

/**
 * `trustedRoots`: the certificates an admin adds (the setting trustedRootsFile, main/services/certificates/trusted-roots.ts),
 * beside every org's own when it is judged (R-X-01 builds the chains from both).
 */
export function createOrgService(loadInitial: () => Promise<OrgModel>, trustedRoots: () => readonly CertificateFacts[] = () => []): OrgService {
  let loaded: Promise<LoadedOrg> | null = null;
  // The org as loaded or given, before the admin's roots are added: what a re-analysis starts from.
  let raw: OrgModel | null = null;
  const analyse = (org: OrgModel) => {
    raw = org;
    return analyseOrg(withTrustedRoots(org, trustedRoots()));
  };
  return {
    current() {
      if (!loaded) {
        const attempt = loadInitial().then(analyse);
        loaded = attempt;
        // A failed load is not cached: the next call tries again (the file may have been fixed).
        attempt.catch(() => {
          if (loaded === attempt) loaded = null;
        });
      }
      return loaded;
    },
    replace(org) {
      const l = analyse(org);
      loaded = Promise.resolve(l);
      return l;
    },
    reset() {
      loaded = null;
    },
    async reanalyse() {
      if (!loaded || !raw) return this.current();
      await loaded;
      const l = analyse(raw!);
      loaded = Promise.resolve(l);
      return l;
    },
  };
}

/** The name an object is shown under: its map label, else its id (objects not drawn, such as certificates). */
export function labelOf(l: LoadedOrg, ref: ObjectRef): string {
  return l.nodeById.get(refKey(ref))?.label ?? ref.id;
}
