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

/** Two distinguished names are equal once normalised (equal strings need no normalising). */
const sameName = (a: string, b: string) => a === b || norm(a) === norm(b);

/** Is `c` its own issuer (a root, or a self-signed server certificate)? */
export function isSelfIssued(c: CertificateFacts): boolean {
  return c.selfSigned || ((c.authorityKeyId == null || c.authorityKeyId === c.subjectKeyId) && sameName(c.subject, c.issuer));
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

/**
 * The pool's certificates by normalised subject name, in pool order: an issuer is looked up by name
 * once per chain step instead of normalising both names for every certificate × candidate pair
 * (R-X-01 builds a chain for each of hundreds of certificates over the same pool).
 */
export type IssuerIndex = ReadonlyMap<string, readonly CertificateFacts[]>;

export function issuerIndex(pool: readonly CertificateFacts[]): IssuerIndex {
  const bySubject = new Map<string, CertificateFacts[]>();
  for (const p of pool) {
    const key = norm(p.subject);
    const bucket = bySubject.get(key);
    if (bucket) bucket.push(p);
    else bySubject.set(key, [p]);
  }
  return bySubject;
}

/** One index per pool array: callers pass the same pool for every certificate of an org. */
const indexes = new WeakMap<readonly CertificateFacts[], IssuerIndex>();

function indexOf(pool: readonly CertificateFacts[]): IssuerIndex {
  let index = indexes.get(pool);
  if (!index) indexes.set(pool, (index = issuerIndex(pool)));
  return index;
}

/**
 * The root `cert` chains to through `pool`, or the first issuer not held. The pool is indexed on
 * first use (kept while the array lives): do not change an array after passing it here.
 */
export function rootOf(cert: CertificateFacts, pool: readonly CertificateFacts[]): RootOutcome {
  const index = indexOf(pool);
  const chain: CertificateFacts[] = [cert];
  let current = cert;
  const seen = new Set<string>([cert.thumbprint]);
  while (!isSelfIssued(current)) {
    if (chain.length > MAX_CHAIN_DEPTH) return missing(current, chain);
    // Same as `issued` over the pool: the name matched through the index, then the key identifiers.
    const named = index.get(norm(current.issuer)) ?? [];
    const at = current;
    const candidates = named.filter((p) => !seen.has(p.thumbprint) && (!at.authorityKeyId || !p.subjectKeyId || at.authorityKeyId === p.subjectKeyId));
    // Prefer a self-issued issuer (a root) over a cross-certificate of the same name and key.
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
  // Key identifiers first: comparing them is cheaper than normalising two names.
  return a.subjectKeyId != null && a.subjectKeyId === b.subjectKeyId && sameName(a.subject, b.subject);
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
  if (a.kind === 'unknown' && b.kind === 'unknown') {
    const keysAgree = a.missingKeyId == null || b.missingKeyId == null || a.missingKeyId === b.missingKeyId;
    if (keysAgree && sameName(a.missingIssuer, b.missingIssuer)) return true;
  }
  return null;
}

// ------------------------------------------------------------------ one file's chain, as a tree with a verdict

/**
 * What the inspector says of a file's certificates, as KeyStore Explorer and certlm.msc show a chain:
 * - `complete`: every certificate chains to a self-signed root (in the file or among the trusted roots
 *   given), every signature verifies, and the file lists each certificate before its issuer;
 * - `root-missing`: some certificate's issuer is in neither the file nor the trusted roots;
 * - `broken-signature`: an issuer's key (or a root's own key) does not verify a certificate's signature;
 * - `wrong-order`: complete, but the file lists an issuer before a certificate it issued. A TLS server
 *   sends its chain leaf first, each certificate followed by the one that certifies it (RFC 8446 §4.4.2,
 *   RFC 5246 §7.4.2), and a PEM bundle handed to a server is read in that order. PKCS#7 and PKCS#12 hold
 *   their certificates as a SET (RFC 5652 §5.1 CertificateSet, RFC 7292 SafeContents): their order is not judged.
 * The first that applies, in that order of gravity.
 */
export type ChainVerdict = 'complete' | 'root-missing' | 'broken-signature' | 'wrong-order';
export const CHAIN_VERDICTS: readonly ChainVerdict[] = ['complete', 'root-missing', 'broken-signature', 'wrong-order'];

/** Whether the issuer's key verifies this certificate's signature (a root: its own key); `unchecked` without the keys at hand. */
export type SignatureCheck = 'valid' | 'invalid' | 'unchecked';

export interface ChainNode {
  /** The certificate's position in the file (0-based); null for a root taken from the trusted roots, or a missing issuer. */
  readonly index: number | null;
  /** `file`: a certificate of the file; `trusted`: a root from the trusted roots; `missing`: an issuer held nowhere (its name in `subject`). */
  readonly source: 'file' | 'trusted' | 'missing';
  readonly subject: string;
  readonly issuer: string;
  readonly thumbprint: string | null;
  readonly notBefore: string | null;
  readonly notAfter: string | null;
  readonly isCA: boolean;
  readonly selfSigned: boolean;
  readonly signature: SignatureCheck;
  /** The certificates this one issued, in file order. */
  readonly children: readonly ChainNode[];
}

export interface ChainReport {
  readonly verdict: ChainVerdict;
  /** The tops of the tree (roots, or the issuers held nowhere), each with what it issued below it. */
  readonly tops: readonly ChainNode[];
  /** The issuers held nowhere, by name. */
  readonly missingIssuers: readonly string[];
  /** File positions (0-based) of the certificates whose signature does not verify. */
  readonly brokenSignatures: readonly number[];
  /** Whether the file's order was judged (PEM, DER: yes; PKCS#7, PKCS#12: no), and the order expected (leaf first, each followed by its issuer). */
  readonly orderJudged: boolean;
  readonly orderMatches: boolean;
  readonly expectedOrder: readonly number[];
  /** Every top is a root among the trusted roots given; null when none were given. */
  readonly trustedRoot: boolean | null;
}

export interface ChainReportOptions {
  /** Roots the admin trusts (the trusted-roots bundle); they complete a chain the file does not end. */
  readonly trustedRoots?: readonly CertificateFacts[];
  /** Does `issuer`'s public key verify `cert`'s signature? null: cannot tell. Given by main (node:crypto); pure code has no crypto. */
  readonly verify?: (cert: CertificateFacts, issuer: CertificateFacts) => boolean | null;
  /** Is the file's order meaningful (PEM, concatenated DER)? Default true. */
  readonly ordered?: boolean;
}

interface Held {
  readonly facts: CertificateFacts;
  readonly index: number | null;
}

/** The chain tree of one file's certificates, with its verdict. */
export function chainReport(certs: readonly CertificateFacts[], o: ChainReportOptions = {}): ChainReport {
  const fileThumbs = new Set(certs.map((c) => c.thumbprint));
  const trusted = (o.trustedRoots ?? []).filter((r) => isSelfIssued(r) && !fileThumbs.has(r.thumbprint));
  const pool: Held[] = [...certs.map((facts, index) => ({ facts, index })), ...trusted.map((facts) => ({ facts, index: null }))];

  // Each file certificate's issuer: one of the file (nearest after it first) or a trusted root.
  const parent = new Map<number, Held | null>();
  certs.forEach((c, i) => {
    if (isSelfIssued(c)) return parent.set(i, null);
    const candidates = pool.filter((p) => p.index !== i && p.facts.thumbprint !== c.thumbprint && issued(p.facts, c));
    const byPreference = [...candidates].sort((a, b) => rank(a, i) - rank(b, i));
    parent.set(i, byPreference[0] ?? null);
  });
  // A loop the key identifiers did not reveal (A issued B issued A): cut it where it closes.
  certs.forEach((_, i) => {
    const seen = new Set<number>([i]);
    let at = parent.get(i);
    while (at && at.index !== null) {
      if (seen.has(at.index)) {
        parent.set(i, null);
        break;
      }
      seen.add(at.index);
      at = parent.get(at.index);
    }
  });

  const check = (c: CertificateFacts, issuer: CertificateFacts | null): SignatureCheck => {
    if (issuer === null) {
      if (!isSelfIssued(c)) return 'unchecked';
      // A self-issued certificate is a root: its own key must verify it (the reader's `selfSigned`).
      return c.selfSigned ? 'valid' : 'invalid';
    }
    const ok = o.verify?.(c, issuer) ?? null;
    return ok === null ? 'unchecked' : ok ? 'valid' : 'invalid';
  };

  const childrenOf = (key: Held | string): number[] =>
    certs
      .map((_, i) => i)
      .filter((i) => {
        const p = parent.get(i);
        if (typeof key === 'string') return p === null && !isSelfIssued(certs[i]) && norm(certs[i].issuer) === key;
        return p != null && (key.index !== null ? p.index === key.index : p.facts.thumbprint === key.facts.thumbprint && p.index === null);
      });

  const brokenSignatures: number[] = [];
  const node = (held: Held, depth: number): ChainNode => {
    const c = held.facts;
    const p = held.index === null ? null : (parent.get(held.index) ?? null);
    const signature = held.index === null ? check(c, null) : check(c, p?.facts ?? null);
    if (signature === 'invalid' && held.index !== null) brokenSignatures.push(held.index);
    const kids = depth > MAX_CHAIN_DEPTH * 4 ? [] : childrenOf(held).map((i) => node({ facts: certs[i], index: i }, depth + 1));
    return {
      index: held.index,
      source: held.index === null ? 'trusted' : 'file',
      subject: c.subject,
      issuer: c.issuer,
      thumbprint: c.thumbprint,
      notBefore: c.notBefore,
      notAfter: c.notAfter,
      isCA: c.isCA,
      selfSigned: isSelfIssued(c),
      signature,
      children: kids,
    };
  };

  const tops: ChainNode[] = [];
  const missingIssuers: string[] = [];
  // Roots of the file, and trusted roots that issued something of the file.
  certs.forEach((c, i) => {
    if (isSelfIssued(c)) tops.push(node({ facts: c, index: i }, 0));
  });
  for (const t of trusted) {
    const held: Held = { facts: t, index: null };
    if (childrenOf(held).length > 0) tops.push(node(held, 0));
  }
  // Issuers held nowhere, one top per name.
  const missingNames = new Map<string, string>();
  certs.forEach((c, i) => {
    if (parent.get(i) === null && !isSelfIssued(c) && !missingNames.has(norm(c.issuer))) missingNames.set(norm(c.issuer), c.issuer);
  });
  for (const [key, issuer] of missingNames) {
    missingIssuers.push(issuer);
    const kids = childrenOf(key).map((i) => node({ facts: certs[i], index: i }, 1));
    tops.push({
      index: null,
      source: 'missing',
      subject: issuer,
      issuer: '',
      thumbprint: null,
      notBefore: null,
      notAfter: null,
      isCA: true,
      selfSigned: false,
      signature: 'unchecked',
      children: kids,
    });
  }

  // Expected order: from each end of a path (a certificate that issued none of the file), up to its root.
  const issuedSomething = new Set<number>();
  for (const p of parent.values()) if (p && p.index !== null) issuedSomething.add(p.index);
  const expectedOrder: number[] = [];
  certs.forEach((_, i) => {
    if (issuedSomething.has(i)) return;
    for (let at: number | null = i; at !== null && !expectedOrder.includes(at);) {
      expectedOrder.push(at);
      const p = parent.get(at);
      at = p && p.index !== null ? p.index : null;
    }
  });
  certs.forEach((_, i) => {
    if (!expectedOrder.includes(i)) expectedOrder.push(i); // inside a loop that was cut
  });
  const orderJudged = o.ordered !== false;
  const orderMatches = [...parent.entries()].every(([i, p]) => !p || p.index === null || p.index > i);

  brokenSignatures.sort((a, b) => a - b);
  const trustedRoot =
    (o.trustedRoots ?? []).length === 0
      ? null
      : missingIssuers.length === 0 && tops.every((t) => (o.trustedRoots ?? []).some((r) => t.thumbprint !== null && (r.thumbprint === t.thumbprint || sameRootNode(r, t))));
  const verdict: ChainVerdict = brokenSignatures.length > 0 ? 'broken-signature' : missingIssuers.length > 0 ? 'root-missing' : orderJudged && !orderMatches ? 'wrong-order' : 'complete';
  return { verdict, tops, missingIssuers, brokenSignatures, orderJudged, orderMatches, expectedOrder, trustedRoot };
}

/** The issuer to prefer: one of the file after the certificate (the nearest), then one before it, then a trusted root. */
function rank(h: Held, i: number): number {
  if (h.index === null) return 1e6;
  return h.index > i ? h.index - i : 1e3 + (i - h.index);
}

function sameRootNode(r: CertificateFacts, t: ChainNode): boolean {
  return norm(r.subject) === norm(t.subject) && r.thumbprint === t.thumbprint;
}

/** The verdict as a message to render (i18n key of shared/i18n/cert-inspector.*.ts and its parameters): the screen and the CLI say the same. */
export function chainVerdictMessage(
  chain: ChainReport,
  certs: readonly Pick<CertificateFacts, 'subjectCommonName'>[],
): { readonly key: string; readonly params: Readonly<Record<string, string | number>> } {
  switch (chain.verdict) {
    case 'broken-signature':
      return { key: 'certInspector.verdict.broken-signature', params: { count: chain.brokenSignatures.length } };
    case 'root-missing':
      return { key: 'certInspector.verdict.root-missing', params: { count: chain.missingIssuers.length, issuer: chain.missingIssuers[0] ?? '' } };
    case 'wrong-order':
      return { key: 'certInspector.verdict.wrong-order', params: { order: chain.expectedOrder.map((i) => `#${i + 1}`).join(', ') } };
    case 'complete': {
      const top = chain.tops[0];
      const root = top ? ((top.index !== null ? certs[top.index]?.subjectCommonName : null) ?? top.subject) : '';
      const key = chain.trustedRoot === true ? 'certInspector.verdict.completeTrusted' : chain.trustedRoot === false ? 'certInspector.verdict.completeUntrusted' : 'certInspector.verdict.complete';
      return { key, params: { root } };
    }
  }
}
