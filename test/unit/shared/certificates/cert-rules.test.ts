import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CERT_RULES, type CertRuleId, type InspectedCertificate } from '../../../../shared/certificates/cert-model';
import { certMessageKey, certTitleKey, dnsNameMatches, evaluateCertificate, PER_CERTIFICATE_RULES } from '../../../../shared/certificates/cert-rules';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import { renderDiagnostic, translateDynamic } from '../../../../shared/i18n/translate';

const DAY = 86_400_000;
const NOW = new Date('2026-06-01T12:00:00.000Z');
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

/** A certificate that breaks no rule. */
function cert(over: Partial<Omit<InspectedCertificate, 'findings'>> = {}): Omit<InspectedCertificate, 'findings'> {
  return {
    subject: 'CN=um01.contoso.com, O=Contoso',
    subjectCommonName: 'um01.contoso.com',
    issuer: 'CN=Contoso Issuing CA, O=Contoso',
    thumbprint: 'A'.repeat(40),
    serialNumber: '01',
    notBefore: at(-10),
    notAfter: at(365),
    keyAlgorithm: 'RSA',
    keySize: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    subjectAltNames: ['DNS:um01.contoso.com', 'IP:10.0.0.5'],
    extendedKeyUsage: ['serverAuth', 'clientAuth'],
    isCA: false,
    pathLength: null,
    selfSigned: false,
    hasPrivateKey: false,
    crlDistributionPoints: ['URI:http://crl.contoso.com/ca.crl'],
    ...over,
  };
}

const rules = (c: Omit<InspectedCertificate, 'findings'>, ctx: { fqdn?: string; purpose?: 'um' | 'oauth' | 'skype-frontend' | 'gateway'; now?: Date } = {}) =>
  evaluateCertificate(c, { now: ctx.now ?? NOW, fqdn: ctx.fqdn, purpose: ctx.purpose });
const ids = (...a: Parameters<typeof rules>) => rules(...a).map((f) => f.rule);
const only = (rule: CertRuleId, ...a: Parameters<typeof rules>) => {
  const fs = rules(...a);
  assert.deepEqual(
    fs.map((f) => f.rule),
    [rule],
  );
  return fs[0];
};

