/**
 * The Contacts screen's data: the Exchange side (SIP URI dial plans, their Outlook Voice
 * Access numbers and auto attendant pilots) matched number by number to the contact objects
 * (`Get-CsExUmContact`), with a status per row and, for a number with no contact, the contact
 * OcsUmUtil would propose (docs/contact-objects.md §1.5).
 *
 * Linear in the org: one ContactIndex (maps by number, SIP address, pool), so 5,000 contacts and
 * 200 dial plans build in a few milliseconds.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExUmContact, OrgModel } from '../model/org';
import { phoneDigits } from '../model/phone';
import { CONTACT_STATUSES, type ContactDraft, type ContactRow, type ContactsView, type ContactStatus, type DialPlanNumbers, type ServedNumber } from './contact-model';
import { buildContactIndex, type ContactIndex, contactDiagnostic, contactLabel, kindMismatch, kindOf, ouKey, SIP_URI, sipKey } from './contact-validation';
import { CONTACT_NUMBER } from '../rules/contact-topology-rules';
import { proposedContactPool } from './contact-pool';

const lower = (s: string) => s.toLowerCase();
const REGISTRAR_ROLES = new Set(['FrontEnd', 'StandardEdition', 'SurvivableBranchAppliance']);

export function buildContactsView(org: OrgModel): ContactsView {
  const index = buildContactIndex(org);
  const sipDomains = sipDomainsOf(org);
  const domain = sipDomains[0] ?? '';
  const ous = distinctOus(org.skype.exUmContacts);
  const proposedOu = mostUsedOu(org.skype.exUmContacts) ?? (domain ? `OU=RTC Special Accounts,${domainDn(domain)}` : '');

  // ---- the Exchange side
  const aaByDialPlan = new Map<string, { name: string; pilotNumbers: string[] }[]>();
  for (const s of index.servedList) {
    if (s.kind !== 'autoAttendant' || s.autoAttendant === null) continue;
    const list = aaByDialPlan.get(lower(s.dialPlan)) ?? [];
    const aa = list.find((a) => a.name === s.autoAttendant);
    if (aa) aa.pilotNumbers.push(s.number);
    else list.push({ name: s.autoAttendant, pilotNumbers: [s.number] });
    aaByDialPlan.set(lower(s.dialPlan), list);
  }
  const dialPlans: DialPlanNumbers[] = org.exchange.dialPlans
    .filter((d) => d.uriType === 'SipName')
    .map((d) => ({
      dialPlan: d.name,
      phoneContext: d.phoneContext,
      ovaNumbers: d.accessTelephoneNumbers,
      autoAttendants: aaByDialPlan.get(lower(d.name)) ?? [],
      pool: index.homeOf(d.name),
    }));

  // ---- one row per contact
  const rows: { row: ContactRow; name: string }[] = [];
  for (const c of org.skype.exUmContacts) rows.push({ row: contactRow(c, index), name: lower(contactLabel(c)) });

  // ---- one row per Exchange number nobody carries (R-C-12)
  const proposedSips = new Set<string>();
  const uniqueSip = (user: string): string => {
    for (let i = 1; ; i++) {
      const sip = `sip:${user}${i === 1 ? '' : i}@${domain}`;
      const key = sipKey(sip);
      if (!index.bySip.has(key) && !index.userSips.has(key) && !proposedSips.has(key)) {
        proposedSips.add(key);
        return sip;
      }
    }
  };
  const carried = (n: string) => index.byDigits.has(phoneDigits(n));
  for (const d of dialPlans) {
    // One rule for the pool of a missing contact: the form, `umc contacts` and R-C-12's fix agree (contact-pool.ts).
    const pool = proposedContactPool(org, index.homePool, d.dialPlan) ?? '';
    for (const number of d.ovaNumbers) {
      if (!number || carried(number)) continue;
      const served: ServedNumber = { kind: 'subscriberAccess', number, dialPlan: d.dialPlan, autoAttendant: null };
      // Data written to the directory, not UI text: the lab's (and OcsUmUtil's) convention, in English.
      const prefill: ContactDraft = {
        ou: proposedOu,
        name: d.dialPlan,
        sipAddress: uniqueSip(`${sipUser(d.dialPlan)}.SA`),
        registrarPool: pool,
        displayNumber: number,
        kind: 'subscriberAccess',
        description: `Outlook Voice Access, ${d.dialPlan}`,
      };
      const issue = contactDiagnostic('R-C-12', 'warning', null, 'contacts.issue.R-C-12.subscriberAccess', { dialPlan: d.dialPlan, number });
      rows.push({ row: missingRow(served, prefill, issue), name: lower(prefill.name) });
    }
    for (const aa of d.autoAttendants) {
      // An auto attendant is served when any of its pilots has a contact (docs/contact-objects.md §1.5 step 9: one contact per AA).
      if (aa.pilotNumbers.length === 0 || aa.pilotNumbers.some(carried)) continue;
      const number = aa.pilotNumbers[0];
      const served: ServedNumber = { kind: 'autoAttendant', number, dialPlan: d.dialPlan, autoAttendant: aa.name };
      const prefill: ContactDraft = {
        ou: proposedOu,
        name: aa.name,
        sipAddress: uniqueSip(sipUser(aa.name)),
        registrarPool: pool,
        displayNumber: number,
        kind: 'autoAttendant',
        description: `Auto attendant ${aa.name}`,
      };
      const issue = contactDiagnostic('R-C-12', 'warning', null, 'contacts.issue.R-C-12.autoAttendant', { autoAttendant: aa.name, dialPlan: d.dialPlan, number });
      rows.push({ row: missingRow(served, prefill, issue), name: lower(prefill.name) });
    }
  }

  const rank = new Map(CONTACT_STATUSES.map((s, i) => [s, i]));
  rows.sort((a, b) => {
    const r = (rank.get(a.row.status) ?? 0) - (rank.get(b.row.status) ?? 0);
    if (r) return r;
    if (a.name !== b.name) return a.name < b.name ? -1 : 1;
    return a.row.key < b.row.key ? -1 : a.row.key > b.row.key ? 1 : 0;
  });
  const counts: Record<ContactStatus, number> = { ok: 0, missing: 0, orphan: 0, duplicate: 0, mismatch: 0 };
  for (const r of rows) counts[r.row.status]++;

  const pools = org.skype.pools
    .filter((p) => REGISTRAR_ROLES.has(p.role) && p.product !== 'OCS2007R2')
    .map((p) => p.fqdn)
    .sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));

  return { dialPlans, rows: rows.map((r) => r.row), counts, pools, pilotNumbers: index.servedList, ous, sipDomains };
}

function missingRow(served: ServedNumber, prefill: ContactDraft, issue: Diagnostic): ContactRow {
  return { key: `missing:${served.kind}:${served.dialPlan}:${served.number}`, status: 'missing', contact: null, serves: served, issues: [issue], prefill };
}

/**
 * One contact: what it serves and why its status is what it is. Status precedence: duplicate (two
 * objects claim one number or address: fix first), orphan (serves nothing: its other faults do not
 * matter), mismatch (serves the wrong kind, or cannot answer), ok.
 */
