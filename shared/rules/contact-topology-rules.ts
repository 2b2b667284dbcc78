/**
 * Contact object rules R-C-* that the org model can judge (docs/contact-objects.md; sources: docs/sources.md) and topology rules R-T-*.
 * The editor-time checks (R-C-09 OU rights, R-C-10 group membership, R-C-15 confirm) come with the
 * contact editor; R-C-13/16 (hosted UM) need the hosted voice mail policies, not captured yet.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExUmContact, OrgModel } from '../model/org';
import { commentedCommand, fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import type { RuleContext } from './context';
import { eqi, makeDiagnostic, ref, type OrgRuleDefinition } from './rule';
import { phoneDigits as digits } from '../model/phone';
import { proposedContactPool } from '../contacts/contact-pool';

const ct = (c: ExUmContact) => ref('exUmContact', c.identity);
const label = (c: ExUmContact) => c.displayName || c.sipAddress || c.identity;

export const R_C_01: OrgRuleDefinition = {
  id: 'R-C-01',
  severity: 'error',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL', 'PS-New-CsExUmContact'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.skype.exUmContacts
      .filter((c) => !/^sip:.+/i.test(c.sipAddress))
      .map((c) =>
        makeDiagnostic(R_C_01, 'default', [ct(c)], { contact: label(c), sip: c.sipAddress || '(empty)' }, [
          `Set-CsExUmContact -Identity ${psQuote(c.identity)} -SipAddress ${psQuote('sip:' + (c.sipAddress.replace(/^.*:/, '') || `${fixPlaceholder('fix.placeholder.name')}@${fixPlaceholder('fix.placeholder.sipDomain')}`))}`,
        ]),
      ),
};

export const R_C_02: OrgRuleDefinition = {
  id: 'R-C-02',
  severity: 'error',
  family: 'org',
  area: 'contacts',
  sources: ['PS-New-CsExUmContact', 'PS-Set-CsExUmContact'],
  basis: 'DOC',
  evaluate: (ctx) => {
    const contacts = ctx.org.skype.exUmContacts;
    if (contacts.length === 0) return [];
    // The contacts' few addresses looked up among the users in one pass: no set of 100,000 users' addresses.
    const keys = new Set(contacts.map((c) => c.sipAddress.toLowerCase()));
    const users = new Set<string>();
    for (const u of ctx.org.users) {
      const k = u.sipAddress.toLowerCase();
      if (k && keys.has(k)) users.add(k);
    }
    const seen = new Map<string, ExUmContact>();
    const out: Diagnostic[] = [];
    for (const c of ctx.org.skype.exUmContacts) {
      const key = c.sipAddress.toLowerCase();
      if (!key) continue;
      const other = seen.get(key);
      if (users.has(key)) out.push(makeDiagnostic(R_C_02, 'user', [ct(c)], { contact: label(c), sip: c.sipAddress }, []));
      else if (other) out.push(makeDiagnostic(R_C_02, 'contact', [ct(c), ct(other)], { contact: label(c), other: label(other), sip: c.sipAddress }, []));
      seen.set(key, c);
    }
    return out;
  },
};

/** R-C-03: an optional + then digits, the first not 0 (docs/contact-objects.md §2.1, New-CsExUmContact -DisplayNumber). Shared with the contact editor. */
export const CONTACT_NUMBER = /^\+?[1-9][0-9]*$/;
const NUMBER = CONTACT_NUMBER;

export const R_C_03: OrgRuleDefinition = {
  id: 'R-C-03',
  severity: 'error',
  family: 'org',
  area: 'contacts',
  sources: ['PS-New-CsExUmContact'],
  basis: 'DERIVED',
  evaluate: (ctx) =>
    ctx.org.skype.exUmContacts.filter((c) => !NUMBER.test(c.displayNumber)).map((c) => makeDiagnostic(R_C_03, 'default', [ct(c)], { contact: label(c), number: c.displayNumber || '(empty)' }, [])),
};

/**
 * R-C-04: one number, several contacts (New-CsExUmContact: the number is unique among UM contacts,
 * docs/contact-objects.md §2.1). The contact that answers the number as its kind (servedBy) keeps it, else
 * the first; the others get the fix: removed, or given the number they should answer with Set-CsExUmContact
 * -DisplayNumber (a new number also rewrites LineURI, §2.2).
 */
