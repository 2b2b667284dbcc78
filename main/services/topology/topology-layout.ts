/**
 * Lays the topology graph out with elkjs (elk.bundled.js is ~450 KB gzipped, too
 * much for the renderer), columns fixed Skype → Exchange. The layout runs in a worker thread
 * (layout-worker.ts) so the main process keeps answering IPC while a 1,000-node layout runs, and
 * a layout that takes too long is stopped by terminating its worker.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ElkNode } from 'elkjs/lib/elk.bundled.js';
import type { GraphNode, TopologyGraph } from '../../../shared/topology/topology-graph';
import type { CollapsedGraph } from '../../../shared/topology/collapse';
import { graphNodeFrom } from '../../../shared/topology/expand-layout';
import { type Message, UserError } from '../../../shared/i18n/translate';
import { assertUnpackedIntact } from '../../unpacked-integrity';

export const NODE_WIDTH = 240;
export const NODE_HEIGHT = 58;
/** Past this, a layout is refused before it starts: the map would be unreadable and elkjs would run for minutes. */
export const MAX_LAYOUT_NODES = 4000;

export interface TopologyLayout {
  layout(graph: CollapsedGraph): Promise<TopologyGraph>;
  /** Stops layouts in flight (their promises reject). */
  dispose(): Promise<void>;
}

export class LayoutError extends UserError {
  constructor(detail: Message) {
    super(detail);
    this.name = 'LayoutError';
  }
}

/** The worker script: the TypeScript source under tsx (tests), the bundled .cjs in the app (unpacked from the asar). */
export function layoutWorkerFile(): string {
  const source = join(__dirname, 'layout-worker.ts');
  if (existsSync(source)) return source;
  return join(__dirname, 'layout-worker.cjs').replace(/app\.asar([\\/])/, 'app.asar.unpacked$1');
}

function elkGraph(graph: CollapsedGraph): ElkNode {
  return {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.partitioning.activate': 'true',
      'elk.layered.spacing.nodeNodeBetweenLayers': '90',
      'elk.spacing.nodeNode': '18',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
      'elk.edgeRouting': 'POLYLINE',
    },
    children: graph.nodes.map((n) => ({ id: n.id, width: NODE_WIDTH, height: NODE_HEIGHT, layoutOptions: { 'elk.partitioning.partition': String(n.column) } })),
    edges: graph.edges.map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

function runInWorker(file: string, input: ElkNode, timeoutMs: number, track: Set<Worker>): Promise<ElkNode> {
  return new Promise((resolve, reject) => {
    // Under tsx (tests, benchmarks) the TypeScript source is loaded through tsx's require hook;
    // the app loads the bundled .cjs directly.
    assertUnpackedIntact(file); // a packaged worker script is the one this build shipped (main/unpacked-integrity.ts)
    const worker = file.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true }) : new Worker(file);
    track.add(worker);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      track.delete(worker);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(() => finish(() => reject(new LayoutError({ key: 'topology.error.timeout', params: { seconds: timeoutMs / 1000 } }))), timeoutMs);
    worker.once('message', (m: { ok: true; result: ElkNode } | { ok: false; message: string }) =>
      finish(() => (m.ok ? resolve(m.result) : reject(new LayoutError({ key: 'topology.error.failed', params: { reason: m.message } })))),
    );
    worker.once('error', (e) => finish(() => reject(new LayoutError({ key: 'topology.error.failed', params: { reason: e.message } }))));
    worker.once('exit', (code) => finish(() => reject(new LayoutError({ key: 'topology.error.failed', params: { reason: `exit code ${code}` } }))));
    worker.postMessage(input);
  });
}

export function createElkLayout(options: { workerFile?: string; timeoutMs?: number } = {}): TopologyLayout {
  const file = options.workerFile ?? layoutWorkerFile();
  const timeoutMs = options.timeoutMs ?? 120_000;
  const running = new Set<Worker>();
  return {
    async layout(graph) {
      if (graph.nodes.length > MAX_LAYOUT_NODES) {
        throw new LayoutError({ key: 'topology.error.tooLarge', params: { count: graph.nodes.length, max: MAX_LAYOUT_NODES } });
      }
      const started = performance.now();
      const result = await runInWorker(file, elkGraph(graph), timeoutMs, running);
      const pos = new Map((result.children ?? []).map((c) => [c.id, c]));
      const nodes: GraphNode[] = graph.nodes.map((n) => {
        const p = pos.get(n.id);
        return graphNodeFrom(n, { x: p?.x ?? 0, y: p?.y ?? 0, width: NODE_WIDTH, height: NODE_HEIGHT });
      });
      return { nodes, edges: graph.edges, groups: graph.groups, layoutMs: Math.round(performance.now() - started), layout: 'elk' };
    },
    async dispose() {
      await Promise.all([...running].map((w) => w.terminate()));
      running.clear();
    },
  };
}
