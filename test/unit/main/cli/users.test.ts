/**
 * `umc user` and `umc users check` on the lab org: the healthy user "will work" (exit 0);
 * each user built to fail gives its reason, fix and role (exit 1, JSON of the issue); no match or
 * bad input → exit 2; check everyone writes the HTML report; a CSV limits the check.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { ROOT } from '../../../support/paths';

describe('umc user / umc users check (lab org)', () => {
  let data: string;
  before(() => {
    data = mkdtempSync(join(tmpdir(), 'umc-cli-users-'));
  });
  after(() => rmSync(data, { recursive: true, force: true }));

  async function run(args: string[]) {
    let out = '';
    let err = '';
    // No PowerShell needed: the lab org is read from its file.
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale: 'en-US', env: { UMC_USER_DATA: data } });
    return { code, out, err };
  }

  it('a healthy user: "Voice mail will work.", exit 0', async () => {
    const r = await run(['user', 'vm.ok@']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /<sip:vm\.ok@litwareinc\.com>\n {2}Voice mail will work\.\n/);
  });

  it('a user built to fail: the reason, the exact fix and who must apply it; JSON in the shape of the issue; exit 1', async () => {
    const t = await run(['user', 'sip:vm.r-u-03@']);
    assert.equal(t.code, 1, t.err);
    assert.match(t.out, /Voice mail will not work: /);
    assert.match(t.out, /ERROR R-U-03: /);
    assert.match(t.out, /fix: Enable-UMMailbox -Identity '/);
    assert.match(t.out, /who: /);
    const j = await run(['user', 'vm.r-u-03@', '--json']);
    assert.equal(j.code, 1);
    const parsed = JSON.parse(j.out) as {
      users: { sipAddress: string; works: boolean; reasons: { rule: string; severity: string; message: string; fix: string | null; role: string }[] }[];
      summary: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(parsed), ['users', 'summary']);
    const u = parsed.users[0]!;
    assert.deepEqual(Object.keys(u), ['sipAddress', 'displayName', 'works', 'reasons']);
    assert.equal(u.works, false);
    assert.equal(u.reasons[0]!.rule, 'R-U-03');
    assert.deepEqual(Object.keys(u.reasons[0]!), ['rule', 'severity', 'message', 'fix', 'role']);
    assert.equal(u.reasons[0]!.role, 'ExchangeRecipientAdministrator');
  });

  it('every match is listed; in French too', async () => {
    const r = await run(['user', 'vm.r-u-0', '--lang', 'fr']);
    assert.equal(r.code, 1);
    assert.match(r.out, /La messagerie vocale ne fonctionnera pas/);
    assert.ok((r.out.match(/<sip:vm\.r-u-0\d@litwareinc\.com>/g) ?? []).length >= 9);
  });

  it('no match or bad input: exit 2, one line', async () => {
    for (const [args, pattern] of [
      [['user', 'zz-nobody-zz'], /^umc: no user matches zz-nobody-zz\n$/],
      [['user'], /^umc: user needs one QUERY/],
      [['users'], /^umc: users needs check/],
      [['users', 'check', '--bogus'], /^umc: unknown option --bogus\n$/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, pattern);
    }
  });

  it('users check: the summary, the HTML report; a CSV of healthy users exits 0', async () => {
    const out = join(data, 'report.html');
    const r = await run(['users', 'check', '--out', out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^\d+ users checked: \d+ will work, \d+ will not\n/);
    assert.match(r.out, /R-U-03 /);
    assert.ok(existsSync(out));
    assert.match(readFileSync(out, 'utf8'), /R-U-13/);
    const csv = join(data, 'ok.csv');
    writeFileSync(csv, 'sip:vm.ok@litwareinc.com\n');
    const ok = await run(['users', 'check', '--csv', csv, '--json']);
    assert.equal(ok.code, 0, ok.err + ok.out);
    assert.equal((JSON.parse(ok.out) as { summary: { checked: number } }).summary.checked, 1);
  });
});
