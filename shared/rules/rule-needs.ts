/**
 * The snapshot sections each rule of the engine reads, directly or through the rule context
 * (shared/rules/context.ts) and the decoder's joins (shared/snapshot/decode.ts). A rule whose section
 * was not read is not judged — it says so instead of finding a fault in data it never saw
 * (docs/snapshot-format.md, "Sections not read").
 *
 * Kept next to the rules, written from their code: when a rule starts reading another part of the
 * model, its entry here must name that section (test/unit/shared/rules/engine.test.ts checks that
 * every rule has one).
 */
import type { OrgModel, SectionKey } from '../model/org';

export interface RuleNeeds {
  /** Sections whose objects decide whether the rule finds something (fix texts aside). */
  readonly sections: readonly SectionKey[];
  /** Reads which Exchange certificates are bound to UM / UMCallRouter (`ExchangeCertificate.services`). */
  readonly umBindings?: true;
  /**
   * Sections the rule compares across every server, so a `partial` one cannot be judged either: e.g.
   * Get-CsCertificate answers for the Front End the session is on only, and "the same OAuth certificate on
   * every Front End" cannot be judged from one Front End.
   */
  readonly whole?: readonly SectionKey[];
}

// What the context derives, and from which sections.
/** `ctx.lyncSipDialPlans`, the dial plans' own lists (UMServers, UMIPGateway, AccessTelephoneNumbers). */
const DIAL_PLANS: readonly SectionKey[] = ['exchange.dialPlans'];
/** `ctx.skypeLinkedDialPlans`, `ctx.poolsOfDialPlan`, `ctx.poolOfGateway`: dial plans linked by hunt groups to pool gateways. */
const LYNC_DIAL_PLANS: readonly SectionKey[] = ['exchange.dialPlans', 'exchange.huntGroups', 'exchange.ipGateways', 'skype.pools'];
/** `ctx.umServers` and each server's UM service and call router settings. */
const UM_SERVICES: readonly SectionKey[] = ['exchange.servers', 'exchange.umServices', 'exchange.callRouters'];
/** A pool's role tells a Director from a Survivable Branch Appliance by its site's kind (Get-CsSite SiteType). */
const POOL_ROLES: readonly SectionKey[] = ['skype.pools', 'skype.sites'];
/** Server-to-server OAuth applies between Exchange 2013+ and Lync 2013+ (server versions; pool products from the registrars). */
const OAUTH_APPLIES: readonly SectionKey[] = ['exchange.servers', 'skype.pools', 'skype.registrars'];
/** The Exchange Autodiscover host the OAuth rules expect (Get-CsOAuthConfiguration, AutoDiscoverServiceInternalUri, the SIP domain). */
const AUTODISCOVER_HOST: readonly SectionKey[] = ['skype.oauth', 'exchange.clientAccess', 'skype.sipDomains'];
const CONTACTS: readonly SectionKey[] = ['skype.exUmContacts'];

const needs = (...groups: readonly (readonly SectionKey[])[]): RuleNeeds => ({ sections: [...new Set(groups.flat())] });
const withUmBindings = (n: RuleNeeds): RuleNeeds => ({ ...n, umBindings: true });

