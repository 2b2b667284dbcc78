/** The support bundle's channel: Export support bundle… writes the org shown, redacted or not, where the admin chooses. */
import { z } from 'zod';
import { channel } from '../contract/channel';

export interface BundleExportResult {
  /** Null: the admin chose no file. */
  readonly path: string | null;
  /** Where the mapping was written beside the bundle (null: not redacted, or nothing written). */
  readonly mappingPath: string | null;
  readonly bytes: number;
  readonly files: number;
  readonly redacted: boolean;
}

export const BUNDLE_CHANNELS = {
  'bundle.export': channel<BundleExportResult>()(z.strictObject({ redact: z.boolean() })),
} as const;
