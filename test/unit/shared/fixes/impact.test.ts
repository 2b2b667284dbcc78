/**
 * The impact of each finding (shared/fixes/impact.ts) agrees with the Users screen: a finding counts
 * the users whose verdict names it among the risks on their call path (shared/users/verdict.ts), every
 * such user fails or is at risk in "check everyone" (shared/users/check-all.ts), and a finding with no
 * user on its path counts none. Numbers are the contacts whose number it makes unreachable.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { findingKey } from '../../../../shared/fixes/fix-model';
import { findingImpacts } from '../../../../shared/fixes/impact';
import type { OrgModel } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { checkUsers } from '../../../../shared/users/check-all';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { verdictOf } from '../../../../shared/users/verdict';
import { loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import { LAB_PATH } from '../../../support/lab';
import { contact, dialPlan, gateway } from '../../../support/org-builder/org-spec';
import { DIAL_PLAN, orgWith } from '../../../support/org-builder/small-org';

let lab: OrgModel;
let findings: Diagnostic[];

before(async () => {
  lab = await loadSnapshotFile(LAB_PATH, 'lab');
  findings = evaluateRules(lab);
});

/** The slow way, one user at a time: per finding key, the users whose verdict lists it among their risks. */
function usersPerFinding(org: OrgModel, fs: readonly Diagnostic[]): Map<string, Set<string>> {
  const index = buildUserIndex(org);
  const ctx = buildUserRuleContext(org);
  const out = new Map<string, Set<string>>();
  for (const u of index.users) {
    const v = verdictOf(u, ctx, fs);
    for (const r of v.risks) {
      if (!r.finding) continue;
      const k = findingKey(r.finding);
      const set = out.get(k) ?? new Set<string>();
      set.add(`${u.sipAddress}|${u.email}`);
      out.set(k, set);
    }
  }
  return out;
}

const impactOf = (impacts: ReadonlyMap<string, { users: number; numbers: number; callsDropped: boolean }>, rule: string) =>
  [...impacts.entries()].filter(([k]) => k.startsWith(`${rule}|`)).map(([, v]) => v);

