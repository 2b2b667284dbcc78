/**
 * A finding's fix as the console runs it: the exact commands, as data (each parameter a typed value the
 * PowerShell host binds, never script text: docs/fixes.md, "Safety rules"), what each changes on the
 * object as it is now, what happens meanwhile, and the steps no cmdlet can do (a certificate from a CA,
 * a restart on a server, a gateway device's own configuration), each with the cmdlet that checks it.
 *
 * Pure data: no Node, no DOM. Plans are built by `planFix` (shared/fixes/fix-planner.ts) from the org
 * model and the finding; the main process previews, applies and audits them (main/services/fixes/).
 */
import type { Diagnostic, DiagnosticMessage, FixRole } from '../diagnostics/diagnostic';
import type { ObjectRef } from '../model/org';

/** Which Management Shell runs a command. */
export type FixShell = 'exchange' | 'skype';

/** A parameter's value as the host binds it: a string, a number, a boolean (a switch: `-Name:$true`), a list. */
export type FixValue = string | number | boolean | readonly string[];

export interface FixParameter {
  readonly name: string;
  readonly value: FixValue;
}

/** One property a command changes: its value now and after, as the cmdlet's output shows them ('' for empty, null: no object). */
export interface FixChange {
  readonly property: string;
  readonly before: string | null;
  readonly after: string | null;
}

export interface FixCommand {
  readonly shell: FixShell;
  readonly cmdlet: string;
  readonly parameters: readonly FixParameter[];
  /** The org object it changes or removes; null when it creates one. */
  readonly target: ObjectRef | null;
  /** What changes on the object (a creation: every property it sets, before null). */
  readonly changes: readonly FixChange[];
  /** The cmdlet takes -WhatIf (Microsoft's reference lists it): the preview runs it so first. */
  readonly whatIf: boolean;
}

/** A step done by hand: what to do (an i18n message) and, where a cmdlet checks the result, that cmdlet (shown, never run). */
export interface ManualStep {
  readonly message: DiagnosticMessage;
  readonly check: string | null;
}

export type FixKind = 'cmdlet' | 'manual';

export interface FixPlan {
  /** The finding it fixes (`findingKey`). */
  readonly finding: string;
  readonly rule: string;
  /** cmdlet: the console runs `commands`; manual: only `manual` (and `whyManual` says why no cmdlet can). */
  readonly kind: FixKind;
  readonly commands: readonly FixCommand[];
  /** Manual plans: every step. Cmdlet plans: what must follow by hand (a service restart), in order. */
  readonly manual: readonly ManualStep[];
  /** What the seeds say happens while it is done (a UM service restart drops the calls in progress…). */
  readonly meanwhile: readonly DiagnosticMessage[];
  /** Manual plans: why the console cannot do it (a value only the admin knows, a server-side action). */
  readonly whyManual: DiagnosticMessage | null;
  /** Who must apply it (the roles of seed 000's deployment table). */
  readonly role: FixRole;
}

/** What a finding breaks, to rank findings by: from the user index and the org's contacts. */
export interface FindingImpact {
  /** Users whose voice mail fails or is at risk because of it (their call path crosses it). */
  readonly users: number;
  /** Subscriber Access / auto attendant numbers (contacts) unreachable because of it. */
  readonly numbers: number;
  /** Every call through it fails (seed 001: « tous les appels … échouent »), or fixing it restarts a service and drops the calls in progress. */
  readonly callsDropped: boolean;
}

/**
 * A finding's stable key: its rule and the objects it names, as kind:id without case. The same fault
 * read again gives the same key, so a re-read org says whether it is gone.
 */
export function findingKey(d: Pick<Diagnostic, 'rule' | 'objects'>): string {
  return `${d.rule}|${d.objects.map((o) => `${o.kind}:${o.id}`.toLowerCase()).join(',')}`;
}

/** A user's voice-mail reason (R-U-…) names no org object: its key names the user. */
export function userFindingKey(rule: string, sipAddress: string): string {
  return `${rule}|user:${sipAddress.toLowerCase()}`;
}