export const R_C_04: OrgRuleDefinition = {
  id: 'R-C-04',
  severity: 'error',
  family: 'org',
  area: 'contacts',
  sources: ['PS-New-CsExUmContact', 'PS-Set-CsExUmContact'],
  basis: 'DOC',
  evaluate: (ctx) => {
    const byNumber = new Map<string, ExUmContact[]>();
    for (const c of ctx.org.skype.exUmContacts) {
      const key = digits(c.displayNumber);
      if (!key) continue;
      byNumber.set(key, [...(byNumber.get(key) ?? []), c]);
    }
    return [...byNumber.values()]
      .filter((cs) => cs.length > 1)
      .map((cs) => {
        const keeper = cs.find((c) => servedBy(ctx, c) !== null) ?? cs[0];
        const extra = cs.filter((c) => c !== keeper);
        return makeDiagnostic(
          R_C_04,
          'default',
          cs.map(ct),
          { number: keeper.displayNumber, contacts: cs.map(label).join(', '), keeper: label(keeper) },
          extra.map((c) => commentedCommand(`Remove-CsExUmContact -Identity ${psQuote(c.identity)}`, 'fix.comment.orDisplayNumber')),
        );
      });
  },
};

export const R_C_05: OrgRuleDefinition = {
  id: 'R-C-05',
  severity: 'warning',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.skype.exUmContacts
      .filter((c) => NUMBER.test(c.displayNumber) && !c.displayNumber.startsWith('+'))
      .map((c) =>
        makeDiagnostic(R_C_05, 'default', [ct(c)], { contact: label(c), number: c.displayNumber }, [
          `Set-CsExUmContact -Identity ${psQuote(c.identity)} -DisplayNumber ${psQuote(`+${fixPlaceholder('fix.placeholder.countryCode')}${c.displayNumber}`)}`,
        ]),
      ),
};

/**
 * The Exchange object a contact number serves: an OVA number of a SIP URI dial plan, or the pilot of an
 * auto attendant on one. The integration's contacts serve SIP URI dial plans only: OcsUmUtil lists the
 * "SIP dial plans" (docs/contact-objects.md §1.5 step 2), and seed 001 has Lync / Skype use SIP URI dial
 * plans ("Créez un ou plusieurs plans de numérotation URI SIP de messagerie unifiée, chacun correspondant à un
 * profil d’emplacement Lync Server."). The contact editor judges the same numbers (contact-validation.ts orgFacts).
 */
function servedBy(ctx: RuleContext, c: ExUmContact): { kind: 'umDialPlan' | 'umAutoAttendant'; id: string } | null {
  const n = digits(c.displayNumber);
  if (!n) return null;
  const sip = (dialPlan: string) => ctx.lyncSipDialPlans.some((d) => eqi(d.name, dialPlan));
  if (c.autoAttendant) {
    const aa = ctx.org.exchange.autoAttendants.find((a) => sip(a.dialPlan) && a.pilotIdentifierList.some((p) => digits(p) === n));
    return aa ? { kind: 'umAutoAttendant', id: aa.name } : null;
  }
  const d = ctx.lyncSipDialPlans.find((x) => x.accessTelephoneNumbers.some((p) => digits(p) === n));
  return d ? { kind: 'umDialPlan', id: d.name } : null;
}

/**
 * The telephone-extension or E.164 UM dial plan whose Outlook Voice Access number, or whose auto attendant's
 * pilot, `number` is — a contact there serves a dial plan Skype does not route to (see servedBy). Shared with
 * the contact editor so that one rule decides.
 */
export function nonSipDialPlanOf(org: OrgModel, number: string): string | null {
  const n = digits(number);
  if (!n) return null;
  const nonSip = org.exchange.dialPlans.filter((d) => d.uriType !== 'SipName');
  const d = nonSip.find((x) => x.accessTelephoneNumbers.some((p) => digits(p) === n));
  if (d) return d.name;
  const aa = org.exchange.autoAttendants.find((a) => nonSip.some((x) => eqi(x.name, a.dialPlan)) && a.pilotIdentifierList.some((p) => digits(p) === n));
  return aa ? aa.dialPlan : null;
}

