/** The Checklist screen's service: the loaded org's checklist (shared/checklist/checklist.ts) and the change plan export. */
import { planFix, planUserFixes } from '../../../shared/fixes/fix-planner';
import { orgFixesOf } from '../fixes/org-fixes';
import { changePlanCsv, changePlanHtml } from '../../../shared/checklist/change-plan';
import { buildChecklist, type UserHalves } from '../../../shared/checklist/checklist';
import type { Checklist } from '../../../shared/checklist/checklist-model';
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import type { FixPlan } from '../../../shared/fixes/fix-model';
import type { Language } from '../../../shared/i18n/translate';
import type { Clock } from '../../ports';
import { type FileDialogs, writeExportFile } from '../live/connections-service';
import type { LoadedOrg, OrgService } from '../org-service';

export interface ChecklistService {
  view(language: Language): Promise<Checklist>;
  export(format: 'html' | 'csv', language: Language): Promise<{ readonly path: string | null }>;
  /** Writes the change plan to `path` (atomically): the CLI and tests, which name the file. */
  exportTo(path: string, format: 'html' | 'csv', language: Language): Promise<void>;
}

export interface ChecklistDeps {
  readonly org: OrgService;
  readonly dialogs: FileDialogs;
  readonly clock: Clock;
}

/** A loaded org's checklist and the plans of its steps' findings, by findingKey (user findings: userFindingKey). */
export interface ChecklistOfOrg {
  readonly checklist: Checklist;
  readonly plans: ReadonlyMap<string, FixPlan>;
}

/**
 * The checklist of a loaded org: the org findings' plans and impacts as the Checks list has them
 * (main/services/fixes/org-fixes.ts), a user finding's plan when a step asks for it.
 */
export function checklistOf(l: LoadedOrg): ChecklistOfOrg {
  const fixes = orgFixesOf(l);
  const plans = new Map<string, FixPlan>(fixes.plans);
  const checklist = buildChecklist(
    l.org,
    l.findings,
    (d: Diagnostic, key: string, halves?: UserHalves) => {
      const known = plans.get(key);
      if (known) return known;
      // A user's reason (R-U): its plan names the user (shared/fixes/fix-planner.ts planUserFixes).
      const user = key.startsWith(`${d.rule}|user:`) ? key.slice(d.rule.length + '|user:'.length) : null;
      const plan = user !== null ? planUserFixes(l.org, user, [d], halves)[0] : planFix(d, l.org);
      if (!plan) throw new Error(`no plan for ${key}`);
      plans.set(key, plan);
      return plan;
    },
    fixes.impacts,
  );
  return { checklist, plans };
}

export function createChecklistService(deps: ChecklistDeps): ChecklistService {
  // Once per loaded org: the checklist judges every user (the user steps), which a large org makes worth keeping.
  const cache = new WeakMap<LoadedOrg, ChecklistOfOrg>();
  const current = async (): Promise<{ l: LoadedOrg; c: ChecklistOfOrg }> => {
    const l = await deps.org.current();
    let c = cache.get(l);
    if (!c) {
      c = checklistOf(l);
      cache.set(l, c);
    }
    return { l, c };
  };
  const text = async (format: 'html' | 'csv', language: Language): Promise<string> => {
    const { l, c } = await current();
    return format === 'html' ? changePlanHtml(c.checklist, c.plans, language, { source: l.org.source, generatedAt: deps.clock.now().toISOString() }) : changePlanCsv(c.checklist, c.plans, language);
  };
  const exportTo = async (path: string, format: 'html' | 'csv', language: Language): Promise<void> => {
    await writeExportFile(path, await text(format, language));
  };
  return {
    async view() {
      return (await current()).c.checklist;
    },
    async export(format, language) {
      const path = await deps.dialogs.chooseSavePath(format === 'html' ? 'umc-change-plan.html' : 'umc-change-plan.csv');
      if (!path) return { path: null };
      await exportTo(path, format, language);
      return { path };
    },
    exportTo,
  };
}
