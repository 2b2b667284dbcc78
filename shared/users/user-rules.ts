/**
 * The R-U rules (docs/user-rules.md): why one user's voice mail will not work, each
 * reason naming the values, with the exact cmdlet that fixes it and who must run it (the roles of
 * the deployment table, seed 000). Each rule is one definition of the user family of the registry
 * (shared/diagnostics/registry.ts). Pure: no Node, no DOM.
 *
 * The context is built once per org so one user is judged in O(its extensions + its pool's
 * gateways): the check of 100,000 users stays linear.
 */
import type { Diagnostic, DiagnosticMessage, FixRole } from '../diagnostics/diagnostic';
import type { RuleDefinition } from '../diagnostics/rule-definition';
import type { ExchangeServer, HostedVoicemailPolicy, OrgModel, SkypePool, SkypeUser, UmDialPlan, UmHuntGroup, UmIpGateway, UmMailbox, UmMailboxPolicy } from '../model/org';
import { phoneDigits } from '../model/phone';
import { fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import { expectedPilot } from '../rules/gateway-rules';
import { bareSip, lineUriExtParam, mailboxNamesSip, numericExtensions } from './user-index';

export type UserRuleId = 'R-U-01' | 'R-U-02' | 'R-U-03' | 'R-U-04' | 'R-U-05' | 'R-U-06' | 'R-U-07' | 'R-U-08' | 'R-U-09' | 'R-U-10' | 'R-U-11' | 'R-U-12' | 'R-U-13';

export interface JoinedUser {
  readonly skype: SkypeUser | null;
  readonly mailbox: UmMailbox | null;
}

export interface UserRuleContext {
  readonly org: OrgModel;
  /** Lower-case name → dial plan. */
  readonly dialPlanByName: ReadonlyMap<string, UmDialPlan>;
  /** Lower-case Address → the UM IP gateways with that address (ExchUcUtil: one per EV pool, Address = pool FQDN). */
  readonly gatewaysByAddress: ReadonlyMap<string, readonly UmIpGateway[]>;
  /** `gateway\0dialplan` (lower case) → the first hunt group linking them. */
  readonly huntGroupByGatewayDialPlan: ReadonlyMap<string, UmHuntGroup>;
  /** Lower-case name and FQDN → server. */
  readonly serverByName: ReadonlyMap<string, ExchangeServer>;
  /** Lower-case FQDN → pool. */
  readonly poolByFqdn: ReadonlyMap<string, SkypePool>;
  /**
   * Dial plan (lower case) → extension → the primary SMTP address of the UM mailbox with that extension,
   * or the addresses when several have it (R-U-08; read through `extensionOwnersOf`). Two levels and a
   * bare string for the common case: no key string and no array per mailbox on a 100,000-user org.
   */
  readonly extensionOwners: ReadonlyMap<string, ReadonlyMap<string, string | readonly string[]>>;
  /** UM mailbox policies whose dial plan is SIP URI, by name. */
  readonly sipPolicies: readonly UmMailboxPolicy[];
  /** The servers answering a dial plan (see `umServersOfDialPlan`), cached per dial plan. */
  umServersOf(dialPlan: string): readonly ExchangeServer[];
  /** A SIP URI policy for a user on `pool`: one whose dial plan has a hunt group on the pool's gateway, else the first SIP one; null when the org has none. */
  sipPolicyFor(pool: string): UmMailboxPolicy | null;
}

const lower = (s: string) => s.toLowerCase();
export const hgKey = (gateway: string, dialPlan: string) => `${lower(gateway)}\u0000${lower(dialPlan)}`;

/** The primary SMTP addresses of the UM mailboxes of `dialPlan` (any case) with this extension; undefined when none. */
export function extensionOwnersOf(ctx: UserRuleContext, dialPlan: string, extension: string): readonly string[] | undefined {
  const owners = ctx.extensionOwners.get(lower(dialPlan))?.get(extension);
  return owners === undefined ? undefined : typeof owners === 'string' ? [owners] : owners;
}

/** Exchange 2019 (15.2) or later: no Unified Messaging (SFB-UMVM, seed 003). */
export function isNoUmVersion(s: ExchangeServer): boolean {
  const v = s.version;
  return v.product === '2019' || v.major > 15 || (v.major === 15 && v.minor >= 2);
}

/**
 * The Exchange servers that answer calls for a dial plan: Exchange 2010 UM servers linked by the
 * dial plan's UMServers or their DialPlans; 2013/2016 servers whose UM service or call router lists
 * it (Set-UMService / Set-UMCallRouterSettings -DialPlans; EX13-OVERVIEW, as R-D-05 reads it).
 */
export function umServersOfDialPlan(org: OrgModel, dp: UmDialPlan): ExchangeServer[] {
  const lists = (l: readonly string[] | undefined) => !!l && l.some((x) => lower(x) === lower(dp.name));
  return org.exchange.servers.filter((s) => {
    if (s.version.product === '2010' || s.version.product === '2007') return dp.umServers.some((x) => lower(x) === lower(s.name)) || lists(s.umService?.dialPlans);
    return lists(s.umService?.dialPlans) || lists(s.callRouter?.dialPlans);
  });
}

export function buildUserRuleContext(org: OrgModel): UserRuleContext {
  const ex = org.exchange;
  const dialPlanByName = new Map(ex.dialPlans.map((d) => [lower(d.name), d]));
  const gatewaysByAddress = new Map<string, UmIpGateway[]>();
  for (const g of ex.ipGateways) {
    const k = lower(g.address.trim());
    const list = gatewaysByAddress.get(k);
    if (list) list.push(g);
    else gatewaysByAddress.set(k, [g]);
  }
  const huntGroupByGatewayDialPlan = new Map<string, UmHuntGroup>();
  for (const h of ex.huntGroups) {
    const k = hgKey(h.gateway, h.dialPlan);
    if (!huntGroupByGatewayDialPlan.has(k)) huntGroupByGatewayDialPlan.set(k, h);
  }
  const serverByName = new Map<string, ExchangeServer>();
  for (const s of ex.servers) {
    if (!serverByName.has(lower(s.name))) serverByName.set(lower(s.name), s);
    if (s.fqdn && !serverByName.has(lower(s.fqdn))) serverByName.set(lower(s.fqdn), s);
  }
  const poolByFqdn = new Map(org.skype.pools.map((p) => [lower(p.fqdn), p]));
  const extensionOwners = new Map<string, Map<string, string | string[]>>();
  for (const m of org.mailboxes) {
    if (!m.umEnabled || !m.umDialPlan) continue;
    const dp = lower(m.umDialPlan);
    let byExtension = extensionOwners.get(dp);
    if (!byExtension) extensionOwners.set(dp, (byExtension = new Map()));
    for (const e of numericExtensions(m)) {
      const owners = byExtension.get(e);
      if (owners === undefined) byExtension.set(e, m.primarySmtpAddress);
      else if (typeof owners === 'string') byExtension.set(e, [owners, m.primarySmtpAddress]);
      else owners.push(m.primarySmtpAddress);
    }
  }
  const sipPolicies = ex.mailboxPolicies.filter((p) => dialPlanByName.get(lower(p.dialPlan))?.uriType === 'SipName').sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const serversCache = new Map<string, readonly ExchangeServer[]>();
  const umServersOf = (dialPlan: string): readonly ExchangeServer[] => {
    const k = lower(dialPlan);
    let v = serversCache.get(k);
    if (!v) {
      const dp = dialPlanByName.get(k);
      v = dp ? umServersOfDialPlan(org, dp) : [];
      serversCache.set(k, v);
    }
    return v;
  };
  const policyCache = new Map<string, UmMailboxPolicy | null>();
  const sipPolicyFor = (pool: string): UmMailboxPolicy | null => {
    const k = lower(pool);
    let v = policyCache.get(k);
    if (v === undefined) {
      const gws = gatewaysByAddress.get(k) ?? [];
      v = sipPolicies.find((p) => gws.some((g) => huntGroupByGatewayDialPlan.has(hgKey(g.name, p.dialPlan)))) ?? sipPolicies[0] ?? null;
      policyCache.set(k, v);
    }
    return v;
  };
  return { org, dialPlanByName, gatewaysByAddress, huntGroupByGatewayDialPlan, serverByName, poolByFqdn, extensionOwners, sipPolicies, umServersOf, sipPolicyFor };
}

/**
 * The LineURI's extension: its `;ext=` value, else the number's last `digits` digits (THE RULES,
 * R-U-10); null when neither can be read.
 */
export function lineUriExtension(lineUri: string, digits: number | null): string | null {
  if (!lineUri.trim()) return null;
  const ext = lineUriExtParam(lineUri);
  if (ext) return ext;
  const d = phoneDigits(lineUri).replace(/^\+/, '');
  if (!digits || digits <= 0 || d.length < digits) return null;
  return d.slice(-digits);
}

/**
 * A free extension of the dial plan's length for the R-U-08 / R-U-09 fixes: the LineURI's extension
 * when it is free, else the nearest free number after the current one; a placeholder when none is
 * found within a bounded search (the fix is shown, never run).
 */
function suggestExtension(ctx: UserRuleContext, dp: UmDialPlan | null, dpName: string, current: string, lineExt: string | null): string {
  const digits = dp?.numberOfDigitsInExtension ?? current.length;
  const free = (e: string) => e.length === digits && extensionOwnersOf(ctx, dpName, e) === undefined;
  if (lineExt && /^\d+$/.test(lineExt) && free(lineExt)) return lineExt;
  if (digits <= 0 || digits > 15) return fixPlaceholder('fix.placeholder.uniqueExtension');
  const min = 10 ** (digits - 1);
  const span = 9 * min;
  const base = current.length >= digits ? Number(current.slice(-digits)) : Number(current.padEnd(digits, '0'));
  const start = Number.isFinite(base) && base >= min ? base - min : 0;
  for (let i = 1; i <= Math.min(span, 5000); i++) {
    const candidate = String(min + ((start + i) % span));
    if (free(candidate)) return candidate;
  }
  return fixPlaceholder('fix.placeholder.uniqueExtension');
}

/**
 * After Enable-UMMailbox, a UM-enabled mailbox's extensions and SIP address are its EUM proxy
 * addresses (`eum:<extension or SIP address>;phone-context=<the dial plan's PhoneContext>`), changed
 * with Set-Mailbox -EmailAddresses and its add/remove syntax: Set-UMMailbox has neither -Extensions
 * nor -SIPResourceIdentifier (https://learn.microsoft.com/powershell/module/exchange/set-ummailbox;
 * https://learn.microsoft.com/powershell/module/exchange/set-mailbox, -EmailAddresses; Exchange 2013
 * "Add an extension number for a UM-enabled user", which uses Set-Mailbox -EmailAddresses with
 * `eum:22222;phone-context=MyDialPlan.contoso.com`).
 */
function eumFix(smtp: string, phoneContext: string, add: string, remove: string | null): string {
  const eum = (v: string) => psQuote(`eum:${v};phone-context=${phoneContext || fixPlaceholder('fix.placeholder.phoneContext')}`);
  return `Set-Mailbox -Identity ${psQuote(smtp)} -EmailAddresses @{Add=${eum(add)}${remove ? `; Remove=${eum(remove)}` : ''}}`;
}

/**
 * One user as the rules see them: the two halves and what every rule looks up, computed once per
 * user (the check of everyone judges 100,000 of them).
 */
export interface UserFacts {
  readonly ctx: UserRuleContext;
  readonly skype: SkypeUser | null;
  readonly mailbox: UmMailbox | null;
  /** The user's SIP address (the Skype user's, else the mailbox's SIP resource identifier); '' when neither. */
  readonly sip: string;
  readonly bare: string;
  /** The SIP address as a fix names it, without `sip:`. */
  readonly bareShown: string;
  readonly upn: string;
  readonly smtp: string;
  readonly name: string;
  /** The mailbox's UM dial plan as named ('' when none) and that dial plan when it exists. */
  readonly dpName: string;
  readonly dp: UmDialPlan | null;
  readonly pool: string;
  /** The UM IP gateways whose address is the user's pool. */
  readonly gateways: readonly UmIpGateway[];
  /** The mailbox's numeric extensions when it is UM-enabled with a dial plan. */
  readonly extensions: readonly string[];
  /** The LineURI's extension (lineUriExtension), null when it has none. */
  readonly lineExt: string | null;
}

export function userFacts(j: JoinedUser, ctx: UserRuleContext): UserFacts {
  const S = j.skype;
  const M = j.mailbox;
  const sip = S?.sipAddress ?? (M?.sipResourceIdentifier ? `sip:${M.sipResourceIdentifier.replace(/^sip:/i, '')}` : '');
  const smtp = M?.primarySmtpAddress || S?.userPrincipalName || '';
  const dpName = M?.umDialPlan ?? '';
  const dp = dpName ? (ctx.dialPlanByName.get(lower(dpName)) ?? null) : null;
  const pool = S?.registrarPool ?? '';
  return {
    ctx,
    skype: S,
    mailbox: M,
    sip,
    bare: sip ? bareSip(sip) : '',
    bareShown: S ? S.sipAddress.trim().replace(/^sip:/i, '') : (M?.sipResourceIdentifier.replace(/^sip:/i, '') ?? ''),
    upn: S?.userPrincipalName || M?.primarySmtpAddress || '',
    smtp,
    name: S?.displayName || M?.displayName || smtp,
    dpName,
    dp,
    pool,
    gateways: pool ? (ctx.gatewaysByAddress.get(lower(pool.trim())) ?? []) : [],
    extensions: M && M.umEnabled && dpName ? numericExtensions(M) : [],
    lineExt: S?.lineUri ? lineUriExtension(S.lineUri, dp?.numberOfDigitsInExtension ?? null) : null,
  };
}

/**
 * A rule that fires: which of its conditions (`variant`, null for a rule with one), and `make`,
 * which builds the message values and the fix only when a caller wants them (the check of everyone
 * only counts IDs).
 */
export interface UserRuleHit {
  readonly variant: string | null;
  readonly make: () => { readonly params: DiagnosticMessage['params']; readonly fix: string | null };
}

export interface UserRuleDefinition extends RuleDefinition<UserFacts> {
  readonly id: UserRuleId;
  readonly family: 'user';
  readonly severity: 'error' | 'warning';
  readonly role: FixRole;
  readonly judge: (f: UserFacts) => UserRuleHit | null;
}

/** The i18n key of a rule's message: `users.rule.<id>.msg`, or `.msg.<variant>` for rules with several. */
export function userReasonKey(rule: string, variant: string | null): string {
  return variant ? `users.rule.${rule}.msg.${variant}` : `users.rule.${rule}.msg`;
}

function userRule(info: Omit<UserRuleDefinition, 'family' | 'judge' | 'evaluate'>, judge: (f: UserFacts) => UserRuleHit | null): UserRuleDefinition {
  return {
    ...info,
    family: 'user',
    judge,
    evaluate: (f) => {
      const hit = judge(f);
      if (!hit) return [];
      const { params, fix } = hit.make();
      return [{ rule: info.id, severity: info.severity, objects: [], message: { key: userReasonKey(info.id, hit.variant), params }, fix: fix ? [fix] : [], sources: info.sources, role: info.role }];
    },
  };
}

const hit = (variant: string | null, make: UserRuleHit['make']): UserRuleHit => ({ variant, make });
const policyName = (f: UserFacts) => f.ctx.sipPolicyFor(f.pool)?.name ?? fixPlaceholder('fix.placeholder.sipUmMailboxPolicy');

// R-U-13: a disabled AD account has no mailbox access at all (docs/user-rules.md).
// Enable-ADAccount's -Identity takes a DN, GUID, SID or sAMAccountName, not a UPN: the account is
// found by UPN with an AD filter (the filter's own quotes doubled inside PowerShell's literal).
export const R_U_13 = userRule({ id: 'R-U-13', severity: 'error', role: 'DomainAccountAdministrator', sources: [], basis: 'DERIVED' }, (f) =>
  f.mailbox?.accountDisabled ? hit(null, () => ({ params: { upn: f.upn, name: f.name }, fix: `Get-ADUser -Filter ${psQuote(`UserPrincipalName -eq ${psQuote(f.upn)}`)} | Enable-ADAccount` })) : null,
);

// R-U-01: the call reaches UM from the user's Skype registrar; no enabled Skype user, no call (seed 000).
export const R_U_01 = userRule({ id: 'R-U-01', severity: 'error', role: 'RTCUniversalUserAdmins', sources: ['SFB-UMVM', 'PS-Enable-CsUser'], basis: 'DOC', seeds: ['000'] }, (f) => {
  const S = f.skype;
  if (S && S.enabled) return null;
  return hit(S ? 'disabled' : 'missing', () => {
    const target = S?.registrarPool || defaultPool(f.ctx, f.dpName) || fixPlaceholder('fix.placeholder.registrarPool');
    // A user enabled once and then disabled is switched back on; Enable-CsUser is for one never enabled.
    const fix = S
      ? `Set-CsUser -Identity ${psQuote(S.sipAddress || f.upn)} -Enabled $true`
      : `Enable-CsUser -Identity ${psQuote(f.upn)} -RegistrarPool ${psQuote(target)} -SipAddressType EmailAddress`;
    return { params: { sip: f.sip || '(none)', name: f.name, upn: f.upn }, fix };
  });
});

// R-U-02: voice mail for Skype users needs Enterprise Voice (SFB-UMVM; seed 000 step "Enable Enterprise Voice users for UM").
export const R_U_02 = userRule({ id: 'R-U-02', severity: 'error', role: 'RTCUniversalUserAdmins', sources: ['SFB-UMVM', 'PS-Set-CsUser'], basis: 'DOC', seeds: ['000'] }, (f) => {
  const S = f.skype;
  return S && !S.enterpriseVoiceEnabled ? hit(null, () => ({ params: { sip: S.sipAddress }, fix: `Set-CsUser -Identity ${psQuote(S.sipAddress)} -EnterpriseVoiceEnabled $true` })) : null;
});

// R-U-03: the mailbox must be UM-enabled with a unique extension (seed 000, last step).
export const R_U_03 = userRule({ id: 'R-U-03', severity: 'error', role: 'ExchangeRecipientAdministrator', sources: ['PS-EX-Enable-UMMailbox'], basis: 'DOC', seeds: ['000'] }, (f) => {
  const M = f.mailbox;
  if (M && M.umEnabled) return null;
  return hit(M ? 'notEnabled' : 'noMailbox', () => {
    const policy = f.ctx.sipPolicyFor(f.pool);
    const digits = policy ? (f.ctx.dialPlanByName.get(lower(policy.dialPlan))?.numberOfDigitsInExtension ?? null) : null;
    const ext = (f.skype?.lineUri ? lineUriExtension(f.skype.lineUri, digits) : null) ?? fixPlaceholder('fix.placeholder.extension');
    return {
      params: { smtp: f.smtp || '(none)', name: f.name },
      fix: `Enable-UMMailbox -Identity ${psQuote(f.smtp || f.upn)} -UMMailboxPolicy ${psQuote(policy?.name ?? fixPlaceholder('fix.placeholder.sipUmMailboxPolicy'))} -Extensions ${psQuote(ext)} -SIPResourceIdentifier ${psQuote(f.bareShown || fixPlaceholder('fix.placeholder.sipAddress'))}`,
    };
  });
});

// R-U-11: Exchange 2019 has no UM (SFB-UMVM, seed 003).
export const R_U_11 = userRule({ id: 'R-U-11', severity: 'error', role: 'ExchangeOrganizationAdministrator', sources: ['SFB-UMVM'], basis: 'DOC', seeds: ['003'] }, (f) => {
  const M = f.mailbox;
  const server = M?.serverName ? f.ctx.serverByName.get(lower(M.serverName)) : undefined;
  if (!server || !isNoUmVersion(server)) return null;
  return hit(null, () => {
    const target =
      (f.dpName ? f.ctx.umServersOf(f.dpName) : []).find((s) => !isNoUmVersion(s) && s.isMailboxServer) ??
      f.ctx.org.exchange.servers.find((s) => (s.version.product === '2013' || s.version.product === '2016') && s.isMailboxServer);
    const db = target ? fixPlaceholder('fix.placeholder.databaseOn', { server: target.name }) : fixPlaceholder('fix.placeholder.exchangeDatabase');
    return { params: { smtp: f.smtp, server: server.name, version: server.version.text }, fix: `New-MoveRequest -Identity ${psQuote(f.smtp)} -TargetDatabase ${psQuote(db)}` };
  });
});

// R-U-05: Skype for Business only talks to SIP URI dial plans (EX13-CREATEDP, LYNC13-EXCHCFG; seed 001).
export const R_U_05 = userRule({ id: 'R-U-05', severity: 'error', role: 'ExchangeRecipientAdministrator', sources: ['EX13-CREATEDP', 'LYNC13-EXCHCFG'], basis: 'DOC', seeds: ['001'] }, (f) => {
  const dp = f.dp;
  return dp && dp.uriType !== 'SipName'
    ? hit(null, () => ({ params: { smtp: f.smtp, dialPlan: dp.name, uriType: dp.uriType }, fix: `Set-UMMailbox -Identity ${psQuote(f.smtp)} -UMMailboxPolicy ${psQuote(policyName(f))}` }))
    : null;
});

// R-U-04: UM finds the caller's mailbox by its SIP address (seed 000 step "Assign SIP addresses to mailboxes").
export const R_U_04 = userRule({ id: 'R-U-04', severity: 'error', role: 'ExchangeRecipientAdministrator', sources: ['PS-EX-Set-UMMailbox'], basis: 'DOC', seeds: ['000'] }, (f) => {
  const S = f.skype;
  const M = f.mailbox;
  if (!S || !M || mailboxNamesSip(M, f.bare)) return null;
  return hit(null, () => ({
    params: { smtp: f.smtp, sip: S.sipAddress, resource: M.sipResourceIdentifier || '(empty)' },
    fix: eumFix(f.smtp, f.dp?.phoneContext ?? '', f.bareShown, M.sipResourceIdentifier.replace(/^sip:/i, '').trim() || null),
  }));
});

// R-U-06: ExchUcUtil creates one UM IP gateway per EV pool, Address = the pool FQDN (seed 000, SCRIPT-EXCHUCUTIL).
export const R_U_06 = userRule(
  { id: 'R-U-06', severity: 'error', role: 'ExchangeOrganizationAdministrator', sources: ['SCRIPT-EXCHUCUTIL', 'LYNC13-DEPLOYPROC'], basis: 'DOC', seeds: ['000'] },
  (f) => (f.skype && f.pool && f.gateways.length === 0 ? hit(null, () => ({ params: { pool: f.pool }, fix: '.\\ExchUcUtil.ps1' })) : null),
);

// R-U-07: a call matching no hunt group is not answered (EX13-HUNTGROUPS, PS-EX-New-UMHuntGroup).
export const R_U_07 = userRule(
  { id: 'R-U-07', severity: 'error', role: 'ExchangeOrganizationAdministrator', sources: ['EX13-HUNTGROUPS', 'PS-EX-New-UMHuntGroup', 'SCRIPT-EXCHUCUTIL'], basis: 'DOC', seeds: ['000'] },
  (f) => {
    const { gateways, dpName, dp } = f;
    if (!f.skype || gateways.length === 0 || !dpName || gateways.some((g) => f.ctx.huntGroupByGatewayDialPlan.has(hgKey(g.name, dpName)))) return null;
    return hit(null, () => {
      const shownDp = dp?.name ?? dpName;
      const pilot = dp ? expectedPilot(dp) : shownDp.split('.')[0];
      return {
        params: { pool: f.pool, gateway: gateways.map((g) => g.name).join(', '), dialPlan: shownDp },
        fix: `New-UMHuntGroup -Name ${psQuote(shownDp)} -UMIPGateway ${psQuote(gateways[0].name)} -UMDialPlan ${psQuote(shownDp)} -PilotIdentifier ${psQuote(pilot)}`,
      };
    });
  },
);

// R-U-08: each user needs a unique extension in the dial plan (seed 000, last step).
export const R_U_08 = userRule({ id: 'R-U-08', severity: 'error', role: 'ExchangeRecipientAdministrator', sources: ['PS-EX-Enable-UMMailbox'], basis: 'DOC', seeds: ['000'] }, (f) => {
  const { ctx, dp, dpName, smtp } = f;
  for (const e of f.extensions) {
    const owners = ctx.extensionOwners.get(lower(dpName))?.get(e);
    // The common case: the user's own mailbox is the only owner (no array, no lower-casing per user).
    if (owners === undefined || owners === f.mailbox!.primarySmtpAddress) continue;
    const others = (typeof owners === 'string' ? [owners] : owners).filter((o) => lower(o) !== lower(f.mailbox!.primarySmtpAddress));
    if (others.length === 0) continue;
    return hit(null, () => ({
      params: { smtp, extension: e, dialPlan: dp?.name ?? dpName, others: others.slice(0, 3).join(', ') + (others.length > 3 ? ` (+${others.length - 3})` : ''), count: others.length },
      fix: eumFix(smtp, dp?.phoneContext ?? '', suggestExtension(ctx, dp, dpName, e, f.lineExt), e),
    }));
  }
  return null;
});

// R-U-09: an extension has the dial plan's number of digits (EX13-CREATEDP; Enable-UMMailbox checks it).
export const R_U_09 = userRule({ id: 'R-U-09', severity: 'error', role: 'ExchangeRecipientAdministrator', sources: ['EX13-CREATEDP', 'PS-EX-New-UMDialPlan'], basis: 'DOC' }, (f) => {
  const dp = f.dp;
  if (!dp) return null;
  const wrong = f.extensions.find((e) => e.length !== dp.numberOfDigitsInExtension);
  if (wrong === undefined) return null;
  return hit(null, () => ({
    params: { smtp: f.smtp, extension: wrong, length: wrong.length, dialPlan: dp.name, digits: dp.numberOfDigitsInExtension },
    fix: eumFix(f.smtp, dp.phoneContext, suggestExtension(f.ctx, dp, f.dpName, wrong, f.lineExt), wrong),
  }));
});

/**
 * The hosted voice mail policy that applies to a user with no per-user grant: the site policy of the site
 * the user's pool is in, else the Global one. "Policies created at the site scope will be automatically
 * assigned to the users homed on those sites" and "A global policy will always exist"; a policy without a
 * Destination routes nowhere ("the user's assigned policy does not have a Destination value, the enable will
 * fail") — https://learn.microsoft.com/powershell/module/skype/new-cshostedvoicemailpolicy.
 * Null when neither applies with a Destination (or the policies were not read).
 */
export function inheritedHostedVoicemailPolicy(org: OrgModel, poolFqdn: string): HostedVoicemailPolicy | null {
  const policies = org.skype.hostedVoicemailPolicies ?? [];
  if (policies.length === 0) return null;
  const pool = org.skype.pools.find((p) => lower(p.fqdn) === lower(poolFqdn.trim()));
  // Get-CsPool's Site is the site's Identity (`Site:Atlanta`) or its AD path (`…/Sites/Atlanta`): the name is its last part.
  const siteNames = new Set<string>();
  if (pool?.site) {
    const name = pool.site.replace(/^site:/i, '').replace(/^.*\//, '');
    siteNames.add(lower(name));
    const site = org.skype.sites.find((x) => lower(x.identity) === lower(pool.site) || lower(x.name) === lower(name));
    if (site) siteNames.add(lower(site.name)).add(lower(site.identity.replace(/^site:/i, '')));
  }
  const routed = (h: HostedVoicemailPolicy) => h.destination.trim() !== '';
  const site = policies.find((h) => h.scope === 'Site' && h.target !== null && siteNames.has(lower(h.target)));
  if (site) return routed(site) ? site : null;
  const global = policies.find((h) => h.scope === 'Global');
  return global && routed(global) ? global : null;
}

// R-U-12: hosted voice mail routes through a hosted voice mail policy: the user's own grant
// (PS-Grant-CsHostedVoicemailPolicy), else the site or Global policy with a Destination (inheritedHostedVoicemailPolicy).
export const R_U_12 = userRule(
  { id: 'R-U-12', severity: 'error', role: 'RTCUniversalUserAdmins', sources: ['PS-Grant-CsHostedVoicemailPolicy', 'PS-New-CsHostedVoicemailPolicy', 'LYNC13-HOSTED'], basis: 'DOC' },
  (f) => {
    const S = f.skype;
    if (!S || S.hostedVoiceMail !== true || S.hostedVoicemailPolicy.trim()) return null;
    if (inheritedHostedVoicemailPolicy(f.ctx.org, S.registrarPool || f.pool)) return null;
    return hit(null, () => ({
      params: { sip: S.sipAddress },
      fix: `Grant-CsHostedVoicemailPolicy -Identity ${psQuote(S.sipAddress)} -PolicyName ${psQuote(fixPlaceholder('fix.placeholder.hostedVoicemailPolicy'))}`,
    }));
  },
);

// R-U-10 (warning): the number callers dial and the extension UM knows the user by disagree (DERIVED).
export const R_U_10 = userRule({ id: 'R-U-10', severity: 'warning', role: 'ExchangeRecipientAdministrator', sources: [], basis: 'DERIVED' }, (f) => {
  const S = f.skype;
  const { extensions, lineExt } = f;
  if (!S || !S.lineUri.trim() || !f.mailbox || extensions.length === 0 || lineExt === null || lineExt === extensions[0]) return null;
  return hit(null, () => ({
    params: { sip: S.sipAddress, lineUri: S.lineUri, lineExtension: lineExt, extension: extensions[0], smtp: f.smtp },
    fix: eumFix(f.smtp, f.dp?.phoneContext ?? '', lineExt, extensions[0]),
  }));
});

/** The rules in blocking order: the order a fix must follow (THE RULES; docs/user-rules.md). */
export const USER_RULES: readonly UserRuleDefinition[] = [R_U_13, R_U_01, R_U_02, R_U_03, R_U_11, R_U_05, R_U_04, R_U_06, R_U_07, R_U_08, R_U_09, R_U_12, R_U_10];

export const USER_RULE_BY_ID: ReadonlyMap<string, UserRuleDefinition> = new Map(USER_RULES.map((r) => [r.id, r]));

/** Blocking rank of a rule ID (unknown IDs last). */
export function userRuleRank(id: string): number {
  const i = USER_RULES.findIndex((r) => r.id === id);
  return i < 0 ? USER_RULES.length : i;
}

/** The registrar pool to suggest for a user without one: a pool whose gateway has a hunt group for the dial plan, else the first Front End / Standard Edition pool. */
function defaultPool(ctx: UserRuleContext, dpName: string): string | null {
  if (dpName) {
    for (const h of ctx.org.exchange.huntGroups) {
      if (lower(h.dialPlan) !== lower(dpName)) continue;
      const g = ctx.org.exchange.ipGateways.find((x) => lower(x.name) === lower(h.gateway));
      const p = g ? ctx.poolByFqdn.get(lower(g.address)) : undefined;
      if (p) return p.fqdn;
    }
  }
  return ctx.org.skype.pools.find((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition')?.fqdn ?? null;
}

/** Every reason this user's voice mail will not (or may not) work, blocking first; [] when it will. */
export function evaluateUser(joined: JoinedUser, ctx: UserRuleContext): Diagnostic[] {
  const facts = userFacts(joined, ctx);
  const out: Diagnostic[] = [];
  for (const rule of USER_RULES) for (const d of rule.evaluate(facts)) out.push(d);
  return out;
}

/** Only the rule IDs, blocking first (the check of everyone: no message, no fix built). */
export function userRuleIds(joined: JoinedUser, ctx: UserRuleContext): UserRuleId[] {
  const facts = userFacts(joined, ctx);
  const out: UserRuleId[] = [];
  for (const rule of USER_RULES) if (rule.judge(facts)) out.push(rule.id);
  return out;
}
