/** Exchange UM configuration rules R-D-* (sources by key: docs/sources.md). */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExchangeServer, UmDialPlan } from '../model/org';
import { fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import type { RuleContext } from './context';
import { encryptionCell } from './encryption-matrix';
import { eqi, makeDiagnostic, ref, type OrgRuleDefinition } from './rule';

const dp = (d: UmDialPlan) => ref('umDialPlan', d.name);
/** An Int32 literal (New-UMDialPlan -NumberOfDigitsInExtension, 1 through 20), never text from the org. */
const digitsOf = (d: UmDialPlan) => (Number.isInteger(d.numberOfDigitsInExtension) && d.numberOfDigitsInExtension > 0 ? d.numberOfDigitsInExtension : 4);

/**
 * Restarting a Windows service on the server the fix is about: Windows PowerShell 5.1's
 * Restart-Service has no -ComputerName, Get-Service has, and Restart-Service takes the service from
 * the pipeline (https://learn.microsoft.com/powershell/module/microsoft.powershell.management/restart-service?view=powershell-5.1,
 * .../get-service?view=powershell-5.1). The server travels as a literal, never in a comment.
 */
export function restartServiceOn(serverFqdn: string, service: 'MSExchangeUM' | 'MSExchangeUMCR'): string {
  return `Get-Service -ComputerName ${psQuote(serverFqdn)} -Name ${service} | Restart-Service`;
}
const srv = (s: ExchangeServer) => ref('exchangeServer', s.name);
const securedPlans = (ctx: RuleContext) => ctx.org.exchange.dialPlans.filter((d) => d.uriType === 'SipName' && d.voipSecurity !== 'Unsecured');

export const R_D_01: OrgRuleDefinition = {
  id: 'R-D-01',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-CREATEDP', 'LYNC13-EXCHCFG'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) =>
    ctx.skypeLinkedDialPlans
      .filter((d) => d.uriType !== 'SipName')
      .map((d) => {
        const pools = ctx.poolsOfDialPlan(d.name).map((p) => p.fqdn);
        // The URI type cannot be changed after creation: the fix is a new SIP URI dial plan (EX13-DIALPLANS).
        return makeDiagnostic(R_D_01, 'default', [dp(d), ...pools.map((p) => ref('skypePool', p))], { dialPlan: d.name, uriType: d.uriType, pools: pools.join(', '), poolCount: pools.length }, [
          `New-UMDialPlan -Name ${psQuote(d.name + '-SIP')} -URIType SipName -NumberOfDigitsInExtension ${digitsOf(d)} -VoIPSecurity Secured -CountryOrRegionCode ${psQuote(d.countryOrRegionCode || '1')}`,
          ...ctx.org.exchange.huntGroups
            .filter((h) => eqi(h.dialPlan, d.name) && ctx.poolOfGateway.has(h.gateway.toLowerCase()))
            .map((h) => `Remove-UMHuntGroup -Identity ${psQuote(h.id)} -Confirm:$false`),
        ]);
      }),
};

/**
 * Pools linked to the dial plan whose pair (dial plan VoIP security, effective media encryption level)
 * is the cell `rule` judges in the encryption matrix (shared/rules/encryption-matrix.ts), grouped by variant.
 */
function poolsInCells(ctx: RuleContext, d: UmDialPlan, rule: 'R-D-02' | 'R-D-03' | 'R-D-04') {
  const out = new Map<string, { pool: string; config: string; level: string }[]>();
  for (const pool of ctx.poolsOfDialPlan(d.name)) {
    const cfg = ctx.effectiveMediaConfiguration(pool);
    // No media configuration captured means the product default, RequireEncryption (PS-Set-CsMediaConfiguration).
    const level = cfg?.encryptionLevel ?? 'RequireEncryption';
    const cell = encryptionCell(d.voipSecurity, level);
    if (!cell || cell.rule !== rule || !cell.variant) continue;
    const list = out.get(cell.variant) ?? [];
    list.push({ pool: pool.fqdn, config: cfg?.identity ?? 'Global (default)', level });
    out.set(cell.variant, list);
  }
  return out;
}

function matrixDiagnostics(ctx: RuleContext, rule: OrgRuleDefinition & { id: 'R-D-02' | 'R-D-03' | 'R-D-04' }, d: UmDialPlan, fix: (configs: readonly string[]) => string[]): Diagnostic[] {
  return [...poolsInCells(ctx, d, rule.id)].map(([variant, hits]) => {
    const configs = [...new Set(hits.map((h) => h.config))];
    const cell = encryptionCell(d.voipSecurity, hits[0].level);
    return makeDiagnostic(
      rule,
      variant,
      // R-D-04 is about the dial plan whatever the level: the media configurations are named in its message only.
      [dp(d), ...hits.map((h) => ref('skypePool', h.pool)), ...(rule.id === 'R-D-04' ? [] : configs.map((c) => ref('csMediaConfiguration', c)))],
      { dialPlan: d.name, pools: hits.map((h) => h.pool).join(', '), poolCount: hits.length, configs: configs.join(', ') },
      fix(configs),
      cell?.severity ?? rule.severity,
    );
  });
}

/** Seed 001: SIPSecured under a pool that requires encryption; every call fails (encryption matrix, cell SIPSecured × RequireEncryption). */
export const R_D_02: OrgRuleDefinition & { id: 'R-D-02' } = {
  id: 'R-D-02',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['LYNC13-EXCHCFG', 'EX13-OVERVIEW'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => ctx.skypeLinkedDialPlans.flatMap((d) => matrixDiagnostics(ctx, R_D_02, d, () => [`Set-UMDialPlan -Identity ${psQuote(d.name)} -VoIPSecurity Secured`])),
};

/**
 * Seed 001's table pairs "Aucun chiffrement" with SIPSecured only: a Secured dial plan under
 * DoNotSupportEncryption is outside it, where "Un périphérique Lync Phone Edition ne fonctionnera que si
 * les paramètres de chiffrement sont configurés comme indiqué dans le tableau suivant." The fix moves the
 * pool to the row that lists Secured ("Chiffrement facultatif | Sécurisé SIP/Sécurisé").
 */
export const R_D_03: OrgRuleDefinition & { id: 'R-D-03' } = {
  id: 'R-D-03',
  severity: 'warning',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-OVERVIEW'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) =>
    ctx.skypeLinkedDialPlans.flatMap((d) => matrixDiagnostics(ctx, R_D_03, d, (configs) => configs.map((c) => `Set-CsMediaConfiguration -Identity ${psQuote(c)} -EncryptionLevel SupportEncryption`))),
};

/**
 * An Unsecured dial plan linked to Skype: Skype talks mutual TLS to Exchange UM (seed 000), so signalling
 * fails under every encryption level; under RequireEncryption media fails too, since the pool "requiert
 * le chiffrement pour trafic RTP et SIP" (seed 001). Variant `required` names the pools that require
 * encryption; `default` the others. Without the media configurations read, the pools are not named by
 * level: the dial plan alone is the finding (`default`).
 */
export const R_D_04: OrgRuleDefinition & { id: 'R-D-04' } = {
  id: 'R-D-04',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['LYNC13-DEPLOYPROC', 'EX13-OVERVIEW'],
  basis: 'DOC',
  seeds: ['000', '001'],
  evaluate: (ctx) =>
    ctx.skypeLinkedDialPlans
      .filter((d) => d.voipSecurity === 'Unsecured')
      .flatMap((d) => {
        const fix = () => [`Set-UMDialPlan -Identity ${psQuote(d.name)} -VoIPSecurity Secured`];
        const mediaRead = ctx.org.readState?.['skype.mediaConfigurations']?.status !== 'not-read';
        const found = mediaRead ? matrixDiagnostics(ctx, R_D_04, d, fix) : [];
        return found.length > 0 ? found : [makeDiagnostic(R_D_04, 'default', [dp(d)], { dialPlan: d.name }, fix())];
      }),
};

/**
 * Every Exchange 2013/2016 Mailbox (UM service) and Client Access (Call Router) server must be
 * associated with every SIP URI dial plan used with Lync (seed 001; EX13-CHECKLIST, SFB-UMVM).
 * Exchange 2010 UM servers are associated through the dial plan's UMServers or the server's DialPlans.
 */
export const R_D_05: OrgRuleDefinition = {
  id: 'R-D-05',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-OVERVIEW', 'EX13-HUNTGROUPS'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => {
    const out: Diagnostic[] = [];
    for (const d of ctx.lyncSipDialPlans) {
      for (const s of ctx.umServers) {
        const has = (list: readonly string[] | undefined) => !!list && list.some((x) => eqi(x, d.name));
        if (s.version.product === '2010') {
          if (!has(s.umService?.dialPlans) && !d.umServers.some((x) => eqi(x, s.name))) {
            out.push(makeDiagnostic(R_D_05, 'umService', [srv(s), dp(d)], { server: s.name, dialPlan: d.name }, [`Set-UMServer -Identity ${psQuote(s.name)} -DialPlans @{Add=${psQuote(d.name)}}`]));
          }
          continue;
        }
        if (s.isMailboxServer && !has(s.umService?.dialPlans)) {
          out.push(makeDiagnostic(R_D_05, 'umService', [srv(s), dp(d)], { server: s.name, dialPlan: d.name }, [`Set-UMService -Identity ${psQuote(s.name)} -DialPlans @{Add=${psQuote(d.name)}}`]));
        }
        if (s.isClientAccessServer && !has(s.callRouter?.dialPlans)) {
          out.push(
            makeDiagnostic(R_D_05, 'callRouter', [srv(s), dp(d)], { server: s.name, dialPlan: d.name }, [`Set-UMCallRouterSettings -Server ${psQuote(s.name)} -DialPlans @{Add=${psQuote(d.name)}}`]),
          );
        }
      }
    }
    return out;
  },
};

function startupModeDiagnostics(ctx: RuleContext, rule: OrgRuleDefinition, mode: 'TCP' | 'TLS'): Diagnostic[] {
  const out: Diagnostic[] = [];
  const secured = securedPlans(ctx);
  if (mode === 'TCP' && secured.length === 0) return out;
  for (const s of ctx.umServers) {
    // Exchange 2010 sets the UM server role's startup mode with Set-UMServer (Exchange 2010 only) and
    // has no call router; 2013/2016 split it into Set-UMService and Set-UMCallRouterSettings
    // (https://learn.microsoft.com/powershell/module/exchange/set-umserver, .../set-umservice, .../set-umcallroutersettings).
    const umFix = s.version.product === '2010' ? `Set-UMServer -Identity ${psQuote(s.name)} -UMStartupMode Dual` : `Set-UMService -Identity ${psQuote(s.name)} -UMStartupMode Dual`;
    const parts: [string, typeof s.umService, string][] = [
      ['umService', s.umService, umFix],
      ['callRouter', s.version.product === '2010' ? null : s.callRouter, `Set-UMCallRouterSettings -Server ${psQuote(s.name)} -UMStartupMode Dual`],
    ];
    for (const [variant, settings, fix] of parts) {
      if (!settings || settings.startupMode !== mode) continue;
      // A startup mode change only takes effect after the service restarts (EX13-STARTUP-MBX / -CAS).
      out.push(
        makeDiagnostic(rule, variant, [srv(s), ...secured.map(dp)], { server: s.name, mode, dialPlans: secured.map((d) => d.name).join(', ') }, [
          fix,
          restartServiceOn(s.fqdn || s.name, variant === 'umService' ? 'MSExchangeUM' : 'MSExchangeUMCR'),
        ]),
      );
    }
  }
  return out;
}

export const R_D_06: OrgRuleDefinition = {
  id: 'R-D-06',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-STARTUP-MBX', 'EX13-STARTUP-CAS'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => startupModeDiagnostics(ctx, R_D_06, 'TCP'),
};

export const R_D_07: OrgRuleDefinition = {
  id: 'R-D-07',
  severity: 'info',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-STARTUP-MBX', 'EX13-STARTUP-CAS'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => startupModeDiagnostics(ctx, R_D_07, 'TLS'),
};

/** Exchange 2019 has no UM (SFB-UMVM): a UM-enabled mailbox there has no voice mail. */
export const R_D_09: OrgRuleDefinition = {
  id: 'R-D-09',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['SFB-UMVM'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    const modern = ctx.org.exchange.servers.filter((s) => s.version.product === '2019');
    if (modern.length === 0) return [];
    const counts = new Map<string, number>();
    const byName = new Map(modern.map((s) => [s.name.toLowerCase(), s]));
    for (const m of ctx.org.mailboxes) {
      if (!m.umEnabled) continue;
      const s = byName.get(m.serverName.toLowerCase());
      if (s) counts.set(s.name, (counts.get(s.name) ?? 0) + 1);
    }
    return modern
      .filter((s) => counts.has(s.name))
      .map((s) =>
        makeDiagnostic(R_D_09, 'default', [srv(s)], { server: s.name, version: s.version.text, count: counts.get(s.name) ?? 0 }, [
          `Get-Mailbox -Server ${psQuote(s.name)} -ResultSize Unlimited | Where-Object UMEnabled | New-MoveRequest -TargetDatabase '${fixPlaceholder('fix.placeholder.exchange2016Database')}'`,
        ]),
      );
  },
};

const FORBIDDEN = /["/\\[\]:;|=,+*?<>]/;

export const R_D_10: OrgRuleDefinition = {
  id: 'R-D-10',
  severity: 'error',
  family: 'org',
  area: 'dialPlans',
  sources: ['EX13-CREATEDP'],
  basis: 'DOC',
  evaluate: (ctx) =>
    ctx.org.exchange.dialPlans
      .filter((d) => d.name.length > 49 || FORBIDDEN.test(d.name))
      .map((d) => makeDiagnostic(R_D_10, d.name.length > 49 ? 'length' : 'characters', [dp(d)], { dialPlan: d.name, length: d.name.length }, [])),
};

export const DIAL_PLAN_RULES = [R_D_01, R_D_02, R_D_03, R_D_04, R_D_05, R_D_06, R_D_07, R_D_09, R_D_10];
