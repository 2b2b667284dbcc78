/**
 * `umc test-voicemail USER` through the real CLI and the real lab endpoint (the user's lab copy in a temporary user-data
 * folder): exit 0 when the test call reaches voice mail, 1 when it fails (the hop named, in English and French, and in
 * the JSON), 2 for bad input — an unknown user, no test user, no password (never taken from the command line), a
 * snapshot (no server to call), Test-CsExUMVoiceMail not confirmed.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { ROOT } from '../../../support/paths';
import { NO_PWSH } from '../../../support/powershell';
import { englishWordsIn } from '../../../support/french-text';

const TEST_USER = ['--test-user', 'litwareinc\\theo.wilson3', '--test-sip', 'sip:theo.wilson3@litwareinc.com'];

describe('umc test-voicemail (lab org)', { skip: NO_PWSH }, () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'umc-cli-vm-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  async function run(args: string[], extra: { password?: string | null; confirm?: (q: string) => Promise<boolean>; readPassword?: (p: string) => Promise<string | null> } = {}) {
    let out = '';
    let err = '';
    const env: Record<string, string> = { UMC_USER_DATA: data };
    if (extra.password !== null) env.UMC_TEST_PASSWORD = extra.password ?? 'lab';
    const code = await runCli(['test-voicemail', ...args], {
      out: (s) => (out += s),
      err: (s) => (err += s),
      root: ROOT,
      locale: 'en-US',
      env,
      confirm: extra.confirm,
      readPassword: extra.readPassword,
    });
    return { code, out, err };
  }

  it('a user whose path is whole: exit 0, "Passed"', async () => {
    const r = await run(['sip:jade.anderson4@litwareinc.com', ...TEST_USER, '--yes']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Passed: Test-CsExUMVoiceMail for sip:jade\.anderson4@litwareinc\.com \(\d+ ms\)\.\n/);
    assert.match(r.out, /\$credential = Get-Credential 'litwareinc\\theo\.wilson3'\n/);
  });

  it('a user with no hunt group for its dial plan: exit 1, the hop named; JSON for scripts', async () => {
    const r = await run(['vm.r-u-07@litwareinc.com', ...TEST_USER, '--yes']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^Failed at the hop “Hunt group”: Exchange UM refused the call\.\n {2}The call path already shows this hop red\.\n/);
    assert.match(r.out, /Error {6}: 403, Forbidden\n/);
    const j = await run(['vm.r-u-07@litwareinc.com', ...TEST_USER, '--yes', '--json']);
    assert.equal(j.code, 1, j.err);
    const o = JSON.parse(j.out) as { passed: boolean; hop: string; kind: string; error: string; diagnosis: string; cmdlet: string };
    assert.deepEqual([o.passed, o.hop, o.kind, o.cmdlet, o.error], [false, 'huntGroup', 'rejected', 'Test-CsExUMVoiceMail', '403, Forbidden']);
    assert.match(o.diagnosis, /^ErrorCode=15030,/);
  });

  it('in French: the headline and the explanation are French', async () => {
    const r = await run(['lucas.michel10@litwareinc.com', ...TEST_USER, '--yes', '--lang', 'fr']);
    assert.equal(r.code, 1, r.err);
    const [headline, agrees, explain] = r.out.split('\n');
    assert.equal(headline, 'Échec à l’étape «\u00a0Passerelle IP de messagerie unifiée\u00a0»\u00a0: Aucune route de Skype Entreprise vers la messagerie unifiée Exchange.');
    for (const line of [headline!, agrees!, explain!]) assert.deepEqual(englishWordsIn(line), [], line);
  });

  it('--connectivity tests the test user itself: no confirmation asked', async () => {
    const r = await run(['sip:jade.anderson4@litwareinc.com', ...TEST_USER, '--connectivity'], { confirm: async () => assert.fail('asked') });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Passed: Test-CsExUMConnectivity for sip:theo\.wilson3@litwareinc\.com/);
  });

  it('Test-CsExUMVoiceMail is asked for on a terminal; refused or not asked: exit 2, nothing run', async () => {
    const asked: string[] = [];
    const no = await run(['jade.anderson4@litwareinc.com', ...TEST_USER], { confirm: async (q) => (asked.push(q), false) });
    assert.equal(no.code, 2);
    assert.deepEqual(asked, ['Test-CsExUMVoiceMail leaves a voice mail in the mailbox of sip:jade.anderson4@litwareinc.com. Run it?']);
    assert.equal(no.out, '');
    const none = await run(['jade.anderson4@litwareinc.com', ...TEST_USER]);
    assert.equal(none.code, 2);
    assert.match(none.err, /confirm on a terminal or give --yes/);
    const yes = await run(['jade.anderson4@litwareinc.com', ...TEST_USER], { confirm: async () => true });
    assert.equal(yes.code, 0, yes.err);
  });

  it('bad input: exit 2 with a message naming it', async () => {
    const cases: [string[], Parameters<typeof run>[1], RegExp][] = [
      [['sip:ghost@litwareinc.com', ...TEST_USER, '--yes'], {}, /No user sip:ghost@litwareinc\.com/],
      [['jade.anderson4@litwareinc.com', '--yes'], {}, /Give the test user/],
      [[...TEST_USER, '--yes'], {}, /Name one user/],
      [['jade.anderson4@litwareinc.com', ...TEST_USER, '--snapshot', 'x.json'], {}, /A snapshot file has no server to call/],
      [['jade.anderson4@litwareinc.com', ...TEST_USER, '--password', 'x'], {}, /never on the command line|password/i],
      [['jade.anderson4@litwareinc.com', ...TEST_USER, '--yes'], { password: null }, /No password for the test user litwareinc\\theo\.wilson3/],
      [['jade.anderson4@litwareinc.com', '--test-user', 'theo', '--test-sip', 'sip:theo.wilson3@litwareinc.com', '--yes'], {}, /The account “theo” is not valid/],
    ];
    for (const [args, extra, message] of cases) {
      const r = await run(args, extra);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.out}`);
      assert.match(r.err, message, args.join(' '));
    }
  });

  it('the password asked on a terminal when UMC_TEST_PASSWORD is absent', async () => {
    const prompts: string[] = [];
    const r = await run(['sip:jade.anderson4@litwareinc.com', ...TEST_USER, '--yes'], { password: null, readPassword: async (p) => (prompts.push(p), 'typed') });
    assert.equal(r.code, 0, r.err);
    assert.deepEqual(prompts, ['Password for the test user litwareinc\\theo.wilson3: ']);
  });

  it('--help: the usage and the exit codes', async () => {
    const r = await run(['--help']);
    assert.equal(r.code, 0);
    assert.match(r.out, /^Usage: umc test-voicemail USER/);
    assert.match(r.out, /Exit codes: 0 passed, 1 failed \(the hop is named\), 2 bad input/);
  });
});
