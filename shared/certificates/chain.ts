/**
 * The root a certificate chains to, built from the certificates the console holds: the org's
 * (the Exchange and Skype certificates a snapshot carries) and the ones an admin adds (a trusted-roots
 * PEM bundle: OrgModel.trustedRoots). Pure: no Node, no DOM.
 *
 * Why a root and not the issuer: seed 001 asks that the Client Access and Mailbox servers "doivent
 * avoir le même certificat racine que les serveurs Lync 2010 ou Lync 2013." — the same root, so a
 * two-tier PKI (leaf ← intermediate ← root) whose Exchange and Skype certificates come from two
 * intermediates of one root is correct.
 *
 * Issuer lookup follows RFC 5280 §4.2.1.1: the authority key identifier names the issuer's subject
 * key identifier when both are present; otherwise the issuer name equals the candidate's subject name.
 * Signatures are not verified here (pure code has no crypto): the chain says which root the org's
 * certificates claim; the TLS probes (main/services/live) check the real chain on the wire.
 */
import type { CertificateFacts } from './cert-model';

/** Longer chains than this are treated as broken (a loop the key identifiers did not reveal). */
const MAX_CHAIN_DEPTH = 8;

export type RootOutcome =
  /** The chain ends at a self-signed certificate the console holds. */
  | { readonly kind: 'root'; readonly root: CertificateFacts; readonly chain: readonly CertificateFacts[] }
  /** The chain ends at an issuer whose certificate is not held: `missingIssuer` is its name. */
  | { readonly kind: 'unknown'; readonly missingIssuer: string; readonly missingKeyId: string | null; readonly chain: readonly CertificateFacts[] };

const norm = (dn: string) =>
  dn
    .replace(/\s*,\s*/g, ',')
    .trim()
    .toLowerCase();

/** Is `c` its own issuer (a root, or a self-signed server certificate)? */
export function isSelfIssued(c: CertificateFacts): boolean {
  return c.selfSigned || (norm(c.subject) === norm(c.issuer) && (c.authorityKeyId == null || c.authorityKeyId === c.subjectKeyId));
}

/** Could `candidate` be the certificate that issued `c`? */
function issued(candidate: CertificateFacts, c: CertificateFacts): boolean {
  if (norm(candidate.subject) !== norm(c.issuer)) return false;
  if (c.authorityKeyId && candidate.subjectKeyId) return c.authorityKeyId === candidate.subjectKeyId;
  return true;
}

function missing(c: CertificateFacts, chain: readonly CertificateFacts[]): RootOutcome {
  return { kind: 'unknown', missingIssuer: c.issuer, missingKeyId: c.authorityKeyId ?? null, chain };
}

/** The root `cert` chains to through `pool`, or the first issuer not held. */
export function rootOf(cert: CertificateFacts, pool: readonly CertificateFacts[]): RootOutcome {
  const chain: CertificateFacts[] = [cert];
  let current = cert;
  const seen = new Set<string>([cert.thumbprint]);
  while (!isSelfIssued(current)) {
    if (chain.length > MAX_CHAIN_DEPTH) return missing(current, chain);
    // Prefer a self-issued issuer (a root) over a cross-certificate of the same name and key.
    const candidates = pool.filter((p) => !seen.has(p.thumbprint) && issued(p, current));
    const next = candidates.find(isSelfIssued) ?? candidates[0];
    if (!next) return missing(current, chain);
    seen.add(next.thumbprint);
    chain.push(next);
    current = next;
  }
  return { kind: 'root', root: current, chain };
}

/** Two roots are the same trust anchor: the same certificate, or the same name and key identifier (a re-issued root). */
export function sameRoot(a: CertificateFacts, b: CertificateFacts): boolean {
  if (a.thumbprint === b.thumbprint) return true;
  return norm(a.subject) === norm(b.subject) && a.subjectKeyId != null && a.subjectKeyId === b.subjectKeyId;
}

/**
 * Do two chains end at the same trust anchor? `true`: both at the same held root, or both at the same
 * issuer whose certificate is not held (same name, and same key identifier when both give one: one CA
 * has one root, even unseen). `false`: two different held roots. `null`: a chain ends at an issuer not
 * held and the other elsewhere — that issuer may chain to anything: the root cannot be judged.
 * (Both chains are built from the same pool, so a held chain never passes through the other's missing issuer.)
 */
export function sameAnchor(a: RootOutcome, b: RootOutcome): boolean | null {
  if (a.kind === 'root' && b.kind === 'root') return sameRoot(a.root, b.root);
  if (a.kind === 'unknown' && b.kind === 'unknown' && norm(a.missingIssuer) === norm(b.missingIssuer)) {
    if (a.missingKeyId == null || b.missingKeyId == null || a.missingKeyId === b.missingKeyId) return true;
  }
  return null;
}
