/**
 * The Users service (the R-U rules of docs/user-rules.md): on the lab org (its users built to fail
 * for each R-U reason, and a healthy one), search → verdict, check everyone, CSV checks and the exports; and live, through real
 * PowerShell and the lab endpoint: the halves of a user are read fresh from the servers, so a change
 * made after the capture shows in the verdict.
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { labSnapshotPath } from '../../../../../main/services/snapshot-loader';
import { ROOT } from '../../../../support/paths';
import { labProfile } from '../../../../support/live';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const RULES = ['R-U-01', 'R-U-02', 'R-U-03', 'R-U-04', 'R-U-05', 'R-U-06', 'R-U-07', 'R-U-08', 'R-U-09', 'R-U-10', 'R-U-11', 'R-U-12', 'R-U-13'];

describe('users on the lab org', () => {
  let dir: string;
  let services: MainServices;
  let saved: string | null = null;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-users-'));
    services = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      settings: memorySettingsStore(),
      powershell: { executable: null },
      dialogs: { chooseSavePath: async (name) => (saved = join(dir, name)), chooseOpenPath: async () => null },
    });
  });
  after(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('search by name, SIP, e-mail prefix finds the lab users; a blank query finds nothing', async () => {
    const bySip = await services.users.search('vm.', 50);
    assert.ok(
      bySip.matches.some((m) => m.sipAddress === 'sip:vm.ok@litwareinc.com'),
      JSON.stringify(bySip.matches.map((m) => m.sipAddress)),
    );
    assert.ok(bySip.matches.length >= 14);
    assert.equal((await services.users.search('   ', 10)).matches.length, 0);
  });

  it('each search result carries the verdict the user gets when opened (✓ / ✗ / at risk before opening)', async () => {
    const found = await services.users.search('vm.', 50);
    assert.ok(found.matches.length >= 14);
    const outcomes = new Set<string | null>();
    for (const m of found.matches) {
      assert.notEqual(m.verdict, null, m.sipAddress);
      assert.equal(m.verdict, (await services.users.verdict(m.sipAddress)).verdict, m.sipAddress);
      outcomes.add(m.verdict);
    }
    assert.deepEqual([...outcomes].sort(), ['at-risk', 'fails']);
  });

  it('lookup: the one matcher of `umc user` and a CSV line, with the verdicts', async () => {
    const one = await services.users.lookup('vm.r-u-08');
    assert.deepEqual([one.how, one.total, one.matches.map((m) => [m.sipAddress, m.verdict])], ['exact', 1, [['sip:vm.r-u-08@litwareinc.com', 'fails']]]);
    const many = await services.users.lookup('vm.r-u-0', 3);
    assert.equal(many.how, 'prefix');
    assert.equal(many.matches.length, 3);
    assert.ok(many.total >= 10);
    assert.deepEqual(await services.users.lookup('zz-nobody'), { query: 'zz-nobody', how: 'none', matches: [], total: 0 });
  });

  it("the user with no user-level fault is at risk from the lab's org faults on its path; each user built to fail gives its reason first, with a fix and a role", async () => {
    const ok = await services.users.verdict('sip:vm.ok@litwareinc.com');
    assert.deepEqual(ok.reasons, []);
    // The lab's deliberate org faults on its path (R-D-06 TCP startup mode with its secured dial plan,
    // the lab's UM certificate faults, R-X-…): at risk, never "works" beside a red hop.
    assert.equal(ok.verdict, 'at-risk');
    assert.equal(ok.works, false);
    assert.ok(ok.risks.some((r) => r.finding?.rule === 'R-D-06') && ok.risks.some((r) => r.finding?.rule.startsWith('R-X-')), JSON.stringify(ok.risks.map((r) => r.finding?.rule)));
    // Every hop is there; a hop is red only with a finding that affects this user.
    assert.deepEqual(
      ok.path.map((h) => h.kind),
      ['pool', 'gateway', 'huntGroup', 'dialPlan', 'umServer'],
    );
    assert.ok(
      ok.path.every((h) => h.label !== null),
      JSON.stringify(ok.path),
    );
    for (const h of ok.path.filter((x) => !x.ok)) {
      assert.equal(h.problem?.key, 'users.hop.affects', JSON.stringify(h));
      assert.ok(h.findings.some((f) => f.affects));
    }
    // An org finding on a green hop does not affect this user: shown neutral (R-G-03, a warning about outcalls).
    const gatewayHop = ok.path.find((h) => h.kind === 'gateway')!;
    assert.ok(gatewayHop.findings.length > 0 && gatewayHop.findings.every((f) => !f.affects), JSON.stringify(gatewayHop.findings.map((f) => f.finding.rule)));
    assert.ok(ok.path.find((h) => h.kind === 'gateway')!.ok && ok.path.find((h) => h.kind === 'huntGroup')!.ok);
    // The user built to have no hunt group for its dial plan: that hop is red for that reason.
    const noHunt = await services.users.verdict('sip:vm.r-u-07@litwareinc.com');
    const hunt = noHunt.path.find((h) => h.kind === 'huntGroup')!;
    assert.equal(hunt.ok, false);
    assert.notEqual(hunt.problem?.key, 'users.hop.finding');
    for (const rule of RULES) {
      const sip = `sip:vm.${rule.toLowerCase()}@litwareinc.com`;
      const v = await services.users.verdict(sip);
      assert.ok(
        v.reasons.some((r) => r.rule === rule),
        `${sip}: ${v.reasons.map((r) => r.rule).join(',')}`,
      );
      const r = v.reasons.find((x) => x.rule === rule)!;
      assert.ok(r.role, `${rule} has a role`);
      if (rule !== 'R-U-10') {
        assert.equal(v.works, false, sip);
        assert.equal(v.reasons[0]!.severity, 'error');
      }
    }
  });

  it('check everyone: counts per reason, every R-U rule present; the CSV and HTML exports', async () => {
    await services.users.startCheck();
    const done = await services.users.checkDone();
    assert.equal(done.running, false);
    assert.equal(done.summary.checked, done.summary.working + done.summary.failing + done.summary.atRisk);
    assert.ok(done.summary.atRisk >= 1);
    assert.ok(done.failing.some((f) => f.sipAddress === 'sip:vm.ok@litwareinc.com' && f.verdict === 'at-risk'));
    for (const rule of RULES) assert.ok((done.summary.byRule[rule] ?? 0) >= 1, `${rule}: ${JSON.stringify(done.summary.byRule)}`);
    assert.ok(done.failing.some((f) => f.sipAddress === 'sip:vm.r-u-03@litwareinc.com'));
    const csv = await services.users.export('csv');
    assert.equal(csv.path, saved);
    const csvText = readFileSync(csv.path!, 'utf8');
    assert.match(csvText, /vm\.r-u-03@litwareinc\.com/);
    const html = await services.users.export('html');
    const page = readFileSync(html.path!, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/i);
    assert.doesNotMatch(page, /<script/i);
    assert.match(page, /R-U-03/);
  });

  it('an unknown user: a plain message naming it', async () => {
    await assert.rejects(services.users.verdict('sip:nobody@litwareinc.com'), /No user sip:nobody@litwareinc\.com in litwareinc\.com \(lab\): search again/);
  });

  it('a CSV of users: only those are checked; a query that matches nobody is reported', async () => {
    const csv = 'User\r\nsip:vm.ok@litwareinc.com\r\nvm.r-u-02@litwareinc.com\r\nnobody-at-all@litwareinc.com\r\n';
    await services.users.startCheck({ fileName: 'u.csv', bytes: new TextEncoder().encode(csv) });
    const done = await services.users.checkDone();
    assert.equal(done.summary.checked, 2);
    assert.deepEqual([done.summary.working, done.summary.failing, done.summary.atRisk], [0, 1, 1]);
    assert.deepEqual(done.summary.notFound, ['nobody-at-all@litwareinc.com']);
    assert.deepEqual(done.summary.ambiguous, []);
  });

  it('a CSV dropped on the screen matches each line as `umc user` does: "vm.ok" is checked, "vm" is ambiguous', async () => {
    await services.users.startCheck({ fileName: 'u.csv', bytes: new TextEncoder().encode('vm.ok\r\nvm\r\n') });
    const done = await services.users.checkDone();
    assert.equal(done.summary.checked, 1);
    assert.deepEqual(done.summary.notFound, []);
    assert.deepEqual(
      done.summary.ambiguous.map((a) => [a.query, a.candidates.length]),
      [['vm', 3]],
    );
    assert.deepEqual(
      services.users.checkedVerdicts().map((v) => v.sipAddress),
      ['sip:vm.ok@litwareinc.com'],
    );
  });
});

describe('users live, through real PowerShell and the lab endpoint', { skip: NO_PWSH }, () => {
  let dir: string;
  let data: string;
  let services: MainServices;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-users-live-'));
    data = join(dir, 'lab.umcsnap.json');
    copyFileSync(labSnapshotPath(ROOT), data);
    services = createMainServices({ root: ROOT, allowedOrigins: ['app://umc'], settings: memorySettingsStore(), powershell: labRuntime({ labData: data }) });
    await services.connections.connectAndWait(labProfile());
    await services.connections.refresh();
  });
  after(async () => {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('the verdict reads the user fresh: a change on the server after the capture shows', async () => {
    assert.equal((await services.org.current()).org.source.kind, 'live');
    const before = await services.users.verdict('sip:vm.ok@litwareinc.com');
    assert.deepEqual(before.reasons, []);
    assert.equal(before.verdict, 'at-risk');
    // Someone disables the user's Enterprise Voice on the server (the endpoint re-reads its file).
    const raw = JSON.parse(readFileSync(data, 'utf8'));
    const user = (raw.skype.users.objects as Record<string, unknown>[]).find((u) => u.SipAddress === 'sip:vm.ok@litwareinc.com')!;
    user.EnterpriseVoiceEnabled = false;
    writeFileSync(data, JSON.stringify(raw));
    const after = await services.users.verdict('sip:vm.ok@litwareinc.com');
    assert.equal(after.verdict, 'fails');
    assert.equal(after.reasons[0]!.rule, 'R-U-02');
    // The captured org still says enabled: the verdict did not come from it.
    assert.equal((await services.org.current()).org.users.find((u) => u.sipAddress === 'sip:vm.ok@litwareinc.com')!.enterpriseVoiceEnabled, true);
  });

  it('search asks the server by SIP prefix (a user added after the capture is found)', async () => {
    const raw = JSON.parse(readFileSync(data, 'utf8'));
    const users = raw.skype.users.objects as Record<string, unknown>[];
    users.push({
      ...users.find((u) => u.SipAddress === 'sip:vm.ok@litwareinc.com')!,
      SipAddress: 'sip:vm.zz-new@litwareinc.com',
      DisplayName: 'Added after capture',
      UserPrincipalName: 'vm.zz-new@litwareinc.com',
    });
    writeFileSync(data, JSON.stringify(raw));
    const found = await services.users.search('vm.zz', 10);
    assert.deepEqual(
      found.matches.map((m) => m.sipAddress),
      ['sip:vm.zz-new@litwareinc.com'],
    );
    // A query that cannot go into an OPATH filter is answered from the captured org only.
    const odd = await services.users.search("vm.o'k", 10);
    assert.equal(odd.matches.length, 0);
  });
});
