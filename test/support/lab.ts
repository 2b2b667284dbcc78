/** The lab snapshot file and its real certificates, for tests and benchmarks. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabCertificate } from './org-builder/lab-org';
import type { OrgModel } from '../../shared/model/org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/certificates/certificate-reader';
import { dnsNamesOf } from '../../shared/certificates/cert-model';

export const LAB_PATH = join(__dirname, '..', '..', 'assets', 'lab', 'litwareinc.umcsnap.json');

/** A fresh parse of the lab file on every call: tests mutate it to make bad snapshots. */
export function labRaw(): Record<string, any> {
  return JSON.parse(readFileSync(LAB_PATH, 'utf8'));
}

let labOrgCache: OrgModel | undefined;

/** The lab org, decoded once (the model is readonly, so tests share it). */
export function labOrg(): OrgModel {
  labOrgCache ??= decodeSnapshot(labRaw(), { readCertificate: readCertificateBase64 });
  return labOrgCache;
}

/** Distinct CA-issued certificates of the lab, as the generator wants them. */
export function labCertificates(): LabCertificate[] {
  const raw = labRaw();
  const seen = new Map<string, LabCertificate>();
  for (const c of raw.skype.certificates.objects as any[]) {
    if (!c.RawData || seen.has(c.Thumbprint)) continue;
    const facts = readCertificateBase64(c.RawData);
    if (facts.selfSigned || (facts.keySize ?? 0) < 2048) continue;
    seen.set(c.Thumbprint, {
      rawData: c.RawData,
      thumbprint: facts.thumbprint,
      subject: facts.subject,
      issuer: facts.issuer,
      serialNumber: facts.serialNumber,
      notBefore: facts.notBefore,
      notAfter: facts.notAfter,
      dnsNames: dnsNamesOf(facts),
    });
  }
  return [...seen.values()];
}
