/**
 * A 1,000-gateway org in the browser: large groups drawn collapsed, a search hit inside a
 * collapsed group drawn on its own, and a group expanded on demand — placed into the map without
 * a new elkjs layout — and a gateway selected in it without any layout.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateSnapshot } from '../support/org-builder/generate-org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/certificates/certificate-reader';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { GRAPH_ARRIVED_MARK, LAYOUT_REQUEST_MARK } from '../../renderer/src/screens/topology/use-topology-graph';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

describe('the 1,000-gateway org', () => {
  let s: ConsoleSession;
  before(async () => {
    const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 200 });
    const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'org-1k.umcsnap.json' });
    s = await openConsole({ org });
  });
  after(async () => {
    await s?.close();
  });

  test('opens readable: large kinds are one group node each', async () => {
    const { page } = s;
    await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"]').waitFor({ timeout: 30000 });
    assert.equal(await page.getByTestId('status-bar').getAttribute('data-source-kind'), 'snapshot');
    const drawn = await page.locator('[data-testid="topology-node"], [data-testid="topology-group"]').count();
    assert.ok(drawn < 100, `${drawn} nodes drawn`);
    assert.match(await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"]').innerText(), /1,000/);
    await page.screenshot({ path: join(SCREENS, 'topology-1k-collapsed.png') });
  });

  test('a search hit inside a collapsed group is drawn on its own; the group stays collapsed', async () => {
    const { page } = s;
    await page.getByTestId('topology-search').fill('PBX-GW-0042');
    await page.getByTestId('topology-search').press('Enter');
    const hit = page.locator('[data-testid="topology-node"][data-node-id="umIpGateway:PBX-GW-0042"]');
    await hit.waitFor({ timeout: 30000 });
    assert.equal(await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"]').count(), 1);
    assert.match(await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"]').innerText(), /999/);
  });

  test('"Show all" expands a group', async () => {
    const { page } = s;
    // The map is zoomed far out and still settling after the search fit: click the button element itself.
    await page.locator('[data-testid="topology-group"][data-group-key="skypePool"] [data-testid="group-expand"]').evaluate((b) => (b as HTMLButtonElement).click());
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology-node"][data-kind="skypePool"]').length === 100, null, { timeout: 60000 });
    assert.deepEqual(s.errors, []);
  });

  test('expanding the 1,000 gateways places them without a new elkjs layout; selecting one lays nothing out', async () => {
    const { page } = s;
    await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"] [data-testid="group-expand"]').evaluate((b) => (b as HTMLButtonElement).click());
    // The answer main gave: its members placed in the group's slot (expand-layout.ts), no elkjs run over the map.
    await page.waitForFunction(
      (mark) => {
        const last = performance.getEntriesByName(mark).at(-1) as PerformanceMark | undefined;
        return (last?.detail as { layout?: string } | undefined)?.layout === 'incremental' && document.querySelector('[data-testid="topology-node"][data-kind="umIpGateway"]') !== null;
      },
      GRAPH_ARRIVED_MARK,
      { timeout: 60000 },
    );
    const answer = await page.evaluate((mark) => (performance.getEntriesByName(mark).at(-1) as PerformanceMark).detail as { nodes: number }, GRAPH_ARRIVED_MARK);
    assert.ok(answer.nodes > 1000, `${answer.nodes} nodes in the expanded map`);
    await page.locator('[data-testid="group-collapse"][data-group-key="umIpGateway"]').waitFor();
    // Only what is in view is drawn: the 1,000 gateways are in the map, not all in the DOM. The map
    // fits its view to the first members (a 350-ms animation that may pass over none): wait for it to land.
    const drawn = page.locator('[data-testid="topology-node"][data-kind="umIpGateway"]');
    await page.waitForFunction(
      () => {
        const w = window as unknown as { __umcLastTransform?: string };
        const now = getComputedStyle(document.querySelector('.react-flow__viewport')!).transform;
        const still = w.__umcLastTransform === now;
        w.__umcLastTransform = now;
        return still && document.querySelectorAll('[data-testid="topology-node"][data-kind="umIpGateway"]').length > 0;
      },
      null,
      { timeout: 30000, polling: 200 },
    );
    const inDom = await drawn.count();
    assert.ok(inDom > 0 && inDom < 1000, `${inDom} gateway nodes in the DOM`);
    // Its edges are one SVG layer under the nodes (edge-layer.tsx), every edge of the map in it, none a React Flow edge.
    const layerEdges = Number(await page.getByTestId('topology-edge-layer').getAttribute('data-edge-count'));
    assert.ok(layerEdges >= 1000, `${layerEdges} edges in the layer`);
    assert.equal(await page.locator('.react-flow__edge').count(), 0);

    const requests = () => page.evaluate((mark) => performance.getEntriesByName(mark).length, LAYOUT_REQUEST_MARK);
    const before = await requests();
    const target = drawn.nth(Math.floor(inDom / 2));
    const id = await target.getAttribute('data-node-id');
    await target.evaluate((el) => (el as HTMLElement).click());
    await page.getByTestId('object-details').waitFor();
    await page.locator(`[data-testid="topology-node"][data-node-id="${id}"][data-selected="true"]`).waitFor();
    assert.match(await page.getByTestId('object-details').innerText(), new RegExp((id ?? '').replace('umIpGateway:', '')));
    assert.equal(await page.locator('[data-testid="topology-node"][data-selected="true"]').count(), 1, 'one node selected');
    // The selected gateway's links drawn active, on top of the others.
    assert.equal((await page.locator('[data-testid="topology-edge-layer"] path.umc-edge--active').count()) > 0, true);
    assert.equal(await requests(), before, 'selecting asks main for no layout');
    assert.deepEqual(s.errors, []);
  });
});
