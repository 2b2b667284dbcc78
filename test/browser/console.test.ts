/**
 * The screens a user walks, in Debian's Chromium against the real main-process services on the
 * lab org. Each screen is saved as a PNG under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { PWSH } from '../support/powershell';
import { LAYOUT_REQUEST_MARK } from '../../renderer/src/screens/topology/use-topology-graph';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });
const NAV = ['topology', 'checks', 'certificates', 'gateways', 'contacts', 'users', 'checklist', 'changes', 'connections'];

describe('the console on the lab org (English system)', () => {
  let s: ConsoleSession;
  before(async () => {
    s = await openConsole({ locale: 'en-US' });
  });
  after(async () => {
    await s?.close();
  });

  test('opens on the lab org and says so in the status bar', async () => {
    const bar = s.page.getByTestId('status-bar');
    // The bar is drawn at once and filled when org.summary answers.
    await s.page.waitForSelector('[data-testid="status-bar"][data-source-kind]');
    assert.equal(await bar.getAttribute('data-source-kind'), 'lab');
    const text = await bar.innerText();
    assert.ok(text.includes(en['status.source.lab']), text);
    assert.ok(text.includes('litwareinc.com (lab)'), text);
    assert.match(text, /20 Nov 2026/);
  });

  test('the navigation lists the screens in order, Topology first', async () => {
    const ids = await s.page.locator('[data-testid^="nav-"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')));
    assert.deepEqual(
      ids,
      NAV.map((n) => `nav-${n}`),
    );
    assert.equal(await s.page.getByTestId('nav-topology').getAttribute('aria-current'), 'page');
  });

  test('Topology: a map with badges; selecting a gateway shows its properties and findings', async () => {
    const { page } = s;
    await page.getByTestId('topology-map').waitFor();
    await page.locator('[data-testid="topology-node"]').first().waitFor({ timeout: 20000 });
    const count = await page.locator('[data-testid="topology-node"]').count();
    assert.ok(count > 30, `${count} nodes`);
    const badges = await page.locator('[data-testid="severity-badge"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-severity')));
    assert.ok(badges.includes('error') && badges.includes('warning'), badges.join(','));
    await page.screenshot({ path: join(SCREENS, 'topology.png') });

    const director = page.locator('[data-testid="topology-node"][data-node-id="umIpGateway:1:2"]');
    assert.equal(await director.locator('[data-testid="severity-badge"]').getAttribute('data-severity'), 'warning');
    await director.click();
    const details = page.getByTestId('object-details');
    await details.waitFor();
    assert.equal(await details.getAttribute('data-ref-id'), '1:2');
    const rules = await details.locator('[data-testid="details-finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    assert.deepEqual([...new Set(rules)].sort(), ['R-G-03', 'R-G-05']);
    const body = await details.innerText();
    assert.ok(body.includes('atl-dir-001.litwareinc.com'), 'the Address property');
    assert.ok(body.includes("Set-UMIPGateway -Identity '1:2' -OutcallsAllowed $false"), 'the fix cmdlet');
    await page.screenshot({ path: join(SCREENS, 'topology-details.png') });
  });

  test('Topology search finds an object by name', async () => {
    const { page } = s;
    await page.getByTestId('topology-search').fill('atl-dir');
    await page.getByTestId('topology-search').press('Enter');
    const status = page.getByTestId('topology-search-status');
    await status.waitFor();
    assert.match(await status.innerText(), /\d+/);
    await page.getByTestId('topology-search').fill('no-such-object-xyz');
    await page.getByTestId('topology-search').press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="topology-search-status"]')?.textContent?.includes('no-such-object-xyz'));
  });

  test('Topology: fitted to a readable zoom; leaving and coming back lays nothing out again', async () => {
    const { page } = s;
    const requests = () => page.evaluate((mark) => performance.getEntriesByName(mark).length, LAYOUT_REQUEST_MARK);
    const transform = () => page.evaluate(() => getComputedStyle(document.querySelector('.react-flow__viewport')!).transform);
    // The map's position once it stops moving: a search or a selection before this test animates it (a few hundred ms).
    const viewport = async () => {
      let last = await transform();
      for (;;) {
        await page.waitForTimeout(250);
        const now = await transform();
        if (now === last) return now;
        last = now;
      }
    };
    const labelPx = () =>
      page.evaluate(() => {
        const zoom = new DOMMatrix(getComputedStyle(document.querySelector('.react-flow__viewport')!).transform).a;
        return Math.min(...[...document.querySelectorAll('.umc-node__label')].map((l) => parseFloat(getComputedStyle(l).fontSize) * zoom));
      });
    // Whatever the window, a label is read at 11 px or more: the minimap shows the rest of the map.
    assert.ok((await labelPx()) >= 11, `labels ${await labelPx()} px on screen`);
    assert.equal(await page.locator('.react-flow__minimap').count(), 1);
    const before = { requests: await requests(), viewport: await viewport() };
    assert.ok(before.requests >= 1, 'the first visit asked main for the layout');
    await page.getByTestId('nav-gateways').click();
    await page.getByTestId('gateways-screen').waitFor();
    await page.getByTestId('nav-topology').click();
    await page.locator('[data-testid="topology-node"]').first().waitFor();
    assert.equal(await requests(), before.requests, 'no second layout for the same org');
    assert.equal(await viewport(), before.viewport, 'the map is where the user left it');
  });

  test('the status bar names the PowerShell this computer runs, not the lab file’s 5.1', async () => {
    const ps = s.page.getByTestId('status-powershell');
    await ps.waitFor({ timeout: 30_000 });
    const text = await ps.innerText();
    assert.ok(!text.includes('5.1'), text);
    assert.match(text, /^PowerShell 7\.\d+\.\d+ \(this computer\)$/);
    assert.equal(await ps.getAttribute('data-version'), execFileSync(PWSH!, ['-NoProfile', '-Command', '$PSVersionTable.PSVersion.ToString()']).toString().trim());
  });

  test('Checks: every finding listed; filters by severity and area', async () => {
    const { page } = s;
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('checks-list').waitFor();
    await page.locator('[data-testid="finding-row"]').first().waitFor();
    const expected = (await s.services.org.current()).findings.length;
    assert.equal(await page.locator('[data-testid="finding-row"]').count(), expected);
    const rules = new Set(await page.locator('[data-testid="finding-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule'))));
    assert.ok(rules.size >= 12, `${rules.size} rules listed`);
    const row = page.locator('[data-testid="finding-row"][data-rule="R-D-02"]');
    const text = await row.innerText();
    assert.ok(text.includes('Litware-SIP-Branch'), 'names the object');
    assert.ok(text.includes("Set-UMDialPlan -Identity 'Litware-SIP-Branch' -VoIPSecurity Secured"), 'shows the fix');
    await page.screenshot({ path: join(SCREENS, 'checks.png'), fullPage: false });

    // Severity filter: errors only (turn warning and info off).
    await page.getByTestId('filter-severity-warning').click();
    await page.getByTestId('filter-severity-info').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="finding-row"]')].every((e) => e.getAttribute('data-severity') === 'error'));
    const errors = (await s.services.org.current()).findings.filter((f) => f.severity === 'error').length;
    assert.equal(await page.locator('[data-testid="finding-row"]').count(), errors);
    assert.ok((await page.getByTestId('checks-count').innerText()).includes(String(errors)));
    await page.screenshot({ path: join(SCREENS, 'checks-errors.png') });

    // Area filter: certificates.
    await page.getByTestId('filter-area').selectOption('certificates');
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="finding-row"]')].every((e) => /^R-X-/.test(e.getAttribute('data-rule') ?? '')));
    assert.ok((await page.locator('[data-testid="finding-row"]').count()) >= 3);
    await page.getByTestId('filter-area').selectOption('all');
    await page.getByTestId('filter-severity-warning').click();
    await page.getByTestId('filter-severity-info').click();

    // Text filter.
    await page.getByTestId('filter-text').fill('SBC-EDGE');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="finding-row"]').length === 1);
    assert.equal(await page.locator('[data-testid="finding-row"]').getAttribute('data-rule'), 'R-G-07');
    await page.getByTestId('filter-text').fill('');

    // What is not evaluated is said, not hidden.
    assert.ok((await page.getByTestId('not-evaluated').innerText()).includes('R-G-10'));
  });

  test('an object named by a finding opens on the map', async () => {
    const { page } = s;
    await page.locator('[data-testid="finding-row"][data-rule="R-G-06"] [data-testid="finding-object"]').first().click();
    const details = page.getByTestId('object-details');
    await details.waitFor();
    assert.equal(await details.getAttribute('data-ref-id'), '3:1');
    assert.equal(await page.getByTestId('nav-topology').getAttribute('aria-current'), 'page');
  });

  test('every screen of the navigation is built: the checklist opens with its progress', async () => {
    await s.page.getByTestId('nav-checklist').click();
    await s.page.getByTestId('checklist-screen').waitFor({ timeout: 60_000 });
    assert.match(await s.page.getByTestId('checklist-progress').innerText(), /\d+ of \d+ steps done/);
    assert.equal(await s.page.getByTestId('not-built').count(), 0);
  });

  test('the language switch turns the whole console French', async () => {
    const { page } = s;
    await page.getByTestId('language-select').selectOption('fr');
    await page.waitForFunction((t) => document.querySelector('[data-testid="nav-checks"]')?.textContent?.includes(t), fr['nav.checks']);
    await page.getByTestId('nav-checks').click();
    await page.locator('[data-testid="finding-row"][data-rule="R-D-02"]').waitFor();
    const text = await page.locator('[data-testid="finding-row"][data-rule="R-D-02"]').innerText();
    assert.ok(text.includes(fr['rule.R-D-02.title']), text);
    assert.ok((await page.getByTestId('status-bar').innerText()).includes(fr['status.source.lab']));
    await page.screenshot({ path: join(SCREENS, 'checks-fr.png') });
    await page.getByTestId('language-select').selectOption('system');
    await page.waitForFunction((t) => document.querySelector('[data-testid="nav-checks"]')?.textContent?.includes(t), en['nav.checks']);
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});

describe('a French system opens in French', () => {
  test('navigation and status bar follow the system language', async () => {
    const s = await openConsole({ locale: 'fr-FR' });
    try {
      await s.page.waitForSelector('[data-testid="status-bar"][data-source-kind]');
      await s.page.waitForFunction((t) => document.querySelector('[data-testid="nav-topology"]')?.textContent?.includes(t), fr['nav.topology']);
      assert.ok((await s.page.getByTestId('status-bar').innerText()).includes(fr['status.source.lab']));
      await s.page.locator('[data-testid="topology-node"]').first().waitFor({ timeout: 20000 });
      await s.page.screenshot({ path: join(SCREENS, 'topology-fr.png') });
      assert.deepEqual(s.errors, []);
    } finally {
      await s.close();
    }
  });
});
