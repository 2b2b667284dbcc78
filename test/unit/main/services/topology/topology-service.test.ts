import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { CollapsedGraph } from '../../../../../shared/topology/collapse';
import type { TopologyGraph } from '../../../../../shared/topology/topology-graph';
import { createOrgService } from '../../../../../main/services/org-service';
import type { TopologyLayout } from '../../../../../main/services/topology/topology-layout';
import { createTopologyService } from '../../../../../main/services/topology/topology-service';
import { labOrg } from '../../../../support/lab';

/** A layout that counts its calls and places nothing (the service's work is around it). */
function countingLayout() {
  const calls: CollapsedGraph[] = [];
  let fail = false;
  const layout: TopologyLayout = {
    async layout(graph) {
      calls.push(graph);
      if (fail) throw new Error('layout failed');
      return { nodes: [], edges: [], groups: [], layoutMs: 0 } satisfies TopologyGraph;
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
});