describe('findingImpacts on the lab org', () => {
  test('every finding has an impact; the users of each are exactly those whose verdict names it on their path', () => {
    const impacts = findingImpacts(lab, findings);
    assert.equal(impacts.size, new Set(findings.map(findingKey)).size);
    const slow = usersPerFinding(lab, findings);
    for (const f of findings) {
      const k = findingKey(f);
      assert.equal(impacts.get(k)!.users, slow.get(k)?.size ?? 0, k);
    }
    assert.ok(
      [...impacts.values()].some((x) => x.users > 0),
      'some finding has users on its path',
    );
  });

  test('each finding’s users are among the users that fail or are at risk in "check everyone"', () => {
    const impacts = findingImpacts(lab, findings);
    const checked = checkUsers(buildUserIndex(lab), buildUserRuleContext(lab), undefined, undefined, findings);
    const notWorking = checked.summary.failing + checked.summary.atRisk;
    const slow = usersPerFinding(lab, findings);
    const failing = new Set(checked.failing.map((u) => u.sipAddress));
    for (const f of findings) {
      const k = findingKey(f);
      assert.ok(impacts.get(k)!.users <= notWorking, k);
      // The same users, one by one: every user counted for the finding fails or is at risk.
      for (const u of slow.get(k) ?? []) assert.ok(failing.has(u.split('|')[0]), `${k}: ${u} counted but works`);
      // And check-all counts the rule for at least as many users.
      if ((impacts.get(k)!.users ?? 0) > 0) assert.ok((checked.summary.byRule[f.rule] ?? 0) >= impacts.get(k)!.users, k);
    }
  });

  test('the pool without a gateway: its users, every call failing, the Front End restart', () => {
    const [g01] = impactOf(findingImpacts(lab, findings), 'R-G-01');
    const f = findings.find((x) => x.rule === 'R-G-01')!;
    // Every user homed on the pool: the rule's Enterprise Voice users, and those not enabled for it (they fail for
    // R-U-02 too, and their path crosses the pool all the same, as the Users screen shows it).
    const onPool = lab.users.filter((u) => u.registrarPool === 'dal-cs-002.litwareinc.com').length;
    assert.equal(g01.users, onPool);
    assert.ok(g01.users >= Number(f.message.params.users) && Number(f.message.params.users) > 0);
    assert.equal(g01.callsDropped, true);
  });

  test('a finding no call crosses counts no user and no number', () => {
    const impacts = findingImpacts(lab, findings);
    for (const rule of ['R-O-01', 'R-O-02', 'R-O-05', 'R-G-05', 'R-G-06', 'R-C-11b']) {
      const list = impactOf(impacts, rule);
      assert.ok(list.length > 0, rule);
      for (const x of list) assert.deepEqual({ users: x.users, numbers: x.numbers }, { users: 0, numbers: 0 }, rule);
    }
  });

  test('calls dropped: every call fails (seed 001) or the fix restarts a service', () => {
    const impacts = findingImpacts(lab, findings);
    for (const rule of ['R-D-02', 'R-D-04', 'R-D-06', 'R-D-07', 'R-G-01', 'R-G-09']) for (const x of impactOf(impacts, rule)) assert.equal(x.callsDropped, true, rule);
    for (const rule of ['R-O-02', 'R-G-03', 'R-C-14', 'R-D-03']) for (const x of impactOf(impacts, rule)) assert.equal(x.callsDropped, false, rule);
  });

  test('numbers: a contact not enabled for Enterprise Voice, a number without its contact, a UM server every contact’s dial plan needs', () => {
    const impacts = findingImpacts(lab, findings);
    assert.deepEqual(
      impactOf(impacts, 'R-C-14').map((x) => x.numbers),
      [1],
    );
    assert.deepEqual(
      impactOf(impacts, 'R-C-12').map((x) => x.numbers),
      [1],
    );
    // DAL-EX-003 in TCP mode answers the secured plans the three reachable contacts serve.
    assert.deepEqual(
      impactOf(impacts, 'R-D-06').map((x) => x.numbers),
      [3],
    );
  });

  test('a user index given by the caller gives the same counts', () => {
    const index = buildUserIndex(lab);
    const ctx = buildUserRuleContext(lab);
    assert.deepEqual([...findingImpacts(lab, findings, { index, ctx })], [...findingImpacts(lab, findings)]);
  });
});

describe('findingImpacts on small orgs', () => {
  test('no finding: an empty map', () => {
    assert.equal(
      findingImpacts(
        orgWith(() => {}),
        [],
      ).size,
      0,
    );
  });

  test('a disabled pool gateway: the pool’s users, the contacts homed there', () => {
    const org = orgWith((s) => (gateway(s, '1:1').status = 'Disabled'));
    const fs = evaluateRules(org);
    const [x] = impactOf(findingImpacts(org, fs), 'R-G-09');
    // A warning for the org, the cause for the users whose path crosses the gateway (call-path.ts: a red hop takes it).
    const slow = usersPerFinding(org, fs);
    assert.equal(x.users, slow.get(findingKey(fs.find((f) => f.rule === 'R-G-09')!))?.size ?? 0);
    assert.ok(x.users > 0);
    assert.equal(x.callsDropped, true);
  });

  test('an unsecured dial plan: every user and both numbers of the plan', () => {
    const org = orgWith((s) => (dialPlan(s, DIAL_PLAN).voipSecurity = 'Unsecured'));
    const fs = evaluateRules(org);
    const [x] = impactOf(findingImpacts(org, fs), 'R-D-04');
    const umUsers = org.mailboxes.filter((m) => m.umEnabled && m.umDialPlan === DIAL_PLAN).length;
    assert.equal(x.users, umUsers);
    assert.equal(x.numbers, 2);
  });

  test('a contact off its number: one number, no user', () => {
    const org = orgWith((s) => (contact(s, '{aa-litware-main}').ev = false));
    const [x] = impactOf(findingImpacts(org, evaluateRules(org)), 'R-C-14');
    assert.deepEqual(x, { users: 0, numbers: 1, callsDropped: false });
  });
});