export const R_C_06: OrgRuleDefinition = {
  id: 'R-C-06',
  severity: 'warning',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL'],
  basis: 'DERIVED',
  seeds: ['001'],
  evaluate: (ctx) =>
    ctx.org.skype.exUmContacts
      .filter((c) => NUMBER.test(c.displayNumber) && servedBy(ctx, c) === null)
      .map((c) => {
        const nonSip = nonSipDialPlanOf(ctx.org, c.displayNumber);
        const objects = nonSip ? [ct(c), ref('umDialPlan', nonSip)] : [ct(c)];
        return makeDiagnostic(
          R_C_06,
          nonSip ? 'nonSipDialPlan' : c.autoAttendant ? 'autoAttendant' : 'subscriberAccess',
          objects,
          { contact: label(c), number: c.displayNumber, dialPlan: nonSip ?? '' },
          [
            // No org value in the comment: a comment ends at a line break, a literal does not.
            commentedCommand(`Remove-CsExUmContact -Identity ${psQuote(c.identity)}`, 'fix.comment.onlyIfUnused'),
          ],
        );
      }),
};

export const R_C_07: OrgRuleDefinition = {
  id: 'R-C-07',
  severity: 'error',
  family: 'org',
  area: 'contacts',
  sources: ['PS-New-CsExUmContact', 'LYNC10-MOVE'],
  basis: 'DOC',
  evaluate: (ctx) => {
    const target = ctx.org.skype.pools.find((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition')?.fqdn ?? fixPlaceholder('fix.placeholder.poolFqdn');
    return ctx.org.skype.exUmContacts.flatMap((c) => {
      const pool = ctx.poolByFqdn.get(c.registrarPool.toLowerCase());
      if (pool && pool.product !== 'OCS2007R2') return [];
      return [
        makeDiagnostic(R_C_07, pool ? 'legacy' : 'unknown', [ct(c)], { contact: label(c), pool: c.registrarPool || '(empty)' }, [
          `Move-CsExUmContact -Identity ${psQuote(c.identity)} -Target ${psQuote(target)}`,
        ]),
      ];
    });
  },
};

/**
 * Pool that homes most Enterprise Voice users of each dial plan (OcsUmUtil step 6: "preferably the
 * pool that hosts the Enterprise Voice + UM users"). One pass over users and mailboxes: the
 * 100,000-user org must not be walked once per dial plan. Keys are lower-case dial plan names.
 * Shared with the contact editor (its prefill and R-C-08 as the form types).
 */
export function homePoolsOf(org: OrgModel): ReadonlyMap<string, string> {
  // The org is readonly: R-C-08, R-C-12, the contact editor and the fix planner share one walk per org.
  let home = homePools.get(org);
  if (!home) homePools.set(org, (home = computeHomePools(org)));
  return home;
}

const homePools = new WeakMap<OrgModel, ReadonlyMap<string, string>>();

/** A SIP address without its `sip:` scheme, lower case (no regex: 100,000 users). */
function bareSipKey(sip: string): string {
  return (sip.length > 4 && (sip.charCodeAt(0) | 32) === 115 && (sip.charCodeAt(1) | 32) === 105 && (sip.charCodeAt(2) | 32) === 112 && sip.charCodeAt(3) === 58 ? sip.slice(4) : sip).toLowerCase();
}

function computeHomePools(org: OrgModel): Map<string, string> {
  const poolBySip = new Map<string, string>();
  for (const u of org.users) if (u.enterpriseVoiceEnabled && u.registrarPool) poolBySip.set(bareSipKey(u.sipAddress), u.registrarPool);
  const counts = new Map<string, Map<string, number>>();
  for (const m of org.mailboxes) {
    if (!m.umEnabled || !m.umDialPlan) continue;
    const pool = poolBySip.get(bareSipKey(m.sipResourceIdentifier));
    if (!pool) continue;
    const dp = m.umDialPlan.toLowerCase();
    const perPool = counts.get(dp) ?? new Map<string, number>();
    perPool.set(pool, (perPool.get(pool) ?? 0) + 1);
    counts.set(dp, perPool);
  }
  const home = new Map<string, string>();
  for (const [dp, perPool] of counts) {
    let best: string | null = null;
    for (const [p, n] of perPool) if (best === null || n > (perPool.get(best) ?? 0)) best = p;
    if (best) home.set(dp, best);
  }
  return home;
}

export const R_C_08: OrgRuleDefinition = {
  id: 'R-C-08',
  severity: 'info',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL'],
  basis: 'DOC',
  evaluate: (ctx) => {
    const contacts = ctx.org.skype.exUmContacts;
    if (contacts.length === 0) return [];
    const home = homePoolsOf(ctx.org);
    const out: Diagnostic[] = [];
    for (const c of contacts) {
      const s = servedBy(ctx, c);
      if (!s) continue;
      const dpName = s.kind === 'umDialPlan' ? s.id : ctx.org.exchange.autoAttendants.find((a) => a.name === s.id)?.dialPlan;
      const d = dpName ? ctx.dialPlanByName.get(dpName.toLowerCase()) : undefined;
      if (!d) continue;
      const pool = home.get(d.name.toLowerCase());
      if (pool && !eqi(pool, c.registrarPool))
        out.push(
          makeDiagnostic(R_C_08, 'default', [ct(c), ref('umDialPlan', d.name)], { contact: label(c), pool: c.registrarPool, home: pool, dialPlan: d.name }, [
            `Move-CsExUmContact -Identity ${psQuote(c.identity)} -Target ${psQuote(pool)}`,
          ]),
        );
    }
    return out;
  },
};

/**
 * OcsUmUtil's location profile check (docs/contact-objects.md §1.2): a Skype dial plan named exactly the UM dial
 * plan's PhoneContext. Required before Exchange 2010 SP1 (14.1), advisory after.
 */
export const R_C_11: OrgRuleDefinition = {
  id: 'R-C-11',
  severity: 'warning',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL', 'LYNC13-DEPLOYPROC'],
  basis: 'DOC',
  seeds: ['000'],
  evaluate: (ctx) => locationProfileDiagnostics(ctx, true),
};

export const R_C_11b: OrgRuleDefinition = {
  id: 'R-C-11b',
  severity: 'info',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL', 'LYNC13-DEPLOYPROC'],
  basis: 'DOC',
  seeds: ['000', '001'],
  evaluate: (ctx) => locationProfileDiagnostics(ctx, false),
};

function locationProfileDiagnostics(ctx: RuleContext, legacy: boolean): Diagnostic[] {
  const servers = ctx.umServers;
  if (servers.length === 0) return [];
  const old = servers.some((s) => s.version.major < 14 || (s.version.major === 14 && s.version.minor < 1));
  if (old !== legacy) return [];
  const rule = legacy ? R_C_11 : R_C_11b;
  return ctx.lyncSipDialPlans
    .filter((d) => !ctx.org.skype.dialPlans.some((p) => eqi(p.name, d.phoneContext)))
    .map((d) =>
      makeDiagnostic(rule, 'default', [ref('umDialPlan', d.name)], { dialPlan: d.name, phoneContext: d.phoneContext }, [
        `New-CsDialPlan -Identity ${psQuote(d.phoneContext)} -SimpleName ${psQuote(d.name)}`,
      ]),
    );
}

/**
 * The fix for a missing contact. New-CsExUmContact refuses a SIP address a user or another contact holds
 * (docs/contact-objects.md §2.1), so a proposed address already held is not offered as a new contact: the
 * contact holding it is corrected instead (Set-CsExUmContact -DisplayNumber / -AutoAttendant, §2.2) and, when
 * its pool is not a Registrar pool of the topology, moved (Move-CsExUmContact -Target, §2.5). Held by a user:
 * the admin picks an unused address.
 */
function contactFix(ctx: RuleContext, sip: string, pool: string, ou: string, number: string, autoAttendant: boolean): string[] {
  const held = ctx.org.skype.exUmContacts.find((c) => eqi(c.sipAddress, sip));
  if (held) {
    const kind = held.autoAttendant === autoAttendant ? '' : ` -AutoAttendant $${String(autoAttendant)}`;
    const fix = [`Set-CsExUmContact -Identity ${psQuote(held.identity)} -DisplayNumber ${psQuote(number)}${kind}`];
    const heldPool = ctx.poolByFqdn.get(held.registrarPool.toLowerCase());
    if (!heldPool || heldPool.product === 'OCS2007R2') fix.push(`Move-CsExUmContact -Identity ${psQuote(held.identity)} -Target ${psQuote(pool)}`);
    return fix;
  }
  const free = ctx.org.users.some((u) => eqi(u.sipAddress, sip)) ? fixPlaceholder('fix.placeholder.unusedSip') : sip;
  return [`New-CsExUmContact -SipAddress ${psQuote(free)} -RegistrarPool ${psQuote(pool)} -OU ${psQuote(ou)} -DisplayNumber ${psQuote(number)}${autoAttendant ? ' -AutoAttendant $true' : ''}`];
}

/** R-C-12: a SIP URI dial plan's OVA number or auto attendant without its contact (only SIP URI dial plans: see servedBy). */
export const R_C_12: OrgRuleDefinition = {
  id: 'R-C-12',
  severity: 'warning',
  family: 'org',
  area: 'contacts',
  sources: ['LYNC13-OCSUMUTIL', 'PS-New-CsExUmContact', 'PS-Set-CsExUmContact'],
  basis: 'DOC',
  seeds: ['000', '001'],
  evaluate: (ctx) => {
    const contacts = ctx.org.skype.exUmContacts;
    const has = (aa: boolean, numbers: readonly string[]) => contacts.some((c) => c.autoAttendant === aa && numbers.some((n) => digits(n) === digits(c.displayNumber)));
    const home = homePoolsOf(ctx.org);
    const ou = contacts[0]?.ou || `OU=RTC Special Accounts,${fixPlaceholder('fix.placeholder.domainDn')}`;
    const domain = ctx.org.skype.defaultSipDomain || fixPlaceholder('fix.placeholder.sipDomain');
    const out: Diagnostic[] = [];
    for (const d of ctx.lyncSipDialPlans) {
      const pool = proposedContactPool(ctx.org, home, d.name) ?? fixPlaceholder('fix.placeholder.poolFqdn');
      const numbers = d.accessTelephoneNumbers.filter((n) => /^\+?\d+$/.test(n));
      if (numbers.length > 0 && !has(false, numbers)) {
        out.push(
          makeDiagnostic(R_C_12, 'subscriberAccess', [ref('umDialPlan', d.name)], { dialPlan: d.name, number: numbers[0] }, contactFix(ctx, `sip:${d.name}.SA@${domain}`, pool, ou, numbers[0], false)),
        );
      }
      for (const aa of ctx.org.exchange.autoAttendants) {
        if (!eqi(aa.dialPlan, d.name) || aa.pilotIdentifierList.length === 0 || has(true, aa.pilotIdentifierList)) continue;
        out.push(
          makeDiagnostic(
            R_C_12,
            'autoAttendant',
            [ref('umAutoAttendant', aa.name), ref('umDialPlan', d.name)],
            { autoAttendant: aa.name, dialPlan: d.name, number: aa.pilotIdentifierList[0] },
            contactFix(ctx, `sip:${aa.name.replace(/\s+/g, '')}@${domain}`, pool, ou, aa.pilotIdentifierList[0], true),
          ),
        );
      }
    }
    return out;
  },
};

export const R_C_14: OrgRuleDefinition = {
  id: 'R-C-14',
  severity: 'warning',
  family: 'org',
  area: 'contacts',
  sources: ['PS-Set-CsExUmContact'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.skype.exUmContacts
      .filter((c) => !c.enabled || !c.enterpriseVoiceEnabled)
      .map((c) =>
        makeDiagnostic(R_C_14, c.enabled ? 'voice' : 'disabled', [ct(c)], { contact: label(c) }, [`Set-CsExUmContact -Identity ${psQuote(c.identity)} -Enabled $true -EnterpriseVoiceEnabled $true`]),
      ),
};

/** Fewer than two UM servers answer a SIP dial plan: no resilience (LYNC13-GUIDE). */
export const R_T_02: OrgRuleDefinition = {
  id: 'R-T-02',
  severity: 'info',
  family: 'org',
  area: 'topology',
  sources: ['LYNC13-GUIDE'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.lyncSipDialPlans.flatMap((d) => {
      const serving = ctx.umServers.filter((s) => (s.umService?.dialPlans ?? []).some((x) => eqi(x, d.name)) || d.umServers.some((x) => eqi(x, s.name)));
      if (serving.length >= 2) return [];
      // Exchange 2013/2016 add a Mailbox server's UM service to the plan; Exchange 2010 a UM server
      // (Set-UMServer is Exchange 2010 only: https://learn.microsoft.com/powershell/module/exchange/set-umserver).
      const modern = ctx.umServers.some((s) => s.version.product === '2013' || s.version.product === '2016');
      const fix = modern
        ? `Set-UMService -Identity '${fixPlaceholder('fix.placeholder.secondMailboxServer')}' -DialPlans @{Add=${psQuote(d.name)}}`
        : `Set-UMServer -Identity '${fixPlaceholder('fix.placeholder.secondUmServer')}' -DialPlans @{Add=${psQuote(d.name)}}`;
      return [makeDiagnostic(R_T_02, 'default', [ref('umDialPlan', d.name), ...serving.map((s) => ref('exchangeServer', s.name))], { dialPlan: d.name, count: serving.length }, [fix])];
    }),
};

/**
 * R-T-03: a Skype for Business Server 2019 pool wired to Exchange UM. Seed 000: « La messagerie unifiée
 * Exchange comme précédemment connue n’est plus disponible dans Skype Entreprise Server 2019, qui utilise le
 * système téléphonique pour enregistrer les messages vocaux, puis laisser l’enregistrement dans la boîte aux
 * lettres Exchange d’un utilisateur. » A UM IP gateway whose address is the pool (what ExchUcUtil.ps1 creates)
 * or an Exchange UM contact homed on it then serves nothing; voice mail there is Cloud Voicemail
 * (https://learn.microsoft.com/skypeforbusiness/hybrid/plan-cloud-voicemail). Contacts move to a Lync Server
 * 2013 / Skype for Business Server 2015 pool when the topology has one (Move-CsExUmContact, docs/contact-objects.md §2.5).
 */
export const R_T_03: OrgRuleDefinition = {
  id: 'R-T-03',
  severity: 'error',
  family: 'org',
  area: 'topology',
  sources: ['LYNC13-DEPLOYPROC', 'PS-Set-CsExUmContact'],
  basis: 'DOC',
  seeds: ['000'],
  evaluate: (ctx) => {
    const pools = ctx.org.skype.pools.filter((p) => p.product === 'SfB2019');
    if (pools.length === 0) return [];
    const target = ctx.org.skype.pools.find((p) => (p.product === 'Lync2013' || p.product === 'SfB2015') && (p.role === 'FrontEnd' || p.role === 'StandardEdition'))?.fqdn;
    const out: Diagnostic[] = [];
    for (const pool of pools) {
      const gateways = ctx.org.exchange.ipGateways.filter((g) => ctx.poolOfGateway.get(g.name.toLowerCase()) === pool);
      const contacts = ctx.org.skype.exUmContacts.filter((c) => eqi(c.registrarPool, pool.fqdn));
      if (gateways.length === 0 && contacts.length === 0) continue;
      out.push(
        makeDiagnostic(
          R_T_03,
          'default',
          [ref('skypePool', pool.fqdn), ...gateways.map((g) => ref('umIpGateway', g.name)), ...contacts.map(ct)],
          { pool: pool.fqdn, gateways: gateways.map((g) => g.name).join(', ') || '-', contacts: contacts.map(label).join(', ') || '-' },
          target ? contacts.map((c) => `Move-CsExUmContact -Identity ${psQuote(c.identity)} -Target ${psQuote(target)}`) : [],
        ),
      );
    }
    return out;
  },
};

export const CONTACT_RULES = [R_C_01, R_C_02, R_C_03, R_C_04, R_C_05, R_C_06, R_C_07, R_C_08, R_C_11, R_C_11b, R_C_12, R_C_14];
export const TOPOLOGY_RULES = [R_T_02, R_T_03];
