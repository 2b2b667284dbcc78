/** UM IP gateway and hunt group rules R-G-* (sources by key: docs/sources.md; seed 004). */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { UmDialPlan, UmIpGateway } from '../model/org';
import { canonicalIpLiteral } from '../model/host-name';
import { commentedCommand, fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import type { RuleContext } from './context';
import { eqi, makeDiagnostic, ref, type OrgRuleDefinition } from './rule';

const gw = (g: UmIpGateway) => ref('umIpGateway', g.name);
const dp = (d: UmDialPlan) => ref('umDialPlan', d.name);
const EXCHUCUTIL = `& "$env:ExchangeInstallPath\\Scripts\\ExchUcUtil.ps1"`;

/**
 * Restarting the Front End service of each server of the pool: Stop-/Start-CsWindowsService take
 * -ComputerName (https://learn.microsoft.com/powershell/module/skype/stop-cswindowsservice,
 * .../start-cswindowsservice), so each server is named by a literal, never in a comment.
 */
function restartFrontEnds(computers: readonly string[]): string[] {
  if (computers.length === 0) return [commentedCommand('Stop-CsWindowsService -Name RTCSRV; Start-CsWindowsService -Name RTCSRV', 'fix.comment.eachFrontEnd')];
  return computers.map((c) => `Stop-CsWindowsService -Name RTCSRV -ComputerName ${psQuote(c)}; Start-CsWindowsService -Name RTCSRV -ComputerName ${psQuote(c)}`);
}

/**
 * The pilot identifier of a pool gateway's hunt group: the dial plan's name. Seed 001: "L’identificateur
 * de pilote pour le groupement de postes sera le nom du plan de numérotation associé à la passerelle IP
 * de messagerie unifiée correspondante." Seed 000: "L’identificateur pilote du groupe de recherche est le
 * nom du plan de numérotation associé à la passerelle correspondante." Not a form derived from the phone
 * context (its first label is the name only when nobody renamed the dial plan).
 */
export function expectedPilot(d: UmDialPlan): string {
  return d.name;
}

export const R_G_01: OrgRuleDefinition = {
  id: 'R-G-01',
  severity: 'error',
  family: 'org',
  area: 'gateways',
  sources: ['LYNC13-DEPLOYPROC', 'SCRIPT-EXCHUCUTIL'],
  basis: 'DOC',
  seeds: ['000', '001'],
  evaluate: (ctx) => {
    const evUsers = new Map<string, number>();
    for (const u of ctx.org.users) {
      if (!u.enabled || !u.enterpriseVoiceEnabled || !u.registrarPool) continue;
      const k = u.registrarPool.toLowerCase();
      evUsers.set(k, (evUsers.get(k) ?? 0) + 1);
    }
    const withGateway = new Set([...ctx.poolOfGateway.values()].map((p) => p.fqdn.toLowerCase()));
    return ctx.org.skype.pools
      .filter((p) => evUsers.has(p.fqdn.toLowerCase()) && !withGateway.has(p.fqdn.toLowerCase()))
      .map((p) =>
        makeDiagnostic(R_G_01, 'default', [ref('skypePool', p.fqdn)], { pool: p.fqdn, users: evUsers.get(p.fqdn.toLowerCase()) ?? 0 }, [
          commentedCommand(EXCHUCUTIL, 'fix.comment.exchangeShell'),
          ...restartFrontEnds(p.computers),
        ]),
      );
  },
};

export const R_G_02: OrgRuleDefinition = {
  id: 'R-G-02',
  severity: 'error',
  family: 'org',
  area: 'gateways',
  sources: ['SCRIPT-EXCHUCUTIL', 'EX13-HUNTGROUPS'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => {
    const out: Diagnostic[] = [];
    for (const g of ctx.org.exchange.ipGateways) {
      const pool = ctx.poolOfGateway.get(g.name.toLowerCase());
      if (!pool) continue;
      const groups = ctx.huntGroupsByGateway.get(g.name.toLowerCase()) ?? [];
      for (const d of ctx.lyncSipDialPlans) {
        const pilot = expectedPilot(d);
        const linked = groups.filter((h) => eqi(h.dialPlan, d.name));
        const newGroup = `New-UMHuntGroup -Name ${psQuote(d.name)} -PilotIdentifier ${psQuote(pilot)} -UMDialPlan ${psQuote(d.name)} -UMIPGateway ${psQuote(g.name)}`;
        if (linked.length === 0) {
          out.push(makeDiagnostic(R_G_02, 'missing', [gw(g), dp(d), ref('skypePool', pool.fqdn)], { gateway: g.name, pool: pool.fqdn, dialPlan: d.name, pilot }, [newGroup]));
          continue;
        }
        for (const h of linked) {
          if (eqi(h.pilotIdentifier, pilot)) continue;
          out.push(
            makeDiagnostic(R_G_02, 'pilot', [ref('umHuntGroup', h.id), gw(g), dp(d)], { gateway: g.name, huntGroup: h.id, dialPlan: d.name, pilot, actual: h.pilotIdentifier || '(empty)' }, [
              `Remove-UMHuntGroup -Identity ${psQuote(h.id)} -Confirm:$false`,
              newGroup,
            ]),
          );
        }
      }
    }
    return out;
  },
};

/** Gateways linked to a dial plan by hunt groups (UMDialPlan.UMIPGateway is the same back-link). */
function linkedGateways(ctx: RuleContext, d: UmDialPlan): UmIpGateway[] {
  const names = new Set((ctx.huntGroupsByDialPlan.get(d.name.toLowerCase()) ?? []).map((h) => h.gateway.toLowerCase()));
  for (const n of d.umIpGateways) names.add(n.toLowerCase());
  return [...names].map((n) => ctx.gatewayByName.get(n)).filter((g): g is UmIpGateway => !!g);
}

/** The gateway to keep (or give) outcalls: a Front End / Standard Edition pool's, never a Director's (LYNC13-EXCHCFG). */
function outcallGateway(ctx: RuleContext, gateways: readonly UmIpGateway[]): UmIpGateway {
  return (
    gateways.find((g) => {
      const role = ctx.poolOfGateway.get(g.name.toLowerCase())?.role;
      return role === 'FrontEnd' || role === 'StandardEdition';
    }) ?? gateways[0]
  );
}

export const R_G_03: OrgRuleDefinition = {
  id: 'R-G-03',
  severity: 'warning',
  family: 'org',
  area: 'gateways',
  sources: ['EX13-CONFIGLYNC', 'LYNC13-EXCHCFG'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) =>
    ctx.lyncSipDialPlans.flatMap((d) => {
      const out = linkedGateways(ctx, d).filter((g) => g.outcallsAllowed);
      if (out.length <= 1) return [];
      const keep = outcallGateway(ctx, out);
      return [
        makeDiagnostic(
          R_G_03,
          'default',
          [dp(d), ...out.map(gw)],
          { dialPlan: d.name, gateways: out.map((g) => g.name).join(', '), count: out.length, keep: keep.name },
          out.filter((g) => g !== keep).map((g) => `Set-UMIPGateway -Identity ${psQuote(g.name)} -OutcallsAllowed $false`),
        ),
      ];
    }),
};

export const R_G_04: OrgRuleDefinition = {
  id: 'R-G-04',
  severity: 'error',
  family: 'org',
  area: 'gateways',
  sources: ['LYNC13-EXCHCFG'],
  basis: 'DERIVED',
  evaluate: (ctx) =>
    ctx.lyncSipDialPlans.flatMap((d) => {
      const linked = linkedGateways(ctx, d);
      if (linked.length === 0 || linked.some((g) => g.outcallsAllowed)) return [];
      const pick = outcallGateway(ctx, linked);
      return [
        makeDiagnostic(R_G_04, 'default', [dp(d), ...linked.map(gw)], { dialPlan: d.name, gateways: linked.map((g) => g.name).join(', ') }, [
          `Set-UMIPGateway -Identity ${psQuote(pick.name)} -OutcallsAllowed $true`,
        ]),
      ];
    }),
};

export const R_G_05: OrgRuleDefinition = {
  id: 'R-G-05',
  severity: 'warning',
  family: 'org',
  area: 'gateways',
  sources: ['LYNC13-EXCHCFG'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.exchange.ipGateways.flatMap((g) => {
      const pool = ctx.poolOfGateway.get(g.name.toLowerCase());
      if (!pool || pool.role !== 'Director' || !g.outcallsAllowed) return [];
      return [makeDiagnostic(R_G_05, 'director', [gw(g), ref('skypePool', pool.fqdn)], { gateway: g.name, pool: pool.fqdn }, [`Set-UMIPGateway -Identity ${psQuote(g.name)} -OutcallsAllowed $false`])];
    }),
};

export const R_G_06: OrgRuleDefinition = {
  id: 'R-G-06',
  severity: 'warning',
  family: 'org',
  area: 'gateways',
  sources: ['SCRIPT-EXCHUCUTIL'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.exchange.ipGateways.flatMap((g) => {
      const pool = ctx.poolOfGateway.get(g.name.toLowerCase());
      if (!pool || pool.role !== 'SurvivableBranchAppliance') return [];
      if (!g.outcallsAllowed && !g.messageWaitingIndicatorAllowed) return [];
      const which = [g.outcallsAllowed ? 'OutcallsAllowed' : '', g.messageWaitingIndicatorAllowed ? 'MessageWaitingIndicatorAllowed' : ''].filter(Boolean).join(', ');
      return [
        makeDiagnostic(R_G_06, 'default', [gw(g), ref('skypePool', pool.fqdn)], { gateway: g.name, pool: pool.fqdn, settings: which }, [
          `Set-UMIPGateway -Identity ${psQuote(g.name)} -OutcallsAllowed $false -MessageWaitingIndicatorAllowed $false`,
        ]),
      ];
    }),
};

export const R_G_07: OrgRuleDefinition = {
  id: 'R-G-07',
  severity: 'error',
  family: 'org',
  area: 'gateways',
  sources: ['PS-EX-Set-UMIPGateway'],
  basis: 'DOC',
  seeds: ['004'],
  evaluate: (ctx) =>
    ctx.org.exchange.dialPlans
      .filter((d) => d.voipSecurity !== 'Unsecured')
      .flatMap((d) =>
        linkedGateways(ctx, d)
          .filter((g) => g.addressIsIpLiteral)
          .map((g) =>
            makeDiagnostic(R_G_07, 'default', [gw(g), dp(d)], { gateway: g.name, address: g.address, dialPlan: d.name, security: d.voipSecurity }, [
              `Set-UMIPGateway -Identity ${psQuote(g.name)} -Address '${fixPlaceholder('fix.placeholder.gatewayFqdn')}'`,
            ]),
          ),
      ),
};

/**
 * Two UM IP gateways on one IP literal. Seed 004: "Dans certains cas, si deux passerelles VoIP, PBX IP ou
 * SBC sont configurés pour utiliser la même adresse IP, un événement avec l'ID 1175 sera journalisé."
 * When both Addresses are literals no DNS is needed: their canonical forms (shared/model/host-name.ts
 * canonicalIpLiteral: `::1` and `0:0:0:0:0:0:0:1`, `FE80::1%11` and `fe80:0::1%11`, `::ffff:10.0.0.1` and
 * `10.0.0.1`) are compared. Two FQDNs on one address need name resolution: the gateway monitor judges
 * that case (shared/sip/monitor-model.ts).
 */
export const R_G_08: OrgRuleDefinition = {
  id: 'R-G-08',
  severity: 'warning',
  family: 'org',
  area: 'gateways',
  sources: ['PS-EX-Set-UMIPGateway'],
  basis: 'DOC',
  seeds: ['004'],
  evaluate: (ctx) => {
    const byAddress = new Map<string, UmIpGateway[]>();
    for (const g of ctx.org.exchange.ipGateways) {
      const canonical = canonicalIpLiteral(g.address);
      if (canonical === null) continue;
      const list = byAddress.get(canonical) ?? [];
      list.push(g);
      byAddress.set(canonical, list);
    }
    return [...byAddress]
      .filter(([, list]) => list.length > 1)
      .map(([canonical, list]) =>
        makeDiagnostic(
          R_G_08,
          'literal',
          list.map(gw),
          { address: canonical, gateways: list.map((g) => g.name).join(', '), spellings: [...new Set(list.map((g) => g.address))].join(', ') },
          list.slice(1).map((g) => `Set-UMIPGateway -Identity ${psQuote(g.name)} -Address '${fixPlaceholder('fix.placeholder.gatewayAddress')}'`),
        ),
      );
  },
};

export const R_G_09: OrgRuleDefinition = {
  id: 'R-G-09',
  severity: 'warning',
  family: 'org',
  area: 'gateways',
  sources: ['PS-EX-Set-UMIPGateway'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.exchange.ipGateways
      .filter((g) => g.status !== 'Enabled')
      .map((g) => makeDiagnostic(R_G_09, 'default', [gw(g)], { gateway: g.name, status: g.status }, [`Enable-UMIPGateway -Identity ${psQuote(g.name)}`])),
};

/** What ExchUcUtil grants each of the two groups (SCRIPT-EXCHUCUTIL phase B). */
const REQUIRED_ACES: readonly { object: 'organization' | string; rights: readonly string[]; inheritance: string }[] = [
  { object: 'organization', rights: ['ListChildren'], inheritance: 'None' },
  { object: 'UM DialPlan Container', rights: ['ListChildren', 'ReadProperty'], inheritance: 'All' },
  { object: 'UM AutoAttendant Container', rights: ['ListChildren', 'ReadProperty'], inheritance: 'All' },
];
const GROUPS = ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices'];

export const R_G_13: OrgRuleDefinition = {
  id: 'R-G-13',
  severity: 'error',
  family: 'org',
  area: 'gateways',
  sources: ['SCRIPT-EXCHUCUTIL', 'EX13-CONFIGLYNC'],
  basis: 'DOC',
  // Seed 000 « Accorde à Skype Entreprise Server l’autorisation de lire les objets … de messagerie unie
  // Exchange … »; seed 001 « Il donne la permission à Lync Server de lire les composants Active Directory … ».
  seeds: ['000', '001'],
  evaluate: (ctx) => {
    const org = ctx.org.exchange.organizationName;
    const out: Diagnostic[] = [];
    const perms = ctx.org.exchange.permissions;
    for (const group of GROUPS) {
      for (const ace of REQUIRED_ACES) {
        const objectName = ace.object === 'organization' ? org : ace.object;
        // Allow entries grant, Deny entries take away (an explicit Deny wins in AD's evaluation).
        const granted = new Set<string>();
        const denied = new Set<string>();
        for (const p of perms) {
          const user = p.user.slice(p.user.indexOf('\\') + 1);
          if (!eqi(user, group) || !eqi(p.object, objectName)) continue;
          if (!p.deny && ace.inheritance === 'All' && !eqi(p.inheritanceType, 'All')) continue;
          const into = p.deny ? denied : granted;
          for (const r of p.accessRights) into.add(r.toLowerCase());
          if (p.accessRights.some((r) => eqi(r, 'GenericAll') || eqi(r, 'GenericRead'))) ace.rights.forEach((r) => into.add(r.toLowerCase()));
        }
        const missing = ace.rights.filter((r) => !granted.has(r.toLowerCase()) || denied.has(r.toLowerCase()));
        if (missing.length === 0) continue;
        out.push(
          makeDiagnostic(R_G_13, 'default', [ref('exchangeOrganization', org)], { group, object: objectName, rights: missing.join(', '), inheritance: ace.inheritance }, [
            `Add-ADPermission -Identity ${psQuote(objectName)} -User ${psQuote(group)} -AccessRights ${ace.rights.join(',')} -InheritanceType ${ace.inheritance}`,
            commentedCommand(EXCHUCUTIL, 'fix.comment.sameRights'),
          ]),
        );
      }
    }
    return out;
  },
};

export const GATEWAY_RULES = [R_G_01, R_G_02, R_G_03, R_G_04, R_G_05, R_G_06, R_G_07, R_G_08, R_G_09, R_G_13];