export const RULE_NEEDS: Readonly<Record<string, RuleNeeds>> = {
  // dial-plan-rules.ts
  'R-D-01': needs(LYNC_DIAL_PLANS),
  'R-D-02': needs(LYNC_DIAL_PLANS, ['skype.mediaConfigurations']),
  'R-D-03': needs(LYNC_DIAL_PLANS, ['skype.mediaConfigurations']),
  'R-D-04': needs(LYNC_DIAL_PLANS),
  'R-D-05': needs(DIAL_PLANS, UM_SERVICES),
  'R-D-06': needs(DIAL_PLANS, UM_SERVICES),
  'R-D-07': needs(DIAL_PLANS, UM_SERVICES),
  // UM-enabled mailboxes (Get-Mailbox UMEnabled, or Get-UMMailbox when read) on 2019 servers.
  'R-D-09': needs(['exchange.servers', 'exchange.mailboxes']),
  'R-D-10': needs(DIAL_PLANS),
  // gateway-rules.ts
  'R-G-01': needs(['skype.users', 'skype.pools', 'exchange.ipGateways']),
  'R-G-02': needs(LYNC_DIAL_PLANS),
  'R-G-03': needs(LYNC_DIAL_PLANS),
  'R-G-04': needs(LYNC_DIAL_PLANS),
  'R-G-05': needs(['exchange.ipGateways'], POOL_ROLES),
  'R-G-06': needs(['exchange.ipGateways'], POOL_ROLES),
  'R-G-07': needs(DIAL_PLANS, ['exchange.huntGroups', 'exchange.ipGateways']),
  // Two gateways on one IP literal; two FQDNs on one address are the gateway monitor's (it resolves them).
  'R-G-08': needs(['exchange.ipGateways']),
  'R-G-09': needs(['exchange.ipGateways']),
  'R-G-13': needs(['exchange.organization', 'exchange.permissions']),
  // certificate-oauth-rules.ts: only orgs with SIP dial plans; which certificates are UM certificates.
  'R-X-01': withUmBindings(needs(DIAL_PLANS, ['exchange.servers', 'exchange.certificates', 'skype.certificates'])),
  'R-X-02': withUmBindings(needs(DIAL_PLANS, ['exchange.servers', 'exchange.certificates'])),
  'R-X-03': withUmBindings(needs(DIAL_PLANS, ['exchange.servers', 'exchange.certificates'])),
  'R-O-01': needs(OAUTH_APPLIES, ['exchange.clientAccess']),
  'R-O-02': needs(OAUTH_APPLIES, ['skype.oauth']),
  'R-O-04': needs(OAUTH_APPLIES, ['skype.certificates']),
  'R-O-05': { ...needs(OAUTH_APPLIES, ['skype.certificates']), whole: ['skype.certificates'] },
  'R-O-06': needs(OAUTH_APPLIES, ['skype.certificates']),
  'R-O-07': needs(OAUTH_APPLIES, ['skype.certificates', 'skype.sipDomains']),
  'R-O-08': needs(OAUTH_APPLIES, AUTODISCOVER_HOST, ['skype.partnerApplications']),
  'R-O-09': needs(OAUTH_APPLIES, ['exchange.partnerApplications']),
  // contact-topology-rules.ts
  'R-T-02': needs(DIAL_PLANS, ['exchange.servers', 'exchange.umServices']),
  // A pool's product comes from its Registrar service's Version; its gateways by address (ctx.poolOfGateway).
  'R-T-03': needs(CONTACTS, ['skype.pools', 'skype.registrars', 'exchange.ipGateways']),
  'R-C-01': needs(CONTACTS),
  'R-C-02': needs(CONTACTS, ['skype.users']),
  'R-C-03': needs(CONTACTS),
  'R-C-04': needs(CONTACTS),
  'R-C-05': needs(CONTACTS),
  'R-C-06': needs(CONTACTS, DIAL_PLANS, ['exchange.autoAttendants']),
  'R-C-07': needs(CONTACTS, ['skype.pools', 'skype.registrars']),
  // homePoolsOf: Enterprise Voice users' pools by the UM mailboxes' dial plans and SIP resource identifiers.
  'R-C-08': needs(CONTACTS, DIAL_PLANS, ['exchange.autoAttendants', 'skype.users', 'exchange.mailboxes', 'exchange.umMailboxes']),
  'R-C-11': needs(DIAL_PLANS, ['exchange.servers', 'skype.dialPlans']),
  'R-C-11b': needs(DIAL_PLANS, ['exchange.servers', 'skype.dialPlans']),
  'R-C-12': needs(CONTACTS, DIAL_PLANS, ['exchange.autoAttendants']),
  'R-C-14': needs(CONTACTS),
};

const UM_PRODUCTS = new Set(['2007', '2010', '2013', '2016', 'unknown']);
const CALL_ROUTER_PRODUCTS = new Set(['2013', '2016', 'unknown']);

/**
 * Whether a section can exist in this org at all. A section the product versions do not have is
 * not missing: Exchange 2019 has no Unified Messaging (the UM cmdlet pages list Exchange 2010-2016,
 * e.g. https://learn.microsoft.com/powershell/module/exchange/get-umservice), and the UM Call Router
 * is Exchange 2013/2016 only (https://learn.microsoft.com/powershell/module/exchange/get-umcallroutersettings).
 */
export function sectionApplies(org: OrgModel, key: SectionKey): boolean {
  if (key === 'exchange.umServices') return org.exchange.servers.length === 0 || org.exchange.servers.some((s) => UM_PRODUCTS.has(s.version.product));
  if (key === 'exchange.callRouters') return org.exchange.servers.length === 0 || org.exchange.servers.some((s) => CALL_ROUTER_PRODUCTS.has(s.version.product));
  return true;
}
