/**
 * The helpdesk verdict's three outcomes on orgs from the org builder (one change on the healthy small
 * org): an org finding that affects the user's call path makes it "at risk" and its hop red, saying so;
 * one that does not affect the user stays neutral on its hop; the verdict never contradicts its path
 * (a seeded fuzz over random changes), and the check of everyone agrees with each user's verdict.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderMessage } from '../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { checkUsers } from '../../../../shared/users/check-all';
import { buildUserIndex } from '../../../../shared/users/user-index';
import type { UserVerdict } from '../../../../shared/users/user-model';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { userVerdict, verdictHeadline, verdictOf } from '../../../../shared/users/verdict';
import { CERT, type OrgSpec } from '../../../support/org-builder/org-spec';
import { DIAL_PLAN, orgWith } from '../../../support/org-builder/small-org';
import { seededRandom } from '../../../support/seeded-random';

const ALICE = 'sip:alice.martin@litwareinc.com';

function judge(org: OrgModel, sip = ALICE): UserVerdict {
  return userVerdict(buildUserIndex(org), buildUserRuleContext(org), sip, evaluateRules(org)) ?? assert.fail(`no ${sip}`);
}
const hopOf = (v: UserVerdict, kind: string) => v.path.find((h) => h.kind === kind) ?? assert.fail(kind);

describe('the verdict: works, at risk, fails', () => {
  test('a hunt group whose pilot identifier does not match (R-G-02 on the Checks screen) puts the user at risk: that hop red, saying so', () => {
    const v = judge(
      orgWith((spec) => {
        spec.exchange.gateways[0].huntGroups[0].pilot = 'Wrong-Pilot';
      }),
    );
    assert.equal(v.verdict, 'at-risk');
    assert.equal(v.works, false);
    assert.deepEqual(v.reasons, []);
    const hunt = hopOf(v, 'huntGroup');
    assert.equal(hunt.ok, false);
    assert.equal(hunt.problem?.key, 'users.hop.affects');
    assert.equal(renderMessage('en', hunt.problem!), `R-G-02 on 1:1\\${DIAL_PLAN} affects this user’s calls.`);
    assert.deepEqual(
      v.risks.map((r) => [r.hop, r.finding?.rule]),
      [['huntGroup', 'R-G-02']],
    );
    const h = verdictHeadline(v);
    assert.deepEqual([h.verdict, h.rule, h.more], ['at-risk', 'R-G-02', 0]);
    // The other hops stay green: the finding names the hunt group, its gateway and dial plan, but the hop it is "on" is the hunt group…
    assert.ok(hopOf(v, 'pool').ok);
  });

  test('an org finding on a hop that does not affect the user (R-G-02 for another dial plan on the same gateway) is neutral: the user works', () => {
    const v = judge(
      orgWith((spec) => {
        spec.exchange.dialPlans.push({ ...spec.exchange.dialPlans[0], name: 'Other-SIP', gateways: [], autoAttendants: [], policies: [], ova: [] });
        for (const s of spec.exchange.servers) {
          s.umService?.dialPlans.push('Other-SIP');
          s.callRouter?.dialPlans.push('Other-SIP');
        }
      }),
    );
    assert.equal(v.verdict, 'works');
    assert.ok(v.path.every((h) => h.ok));
    const gateway = hopOf(v, 'gateway');
    assert.deepEqual(
      gateway.findings.map((f) => [f.finding.rule, f.affects]),
      [['R-G-02', false]],
    );
    assert.equal(verdictHeadline(v).cause, null);
  });

  test('several causes: the headline names the first and "+N more"; a blocking reason comes before the risks', () => {
    const twoRisks = (spec: OrgSpec) => {
      spec.exchange.servers[1].umService!.startupMode = 'TCP';
      spec.exchange.servers[0].certificates[0] = { subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' };
    };
    const v = judge(orgWith(twoRisks));
    assert.equal(v.verdict, 'at-risk');
    const rules = v.risks.map((r) => r.finding?.rule);
    assert.ok(rules.includes('R-D-06') && rules.includes('R-X-01'), JSON.stringify(rules));
    assert.equal(verdictHeadline(v).more, v.risks.length - 1);
    assert.ok(v.risks.length >= 2);
    const blocked = judge(
      orgWith((spec) => {
        twoRisks(spec);
        spec.users.find((u) => u.alias === 'alice.martin')!.ev = false;
      }),
    );
    assert.equal(blocked.verdict, 'fails');
    const h = verdictHeadline(blocked);
    assert.equal(h.rule, 'R-U-02');
    assert.equal(h.more, blocked.risks.length);
  });

  test('a disabled gateway: at risk, the gateway hop red, the cause R-G-09 (a warning for the org, the cause for this user)', () => {
    const v = judge(
      orgWith((spec) => {
        spec.exchange.gateways[0].status = 'Disabled';
      }),
    );
    assert.equal(v.verdict, 'at-risk');
    assert.equal(hopOf(v, 'gateway').problem?.key, 'users.hop.gatewayStatus');
    assert.deepEqual(
      v.risks.map((r) => r.finding?.rule),
      ['R-G-09'],
    );
  });
});

/** One change each: the faults the verdict must see, and harmless ones. */
const gw = (s: OrgSpec, f: (g: OrgSpec['exchange']['gateways'][number]) => void) => s.exchange.gateways.slice(0, 1).forEach(f);
const CHANGES: readonly ((spec: OrgSpec, r: () => number) => void)[] = [
  (s) => gw(s, (g) => (g.status = 'Disabled')),
  (s) => gw(s, (g) => (g.status = 'NoNewCalls')),
  (s) => gw(s, (g) => g.huntGroups.slice(0, 1).forEach((h) => (h.pilot = 'Wrong'))),
  (s) => gw(s, (g) => (g.huntGroups = [])),
  (s) => (s.exchange.gateways = []),
  (s, r) => (s.exchange.servers[Math.floor(r() * 2)].umService!.startupMode = 'TCP'),
  (s, r) => (s.exchange.servers[Math.floor(r() * 2)].umService!.dialPlans = []),
  (s, r) => (s.exchange.servers[Math.floor(r() * 2)].callRouter!.dialPlans = []),
  (s) => (s.exchange.servers[0].certificates[0] = { subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' }),
  (s) => (s.exchange.dialPlans[0].uriType = 'TelExtn'),
  (s) => (s.exchange.dialPlans[0].voipSecurity = 'Unsecured'),
  (s, r) => (s.users[Math.floor(r() * 3)].ev = false),
  (s, r) => (s.users[Math.floor(r() * 3)].enabled = false),
  (s) => (s.users[1].extension = '1001'),
  (s) => gw(s, (g) => (g.outcalls = false)),
  (s) => s.exchange.dialPlans.push({ ...s.exchange.dialPlans[0], name: 'Other-SIP', gateways: [], autoAttendants: [], policies: [], ova: [] }),
];

describe('the verdict never contradicts its call path (seeded fuzz)', () => {
  test('works ⇔ no blocking reason and every hop green; at risk ⇔ no blocking reason and a risk; every red hop explained; the check of everyone agrees', () => {
    const seed = Number(process.env.UMC_FUZZ_SEED ?? 0x5eed1);
    const random = seededRandom(seed);
    const started = Date.now();
    let cases = 0;
    let users = 0;
    const seen = { works: 0, 'at-risk': 0, fails: 0 };
    while (cases < 150 && Date.now() - started < 8000) {
      const picks = [0, 1, 2].slice(0, 1 + Math.floor(random() * 3)).map(() => Math.floor(random() * CHANGES.length));
      const org = orgWith((spec) => picks.forEach((i) => CHANGES[i](spec, random)));
      const findings = evaluateRules(org);
      const index = buildUserIndex(org);
      const ctx = buildUserRuleContext(org);
      const where = `seed ${seed}, case ${cases}, changes ${picks.join(',')}`;
      const verdicts = index.users.map((u) => verdictOf(u, ctx, findings));
      for (const v of verdicts) {
        users++;
        seen[v.verdict]++;
        const blocking = v.reasons.some((r) => r.severity === 'error');
        const green = v.path.every((h) => h.ok);
        assert.equal(v.works, v.verdict === 'works', where);
        if (v.verdict === 'works') assert.ok(!blocking && green && v.risks.length === 0, `${where}: ${v.sipAddress} works beside a red hop`);
        if (v.verdict === 'at-risk') assert.ok(!blocking && v.risks.length > 0, `${where}: ${v.sipAddress}`);
        if (v.verdict === 'fails') assert.ok(blocking, `${where}: ${v.sipAddress}`);
        if (!blocking) assert.equal(v.verdict === 'works', green, `${where}: ${v.sipAddress} verdict ${v.verdict}, path ${JSON.stringify(v.path.map((h) => h.ok))}`);
        // A red hop says why; a finding marked as affecting is an error of the org, or on a hop already red.
        for (const h of v.path) {
          if (!h.ok) assert.ok(h.problem, where);
          for (const f of h.findings) if (f.affects) assert.ok(f.finding.severity === 'error' || !h.ok, where);
        }
      }
      const check = checkUsers(index, ctx, undefined, undefined, findings);
      assert.equal(check.summary.working, verdicts.filter((v) => v.verdict === 'works').length, where);
      assert.equal(check.summary.atRisk, verdicts.filter((v) => v.verdict === 'at-risk').length, where);
      assert.equal(check.summary.failing, verdicts.filter((v) => v.verdict === 'fails').length, where);
      cases++;
    }
    console.log(`verdict fuzz: seed ${seed}, ${cases} orgs, ${users} users (works ${seen.works}, at risk ${seen['at-risk']}, fails ${seen.fails})`);
    assert.ok(cases >= 20, `only ${cases} cases in the time bound`);
    assert.ok(seen.works > 0 && seen['at-risk'] > 0 && seen.fails > 0, JSON.stringify(seen));
  });
});

describe('the outcome of a search result (withVerdicts) is the verdict the user gets when opened', () => {
  test('every lab user: outcomeOfUser equals verdictOf', async () => {
    const { labOrg } = await import('../../../support/lab');
    const { outcomeOfUser } = await import('../../../../shared/users/verdict');
    const org = labOrg();
    const index = buildUserIndex(org);
    const ctx = buildUserRuleContext(org);
    const findings = evaluateRules(org);
    const seen = new Set<string>();
    for (const u of index.users) {
      const outcome = outcomeOfUser(u, ctx, findings);
      assert.equal(outcome, verdictOf(u, ctx, findings).verdict, u.sipAddress);
      seen.add(outcome);
    }
    // The lab has users of both failing outcomes (its org faults put vm.ok at risk).
    assert.ok(seen.has('fails') && seen.has('at-risk'), [...seen].join());
  });
});
