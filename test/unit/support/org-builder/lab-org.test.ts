/**
 * The lab org the console ships is exactly what the builder makes: built again around the
 * certificates of the committed file (scripts/make-lab.ts makes new ones with openssl, so only
 * their fields may differ after `npm run lab:regenerate`), the text is byte for byte the file's.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { dnsNamesOf } from '../../../../shared/certificates/cert-model';
import { LAB_PATH } from '../../../support/lab';
import { buildLabSnapshot, LAB_CERTIFICATE_NAMES, LAB_CERTIFICATE_SPECS, type LabCertificate, type LabCertificates, labSnapshotText } from '../../../support/org-builder/lab-org';

/** The certificates of the committed lab file, by the name the builder knows them by (subject `CN=<cn>`). */
function committedCertificates(text: string): LabCertificates {
  const raw = JSON.parse(text) as { exchange: { certificates: { objects: { RawData?: string }[] } }; skype: { certificates: { objects: { RawData?: string }[] } } };
  const bySubject = new Map<string, LabCertificate>();
  for (const o of [...raw.exchange.certificates.objects, ...raw.skype.certificates.objects]) {
    if (!o.RawData) continue;
    const f = readCertificateBase64(o.RawData);
    if (!bySubject.has(f.subject))
      bySubject.set(f.subject, {
        rawData: o.RawData,
        thumbprint: f.thumbprint,
        subject: f.subject,
        issuer: f.issuer,
        serialNumber: f.serialNumber,
        notBefore: f.notBefore,
        notAfter: f.notAfter,
        dnsNames: dnsNamesOf(f),
      });
  }
  const entries = LAB_CERTIFICATE_NAMES.map((name) => {
    const c = bySubject.get(`CN=${LAB_CERTIFICATE_SPECS[name].cn}`);
    assert.ok(c, `the lab file holds the certificate ${name}`);
    return [name, c] as const;
  });
  return Object.fromEntries(entries) as LabCertificates;
}

test('the committed lab file is, byte for byte, the lab org built around its own certificates', () => {
  const text = readFileSync(LAB_PATH, 'utf8');
  const built = labSnapshotText(buildLabSnapshot(committedCertificates(text)));
  if (built !== text) {
    const a = built.split('\n');
    const b = text.split('\n');
    const at = a.findIndex((line, i) => line !== b[i]);
    assert.fail(`line ${at + 1} differs: built ${JSON.stringify(a[at])}, committed ${JSON.stringify(b[at])}`);
  }
});
