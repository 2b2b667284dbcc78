/**
 * `umc fix` on the user's lab copy (UMC_USER_DATA) through real PowerShell and the lab endpoint, and
 * `umc check` reading the same copy afterwards: the "done when" — after `umc fix --all --yes`
 * no finding is left whose fix is a cmdlet, and every remaining one is manual and says why. Also the
 * preview (--dry-run writes nothing), the confirmation, the refusals and the exit codes.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { auditLogPath, userLabPath } from '../../../../main/services/user-data';
import { labSnapshotPath } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';
import { NO_PWSH, PWSH } from '../../../support/powershell';

interface CheckJson {
  readonly findings: readonly { rule: string; message: string; fix: { kind: 'cmdlet' | 'manual'; commands: string[]; impact: { users: number }; whyManual: string | null } }[];
}

describe('umc fix (lab copy, real PowerShell)', { skip: NO_PWSH }, () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'umc-cli-fix-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  async function run(args: string[], confirm?: (q: string) => Promise<boolean>) {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale: 'en-US', env: { UMC_USER_DATA: data, UMC_PWSH: PWSH! }, confirm });
    return { code, out, err };
  }

  it('bad input: no rule, a snapshot file (read-only), a stray argument → exit 2, one line', async () => {
    for (const [args, message] of [
      [['fix'], /fix needs a rule ID \(R-G-01…\) or --all/],
      [['fix', '--all', '--snapshot', 'x.json'], /a snapshot file is read-only/],
      [['fix', 'R-G-09', 'R-G-05'], /unknown option R-G-05/],
      [['fix', '--all', '--exchange', 'ex.litwareinc.com'], /./],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, message);
      assert.equal(r.err.trim().split('\n').length, 1);
    }
    assert.ok(!existsSync(userLabPath(data)), 'nothing copied or written');
  });

  it('--dry-run previews every plan and writes nothing; without a terminal and without --yes nothing is applied', async () => {
    const dry = await run(['fix', 'R-G-09', '--dry-run']);
    assert.equal(dry.code, 1, 'the finding is still there');
    assert.match(dry.out, /^R-G-09 {2}Gateway PBX-DAL is Disabled\.\n {2}Impact: \d+ users without voice mail/);
    assert.match(dry.out, /\n {2}Commands:\n {4}Enable-UMIPGateway -Identity 'PBX-DAL'\n/);
    assert.match(dry.out, /PBX-DAL: Status Disabled → Enabled/);
    assert.match(dry.out, /WhatIf \(Enable-UMIPGateway\): ok/);
    const noTty = await run(['fix', 'R-G-09']);
    assert.equal(noTty.code, 1);
    assert.match(noTty.err, /not applied: no terminal to ask on — add --yes/);
    const declined = await run(['fix', 'R-G-09'], async () => false);
    assert.match(declined.err, /umc: not applied\n/);
    const check = JSON.parse((await run(['check', '--json'])).out) as CheckJson;
    assert.equal(check.findings.filter((f) => f.rule === 'R-G-09').length, 1, 'the gateway is still disabled');
    assert.ok(!existsSync(auditLogPath(data)) || !readFileSync(auditLogPath(data), 'utf8').includes('Enable-UMIPGateway'), 'nothing audited');
  });

  it('fix RULE-ID asks, applies, and the next umc check no longer has the finding', async () => {
    let asked = '';
    const r = await run(['fix', 'R-G-09'], async (q) => {
      asked = q;
      return true;
    });
    assert.match(asked, /^Apply 1 command to the lab org\? \[y\/N\]$/);
    assert.equal(r.code, 0, r.err + r.out);
    assert.match(r.out, /\[1\/1\] APPLIED {2}Enable-UMIPGateway -Identity 'PBX-DAL'\nGone: R-G-09\|umipgateway:pbx-dal\nThe step was applied\./);
    const check = JSON.parse((await run(['check', '--json'])).out) as CheckJson;
    assert.equal(check.findings.filter((f) => f.rule === 'R-G-09').length, 0, 'umc check reads the lab copy');
    assert.match(readFileSync(auditLogPath(data), 'utf8'), /"cmdlet":"Enable-UMIPGateway"/);
  });

  it('done when: fix --all --yes, then check --json has no finding a cmdlet fixes; each remaining one is manual and says why', async () => {
    const shipped = JSON.parse((await run(['check', '--json', '--snapshot', labSnapshotPath(ROOT)])).out) as CheckJson;
    assert.ok(
      shipped.findings.some((f) => f.fix.kind === 'cmdlet'),
      'the shipped lab has findings a cmdlet fixes',
    );
    const fix = await run(['fix', '--all', '--yes']);
    const check = JSON.parse((await run(['check', '--json'])).out) as CheckJson;
    const cmdlet = check.findings.filter((f) => f.fix.kind === 'cmdlet');
    assert.deepEqual(
      cmdlet.map((f) => `${f.rule}: ${f.message} — ${f.fix.commands.join('; ')}`),
      [],
      fix.out.split('\n').slice(-40).join('\n'),
    );
    assert.equal(fix.code, 0, fix.err);
    assert.match(fix.out, /\d+ rounds, \d+ commands applied, 0 cmdlet findings left\n$/);
    assert.ok(check.findings.length > 0, 'some findings only an admin can fix by hand');
    for (const f of check.findings) {
      assert.equal(f.fix.kind, 'manual');
      assert.equal(f.fix.commands.length, 0);
      assert.ok(f.fix.whyManual && !f.fix.whyManual.startsWith('fix.'), `${f.rule} says why it is manual: ${f.fix.whyManual}`);
    }
    // Nothing left to do: a second run applies nothing and exits 0.
    const again = await run(['fix', '--all', '--yes']);
    assert.equal(again.code, 0, again.err);
    assert.match(again.out, /0 commands applied, 0 cmdlet findings left/);
  });
});
