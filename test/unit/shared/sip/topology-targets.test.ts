import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseTarget } from '../../../../shared/sip/probe-model';
import { topologyTargets } from '../../../../shared/sip/topology-targets';
import { labOrg } from '../../../support/lab';
import { buildOrg } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';

describe('probe targets from the topology', () => {
  const targets = topologyTargets(labOrg());
  const raws = new Set(targets.map((t) => t.raw));

  it('every target is a well-formed probe target', () => {
    for (const t of targets) {
      const p = parseTarget(t.raw);
      assert.ok(p.ok, t.raw);
      assert.deepEqual({ host: p.target.host, port: p.target.port, transport: p.target.transport }, { host: t.host, port: t.port, transport: t.transport });
    }
    assert.equal(raws.size, targets.length, 'no duplicates');
  });

  it('UM IP gateways: TLS behind a secured dial plan, TCP behind an unsecured one, on their configured port', () => {
    assert.ok(raws.has('sips:192.168.10.5:5061'));
    assert.ok(raws.has('sip:10.0.0.50:5060;transport=tcp'));
    // A pool gateway configured on 5060 for a SIPSecured dial plan is probed where Exchange would send (and R-G flags the port).
    assert.ok(raws.has('sips:atl-cs-001.litwareinc.com:5060'));
  });

  it('a gateway is TLS when any dial plan behind it is secured, whatever the case of the names its hunt groups use', () => {
    const lab = labOrg();
    const secured = lab.exchange.dialPlans.find((d) => d.voipSecurity !== 'Unsecured')!;
    const unsecured = lab.exchange.dialPlans.find((d) => d.voipSecurity === 'Unsecured')!;
    const base = lab.exchange.huntGroups[0]!;
    const gateway = { ...lab.exchange.ipGateways[0]!, name: 'GW-Mixed', address: '10.9.9.9', port: 5060 };
    const org = {
      ...lab,
      exchange: {
        ...lab.exchange,
        ipGateways: [...lab.exchange.ipGateways, gateway],
        huntGroups: [
          ...lab.exchange.huntGroups,
          { ...base, name: 'HG-1', gateway: 'gw-mixed', dialPlan: unsecured.name.toUpperCase() },
          { ...base, name: 'HG-2', gateway: 'GW-MIXED', dialPlan: secured.name.toLowerCase() },
        ],
      },
    };
    const mixed = topologyTargets(org).filter((t) => t.ref.id === 'GW-Mixed');
    assert.deepEqual(
      mixed.map((t) => t.raw),
      ['sips:10.9.9.9:5060'],
    );
    const onlyUnsecured = { ...org, exchange: { ...org.exchange, huntGroups: org.exchange.huntGroups.filter((h) => h.name !== 'HG-2') } };
    assert.deepEqual(
      topologyTargets(onlyUnsecured)
        .filter((t) => t.ref.id === 'GW-Mixed')
        .map((t) => t.raw),
      ['sip:10.9.9.9:5060;transport=tcp'],
    );
  });

  it('Exchange 2013/2016 UM: Call Router 5060/5061 and UM service 5062/5063 per startup mode; no UM on Exchange 2019', () => {
    const ex1 = targets
      .filter((t) => t.ref.kind === 'exchangeServer' && t.ref.id === 'ATL-EX-001')
      .map((t) => t.port)
      .sort();
    assert.deepEqual(ex1, [5060, 5061, 5062, 5063]);
    assert.ok(!targets.some((t) => t.ref.id === 'ATL-EX-019'));
    // ATL-EX-002's UM service starts in TLS mode only: no TCP 5062 target.
    assert.ok(!raws.has('sip:atl-exchange-002.litwareinc.com:5062;transport=tcp'));
    assert.ok(raws.has('sips:atl-exchange-002.litwareinc.com:5063'));
  });

  it('Skype pools on TLS 5061, mediation servers on their TLS port, PSTN gateways as the topology states', () => {
    assert.ok(raws.has('sips:atl-cs-001.litwareinc.com:5061'));
    assert.ok(raws.has('sips:atl-cs-001.litwareinc.com:5067'));
    assert.ok(raws.has('sip:192.168.30.10:5060;transport=tcp'));
  });

  it('a healthy small org gives one target per listener', () => {
    const t = topologyTargets(buildOrg(healthySpec()));
    assert.ok(t.length > 0);
    assert.ok(t.every((x) => x.label.length > 0));
  });
});

describe('parseTarget', () => {
  it('reads the forms of the CLI', () => {
    assert.deepEqual(parseTarget('sip:gw01.contoso.com'), { ok: true, target: { raw: 'sip:gw01.contoso.com', host: 'gw01.contoso.com', port: null, transport: 'udp' } });
    assert.deepEqual(parseTarget('sip:10.0.0.5:5080;transport=tcp'), { ok: true, target: { raw: 'sip:10.0.0.5:5080;transport=tcp', host: '10.0.0.5', port: 5080, transport: 'tcp' } });
    assert.deepEqual(parseTarget('sips:pool.contoso.com'), { ok: true, target: { raw: 'sips:pool.contoso.com', host: 'pool.contoso.com', port: null, transport: 'tls' } });
    const v6 = parseTarget('sip:[::1]:5060');
    assert.ok(v6.ok && v6.target.host === '::1' && v6.target.port === 5060);
  });
  it('refuses what is not a target, saying why', () => {
    for (const bad of ['gw01', 'sip:user@gw01', 'sip:gw01:99999', 'sip:gw01;transport=sctp', 'sips:gw01;transport=udp', "sip:gw'01", 'sip:gw01;maddr=x']) {
      const r = parseTarget(bad);
      assert.equal(r.ok, false, bad);
    }
  });
});
