/**
 * Building a certificate's chain to its root from the certificates the console holds (seed 001: "le même
 * certificat racine"), on real PKIs made with openssl (test/support/pki-fixtures.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CertificateFacts } from '../../../../shared/certificates/cert-model';
import { type ChainNode, chainReport, isSelfIssued, issuerIndex, rootOf, sameAnchor, sameRoot } from '../../../../shared/certificates/chain';
import { readCertificateDer, signatureVerifies } from '../../../../main/services/certificates/certificate-reader';
import { pkiCa, type PkiCertificate, pkiServer } from '../../../support/pki-fixtures';

const ROOT = 'Chain Test Root';
const I1 = 'Chain Test Issuing 1';
const I2 = 'Chain Test Issuing 2';
const OTHER = 'Chain Test Other Root';
let root: CertificateFacts, i1: CertificateFacts, i2: CertificateFacts, other: CertificateFacts;
let ex: CertificateFacts, fe: CertificateFacts, exOther: CertificateFacts;

before(() => {
  root = pkiCa(ROOT).facts;
  i1 = pkiCa(I1, ROOT).facts;
  i2 = pkiCa(I2, ROOT).facts;
  other = pkiCa(OTHER).facts;
  ex = pkiServer('ex01.litwareinc.com', I1).facts;
  fe = pkiServer('fe01.litwareinc.com', I2).facts;
  exOther = pkiServer('ex01.litwareinc.com', OTHER).facts;
});

const subjects = (chain: readonly CertificateFacts[]) => chain.map((c) => c.subjectCommonName);

describe('rootOf', () => {
  test('leaf ← intermediate ← root, whatever order the pool holds them in', () => {
    const r = rootOf(ex, [root, fe, i2, i1]);
    assert.equal(r.kind, 'root');
    assert.deepEqual(subjects(r.chain), ['ex01.litwareinc.com', I1, ROOT]);
  });
  test('the chain ends at an issuer not held: its name and key identifier', () => {
    const r = rootOf(ex, [root, i2]);
    assert.equal(r.kind, 'unknown');
    assert.ok(r.kind === 'unknown');
    assert.equal(r.missingIssuer, `CN=${I1}, DC=litwareinc, DC=com`);
    assert.equal(r.missingKeyId, i1.subjectKeyId);
  });
  test('a certificate with the issuer’s name but another key is not its issuer (authority key identifier)', () => {
    // The leaf names "Chain Test Issuing 1"; a CA of that name under another root has another key.
    const impostor = pkiCa(I1 + ' ', OTHER).facts; // a different CA: its own key
    const renamed = { ...impostor, subject: i1.subject };
    const r = rootOf(ex, [renamed, root]);
    assert.equal(r.kind, 'unknown');
  });
  test('a self-signed server certificate is its own root', () => {
    const self = pkiServer('ex02.litwareinc.com', null).facts;
    assert.ok(isSelfIssued(self));
    const r = rootOf(self, []);
    assert.ok(r.kind === 'root' && r.root.thumbprint === self.thumbprint);
  });
  test('a loop of names without key identifiers ends, as an issuer not held', () => {
    const a = { ...i1, subject: 'CN=A', issuer: 'CN=B', selfSigned: false, thumbprint: 'A', subjectKeyId: null, authorityKeyId: null };
    const b = { ...i1, subject: 'CN=B', issuer: 'CN=A', selfSigned: false, thumbprint: 'B', subjectKeyId: null, authorityKeyId: null };
    const r = rootOf(a, [a, b]);
    assert.equal(r.kind, 'unknown');
  });
});

describe('issuerIndex', () => {
  test('certificates by subject name, spacing and case aside, in pool order', () => {
    // A name written `CN=x, O=y` by one tool and `cn=x,o=y` by another is one name (RFC 5280 §7.1 compares names case-insensitively).
    const respelled = { ...i1, thumbprint: 'AA'.repeat(20), subject: i1.subject.toUpperCase().replace(/,/g, ' , ') };
    const index = issuerIndex([root, i1, ex, respelled]);
    const bucket = [...index.values()].find((b) => b.includes(i1));
    assert.deepEqual(bucket, [i1, respelled]);
    assert.equal(index.size, 3);
  });
  test('one pool, many chains: the same outcomes as one pool per chain', () => {
    const pool = [fe, i2, root, i1, other];
    for (const c of [ex, fe, exOther]) assert.deepEqual(rootOf(c, pool), rootOf(c, [...pool]));
  });
});

describe('sameAnchor', () => {
  test('two intermediates of one held root: the same root', () => {
    assert.equal(sameAnchor(rootOf(ex, [i1, i2, root]), rootOf(fe, [i1, i2, root])), true);
  });
  test('two held roots: different', () => {
    assert.equal(sameAnchor(rootOf(exOther, [other, i2, root]), rootOf(fe, [other, i2, root])), false);
  });
  test('the same issuer not held: one CA, one root', () => {
    const fe1 = pkiServer('fe01.litwareinc.com', I1).facts;
    assert.equal(sameAnchor(rootOf(ex, []), rootOf(fe1, [])), true);
  });
  test('two different issuers not held, or one held root and one issuer not held: cannot judge', () => {
    assert.equal(sameAnchor(rootOf(ex, []), rootOf(fe, [])), null);
    assert.equal(sameAnchor(rootOf(ex, [i1, root]), rootOf(fe, [])), null);
  });
  test('sameRoot: the same certificate, or a re-issued root (same name and key identifier)', () => {
    assert.ok(sameRoot(root, root));
    assert.ok(sameRoot(root, { ...root, thumbprint: 'REISSUED' }));
    assert.ok(!sameRoot(root, other));
  });
});

describe('chainReport: one file’s certificates as a tree with a verdict', () => {
  // The DER of every certificate a test hands over, by thumbprint: the real signature check (node:crypto).
  const ders = new Map<string, Buffer>();
  const held = (c: PkiCertificate): CertificateFacts => {
    const der = Buffer.from(c.rawData, 'base64');
    ders.set(c.facts.thumbprint, der);
    return c.facts;
  };
  const verify = (a: CertificateFacts, b: CertificateFacts) => {
    const x = ders.get(a.thumbprint);
    const y = ders.get(b.thumbprint);
    return x && y ? signatureVerifies(x, y) : null;
  };
  /** The tree as "subject(index)[signature]" lines, indented by depth. */
  const draw = (tops: readonly ChainNode[]): string[] => {
    const out: string[] = [];
    const walk = (n: ChainNode, depth: number) => {
      out.push(`${'  '.repeat(depth)}${n.subject.split(',')[0]}(${n.index ?? n.source})[${n.signature}]`);
      n.children.forEach((c) => walk(c, depth + 1));
    };
    tops.forEach((t) => walk(t, 0));
    return out;
  };
  let r: CertificateFacts, i: CertificateFacts, leaf: CertificateFacts;
  before(() => {
    r = held(pkiCa(ROOT));
    i = held(pkiCa(I1, ROOT));
    leaf = held(pkiServer('ex01.litwareinc.com', I1));
  });

  test('leaf, intermediate, root in issuer order: complete, root on top, each signature verified', () => {
    const c = chainReport([leaf, i, r], { verify });
    assert.equal(c.verdict, 'complete');
    assert.deepEqual(draw(c.tops), [`CN=${ROOT}(2)[valid]`, `  CN=${I1}(1)[valid]`, '    CN=ex01.litwareinc.com(0)[valid]']);
    assert.deepEqual(c.expectedOrder, [0, 1, 2]);
    assert.equal(c.orderMatches, true);
    assert.equal(c.trustedRoot, null);
  });
  test('root first: the same tree, verdict wrong order, the order expected given', () => {
    const c = chainReport([r, i, leaf], { verify });
    assert.equal(c.verdict, 'wrong-order');
    assert.deepEqual(c.expectedOrder, [2, 1, 0]);
    assert.equal(draw(c.tops)[0], `CN=${ROOT}(0)[valid]`);
  });
  test('a PKCS#7 or PKCS#12 set: its order is not judged', () => {
    const c = chainReport([r, leaf, i], { verify, ordered: false });
    assert.equal(c.verdict, 'complete');
    assert.equal(c.orderJudged, false);
    assert.equal(c.orderMatches, false);
  });
  test('the leaf and its intermediate without the root: root missing, named on top', () => {
    const c = chainReport([leaf, i], { verify });
    assert.equal(c.verdict, 'root-missing');
    assert.deepEqual(c.missingIssuers, [r.subject]);
    assert.deepEqual(draw(c.tops), [`CN=${ROOT}(missing)[unchecked]`, `  CN=${I1}(1)[unchecked]`, '    CN=ex01.litwareinc.com(0)[valid]']);
  });
  test('the root among the trusted roots completes the chain, and says it is trusted', () => {
    const c = chainReport([leaf, i], { verify, trustedRoots: [r] });
    assert.equal(c.verdict, 'complete');
    assert.equal(c.trustedRoot, true);
    assert.deepEqual(draw(c.tops), [`CN=${ROOT}(trusted)[valid]`, `  CN=${I1}(1)[valid]`, '    CN=ex01.litwareinc.com(0)[valid]']);
    // Trusted roots given, but the file ends at another root: complete, not trusted.
    const o = held(pkiCa(OTHER));
    const c2 = chainReport([leaf, i, r], { verify, trustedRoots: [o] });
    assert.equal(c2.verdict, 'complete');
    assert.equal(c2.trustedRoot, false);
  });
  test('a leaf whose signature bytes were altered: broken signature, at its position', () => {
    const der = Buffer.from(pkiServer('ex01.litwareinc.com', I1).rawData, 'base64');
    der[der.length - 5] ^= 0xff; // inside the signature BIT STRING: the DER still parses
    const broken = readCertificateDer(der);
    ders.set(broken.thumbprint, der);
    const c = chainReport([broken, i, r], { verify });
    assert.equal(c.verdict, 'broken-signature');
    assert.deepEqual(c.brokenSignatures, [0]);
    assert.deepEqual(draw(c.tops).at(-1), '    CN=ex01.litwareinc.com(0)[invalid]');
  });
  test('a certificate issued by another CA of the same name (another key): not verified by it', () => {
    // Same issuer name, no key identifiers to tell them apart: only the signature shows it.
    const impostor = held(pkiCa('Chain Test Impostor', OTHER));
    const renamed = { ...impostor, subject: i.subject, subjectKeyId: null };
    const c = chainReport([{ ...leaf, authorityKeyId: null }, renamed], { verify: (a, b) => verify(a.thumbprint === leaf.thumbprint ? leaf : a, b) });
    assert.equal(c.verdict, 'broken-signature');
    assert.deepEqual(c.brokenSignatures, [0]);
  });
  test('two leaves of one intermediate: one tree, both below it', () => {
    const fe1 = held(pkiServer('fe01.litwareinc.com', I1));
    const c = chainReport([leaf, fe1, i, r], { verify });
    assert.equal(c.verdict, 'complete');
    assert.deepEqual(draw(c.tops), [`CN=${ROOT}(3)[valid]`, `  CN=${I1}(2)[valid]`, '    CN=ex01.litwareinc.com(0)[valid]', '    CN=fe01.litwareinc.com(1)[valid]']);
  });
  test('a self-signed server certificate alone: complete, its own root', () => {
    const self = held(pkiServer('ex02.litwareinc.com', null));
    const c = chainReport([self], { verify });
    assert.equal(c.verdict, 'complete');
    assert.equal(c.tops.length, 1);
    assert.equal(c.tops[0].selfSigned, true);
  });
  test('without a verifier the signatures say unchecked, and the verdict rests on names alone', () => {
    const c = chainReport([leaf, i, r]);
    assert.equal(c.verdict, 'complete');
    assert.equal(c.tops[0].children[0].signature, 'unchecked');
  });
  test('a loop of names: cut, reported as an issuer held nowhere, never endless', () => {
    const a = { ...i, subject: 'CN=A', issuer: 'CN=B', selfSigned: false, thumbprint: 'A', subjectKeyId: null, authorityKeyId: null };
    const b = { ...i, subject: 'CN=B', issuer: 'CN=A', selfSigned: false, thumbprint: 'B', subjectKeyId: null, authorityKeyId: null };
    const c = chainReport([a, b]);
    assert.equal(c.verdict, 'root-missing');
    assert.equal(c.expectedOrder.length, 2);
  });
});
