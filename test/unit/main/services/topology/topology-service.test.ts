import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CollapsedGraph } from '../../../../../shared/topology/collapse';
import type { TopologyGraph } from '../../../../../shared/topology/topology-graph';
import { unpackGraph } from '../../../../../shared/topology/graph-wire';
import { createOrgService } from '../../../../../main/services/org-service';
import type { TopologyLayout } from '../../../../../main/services/topology/topology-layout';
import { createTopologyService } from '../../../../../main/services/topology/topology-service';
import { labOrg } from '../../../../support/lab';
import { generateSnapshot } from '../../../../support/org-builder/generate-org';
import { decodeSnapshot } from '../../../../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../../../../main/services/certificates/certificate-reader';
import { createElkLayout } from '../../../../../main/services/topology/topology-layout';

/** A layout that counts its calls and places nothing (the service's work is around it). */
function countingLayout() {
  const calls: CollapsedGraph[] = [];
  let fail = false;
  const layout: TopologyLayout = {
    async layout(graph) {
      calls.push(graph);
      if (fail) throw new Error('layout failed');
      return { nodes: [], edges: [], groups: [], layoutMs: 0, layout: 'elk' } satisfies TopologyGraph;
    },
    async dispose() {},
  };
  return { layout, calls, failNext: (v: boolean) => (fail = v) };
}

describe('the topology service', () => {
  test('each distinct expansion is laid out once per loaded org, whatever the order of its groups', async () => {
    const org = createOrgService(async () => labOrg());
    const l = countingLayout();
    const topology = createTopologyService({ org, layout: l.layout });
    await topology.graph({ expandedGroups: ['a', 'b'] });
    await topology.graph({ expandedGroups: ['b', 'a', 'a'] });
    assert.equal(l.calls.length, 1);
    await topology.graph({ expandedGroups: ['a', 'b'], reveal: ['x'] });
    assert.equal(l.calls.length, 2, 'revealed nodes make another layout');
    org.replace(labOrg());
    await topology.graph({ expandedGroups: ['a', 'b'] });
    assert.equal(l.calls.length, 3, 'a new org is laid out again');
  });

  test('a failed layout is not kept: the next request tries again', async () => {
    const l = countingLayout();
    const topology = createTopologyService({ org: createOrgService(async () => labOrg()), layout: l.layout });
    l.failNext(true);
    await assert.rejects(topology.graph({ expandedGroups: [] }), /layout failed/);
    l.failNext(false);
    await topology.graph({ expandedGroups: [] });
    assert.equal(l.calls.length, 2);
  });

  test('search matches labels and addresses; object details name the findings and the linked objects', async () => {
    const topology = createTopologyService({ org: createOrgService(async () => labOrg()), layout: countingLayout().layout });
    const found = await topology.search('ATL-DIR');
    assert.ok(found.matches.some((m) => m.nodeId === 'skypePool:atl-dir-001.litwareinc.com' && m.groupKey === null));
    assert.deepEqual((await topology.search('')).matches, []);
    const d = await topology.object({ kind: 'umIpGateway', id: '1:2' });
    assert.ok(d.findings.length > 0 && d.findings.every((f) => f.objects.length > 0));
    assert.ok(d.related.every((r) => r.label.length > 0));
    await assert.rejects(topology.object({ kind: 'umDialPlan', id: 'No-Such-Plan' }), /No-Such-Plan/);
  });

  test('expanding a group lays out no map again: elkjs ran once, for the collapsed map; collapsing gives it back as it was', async () => {
    const raw = generateSnapshot({ exchangeServers: 5, dialPlans: 20, gateways: 300, users: 10 });
    const org = createOrgService(async () => decodeSnapshot(raw, { readCertificate: readCertificateBase64 }));
    const calls: CollapsedGraph[] = [];
    const elk = createElkLayout();
    const layout: TopologyLayout = { layout: (g) => (calls.push(g), elk.layout(g)), dispose: () => elk.dispose() };
    const topology = createTopologyService({ org, layout });
    try {
      const collapsed = await topology.graph({ expandedGroups: [] });
      assert.equal(collapsed.layout, 'elk');
      const expanded = await topology.graph({ expandedGroups: ['umIpGateway'] });
      assert.equal(expanded.layout, 'incremental');
      assert.equal(expanded.nodes.filter((n) => n.kind === 'umIpGateway').length, 300);
      const both = await topology.graph({ expandedGroups: ['umHuntGroup', 'umIpGateway'] });
      assert.equal(both.layout, 'incremental');
      assert.equal(calls.length, 1, 'only the collapsed map went through elkjs');
      assert.equal(
        calls[0].groups.every((g) => !g.expanded),
        true,
      );
      // The gateways keep their grid when the hunt groups open next to them (grown from the map one expansion smaller).
      const gwY = (g: TopologyGraph) => g.nodes.filter((n) => n.kind === 'umIpGateway').map((n) => n.y);
      assert.deepEqual(gwY(both), gwY(expanded));
      assert.equal(await topology.graph({ expandedGroups: [] }), collapsed, 'collapsing again shows the same map');
      assert.equal(calls.length, 1);
      // What the renderer receives: the same map, packed once however often it is asked for.
      const wire = await topology.packedGraph({ expandedGroups: ['umIpGateway'] });
      assert.deepEqual(unpackGraph(wire), expanded);
      assert.equal(await topology.packedGraph({ expandedGroups: ['umIpGateway'] }), wire);
      assert.equal(calls.length, 1);
    } finally {
      await topology.dispose();
    }
  });
});
