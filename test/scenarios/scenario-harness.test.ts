/**
 * The harness itself: a scenario whose expectation is wrong fails with a message that names its id,
 * seed, quote and change and lists what fired; typos in rule IDs fail instead of passing silently;
 * the user outcome is read from the verdict defensively.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildOrg } from '../support/org-builder/org-spec';
import { healthySpec, orgWith } from '../support/org-builder/small-org';
import { checkScenario, verdictOutcome, type Scenario } from './scenario-harness';

const base: Scenario = {
  id: 'harness-self-test',
  seed: '003',
  quote: 'Le service de découverte automatique doit être configuré avant de pouvoir intégrer des Skype Entreprise Server et Exchange Server.',
  change: 'the OAuth configuration has no Autodiscover URL',
  build: () =>
    orgWith((s) => {
      s.skype.oauth = { autodiscoverUrl: '', realm: s.domain };
    }),
  mustFire: [],
  mustNotFire: [],
};

function failureOf(s: Scenario): string {
  try {
    checkScenario(s);
  } catch (e) {
    return (e as Error).message;
  }
  return assert.fail(`scenario ${s.id} passed although it should not`);
}

describe('scenario harness', () => {
  test('a finding the scenario forbids fails, naming id, seed, quote, change and the findings', () => {
    const message = failureOf({ ...base, mustNotFire: [{ rule: 'R-O-02' }] });
    assert.match(message, /scenario harness-self-test \(seed 003\)/);
    assert.ok(message.includes(`« ${base.quote} »`), message);
    assert.match(message, /change: the OAuth configuration has no Autodiscover URL/);
    assert.match(message, /must stay silent but fired: R-O-02 → R-O-02 error \[oauthConfiguration:Global\]/);
  });

  test('a rule that must fire on an object it does not name fails', () => {
    const message = failureOf({ ...base, mustFire: [{ rule: 'R-O-02', object: 'exchangeServer:ATL-EX-001' }] });
    assert.match(message, /must fire but did not: R-O-02 on exchangeServer:ATL-EX-001/);
    assert.match(message, /org findings:\n {4}R-O-02 error/);
    checkScenario({
      ...base,
      mustFire: [
        { rule: 'R-O-02', object: 'oauthConfiguration:global' },
        { rule: 'R-O-02', object: 'Global' },
      ],
    });
  });

  test('a fix the finding must carry is looked for in its fix lines', () => {
    checkScenario({ ...base, mustFire: [{ rule: 'R-O-02', fix: 'Set-CsOAuthConfiguration -Identity Global -ExchangeAutodiscoverUrl' }] });
    const message = failureOf({ ...base, mustFire: [{ rule: 'R-O-02', fix: 'Set-ClientAccessService' }] });
    assert.match(message, /must fire but did not: R-O-02 with a fix containing "Set-ClientAccessService"/);
    assert.match(message, /fix: Set-CsOAuthConfiguration/);
  });

  test('`exactly` rejects any other finding', () => {
    const message = failureOf({ ...base, mustFire: [], exactly: true });
    assert.match(message, /fired although the scenario allows only nothing/);
  });

  test('an unknown rule ID is a malformed scenario, not silence', () => {
    assert.match(failureOf({ ...base, build: () => buildOrg(healthySpec()), mustNotFire: [{ rule: 'R-O-99' }] }), /R-O-99 is neither an org rule nor a user rule/);
    assert.match(failureOf({ ...base, build: () => buildOrg(healthySpec()), mustNotFire: [{ rule: 'R-U-03' }] }), /R-U-03 is a user rule: the scenario needs a userExpectation/);
  });

  test('a user verdict other than expected fails; the user rules are checked against its reasons', () => {
    const healthy = { ...base, build: () => buildOrg(healthySpec()) };
    checkScenario({ ...healthy, userExpectation: { sipAddress: 'alice.martin@litwareinc.com', verdict: 'works' }, mustNotFire: [{ rule: 'R-U-03' }] });
    const omar = failureOf({ ...healthy, userExpectation: { sipAddress: 'omar.kim@litwareinc.com', verdict: 'works' }, mustNotFire: [{ rule: 'R-U-02' }] });
    assert.match(omar, /user omar.kim@litwareinc.com: verdict fails, expected works/);
    assert.match(omar, /user rule must stay silent but fired: R-U-02/);
    assert.match(failureOf({ ...healthy, userExpectation: { sipAddress: 'nobody@litwareinc.com', verdict: 'works' } }), /user nobody@litwareinc.com not found/);
  });

  test('the outcome is read from a three-outcome field when there is one, else derived from works and severities', () => {
    assert.equal(verdictOutcome({ verdict: 'at-risk', works: true, reasons: [] }), 'at-risk');
    assert.equal(verdictOutcome({ outcome: 'fails' }), 'fails');
    assert.equal(verdictOutcome({ works: false, reasons: [] }), 'fails');
    assert.equal(verdictOutcome({ works: true, reasons: [{ severity: 'warning' }] }), 'at-risk');
    assert.equal(verdictOutcome({ works: true, reasons: [{ severity: 'info' }] }), 'works');
    assert.equal(verdictOutcome({ verdict: true, works: true, reasons: [] }), 'works');
  });
});
