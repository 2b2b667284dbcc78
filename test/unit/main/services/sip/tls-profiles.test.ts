/**
 * The per-target TLS profile against real TLS SIP peers (Kamailio with openssl-made certificates):
 * without the CA the probe fails as "not trusted", with the profile's CA bundle it answers; a peer that
 * requires a client certificate refuses the probe without one and answers with the profile's PFX. The
 * PFX password is kept in the secret store only: never in the settings, never in what the screen gets.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createGatewayService, type GatewayService } from '../../../../../main/services/gateway-service';
import { createOrgService } from '../../../../../main/services/org-service';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { createSecretStore, processMemoryCipher } from '../../../../../main/services/secret-store';
import { createTlsProfiles, TLS_PROFILES_SETTING } from '../../../../../main/services/sip/tls-profiles';
import { labSnapshotPath, loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import { UserError } from '../../../../../shared/i18n/translate';
import type { ProbeResult } from '../../../../../shared/sip/probe-model';
import { type Kamailio, kamailioMissing, makeTestPki, startKamailio, type TestPki } from '../../../../support/kamailio';
import { ROOT } from '../../../../support/paths';

const skip = kamailioMissing();
const PASSWORD = 'pfx-pass-7f3a';

describe('gateway TLS profile against Kamailio', { skip: skip ?? false }, () => {
  let dir: string;
  let pki: TestPki;
  let plain: Kamailio;
  let mutual: Kamailio;
  let pfxFile: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-tls-profile-'));
    pki = makeTestPki(dir);
    const client = pki.cert('client');
    pfxFile = join(dir, 'client.pfx');
    execFileSync('openssl', ['pkcs12', '-export', '-in', client.certFile, '-inkey', client.keyFile, '-out', pfxFile, '-passout', `pass:${PASSWORD}`], { stdio: ['ignore', 'ignore', 'pipe'] });
    [plain, mutual] = await Promise.all([startKamailio({ answer: 200, tls: pki.cert('localhost') }), startKamailio({ answer: 200, tls: pki.cert('localhost'), requireClientCertFrom: pki.caFile })]);
  });
  after(async () => {
    await Promise.all([plain, mutual].filter(Boolean).map((k) => k.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function setup() {
    const lab = await loadSnapshotFile(labSnapshotPath(ROOT), 'lab');
    const settings = memorySettingsStore();
    const secrets = createSecretStore(settings, processMemoryCipher());
    const s = createGatewayService({ org: createOrgService(async () => lab), tlsProfiles: createTlsProfiles(settings, secrets) });
    return { s, settings, secrets };
  }

  async function probe(s: GatewayService, raw: string): Promise<ProbeResult> {
    await s.startSweep({ includeTopology: false, timeoutMs: 3000, concurrency: 4 });
    while (s.progress().running) await new Promise((r) => setTimeout(r, 10));
    return s.progress().results[raw]!;
  }

  it('without the CA: not trusted; with the profile’s CA bundle: answers, and the row shows the profile', async () => {
    const { s } = await setup();
    const raw = `sips:localhost:${plain.tls}`;
    await s.addTarget(raw);
    const without = await probe(s, raw);
    assert.equal(without.status, 'tls-error');
    assert.equal(without.explanationKey, 'probe.explain.tlsUntrusted');
    const view = await s.setTlsProfile(raw, { caFile: pki.caFile, clientPfxFile: null });
    assert.deepEqual(view.targets.find((t) => t.raw === raw)!.tlsProfile, { caFile: pki.caFile, caCount: 1, clientPfxFile: null, hasPassword: false });
    const withCa = await probe(s, raw);
    assert.equal(withCa.status, 'ok', withCa.explanation);
    assert.equal(withCa.tls?.verified, true);
    // Removing the profile goes back to the system's roots.
    await s.clearTlsProfile(raw);
    assert.equal((await probe(s, raw)).status, 'tls-error');
    await s.dispose();
  });

  it('a peer requiring a client certificate: refused without one; answers with the profile’s PFX; the password stays in the secret store', async () => {
    const { s, settings, secrets } = await setup();
    const raw = `sips:localhost:${mutual.tls}`;
    await s.addTarget(raw);
    await s.setTlsProfile(raw, { caFile: pki.caFile, clientPfxFile: null });
    const refused = await probe(s, raw);
    assert.equal(refused.status, 'tls-error', refused.explanation);
    assert.equal(refused.explanationKey, 'probe.explain.tlsClientCert');
    assert.equal(refused.explanationParams.given, 'no');

    const view = await s.setTlsProfile(raw, { caFile: pki.caFile, clientPfxFile: pfxFile, pfxPassword: PASSWORD });
    assert.deepEqual(view.targets.find((t) => t.raw === raw)!.tlsProfile, { caFile: pki.caFile, caCount: 1, clientPfxFile: pfxFile, hasPassword: true });
    const answered = await probe(s, raw);
    assert.equal(answered.status, 'ok', answered.explanation);
    const stored = await settings.read();
    assert.ok(stored[TLS_PROFILES_SETTING], 'the profile is in the settings');
    assert.doesNotMatch(JSON.stringify(stored), new RegExp(PASSWORD), 'never the password in plain text');
    assert.doesNotMatch(JSON.stringify(view), new RegExp(PASSWORD));
    assert.equal(await secrets.get(`gateway-tls:${raw.toLowerCase()}`), PASSWORD);

    // Saving again without a password keeps the stored one; a wrong one is refused naming the file, not the password.
    await s.setTlsProfile(raw, { caFile: pki.caFile, clientPfxFile: pfxFile });
    assert.equal((await probe(s, raw)).status, 'ok');
    await assert.rejects(
      s.setTlsProfile(raw, { caFile: pki.caFile, clientPfxFile: pfxFile, pfxPassword: 'wrong' }),
      (e: unknown) => e instanceof UserError && e.detail.key === 'gatewayHistory.profile.badPfx' && !JSON.stringify(e.detail).includes(PASSWORD) && e.detail.params?.file === pfxFile,
    );
    await s.clearTlsProfile(raw);
    assert.equal(await secrets.has(`gateway-tls:${raw.toLowerCase()}`), false, 'removing the profile removes its password');
    await s.dispose();
  });

  it('refuses a profile on a target that is not TLS, an empty one, and a CA file without certificates', async () => {
    const { s } = await setup();
    await s.addTarget('sip:127.0.0.1:5099;transport=tcp');
    await assert.rejects(
      s.setTlsProfile('sip:127.0.0.1:5099;transport=tcp', { caFile: pki.caFile, clientPfxFile: null }),
      (e: unknown) => e instanceof UserError && e.detail.key === 'gatewayHistory.profile.notTls',
    );
    const raw = `sips:localhost:${plain.tls}`;
    await s.addTarget(raw);
    await assert.rejects(s.setTlsProfile(raw, { caFile: null, clientPfxFile: null }), (e: unknown) => e instanceof UserError && e.detail.key === 'gatewayHistory.profile.empty');
    const notPem = join(dir, 'not-a-bundle.pem');
    writeFileSync(notPem, 'hello\n');
    await assert.rejects(s.setTlsProfile(raw, { caFile: notPem, clientPfxFile: null }), (e: unknown) => e instanceof UserError && e.detail.key.startsWith('certificates.trustedRoots.'));
    // A profile whose CA file is gone since: the sweep is refused naming the file, nothing is sent.
    const gone = join(dir, 'gone-ca.pem');
    writeFileSync(gone, readFileSync(pki.caFile));
    await s.setTlsProfile(raw, { caFile: gone, clientPfxFile: null });
    rmSync(gone);
    await assert.rejects(
      s.startSweep({ includeTopology: false, timeoutMs: 3000, concurrency: 4 }),
      (e: unknown) => e instanceof UserError && e.detail.key === 'gatewayHistory.profile.unreadable' && e.detail.params?.file === gone,
    );
    assert.equal(s.progress().running, false);
    await s.dispose();
  });
});
