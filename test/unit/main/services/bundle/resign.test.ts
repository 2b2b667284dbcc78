/**
 * A redacted self-signed certificate signed again: the reader still finds it self-signed, with a key of
 * the same type and size, one new key per original key; a CA-issued certificate is left as rewritten.
 */
import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { createResigner } from '../../../../../main/services/bundle/resign';
import { readCertificateDer } from '../../../../../main/services/certificates/certificate-reader';
import { ROOT } from '../../../../support/paths';

const raw = JSON.parse(readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8')) as { exchange: { certificates: { objects: { RawData: string }[] } } };
const ders = raw.exchange.certificates.objects.map((c) => new Uint8Array(Buffer.from(c.RawData, 'base64')));
const selfSigned = ders.filter((d) => new X509Certificate(d).verify(new X509Certificate(d).publicKey));
const issued = ders.filter((d) => !selfSigned.includes(d));

/** The same DER with its subject's common name changed wherever it is (issuer too), as the redaction changes it (same length). */
function rewritten(der: Uint8Array): Uint8Array {
  const subject = readCertificateDer(der).subjectCommonName!;
  const text = Buffer.from(der).toString('latin1');
  const out = der.slice();
  for (let at = text.indexOf(subject); at >= 0; at = text.indexOf(subject, at + 1)) out[at] = out[at] === 0x5a ? 0x59 : 0x5a;
  return out;
}

describe('createResigner', () => {
  test('a self-signed certificate rewritten is self-signed again, its key of the same size', () => {
    assert.ok(selfSigned.length > 0 && issued.length > 0, 'the lab has both kinds');
    const resign = createResigner();
    for (const der of selfSigned) {
      const changed = rewritten(der);
      assert.equal(readCertificateDer(changed).selfSigned, false, 'rewritten alone, the signature no longer verifies');
      const again = resign(der, changed);
      const facts = readCertificateDer(again);
      assert.equal(facts.selfSigned, true);
      assert.equal(facts.subject, readCertificateDer(changed).subject);
      const [a, b] = [new X509Certificate(der).publicKey, new X509Certificate(again).publicKey];
      assert.equal(b.asymmetricKeyType, a.asymmetricKeyType);
      assert.deepEqual(b.asymmetricKeyDetails, a.asymmetricKeyDetails);
      assert.notEqual(b.export({ type: 'spki', format: 'der' }).toString('hex'), a.export({ type: 'spki', format: 'der' }).toString('hex'));
    }
    // One original key, one new key.
    const first = new X509Certificate(resign(selfSigned[0]!, rewritten(selfSigned[0]!))).publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    const second = new X509Certificate(resign(selfSigned[0]!, rewritten(selfSigned[0]!))).publicKey.export({ type: 'spki', format: 'der' }).toString('hex');
    assert.equal(first, second);
  });

  test('a certificate issued by a CA is left as rewritten', () => {
    const resign = createResigner();
    const der = issued[0]!;
    const changed = rewritten(der);
    assert.deepEqual(resign(der, changed), changed);
  });
});
