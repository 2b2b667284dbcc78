/** The Checks screen's channel: the findings of the loaded org, filtered, with what each rule is. */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';
import { type Diagnostic, RULE_AREAS, type RuleArea, SEVERITIES } from '../diagnostics/diagnostic';
import type { Severity } from '../model/org';
import type { FindingImpact, FixKind } from '../fixes/fix-model';
import type { WriteAccess } from '../contacts/contact-channels';

export interface RuleInfo {
  readonly id: string;
  readonly severity: Severity;
  readonly area: RuleArea;
  readonly sources: readonly string[];
  readonly basis: 'DOC' | 'DERIVED' | 'UNCONFIRMED';
  readonly seeds: readonly string[];
}

export interface ChecksList {
  readonly findings: readonly Diagnostic[];
  readonly total: number;
  readonly rules: Readonly<Record<string, RuleInfo>>;
  /** `needs: 'notRead'`: not judged because the snapshot sections in `sections` were not read (shared/rules/engine.ts notJudged). */
  readonly notEvaluated: readonly { readonly id: string; readonly needs: string; readonly sections?: readonly string[] }[];
  /** Display labels of every object the findings name, so the list reads without more calls. */
  readonly labels: Readonly<Record<string, string>>;
  /** Per finding (findingKey, shared/fixes/fix-model.ts): what it breaks; the list is ranked by it. */
  readonly impacts: Readonly<Record<string, FindingImpact>>;
  /** Per finding: whether its fix is a cmdlet the console can run, or manual. */
  readonly fixKinds: Readonly<Record<string, FixKind>>;
  /** Whether fixes may be applied here (as `fixes.preview` says it): the screen hides Fix… when not writable; absent: unknown, the dialog says. */
  readonly access?: WriteAccess;
}

/** The file of roots an admin adds for R-X-01 (the setting trustedRootsFile), and how many certificates it gave. */
export interface TrustedRootsState {
  readonly file: string | null;
  readonly count: number;
}

/** The findings report's two files (shared/checks/checks-report.ts): one HTML page, or CSV for Excel. */
export type ReportFormat = 'html' | 'csv';

export const CHECK_CHANNELS = {
  /** Every finding as a report file, chosen with the save dialog (what `umc check --out` writes). */
  'checks.export': channel<{ readonly path: string | null; readonly findings: number }>()(z.strictObject({ format: z.enum(['html', 'csv']) })),
  'checks.trustedRoots': channel<TrustedRootsState>()(noPayload),
  'checks.chooseTrustedRoots': channel<TrustedRootsState | null>()(noPayload),
  'checks.clearTrustedRoots': channel<TrustedRootsState>()(noPayload),
  'checks.list': channel<ChecksList>()(
    z.strictObject({
      severities: z
        .array(z.enum(SEVERITIES as ['error', 'warning', 'info']))
        .max(3)
        .optional(),
      areas: z
        .array(z.enum(RULE_AREAS as [RuleArea, ...RuleArea[]]))
        .max(RULE_AREAS.length)
        .optional(),
    }),
  ),
} as const;
