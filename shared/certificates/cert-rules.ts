/**
 * The per-certificate rules (exactly these IDs and severities), pure: no Node, no DOM. Each rule is one
 * definition (the certificate family of shared/diagnostics/registry.ts); `evaluateCertificate` runs them
 * on one certificate at `now`, optionally for an FQDN and a purpose. Their diagnostics name no org
 * object and no fix: the subject is a certificate (a file, a presented chain, an org certificate's DER).
 *
 * Where the table leaves room, the choices made:
 * - `cert.expiring`: remaining time ≤ 30 days → warning, ≤ 60 days → info (exact, in milliseconds);
 *   `{days}` is the whole days left, rounded down. Not raised once expired or before notBefore.
 * - `cert.self-signed`: never for a CA certificate (basic constraints CA:TRUE); an error for the purposes
 *   `um`, `skype-frontend` and `gateway` (seed 001 asks for a CA-signed certificate there), else a warning.
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
import type { Diagnostic, DiagnosticMessage } from '../diagnostics/diagnostic';
import type { RuleDefinition } from '../diagnostics/rule-definition';
import type { Severity } from '../model/org';
import { type CertificateFacts, type CertPurpose, type CertRuleId, dnsNamesOf } from './cert-model';

export interface CertRuleContext {
  readonly now: Date;
  readonly fqdn?: string;
  readonly purpose?: CertPurpose;
}

/** What a per-certificate rule judges: one certificate at a time, optionally for an FQDN and a purpose. */
export interface CertJudgement extends CertRuleContext {
  readonly cert: CertificateFacts;
}

