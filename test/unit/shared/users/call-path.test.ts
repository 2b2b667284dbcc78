/** The path of a call to voice mail: each hop green on the healthy org, each red for its own reason, red from an error finding. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { renderMessage } from '../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../shared/model/org';
import { callPath } from '../../../../shared/users/call-path';
import { buildUserIndex, userBySip } from '../../../../shared/users/user-index';
import type { CallHop } from '../../../../shared/users/user-model';
import { buildUserRuleContext } from '../../../../shared/users/user-rules';
import { userVerdict } from '../../../../shared/users/verdict';
import { add2019, addDialPlan, healthyOrg, orgWithUsers, POOL, skypeUser, umMailbox } from '../../../support/user-fixtures';

const ALICE = 'sip:alice.martin@litwareinc.com';

function pathOf(org: OrgModel, sip: string, findings?: readonly Diagnostic[]): CallHop[] {
  const index = buildUserIndex(org);
  const u = userBySip(index, sip) ?? assert.fail(`no ${sip}`);
  return callPath(u, buildUserRuleContext(org), findings);
}
const summary = (p: readonly CallHop[]) => p.map((h) => `${h.kind}:${h.ok ? 'ok' : (h.problem?.key ?? '?')}`);
const withExchange =
  (change: (ex: OrgModel['exchange']) => Partial<OrgModel['exchange']>) =>
  (org: OrgModel): OrgModel => ({ ...org, exchange: { ...org.exchange, ...change(org.exchange) } });

describe('the call path', () => {
  test('healthy: pool → gateway → hunt group → dial plan → the two 2016 servers, all green', () => {
    const p = pathOf(healthyOrg(), ALICE);
    assert.deepEqual(summary(p), ['pool:ok', 'gateway:ok', 'huntGroup:ok', 'dialPlan:ok', 'umServer:ok']);
    assert.deepEqual(
      p.map((h) => h.label),
      [POOL, '1:1', '1:1\\Litware-SIP', 'Litware-SIP', 'ATL-EX-001, ATL-EX-002'],
    );
    assert.deepEqual(p[1].ref, { kind: 'umIpGateway', id: '1:1' });
  });

  test('pool red: no Skype user, or a pool not in the topology (then no gateway either)', () => {
    const mailboxOnly = orgWithUsers([], [umMailbox('zoe')]);
    assert.deepEqual(summary(pathOf(mailboxOnly, 'sip:zoe@litwareinc.com')).slice(0, 2), ['pool:users.hop.noUser', 'gateway:users.hop.noPoolForGateway']);
    const unknown = orgWithUsers([skypeUser('zoe', { registrarPool: 'ghost.litwareinc.com' })], [umMailbox('zoe')]);
    const p = pathOf(unknown, 'sip:zoe@litwareinc.com');
    assert.deepEqual(summary(p).slice(0, 2), ['pool:users.hop.poolUnknown', 'gateway:users.hop.noGateway']);
    assert.match(p[0].problem ? renderMessage('en', p[0].problem) : '', /ghost\.litwareinc\.com is not in the topology/);
  });

  test('gateway red when its status is not Enabled', () => {
    const org = withExchange((ex) => ({ ipGateways: ex.ipGateways.map((g) => ({ ...g, status: 'Disabled' as const })) }))(healthyOrg());
    const p = pathOf(org, ALICE);
    assert.equal(summary(p)[1], 'gateway:users.hop.gatewayStatus');
    assert.match(p[1].problem ? renderMessage('en', p[1].problem) : '', /1:1 is Disabled/);
  });

  test('hunt group red when the gateway has none for the dial plan; dial plan red when not SIP URI or unknown', () => {
    const noGroup = withExchange(() => ({ huntGroups: [] }))(healthyOrg());
    assert.equal(summary(pathOf(noGroup, ALICE))[2], 'huntGroup:users.hop.noHuntGroup');
    const tel = orgWithUsers([skypeUser('zoe')], [umMailbox('zoe', { umDialPlan: 'PBX' })], addDialPlan({ name: 'PBX', uriType: 'TelExtn' }));
    assert.deepEqual(summary(pathOf(tel, 'sip:zoe@litwareinc.com')).slice(2, 4), ['huntGroup:users.hop.noHuntGroup', 'dialPlan:users.hop.notSip']);
    const ghost = orgWithUsers([skypeUser('zoe')], [umMailbox('zoe', { umDialPlan: 'Gone' })]);
    assert.deepEqual(summary(pathOf(ghost, 'sip:zoe@litwareinc.com')).slice(3), ['dialPlan:users.hop.dialPlanUnknown', 'umServer:users.hop.noDialPlanForServers']);
    const notUm = pathOf(healthyOrg(), 'sip:omar.kim@litwareinc.com');
    assert.deepEqual(summary(notUm).slice(2, 4), ['huntGroup:users.hop.noDialPlanName', 'dialPlan:users.hop.noDialPlanName']);
  });

  test('UM servers red when none answers the dial plan, or only Exchange 2019 ones', () => {
    const none = withExchange((ex) => ({
      servers: ex.servers.map((s) => ({ ...s, umService: s.umService && { ...s.umService, dialPlans: [] }, callRouter: s.callRouter && { ...s.callRouter, dialPlans: [] } })),
    }))(healthyOrg());
    assert.equal(summary(pathOf(none, ALICE))[4], 'umServer:users.hop.noServers');
    const only2019 = (org: OrgModel): OrgModel => {
      const withNew = add2019('ATL-EX-019')(org);
      return withExchange((ex) => ({
        servers: ex.servers.map((s) =>
          s.name === 'ATL-EX-019'
            ? { ...s, umService: { startupMode: 'Dual' as const, dialPlans: ['Litware-SIP'], sipTcpPort: null, sipTlsPort: null } }
            : { ...s, umService: s.umService && { ...s.umService, dialPlans: [] }, callRouter: s.callRouter && { ...s.callRouter, dialPlans: [] } },
        ),
      }))(withNew);
    };
    const p = pathOf(only2019(healthyOrg()), ALICE);
    assert.equal(summary(p)[4], 'umServer:users.hop.onlyNoUm');
    assert.equal(p[4].label, 'ATL-EX-019');
  });

  test('a hop is red when an error finding names its object; warnings do not', () => {
    const finding = (severity: Diagnostic['severity'], kind: 'umIpGateway' | 'exchangeServer', id: string): Diagnostic => ({
      rule: 'R-X-01',
      severity,
      area: 'certificates',
      objects: [{ kind, id }],
      message: { key: 'rule.R-X-01.msg.selfSigned', params: {} },
      fix: [],
      sources: [],
    });
    const red = pathOf(healthyOrg(), ALICE, [finding('error', 'umIpGateway', '1:1')]);
    assert.equal(summary(red)[1], 'gateway:users.hop.affects');
    assert.match(red[1].problem ? renderMessage('en', red[1].problem) : '', /R-X-01 on 1:1 affects this user’s calls/);
    assert.deepEqual(
      red[1].findings.map((f) => [f.finding.rule, f.affects]),
      [['R-X-01', true]],
    );
    assert.deepEqual(summary(pathOf(healthyOrg(), ALICE, [finding('warning', 'umIpGateway', '1:1')])), ['pool:ok', 'gateway:ok', 'huntGroup:ok', 'dialPlan:ok', 'umServer:ok']);
    assert.equal(summary(pathOf(healthyOrg(), ALICE, [finding('error', 'exchangeServer', 'ATL-EX-002')]))[4], 'umServer:users.hop.affects');
  });

  test('the verdict carries the path and the reasons; works follows the errors', () => {
    const org = healthyOrg();
    const index = buildUserIndex(org);
    const ctx = buildUserRuleContext(org);
    const ok = userVerdict(index, ctx, ALICE)!;
    assert.equal(ok.works, true);
    assert.equal(ok.path.length, 5);
    const omar = userVerdict(index, ctx, 'omar.kim@litwareinc.com')!;
    assert.equal(omar.works, false);
    assert.deepEqual(
      omar.reasons.map((r) => r.rule),
      ['R-U-02', 'R-U-03'],
    );
    assert.equal(userVerdict(index, ctx, 'sip:nobody@litwareinc.com'), null);
  });
});
