/**
 * The Changes screen (docs/capture-history.md) in Debian's Chromium over the real services and real
 * PowerShell running the lab endpoint on a copy of the lab org: the screen says how to make a capture
 * while there is none; connecting the lab profile keeps a capture; a capture whose Get-UMIPGateway call
 * fails (a lab fault) is kept as read with errors; a dial plan's VoIPSecurity changed in the lab copy
 * (written whole, as the lab endpoint writes it) and read again makes a third. The screen compares the
 * newest two, "Since the last capture without errors" compares the first and the third: the property
 * old → new in the cmdlet's names, the finding that appeared with the change that caused it. The
 * timeline has one point per capture; a click on one selects it. Screens at 1366×768 in English and French.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { writeFileAtomic } from '../../main/services/atomic-write';
import { fr } from '../../shared/i18n/fr';
import { en } from '../../shared/i18n/en';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { englishWordsIn } from '../support/french-text';
import { faultFile, type Faults } from '../support/live';
import { labRuntime, NO_PWSH } from '../support/powershell';

const SHOTS = join(ROOT, 'test-results', 'screens');
mkdirSync(SHOTS, { recursive: true });
/** A capture of the whole lab org through two PowerShell hosts, judged: seconds on 2 cores. */
const READ_TIMEOUT = 180_000;

