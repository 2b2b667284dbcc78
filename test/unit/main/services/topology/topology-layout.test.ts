import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateSnapshot } from '../../../../support/org-builder/generate-org';
import { decodeSnapshot } from '../../../../../shared/snapshot/decode';
import { buildOrgGraph } from '../../../../../shared/topology/build-graph';
import { collapseGraph } from '../../../../../shared/topology/collapse';
import { readCertificateBase64 } from '../../../../../main/services/certificates/certificate-reader';
import { createElkLayout, LayoutError, MAX_LAYOUT_NODES } from '../../../../../main/services/topology/topology-layout';
import { labOrg } from '../../../../support/lab';

const labGraph = collapseGraph(buildOrgGraph(labOrg()), new Set(), new Map());

describe('the elkjs layout in a worker thread', () => {
  test('lays the lab out in columns, Skype left of Exchange', async () => {
    const layout = createElkLayout();
    try {
      const g = await layout.layout(labGraph);
      assert.equal(g.nodes.length, labGraph.nodes.length);
      const x = (id: string) => g.nodes.find((n) => n.id === id)!.x;
      assert.ok(x('skypeSite:Site:Atlanta') < x('skypePool:atl-cs-001.litwareinc.com'));
      assert.ok(x('umDialPlan:Litware-SIP-Secured') < x('exchangeServer:ATL-EX-001'));
      assert.ok(new Set(g.nodes.map((n) => `${n.x},${n.y}`)).size === g.nodes.length, 'no two nodes on one spot');
    } finally {
      await layout.dispose();
    }
  });

  test('the main thread keeps running while a large layout runs', async () => {
    const raw = generateSnapshot({ exchangeServers: 5, dialPlans: 20, gateways: 1000, users: 10 });
    const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
    const big = collapseGraph(buildOrgGraph(org), new Set(['umIpGateway']), new Map());
    const layout = createElkLayout();
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    try {
      const started = Date.now();
      const g = await layout.layout(big);
      const elapsed = Date.now() - started;
      assert.ok(g.nodes.length > 1000);
      // Had elkjs run on this thread, the interval could not have fired during the layout.
      assert.ok(ticks >= Math.min(10, elapsed / 20), `${ticks} ticks in ${elapsed} ms`);
    } finally {
      clearInterval(timer);
      await layout.dispose();
    }
  });

  test('a layout past its time is stopped with a clear message', async () => {
    const layout = createElkLayout({ timeoutMs: 1 });
    await assert.rejects(layout.layout(labGraph), (e: unknown) => e instanceof LayoutError && /took longer than 0\.001 s and was stopped/.test(e.message));
    await layout.dispose();
  });

  test('too many objects are refused before any work', async () => {
    const layout = createElkLayout();
    const nodes = Array.from({ length: MAX_LAYOUT_NODES + 1 }, (_, i) => ({ ...labGraph.nodes[0], id: `n${i}` }));
    await assert.rejects(layout.layout({ ...labGraph, nodes, edges: [] }), /too many for one map/);
    await layout.dispose();
  });

  test('dispose stops a layout in flight: nothing is left running', async () => {
    const layout = createElkLayout();
    const pending = layout.layout(labGraph);
    await layout.dispose();
    await assert.rejects(pending, LayoutError);
  });
});
