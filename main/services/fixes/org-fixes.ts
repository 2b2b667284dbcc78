/**
 * The loaded org's fix plans and the impact of each finding, once per loaded org: the Checks list ranks
 * and badges its findings by them, the checklist's actions and counts read the same (docs/fixes.md,
 * "Impact"). A new LoadedOrg (a fix applied, a refresh) computes them again.
 */
import type { FindingImpact, FixPlan } from '../../../shared/fixes/fix-model';
import { planFixes } from '../../../shared/fixes/fix-planner';
import { findingImpacts } from '../../../shared/fixes/impact';
import type { LoadedOrg } from '../org-service';
import { byKey } from './fix-runner';

export interface OrgFixes {
  /** Each org finding's plan, by findingKey (findings that share a key share one plan). */
  readonly plans: ReadonlyMap<string, FixPlan>;
  readonly impacts: ReadonlyMap<string, FindingImpact>;
}

const known = new WeakMap<LoadedOrg, OrgFixes>();

export function orgFixesOf(l: LoadedOrg): OrgFixes {
  let fixes = known.get(l);
  if (!fixes) {
    // One finding per key, as the fix service plans them (its preview and this must agree).
    const unique = [...byKey(l.findings).values()];
    fixes = { plans: new Map(planFixes(unique, l.org).map((p) => [p.finding, p])), impacts: findingImpacts(l.org, l.findings) };
    known.set(l, fixes);
  }
  return fixes;
}
