/**
 * The fix actions' channels (docs/fixes.md): a finding's fix (or every finding of a rule: "Fix all of
 * this kind") previewed with a single-use token, applied in the background with its `fixes.progress`
 * event, stoppable between steps. Apply is a write channel: refused for a helpdesk profile, for a
 * snapshot file, and for a session that lacks the cmdlet.
 */
import { z } from 'zod';
import { channel, event, noPayload } from '../contract/channel';
import type { WriteAccess } from '../contacts/contact-channels';
import type { FindingImpact, FixPlan } from './fix-model';

/** An object a plan changes, as read for the preview: its label and the properties the plan changes, as they are now. */
export interface FixObjectNow {
  readonly kind: string;
  readonly id: string;
  readonly label: string;
  /** null: the object does not exist (any more). */
  readonly properties: Readonly<Record<string, string>> | null;
}

export interface FixPreviewPlan extends FixPlan {
  /** The finding's message, rendered in the asker's language. */
  readonly message: string;
  /** Each command as an admin would type it (command-text.ts), in order. */
  readonly commandText: readonly string[];
  readonly impact: FindingImpact;
}

/** A command run with -WhatIf during the preview: the server's own check of the parameters, nothing changed. */
export interface WhatIfResult {
  readonly plan: number;
  readonly command: number;
  readonly ok: boolean;
  /** The server's refusal, or its "What if:" text. */
  readonly message: string;
}

export interface FixPreview {
  /** Binds this exact preview (10 minutes, one apply); null when there is nothing the console may run. */
  readonly token: string | null;
  readonly access: WriteAccess;
  readonly plans: readonly FixPreviewPlan[];
  readonly objects: readonly FixObjectNow[];
  readonly whatIf: readonly WhatIfResult[];
  /** Commands the apply would run, across the plans. */
  readonly commandCount: number;
}

export type FixStepOutcome = 'applied' | 'refused' | 'failed' | 'unknown' | 'stale' | 'not-run';

export interface FixStepResult {
  readonly plan: number;
  readonly command: number;
  readonly text: string;
  readonly outcome: FixStepOutcome;
  readonly message: string;
  readonly auditId: string | null;
}

export interface FixVerification {
  /** Findings the plan was for that the org, read again, no longer has. */
  readonly gone: readonly string[];
  /** Findings still there, each with the finding's message as read again. */
  readonly remaining: readonly { readonly finding: string; readonly message: string }[];
}

export interface FixProgress {
  /** idle: nothing ran yet; rechecking: reading the objects again before writing; applying; reading: the org read again after; done. */
  readonly phase: 'idle' | 'rechecking' | 'applying' | 'reading' | 'done';
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  /** The run stopped before the end: asked to, or a step failed (the rest not run). */
  readonly stopped: boolean;
  readonly steps: readonly FixStepResult[];
  readonly verification: FixVerification | null;
  /** Why the run ended early or could not start (stale objects, a failed step), rendered. */
  readonly message: string | null;
}

export const MAX_FIX_FINDINGS = 5000;
const findingKeySchema = z.string().min(1).max(4096);
const tokenSchema = z.string().regex(/^[0-9a-f]{32}$/);

export const FIX_CHANNELS = {
  /**
   * One finding's fix, several findings' (a rule's: "Fix all of this kind"), every cmdlet fix of the org
   * (`all`), or the fixes of one user's voice-mail reasons (`user`: a SIP address; their keys are
   * `R-U-xx|user:<sip>`).
   */
  'fixes.preview': channel<FixPreview>()(
    z.union([
      z.strictObject({ findings: z.array(findingKeySchema).min(1).max(MAX_FIX_FINDINGS) }),
      z.strictObject({ rule: z.string().min(1).max(20) }),
      z.strictObject({ all: z.literal(true) }),
      z.strictObject({ user: z.string().min(1).max(1024) }),
    ]),
  ),
  /** Runs a previewed fix in the background (write); `fixes.progress` follows it. */
  'fixes.apply': channel<FixProgress>()(z.strictObject({ token: tokenSchema })),
  /** Stops a run between two steps: the step under way finishes, the rest are not run. */
  'fixes.stop': channel<FixProgress>()(noPayload),
  /** The run as it is now (a screen opened mid-run). */
  'fixes.state': channel<FixProgress>()(noPayload),
} as const;

export const FIX_EVENTS = {
  'fixes.progress': event<FixProgress>(),
} as const;
