/**
 * One contact change from the form: validated as it is typed, previewed with its exact cmdlets
 * (bound to a single-use token), applied as previewed — or refused when the object changed since.
 */
import type { ContactApplyResult, ContactPreview } from '../../../shared/contacts/contact-channels';
import { changesOf, commandsFor, renderCommand } from '../../../shared/contacts/contact-commands';
import type { ContactOperation } from '../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import { removalConsequences, validateOperation, type ValidationContext } from '../../../shared/contacts/contact-validation';
import { type Language, UserError } from '../../../shared/i18n/translate';
import type { OrgService } from '../org-service';
import type { DirectoryCheckCache } from './directory-checks';
import type { PreviewTokens } from './preview-tokens';
import { type ContactWriter, identityOf, patchContacts, type PreviewedChange } from './contact-writer';
import { readContact, type WriteTargets } from './write-target';

/** What a preview token binds: the change as shown, on which kind of target, and what apply must be told. */
export interface StoredPreview extends PreviewedChange {
  readonly token: string;
  readonly targetKind: 'lab' | 'live';
  readonly blocked: boolean;
  readonly acknowledge: readonly string[];
}

/** How many previews are kept (the oldest dropped first). */
export const MAX_PREVIEWS = 200;

export interface ContactEditorDeps {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly checks: DirectoryCheckCache;
  readonly writer: ContactWriter;
  readonly previews: PreviewTokens<StoredPreview>;
  readonly language: () => Promise<Language>;
}

export interface ContactEditor {
  validate(operation: ContactOperation): Promise<{ readonly issues: readonly Diagnostic[] }>;
  preview(operation: ContactOperation): Promise<ContactPreview>;
  apply(token: string, acknowledged: readonly string[]): Promise<ContactApplyResult>;
}

export function createContactEditor(deps: ContactEditorDeps): ContactEditor {
  return {
    async validate(operation) {
      const l = await deps.org.current();
      const r = await deps.targets.resolve();
      const id = identityOf(operation);
      const original = id ? (l.org.skype.exUmContacts.find((c) => c.identity.toLowerCase() === id.toLowerCase()) ?? null) : null;
      // Cached checks only: validation as you type never waits for a server.
      const c = 'target' in r ? deps.checks.cached(r.target) : null;
      const ctx: ValidationContext = c
        ? { original, operatorGroups: c.groups, knownOus: c.ous, ouPermission: operation.op === 'create' ? (c.ouPermission.get(operation.draft.ou.toLowerCase()) ?? null) : null }
        : { original };
      return { issues: validateOperation(operation, l.org, ctx) };
    },

    async preview(operation) {
      const t = await deps.targets.require();
      const l = await deps.org.current();
      const id = identityOf(operation);
      const before = id ? await readContact(t, id) : null;
      if (id && !before) throw new UserError({ key: 'contacts.error.gone', params: { identity: id } });
      const ctx = await deps.checks.validationContext(operation, before, t);
      const issues = validateOperation(operation, l.org, ctx);
      const commands = commandsFor(operation, before);
      const blocked = issues.some((i) => i.severity === 'error') || commands.length === 0;
      const acknowledge = [...new Set(issues.filter((i) => i.severity === 'warning').map((i) => i.rule))];
      const consequences = operation.op === 'remove' && before ? removalConsequences(before, l.org) : [];
      const { token } = deps.previews.issue((token) => ({ token, targetKind: t.kind, operation, commands, before, blocked, acknowledge }));
      return { token, operation, commands, commandText: commands.map(renderCommand), issues, blocked, acknowledge, before, changes: changesOf(commands, before), consequences };
    },

    async apply(token, acknowledged) {
      const language = await deps.language();
      const p = deps.previews.get(token);
      if (!p) throw new UserError({ key: 'contacts.error.previewExpired', params: {} });
      const t = await deps.targets.require();
      if (t.kind !== p.targetKind) throw new UserError({ key: 'contacts.error.previewExpired', params: {} });
      if (p.blocked) throw new UserError({ key: 'contacts.error.blocked', params: {} });
      const missing = p.acknowledge.filter((r) => !acknowledged.includes(r));
      if (missing.length) throw new UserError({ key: 'contacts.error.acknowledge', params: { rules: missing.join(', ') } });
      deps.previews.spend(token); // one apply per preview
      // No lost update: the object must be exactly as it was shown.
      const recheck = await deps.writer.recheck(t, p);
      if (recheck.differences.length) return deps.writer.refuseStale(t, p, recheck, language);
      const { readBack, ...result } = await deps.writer.write(t, p, language);
      // The contact as the server holds it now (also after an answer that never came: read back and settled).
      if (readBack) {
        const l = await deps.org.current();
        deps.org.replace(patchContacts(l.org, [{ identity: identityOf(p.operation), after: result.after, previousIdentity: p.before?.identity ?? null }]));
      }
      return { ...result, differences: [] };
    },
  };
}
