/**
 * The one certificate reader: the same facts whatever the bytes came from (a file, RawData, a
 * handshake), the findings on top, and a readable error for bytes that are not one certificate.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { before, test } from 'node:test';
import { dnsNamesOf } from '../../../../../shared/certificates/cert-model';
import { inspectCertificateFile } from '../../../../../main/services/certificates/cert-file-reader';
import { inspectCertificateDer, readCertificateBase64, readCertificateDer, UnreadableCertificate } from '../../../../../main/services/certificates/certificate-reader';
import { certFixtures, type Fixtures, PFX_PASSWORD } from '../../../../support/cert-fixtures';

let fx: Fixtures;
let now: Date;
before(() => {
  fx = certFixtures();
  now = new Date(fx.madeAt.getTime() + 3_600_000);
});

test('RawData (base64 DER) and the file give the same facts; only a container says whether the key is there', () => {
  const der = readFileSync(fx.path('leaf-good.cer'));
  const fromRaw = readCertificateBase64(der.toString('base64'));
  const { findings: _ignored, derBase64, ...fromFile } = inspectCertificateFile('leaf-good.cer', der, { now }).certificates[0]!;
  assert.deepEqual(fromRaw, fromFile);
  // A file's certificate keeps its exact DER, for the export.
  assert.equal(derBase64, der.toString('base64'));
  assert.equal(fromRaw.hasPrivateKey, false);
  assert.deepEqual(dnsNamesOf(fromRaw), ['um01.contoso.com', 'um01']);
  const {
    findings: _alsoIgnored,
    derBase64: _der,
    ...fromPfx
  } = inspectCertificateFile('chain-modern.pfx', readFileSync(fx.path('chain-modern.pfx')), { now, password: PFX_PASSWORD }).certificates[0]!;
  assert.deepEqual(fromPfx, { ...fromRaw, hasPrivateKey: true });
  assert.deepEqual(readCertificateDer(der, true), { ...fromRaw, hasPrivateKey: true });
});

test('inspectCertificateDer: RawData bytes → the certificate with its findings', () => {
  const c = inspectCertificateDer(readFileSync(fx.path('leaf-sha1.cer')), { now });
  assert.equal(c.subjectCommonName, 'sha1.contoso.com');
  assert.deepEqual(
    c.findings.map((f) => f.rule),
    ['cert.signature.weak'],
  );
  assert.deepEqual(
    inspectCertificateDer(readFileSync(fx.path('leaf-good.cer')), { now, fqdn: 'x.contoso.com' }).findings.map((f) => f.rule),
    ['cert.name.mismatch'],
  );
});

test('bytes that are not one certificate: a readable error, with the reason apart', () => {
  assert.throws(() => inspectCertificateDer(new Uint8Array([0x30, 0x03, 1, 2, 3]), { now }), /not a DER X\.509 certificate/);
  assert.throws(() => inspectCertificateDer(new Uint8Array(0), { now }), /not a DER X\.509 certificate/);
  const good = readFileSync(fx.path('leaf-good.cer'));
  assert.throws(
    () => readCertificateDer(Buffer.concat([good, Buffer.from([0])])),
    (e: unknown) => e instanceof UnreadableCertificate && e.detail === 'trailing data after the certificate' && e.message === 'not a DER X.509 certificate (trailing data after the certificate)',
  );
  assert.throws(() => readCertificateBase64(''), /^Error: no RawData$/);
  assert.throws(() => readCertificateBase64('aGVsbG8='), /not a DER X\.509 certificate/);
});

test('key identifiers: the subject and authority key identifiers as openssl prints them, null without the extension', async () => {
  const { pkiCa, pkiServer } = await import('../../../../support/pki-fixtures');
  const { execFileSync } = await import('node:child_process');
  pkiCa('Reader Test Root');
  const leaf = pkiServer('um01.contoso.com', 'Reader Test Root');
  const printed = execFileSync('openssl', ['x509', '-noout', '-ext', 'subjectKeyIdentifier,authorityKeyIdentifier'], { input: leaf.pem }).toString();
  // OpenSSL 3 prints "X509v3 Subject Key Identifier: \n    AB:CD:…" and "keyid:AB:CD:…" (1.1) or "AB:CD:…" (3.x).
  const ids = [...printed.matchAll(/(?:keyid:)?((?:[0-9A-F]{2}:){19}[0-9A-F]{2})/g)].map((m) => m[1].replace(/:/g, ''));
  assert.equal(ids.length, 2, printed);
  assert.equal(leaf.facts.subjectKeyId, ids[0]);
  assert.equal(leaf.facts.authorityKeyId, ids[1]);
  assert.equal(leaf.facts.authorityKeyId, pkiCa('Reader Test Root').facts.subjectKeyId);
  // The lab fixtures' self-signed leaf was made without either extension.
  const bare = readCertificateDer(readFileSync(fx.path('leaf-selfsigned.cer')));
  assert.equal(bare.authorityKeyId, null);
});
