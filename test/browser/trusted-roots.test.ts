/**
 * The Checks screen's trusted-roots file (R-X-01, seed 001: « …le même certificat racine… »): an org
 * whose Exchange and Skype certificates chain to roots it does not hold says "cannot judge the root";
 * the admin adds the exported roots file from the screen, the org is judged again and the finding
 * becomes the judgement (here: two different roots); Remove goes back.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { buildOrg } from '../support/org-builder/org-spec';
import { healthySpec, POOL } from '../support/org-builder/small-org';
import { pkiCa, pkiServer, type PkiCertificate } from '../support/pki-fixtures';

const SCREENS = join(ROOT, 'test-results', 'screens');

describe('Checks: a trusted-roots file added from the screen', () => {
  let s: ConsoleSession;
  const dir = mkdtempSync(join(tmpdir(), 'umc-roots-browser-'));
  const rootA = pkiCa('Browser Root A');
  const rootB = pkiCa('Browser Root B');
  const file = join(dir, 'roots.pem');
  before(async () => {
    mkdirSync(SCREENS, { recursive: true });
    writeFileSync(file, rootA.pem + rootB.pem);
    const org = buildOrg(healthySpec());
    const asRef = (c: PkiCertificate) => ({ facts: c.facts, rawData: c.rawData, unreadable: null });
    const changed = {
      ...org,
      exchange: { ...org.exchange, certificates: org.exchange.certificates.map((c) => (c.services.includes('UM') ? { ...c, ...asRef(pkiServer(c.server, 'Browser Root B')) } : c)) },
      skype: { ...org.skype, certificates: org.skype.certificates.map((c) => (c.use === 'Default' ? { ...c, ...asRef(pkiServer(POOL, 'Browser Root A')) } : c)) },
    };
    s = await openConsole({ org: changed, dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => file } });
    await s.page.getByTestId('nav-checks').click();
    await s.page.getByTestId('checks-list').waitFor();
  });
  after(async () => {
    await s?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const rx01 = () => s.page.locator('[data-testid="finding-row"][data-rule="R-X-01"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-severity')));

  test('cannot judge the root → add the file → judged: two different roots; Remove goes back', async () => {
    const { page } = s;
    const bar = page.getByTestId('trusted-roots');
    await bar.waitFor();
    assert.equal(await bar.getAttribute('data-count'), '0');
    assert.deepEqual(await rx01(), ['info', 'info']);
    await page.getByTestId('trusted-roots-choose').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="trusted-roots"]')?.getAttribute('data-count') === '2');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="finding-row"][data-rule="R-X-01"]')].every((r) => r.getAttribute('data-severity') === 'error'));
    assert.deepEqual(await rx01(), ['error', 'error']);
    assert.match(await bar.innerText(), /roots\.pem/);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.screenshot({ path: join(SCREENS, 'checks-trusted-roots.png') });
    await page.getByTestId('trusted-roots-clear').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="trusted-roots"]')?.getAttribute('data-count') === '0');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="finding-row"][data-rule="R-X-01"]')].every((r) => r.getAttribute('data-severity') === 'info'));
    assert.deepEqual(s.errors, []);
  });
});
