import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveEndpoint, USER_NAME } from '../../../../shared/connections/profile';

describe('resolveEndpoint', () => {
  it('Exchange FQDN → http://<fqdn>/PowerShell/, Microsoft.Exchange, Kerberos', () => {
    const r = resolveEndpoint('exchange', ' EX01.Litwareinc.com ');
    assert.ok(r.ok);
    assert.deepEqual(r.endpoint, {
      kind: 'wsman',
      display: 'http://ex01.litwareinc.com/PowerShell/',
      uri: 'http://ex01.litwareinc.com/PowerShell/',
      configurationName: 'Microsoft.Exchange',
      authentication: 'Kerberos',
      allowRedirection: false,
    });
  });
  it('Skype pool FQDN → https://<pool>/OcsPowershell, Negotiate, redirection allowed', () => {
    const r = resolveEndpoint('skype', 'pool01.litwareinc.com');
    assert.ok(r.ok && r.endpoint.kind === 'wsman');
    assert.equal(r.endpoint.uri, 'https://pool01.litwareinc.com/OcsPowershell');
    assert.equal(r.endpoint.configurationName, null);
    assert.equal(r.endpoint.allowRedirection, true);
  });
  it('keeps a full URI as given', () => {
    const r = resolveEndpoint('exchange', 'https://mail.litwareinc.com/PowerShell/');
    assert.ok(r.ok && r.endpoint.kind === 'wsman' && r.endpoint.uri === 'https://mail.litwareinc.com/PowerShell/');
  });
  it('the lab endpoints', () => {
    assert.deepEqual(resolveEndpoint('exchange', 'lab:'), { ok: true, endpoint: { kind: 'lab-local', display: 'lab:' } });
    const r = resolveEndpoint('skype', 'lab+ssh://root@127.0.0.1:2222');
    assert.ok(r.ok && r.endpoint.kind === 'lab-ssh' && r.endpoint.port === 2222 && r.endpoint.user === 'root');
  });
  it('refuses what is not a host name or a URI, naming why', () => {
    assert.deepEqual(resolveEndpoint('exchange', ''), { ok: false, reason: 'empty' });
    assert.deepEqual(resolveEndpoint('exchange', 'EX01'), { ok: false, reason: 'fqdn' });
    assert.deepEqual(resolveEndpoint('exchange', "ex01.contoso.com'; Remove-Item x"), { ok: false, reason: 'fqdn' });
    assert.deepEqual(resolveEndpoint('skype', 'https://user:pw@pool.contoso.com/OcsPowershell'), { ok: false, reason: 'uri' });
    assert.deepEqual(resolveEndpoint('skype', 'http://bad host/x'), { ok: false, reason: 'uri' });
    assert.deepEqual(resolveEndpoint('skype', 'lab+ssh://root@127.0.0.1:99999'), { ok: false, reason: 'ssh' });
  });
  it('user names: DOMAIN\\user or UPN', () => {
    assert.ok(USER_NAME.test('LITWARE\\kim.akers'));
    assert.ok(USER_NAME.test('kim.akers@litwareinc.com'));
    assert.ok(!USER_NAME.test('kim akers'));
    assert.ok(!USER_NAME.test("x'; y"));
  });
});
