/**
 * The per-certificate rules (exactly these IDs and severities), pure: no Node,
 * no DOM. `evaluateCertificate` judges one certificate at `now`, optionally for an FQDN and a purpose.
 *
 * Where the table leaves room, the choices made:
 * - `cert.expiring`: remaining time ≤ 30 days → warning, ≤ 60 days → info (exact, in milliseconds);
 *   `{days}` is the whole days left, rounded down. Not raised once expired or before notBefore.
 * - `cert.self-signed`: never for a CA certificate (basic constraints CA:TRUE).
 * - `cert.name.mismatch`: only with an FQDN given; against the SAN DNS entries when there are any
 *   (`*.example.com` matches exactly one label: `a.example.com`, not `example.com` nor `a.b.example.com`;
 *   only a whole leftmost `*` label is a wildcard), else against the subject CN compared literally.
 *   Case and a trailing dot are ignored. Not applied to CA certificates (a chain inspected with an FQDN
 *   judges its end-entity certificate), nor for the purpose `oauth`: the OAuthTokenIssuer certificate
 *   names the SIP domain, not a server (org rule R-O-07 checks that).
 * - `cert.eku.serverauth-missing`: the EKU extension present without Server Authentication
 *   (`serverAuth` or its OID 1.3.6.1.5.5.7.3.1; anyExtendedKeyUsage does not count: Windows'
 *   SChannel does not honour it for Lync / Skype). No EKU extension at all is fine.
 * - `cert.key.weak`: an RSA (or RSA-PSS) key of known size under 2048 bits.
 * - `cert.signature.weak`: SHA-1, MD5 or MD2 signatures (by algorithm name, e.g. sha1WithRSAEncryption,
 *   ecdsa-with-SHA1); `cert.signature.pss`: RSASSA-PSS. An `unknown` algorithm raises neither. Neither
 *   is raised on a self-signed certificate: it is trusted as itself (a root, or a pinned self-signed
 *   server certificate), and path validation never checks a trust anchor's own signature
 *   (RFC 5280 §6.1: the trust anchor is an input to the algorithm, not a certificate of the path).
 * - `cert.crl-missing`: no CRL distribution point; not raised for a self-signed CA (a root is not revoked).
 * The purpose changes nothing else.
 */
import type { Severity } from '../model/org';
import { translateDynamic } from '../i18n/translate';
import type { CertFinding, CertPurpose, CertRuleId, InspectedCertificate } from './cert-model';

export interface CertRuleContext {
  readonly now: Date;
  readonly fqdn?: string;
  readonly purpose?: CertPurpose;
}

const DAY_MS = 86_400_000;
export const EXPIRING_WARNING_DAYS = 30;
export const EXPIRING_INFO_DAYS = 60;
export const MIN_RSA_BITS = 2048;
const SERVER_AUTH = new Set(['serverAuth', '1.3.6.1.5.5.7.3.1']);

/** `cert.key.weak` → `cert.rule.key.weak.msg`. */
export function certMessageKey(rule: CertRuleId): string {
  return `cert.rule.${rule.slice('cert.'.length)}.msg`;
}
export function certTitleKey(rule: CertRuleId): string {
  return `cert.rule.${rule.slice('cert.'.length)}.title`;
}

const isoDay = (iso: string): string => (iso.length >= 10 ? iso.slice(0, 10) : iso);

function normaliseName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Does the certificate name `pattern` (a SAN DNS entry) cover `fqdn`? A leftmost `*` label matches exactly one label. */
export function dnsNameMatches(pattern: string, fqdn: string): boolean {
  const p = normaliseName(pattern);
  const f = normaliseName(fqdn);
  if (p === '' || f === '') return false;
  if (p.startsWith('*.')) {
    const rest = p.slice(1); // ".example.com"
    if (!f.endsWith(rest)) return false;
    const label = f.slice(0, f.length - rest.length);
    return label.length > 0 && !label.includes('.') && !label.includes('*') && rest.length > 1 && !rest.includes('*');
  }
  return p === f;
}

export function evaluateCertificate(cert: Omit<InspectedCertificate, 'findings'>, ctx: CertRuleContext): CertFinding[] {
  const out: CertFinding[] = [];
  const add = (rule: CertRuleId, severity: Severity, params: Record<string, string | number>) => {
    const key = certMessageKey(rule);
    out.push({ rule, severity, key, params, message: translateDynamic('en', key, params) });
  };
  const now = ctx.now.getTime();
  const notBefore = Date.parse(cert.notBefore);
  const notAfter = Date.parse(cert.notAfter);
  const subject = cert.subject || cert.subjectCommonName || cert.thumbprint;

  // Validity.
  if (!Number.isNaN(notAfter) && now > notAfter) {
    add('cert.expired', 'error', { date: isoDay(cert.notAfter), days: Math.floor((now - notAfter) / DAY_MS) });
  } else if (!Number.isNaN(notBefore) && now < notBefore) {
    add('cert.not-yet-valid', 'error', { date: isoDay(cert.notBefore), days: Math.ceil((notBefore - now) / DAY_MS) });
  } else if (!Number.isNaN(notAfter)) {
    const left = notAfter - now;
    if (left <= EXPIRING_INFO_DAYS * DAY_MS) {
      add('cert.expiring', left <= EXPIRING_WARNING_DAYS * DAY_MS ? 'warning' : 'info', { date: isoDay(cert.notAfter), days: Math.floor(left / DAY_MS) });
    }
  }
  // Key and signature.
  if (/^RSA/i.test(cert.keyAlgorithm) && cert.keySize !== null && cert.keySize < MIN_RSA_BITS) {
    add('cert.key.weak', 'error', { bits: cert.keySize, min: MIN_RSA_BITS });
  }
  if (!cert.selfSigned) {
    if (/sha-?1(?!\d)|md5|md2/i.test(cert.signatureAlgorithm)) add('cert.signature.weak', 'warning', { algorithm: cert.signatureAlgorithm });
    if (/pss/i.test(cert.signatureAlgorithm)) add('cert.signature.pss', 'warning', { algorithm: cert.signatureAlgorithm });
  }
  // Names.
  if (cert.subjectCommonName !== null && cert.subjectCommonName.includes('*')) add('cert.subject.wildcard', 'error', { cn: cert.subjectCommonName });
  if (cert.extendedKeyUsage !== null && !cert.extendedKeyUsage.some((u) => SERVER_AUTH.has(u))) {
    add('cert.eku.serverauth-missing', 'error', { usages: cert.extendedKeyUsage.length ? cert.extendedKeyUsage.join(', ') : '—' });
  }
  if (cert.selfSigned && !cert.isCA) add('cert.self-signed', 'warning', { subject });
  const fqdn = ctx.fqdn?.trim();
  if (fqdn && !cert.isCA && ctx.purpose !== 'oauth') {
    const dns = cert.subjectAltNames.filter((s) => s.startsWith('DNS:')).map((s) => s.slice(4));
    const ok = dns.length > 0 ? dns.some((d) => dnsNameMatches(d, fqdn)) : cert.subjectCommonName !== null && normaliseName(cert.subjectCommonName) === normaliseName(fqdn);
    if (!ok) add('cert.name.mismatch', 'error', { fqdn, names: dns.length > 0 ? dns.join(', ') : (cert.subjectCommonName ?? '—') });
  }
  if (cert.crlDistributionPoints.length === 0 && !(cert.isCA && cert.selfSigned)) add('cert.crl-missing', 'info', {});
  return out;
}