describe('the per-certificate rules (their IDs, severities and documented choices, shared/certificates/cert-rules.ts)', () => {
  test('a good certificate raises nothing, with or without an FQDN it names', () => {
    assert.deepEqual(ids(cert()), []);
    assert.deepEqual(ids(cert(), { fqdn: 'um01.contoso.com' }), []);
    assert.deepEqual(ids(cert(), { fqdn: 'UM01.Contoso.com.' }), []);
  });

  test('cert.expired: error after notAfter; silent at notAfter', () => {
    const f = only('cert.expired', cert({ notAfter: at(-3) }));
    assert.equal(f.severity, 'error');
    assert.equal(f.message.params.days, 3);
    assert.match(renderDiagnostic('en', f).message, /expired on 2026-05-29/);
    assert.deepEqual(
      ids(cert({ notAfter: NOW.toISOString() })).filter((r) => r === 'cert.expired'),
      [],
    );
    assert.deepEqual(ids(cert({ notAfter: new Date(NOW.getTime() - 1).toISOString() })).slice(0, 1), ['cert.expired']);
  });

  test('cert.not-yet-valid: error before notBefore; silent at notBefore', () => {
    const f = only('cert.not-yet-valid', cert({ notBefore: at(2) }));
    assert.equal(f.severity, 'error');
    assert.deepEqual(ids(cert({ notBefore: NOW.toISOString() })), []);
    assert.deepEqual(ids(cert({ notBefore: new Date(NOW.getTime() + 1).toISOString() })), ['cert.not-yet-valid']);
  });

  test('cert.expiring: warning at ≤ 30 days, info at ≤ 60 days, silent beyond and once expired', () => {
    for (const [days, severity] of [
      [0.5, 'warning'],
      [20, 'warning'],
      [30, 'warning'],
      [30 + 1 / DAY, 'info'],
      [50, 'info'],
      [60, 'info'],
    ] as const) {
      const f = only('cert.expiring', cert({ notAfter: at(days) }));
      assert.equal(f.severity, severity, `${days} days`);
    }
    assert.deepEqual(ids(cert({ notAfter: at(60 + 1 / DAY) })), []);
    assert.deepEqual(ids(cert({ notAfter: at(61) })), []);
    assert.deepEqual(ids(cert({ notAfter: at(-1) })), ['cert.expired']);
    assert.equal(only('cert.expiring', cert({ notAfter: at(20.5) })).message.params.days, 20);
  });

  test('cert.key.weak: RSA under 2048 bits; not 2048, not EC 256, not an unknown size', () => {
    assert.equal(only('cert.key.weak', cert({ keySize: 1024 })).severity, 'error');
    assert.equal(only('cert.key.weak', cert({ keySize: 2047 })).message.params.bits, 2047);
    assert.deepEqual(ids(cert({ keySize: 2048 })), []);
    assert.deepEqual(ids(cert({ keyAlgorithm: 'EC', keySize: 256 })), []);
    assert.deepEqual(ids(cert({ keySize: null })), []);
    assert.deepEqual(ids(cert({ keyAlgorithm: 'RSA-PSS', keySize: 1024 })), ['cert.key.weak']);
  });

  test('cert.signature.weak: SHA-1 and MD5 signatures, warning; SHA-256 silent', () => {
    for (const a of ['sha1WithRSAEncryption', 'md5WithRSAEncryption', 'ecdsa-with-SHA1', 'dsaWithSHA1']) assert.equal(only('cert.signature.weak', cert({ signatureAlgorithm: a })).severity, 'warning');
    for (const a of ['sha256WithRSAEncryption', 'ecdsa-with-SHA256', 'sha512WithRSAEncryption', 'unknown']) assert.deepEqual(ids(cert({ signatureAlgorithm: a })), [], a);
  });

  test('cert.signature.pss: RSASSA-PSS, warning', () => {
    assert.equal(only('cert.signature.pss', cert({ signatureAlgorithm: 'RSASSA-PSS' })).severity, 'warning');
  });

  test('cert.subject.wildcard: a wildcard subject CN is an error; a wildcard only in the SAN is fine', () => {
    assert.equal(only('cert.subject.wildcard', cert({ subjectCommonName: '*.contoso.com', subject: 'CN=*.contoso.com', subjectAltNames: ['DNS:*.contoso.com'] })).severity, 'error');
    assert.deepEqual(ids(cert({ subjectAltNames: ['DNS:um01.contoso.com', 'DNS:*.pool.contoso.com'] })), []);
  });

  test('cert.eku.serverauth-missing: an EKU without Server Authentication; no EKU at all is fine', () => {
    assert.equal(only('cert.eku.serverauth-missing', cert({ extendedKeyUsage: ['clientAuth'] })).severity, 'error');
    assert.deepEqual(ids(cert({ extendedKeyUsage: [] })), ['cert.eku.serverauth-missing']);
    assert.deepEqual(ids(cert({ extendedKeyUsage: null })), []);
    assert.deepEqual(ids(cert({ extendedKeyUsage: ['1.3.6.1.5.5.7.3.1'] })), [], 'the OID, as x509-reader gives it');
  });

  test('cert.self-signed: a self-signed end-entity certificate, warning (an error for um, skype-frontend, gateway); never for a CA', () => {
    assert.equal(only('cert.self-signed', cert({ selfSigned: true })).severity, 'warning');
    // Seed 001: « vous devez utiliser un certificat valide et signé par une autorité de certification
    // tierce, publique ou privée » for the SIP/TLS peers; seed 003 names Exchange's self-signed auth certificate for OAuth.
    const severityFor = (purpose: 'um' | 'oauth' | 'skype-frontend' | 'gateway') => rules(cert({ selfSigned: true }), { purpose }).find((d) => d.rule === 'cert.self-signed')?.severity;
    assert.deepEqual((['um', 'skype-frontend', 'gateway', 'oauth'] as const).map(severityFor), ['error', 'error', 'error', 'warning']);
    assert.deepEqual(ids(cert({ selfSigned: true, isCA: true, crlDistributionPoints: [] })), []);
  });

  test('cert.name.mismatch: only with an FQDN; SAN DNS names (a wildcard covers exactly one label); the CN only without SAN DNS names', () => {
    assert.equal(only('cert.name.mismatch', cert(), { fqdn: 'um02.contoso.com' }).severity, 'error');
    assert.deepEqual(ids(cert()), [], 'no FQDN, no judgement');
    const wild = cert({ subjectAltNames: ['DNS:um01.contoso.com', 'DNS:*.pool.contoso.com'] });
    assert.deepEqual(ids(wild, { fqdn: 'fe01.pool.contoso.com' }), []);
    assert.deepEqual(ids(wild, { fqdn: 'a.fe01.pool.contoso.com' }), ['cert.name.mismatch']);
    assert.deepEqual(ids(wild, { fqdn: 'pool.contoso.com' }), ['cert.name.mismatch']);
    // SAN DNS entries present: the CN is not consulted.
    assert.deepEqual(ids(cert({ subjectCommonName: 'um09.contoso.com', subjectAltNames: ['DNS:um01.contoso.com'] }), { fqdn: 'um09.contoso.com' }), ['cert.name.mismatch']);
    // No SAN DNS entries (an IP only): the CN is.
    assert.deepEqual(ids(cert({ subjectAltNames: ['IP:10.0.0.5'] }), { fqdn: 'um01.contoso.com' }), []);
    assert.deepEqual(ids(cert({ subjectAltNames: [] }), { fqdn: 'um02.contoso.com' }), ['cert.name.mismatch']);
    assert.deepEqual(ids(cert({ subjectAltNames: [], subjectCommonName: null, subject: 'O=Contoso' }), { fqdn: 'um01.contoso.com' }), ['cert.name.mismatch']);
    // OAuth: the certificate names the SIP domain, not the server; CA certificates are not judged by name.
    assert.deepEqual(ids(cert(), { fqdn: 'fe01.contoso.com', purpose: 'oauth' }), []);
    assert.deepEqual(ids(cert(), { fqdn: 'fe01.contoso.com', purpose: 'um' }), ['cert.name.mismatch']);
    assert.deepEqual(ids(cert({ isCA: true }), { fqdn: 'fe01.contoso.com' }), []);
    assert.deepEqual(ids(cert(), { fqdn: '   ' }), [], 'a blank FQDN is none');
  });

  test('dnsNameMatches', () => {
    assert.ok(dnsNameMatches('*.contoso.com', 'a.contoso.com'));
    assert.ok(!dnsNameMatches('*.contoso.com', 'contoso.com'));
    assert.ok(!dnsNameMatches('*.contoso.com', 'a.b.contoso.com'));
    assert.ok(!dnsNameMatches('*.contoso.com', 'acontoso.com'));
    assert.ok(!dnsNameMatches('um*.contoso.com', 'um1.contoso.com'));
    assert.ok(!dnsNameMatches('*.', 'a.'));
    assert.ok(dnsNameMatches('UM01.contoso.com.', 'um01.CONTOSO.com'));
  });

  test('cert.crl-missing: info without a CRL distribution point; not for a self-signed root', () => {
    assert.equal(only('cert.crl-missing', cert({ crlDistributionPoints: [] })).severity, 'info');
    assert.deepEqual(ids(cert({ crlDistributionPoints: [], isCA: true, selfSigned: true })), []);
    assert.deepEqual(ids(cert({ crlDistributionPoints: [], isCA: true })), ['cert.crl-missing']);
  });

  test('several at once, in table order', () => {
    const all = ids(
      cert({
        notAfter: at(10),
        keySize: 1024,
        signatureAlgorithm: 'sha1WithRSAEncryption',
        subjectCommonName: '*.contoso.com',
        extendedKeyUsage: ['clientAuth'],
        selfSigned: true,
        crlDistributionPoints: [],
      }),
      { fqdn: 'x.y.contoso.com' },
    );
    assert.deepEqual(all, ['cert.expiring', 'cert.key.weak', 'cert.subject.wildcard', 'cert.eku.serverauth-missing', 'cert.self-signed', 'cert.name.mismatch', 'cert.crl-missing']);
    const issued = ids(
      cert({ notAfter: at(10), keySize: 1024, signatureAlgorithm: 'sha1WithRSAEncryption', subjectCommonName: '*.contoso.com', extendedKeyUsage: ['clientAuth'], crlDistributionPoints: [] }),
      { fqdn: 'x.y.contoso.com' },
    );
    assert.deepEqual(issued, ['cert.expiring', 'cert.key.weak', 'cert.signature.weak', 'cert.subject.wildcard', 'cert.eku.serverauth-missing', 'cert.name.mismatch', 'cert.crl-missing']);
  });

  test('cert.signature.weak / .pss: not on a self-signed certificate, whose own signature no validator checks', () => {
    for (const a of ['sha1WithRSAEncryption', 'md5WithRSAEncryption', 'rsassaPss']) {
      assert.deepEqual(ids(cert({ signatureAlgorithm: a, selfSigned: true, isCA: true })), [], a);
      assert.deepEqual(
        ids(cert({ signatureAlgorithm: a, selfSigned: true })).filter((r) => r.startsWith('cert.signature')),
        [],
        a,
      );
    }
    assert.deepEqual(ids(cert({ signatureAlgorithm: 'sha1WithRSAEncryption', isCA: true })), ['cert.signature.weak']);
  });

  test('every finding has its i18n key and params; English and French render without placeholders', () => {
    const fired = new Set<string>();
    const cases = [
      rules(cert({ notAfter: at(-1) })),
      rules(cert({ notBefore: at(1) })),
      rules(cert({ notAfter: at(10), keySize: 1024, signatureAlgorithm: 'RSASSA-PSS', subjectCommonName: '*.c.com', extendedKeyUsage: ['clientAuth'], crlDistributionPoints: [] }), { fqdn: 'a.b' }),
      rules(cert({ selfSigned: true })),
      rules(cert({ signatureAlgorithm: 'md5WithRSAEncryption' })),
    ].flat();
    for (const f of cases) {
      const rule = f.rule as CertRuleId;
      fired.add(rule);
      assert.equal(f.message.key, certMessageKey(rule));
      assert.ok(f.message.key in en && f.message.key in fr, f.message.key);
      assert.ok(certTitleKey(rule) in en && certTitleKey(rule) in fr, certTitleKey(rule));
      assert.deepEqual(f.objects, [], 'a certificate file is no org object');
      assert.deepEqual(f.fix, []);
      assert.equal(renderDiagnostic('en', f).title, translateDynamic('en', certTitleKey(rule)));
      for (const lang of ['en', 'fr'] as const) assert.doesNotMatch(renderDiagnostic(lang, f).message, /\{\w+\}/, `${f.message.key} ${lang}`);
    }
    assert.deepEqual([...fired].sort(), [...CERT_RULES].sort());
  });
});

