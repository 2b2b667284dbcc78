import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { certSeverity, commonName, entrySeverity, orderGroups, rollup, rowLabel, sortFindings, timelineRows } from '../../../../../renderer/src/screens/certificates/inventory-model';
import { cert, entry, finding, inventory } from './fixtures';

describe('severity rollup', () => {
  test('the worst finding wins; none without findings', () => {
    assert.equal(certSeverity(cert()), 'none');
    assert.equal(certSeverity(cert({ findings: [finding('cert.crl-missing', 'info'), finding('cert.self-signed', 'warning')] })), 'warning');
    assert.equal(certSeverity(cert({ findings: [finding('cert.self-signed', 'warning'), finding('cert.expired', 'error'), finding('cert.crl-missing', 'info')] })), 'error');
    assert.equal(certSeverity(null), 'none');
    assert.equal(rollup([]), 'none');
    assert.equal(rollup(['none', 'info', 'none']), 'info');
    assert.equal(rollup(['info', 'error', 'warning']), 'error');
  });
  test('an unreadable certificate in use counts as an error', () => {
    assert.equal(entrySeverity(entry('atl-ex-002', null)), 'error');
    assert.equal(entrySeverity(entry('atl-ex-002', cert({ findings: [finding('cert.expiring', 'info')] }))), 'info');
  });
  test('findings sort worst first, stable otherwise', () => {
    const f = [finding('cert.crl-missing', 'info'), finding('cert.self-signed', 'warning'), finding('cert.expired', 'error'), finding('cert.signature.weak', 'warning')];
    assert.deepEqual(
      sortFindings(f).map((x) => x.rule),
      ['cert.expired', 'cert.self-signed', 'cert.signature.weak', 'cert.crl-missing'],
    );
  });
});

describe('grouping and order', () => {
  const root = 'CN=Litware Root CA, DC=litwareinc, DC=com';
  const selfDn = 'CN=ATL-EX-002';
  const inv = inventory([
    {
      issuer: root,
      certificates: [
        entry('b-server', cert({ thumbprint: 'B'.repeat(40), notAfter: '2028-01-01T00:00:00.000Z' })),
        entry('a-server', cert({ thumbprint: 'C'.repeat(40), notAfter: '2027-01-01T00:00:00.000Z' })),
        entry('c-server', cert({ thumbprint: 'D'.repeat(40), notAfter: '2027-01-01T00:00:00.000Z' }), { product: 'skype', usage: ['Default'] }),
      ],
    },
    { issuer: selfDn, certificates: [entry('atl-ex-002', cert({ issuer: selfDn, selfSigned: true, findings: [finding('cert.self-signed', 'warning')] }))] },
    { issuer: '', certificates: [entry('atl-ex-009', null)] },
  ]);
  test('groups: worst first, then the larger, then by name', () => {
    const groups = orderGroups(inv);
    assert.deepEqual(
      groups.map((g) => [g.issuer, g.severity]),
      [
        ['', 'error'],
        [selfDn, 'warning'],
        [root, 'none'],
      ],
    );
  });
  test('certificates in a group: the soonest expiry first, then product and server', () => {
    const g = orderGroups(inv).find((x) => x.issuer === root)!;
    assert.deepEqual(
      g.certificates.map((c) => c.server),
      ['a-server', 'c-server', 'b-server'],
    );
  });
  test('the timeline has one row per readable certificate, soonest expiry first', () => {
    const rows = timelineRows(inv);
    assert.equal(rows.length, 4);
    assert.ok(rows.every((r) => r.certificate !== null));
    const ends = rows.map((r) => r.certificate.notAfter);
    assert.deepEqual(ends, [...ends].sort());
    assert.equal(new Set(rows.map((r) => r.key)).size, rows.length, 'keys are unique');
  });
  test('a certificate used on several servers is one timeline row naming them all', () => {
    const shared = cert({ thumbprint: 'E'.repeat(40) });
    const two = inventory([
      {
        issuer: root,
        certificates: [
          entry('atl-fe-02.litwareinc.com', shared, { product: 'skype', usage: ['WebServicesExternal'], ref: { kind: 'skypeCertificate', id: 'atl-fe-02|WebServicesExternal' } }),
          entry('atl-fe-01.litwareinc.com', shared, { product: 'skype', usage: ['WebServicesExternal'], ref: { kind: 'skypeCertificate', id: 'atl-fe-01|WebServicesExternal' } }),
        ],
      },
    ]);
    const rows = timelineRows(two);
    assert.equal(rows.length, 1);
    assert.equal(rows[0].key, 'E'.repeat(40));
    assert.equal(rows[0].entries.length, 2);
    assert.equal(rowLabel(rows[0]), 'atl-fe-01, atl-fe-02 · WebServicesExternal');
  });
  test('the common name of an issuer names the group', () => {
    assert.equal(commonName(root), 'Litware Root CA');
    assert.equal(commonName('DC=com, DC=litwareinc, CN=Litware Issuing CA 01'), 'Litware Issuing CA 01');
    assert.equal(commonName('CN=Fabrikam\\, Inc. CA, O=Fabrikam'), 'Fabrikam, Inc. CA');
    assert.equal(commonName('O=No Common Name'), 'O=No Common Name');
  });
});
