/**
 * The synthetic voice-mail tests through the console's services and the real lab endpoint (a temporary lab copy, real
 * PowerShell through the host, the credential handed over as a PSCredential): a stored test user keeps its password
 * only in the secret store (never in the settings, never in what the renderer gets); Test-CsExUMVoiceMail runs only
 * when confirmed and is audited before and after (the credential as its account only); the result is placed on the
 * receiver's call path; Test-CsExUMConnectivity reads only (no audit entry); bad input names what was wrong.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore, type SettingsStore } from '../../../../../main/services/ports';
import { CREDENTIALS_SETTING } from '../../../../../main/services/voicemail/voicemail-test-service';
import { createApi } from '../../../../../shared/contract/api';
import { UserError } from '../../../../../shared/i18n/translate';
import { ROOT } from '../../../../support/paths';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const ORIGIN = 'app://umc';
const SENDER = { url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true };
const PASSWORD = 'Zo\u00e9-s3cret!';
const TEST_USER = { name: 'Theo test', userName: 'litwareinc\\theo.wilson3', sipAddress: 'sip:theo.wilson3@litwareinc.com', password: PASSWORD };

async function rejectsWith(p: Promise<unknown>, key: string): Promise<void> {
  await assert.rejects(p, (e: unknown) => e instanceof UserError && e.detail.key === key);
}

describe('voicemail test service (lab endpoint)', { skip: NO_PWSH }, () => {
  let dir: string;
  let settings: SettingsStore;
  let services: MainServices;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-vmtest-'));
    settings = memorySettingsStore();
    services = createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings, userLabPath: join(dir, 'lab.json'), auditPath: join(dir, 'audit.jsonl'), powershell: labRuntime() });
  });
  after(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a test user is stored once: its password in the secret store only, never sent to the renderer', async () => {
    const api = createApi(services.transportFor(SENDER), services.eventsFor(SENDER));
    const list = await api.voicemailTest.saveCredential(TEST_USER);
    assert.deepEqual(list, [{ name: 'Theo test', userName: 'litwareinc\\theo.wilson3', sipAddress: 'sip:theo.wilson3@litwareinc.com', hasPassword: true }]);
    const stored = JSON.stringify(await settings.read());
    assert.ok(!stored.includes(PASSWORD), 'the password is in the settings in plain text');
    assert.deepEqual((await settings.read())[CREDENTIALS_SETTING], [{ name: 'Theo test', userName: 'litwareinc\\theo.wilson3', sipAddress: 'sip:theo.wilson3@litwareinc.com' }]);
    assert.ok(!JSON.stringify(await api.voicemailTest.credentials({})).includes(PASSWORD));
    await rejectsWith(services.voicemailTest.saveCredential({ ...TEST_USER, userName: 'nobackslash' }), 'voicemailTest.input.account');
  });

  it('the preview: the exact cmdlet (the credential as Get-Credential), that it leaves a voice mail, the receiver’s path', async () => {
    const p = await services.voicemailTest.preview({ kind: 'voicemail', credential: 'theo TEST', sipAddress: 'vm.r-u-07@litwareinc.com' });
    assert.equal(p.leavesVoiceMail, true);
    assert.equal(p.target, 'lab');
    assert.equal(
      p.command,
      "$credential = Get-Credential 'litwareinc\\theo.wilson3'\nTest-CsExUMVoiceMail -TargetFqdn 'dal-cs-se01.litwareinc.com' -SenderSipAddress 'sip:theo.wilson3@litwareinc.com' -ReceiverSipAddress 'sip:vm.r-u-07@litwareinc.com' -SenderCredential $credential",
    );
    // The receiver's path as the Users screen shows it: its hunt group missing (and an org finding on its gateway).
    assert.equal(p.path.find((h) => h.kind === 'huntGroup')?.problem?.key, 'users.hop.noHuntGroup');
  });

  it('Test-CsExUMVoiceMail: refused unconfirmed; confirmed, it fails on the hop the path shows red, audited before and after', async () => {
    await rejectsWith(services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', sipAddress: 'sip:vm.r-u-07@litwareinc.com', confirmed: false }), 'voicemailTest.confirmRequired');
    const r = await services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', sipAddress: 'sip:vm.r-u-07@litwareinc.com', confirmed: true });
    assert.equal(r.facts.passed, false);
    assert.equal(r.facts.error, '403, Forbidden');
    assert.deepEqual(r.placement, { kind: 'rejected', hop: 'huntGroup', pathAgrees: true });
    assert.match(r.raw, /^TargetFqdn : dal-cs-se01\.litwareinc\.com\nResult {5}: Failure\nLatency {4}: \d{2}:\d{2}:\d{2}/);
    const audit = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    assert.ok(!audit.includes(PASSWORD), 'the password is in the audit log');
    const lines = audit
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const intent = lines.find((l) => l.cmdlet === 'Test-CsExUMVoiceMail')!;
    assert.ok(intent, audit);
    assert.deepEqual(intent.parameters, [
      { name: 'TargetFqdn', value: 'dal-cs-se01.litwareinc.com' },
      { name: 'SenderSipAddress', value: 'sip:theo.wilson3@litwareinc.com' },
      { name: 'ReceiverSipAddress', value: 'sip:vm.r-u-07@litwareinc.com' },
      // The audit log redacts every credential parameter (main/services/audit/audit-log.ts).
      { name: 'SenderCredential', value: '***' },
    ]);
    assert.ok(audit.includes('"outcome":"applied"'), audit);
    assert.equal(services.voicemailTest.last(), r);
  });

  it('a working receiver passes; Test-CsExUMConnectivity for the test user passes and is not audited', async () => {
    const ok = await services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', sipAddress: 'sip:jade.anderson4@litwareinc.com', confirmed: true });
    assert.equal(ok.facts.passed, true);
    assert.deepEqual(ok.placement, { kind: 'passed', hop: null, pathAgrees: false });
    const before = readFileSync(join(dir, 'audit.jsonl'), 'utf8');
    const c = await services.voicemailTest.run({ kind: 'connectivity', credential: 'Theo test', confirmed: false });
    assert.equal(c.cmdlet, 'Test-CsExUMConnectivity');
    assert.equal(c.facts.passed, true);
    assert.equal(c.sipAddress, 'sip:theo.wilson3@litwareinc.com');
    assert.equal(readFileSync(join(dir, 'audit.jsonl'), 'utf8'), before);
  });

  it('bad input names the field: an empty password for the run, an unknown test user or receiver, the sender as receiver', async () => {
    await rejectsWith(services.voicemailTest.run({ kind: 'connectivity', credential: 'Theo test', confirmed: false }, ''), 'voicemailTest.input.noPassword');
    await rejectsWith(
      services.voicemailTest.run({ kind: 'voicemail', credential: 'nobody', sipAddress: 'sip:jade.anderson4@litwareinc.com', confirmed: true }),
      'voicemailTest.input.unknownCredential',
    );
    await rejectsWith(services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', sipAddress: 'sip:ghost@litwareinc.com', confirmed: true }), 'voicemailTest.input.unknownUser');
    await rejectsWith(services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', confirmed: true }), 'voicemailTest.input.noReceiver');
    await rejectsWith(services.voicemailTest.run({ kind: 'voicemail', credential: 'Theo test', sipAddress: 'sip:theo.wilson3@litwareinc.com', confirmed: true }), 'voicemailTest.input.sameSender');
  });

  it('removing the test user removes its password', async () => {
    assert.deepEqual(await services.voicemailTest.removeCredential('THEO TEST'), []);
    await rejectsWith(services.voicemailTest.preview({ kind: 'connectivity', credential: 'Theo test' }), 'voicemailTest.input.unknownCredential');
    assert.ok(!JSON.stringify(await settings.read()).includes('voicemail-test:theo test'));
  });
});
