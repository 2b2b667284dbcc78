/**
 * The Gateways screen over time, in Debian's Chromium against the real main services: a TLS target
 * backed by a real Kamailio fails as "not trusted" until its TLS profile names the CA bundle (set in
 * the profile editor, the file picked through the open dialog), then answers; the monitor's history
 * is kept in the user-data folder, and a console started again over the same folder shows the typed
 * targets with their sparkline and availability before any probe. Screens under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { memorySettingsStore } from '../../main/services/ports';
import { en } from '../../shared/i18n/en';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { type Kamailio, kamailioMissing, makeTestPki, startKamailio, type TestPki } from '../support/kamailio';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });
const VIEWPORT = { width: 1366, height: 768 };

const missing = kamailioMissing();

describe('Gateways over time: TLS profile and history across restarts', { skip: missing ?? false }, () => {
  let dir: string;
  let pki: TestPki;
  let ok: Kamailio;
  let secure: Kamailio;
  let s: ConsoleSession | null = null;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-gw-history-'));
    pki = makeTestPki(dir);
    [ok, secure] = await Promise.all([startKamailio({ answer: 200 }), startKamailio({ answer: 200, tls: pki.cert('localhost') })]);
  });
  after(async () => {
    await s?.close();
    await Promise.all([ok, secure].filter(Boolean).map((k) => k.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  /** The settings outlive a console, as the app's settings file does (the TLS profile is kept there). */
  const settings = memorySettingsStore();
  const historyPath = () => join(dir, 'user-data', 'gateways', 'monitor-history.json');
  const open = async () => {
    // A console a failed test left open is closed first: one console at a time.
    await s?.close();
    s = null;
    const session = await openConsole({ viewport: VIEWPORT, settings, monitorHistoryPath: historyPath(), dialogs: { chooseOpenPath: async () => pki.caFile, chooseSavePath: async () => null } });
    await session.page.getByTestId('nav-gateways').click();
    await session.page.getByTestId('gateways-screen').waitFor();
    return session;
  };
  /** One sweep, done in main (its revision moved by every result) and drawn: no row left pending. */
  const sweep = async (session: ConsoleSession, total: number) => {
    const before = session.services.gateways.progress().revision;
    await session.page.getByTestId('gateways-probe-all').click();
    const end = Date.now() + 15_000;
    for (;;) {
      const p = session.services.gateways.progress();
      if (!p.running && p.revision >= before + total) break;
      if (Date.now() > end) throw new Error('the sweep did not end');
      await new Promise((r) => setTimeout(r, 20));
    }
    await session.page.waitForFunction(
      (n) => {
        const p = document.querySelector('[data-testid="gateways-progress"]');
        return p?.getAttribute('data-done') === String(n) && p.getAttribute('data-running') === 'false' && document.querySelector('[data-testid="gateway-row"][data-status="pending"]') === null;
      },
      total,
      { timeout: 15_000 },
    );
  };

  test('the TLS profile editor: not trusted without the CA bundle, answering with it', async () => {
    s = await open();
    const { page } = s;
    const tls = `sips:localhost:${secure.tls}`;
    const udp = `sip:127.0.0.1:${ok.udp}`;
    for (const raw of [tls, udp]) {
      await page.getByTestId('gateway-add-input').fill(raw);
      await page.getByTestId('gateway-add').click();
      await page.locator(`[data-testid="gateway-row"][data-target="${raw}"]`).waitFor();
    }
    const row = page.locator(`[data-testid="gateway-row"][data-target="${tls}"]`);
    assert.equal(await row.getByTestId('gateway-tls-profile-summary').innerText(), en['gatewayHistory.profile.none']);
    assert.equal(await page.locator(`[data-testid="gateway-row"][data-target="${udp}"]`).getByTestId('gateway-tls-profile').count(), 0, 'no TLS profile for a UDP target');
    await sweep(s, 2);
    assert.equal(await row.getAttribute('data-status'), 'tls-error');
    assert.match(
      await page.locator(`[data-testid="gateway-explanation"][data-target="${tls}"]`).innerText(),
      /is not trusted .*the CA that issued it is unknown — name its CA bundle in the target’s TLS profile/,
    );

    await row.getByTestId('gateway-tls-profile').click();
    const dialog = page.getByTestId('tls-profile-dialog');
    await dialog.waitFor();
    await dialog.getByTestId('tls-profile-choose-ca').click();
    await page.waitForFunction((file) => (document.querySelector('[data-testid="tls-profile-ca"]') as HTMLInputElement | null)?.value === file, pki.caFile);
    await page.screenshot({ path: join(SCREENS, 'gateways-tls-profile-en-1366.png') });
    await dialog.getByTestId('tls-profile-save').click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelector('[data-testid="gateway-tls-profile-summary"][data-profile="true"]') !== null);
    assert.match(await row.getByTestId('gateway-tls-profile-summary').innerText(), /^CA bundle .*ca\.pem \(1 certificate\)$/);

    for (let i = 0; i < 3; i++) await sweep(s, 2);
    assert.equal(await row.getAttribute('data-status'), 'ok');
    assert.equal(await page.locator(`[data-testid="gateway-row"][data-target="${udp}"]`).getAttribute('data-status'), 'ok');
    assert.deepEqual(s.errors, []);
    await s.close();
    s = null;
  });

  test('after a restart over the same user-data folder: the typed targets and their history before any probe', async () => {
    s = await open();
    const { page } = s;
    const tls = `sips:localhost:${secure.tls}`;
    const udp = `sip:127.0.0.1:${ok.udp}`;
    for (const raw of [tls, udp]) await page.locator(`[data-testid="gateway-row"][data-target="${raw}"]`).waitFor();
    assert.equal(s.services.gateways.progress().total, 0, 'no probe yet in this run');
    const spark = (raw: string) => page.locator(`[data-testid="gateway-row"][data-target="${raw}"] [data-testid="gateway-sparkline"]`);
    await spark(udp).waitFor();
    assert.equal(await spark(udp).getAttribute('data-samples'), '4');
    assert.equal(await spark(tls).getAttribute('data-samples'), '4');
    // One "not trusted" before the profile, three answers after it.
    assert.equal(await page.locator(`[data-testid="gateway-row"][data-target="${tls}"] [data-testid="gateway-availability"]`).getAttribute('data-percent'), '75');
    assert.equal(await page.locator(`[data-testid="gateway-row"][data-target="${udp}"] [data-testid="gateway-availability"]`).getAttribute('data-percent'), '100');
    assert.equal(await page.getByTestId('gateways-history-notice').count(), 0);
    assert.match(await page.getByTestId('gateways-history-kept').innerText(), /^Kept from earlier runs: 2 targets, last probe /);
    // The TLS profile was kept in the settings: the row says which one the next probe uses.
    assert.match(await page.locator(`[data-testid="gateway-row"][data-target="${tls}"] [data-testid="gateway-tls-profile-summary"]`).innerText(), /^CA bundle .*ca\.pem \(1 certificate\)$/);
    assert.deepEqual(s.errors, []);
    await page.screenshot({ path: join(SCREENS, 'gateways-history-en-1366.png') });
  });
});
