/**
 * The Registrar pool proposed for a missing Exchange UM contact — one rule, used by the contact form's
 * prefill (contacts-view.ts), `umc contacts`, R-C-12's fix text and its fix plan, so all of them name the
 * same pool for the same number.
 *
 * The rule rests on R-C-08 (docs/rule-catalogue.md; OcsUmUtil's step 6, docs/contact-objects.md §1.5: "preferably
 * the pool of the Enterprise Voice and UM users"): the pool that homes most Enterprise Voice users of the number's
 * dial plan, so the new contact does not fire R-C-08 the moment it exists. A pool R-C-07 refuses (not a pool of the
 * topology, or Office Communications Server 2007 R2: New-CsExUmContact refuses it, §2.1) or one R-T-03 names
 * (Skype for Business Server 2019 has no Exchange UM, seed 000) is never proposed; without a usable home pool, the
 * first Front End / Standard Edition pool of the topology that can carry the contact; none: null.
 */
import type { OrgModel, SkypePool } from '../model/org';

/** The rule the choice rests on. */
export const CONTACT_POOL_RULE = 'R-C-08';

/** A pool New-CsExUmContact takes and Exchange UM still serves (R-C-07, R-T-03). */
function carriesUmContacts(p: SkypePool): boolean {
  return p.product !== 'OCS2007R2' && p.product !== 'SfB2019';
}

/**
 * The pool for a new contact serving a number of `dialPlan`. `homePools` is `homePoolsOf(org)`
 * (shared/rules/contact-topology-rules.ts: lower-case dial plan name → pool), passed in so a caller judging
 * many numbers walks the users once.
 */
export function proposedContactPool(org: OrgModel, homePools: ReadonlyMap<string, string>, dialPlan: string): string | null {
  const home = homePools.get(dialPlan.toLowerCase());
  if (home) {
    const pool = org.skype.pools.find((p) => p.fqdn.toLowerCase() === home.toLowerCase());
    if (pool && carriesUmContacts(pool)) return pool.fqdn;
  }
  return org.skype.pools.find((p) => (p.role === 'FrontEnd' || p.role === 'StandardEdition') && carriesUmContacts(p))?.fqdn ?? null;
}
