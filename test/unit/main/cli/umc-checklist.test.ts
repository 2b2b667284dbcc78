/**
 * `umc checklist`: the healthy small org's snapshot has every step done (exit 0); the lab org (the
 * user's copy by default, as `umc contacts`) has steps left (exit 1) and prints its progress first; the
 * JSON has exactly the documented shape; bad input (an unknown option, a snapshot with servers, an
 * unreadable snapshot) exits 2 with one clear line.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { buildSnapshot, gateway } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';
import { expectNoLeak } from '../../../support/no-leak';
import { ROOT } from '../../../support/paths';
import { NO_PWSH } from '../../../support/powershell';

interface StepJson {
  id: string;
  title: string;
  role: string;
  status: string;
  rules: string[];
  action: { kind: string; findings: string[] } | null;
}

describe('umc checklist', () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'umc-cli-checklist-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  async function run(args: string[], locale = 'en-US') {
    let out = '';
    let err = '';
    // No PowerShell needed: the lab org and snapshots are read from their files.
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env: { UMC_USER_DATA: data } });
    return { code, out, err };
  }

  function snapshot(change?: (spec: ReturnType<typeof healthySpec>) => void): string {
    const spec = healthySpec();
    change?.(spec);
    const file = join(data, `org-${Math.random().toString(36).slice(2)}.umcsnap.json`);
    writeFileSync(file, JSON.stringify(buildSnapshot(spec)));
    return file;
  }

  it('the healthy org: every step done, exit 0; the JSON keys exactly as documented', async () => {
    const file = snapshot();
    const text = await run(['checklist', '--snapshot', file]);
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, /^17 of 17 steps done\nSteps for Exchange 2016 with Skype for Business Server 2015\n/);
    const j = await run(['checklist', '--snapshot', file, '--json']);
    assert.equal(j.code, 0, j.err);
    const parsed = JSON.parse(j.out) as { steps: StepJson[]; done: number; total: number };
    assert.deepEqual(Object.keys(parsed), ['steps', 'done', 'total']);
    assert.equal(parsed.done, 17);
    for (const s of parsed.steps) {
      assert.deepEqual(Object.keys(s), ['id', 'title', 'role', 'status', 'rules', 'action']);
      assert.equal(s.status, 'done');
      assert.equal(s.action, null);
    }
    assert.deepEqual(parsed.steps[0], {
      id: 'exchange.um-servers',
      title: 'Deploy the Exchange servers that run Unified Messaging',
      role: 'ExchangeOrganizationAdministrator',
      status: 'done',
      rules: ['R-D-09'],
      action: null,
    });
  });

  it('one step partly: exit 1, the step with what is missing and its action; the title in French with --lang fr', async () => {
    const file = snapshot((s) => (gateway(s, '1:1').status = 'Disabled'));
    const r = await run(['checklist', '--snapshot', file]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^16 of 17 steps done\n/);
    assert.match(
      r.out,
      /\[~\] 11\. Create and configure the UM IP gateways — partly\n {7}who: Exchange administrator \(UM Management\)\n {7}rules: R-G-07, R-G-08, R-G-09\n {7}- Gateway 1:1 is Disabled\.\n/,
    );
    assert.match(r.out, /action: the console \(cmdlets\), 1 finding: umc fix R-G-09/);
    const j = await run(['checklist', '--snapshot', file, '--json', '--lang', 'fr']);
    const step = (JSON.parse(j.out) as { steps: StepJson[] }).steps.find((s) => s.id === 'um.gateways')!;
    assert.deepEqual(step, {
      id: 'um.gateways',
      title: 'Créer et configurer les passerelles IP de messagerie unifiée',
      role: 'ExchangeUmAdministrator',
      status: 'partly',
      rules: ['R-G-07', 'R-G-08', 'R-G-09'],
      action: { kind: 'cmdlet', findings: ['R-G-09|umipgateway:1:1'] },
    });
  });

  it('without a source: the lab org (the user’s copy once written), steps left, exit 1', async () => {
    const r = await run(['checklist', '--json']);
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as { steps: StepJson[]; done: number; total: number };
    assert.equal(j.total, 18);
    assert.equal(j.done, 1);
    assert.equal(j.steps.find((s) => s.id === 'gateway.device')?.status, 'not-judged');
  });

  it('bad input: exit 2 with one line naming what was wrong', async () => {
    const unknown = await run(['checklist', '--jsn']);
    assert.equal(unknown.code, 2);
    assert.equal(unknown.err, 'umc: unknown option --jsn\n');
    const both = await run(['checklist', '--snapshot', 'x.json', '--exchange', 'ex', '--skype', 'sk']);
    assert.equal(both.code, 2);
    assert.match(both.err, /^umc: --exchange and --skype go together/);
    const half = await run(['checklist', '--exchange', 'ex']);
    assert.equal(half.code, 2);
    const missing = await run(['checklist', '--snapshot', join(data, 'no-such.umcsnap.json')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /^umc: .*no-such\.umcsnap\.json/);
    assert.equal(missing.err.split('\n').length, 2);
    const garbage = join(data, 'garbage.umcsnap.json');
    writeFileSync(garbage, '{not json');
    const bad = await run(['checklist', '--snapshot', garbage]);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /garbage\.umcsnap\.json/);
  });

  it('live servers (the lab endpoint through real PowerShell, read with the helpdesk role): the same checklist; the sessions closed after', { skip: NO_PWSH }, async () => {
    const r = await expectNoLeak(() => run(['checklist', '--exchange', 'lab:', '--skype', 'lab:', '--json']), { ignore: [], what: 'both PowerShell hosts ended' });
    assert.equal(r.code, 1, r.err);
    const j = JSON.parse(r.out) as { steps: StepJson[]; done: number; total: number };
    assert.equal(j.total, 18);
    const by = Object.fromEntries(j.steps.map((s) => [s.id, s.status]));
    assert.equal(by['um.exchucutil'], 'partly');
    assert.equal(by['oauth.partner-applications'], 'done');
    // Get-CsCertificate answers for the Front End the session is on only: "the same OAuth certificate on every Front End" cannot be judged.
    assert.equal(by['oauth.certificate'], 'not-judged');
  });
});
