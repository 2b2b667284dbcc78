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
import { NO_EVENTS, type EventSink } from '../../shared/contract/channels';
import { IDLE_PROGRESS, type LoadProgress, type SectionLoadState, startedProgress, withSection } from '../../shared/snapshot/load-progress';
import type { LoadHooks } from './snapshot-loader';

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
  /**
   * A read of the org in stages (a capture from the live shells): its progress per section is published as
   * `org.loadProgress`, and the partial org it hands over is shown until `replace` puts the full one in its place.
   */
  beginRead(run: 'load' | 'capture', label: string): ReadRun;
}

/** One read in progress, as the org service publishes it (shared/snapshot/load-progress.ts). */
export interface ReadRun {
  section(key: string, objects: number, state: SectionLoadState): void;
  /**
   * The org without the sections still being read (they are marked not-read): the screens show it meanwhile.
   * Resolves once the window has read it (`afterPartial`): a load decodes the rest only then.
   */
  partial(org: OrgModel): Promise<void>;
  /** The read ended: `replace` was given the full org, or nothing was (`failed`). */
  end(outcome: 'done' | 'failed'): void;
}

export interface OrgServiceOptions {
  /** Where `org.loadProgress` goes (main/compose.ts gives the event hub). */
  readonly events?: EventSink;
  /** The initial load's label on the progress panel (the snapshot file's name). */
  readonly initialLabel?: string;
  /** Milliseconds, for the elapsed time (performance.now by default). */
  readonly now?: () => number;
  /**
   * After a partial org is shown and before the user sections are decoded (a synchronous decode that holds main's
   * thread): resolves once the window has read it (main/ipc/in-flight.ts).
   */
  readonly afterPartial?: () => Promise<void>;
}

/**
 * `trustedRoots`: the certificates an admin adds (the setting trustedRootsFile, main/services/certificates/trusted-roots.ts),
 * beside every org's own when it is judged (R-X-01 builds the chains from both).
 *
 * `loadInitial` may read in stages (main/services/snapshot-loader.ts loadSnapshotFileInStages): what it reports
 * through the hooks is published as `org.loadProgress`, and a partial org it hands over answers `current()`
 * until the whole org is in — the first screen has data long before a large snapshot is parsed whole
 * (docs/large-orgs.md, "First screen while reading").
 */
export function createOrgService(loadInitial: (hooks: LoadHooks) => Promise<OrgModel>, trustedRoots: () => readonly CertificateFacts[] = () => [], options: OrgServiceOptions = {}): OrgService {
  const events = options.events ?? NO_EVENTS;
  const now = options.now ?? (() => performance.now());
  let loaded: Promise<LoadedOrg> | null = null;
  // The org as loaded or given, before the admin's roots are added: what a re-analysis starts from.
  let raw: OrgModel | null = null;
  let progress: LoadProgress = IDLE_PROGRESS;
  const publish = () => events.publish('org.loadProgress', () => progress);
  const analyse = (org: OrgModel) => {
    raw = org;
    return analyseOrg(withTrustedRoots(org, trustedRoots()));
  };

  /**
   * A run; its progress is published from its first section on (a small file read in one go publishes nothing).
   * `replacesShown`: an org is on screen already (a capture, a file opened), so the partial org replacing it moves
   * the generation; the initial load's partial org answers the reads that wait for it and moves nothing. The whole
   * org in place of a partial one always moves it.
   */
  function startRun(run: 'load' | 'capture', label: string, replacesShown: boolean): ReadRun {
    let current: LoadProgress | null = null;
    const begun = now();
    let partialShown = false;
    const update = (change: (p: LoadProgress) => LoadProgress) => {
      current = { ...change(current ?? startedProgress(run, label, progress.generation)), elapsedMs: Math.round(now() - begun) };
      progress = current;
      publish();
    };
    return {
      section: (key, objects, state) => update((p) => withSection(p, key, objects, state)),
      partial: async () => {
        partialShown = true;
        update((p) => ({ ...p, phase: 'partial', generation: replacesShown ? p.generation + 1 : p.generation }));
      },
      end: (outcome) => {
        if (!current) return;
        update((p) => ({ ...p, phase: outcome, generation: partialShown && (outcome === 'done' || replacesShown) ? p.generation + 1 : p.generation }));
      },
    };
  }

  publish();
  return {
    current() {
      if (!loaded) {
        const run = startRun('load', options.initialLabel ?? '', false);
        let showPartial: ((l: LoadedOrg) => void) | null = null;
        const partial = new Promise<LoadedOrg>((resolve) => (showPartial = resolve));
        const full = loadInitial({
          onSection: (key, objects, state) => run.section(key, objects, state),
          onPartial: (org) => {
            showPartial?.(analyse(org));
            run.partial(org);
            return options.afterPartial?.();
          },
        }).then(analyse);
        // Whichever comes first: the partial org, or the whole one (a small file, or no partial given).
        const attempt = Promise.race([partial, full]);
        loaded = attempt;
        full.then(
          (l) => {
            if (loaded === attempt) loaded = Promise.resolve(l);
            run.end('done');
          },
          () => {
            // A failed load is not cached (not even its partial org): the next call tries again (the file may have been fixed).
            if (loaded === attempt) loaded = null;
            run.end('failed');
          },
        );
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
    beginRead(run, label) {
      const r = startRun(run, label, true);
      // The org shown before the partial one: back on screen if the read fails (a partial org is never left behind).
      let before: { loaded: Promise<LoadedOrg> | null; raw: OrgModel | null; partial: Promise<LoadedOrg> } | null = null;
      return {
        section: r.section,
        partial: (org) => {
          const previous = { loaded, raw };
          loaded = Promise.resolve(analyse(org));
          before = { ...previous, partial: loaded };
          r.partial(org);
          return options.afterPartial?.() ?? Promise.resolve();
        },
        end: (outcome) => {
          if (outcome === 'failed' && before && loaded === before.partial) {
            loaded = before.loaded;
            raw = before.raw;
          }
          r.end(outcome);
        },
      };
    },
  };
}

/** The name an object is shown under: its map label, else its id (objects not drawn, such as certificates). */
export function labelOf(l: LoadedOrg, ref: ObjectRef): string {
  return l.nodeById.get(refKey(ref))?.label ?? ref.id;
}
