/**
 * The deployment checklist (docs/checklist.md): the seeds' deployment steps in their order, for the
 * org's product versions, each with who must do it, its status judged from the org, the rules it rests
 * on and its action. Pure data: no Node, no DOM; built by `buildChecklist` (shared/checklist/checklist.ts).
 */
import type { DiagnosticMessage, FixRole } from '../diagnostics/diagnostic';
import type { FindingImpact } from '../fixes/fix-model';

/** done: the org shows it done; not-done: nothing of it is there; partly: some of it (`missing` says what); not-judged: what it needs was not read. */
export type StepStatus = 'done' | 'not-done' | 'partly' | 'not-judged';
export const STEP_STATUSES: readonly StepStatus[] = ['done', 'not-done', 'partly', 'not-judged'];

/** The role a step names: seed 000's table roles, and the Exchange groups seeds 001 and 004 name. */
export type StepRole = FixRole | 'ExchangeUmAdministrator' | 'CertificateAdministrator' | 'GatewayAdministrator';

export interface ChecklistStep {
  /** Stable across versions where the step is the same: `um.sip-dial-plan`, `skype.exchucutil`… */
  readonly id: string;
  /** 1-based position in the list shown. */
  readonly order: number;
  readonly title: DiagnosticMessage;
  /** What it does, in the console's words. */
  readonly what: DiagnosticMessage;
  readonly role: StepRole;
  /** The seed the step comes from ('000' … '004') and its sentence's key in docs/checklist.md. */
  readonly seed: string;
  readonly status: StepStatus;
  /** partly / not-done: what is missing, one message per item, the item that breaks the most first; not-judged: what was not read. */
  readonly missing: readonly DiagnosticMessage[];
  /**
   * What the step's findings break: users = the most users one of its org findings leaves without voice
   * mail, or the users its user reasons name (each user once), whichever is larger — so "at least"; numbers
   * the same for contact numbers; callsDropped when any does. Null when the step has no finding.
   */
  readonly impact: FindingImpact | null;
  readonly rules: readonly string[];
  /** Done by hand (a CA, a server's service, a gateway device): `instructions` and, where a cmdlet checks it, `check`. */
  readonly manual: boolean;
  readonly instructions: DiagnosticMessage | null;
  readonly check: string | null;
  /** The findings (findingKey) whose fixes do the step; kind: whether the console can run them. Null: nothing to do (done) or nothing the console knows to do. */
  readonly action: { readonly kind: 'cmdlet' | 'manual'; readonly findings: readonly string[] } | null;
}

export interface Checklist {
  /** The versions whose steps are shown: e.g. "Exchange 2016" and "Skype for Business Server 2015". */
  readonly exchange: string;
  readonly skype: string;
  readonly steps: readonly ChecklistStep[];
  readonly done: number;
  readonly total: number;
}
