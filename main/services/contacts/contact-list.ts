/**
 * The Contacts screen's list: the org's contacts and OUs, and whether changes may be made — where
 * they would go and as whom, or why not. The list always shows; only writes depend on PowerShell.
 */
import type { ContactsLoad, ContactsScreen } from '../../../shared/contacts/contact-channels';
import type { ContactsView } from '../../../shared/contacts/contact-model';
import { type EventSink, NO_EVENTS } from '../../../shared/contract/channels';
import { buildContactsView } from '../../../shared/contacts/contacts-view';
import { type Language, type Message, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { OrgService } from '../org-service';
import type { DirectoryCheckCache, DirectoryChecks } from './directory-checks';
import type { WriteRefusal, WriteTargets } from './write-target';

export interface ContactList {
  list(): Promise<ContactsScreen>;
  /** The list alone, once the org is read: never waits for PowerShell. */
  view(): Promise<ContactsView>;
}

/** A message whose parameters are all plain values (nested messages rendered), as the renderer's `td` takes. */
function flat(m: Message, language: Language): WriteRefusal {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = typeof v === 'object' ? renderMessage(language, v) : v;
  return { key: m.key, params };
}

export interface ContactListDeps {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly checks: DirectoryCheckCache;
  readonly language: () => Promise<Language>;
  /** `contacts.loadProgress`: what the read is doing, for the screen to say (a first visit waits seconds for PowerShell). */
  readonly events?: EventSink;
}

export function createContactList(deps: ContactListDeps): ContactList {
  const events = deps.events ?? NO_EVENTS;
  let load: ContactsLoad = { phase: 'idle' };
  const phase = (p: ContactsLoad['phase']) => {
    load = { phase: p };
    events.publish('contacts.loadProgress', () => load);
  };
  events.publish('contacts.loadProgress', () => load);

  async function list(): Promise<ContactsScreen> {
    phase('org');
    try {
      const l = await deps.org.current();
      const view = buildContactsView(l.org);
      const r = await deps.targets.resolve();
      if ('refusal' in r) return { view, access: { writable: false, reason: r.refusal, target: null, operator: null } };
      // Checks not yet read: on the lab that starts the lab endpoint's PowerShell; live, it asks the open sessions.
      if (!deps.checks.cached(r.target)) phase(r.target.kind === 'lab' ? 'powershell' : 'directory');
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
    } finally {
      phase('done');
    }
  }

  return {
    list,
    async view() {
      return buildContactsView((await deps.org.current()).org);
    },
  };
}
