/** Hand-made inventory data for the Certificates screen's pure modules. */
import type { CertRuleId, InspectedCertificate } from '../../../../../shared/certificates/cert-model';
import type { Diagnostic } from '../../../../../shared/diagnostics/diagnostic';
import type { CertificateInventory, InventoryCertificate } from '../../../../../shared/certificates/inventory-model';
import type { Severity } from '../../../../../shared/model/org';

export function finding(rule: CertRuleId, severity: Severity): Diagnostic {
  return { rule, severity, objects: [], message: { key: `cert.rule.${rule.slice(5)}.msg`, params: {} }, fix: [], sources: [] };
}

export function cert(over: Partial<InspectedCertificate> = {}): InspectedCertificate {
  return {
    subject: 'CN=atl-ex-001.litwareinc.com',
    subjectCommonName: 'atl-ex-001.litwareinc.com',
    issuer: 'CN=Litware Root CA, DC=litwareinc, DC=com',
    thumbprint: 'A'.repeat(40),
    serialNumber: '01',
    notBefore: '2025-01-01T00:00:00.000Z',
    notAfter: '2027-01-01T00:00:00.000Z',
    keyAlgorithm: 'RSA',
    keySize: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    subjectAltNames: ['DNS:atl-ex-001.litwareinc.com'],
    extendedKeyUsage: ['serverAuth'],
    isCA: false,
    pathLength: null,
    selfSigned: false,
    hasPrivateKey: false,
    crlDistributionPoints: ['http://pki.litwareinc.com/root.crl'],
    findings: [],
    ...over,
  };
}

export function entry(server: string, c: InspectedCertificate | null, over: Partial<InventoryCertificate> = {}): InventoryCertificate {
  const product = over.product ?? 'exchange';
  return {
    ref: product === 'exchange' ? { kind: 'exchangeCertificate', id: `${server}\\${c?.thumbprint ?? '?'}` } : { kind: 'skypeCertificate', id: `${server}|Default` },
    product,
    server,
    pool: null,
    usage: ['UM', 'UMCallRouter'],
    certificate: c,
    unreadable: c ? null : 'not a DER X.509 certificate',
    ...over,
  };
}

export function inventory(groups: CertificateInventory['groups']): CertificateInventory {
  return { now: '2026-11-20T12:00:00.000Z', groups, findings: [], labels: {} };
}
