/**
 * A 1,000-gateway org in the browser: large groups drawn collapsed, a search hit inside a
 * collapsed group drawn on its own, and a group expanded on demand.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { generateSnapshot } from '../support/org-builder/generate-org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/certificates/certificate-reader';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';

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
});
