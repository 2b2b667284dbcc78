/** The Certificates screen's channels: the org's inventory, the offline inspection of files, its cancel and its progress event. */
import { z } from 'zod';
import { channel, event, noPayload } from '../contract/channel';
import { CERT_PURPOSES, type CertPurpose, type FileInspection, MAX_CERT_FILE_BYTES } from './cert-model';
import type { CertificateInventory } from './inventory-model';

/** A certificate file sent for offline inspection: its name and bytes (base64), at most 10 MB. */
const inspectFile = z.strictObject({
  name: z.string().min(1).max(260),
  dataBase64: z.string().max(Math.ceil((MAX_CERT_FILE_BYTES + 1) / 3) * 4 + 4),
  /** The PFX password for this file, used once, never stored or logged. */
  password: z.string().max(1024).optional(),
});

/**
 * The inspection in flight (files are read in a worker thread, one after the other): live while it
 * runs, the last one's counts after. `current` is the file being read now (null when idle).
 */
export interface InspectProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  readonly cancelled: number;
  readonly current: string | null;
}

/** What certificates.cancel stopped: the files answered before the cancel, and those reported `cancelled`. */
export interface InspectCancelled {
  readonly done: number;
  readonly cancelled: number;
}

export const CERTIFICATE_CHANNELS = {
  'certificates.inventory': channel<CertificateInventory>()(noPayload),
  /** Offline inspection of certificate files (no server involved); a file that cannot be read says why, the others still show. */
  'certificates.inspect': channel<readonly FileInspection[]>()(
    z.strictObject({
      files: z.array(inspectFile).min(1).max(50),
      fqdn: z.string().trim().max(253).optional(),
      purpose: z.enum(CERT_PURPOSES as [CertPurpose, ...CertPurpose[]]).optional(),
      /** The language of the files' error messages (the screen's); default English. */
      language: z.enum(['en', 'fr']).optional(),
    }),
  ),
  /** Stops the inspections in flight: the files not yet read answer `cancelled`, the worker is terminated. */
  'certificates.cancel': channel<InspectCancelled>()(noPayload),
} as const;

export const CERTIFICATE_EVENTS = {
  'certificates.inspectProgress': event<InspectProgress>(),
} as const;