function contactRow(c: ExUmContact, index: ContactIndex): ContactRow {
  const issues: Diagnostic[] = [];
  const kind = kindOf(c);
  const label = contactLabel(c);
  const sip = sipKey(c.sipAddress);
  const digits = phoneDigits(c.displayNumber);

  // R-C-01 / R-C-03 / R-C-05: the form of the values themselves.
  if (!SIP_URI.test(c.sipAddress.trim())) issues.push(contactDiagnostic('R-C-01', 'error', 'sipAddress', 'contacts.issue.R-C-01', { sip: c.sipAddress }));
  if (!CONTACT_NUMBER.test(c.displayNumber)) issues.push(contactDiagnostic('R-C-03', 'error', 'displayNumber', 'contacts.issue.R-C-03', { number: c.displayNumber }));
  else if (!c.displayNumber.startsWith('+')) issues.push(contactDiagnostic('R-C-05', 'warning', 'displayNumber', 'contacts.issue.R-C-05', { number: c.displayNumber }));

  // Duplicates: R-C-02 (SIP address of a user or another contact), R-C-04 (number of another contact).
  let duplicate = false;
  if (sip && index.userSips.has(sip)) {
    duplicate = true;
    issues.push(contactDiagnostic('R-C-02', 'error', 'sipAddress', 'contacts.issue.R-C-02.user', { sip: c.sipAddress }));
  }
  const sameSip = sip ? (index.bySip.get(sip) ?? []).filter((o) => o !== c) : [];
  if (sameSip.length) {
    duplicate = true;
    issues.push(contactDiagnostic('R-C-02', 'error', 'sipAddress', 'contacts.issue.R-C-02.contact', { sip: c.sipAddress, other: sameSip.map(contactLabel).join(', ') }));
  }
  const sameNumber = digits ? (index.byDigits.get(digits) ?? []).filter((o) => o !== c) : [];
  if (sameNumber.length) {
    duplicate = true;
    issues.push(contactDiagnostic('R-C-04', 'error', 'displayNumber', 'contacts.issue.R-C-04', { number: c.displayNumber, other: sameNumber.map(contactLabel).join(', ') }));
  }

  // What it serves: R-C-06 (nothing, or the other kind).
  const serves = digits ? index.servedBy(c.displayNumber, kind) : null;
  let mismatch = false;
  if (!serves) issues.push(contactDiagnostic('R-C-06', 'warning', 'displayNumber', `contacts.issue.R-C-06.${kind}`, { number: c.displayNumber || '—' }));
  else if (serves.kind !== kind) {
    mismatch = true;
    issues.push(kindMismatch(serves, c.displayNumber, 'kind'));
  }

  // R-C-07 / R-C-08: the pool.
  const pool = index.poolByFqdn.get(lower(c.registrarPool));
  if (!pool) issues.push(contactDiagnostic('R-C-07', 'error', 'registrarPool', 'contacts.issue.R-C-07.unknown', { pool: c.registrarPool || '—' }));
  else if (pool.product === 'OCS2007R2') issues.push(contactDiagnostic('R-C-07', 'error', 'registrarPool', 'contacts.issue.R-C-07.legacy', { pool: pool.fqdn }));
  else if (serves) {
    const home = index.homeOf(serves.dialPlan);
    if (home && lower(home) !== lower(pool.fqdn)) issues.push(contactDiagnostic('R-C-08', 'info', 'registrarPool', 'contacts.issue.R-C-08', { pool: pool.fqdn, home, dialPlan: serves.dialPlan }));
  }

  // R-C-14: a disabled contact, or one without Enterprise Voice, does not answer.
  if (!c.enabled) {
    mismatch = true;
    issues.push(contactDiagnostic('R-C-14', 'warning', 'enabled', 'contacts.issue.R-C-14.disabled', { contact: label }));
  } else if (!c.enterpriseVoiceEnabled) {
    mismatch = true;
    issues.push(contactDiagnostic('R-C-14', 'warning', 'enterpriseVoiceEnabled', 'contacts.issue.R-C-14.voice', { contact: label }));
  }

  const status: ContactStatus = duplicate ? 'duplicate' : !serves ? 'orphan' : mismatch ? 'mismatch' : 'ok';
  return { key: c.identity, status, contact: c, serves, issues, prefill: null };
}

