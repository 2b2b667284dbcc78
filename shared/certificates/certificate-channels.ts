/** The Certificates screen's channels: the org's inventory, and the offline inspection of files. */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import { CERT_PURPOSES, type CertPurpose, type FileInspection, MAX_CERT_FILE_BYTES } from './cert-model';
import type { CertificateInventory } from './inventory-model';

/** A certificate file sent for offline inspection: its name and bytes (base64), at most 10 MB. */
const inspectFile = z.strictObject({
  name: z.string().min(1).max(260),
  dataBase64: z.string().max(Math.ceil((MAX_CERT_FILE_BYTES + 1) / 3) * 4 + 4),
  /** The PFX password for this file, used once, never stored or logged. */
  password: z.string().max(1024).optional(),
});

export const CERTIFICATE_CHANNELS = {
  'certificates.inventory': channel<CertificateInventory>()(noPayload),
  /** Offline inspection of certificate files (no server involved); a file that cannot be read says why, the others still show. */
  'certificates.inspect': channel<readonly FileInspection[]>()(
    z.strictObject({
      files: z.array(inspectFile).min(1).max(50),
      fqdn: z.string().trim().max(253).optional(),
      purpose: z.enum(CERT_PURPOSES as [CertPurpose, ...CertPurpose[]]).optional(),
    }),
  ),
} as const;
