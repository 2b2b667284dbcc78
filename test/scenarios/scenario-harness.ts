/**
 * The scenario harness: each scenario is one change from a healthy baseline org (test/support/org-builder:
 * `healthySpec` of small-org.ts, `buildOrg`, the version helpers of org-spec.ts), the seed sentence it
 * rests on (quoted exactly, in French: the seeds are the ground truth, docs/sources.md), and what must
 * and must not fire. Both directions are written each time: the fault that must fire, and the
 * correct-but-unusual configuration that must stay silent. The format is described in
 * docs/rule-catalogue.md ("Scenarios").
 *
 * `runScenarios` makes one node:test per scenario. It judges the org rules of the registry
 * (shared/diagnostics/registry.ts ORG_RULES, through shared/rules/engine.ts evaluateRules) and, when the
 * scenario names a user (`userExpectation`), that user's verdict (shared/users/verdict.ts). Every
 * assertion message starts with the scenario's id, seed, quote and change, so a failure explains itself.
 */
import assert from 'node:assert/strict';
import { appendFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import { ORG_RULE_BY_ID } from '../../shared/diagnostics/registry';
import type { OrgModel } from '../../shared/model/org';
import { evaluateRules } from '../../shared/rules/engine';
import { buildUserIndex } from '../../shared/users/user-index';
import { buildUserRuleContext, USER_RULE_BY_ID } from '../../shared/users/user-rules';
import { userVerdict } from '../../shared/users/verdict';

export type SeedId = '000' | '001' | '002' | '003' | '004';

/** A rule (and optionally one object it must name: an ObjectRef `id`, or `kind:id`; case-insensitive). */
export interface RuleExpectation {
  readonly rule: string;
  readonly object?: string;
  /** Text one of the finding's fix lines must contain (e.g. the cmdlet of the version: `Set-UMServer` on Exchange 2010). */
  readonly fix?: string;
}

/** The three outcomes of a user's voice mail as the helpdesk shows them. */
export type UserOutcome = 'works' | 'at-risk' | 'fails';

/** What one user's verdict must be on the scenario's org. */
export interface UserExpectation {
  /** SIP address (with or without `sip:`), or the primary SMTP address of a mailbox-only user. */
  readonly sipAddress: string;
  readonly verdict: UserOutcome;
  /** User rules (R-U-…) that must be among the verdict's reasons (more may be there; use mustNotFire to exclude). */
  readonly reasons?: readonly string[];
}

/** What the harness needs of a user's verdict: its outcome and the IDs of its reasons. */
export interface JudgedUser {
  readonly verdict: UserOutcome;
  readonly reasons: readonly string[];
}

/**
 * Judges one user of an org. The default (`defaultUserJudge`) calls shared/users/verdict.ts
 * `userVerdict` with the org's findings and reads the outcome defensively (see `verdictOutcome`); a
 * scenario may pass its own.
 */
export type UserJudge = (org: OrgModel, sipAddress: string, findings: readonly Diagnostic[]) => JudgedUser | null;

export interface Scenario {
  /** Unique across the suite, e.g. `oauth-01-no-autodiscover`. */
  readonly id: string;
  readonly seed: SeedId;
  /** The seed sentence the scenario rests on, in French, exactly as the seed says it. */
  readonly quote: string;
  /** Which product versions the baseline is, e.g. `Exchange 2010 SP3 + Lync 2013`. */
  readonly versions?: string;
  /** One line: what differs from the healthy baseline. */
  readonly change: string;
  readonly build: () => OrgModel;
  readonly mustFire: readonly RuleExpectation[];
  readonly mustNotFire: readonly RuleExpectation[];
  /** When true, no org rule other than those of mustFire may fire (the baselines: mustFire empty). */
  readonly exactly?: boolean;
  /** A user whose verdict is judged too. R-U-… rules of mustFire/mustNotFire are checked against its reasons. */
  readonly userExpectation?: UserExpectation;
  /** How to judge the user (default: `defaultUserJudge`). */
  readonly judgeUser?: UserJudge;
  /**
   * The scenario states what the seed says but the rule does not do it yet: reported as a node:test
   * `todo` (its failure does not fail the run) with this reason.
   */
  readonly todo?: string;
}

const OUTCOMES: readonly UserOutcome[] = ['works', 'at-risk', 'fails'];

/**
 * The outcome of a verdict object, read defensively so the harness survives the verdict's shape
 * changing: a string field `verdict` / `outcome` / `status` holding one of the three outcomes wins;
 * otherwise it is derived from `works` and the reasons' severities (an error: fails; a warning: at-risk;
 * else works).
 */
export function verdictOutcome(verdict: unknown): UserOutcome {
  const v = verdict as Record<string, unknown>;
  for (const field of ['verdict', 'outcome', 'status']) {
    const value = v[field];
    if (typeof value === 'string' && (OUTCOMES as readonly string[]).includes(value)) return value as UserOutcome;
  }
  const reasons = Array.isArray(v.reasons) ? (v.reasons as { severity?: string }[]) : [];
  if (v.works === false || reasons.some((r) => r.severity === 'error')) return 'fails';
  if (reasons.some((r) => r.severity === 'warning')) return 'at-risk';
  return 'works';
}

/** The default user judge: shared/users/verdict.ts `userVerdict` over the org's index, context and findings. */
export const defaultUserJudge: UserJudge = (org, sipAddress, findings) => {
  const v = userVerdict(buildUserIndex(org), buildUserRuleContext(org), sipAddress, findings);
  if (!v) return null;
  const reasons = Array.isArray((v as { reasons?: unknown }).reasons) ? (v as { reasons: readonly { rule: string }[] }).reasons : [];
  return { verdict: verdictOutcome(v), reasons: reasons.map((r) => r.rule) };
};

const lower = (s: string) => s.toLowerCase();

function names(f: Diagnostic, object: string): boolean {
  const o = lower(object);
  return f.objects.some((ref) => lower(ref.id) === o || lower(`${ref.kind}:${ref.id}`) === o);
}

function matches(findings: readonly Diagnostic[], e: RuleExpectation): Diagnostic[] {
  return findings.filter((f) => f.rule === e.rule && (e.object === undefined || names(f, e.object)) && (e.fix === undefined || f.fix.some((line) => line.includes(e.fix!))));
}

function describeFinding(f: Diagnostic): string {
  return `${f.rule} ${f.severity} [${f.objects.map((o) => `${o.kind}:${o.id}`).join(', ')}] ${f.message.key}${f.fix.length ? `\n      fix: ${f.fix.join('\n      fix: ')}` : ''}`;
}

function describeExpectation(e: RuleExpectation): string {
  return `${e.rule}${e.object === undefined ? '' : ` on ${e.object}`}${e.fix === undefined ? '' : ` with a fix containing "${e.fix}"`}`;
}

/** The header every assertion message of a scenario starts with. */
export function scenarioHeader(s: Scenario): string {
  return `scenario ${s.id} (seed ${s.seed}${s.versions ? `, ${s.versions}` : ''})\n  seed says: « ${s.quote} »\n  change: ${s.change}`;
}

const isUserRule = (id: string) => USER_RULE_BY_ID.has(id);

/** Checks a scenario's shape before it runs: unknown rule IDs are typos, not silence. */
function shapeProblems(s: Scenario): string[] {
  const out: string[] = [];
  if (!s.quote.trim()) out.push('the quote is empty');
  if (!s.change.trim()) out.push('the change is empty');
  for (const e of [...s.mustFire, ...s.mustNotFire]) {
    if (!ORG_RULE_BY_ID.has(e.rule) && !isUserRule(e.rule)) out.push(`${e.rule} is neither an org rule nor a user rule of the registry`);
    if (isUserRule(e.rule) && !s.userExpectation) out.push(`${e.rule} is a user rule: the scenario needs a userExpectation`);
  }
  return out;
}

/** Runs one scenario's assertions (exported for the harness's own test). */
export function checkScenario(s: Scenario): void {
  const header = scenarioHeader(s);
  const problems = shapeProblems(s);
  assert.deepEqual(problems, [], `${header}\n  the scenario is malformed`);

  const org = s.build();
  const findings = evaluateRules(org);
  const listing = findings.length ? findings.map((f) => `    ${describeFinding(f)}`).join('\n') : '    (nothing fired)';
  const failures: string[] = [];

  for (const e of s.mustFire.filter((x) => !isUserRule(x.rule))) if (matches(findings, e).length === 0) failures.push(`must fire but did not: ${describeExpectation(e)}`);
  for (const e of s.mustNotFire.filter((x) => !isUserRule(x.rule)))
    for (const f of matches(findings, e)) failures.push(`must stay silent but fired: ${describeExpectation(e)} → ${describeFinding(f)}`);
  if (s.exactly) {
    const allowed = new Set(s.mustFire.map((e) => e.rule));
    for (const f of findings) if (!allowed.has(f.rule)) failures.push(`fired although the scenario allows only ${[...allowed].join(', ') || 'nothing'}: ${describeFinding(f)}`);
  }

  let userLine = '';
  if (s.userExpectation) {
    const u = s.userExpectation;
    const judged = (s.judgeUser ?? defaultUserJudge)(org, u.sipAddress, findings);
    if (!judged) failures.push(`user ${u.sipAddress} not found in the org`);
    else {
      userLine = `\n  user ${u.sipAddress}: ${judged.verdict} (${judged.reasons.join(', ') || 'no reason'})`;
      if (judged.verdict !== u.verdict) failures.push(`user ${u.sipAddress}: verdict ${judged.verdict}, expected ${u.verdict}`);
      for (const r of u.reasons ?? []) if (!judged.reasons.includes(r)) failures.push(`user ${u.sipAddress}: reason ${r} missing`);
      for (const e of s.mustFire.filter((x) => isUserRule(x.rule))) if (!judged.reasons.includes(e.rule)) failures.push(`user rule must fire but did not: ${e.rule}`);
      for (const e of s.mustNotFire.filter((x) => isUserRule(x.rule))) if (judged.reasons.includes(e.rule)) failures.push(`user rule must stay silent but fired: ${e.rule}`);
    }
  }

  assert.deepEqual(failures, [], `${header}\n  org findings:\n${listing}${userLine}\n  failures:\n    ${failures.join('\n    ')}`);
}

/**
 * Where each scenario's id, seed and quote are appended (one JSON line each) when the variable is set:
 * the seeds are not part of the repository, so a reviewer checks the quotes against them outside it.
 */
const QUOTES_OUT = process.env.UMC_SCENARIO_QUOTES_OUT;

/** One node:test per scenario, under a `describe(title)`; scenario IDs must be unique. */
export function runScenarios(title: string, scenarios: readonly Scenario[]): void {
  if (QUOTES_OUT) for (const s of scenarios) appendFileSync(QUOTES_OUT, JSON.stringify({ id: s.id, seed: s.seed, quote: s.quote }) + '\n');
  describe(title, () => {
    const seen = new Set<string>();
    for (const s of scenarios) {
      if (seen.has(s.id)) throw new Error(`scenario id ${s.id} is used twice in "${title}"`);
      seen.add(s.id);
      test(`${s.id} (seed ${s.seed}): ${s.change}`, s.todo ? { todo: s.todo } : {}, () => checkScenario(s));
    }
  });
}
