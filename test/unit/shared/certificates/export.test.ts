/** PEM and file names of an exported certificate; the PEM read back by openssl is the certificate's DER. */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import { exportFileName, pemFromBase64 } from '../../../../shared/certificates/export';
import { pkiServer } from '../../../support/pki-fixtures';

test('PEM: RFC 7468 lines of 64, openssl reads back the same DER', () => {
  const c = pkiServer('export.litwareinc.com', null);
  const pem = pemFromBase64(c.rawData);
  const lines = pem.trim().split('\n');
  assert.equal(lines[0], '-----BEGIN CERTIFICATE-----');
  assert.equal(lines.at(-1), '-----END CERTIFICATE-----');
  assert.ok(lines.slice(1, -2).every((l) => l.length === 64));
  assert.ok(lines.at(-2)!.length <= 64);
  assert.ok(execFileSync('openssl', ['x509', '-outform', 'DER'], { input: pem }).equals(Buffer.from(c.rawData, 'base64')));
});

test('file names: the CN made safe, else the thumbprint; .pem or .cer', () => {
  assert.equal(exportFileName('um01.contoso.com', 'AB'.repeat(20), 'pem'), 'um01.contoso.com.pem');
  assert.equal(exportFileName('*.contoso.com', 'AB'.repeat(20), 'der'), 'wildcard.contoso.com.cer');
  assert.equal(exportFileName('Contoso Root CA / 2', 'AB'.repeat(20), 'der'), 'Contoso_Root_CA_2.cer');
  assert.equal(exportFileName('../..', '0123456789ABCDEF0123', 'pem'), '0123456789ABCDEF.pem');
  assert.equal(exportFileName(null, '0123456789ABCDEF0123', 'der'), '0123456789ABCDEF.cer');
});
