/**
 * The Certificates screen's service: the inventory of the loaded org's certificates, and
 * offline inspection of certificate files sent by the renderer (bytes, never paths). A PFX password
 * is used for that one call and dropped: never stored, never logged.
 */
import { buildInventory } from '../../shared/certificates/inventory';
import { evaluateCertificate } from '../../shared/certificates/cert-rules';
import type { CertPurpose, FileInspection } from '../../shared/certificates/cert-model';
import type { CertificateInventory } from '../../shared/certificates/inventory-model';
import { labelOf, type LoadedOrg, type OrgService } from './org-service';
import type { Clock } from '../ports';
import { inspectCertificateFile } from './certificates/cert-file-reader';

export interface InspectRequest {
  readonly files: readonly { readonly name: string; readonly dataBase64: string; readonly password?: string }[];
  readonly fqdn?: string;
  readonly purpose?: CertPurpose;
}

export interface CertificateService {
  inventory(): Promise<CertificateInventory>;
  inspect(request: InspectRequest): Promise<FileInspection[]>;
}

/** The inventory of a loaded org (its certificates read once, when the snapshot was decoded), judged at `now` (the service and `umc check` share it). */
export function inventoryOf(l: LoadedOrg, now: Date): CertificateInventory {
  return buildInventory(l.org, l.findings, {
    now,
    evaluate: evaluateCertificate,
    labelOf: (ref) => labelOf(l, ref),
  });
}

export function createCertificateService(deps: { readonly org: OrgService; readonly clock: Clock }): CertificateService {
  return {
    async inventory() {
      return inventoryOf(await deps.org.current(), deps.clock.now());
    },
    async inspect(request) {
      const now = deps.clock.now();
      const fqdn = request.fqdn?.trim() || undefined;
      return request.files.map((f) => inspectCertificateFile(f.name, Buffer.from(f.dataBase64, 'base64'), { password: f.password, fqdn, purpose: request.purpose, now }));
    },
  };
}
