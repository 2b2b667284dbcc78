import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isIPv4, isIPv6, parseTarget } from '../../../../shared/sip/probe-model';
import { hasMessage } from '../../../../shared/i18n/translate';
import { explanationKey, PROBE_EXPLANATIONS } from '../../../../shared/sip/probe-explain';

describe('parseTarget fixes', () => {
  it('validates IP literals: octets ≤ 255, real IPv6 forms', () => {
    for (const good of ['sip:10.0.0.255', 'sip:[::1]', 'sip:[2001:db8::5]:5061;transport=tls', 'sip:[::ffff:192.0.2.1]:5060', 'sip:[1:2:3:4:5:6:7:8]', 'sip:gw01.contoso.com.:5060'])
      assert.ok(parseTarget(good).ok, good);
    for (const bad of ['sip:300.1.1.1', 'sip:1.2.3', 'sip:[:::]', 'sip:[1::2::3]', 'sip:[1:2:3:4:5:6:7:8:9]', 'sip:[::1', 'sip:[zz::1]', 'sip:01.2.3.4']) assert.equal(parseTarget(bad).ok, false, bad);
    assert.ok(isIPv4('0.0.0.0') && !isIPv4('256.0.0.1'));
    assert.ok(isIPv6('::') && isIPv6('fe80::1') && !isIPv6('1.2.3.4'));
  });
  it('an absolute FQDN is the same host; the failure carries an i18n key', () => {
    const p = parseTarget('sips:pool.contoso.com.');
    assert.ok(p.ok && p.target.host === 'pool.contoso.com');
    const r = parseTarget('sip:gw01;maddr=x');
    assert.ok(!r.ok && r.key === 'probe.target.param' && hasMessage(r.key) && r.params.param === 'maddr');
  });
  it('every explanation variant has a message', () => {
    for (const v of PROBE_EXPLANATIONS) for (const t of ['UDP', 'TCP', 'TLS']) assert.ok(hasMessage(explanationKey(v, { transport: t })), `${v} ${t}`);
  });
});
