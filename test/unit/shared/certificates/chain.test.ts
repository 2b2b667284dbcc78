/**
 * Building a certificate's chain to its root from the certificates the console holds (seed 001: "le même
 * certificat racine"), on real PKIs made with openssl (test/support/pki-fixtures.ts).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { CertificateFacts } from '../../../../shared/certificates/cert-model';
import { isSelfIssued, rootOf, sameAnchor, sameRoot } from '../../../../shared/certificates/chain';
import { pkiCa, pkiServer } from '../../../support/pki-fixtures';

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
