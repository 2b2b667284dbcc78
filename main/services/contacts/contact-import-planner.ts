/**
 * A CSV import previewed: the file decoded and parsed, every row planned against the org and the
 * directory checks (create, update, already in place, invalid) with its exact cmdlets, and the plan
 * bound to a single-use token the import runner takes.
 */
import type { ImportPreview } from '../../../shared/contacts/contact-channels';
import { renderCommand } from '../../../shared/contacts/contact-commands';
import { decodeCsvBytes, parseContactsCsv } from '../../../shared/contacts/contact-csv';
import type { ContactOperation } from '../../../shared/contacts/contact-model';
import { validateOperation } from '../../../shared/contacts/contact-validation';
import { planImport } from '../../../shared/contacts/import-plan';
import type { ExUmContact } from '../../../shared/model/org';
import type { OrgService } from '../org-service';
import type { DirectoryCheckCache } from './directory-checks';
import type { PreviewTokens } from './preview-tokens';
import type { WriteTargets } from './write-target';

/** What an import token binds: the preview as shown, each row's operation and object as shown. */
export interface ImportPlan {
  readonly preview: ImportPreview;
  readonly operations: readonly (ContactOperation | null)[];
  readonly before: readonly (ExUmContact | null)[];
  readonly targetKind: 'lab' | 'live';
}

/** How many import plans are kept (the oldest dropped first). */
export const MAX_IMPORT_PLANS = 10;

export interface ContactImportPlannerDeps {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly checks: DirectoryCheckCache;
  readonly plans: PreviewTokens<ImportPlan>;
}

export interface ContactImportPlanner {
  preview(fileName: string, bytes: Uint8Array): Promise<ImportPreview>;
}

export function createContactImportPlanner(deps: ContactImportPlannerDeps): ContactImportPlanner {
  return {
    async preview(fileName, bytes) {
      const l = await deps.org.current();
      const r = await deps.targets.resolve();
      const t = 'target' in r ? r.target : null;
      const decoded = decodeCsvBytes(bytes);
      const parsed = parseContactsCsv(decoded.text);
      const c = t ? await deps.checks.of(t) : null;
      const ouPerm = new Map<string, boolean | null>();
      if (t && c) for (const row of parsed.rows) if (row.draft && !ouPerm.has(row.draft.ou.toLowerCase())) ouPerm.set(row.draft.ou.toLowerCase(), await deps.checks.ouPermission(t, c, row.draft.ou));
      const planned = planImport(parsed.rows, l.org, { operatorGroups: c?.groups ?? null, knownOus: c?.ous ?? null });
      // Test-CsOUPermission is per OU: a row creating a contact where the operator may not is refused (R-C-09).
      const plan = {
        rows: planned.map((row) => {
          if (row.action !== 'create' || !row.operation || row.operation.op !== 'create' || ouPerm.get(row.operation.draft.ou.toLowerCase()) !== false) return row;
          const denied = validateOperation(row.operation, l.org, { original: null, ouPermission: false }).filter((i) => i.rule === 'R-C-09');
          return { ...row, action: 'invalid' as const, issues: [...row.issues, ...denied] };
        }),
      };
      const rows = plan.rows.map((row) => ({
        line: row.line,
        action: row.action,
        draft: row.draft,
        identity: row.identity,
        issues: row.issues,
        commandText: row.commands.map(renderCommand),
      }));
      const counts = { create: 0, update: 0, skip: 0, invalid: 0 };
      for (const row of rows) counts[row.action]++;
      const acknowledge = [...new Set(plan.rows.filter((x) => x.action === 'create' || x.action === 'update').flatMap((x) => x.issues.filter((i) => i.severity === 'warning').map((i) => i.rule)))];
      const before = plan.rows.map((row) => (row.identity ? (l.org.skype.exUmContacts.find((x) => x.identity === row.identity) ?? null) : null));
      const stored = deps.plans.issue((token) => ({
        preview: { token, fileName, separator: parsed.separator, encoding: decoded.encoding, fileIssues: parsed.fileIssues, rows, counts, acknowledge },
        operations: plan.rows.map((row) => row.operation),
        before,
        targetKind: t?.kind ?? 'lab',
      }));
      return stored.preview;
    },
  };
}