describe('the per-certificate rules as definitions', () => {
  test('one definition per rule ID, in the order of CERT_RULES, each with the documented severity', () => {
    assert.deepEqual(
      PER_CERTIFICATE_RULES.map((r) => r.id),
      [...CERT_RULES],
    );
    for (const r of PER_CERTIFICATE_RULES) assert.equal(r.family, 'certificate', r.id);
    const severity = Object.fromEntries(PER_CERTIFICATE_RULES.map((r) => [r.id, r.severity]));
    assert.deepEqual(severity, {
      'cert.expired': 'error',
      'cert.not-yet-valid': 'error',
      'cert.expiring': 'warning',
      'cert.key.weak': 'error',
      'cert.signature.weak': 'warning',
      'cert.signature.pss': 'warning',
      'cert.subject.wildcard': 'error',
      'cert.eku.serverauth-missing': 'error',
      'cert.self-signed': 'warning',
      'cert.name.mismatch': 'error',
      'cert.crl-missing': 'info',
    });
  });
  test('evaluateCertificate runs only the definitions it is given', () => {
    const weak = cert({ keySize: 1024, crlDistributionPoints: [] });
    assert.deepEqual(evaluateCertificate(weak, { now: NOW }, []), []);
    const keyOnly = PER_CERTIFICATE_RULES.filter((r) => r.id === 'cert.key.weak');
    assert.deepEqual(
      evaluateCertificate(weak, { now: NOW }, keyOnly).map((f) => f.rule),
      ['cert.key.weak'],
    );
  });
});
