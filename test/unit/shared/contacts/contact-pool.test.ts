/** proposedContactPool: one rule for a missing contact's pool — the form, `umc contacts`, R-C-12's fix and its plan agree. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { proposedContactPool } from '../../../../shared/contacts/contact-pool';
import { buildContactsView } from '../../../../shared/contacts/contacts-view';
import { planFix } from '../../../../shared/fixes/fix-planner';
import type { OrgModel, SkypePool } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { homePoolsOf } from '../../../../shared/rules/contact-topology-rules';
import { labOrg } from '../../../support/lab';

const BRANCH = 'Litware-SIP-Branch';
const withPools = (org: OrgModel, pools: readonly SkypePool[]): OrgModel => ({ ...org, skype: { ...org.skype, pools } });

/** The pool each of the three places names for the missing Subscriber Access contact of the branch dial plan. */
function poolsNamed(org: OrgModel) {
  const row = buildContactsView(org).rows.find((r) => r.status === 'missing' && r.serves?.dialPlan === BRANCH);
  const finding = evaluateRules(org).find((d) => d.rule === 'R-C-12' && d.message.params.dialPlan === BRANCH);
  assert.ok(row && finding, 'the lab org lacks the branch OVA contact');
  const fixText = /-RegistrarPool '([^']+)'/.exec(finding.fix.join('\n'))?.[1];
  const plan = planFix(finding, org);
  const planned = plan.commands.find((c) => c.cmdlet === 'New-CsExUmContact')?.parameters.find((p) => p.name === 'RegistrarPool')?.value;
  return { form: row.prefill?.registrarPool, fixText, plan: planned };
}

describe('the pool proposed for a missing contact', () => {
  test('the lab org: the form, the rule’s fix text and the fix plan all name the pool homing the dial plan’s users', () => {
    const org = labOrg();
    const home = homePoolsOf(org).get(BRANCH.toLowerCase());
    assert.equal(home, 'red-sba-01.litwareinc.com');
    assert.deepEqual(poolsNamed(org), { form: home, fixText: home, plan: home });
  });

  test('a home pool that cannot carry the contact (Skype for Business Server 2019, R-T-03) is passed over, everywhere alike', () => {
    const org = labOrg();
    const pools = org.skype.pools.map((p) => (p.fqdn === 'red-sba-01.litwareinc.com' ? { ...p, product: 'SfB2019' as const } : p));
    const changed = withPools(org, pools);
    const chosen = proposedContactPool(changed, homePoolsOf(changed), BRANCH);
    assert.notEqual(chosen, 'red-sba-01.litwareinc.com');
    assert.ok(chosen && pools.some((p) => p.fqdn === chosen && (p.role === 'FrontEnd' || p.role === 'StandardEdition')));
    assert.deepEqual(poolsNamed(changed), { form: chosen, fixText: chosen, plan: chosen });
  });

  test('no home pool: the first Front End / Standard Edition pool that is neither OCS 2007 R2 nor 2019', () => {
    const org = labOrg();
    const pools = org.skype.pools.map((p, i) => (i === 0 ? { ...p, product: 'OCS2007R2' as const } : p));
    const expected = pools.find((p, i) => i > 0 && (p.role === 'FrontEnd' || p.role === 'StandardEdition'))?.fqdn;
    assert.equal(proposedContactPool(withPools(org, pools), new Map(), BRANCH), expected);
  });

  test('no pool can carry it: null (the form leaves the pool to pick, the rule shows a placeholder)', () => {
    const org = labOrg();
    const pools = org.skype.pools.map((p) => ({ ...p, product: 'SfB2019' as const }));
    assert.equal(proposedContactPool(withPools(org, pools), homePoolsOf(org), BRANCH), null);
  });
});
