/**
 * The Gateways screen in Debian's Chromium against the real main-process services on the lab org:
 * the lab's SIP peers are listed, said plainly not to exist and never probed; then typed targets
 * backed by real Kamailio on loopback (200 over UDP and TCP, 503, and a closed port) are swept with
 * live progress. Screens under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { en } from '../../shared/i18n/en';
import { topologyTargets } from '../../shared/sip/topology-targets';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { freePort, type Kamailio, kamailioMissing, makeTestPki, startKamailio } from '../support/kamailio';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

describe('Gateways screen on the lab org', () => {
  let s: ConsoleSession;
  before(async () => {
    s = await openConsole();
    await s.page.getByTestId('nav-gateways').click();
    await s.page.getByTestId('gateways-screen').waitFor();
  });
  after(async () => {
    await s?.close();
  });

  test('lists the lab targets, not probed, with the plain notice', async () => {
    const { page } = s;
    const lab = (await s.services.org.current()).org;
    const expected = topologyTargets(lab);
    await page.getByTestId('gateways-lab-notice').waitFor();
    assert.equal(await page.getByTestId('gateways-lab-notice').innerText(), en['gateways.labNotice']);
    const rows = page.getByTestId('gateway-row');
    assert.equal(await rows.count(), expected.length);
    for (const t of expected) {
      const row = page.locator(`[data-testid="gateway-row"][data-target="${t.raw}"]`);
      assert.equal(await row.getAttribute('data-status'), 'not-probed');
    }
    assert.ok((await rows.first().innerText()).includes(en['gateways.notProbedLab']));
    // Nothing probeable yet: Probe all is off, and no sweep ever ran.
    assert.equal(await page.getByTestId('gateways-probe-all').isDisabled(), true);
    assert.equal(s.services.gateways.progress().total, 0);
    await page.screenshot({ path: join(SCREENS, 'gateways-lab.png') });
  });

  test('a malformed target is refused with the parse reason', async () => {
    const { page } = s;
    await page.getByTestId('gateway-add-input').fill('sip:gw01.contoso.com:70000');
    await page.getByTestId('gateway-add').click();
    const err = page.getByTestId('gateway-add-error');
    await err.waitFor();
    assert.equal(await err.innerText(), en['probe.target.port'].replace('{target}', 'sip:gw01.contoso.com:70000').replace('{port}', '70000'));
    await page.getByTestId('gateway-add-input').fill('');
  });

  const missing = kamailioMissing();
  describe('typed targets backed by real Kamailio', { skip: missing ?? false }, () => {
    let ok: Kamailio;
    let busy: Kamailio;
    let secure: Kamailio;
    let closed: number;
    let pkiDir: string;
    before(async () => {
      pkiDir = mkdtempSync(join(tmpdir(), 'umc-gw-browser-'));
      const pki = makeTestPki(pkiDir);
      [ok, busy, secure] = await Promise.all([startKamailio({ answer: 200 }), startKamailio({ answer: 503 }), startKamailio({ answer: 200, tls: pki.cert('localhost') })]);
      closed = await freePort();
    });
    after(async () => {
      await Promise.all([ok, busy, secure].filter(Boolean).map((k) => k.stop()));
      rmSync(pkiDir, { recursive: true, force: true });
    });

    test('Probe all sweeps them with live progress; lab targets stay unprobed', async () => {
      const { page } = s;
      const targets = {
        udp: `sip:127.0.0.1:${ok.udp}`,
        tcp: `sip:127.0.0.1:${ok.tcp};transport=tcp`,
        busy: `sip:127.0.0.1:${busy.tcp};transport=tcp`,
        closed: `sip:127.0.0.1:${closed};transport=tcp`,
      };
      for (const raw of Object.values(targets)) {
        await page.getByTestId('gateway-add-input').fill(raw);
        await page.getByTestId('gateway-add').click();
        await page.locator(`[data-testid="gateway-row"][data-target="${raw}"]`).waitFor();
      }
      assert.equal(await page.getByTestId('gateway-add-error').count(), 0);
      await page.getByTestId('gateways-probe-all').click();
      const progress = page.getByTestId('gateways-progress');
      await progress.waitFor();
      assert.equal(await progress.getAttribute('data-total'), '4');
      await page.waitForFunction(
        () => {
          const p = document.querySelector('[data-testid="gateways-progress"]');
          return p?.getAttribute('data-done') === '4' && p.getAttribute('data-running') === 'false';
        },
        undefined,
        { timeout: 15_000 },
      );

      const statusOf = (raw: string) => page.locator(`[data-testid="gateway-row"][data-target="${raw}"]`).getAttribute('data-status');
      assert.equal(await statusOf(targets.udp), 'ok');
      assert.equal(await statusOf(targets.tcp), 'ok');
      assert.equal(await statusOf(targets.busy), 'sip-error');
      assert.equal(await statusOf(targets.closed), 'refused');
      const explanation = (raw: string) => page.locator(`[data-testid="gateway-explanation"][data-target="${raw}"]`).innerText();
      assert.match(await explanation(targets.udp), /answered 200 OK over UDP/);
      assert.match(await explanation(targets.busy), /answered 503 .*not serving/);
      assert.match(await explanation(targets.closed), new RegExp(`TCP refused on ${closed}.*nothing listens there`));
      const udpRow = await page.locator(`[data-testid="gateway-row"][data-target="${targets.udp}"]`).innerText();
      assert.match(udpRow, /200 OK/);
      assert.match(udpRow, /kamailio \(umc test\)/);
      assert.match(udpRow, new RegExp(`127\\.0\\.0\\.1:${ok.udp}`));

      // The lab's targets were never handed to the prober.
      const lab = (await s.services.org.current()).org;
      const results = s.services.gateways.progress().results;
      assert.deepEqual(Object.keys(results).sort(), Object.values(targets).sort());
      for (const t of topologyTargets(lab)) {
        assert.equal(await statusOf(t.raw), 'not-probed');
      }
      assert.deepEqual(s.errors, []);
      await page.screenshot({ path: join(SCREENS, 'gateways-sweep.png'), fullPage: true });
    });

    test('Monitor sweeps every 5 s: availability, a latency sparkline, and a TLS peer judged by the certificate rules', async () => {
      const { page } = s;
      const tlsTarget = `sips:localhost:${secure.tls}`;
      await page.getByTestId('gateway-add-input').fill(tlsTarget);
      await page.getByTestId('gateway-add').click();
      await page.locator(`[data-testid="gateway-row"][data-target="${tlsTarget}"]`).waitFor();
      assert.equal(await page.getByTestId('gateways-monitor').getAttribute('data-active'), 'false');
      await page.getByRole('combobox', { name: en['gateways.monitor.interval'] }).click();
      await page.getByRole('option', { name: '5 s', exact: true }).click();
      await page.getByTestId('gateways-monitor').click();
      await page.getByTestId('gateways-monitor-state').waitFor();
      await page.waitForFunction(() => Number(document.querySelector('[data-testid="gateways-monitor-state"]')?.getAttribute('data-rounds')) >= 2, undefined, { timeout: 20_000 });
      await page.waitForFunction(() => document.querySelector('[data-testid="gateways-progress"]')?.getAttribute('data-running') === 'false', undefined, { timeout: 15_000 });
      assert.equal(s.services.gateways.progress().monitor.intervalS, 5);
      const udp = `sip:127.0.0.1:${ok.udp}`;
      const row = (raw: string) => page.locator(`[data-testid="gateway-row"][data-target="${raw}"]`);
      await page.waitForFunction(
        (raw) => Number(document.querySelector(`[data-testid="gateway-row"][data-target="${raw}"] [data-testid="gateway-sparkline"]`)?.getAttribute('data-samples')) >= 2,
        udp,
        { timeout: 10_000 },
      );
      assert.equal(await row(udp).getByTestId('gateway-availability').getAttribute('data-percent'), '100');
      assert.equal(await row(`sip:127.0.0.1:${closed};transport=tcp`).getByTestId('gateway-availability').getAttribute('data-percent'), '0');
      // The TLS peer (no CA given on the screen: judged against the system store, so untrusted) shows its certificate's findings.
      assert.equal(await row(tlsTarget).getAttribute('data-status'), 'tls-error');
      const findings = await page.getByTestId('gateway-cert-finding').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
      assert.ok(findings.includes('cert.expiring') && findings.includes('cert.crl-missing'), findings.join(','));
      await page
        .locator(`[data-testid="gateway-tls"]`)
        .first()
        .evaluate((el) => el.scrollIntoView({ block: 'center', inline: 'start' }));
      await page.screenshot({ path: join(SCREENS, 'gateways-monitor.png') });
      await page.getByTestId('gateways-monitor').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="gateways-monitor"]')?.getAttribute('data-active') === 'false');
      assert.equal(s.services.gateways.progress().monitor.active, false);
      assert.deepEqual(s.errors, []);
    });
  });
});
