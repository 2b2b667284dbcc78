/** The loaded org as a whole: what the status bar counts, and the lab org put back as shipped. */
import { channel, noPayload } from '../contract/channel';
import type { OrgSource, Severity } from './org';

export interface OrgSummary {
  readonly source: OrgSource;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly objects: Readonly<Record<string, number>>;
  /** Sections not read whole (OrgModel.readState): the status bar's "N sections partial or not read: details". */
  readonly readIssues?: { readonly partial: number; readonly notRead: number };
}

export const ORG_CHANNELS = {
  'org.summary': channel<OrgSummary>()(noPayload),
  /** Puts the lab org back as shipped (write: the user's copy is replaced). */
  'lab.reset': channel<{ readonly reset: true }>()(noPayload),
} as const;
