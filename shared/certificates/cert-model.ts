/**
 * Certificates as the Certificates screen and `umc cert inspect` show them: the fields of
 * one X.509 certificate, the per-certificate rules' findings, and the result of inspecting a file.
 * Pure data: no Node, no DOM.
 */
import type { Severity } from '../model/org';

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

export interface CertFinding {
  readonly rule: CertRuleId;
  readonly severity: Severity;
  /** English text (CLI JSON, logs); the UI renders `key` with `params` in its language. */
  readonly message: string;
  readonly key: string;
  readonly params: Readonly<Record<string, string | number>>;
}

export interface InspectedCertificate {
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
  readonly findings: readonly CertFinding[];
}

export type InspectErrorCode = 'unreadable' | 'not-a-certificate' | 'password-required' | 'wrong-password' | 'unsupported' | 'too-large';

export interface FileInspection {
  /** The file as given (a path in the CLI, a file name in the UI). */
  readonly file: string;
  readonly error: { readonly code: InspectErrorCode; readonly message: string } | null;
  readonly certificates: readonly InspectedCertificate[];
}

/** What a certificate is judged for (optional per inspection). */
export type CertPurpose = 'um' | 'skype-frontend' | 'oauth' | 'gateway';
export const CERT_PURPOSES: readonly CertPurpose[] = ['um', 'skype-frontend', 'oauth', 'gateway'];

/** Files above this are refused before parsing. */
export const MAX_CERT_FILE_BYTES = 10 * 1024 * 1024;
