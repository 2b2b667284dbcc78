/** The Checklist screen's channels: the steps of the loaded org, and the change plan exported for a change board. */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import type { Checklist } from './checklist-model';

export const CHECKLIST_CHANNELS = {
  'checklist.view': channel<Checklist>()(noPayload),
  /** Saves the change plan (every step not done, its commands and manual steps) as HTML or CSV where the user chooses. */
  'checklist.export': channel<{ readonly path: string | null }>()(z.strictObject({ format: z.enum(['html', 'csv']) })),
} as const;
