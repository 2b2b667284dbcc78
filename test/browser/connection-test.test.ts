/**
 * Test connection and the partial read, in Debian's Chromium over the real main-process services and
 * real PowerShell: a profile on the lab endpoint whose account is not granted two cmdlets (as RBAC
 * withholds them) connects; the Connections screen explains what was not read and who provides it,
 * the status bar says how many sections and leads there; Test connection lists every check with its
 * status, and the missing cmdlets with their roles and the command that grants them. Screenshots in
 * test-results/screens/ (connections-partial-read.png, connections-test.png).
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { translate } from '../../shared/i18n/translate';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { labRuntime, NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

const ENDPOINT = 'lab:?exchange=2016&skype=2015&withhold=Get-UMService,Get-CsCertificate';

describe('Connections: a partial read explained, and Test connection (real PowerShell)', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;

  before(async () => {
    s = await openConsole({ locale: 'en-US', viewport: { width: 1440, height: 1000 }, powershell: labRuntime({ heartbeatMs: 0 }) });
    await s.page.getByTestId('nav-connections').click();
    await s.page.getByTestId('connections-screen').waitFor();
    await s.page.getByTestId('profile-add').click();
    await s.page.getByTestId('profile-name').fill('Litware (helpdesk account)');
    await s.page.getByTestId('profile-exchange').fill(ENDPOINT);
    await s.page.getByTestId('profile-skype').fill(ENDPOINT);
    await s.page.getByTestId('profile-save').click();
    await s.page.getByTestId('profile-form').waitFor({ state: 'detached' });
  });
  after(async () => {
    await s?.close();
  });

  test('connect: both shells open, the org is read without the two cmdlets, and the screen says what was not read and why', async () => {
    const { page } = s;
    await page.getByTestId('profile-row').first().getByTestId('connect').click();
    await page.waitForSelector('[data-testid="status-bar"][data-source-kind="live"]', { timeout: 120_000 });
    for (const shell of ['exchange', 'skype']) assert.equal(await page.locator(`[data-testid="shell-card"][data-shell="${shell}"]`).getAttribute('data-state'), 'open');
    const panel = page.getByTestId('read-notes');
    await panel.waitFor({ timeout: 30_000 });
    const rows = await panel
      .locator('[data-testid="read-note"]')
      .evaluateAll((els) =>
        els.map((e) => ({ section: e.getAttribute('data-section'), status: e.getAttribute('data-status'), cmdlet: e.getAttribute('data-cmdlet'), text: (e as HTMLElement).innerText })),
      );
    // Each withheld cmdlet: its section not read, the note naming the cmdlet and who provides it.
    const um = rows.find((r) => r.cmdlet === 'Get-UMService');
    const certs = rows.find((r) => r.cmdlet === 'Get-CsCertificate');
    assert.ok(um && certs, JSON.stringify(rows));
    assert.deepEqual([um.section, um.status], ['exchange.umServices', 'not-read']);
    assert.match(um.text, /UM Management/);
    assert.deepEqual([certs.section, certs.status], ['skype.certificates', 'not-read']);
    assert.match(certs.text, /CsViewOnlyAdministrator/);
    // The status bar counts them and leads here.
    const link = page.getByTestId('status-read-issues');
    await link.waitFor();
    const count = Number(await link.getAttribute('data-partial')) + Number(await link.getAttribute('data-not-read'));
    assert.ok(count >= 2, `${count} sections`);
    assert.equal(await link.innerText(), translate('en', 'status.readIssues', { count }));
    await page.mouse.move(0, 0);
    await panel.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENS, 'connections-partial-read.png') });

    // From another screen, the status bar's link comes back to the panel.
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('checks-list').waitFor();
    await page.getByTestId('status-read-issues').click();
    await page.getByTestId('read-notes').waitFor();
    assert.equal(await page.getByTestId('nav-connections').getAttribute('aria-current'), 'page');
  });

  test('Test connection: every check with its status; the withheld cmdlets listed with their roles and the command that grants them', async () => {
    const { page } = s;
    await page.getByTestId('profile-row').first().getByTestId('profile-test').click();
    const panel = page.getByTestId('connection-test');
    await page.waitForSelector('[data-testid="connection-test"][data-state="done"]', { timeout: 120_000 });
    const checks = await panel.locator('[data-testid="connection-check"]').evaluateAll((els) => els.map((e) => `${e.getAttribute('data-check-id')}:${e.getAttribute('data-status')}`));
    assert.deepEqual(checks, [
      'wsman:not-judged',
      'kerberos-ip:not-judged',
      'jump-host:not-judged',
      'certificate.skype:not-judged',
      'crl.skype:not-judged',
      'rbac.exchange:warning',
      'rbac.skype:warning',
    ]);
    const exchange = panel.locator('[data-testid="connection-check"][data-check-id="rbac.exchange"]');
    const items = await exchange.getByTestId('check-items').innerText();
    assert.match(items, /Get-UMService: not granted — reads exchange\.umServices; granted by .*UM Management/);
    assert.match(await exchange.getByTestId('check-fix').innerText(), /Add-RoleGroupMember -Identity 'View-Only Organization Management' -Member 'LITWAREINC\\umcadmin'/);
    const skype = panel.locator('[data-testid="connection-check"][data-check-id="rbac.skype"]');
    assert.match(await skype.getByTestId('check-items').innerText(), /Get-CsCertificate: not granted — reads skype\.certificates/);
    assert.match(await panel.locator('[data-check-id="certificate.skype"]').getByTestId('check-detail').innerText(), /Lab endpoint: no server/);
    // The open shells were reused, not reopened: still open, same profile active.
    for (const shell of ['exchange', 'skype']) assert.equal(await page.locator(`[data-testid="shell-card"][data-shell="${shell}"]`).getAttribute('data-state'), 'open');
    await page.mouse.move(0, 0); // no tooltip over the results
    await panel.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: join(SCREENS, 'connections-test.png'), fullPage: false });
    await panel.screenshot({ path: join(SCREENS, 'connections-test-panel.png') });
  });

  test('the form tests its fields before they are saved: an Exchange server given by IP address is refused, with the FQDN fix', async () => {
    const { page } = s;
    await page.getByTestId('profile-add').click();
    await page.getByTestId('profile-name').fill('By address');
    // 192.0.2.0/24 is reserved for documentation (RFC 5737): nothing is there.
    await page.getByTestId('profile-exchange').fill('http://192.0.2.10/PowerShell/');
    await page.getByTestId('profile-skype').fill('lab:');
    await page.getByTestId('profile-form-test').click();
    const panel = page.getByTestId('profile-form').getByTestId('connection-test');
    await page.waitForSelector('[data-testid="profile-form"] [data-testid="connection-test"][data-state="done"]', { timeout: 120_000 });
    const ip = panel.locator('[data-check-id="kerberos-ip"]');
    assert.equal(await ip.getAttribute('data-status'), 'error');
    assert.match(await ip.getByTestId('check-items').innerText(), /192\.0\.2\.10 is an IP address, and the Exchange endpoint is opened with Kerberos only/);
    assert.match(await ip.getByTestId('check-fix').innerText(), /fully qualified names/);
    await page.getByTestId('profile-cancel').click();
    await page.getByTestId('profile-form').waitFor({ state: 'detached' });
    assert.equal(await page.getByTestId('profile-row').count(), 1); // nothing was saved
  });

  test('in French, the test speaks French', async () => {
    const { page } = s;
    await page.getByTestId('language-select').selectOption('fr');
    await page.getByTestId('profile-row').first().getByTestId('profile-test').click();
    await page.waitForSelector('[data-testid="connection-test"][data-state="done"]', { timeout: 120_000 });
    const title = await page.locator('[data-check-id="wsman"]').getByTestId('check-title').innerText();
    assert.equal(title, 'Client de communication à distance Windows (WSMan) du PowerShell local');
    await page.getByTestId('language-select').selectOption('system');
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});