describe('the Changes screen over three lab captures', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  let faults: Faults;
  const dir = mkdtempSync(join(tmpdir(), 'umc-changes-'));
  const labCopy = join(dir, 'lab.umcsnap.json');
  const ids: string[] = [];

  const kept = async () => (await s.services.history.read()).entries.length;
  async function readAgain(expected: number) {
    await s.page.getByTestId('nav-connections').click();
    await s.page.getByTestId('refresh').click();
    const end = Date.now() + READ_TIMEOUT;
    while ((await kept()) < expected) {
      if (Date.now() > end) throw new Error(`capture ${expected} not kept`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  before(async () => {
    faults = faultFile();
    process.env.UMC_LAB_FAULT_FILE = faults.path;
    s = await openConsole({ locale: 'en-US', viewport: { width: 1366, height: 768 }, powershell: labRuntime(), userLabPath: labCopy, historyDir: join(dir, 'history') });
  });
  after(async () => {
    await s?.close();
    faults?.dispose();
    delete process.env.UMC_LAB_FAULT_FILE;
    rmSync(dir, { recursive: true, force: true });
  });

  test('no capture yet: the screen says how to make one', async () => {
    await s.page.getByTestId('nav-changes').click();
    await s.page.getByTestId('changes-empty').waitFor();
    assert.equal(await s.page.getByTestId('changes-screen').getAttribute('data-captures'), '0');
    assert.match(await s.page.getByTestId('changes-empty').innerText(), /umc capture/);
  });

  test('three captures through the Connections screen: clean, with errors, and after a real change', async () => {
    const { page } = s;
    await page.getByTestId('nav-connections').click();
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-lab').click();
    await page.getByTestId('profile-save').click();
    await page.getByTestId('profile-form').waitFor({ state: 'detached' });
    await page.getByTestId('profile-row').first().getByTestId('connect').click();
    await page.waitForSelector('[data-testid="status-bar"][data-source-kind="live"]', { timeout: READ_TIMEOUT });
    const end = Date.now() + READ_TIMEOUT;
    while ((await kept()) < 1) {
      if (Date.now() > end) throw new Error('first capture not kept');
      await new Promise((r) => setTimeout(r, 200));
    }
    await page.waitForSelector('[data-testid="refresh"]:not([disabled])', { timeout: READ_TIMEOUT });

    // 2: Get-UMIPGateway fails on the server (as an access denied would): kept, read with errors.
    faults.set({ 'Get-UMIPGateway': { throw: 'Access is denied.' } });
    await readAgain(2);
    faults.clear();
    await page.waitForSelector('[data-testid="refresh"]:not([disabled])', { timeout: READ_TIMEOUT });

    // 3: Litware-SIP-Branch goes from SIPSecured to Secured in the lab org (the file written whole, as the endpoint writes it).
    const raw = JSON.parse(readFileSync(labCopy, 'utf8'));
    const plan = raw.exchange.dialPlans.objects.find((p: { Name: string }) => p.Name === 'Litware-SIP-Branch');
    assert.equal(plan.VoIPSecurity, 'SIPSecured');
    plan.VoIPSecurity = 'Secured';
    await writeFileAtomic(labCopy, JSON.stringify(raw));
    await readAgain(3);

    const read = await s.services.history.read();
    ids.push(...read.entries.map((e) => e.id));
    assert.deepEqual(
      read.entries.map((e) => [e.origin, e.source.kind, e.issues.failed > 0]),
      [
        ['gui', 'live', false],
        ['gui', 'live', true],
        ['gui', 'live', false],
      ],
    );
  });

  test('the newest two compared; one click compares since the last capture without errors: the change and the finding it caused', async () => {
    const { page } = s;
    await page.getByTestId('nav-changes').click();
    const result = page.getByTestId('changes-result');
    await page.waitForSelector(`[data-testid="changes-result"][data-older="${ids[1]}"][data-newer="${ids[2]}"]`, { timeout: 60_000 });
    // The capture with errors did not read the gateways: that section is "not compared", never "all removed".
    assert.match(await page.locator('[data-testid="changes-section"][data-section="exchange.ipGateways"]').innerText(), /Not compared/);

    const points = page.getByTestId('timeline-point');
    assert.equal(await points.count(), 3);
    assert.deepEqual(await points.evaluateAll((els) => els.map((e) => e.getAttribute('data-id'))), ids);
    assert.match((await points.nth(0).locator('title').textContent()) ?? '', /\d+ errors?, \d+ warnings?, \d+ info/);

    await page.getByTestId('changes-since-clean').click();
    await page.waitForSelector(`[data-testid="changes-result"][data-older="${ids[0]}"][data-newer="${ids[2]}"]`, { timeout: 60_000 });
    assert.equal(await page.getByTestId('changes-older').inputValue(), ids[0]);
    const property = result.locator('[data-testid="changes-section"][data-section="exchange.dialPlans"] [data-testid="changes-property"][data-property="VoIPSecurity"]');
    assert.equal((await property.innerText()).replace(/\s+/g, ' ').trim(), 'VoIPSecurity SIPSecured → Secured');
    const appeared = result.getByTestId('changes-appeared').locator('[data-testid="changes-finding"][data-rule="R-D-03"]');
    assert.match(await appeared.getByTestId('changes-cause').first().innerText(), /VoIPSecurity of Litware-SIP-Branch changed SIPSecured → Secured/);
    assert.equal(await result.getByTestId('changes-resolved').locator('[data-testid="changes-finding"][data-rule="R-D-02"]').count(), 1);
    await page.screenshot({ path: join(SHOTS, 'changes-en-1366.png') });

    // A point clicked: that capture against the newest.
    await points.nth(1).click();
    await page.waitForSelector(`[data-testid="changes-result"][data-older="${ids[1]}"][data-newer="${ids[2]}"]`, { timeout: 60_000 });
    assert.equal(await points.nth(1).getAttribute('data-selected'), 'true');
    assert.equal(await points.nth(0).getAttribute('data-selected'), 'false');
  });

  test('in French: the same comparison, in French words around the cmdlet’s names', async () => {
    const { page } = s;
    await page.getByTestId('language-select').selectOption('fr');
    await page.waitForFunction((t) => document.querySelector('[data-testid="nav-changes"]')?.textContent?.includes(t), fr['nav.changes']);
    await page.getByTestId('changes-since-clean').click();
    await page.waitForSelector(`[data-testid="changes-result"][data-older="${ids[0]}"][data-newer="${ids[2]}"]`, { timeout: 60_000 });
    const text = await page.getByTestId('changes-screen').innerText();
    assert.ok(text.includes(fr['history.findings.appeared']), text);
    assert.deepEqual(englishWordsIn(text), []);
    await page.screenshot({ path: join(SHOTS, 'changes-fr-1366.png') });
    await page.getByTestId('language-select').selectOption('en');
    await page.waitForFunction((t) => document.querySelector('[data-testid="nav-changes"]')?.textContent?.includes(t), en['nav.changes']);
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});