/** The SIP user part OcsUmUtil-style: accents dropped, then only letters, digits, `.`, `_`, `-` (`Litware Main AA` → `LitwareMainAA`). */
export function sipUser(name: string): string {
  const user = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]/g, '')
    .replace(/^[.]+|[.]+$/g, '');
  return user || 'contact';
}

/** `litwareinc.com` → `DC=litwareinc,DC=com`. */
export function domainDn(domain: string): string {
  return domain
    .split('.')
    .filter(Boolean)
    .map((p) => `DC=${p}`)
    .join(',');
}

/** The default SIP domain first, then every other domain a user or contact uses, sorted. */
function sipDomainsOf(org: OrgModel): string[] {
  const seen = new Map<string, string>();
  const add = (sip: string) => {
    const at = sip.lastIndexOf('@');
    if (at < 0) return;
    const d = sip.slice(at + 1).trim();
    if (d && !seen.has(lower(d))) seen.set(lower(d), d);
  };
  for (const c of org.skype.exUmContacts) add(c.sipAddress);
  for (const u of org.users) add(u.sipAddress);
  const def = org.skype.defaultSipDomain.trim();
  const rest = [...seen.values()].filter((d) => lower(d) !== lower(def)).sort((a, b) => (lower(a) < lower(b) ? -1 : 1));
  return def ? [def, ...rest] : rest;
}

/** ouKey, memoised: thousands of contacts share a handful of OUs. */
function ouKeys(): (dn: string) => string {
  const memo = new Map<string, string>();
  return (dn) => {
    let k = memo.get(dn);
    if (k === undefined) memo.set(dn, (k = ouKey(dn)));
    return k;
  };
}

function distinctOus(contacts: readonly ExUmContact[]): string[] {
  const key = ouKeys();
  const seen = new Map<string, string>();
  for (const c of contacts) if (c.ou && !seen.has(key(c.ou))) seen.set(key(c.ou), c.ou);
  return [...seen.values()].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0));
}

/** OcsUmUtil proposes a default OU (docs/contact-objects.md §1.5 step 3): the one the existing contacts use most. */
function mostUsedOu(contacts: readonly ExUmContact[]): string | null {
  const key = ouKeys();
  const counts = new Map<string, { ou: string; n: number }>();
  let best: { ou: string; n: number } | null = null;
  for (const c of contacts) {
    if (!c.ou) continue;
    const k = key(c.ou);
    const e = counts.get(k) ?? { ou: c.ou, n: 0 };
    e.n++;
    counts.set(k, e);
    if (!best || e.n > best.n) best = e;
  }
  return best?.ou ?? null;
}
