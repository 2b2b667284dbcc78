/**
 * The Contacts screen's list: the org's contacts and OUs, and whether changes may be made — where
 * they would go and as whom, or why not. The list always shows; only writes depend on PowerShell.
 */
import type { ContactsScreen } from '../../../shared/contacts/contact-channels';
import { buildContactsView } from '../../../shared/contacts/contacts-view';
import { type Language, type Message, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { OrgService } from '../org-service';
import type { DirectoryCheckCache, DirectoryChecks } from './directory-checks';
import type { WriteRefusal, WriteTargets } from './write-target';

export interface ContactList {
  list(): Promise<ContactsScreen>;
}

/** A message whose parameters are all plain values (nested messages rendered), as the renderer's `td` takes. */
function flat(m: Message, language: Language): WriteRefusal {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = typeof v === 'object' ? renderMessage(language, v) : v;
  return { key: m.key, params };
}

export function createContactList(deps: { readonly org: OrgService; readonly targets: WriteTargets; readonly checks: DirectoryCheckCache; readonly language: () => Promise<Language> }): ContactList {
  return {
    async list() {
      const l = await deps.org.current();
      const view = buildContactsView(l.org);
      const r = await deps.targets.resolve();
      if ('refusal' in r) return { view, access: { writable: false, reason: r.refusal, target: null, operator: null } };
      let c: DirectoryChecks;
      try {
        c = await deps.checks.of(r.target);
      } catch (e) {
        // PowerShell could not start (lab) or the session is down: the list still shows, writes say why.
        const reason = e instanceof UserError ? flat(e.detail, await deps.language()) : { key: 'contacts.readonly.unavailable', params: { detail: e instanceof Error ? e.message : String(e) } };
        return { view, access: { writable: false, reason, target: r.target.kind, operator: null } };
      }
      const ous = c.ous ? [...new Set([...view.ous, ...c.ous])].sort((a, b) => a.localeCompare(b)) : view.ous;
      return { view: { ...view, ous }, access: { writable: true, reason: null, target: r.target.kind, operator: c.operator } };
    },
  };
}
