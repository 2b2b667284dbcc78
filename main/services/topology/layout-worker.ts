/**
 * The elkjs layout, in a worker thread: a large layout (thousands of nodes) takes seconds to
 * minutes and must never block the main process, which answers every IPC call of the window.
 * Receives one ELK graph, posts back the laid-out graph or the error, and is then terminated.
 */
import { parentPort } from 'node:worker_threads';
import ELK, { type ElkNode } from 'elkjs/lib/elk.bundled.js';

const port = parentPort;
if (!port) throw new Error('layout-worker.ts runs as a worker thread only');
const elk = new ELK();
port.once('message', (graph: ElkNode) => {
  elk.layout(graph).then(
    (result) => port.postMessage({ ok: true, result }),
    (e: unknown) => port.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
  );
});
