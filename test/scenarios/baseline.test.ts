/**
 * The healthy baselines of each supported pair of versions (test/scenarios/baselines.ts) fire no org
 * rule at all, and a healthy user on each works.
 */
import { buildOrg } from '../support/org-builder/org-spec';
import { exchange2010Lync2013Spec, exchange2013Lync2013Spec, healthySpec } from './baselines';
import { runScenarios, type Scenario } from './scenario-harness';
import { SEED_SENTENCES as S } from './seed-sentences';

const ALICE = 'sip:alice.martin@litwareinc.com';

export const BASELINE_SCENARIOS: readonly Scenario[] = [
  {
    id: 'baseline-2016-sfb2015',
    seed: '000',
    quote: S.deployOneOf,
    versions: 'Exchange 2016 + Skype for Business Server 2015',
    change: 'none: the healthy spec as it is',
    build: () => buildOrg(healthySpec()),
    mustFire: [],
    mustNotFire: [],
    exactly: true,
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'baseline-2013-lync2013',
    seed: '000',
    quote: S.deployOneOf,
    versions: 'Exchange 2013 + Lync Server 2013',
    change: 'Exchange servers 15.0, pool registrar version 5 (Lync Server 2013)',
    build: () => buildOrg(exchange2013Lync2013Spec()),
    mustFire: [],
    mustNotFire: [],
    exactly: true,
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'baseline-2010sp3-lync2013',
    seed: '000',
    quote: S.exchange2010LatestSp,
    versions: 'Exchange 2010 SP3 + Lync Server 2013',
    change: 'two Exchange 2010 SP3 UM servers linked by the dial plan’s UMServers, pool registrar version 5',
    build: () => buildOrg(exchange2010Lync2013Spec()),
    mustFire: [],
    mustNotFire: [],
    exactly: true,
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
];

runScenarios('healthy baselines fire nothing', BASELINE_SCENARIOS);
