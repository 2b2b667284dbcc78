/**
 * The certificate inventory of the lab org (the lab's certificate faults appear):
 * every certificate of both products, grouped by issuer, the per-certificate findings exactly where
 * the lab put its faults, the org rules on certificates and OAuth alongside.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluateCertificate } from '../../../../shared/certificates/cert-rules';
import type { CertificateFacts } from '../../../../shared/certificates/cert-model';
import { judgeOrgCertificate } from '../../../../shared/certificates/inventory';
import { inventoryOf } from '../../../../main/services/certificate-service';
import { analyseOrg } from '../../../../main/services/org-service';
import { labOrg } from '../../../support/lab';

const DAY = new Date('2026-12-02T10:00:00Z');

describe('certificate inventory of the lab org', () => {
  const l = analyseOrg(labOrg());
  const inv = inventoryOf(l, DAY);
  const all = inv.groups.flatMap((g) => g.certificates);
  const flagged = all
    .filter((c) => (c.certificate?.findings.length ?? 0) > 0)
    .map((c) => `${c.server} ${c.usage.join(',')} ${c.certificate!.findings.map((f) => f.rule).join(' ')}`)
    .sort();

  it('lists every certificate in use on both sides, each readable', () => {
    assert.equal(all.length, l.org.exchange.certificates.length + l.org.skype.certificates.length);
    assert.ok(all.every((c) => c.certificate !== null));
    assert.deepEqual([...new Set(all.map((c) => c.product))].sort(), ['exchange', 'skype']);
  });

  it('groups by issuer, the group with the worst finding first', () => {
    assert.equal(new Set(inv.groups.map((g) => g.issuer)).size, inv.groups.length);
    assert.ok(inv.groups[0]!.certificates.some((c) => c.certificate!.findings.some((f) => f.severity === 'error')));
  });

  it('raises the per-certificate rules exactly on the lab faults', () => {
    assert.deepEqual(flagged, [
      'atl-exchange-002.litwareinc.com IMAP,POP,UM,IIS,SMTP cert.self-signed cert.crl-missing',
      'atl-fe-01.litwareinc.com WebServicesExternal cert.expiring',
      'atl-fe-02.litwareinc.com WebServicesExternal cert.expiring',
      'atl-fe-03.litwareinc.com OAuthTokenIssuer cert.key.weak',
      'atl-fe-03.litwareinc.com WebServicesExternal cert.expiring',
      'dal-exchange-003.litwareinc.com UM,UMCallRouter cert.subject.wildcard',
    ]);
  });

  it("does not flag Exchange's own self-signed Auth Certificate (self-signed by design)", () => {
    const auth = all.filter((c) => c.certificate!.subjectCommonName === 'Microsoft Exchange Server Auth Certificate');
    assert.ok(auth.length > 0);
    assert.ok(auth.every((c) => c.certificate!.selfSigned && c.certificate!.findings.length === 0));
  });

  it('judges at the given time: a month later the expiring certificate has expired', () => {
    const later = inventoryOf(l, new Date('2027-01-02T10:00:00Z')).groups.flatMap((g) => g.certificates);
    assert.ok(later.some((c) => c.certificate!.findings.some((f) => f.rule === 'cert.expired')));
  });

  it('carries the org rules on certificates and OAuth, with labels', () => {
    const rules = new Set(inv.findings.map((f) => f.rule));
    for (const r of ['R-X-01', 'R-X-02', 'R-X-03']) assert.ok(rules.has(r), r);
    assert.ok(inv.findings.every((f) => f.area === 'certificates' || f.area === 'oauth'));
    for (const f of inv.findings) for (const o of f.objects) assert.ok(inv.labels[`${o.kind}:${o.id}`], `${o.kind}:${o.id} has a label`);
  });
});

describe('a certificate known from its printed fields only (no RawData)', () => {
  const printed: CertificateFacts = {
    thumbprint: 'AB',
    subject: 'CN=*.litwareinc.com',
    subjectCommonName: '*.litwareinc.com',
    issuer: 'CN=Litware Root CA',
    serialNumber: '01',
    notBefore: '2020-01-01T00:00:00.000Z',
    notAfter: '2021-01-01T00:00:00.000Z',
    keyAlgorithm: 'unknown',
    keySize: null,
    signatureAlgorithm: 'unknown',
    subjectAltNames: [],
    extendedKeyUsage: null,
    isCA: false,
    pathLength: null,
    selfSigned: false,
    hasPrivateKey: false,
    crlDistributionPoints: [],
  };
  it('applies only the rules its fields can decide', () => {
    const { certificate } = judgeOrgCertificate({ facts: printed, unreadable: null, rawData: '' }, evaluateCertificate, DAY);
    assert.deepEqual(certificate!.findings.map((f) => f.rule).sort(), ['cert.expired', 'cert.subject.wildcard']);
  });
  it('with its bytes read, every rule applies', () => {
    const { certificate } = judgeOrgCertificate({ facts: printed, unreadable: null, rawData: 'AA==' }, evaluateCertificate, DAY);
    assert.deepEqual(certificate!.findings.map((f) => f.rule).sort(), ['cert.crl-missing', 'cert.expired', 'cert.subject.wildcard']);
  });
  it('unreadable bytes: no certificate, the reason the decoder gave', () => {
    assert.deepEqual(judgeOrgCertificate({ facts: null, unreadable: 'not a DER X.509 certificate (bad tag)', rawData: 'AA==' }, evaluateCertificate, DAY), {
      certificate: null,
      unreadable: 'not a DER X.509 certificate (bad tag)',
    });
  });
});
