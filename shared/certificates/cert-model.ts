/**
 * Certificates as the console knows them: the facts of one X.509 certificate (read once, by
 * main/services/certificates/certificate-reader.ts, from a file, a snapshot's RawData or a TLS handshake),
 * the per-certificate rules' findings, and the result of inspecting a file (the org's inventory: inventory-model.ts).
 * Pure data: no Node, no DOM.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ChainReport } from './chain';

/** The per-certificate rules, with exactly these IDs. */
export const CERT_RULES = [
  'cert.expired',
  'cert.not-yet-valid',
  'cert.expiring',
  'cert.key.weak',
  'cert.signature.weak',
  'cert.signature.pss',
  'cert.subject.wildcard',
  'cert.eku.serverauth-missing',
  'cert.self-signed',
  'cert.name.mismatch',
  'cert.crl-missing',
] as const;
export type CertRuleId = (typeof CERT_RULES)[number];

/**
 * One certificate's facts. From its DER, every field is read; a Get-CsCertificate object printed
 * without RawData gives its printed fields only (docs/remote-shapes.md): the rest is `unknown`, null or empty.
 */
export interface CertificateFacts {
  /** Most-specific RDN first, comma-separated, as Windows shows it. */
  readonly subject: string;
  readonly subjectCommonName: string | null;
  readonly issuer: string;
  /** SHA-1, upper-case hex without separators, as Windows shows it. */
  readonly thumbprint: string;
  readonly serialNumber: string;
  /** ISO 8601 UTC. */
  readonly notBefore: string;
  readonly notAfter: string;
  /** RSA, EC, Ed25519, … */
  readonly keyAlgorithm: string;
  /** RSA modulus bits, EC curve bits; null when unknown. */
  readonly keySize: number | null;
  /** e.g. sha256WithRSAEncryption, RSASSA-PSS, ecdsa-with-SHA256. */
  readonly signatureAlgorithm: string;
  /** "DNS:name", "IP:addr", "URI:…", "email:…" as certutil/openssl print them. */
  readonly subjectAltNames: readonly string[];
  /** Extended key usages by name where known (serverAuth, clientAuth…), else the OID; null without the extension. */
  readonly extendedKeyUsage: readonly string[] | null;
  readonly isCA: boolean;
  readonly pathLength: number | null;
  readonly selfSigned: boolean;
  readonly hasPrivateKey: boolean;
  readonly crlDistributionPoints: readonly string[];
  /**
   * Subject and authority key identifiers (RFC 5280 §4.2.1.2, §4.2.1.1), upper-case hex; null without
   * the extension. They link a certificate to its issuer's when the chain is built
   * (shared/certificates/chain.ts). Optional: facts printed without RawData do not have them.
   */
  readonly subjectKeyId?: string | null;
  readonly authorityKeyId?: string | null;
  /**
   * SHA-256 of the DER, upper-case hex: what KeyStore Explorer and browsers show beside the SHA-1
   * `thumbprint` (Windows' certlm.msc and Get-ExchangeCertificate's Thumbprint are SHA-1). Optional:
   * facts printed without RawData do not have it.
   */
  readonly sha256Thumbprint?: string;
  /**
   * Key usage bits by their RFC 5280 §4.2.1.3 names (digitalSignature, keyEncipherment, keyCertSign…);
   * null without the extension (any use allowed). Optional as above.
   */
  readonly keyUsage?: readonly string[] | null;
}

export interface InspectedCertificate extends CertificateFacts {
  /** The per-certificate rules that fired (shared/certificates/cert-rules.ts); their `rule` is a CertRuleId. */
  readonly findings: readonly Diagnostic[];
  /** The certificate's DER, base64 — kept for an inspected file so any certificate of it can be exported (PEM or DER). */
  readonly derBase64?: string;
}

/** The DNS names among the subject alternative names ("DNS:x" → "x"), in order. */
export function dnsNamesOf(cert: Pick<CertificateFacts, 'subjectAltNames'>): string[] {
  return cert.subjectAltNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4));
}

/** `cancelled`: the inspection was stopped (certificates.cancel, Ctrl-C in the CLI) before this file was read. */
export type InspectErrorCode = 'unreadable' | 'not-a-certificate' | 'password-required' | 'wrong-password' | 'unsupported' | 'too-large' | 'cancelled';

export interface FileInspection {
  /** The file as given (a path in the CLI, a file name in the UI). */
  readonly file: string;
  readonly error: { readonly code: InspectErrorCode; readonly message: string } | null;
  readonly certificates: readonly InspectedCertificate[];
  /** The file's certificates as a chain tree with its verdict (shared/certificates/chain.ts); absent when the file was not read. */
  readonly chain?: ChainReport;
}

/** What a certificate is judged for (optional per inspection). */
export type CertPurpose = 'um' | 'skype-frontend' | 'oauth' | 'gateway';
export const CERT_PURPOSES: readonly CertPurpose[] = ['um', 'skype-frontend', 'oauth', 'gateway'];

/** Files above this are refused before parsing. */
export const MAX_CERT_FILE_BYTES = 10 * 1024 * 1024;
