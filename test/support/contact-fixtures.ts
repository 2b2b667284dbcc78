/**
 * Fixtures of the contact-editor tests (shared/contacts, the renderer's contacts screen, the R-C
 * rules): the Litware Main AA contact and draft, the Branch Subscriber Access prefill OcsUmUtil
 * would propose, and the small-org edits those tests make (the AA contact removed, a Dallas pool).
 * Values are the lab's (assets/lab) and the healthy small org's, so one fixture reads the same in both.
 */
import type { ContactDraft } from '../../shared/contacts/contact-model';
import type { ExUmContact } from '../../shared/model/org';
import { frontEndPool, type OrgSpec } from './org-builder/org-spec';
import { AA, AA_PILOT, DALLAS, OU, POOL } from './org-builder/small-org';

/** The Litware Main AA contact as Get-CsExUmContact lists it (the lab's DN); `over` changes any field. */
export function mainAaContact(over: Partial<ExUmContact> = {}): ExUmContact {
  return {
    identity: `CN={4f1b2c3d-1111-4a5b-9c8d-000000000002},${OU}`,
    displayName: AA,
    sipAddress: 'sip:LitwareMainAA@litwareinc.com',
    displayNumber: AA_PILOT,
    lineUri: `tel:${AA_PILOT}`,
    autoAttendant: true,
    isSubscriberAccess: false,
    registrarPool: POOL,
    enabled: true,
    enterpriseVoiceEnabled: true,
    ou: OU,
    description: '',
    ...over,
  };
}

/** A new contact for the Litware Main AA pilot (free once withoutAaContact ran), no description. */
export const MAIN_AA_DRAFT: ContactDraft = {
  ou: OU,
  name: AA,
  sipAddress: 'sip:LitwareMainAA@litwareinc.com',
  registrarPool: POOL,
  displayNumber: AA_PILOT,
  kind: 'autoAttendant',
  description: '',
};

/** The lab's missing Branch Outlook Voice Access contact, prefilled as OcsUmUtil would (contacts-view). */
export const BRANCH_SA_PREFILL: ContactDraft = {
  ou: OU,
  name: 'Litware-SIP-Branch',
  sipAddress: 'sip:Litware-SIP-Branch.SA@litwareinc.com',
  registrarPool: 'red-sba-01.litwareinc.com',
  displayNumber: '+14255550200',
  kind: 'subscriberAccess',
  description: 'Outlook Voice Access, Litware-SIP-Branch',
};

/** Drops the healthy spec's auto attendant contact: its pilot number is then served by nothing (R-C-12). */
export function withoutAaContact(s: OrgSpec): void {
  s.skype.contacts = s.skype.contacts.filter((c) => !c.autoAttendant);
}

/** A second Registrar pool, a Front End pool in a new Dallas site. */
export const DALLAS_POOL = 'dal-cs-001.litwareinc.com';

/** Adds the Dallas site and DALLAS_POOL, after the Atlanta pool or (`first`) before it. */
export function addDallasPool(s: OrgSpec, first = false): void {
  s.skype.sites.push({ ...DALLAS });
  const pool = frontEndPool(DALLAS_POOL, 'Dallas', ['dal-fe-01.litwareinc.com']);
  if (first) s.skype.pools.unshift(pool);
  else s.skype.pools.push(pool);
}
