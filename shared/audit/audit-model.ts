/**
 * The audit log of changes: every change an admin makes — who, when, which profile, the
 * cmdlet with its parameters, the object before and after, the outcome. Pure types (no Node).
 * The file format and its crash safety are main/services/audit/audit-log.ts's.
 */
export type AuditOutcome = 'applied' | 'failed' | 'refused' | 'stale' | 'unknown';

/**
 * What reading the object back showed after a change whose answer never came (outcome `unknown`):
 * applied — the server holds the intended state; failed — it holds the previous state (the change
 * was not applied); unknown — neither (or the read failed), `read` says what it holds.
 */
export type SettledOutcome = 'applied' | 'failed' | 'unknown';

export interface AuditSettlement {
  /** ISO 8601 UTC of the read that settled it. */
  readonly at: string;
  readonly outcome: SettledOutcome;
  readonly message: string;
  /** The object as read back (null: it does not exist, or the read failed). */
  readonly read: unknown;
}

export interface AuditRecord {
  readonly id: string;
  /** ISO 8601 UTC, when the change was sent. */
  readonly at: string;
  /** DOMAIN\user (or user@domain) the change ran as. */
  readonly operator: string;
  /** The connection profile's name, or "lab". */
  readonly profile: string;
  readonly target: 'lab' | 'live';
  readonly cmdlet: string;
  readonly parameters: readonly { readonly name: string; readonly value: string | boolean }[];
  /** The object as read just before the change (null for a creation). */
  readonly before: unknown;
  /** As read just after (null for a removal, or when the change failed). */
  readonly after: unknown;
  /**
   * `unknown`: the change was sent and its answer never came (the host died, the session closed,
   * the call timed out), or the console stopped while it ran (an intent without its outcome).
   */
  readonly outcome: AuditOutcome;
  readonly message: string;
  /** ISO 8601 UTC of the outcome (null when the console stopped before it). */
  readonly finishedAt: string | null;
  /** After an outcome `unknown`: what reading the object back showed (null: not settled). */
  readonly settlement: AuditSettlement | null;
}

export interface AuditDamage {
  /** 1-based line number in the log file. */
  readonly line: number;
  readonly reason: string;
}

export interface AuditView {
  /** Newest first. */
  readonly entries: readonly AuditRecord[];
  readonly total: number;
  /** Lines that are not whole, valid entries (a torn write, an edited line): reported, never dropped silently. */
  readonly damaged: readonly AuditDamage[];
  readonly path: string;
}