export interface CertRuleDefinition extends RuleDefinition<CertJudgement> {
  readonly id: CertRuleId;
  readonly family: 'certificate';
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

/** The certificate's diagnostic: no org object (a file, a presented chain), no cmdlet fix. */
function certDiagnostic(rule: Pick<CertRuleDefinition, 'id' | 'severity' | 'sources'>, params: DiagnosticMessage['params'], severity: Severity = rule.severity): Diagnostic[] {
  return [{ rule: rule.id, severity, objects: [], message: { key: certMessageKey(rule.id), params }, fix: [], sources: rule.sources }];
}

/** A rule with the catalogue's defaults: no source key yet (the conditions are the documented choices above), derived from the X.509 facts. */
function certRule(id: CertRuleId, severity: Severity, evaluate: (j: CertJudgement, self: CertRuleDefinition) => readonly Diagnostic[]): CertRuleDefinition {
  const rule: CertRuleDefinition = { id, family: 'certificate', severity, sources: [], basis: 'DERIVED', evaluate: (j) => evaluate(j, rule) };
  return rule;
}

const time = (iso: string): number => Date.parse(iso);
const isExpired = (j: CertJudgement): boolean => !Number.isNaN(time(j.cert.notAfter)) && j.now.getTime() > time(j.cert.notAfter);
const isNotYetValid = (j: CertJudgement): boolean => !isExpired(j) && !Number.isNaN(time(j.cert.notBefore)) && j.now.getTime() < time(j.cert.notBefore);

// Validity: expired, else not yet valid, else expiring.
export const CERT_EXPIRED = certRule('cert.expired', 'error', (j, r) =>
  isExpired(j) ? certDiagnostic(r, { date: isoDay(j.cert.notAfter), days: Math.floor((j.now.getTime() - time(j.cert.notAfter)) / DAY_MS) }) : [],
);
export const CERT_NOT_YET_VALID = certRule('cert.not-yet-valid', 'error', (j, r) =>
  isNotYetValid(j) ? certDiagnostic(r, { date: isoDay(j.cert.notBefore), days: Math.ceil((time(j.cert.notBefore) - j.now.getTime()) / DAY_MS) }) : [],
);
/** Warning within EXPIRING_WARNING_DAYS, info within EXPIRING_INFO_DAYS. */
export const CERT_EXPIRING = certRule('cert.expiring', 'warning', (j, r) => {
  const notAfter = time(j.cert.notAfter);
  if (isExpired(j) || isNotYetValid(j) || Number.isNaN(notAfter)) return [];
  const left = notAfter - j.now.getTime();
  if (left > EXPIRING_INFO_DAYS * DAY_MS) return [];
  return certDiagnostic(r, { date: isoDay(j.cert.notAfter), days: Math.floor(left / DAY_MS) }, left <= EXPIRING_WARNING_DAYS * DAY_MS ? 'warning' : 'info');
});

// Key and signature.
export const CERT_KEY_WEAK = certRule('cert.key.weak', 'error', ({ cert }, r) =>
  /^RSA/i.test(cert.keyAlgorithm) && cert.keySize !== null && cert.keySize < MIN_RSA_BITS ? certDiagnostic(r, { bits: cert.keySize, min: MIN_RSA_BITS }) : [],
);
export const CERT_SIGNATURE_WEAK = certRule('cert.signature.weak', 'warning', ({ cert }, r) =>
  !cert.selfSigned && /sha-?1(?!\d)|md5|md2/i.test(cert.signatureAlgorithm) ? certDiagnostic(r, { algorithm: cert.signatureAlgorithm }) : [],
);
export const CERT_SIGNATURE_PSS = certRule('cert.signature.pss', 'warning', ({ cert }, r) =>
  !cert.selfSigned && /pss/i.test(cert.signatureAlgorithm) ? certDiagnostic(r, { algorithm: cert.signatureAlgorithm }) : [],
);

// Names.
export const CERT_SUBJECT_WILDCARD = certRule('cert.subject.wildcard', 'error', ({ cert }, r) =>
  cert.subjectCommonName !== null && cert.subjectCommonName.includes('*') ? certDiagnostic(r, { cn: cert.subjectCommonName }) : [],
);
export const CERT_EKU_SERVERAUTH_MISSING = certRule('cert.eku.serverauth-missing', 'error', ({ cert }, r) =>
  cert.extendedKeyUsage !== null && !cert.extendedKeyUsage.some((u) => SERVER_AUTH.has(u)) ? certDiagnostic(r, { usages: cert.extendedKeyUsage.length ? cert.extendedKeyUsage.join(', ') : '—' }) : [],
);
/**
 * Seed 001: for the SIP/TLS peers — UM, the Skype servers, the gateways — "vous devez utiliser un
 * certificat valide et signé par une autorité de certification tierce, publique ou privée": an error
 * for those purposes. For OAuth, seed 003 names Exchange's self-signed "certificat Microsoft Exchange
 * Server auth" as the one to use: a warning, as without a purpose.
 */
const CA_SIGNED_PURPOSES: ReadonlySet<CertPurpose> = new Set<CertPurpose>(['um', 'skype-frontend', 'gateway']);
export const CERT_SELF_SIGNED = certRule('cert.self-signed', 'warning', ({ cert, purpose }, r) =>
  cert.selfSigned && !cert.isCA
    ? certDiagnostic(r, { subject: cert.subject || cert.subjectCommonName || cert.thumbprint }, purpose !== undefined && CA_SIGNED_PURPOSES.has(purpose) ? 'error' : r.severity)
    : [],
);
export const CERT_NAME_MISMATCH = certRule('cert.name.mismatch', 'error', ({ cert, fqdn: given, purpose }, r) => {
  const fqdn = given?.trim();
  if (!fqdn || cert.isCA || purpose === 'oauth') return [];
  const dns = dnsNamesOf(cert);
  const ok = dns.length > 0 ? dns.some((d) => dnsNameMatches(d, fqdn)) : cert.subjectCommonName !== null && normaliseName(cert.subjectCommonName) === normaliseName(fqdn);
  return ok ? [] : certDiagnostic(r, { fqdn, names: dns.length > 0 ? dns.join(', ') : (cert.subjectCommonName ?? '—') });
});
export const CERT_CRL_MISSING = certRule('cert.crl-missing', 'info', ({ cert }, r) => (cert.crlDistributionPoints.length === 0 && !(cert.isCA && cert.selfSigned) ? certDiagnostic(r, {}) : []));

/** The per-certificate rules, in the order their diagnostics are listed (the certificate family of shared/diagnostics/registry.ts). */
export const PER_CERTIFICATE_RULES: readonly CertRuleDefinition[] = [
  CERT_EXPIRED,
  CERT_NOT_YET_VALID,
  CERT_EXPIRING,
  CERT_KEY_WEAK,
  CERT_SIGNATURE_WEAK,
  CERT_SIGNATURE_PSS,
  CERT_SUBJECT_WILDCARD,
  CERT_EKU_SERVERAUTH_MISSING,
  CERT_SELF_SIGNED,
  CERT_NAME_MISMATCH,
  CERT_CRL_MISSING,
];

/** Every per-certificate rule that fires on `cert` at `ctx.now`. */
export function evaluateCertificate(cert: CertificateFacts, ctx: CertRuleContext, rules: readonly CertRuleDefinition[] = PER_CERTIFICATE_RULES): Diagnostic[] {
  const judgement: CertJudgement = { cert, now: ctx.now, fqdn: ctx.fqdn, purpose: ctx.purpose };
  const out: Diagnostic[] = [];
  for (const rule of rules) for (const d of rule.evaluate(judgement)) out.push(d);
  return out;
}
