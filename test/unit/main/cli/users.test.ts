/**
 * `umc user` and `umc users check`: on a snapshot of the healthy small org (test/support/org-builder)
 * a user "will work" (exit 0); on the lab org the user with no user-level fault is "at risk" (the lab's
 * deliberate org faults on its call path, exit 1), each user built to fail gives its reason, fix and
 * role (exit 1, JSON of the issue); no match or bad input → exit 2; check everyone writes the HTML
 * report and, with --json, lists every checked user; a CSV limits the check.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { buildSnapshot } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';
import { ROOT } from '../../../support/paths';

interface VerdictJson {
  sipAddress: string;
  verdict: 'works' | 'at-risk' | 'fails';
  works: boolean;
  reasons: { rule: string; severity: string; message: string; fix: string | null; role: string }[];
  risks: { hop: string; rule: string | null; severity: string | null; message: string; objects: { kind: string; id: string }[]; fix: string[] }[];
}

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

  function healthySnapshot(change?: (spec: ReturnType<typeof healthySpec>) => void): string {
    const spec = healthySpec();
    change?.(spec);
    const file = join(data, `healthy-${Math.random().toString(36).slice(2)}.umcsnap.json`);
    writeFileSync(file, JSON.stringify(buildSnapshot(spec)));
    return file;
  }

  it('a user of the healthy org: "Voice mail will work.", exit 0; JSON verdict "works", no risk', async () => {
    const file = healthySnapshot();
    const r = await run(['user', 'alice.martin@', '--snapshot', file]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /<sip:alice\.martin@litwareinc\.com>\n {2}Voice mail will work\.\n/);
    const j = await run(['user', 'alice.martin@', '--snapshot', file, '--json']);
    assert.equal(j.code, 0, j.err);
    const u = (JSON.parse(j.out) as { users: VerdictJson[] }).users[0]!;
    assert.equal(u.verdict, 'works');
    assert.deepEqual(u.risks, []);
  });

  it('the lab user with no user-level fault is at risk: the headline names the first cause and "+N more"; exit 1', async () => {
    const r = await run(['user', 'vm.ok@']);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /<sip:vm\.ok@litwareinc\.com>\n {2}Voice mail is at risk: .+ \(\+\d+ more\)\n/);
    assert.match(r.out, /AT RISK R-D-06: /);
    const j = await run(['user', 'vm.ok@', '--json']);
    assert.equal(j.code, 1);
    const u = (JSON.parse(j.out) as { users: VerdictJson[] }).users[0]!;
    assert.equal(u.verdict, 'at-risk');
    assert.equal(u.works, false);
    assert.deepEqual(u.reasons, []);
    // The lab's TCP startup mode on DAL-EX-003 with the user's secured dial plan, and the self-signed UM certificate of ATL-EX-002.
    const rules = u.risks.map((x) => x.rule);
    assert.ok(rules.includes('R-D-06') && rules.some((r) => r?.startsWith('R-X-')), JSON.stringify(rules));
    // R-O-01 (OAuth) names a UM server of the path but does not carry the call: not a risk.
    assert.ok(!rules.includes('R-O-01'), JSON.stringify(rules));
    assert.ok(u.risks.every((x) => x.hop === 'dialPlan' || x.hop === 'umServer'));
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
    const parsed = JSON.parse(j.out) as { users: VerdictJson[]; summary: Record<string, unknown> };
    assert.deepEqual(Object.keys(parsed), ['users', 'summary']);
    const u = parsed.users[0]!;
    assert.deepEqual(Object.keys(u), ['sipAddress', 'displayName', 'verdict', 'works', 'reasons', 'risks']);
    assert.equal(u.verdict, 'fails');
    assert.equal(u.works, false);
    assert.equal(u.reasons[0]!.rule, 'R-U-03');
    assert.deepEqual(Object.keys(u.reasons[0]!), ['rule', 'severity', 'message', 'fix', 'role']);
    assert.equal(u.reasons[0]!.role, 'ExchangeRecipientAdministrator');
  });

  it('every match is listed; in French too', async () => {
    const r = await run(['user', 'vm.r-u-0', '--lang', 'fr']);
    assert.equal(r.code, 1);
    assert.match(r.out, /La messagerie vocale ne fonctionnera pas/);
    const n = (r.out.match(/<sip:vm\.r-u-0\d(\.twin)?@litwareinc\.com>/g) ?? []).length;
    assert.ok(n >= 9);
    // Several users: said first, in French.
    assert.equal(r.err, `umc: ${n} utilisateurs correspondent à «\u00a0vm.r-u-0\u00a0»\u00a0: le verdict de chacun suit.\n`);
  });

  it('QUERY and a CSV line are matched alike: the user part of a SIP address names one user; several are ambiguous; none says so', async () => {
    // `umc user vm.r-u-08` names vm.r-u-08 only (its twin vm.r-u-08.twin merely starts the same).
    const one = await run(['user', 'vm.r-u-08', '--json']);
    const named = (JSON.parse(one.out) as { users: VerdictJson[] }).users.map((u) => u.sipAddress);
    assert.deepEqual(named, ['sip:vm.r-u-08@litwareinc.com']);
    const ok = await run(['user', 'vm.ok', '--json']);
    assert.deepEqual(
      (JSON.parse(ok.out) as { users: VerdictJson[] }).users.map((u) => u.sipAddress),
      ['sip:vm.ok@litwareinc.com'],
    );
    // The same queries as CSV lines check the same users; "vm" names many: ambiguous, per line, in both languages.
    const csv = join(data, 'aliases.csv');
    writeFileSync(csv, 'vm.ok\nvm.r-u-08\nvm\nzz-nobody-zz\n');
    const r = await run(['users', 'check', '--csv', csv, '--json']);
    assert.equal(r.code, 1, r.err);
    const checked = JSON.parse(r.out) as { users: VerdictJson[]; summary: { checked: number; notFound: string[]; ambiguous: { query: string; count: number; candidates: string[] }[] } };
    assert.deepEqual(checked.users.map((u) => u.sipAddress).sort(), ['sip:vm.ok@litwareinc.com', ...named]);
    assert.deepEqual(checked.summary.notFound, ['zz-nobody-zz']);
    assert.equal(checked.summary.ambiguous.length, 1);
    const vm = checked.summary.ambiguous[0]!;
    assert.equal(vm.query, 'vm');
    assert.ok(vm.count >= 15, String(vm.count));
    const text = await run(['users', 'check', '--csv', csv]);
    assert.match(text.err, /^umc: no user matches “zz-nobody-zz”$/m);
    assert.match(
      text.err,
      new RegExp(
        `^umc: ambiguous: ${vm.count} users match “vm”: ${vm.candidates.map((c) => c.replace(/[()]/g, '\\$&')).join(', ')}, … \\(not checked: give the whole SIP address or e-mail address on that line\\)$`,
        'm',
      ),
    );
    const fr = await run(['users', 'check', '--csv', csv, '--lang', 'fr']);
    assert.match(fr.err, /^umc: aucun utilisateur ne correspond à «\u00a0zz-nobody-zz\u00a0»$/m);
    assert.match(fr.err, new RegExp(`^umc: ambigu\u00a0: ${vm.count} utilisateurs correspondent à «\u00a0vm\u00a0»\u00a0: `, 'm'));
  });

  it('users check --out report.csv: one line per reason, every reason of each user', async () => {
    const out = join(data, 'report.csv');
    const csv = join(data, 'two.csv');
    writeFileSync(csv, 'vm.ok\nvm.r-u-08\n');
    const r = await run(['users', 'check', '--csv', csv, '--out', out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /CSV written to /);
    const lines = readFileSync(out, 'utf8')
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    assert.match(lines[0]!, /^SIP address,Display name,Voice mail,Rule,Severity,Hop of the call path,Reason,Fix,Who must fix it$/);
    const json = JSON.parse((await run(['users', 'check', '--csv', csv, '--json'])).out) as { users: VerdictJson[] };
    // Every reason and every risk of each user has its line (the first reason only, before).
    const expected = json.users.reduce((n, u) => n + Math.max(1, u.reasons.length + u.risks.length), 0);
    assert.equal(lines.length - 1, expected);
    assert.ok(expected > json.users.length, 'these users have several reasons or risks');
  });

  it('no match or bad input: exit 2, one line', async () => {
    for (const [args, pattern] of [
      [['user', 'zz-nobody-zz'], /^umc: no user matches “zz-nobody-zz”\n$/],
      [['user'], /^umc: user needs one QUERY/],
      [['users'], /^umc: users needs check/],
      [['users', 'check', '--bogus'], /^umc: unknown option --bogus\n$/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.match(r.err, pattern);
    }
  });

  it('users check: the summary, the HTML report; --json lists every checked user with its verdict; a CSV of working users exits 0', async () => {
    const out = join(data, 'report.html');
    const r = await run(['users', 'check', '--out', out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^\d+ users checked: \d+ will work, \d+ will not, \d+ at risk\n/);
    assert.match(r.out, /R-U-03 /);
    assert.ok(existsSync(out));
    assert.match(readFileSync(out, 'utf8'), /R-U-13/);
    const csv = join(data, 'users.csv');
    writeFileSync(csv, 'sip:vm.ok@litwareinc.com\nsip:vm.r-u-03@litwareinc.com\n');
    const lab = await run(['users', 'check', '--csv', csv, '--json']);
    assert.equal(lab.code, 1, lab.err);
    const both = JSON.parse(lab.out) as { users: VerdictJson[]; summary: { checked: number; working: number; failing: number; atRisk: number } };
    assert.deepEqual(both.users.map((u) => [u.sipAddress, u.verdict]).sort(), [
      ['sip:vm.ok@litwareinc.com', 'at-risk'],
      ['sip:vm.r-u-03@litwareinc.com', 'fails'],
    ]);
    assert.deepEqual([both.summary.checked, both.summary.working, both.summary.failing, both.summary.atRisk], [2, 0, 1, 1]);
    assert.ok(both.users.every((u) => u.reasons.length + u.risks.length > 0));
    // The healthy org: every user is listed (omar.kim, built without Enterprise Voice nor UM, fails: exit 1) …
    const snapshot = healthySnapshot();
    const all = await run(['users', 'check', '--snapshot', snapshot, '--json']);
    assert.equal(all.code, 1, all.err);
    const everyone = JSON.parse(all.out) as { users: VerdictJson[]; summary: { checked: number; working: number } };
    assert.equal(everyone.users.length, everyone.summary.checked);
    assert.deepEqual(everyone.users.map((u) => `${u.sipAddress} ${u.verdict}`).sort(), [
      'sip:alice.martin@litwareinc.com works',
      'sip:bruno.dubois@litwareinc.com works',
      'sip:megan.obrien@litwareinc.com works',
      'sip:omar.kim@litwareinc.com fails',
    ]);
    // … and a CSV of its UM users exits 0.
    const umUsers = join(data, 'um.csv');
    writeFileSync(umUsers, 'sip:alice.martin@litwareinc.com\nsip:bruno.dubois@litwareinc.com\n');
    const ok = await run(['users', 'check', '--snapshot', snapshot, '--csv', umUsers, '--json']);
    assert.equal(ok.code, 0, ok.err + ok.out);
  });

  it('one change on the healthy org puts its users at risk: a disabled gateway (exit 1, verdict "at-risk", the gateway hop the cause)', async () => {
    const file = healthySnapshot((spec) => {
      for (const g of spec.exchange.gateways) g.status = 'Disabled';
    });
    const j = await run(['user', 'alice.martin@', '--snapshot', file, '--json']);
    assert.equal(j.code, 1, j.err);
    const u = (JSON.parse(j.out) as { users: VerdictJson[] }).users[0]!;
    assert.equal(u.verdict, 'at-risk');
    assert.deepEqual(
      u.risks.map((x) => [x.hop, x.rule]),
      [['gateway', 'R-G-09']],
    );
  });
});
