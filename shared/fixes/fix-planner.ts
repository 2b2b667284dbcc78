/**
 * The fix planner: for each finding, the exact commands the console runs (parameters as data, never
 * script text), what they change on the objects as they are now, what happens meanwhile, and what
 * must be done by hand (docs/fixes.md, "The plans, rule by rule").
 *
 * A plan is `cmdlet` only when every value it sends is one the org model holds: a value only the
 * admin knows (a certificate's thumbprint from a CA, a gateway's FQDN in its certificate, a target
 * database) makes it `manual`, with the steps and the cmdlet that checks the result. Applying a plan
 * must make its finding go away: each plan changes exactly what its rule reads (shared/rules/*.ts).
 *
 * Pure: no Node, no DOM.
 */
import type { Diagnostic, DiagnosticMessage, FixRole } from '../diagnostics/diagnostic';
import type { ExchangeCertificate, ExchangeServer, ExUmContact, ObjectRef, OrgModel, SkypePool, SkypeUser, UmDialPlan, UmHuntGroup, UmIpGateway, UmMailbox } from '../model/org';
import { cmdletReference, type ProductVersion } from '../powershell/cmdlet-reference';
import { psQuote } from '../powershell/quote';
import { buildRuleContext, type RuleContext } from '../rules/context';
import { homePoolsOf } from '../rules/contact-topology-rules';
import { proposedContactPool } from '../contacts/contact-pool';
import { dnsNameMatches } from '../certificates/cert-rules';
import { dnsNamesOf } from '../certificates/cert-model';
import { joinUser, bareSip } from '../users/user-index';
import { buildUserRuleContext, lineUriExtension } from '../users/user-rules';
import { type FixChange, type FixCommand, type FixParameter, type FixPlan, type FixShell, type FixValue, findingKey, type ManualStep, userFindingKey } from './fix-model';

const lower = (s: string) => s.toLowerCase();
const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const msg = (key: string, params: DiagnosticMessage['params'] = {}): DiagnosticMessage => ({ key, params });
const manualStep = (key: string, params: DiagnosticMessage['params'], check: string | null): ManualStep => ({ message: msg(key, params), check });

// ------------------------------------------------------------------ versions and commands

/** The cmdlet reference's name of a server's product line (null: no UM there, or unknown). */
function exchangeVersionOf(s: ExchangeServer): ProductVersion {
  switch (s.version.product) {
    case '2010':
      return 'Exchange2010';
    case '2013':
      return 'Exchange2013';
    case '2019':
      return 'Exchange2019';
    default:
      return 'Exchange2016';
  }
}

/** The version an org-wide Exchange command targets: the newest UM server's (org-wide objects live in AD, any UM server's shell writes them). */
function orgExchangeVersion(ctx: RuleContext): ProductVersion {
  const products = new Set(ctx.umServers.map((s) => s.version.product));
  if (products.has('2016')) return 'Exchange2016';
  if (products.has('2013')) return 'Exchange2013';
  if (products.has('2010')) return 'Exchange2010';
  return 'Exchange2016';
}

/** The Skype version the configuration commands target: the Front End pools' product (Lync 2013, SfB 2015, SfB 2019). */
function skypeVersion(org: OrgModel): ProductVersion {
  const fe = org.skype.pools.filter((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition');
  const products = new Set((fe.length ? fe : org.skype.pools).map((p) => p.product));
  if (products.has('SfB2015')) return 'SfB2015';
  if (products.has('Lync2013')) return 'Lync2013';
  if (products.has('SfB2019')) return 'SfB2019';
  return 'SfB2015';
}

/** -WhatIf only where Microsoft's reference lists it for that version (shared/powershell/cmdlet-reference.ts). */
export function supportsWhatIf(cmdlet: string, version: ProductVersion): boolean {
  const row = cmdletReference(cmdlet);
  return !!row && row.versions.includes(version) && row.parameters.some((p) => p.name === 'WhatIf' && p.versions.includes(version));
}

const p = (name: string, value: FixValue): FixParameter => ({ name, value });
const change = (property: string, before: string | null, after: string | null): FixChange => ({ property, before, after });
const text = (v: FixValue): string => (Array.isArray(v) ? v.join(', ') : String(v));

function command(shell: FixShell, version: ProductVersion, cmdlet: string, parameters: readonly FixParameter[], target: ObjectRef | null, changes: readonly FixChange[]): FixCommand {
  // A property the command sets to the value it already has is not a change.
  return { shell, cmdlet, parameters, target, changes: changes.filter((c) => c.before !== c.after), whatIf: supportsWhatIf(cmdlet, version) };
}

/** A creation: every property it sets, before null. */
function creation(parameters: readonly FixParameter[], skip: readonly string[] = []): FixChange[] {
  return parameters.filter((x) => !skip.includes(x.name)).map((x) => change(x.name, null, text(x.value)));
}

// ------------------------------------------------------------------ plans

interface PlanParts {
  readonly commands?: readonly FixCommand[];
  readonly manual?: readonly ManualStep[];
  readonly meanwhile?: readonly DiagnosticMessage[];
  readonly role: FixRole;
}

function cmdletPlan(d: Diagnostic, parts: PlanParts, key = findingKey(d)): FixPlan {
  return { finding: key, rule: d.rule, kind: 'cmdlet', commands: parts.commands ?? [], manual: parts.manual ?? [], meanwhile: parts.meanwhile ?? [], whyManual: null, role: parts.role };
}

function manualPlan(d: Diagnostic, why: DiagnosticMessage, steps: readonly ManualStep[], role: FixRole, meanwhile: readonly DiagnosticMessage[] = [], key = findingKey(d)): FixPlan {
  return { finding: key, rule: d.rule, kind: 'manual', commands: [], manual: steps, meanwhile, whyManual: why, role };
}

const ref = (kind: ObjectRef['kind'], id: string): ObjectRef => ({ kind, id });
const objectOf = (d: Diagnostic, kind: ObjectRef['kind']) => d.objects.find((o) => o.kind === kind)?.id ?? null;
const objectsOf = (d: Diagnostic, kind: ObjectRef['kind']) => d.objects.filter((o) => o.kind === kind).map((o) => o.id);

/** A manual step that shows the finding's own fix text for the admin to complete and run (never run by the console). */
const runStep = (d: Diagnostic): ManualStep => manualStep('fix.manual.run', { rule: d.rule, command: d.fix.join('\n') || '-' }, null);

/** Planning context: the rule context plus what several plans look up. */
interface PlanContext {
  readonly org: OrgModel;
  readonly ctx: RuleContext;
  readonly exVersion: ProductVersion;
  readonly skVersion: ProductVersion;
  readonly serverByName: ReadonlyMap<string, ExchangeServer>;
}

function planContext(org: OrgModel): PlanContext {
  const ctx = buildRuleContext(org);
  const serverByName = new Map<string, ExchangeServer>();
  for (const s of org.exchange.servers) {
    serverByName.set(lower(s.name), s);
    if (s.fqdn) serverByName.set(lower(s.fqdn), s);
  }
  return { org, ctx, exVersion: orgExchangeVersion(ctx), skVersion: skypeVersion(org), serverByName };
}

// ------------------------------------------------------------------ shared building blocks

/** Restarting a Windows service on a server: shown with the cmdlet that checks it is running (Windows PowerShell 5.1 Get-Service has -ComputerName). */
function restartStep(server: ExchangeServer, service: 'MSExchangeUM' | 'MSExchangeUMCR'): ManualStep {
  const host = server.fqdn || server.name;
  return manualStep(`fix.manual.restart.${service}`, { server: server.name, host }, `Get-Service -ComputerName ${psQuote(host)} -Name ${service}`);
}

/** The UM service / call router commands that set a server's DialPlans to the whole new list (a MultiValuedProperty sent whole). */
function dialPlanMembership(pc: PlanContext, s: ExchangeServer, which: 'umService' | 'callRouter', dialPlans: readonly string[]): FixCommand | null {
  const settings = which === 'umService' ? s.umService : s.callRouter;
  if (!settings) return null;
  const current = settings.dialPlans;
  const add = dialPlans.filter((n) => !current.some((c) => eqi(c, n)));
  if (add.length === 0) return null;
  const next = [...current, ...add];
  const version = exchangeVersionOf(s);
  const target = ref('exchangeServer', s.name);
  const changes = [change('DialPlans', current.join(', '), next.join(', '))];
  if (s.version.product === '2010') {
    if (which === 'callRouter') return null;
    return command('exchange', version, 'Set-UMServer', [p('Identity', s.name), p('DialPlans', next)], target, changes);
  }
  return which === 'umService'
    ? command('exchange', version, 'Set-UMService', [p('Identity', s.name), p('DialPlans', next)], target, changes)
    : command('exchange', version, 'Set-UMCallRouterSettings', [p('Server', s.name), p('DialPlans', next)], target, changes);
}

/** Every UM server joins these dial plans (R-D-05's condition: a 2013/2016 Mailbox server's UM service, a CAS's call router; a 2010 UM server). */
function allServersAnswer(pc: PlanContext, dialPlans: readonly string[]): FixCommand[] {
  const out: FixCommand[] = [];
  for (const s of pc.ctx.umServers) {
    if (s.version.product === '2010') {
      const c = dialPlanMembership(pc, s, 'umService', dialPlans);
      if (c) out.push(c);
      continue;
    }
    if (s.isMailboxServer) {
      const c = dialPlanMembership(pc, s, 'umService', dialPlans);
      if (c) out.push(c);
    }
    if (s.isClientAccessServer) {
      const c = dialPlanMembership(pc, s, 'callRouter', dialPlans);
      if (c) out.push(c);
    }
  }
  return out;
}

/** A hunt group name free on the gateway: the dial plan's name, else `<name>-2`, `-3`… (names are unique per gateway). */
function freeHuntGroupName(taken: readonly UmHuntGroup[], base: string, removed: ReadonlySet<string>): string {
  const used = new Set(taken.filter((h) => !removed.has(lower(h.id))).map((h) => lower(h.name)));
  if (!used.has(lower(base))) return base;
  for (let i = 2; ; i++) if (!used.has(lower(`${base}-${i}`))) return `${base}-${i}`;
}

/**
 * The hunt group ExchUcUtil creates: pilot = the dial plan's name. Seed 001: « L’identificateur de pilote
 * pour le groupement de postes sera le nom du plan de numérotation associé à la passerelle IP de messagerie
 * unifiée correspondante. »
 */
function newHuntGroup(pc: PlanContext, gateway: string, dialPlan: string, name: string): FixCommand {
  const params = [p('Name', name), p('PilotIdentifier', dialPlan), p('UMDialPlan', dialPlan), p('UMIPGateway', gateway)];
  return command('exchange', pc.exVersion, 'New-UMHuntGroup', params, null, creation(params));
}

function removeHuntGroup(pc: PlanContext, h: UmHuntGroup): FixCommand {
  // Remove-UMHuntGroup asks for confirmation (ConfirmImpact High): the console's own confirmation is the preview.
  return command('exchange', pc.exVersion, 'Remove-UMHuntGroup', [p('Identity', h.id), p('Confirm', false)], ref('umHuntGroup', h.id), [change('Identity', h.id, null)]);
}

function setGateway(pc: PlanContext, g: UmIpGateway, values: { outcalls?: boolean; mwi?: boolean }): FixCommand {
  const params: FixParameter[] = [p('Identity', g.name)];
  const changes: FixChange[] = [];
  if (values.outcalls !== undefined) {
    params.push(p('OutcallsAllowed', values.outcalls));
    changes.push(change('OutcallsAllowed', String(g.outcallsAllowed), String(values.outcalls)));
  }
  if (values.mwi !== undefined) {
    params.push(p('MessageWaitingIndicatorAllowed', values.mwi));
    changes.push(change('MessageWaitingIndicatorAllowed', String(g.messageWaitingIndicatorAllowed), String(values.mwi)));
  }
  return command('exchange', pc.exVersion, 'Set-UMIPGateway', params, ref('umIpGateway', g.name), changes);
}

/** A restart drops the calls in progress: seed 001 asks for the restart after the startup mode change. */
const MEANWHILE_UM_RESTART = msg('fix.meanwhile.umRestart');
const MEANWHILE_FE_RESTART = msg('fix.meanwhile.frontEndRestart');

// ------------------------------------------------------------------ R-D

const FORBIDDEN_DIAL_PLAN_CHARS = /["/\\[\]:;|=,+*?<>]/g;

/** A SIP URI dial plan name for the replacement: `<old>-SIP`, within New-UMDialPlan's 49 characters and its character set, not taken. */
function replacementDialPlanName(org: OrgModel, old: string): string {
  const clean =
    old
      .replace(FORBIDDEN_DIAL_PLAN_CHARS, '-')
      .replace(/[\r\n\t]/g, ' ')
      .trim() || 'DialPlan';
  const taken = new Set(org.exchange.dialPlans.map((d) => lower(d.name)));
  for (let i = 1; ; i++) {
    const suffix = i === 1 ? '-SIP' : `-SIP${i}`;
    const name = clean.slice(0, 49 - suffix.length) + suffix;
    if (!taken.has(lower(name))) return name;
  }
}

function planR_D_01(d: Diagnostic, pc: PlanContext): FixPlan {
  const dp = pc.ctx.dialPlanByName.get(lower(objectOf(d, 'umDialPlan') ?? ''));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!dp) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'umDialPlan') ?? '' }), [], role);
  const digits = dp.numberOfDigitsInExtension;
  const country = dp.countryOrRegionCode.trim();
  if (!(Number.isInteger(digits) && digits >= 1 && digits <= 20) || !/^\d{1,4}$/.test(country)) {
    return manualPlan(
      d,
      msg('fix.why.R-D-01.values', { dialPlan: dp.name }),
      [manualStep('fix.manual.R-D-01.create', { dialPlan: dp.name }, `Get-UMDialPlan -Identity ${psQuote(dp.name)} | Format-List URIType,VoIPSecurity`)],
      role,
    );
  }
  const name = replacementDialPlanName(pc.org, dp.name);
  const createParams = [p('Name', name), p('URIType', 'SipName'), p('NumberOfDigitsInExtension', digits), p('VoIPSecurity', 'Secured'), p('CountryOrRegionCode', country)];
  const commands: FixCommand[] = [command('exchange', pc.exVersion, 'New-UMDialPlan', createParams, null, creation(createParams))];
  // Every UM server answers every SIP URI dial plan used with Skype (R-D-05, seed 001).
  commands.push(...allServersAnswer(pc, [name]));
  // The pool gateways' hunt groups leave the old dial plan; each pool gateway gets one for the new (ExchUcUtil's job).
  const removed = new Set<string>();
  for (const h of pc.org.exchange.huntGroups) {
    if (eqi(h.dialPlan, dp.name) && pc.ctx.poolOfGateway.has(lower(h.gateway))) {
      commands.push(removeHuntGroup(pc, h));
      removed.add(lower(h.id));
    }
  }
  for (const g of pc.org.exchange.ipGateways) {
    if (!pc.ctx.poolOfGateway.has(lower(g.name))) continue;
    commands.push(newHuntGroup(pc, g.name, name, freeHuntGroupName(pc.ctx.huntGroupsByGateway.get(lower(g.name)) ?? [], name, removed)));
  }
  const mailboxes = pc.org.mailboxes.filter((m) => m.umEnabled && eqi(m.umDialPlan, dp.name)).length;
  return cmdletPlan(d, {
    role,
    commands,
    manual: [manualStep('fix.manual.R-D-01.moveMailboxes', { from: dp.name, to: name, count: mailboxes }, `Get-UMMailbox -ResultSize Unlimited | Where-Object UMDialPlan -eq ${psQuote(dp.name)}`)],
    meanwhile: [msg('fix.meanwhile.R-D-01', { from: dp.name, to: name, count: mailboxes })],
  });
}

function planVoipSecurity(d: Diagnostic, pc: PlanContext): FixPlan {
  const dp = pc.ctx.dialPlanByName.get(lower(objectOf(d, 'umDialPlan') ?? ''));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!dp) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'umDialPlan') ?? '' }), [], role);
  const cmd = command('exchange', pc.exVersion, 'Set-UMDialPlan', [p('Identity', dp.name), p('VoIPSecurity', 'Secured')], ref('umDialPlan', dp.name), [
    change('VoIPSecurity', dp.voipSecurity, 'Secured'),
  ]);
  // A secured dial plan needs TLS on every server that answers it: those in TCP mode are R-D-06's plan.
  const tcp = pc.ctx.umServers.filter((s) => s.umService?.startupMode === 'TCP' || s.callRouter?.startupMode === 'TCP').map((s) => s.name);
  return cmdletPlan(d, { role, commands: [cmd], meanwhile: [msg('fix.meanwhile.voipSecurity', { dialPlan: dp.name, servers: tcp.join(', ') || '-' })] });
}

function planR_D_03(d: Diagnostic, pc: PlanContext): FixPlan {
  const configs = objectsOf(d, 'csMediaConfiguration');
  const commands = configs.map((identity) => {
    const cfg = pc.org.skype.mediaConfigurations.find((m) => eqi(m.identity, identity));
    // 'Global (default)' names the product default when no configuration was read: the Global one always exists.
    const id = cfg?.identity ?? 'Global';
    return command('skype', pc.skVersion, 'Set-CsMediaConfiguration', [p('Identity', id), p('EncryptionLevel', 'SupportEncryption')], ref('csMediaConfiguration', id), [
      change('EncryptionLevel', cfg?.encryptionLevel ?? 'RequireEncryption', 'SupportEncryption'),
    ]);
  });
  return cmdletPlan(d, { role: 'RTCUniversalServerAdmins', commands, meanwhile: [msg('fix.meanwhile.R-D-03')] });
}

/**
 * The UM service and the call router of one server are two findings with one key (the same server and
 * dial plans: fix-model.ts findingKey), so one plan fixes both: the same plan whichever of the two it is asked for.
 */
const COMPONENTS = ['umService', 'callRouter'] as const;

function planR_D_05(d: Diagnostic, pc: PlanContext): FixPlan {
  const s = pc.serverByName.get(lower(objectOf(d, 'exchangeServer') ?? ''));
  const dp = objectOf(d, 'umDialPlan') ?? '';
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!s) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exchangeServer') ?? '' }), [], role);
  // R-D-05 asks a 2013/2016 Mailbox server's UM service and a Client Access server's call router; a 2010 UM server's UM role.
  const wanted = COMPONENTS.filter((w) => (s.version.product === '2010' ? w === 'umService' : w === 'umService' ? s.isMailboxServer : s.isClientAccessServer));
  const commands = wanted.map((w) => dialPlanMembership(pc, s, w, [dp])).filter((c): c is FixCommand => !!c);
  if (commands.length === 0) return manualPlan(d, msg('fix.why.R-D-05.noService', { server: s.name }), [runStep(d)], role);
  return cmdletPlan(d, { role, commands });
}

function planStartupMode(d: Diagnostic, pc: PlanContext): FixPlan {
  const s = pc.serverByName.get(lower(objectOf(d, 'exchangeServer') ?? ''));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!s) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exchangeServer') ?? '' }), [], role);
  const mode = String(d.message.params.mode ?? (d.rule === 'R-D-06' ? 'TCP' : 'TLS'));
  const version = exchangeVersionOf(s);
  const target = ref('exchangeServer', s.name);
  const commands: FixCommand[] = [];
  const manual: ManualStep[] = [];
  for (const which of COMPONENTS) {
    // Exchange 2010 has no call router: its UM role's startup mode is Set-UMServer's (EX13-STARTUP-MBX, EX13-STARTUP-CAS).
    const settings = which === 'umService' ? s.umService : s.version.product === '2010' ? null : s.callRouter;
    if (!settings || settings.startupMode !== mode) continue;
    const changes = [change('UMStartupMode', settings.startupMode, 'Dual')];
    commands.push(
      which === 'callRouter'
        ? command('exchange', version, 'Set-UMCallRouterSettings', [p('Server', s.name), p('UMStartupMode', 'Dual')], target, changes)
        : command('exchange', version, s.version.product === '2010' ? 'Set-UMServer' : 'Set-UMService', [p('Identity', s.name), p('UMStartupMode', 'Dual')], target, changes),
    );
    // Seed 001: « … sur Double puis redémarrez le service de messagerie unifiée MicrosoftExchange … et le service MicrosoftExchange Unified Messaging Call Router … »
    manual.push(restartStep(s, which === 'callRouter' ? 'MSExchangeUMCR' : 'MSExchangeUM'));
  }
  if (commands.length === 0) return manualPlan(d, msg('fix.why.objectGone', { object: s.name }), [], role);
  return cmdletPlan(d, { role, commands, manual, meanwhile: [MEANWHILE_UM_RESTART] });
}

// ------------------------------------------------------------------ R-G

function planR_G_01(d: Diagnostic, pc: PlanContext): FixPlan {
  const fqdn = objectOf(d, 'skypePool') ?? '';
  const pool = pc.ctx.poolByFqdn.get(lower(fqdn));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!pool) return manualPlan(d, msg('fix.why.objectGone', { object: fqdn }), [], role);
  // ExchUcUtil names its gateways by the topology's ids, which the capture does not read; the name has no
  // role in routing (the Address does), so the pool's FQDN names it. Unique among gateways.
  const taken = new Set(pc.org.exchange.ipGateways.map((g) => lower(g.name)));
  let name = pool.fqdn.slice(0, 64);
  for (let i = 2; taken.has(lower(name)); i++) name = `${pool.fqdn.slice(0, 60)}-${i}`;
  const createParams = [p('Name', name), p('Address', pool.fqdn)];
  const commands: FixCommand[] = [command('exchange', pc.exVersion, 'New-UMIPGateway', createParams, null, creation(createParams))];
  // ExchUcUtil: outcalls and message waiting off on a Director's or a branch appliance's gateway (R-G-05, R-G-06);
  // on a Front End pool's only when every SIP dial plan already has a gateway that places outcalls (R-G-03).
  const gw: UmIpGateway = {
    name,
    address: pool.fqdn,
    addressIsIpLiteral: false,
    port: 5060,
    status: 'Enabled',
    outcallsAllowed: true,
    messageWaitingIndicatorAllowed: true,
    ipAddressFamily: 'IPv4Only',
    huntGroups: [],
  };
  if (pool.role === 'Director' || pool.role === 'SurvivableBranchAppliance') commands.push(setGateway(pc, gw, { outcalls: false, mwi: false }));
  else if (pc.ctx.lyncSipDialPlans.length > 0 && pc.ctx.lyncSipDialPlans.every((dp) => linkedGateways(pc.ctx, dp).some((g) => g.outcallsAllowed)))
    commands.push(setGateway(pc, gw, { outcalls: false }));
  for (const dp of pc.ctx.lyncSipDialPlans) commands.push(newHuntGroup(pc, name, dp.name, dp.name));
  return cmdletPlan(d, {
    role,
    commands,
    manual: frontEndRestarts(pool),
    meanwhile: [MEANWHILE_FE_RESTART],
  });
}

/**
 * After ExchUcUtil, the Front End service of each server of the pool restarts: "Be sure to restart the Lync Server
 * Front-End service (rtcsrv.exe) after you run exchucutil.ps1. Otherwise, Lync Server will not detect Unified
 * Messaging in the topology." (LYNC13-EXCHCFG, docs/sources.md).
 */
function frontEndRestarts(pool: SkypePool): ManualStep[] {
  const computers = pool.computers.length > 0 ? pool.computers : [pool.fqdn];
  return computers.map((c) => manualStep('fix.manual.restart.frontEnd', { computer: c, pool: pool.fqdn }, `Get-CsWindowsService -Name RTCSRV -ComputerName ${psQuote(c)}`));
}

function linkedGateways(ctx: RuleContext, dp: UmDialPlan): UmIpGateway[] {
  const names = new Set((ctx.huntGroupsByDialPlan.get(lower(dp.name)) ?? []).map((h) => lower(h.gateway)));
  for (const n of dp.umIpGateways) names.add(lower(n));
  return [...names].map((n) => ctx.gatewayByName.get(n)).filter((g): g is UmIpGateway => !!g);
}

function planR_G_02(d: Diagnostic, pc: PlanContext): FixPlan {
  const gwName = objectOf(d, 'umIpGateway') ?? '';
  const dpName = objectOf(d, 'umDialPlan') ?? '';
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  const g = pc.ctx.gatewayByName.get(lower(gwName));
  const dp = pc.ctx.dialPlanByName.get(lower(dpName));
  if (!g || !dp) return manualPlan(d, msg('fix.why.objectGone', { object: g ? dpName : gwName }), [], role);
  const commands: FixCommand[] = [];
  const removed = new Set<string>();
  const hgId = objectOf(d, 'umHuntGroup');
  if (hgId) {
    const h = pc.org.exchange.huntGroups.find((x) => eqi(x.id, hgId));
    if (h) {
      commands.push(removeHuntGroup(pc, h));
      removed.add(lower(h.id));
    }
  }
  commands.push(newHuntGroup(pc, g.name, dp.name, freeHuntGroupName(pc.ctx.huntGroupsByGateway.get(lower(g.name)) ?? [], dp.name, removed)));
  return cmdletPlan(d, { role, commands, meanwhile: hgId ? [msg('fix.meanwhile.R-G-02.pilot', { gateway: g.name, dialPlan: dp.name })] : [] });
}

function planOutcalls(d: Diagnostic, pc: PlanContext, names: readonly string[], values: { outcalls?: boolean; mwi?: boolean }): FixPlan {
  const commands = names.flatMap((n) => {
    const g = pc.ctx.gatewayByName.get(lower(n));
    if (!g) return [];
    const v = {
      outcalls: values.outcalls !== undefined && g.outcallsAllowed !== values.outcalls ? values.outcalls : undefined,
      mwi: values.mwi !== undefined && g.messageWaitingIndicatorAllowed !== values.mwi ? values.mwi : undefined,
    };
    return v.outcalls === undefined && v.mwi === undefined ? [] : [setGateway(pc, g, v)];
  });
  return cmdletPlan(d, { role: 'ExchangeOrganizationAdministrator', commands });
}

function planR_G_03(d: Diagnostic, pc: PlanContext): FixPlan {
  const keep = String(d.message.params.keep ?? '');
  const names = objectsOf(d, 'umIpGateway').filter((n) => !eqi(n, keep));
  return planOutcalls(d, pc, names, { outcalls: false });
}

function planR_G_04(d: Diagnostic, pc: PlanContext): FixPlan {
  const dp = pc.ctx.dialPlanByName.get(lower(objectOf(d, 'umDialPlan') ?? ''));
  const gws = objectsOf(d, 'umIpGateway')
    .map((n) => pc.ctx.gatewayByName.get(lower(n)))
    .filter((g): g is UmIpGateway => !!g);
  if (!dp || gws.length === 0) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'umDialPlan') ?? '' }), [], 'ExchangeOrganizationAdministrator');
  // A Front End / Standard Edition pool's gateway, never a Director's (LYNC13-EXCHCFG).
  const pick =
    gws.find((g) => {
      const role = pc.ctx.poolOfGateway.get(lower(g.name))?.role;
      return role === 'FrontEnd' || role === 'StandardEdition';
    }) ?? gws[0];
  return planOutcalls(d, pc, [pick.name], { outcalls: true });
}

/** What ExchUcUtil grants each of the two groups (shared/rules/gateway-rules.ts R-G-13, SCRIPT-EXCHUCUTIL phase B). */
const EXCHUCUTIL_ACES: readonly { readonly object: 'organization' | string; readonly rights: readonly string[]; readonly inheritance: string }[] = [
  { object: 'organization', rights: ['ListChildren'], inheritance: 'None' },
  { object: 'UM DialPlan Container', rights: ['ListChildren', 'ReadProperty'], inheritance: 'All' },
  { object: 'UM AutoAttendant Container', rights: ['ListChildren', 'ReadProperty'], inheritance: 'All' },
];
const EXCHUCUTIL_GROUPS = ['RTCUniversalServerAdmins', 'RTCComponentUniversalServices'];

/**
 * R-G-13: ExchUcUtil's grants, one Add-ADPermission per entry missing. Every R-G-13 finding names the
 * organization only, so all share one key: the plan grants every missing entry, whichever finding asks.
 * A right taken away by a Deny entry is not given back by another Allow (an explicit Deny wins), so then
 * the plan is manual.
 */
function planR_G_13(d: Diagnostic, pc: PlanContext): FixPlan {
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  const org = pc.org.exchange.organizationName;
  const groupOf = (user: string) => user.slice(user.indexOf('\\') + 1);
  const commands: FixCommand[] = [];
  const denied: ManualStep[] = [];
  for (const group of EXCHUCUTIL_GROUPS) {
    for (const ace of EXCHUCUTIL_ACES) {
      const object = ace.object === 'organization' ? org : ace.object;
      const entries = pc.org.exchange.permissions.filter((x) => eqi(x.object, object) && eqi(groupOf(x.user), group));
      const granted = new Set<string>();
      const deny = new Set<string>();
      for (const x of entries) {
        if (!x.deny && ace.inheritance === 'All' && !eqi(x.inheritanceType, 'All')) continue;
        const into = x.deny ? deny : granted;
        for (const r of x.accessRights) into.add(lower(r));
        if (x.accessRights.some((r) => eqi(r, 'GenericAll') || eqi(r, 'GenericRead'))) ace.rights.forEach((r) => into.add(lower(r)));
      }
      const missing = ace.rights.filter((r) => !granted.has(lower(r)) || deny.has(lower(r)));
      if (missing.length === 0) continue;
      const check = `Get-ADPermission -Identity ${psQuote(object)} -User ${psQuote(group)}`;
      if (missing.some((r) => deny.has(lower(r)))) {
        denied.push(manualStep('fix.manual.R-G-13.deny', { group, object }, check));
        continue;
      }
      const params = [p('Identity', object), p('User', group), p('AccessRights', [...ace.rights]), p('InheritanceType', ace.inheritance)];
      commands.push(
        command('exchange', pc.exVersion, 'Add-ADPermission', params, ref('exchangeOrganization', org), [
          change(
            'AccessRights',
            entries
              .filter((x) => !x.deny)
              .flatMap((x) => x.accessRights)
              .join(', '),
            ace.rights.join(', '),
          ),
        ]),
      );
    }
  }
  if (denied.length > 0) {
    const first = denied[0].message.params;
    return manualPlan(d, msg('fix.why.R-G-13.deny', { group: String(first.group), object: String(first.object) }), denied, role);
  }
  if (commands.length === 0) return manualPlan(d, msg('fix.why.objectGone', { object: org }), [], role);
  return cmdletPlan(d, {
    role,
    commands,
    // Skype detects UM at start-up: the Front End service restarts after ExchUcUtil's grants (LYNC13-EXCHCFG).
    manual: pc.org.skype.pools.filter((x) => x.role === 'FrontEnd' || x.role === 'StandardEdition').flatMap(frontEndRestarts),
    meanwhile: [MEANWHILE_FE_RESTART],
  });
}

// ------------------------------------------------------------------ R-X

/** A certificate Exchange UM can use on this server: CA-issued, its FQDN in CN or SAN, no wildcard CN, not expired at capture (seed 001). */
function usableUmCertificate(org: OrgModel, s: ExchangeServer): ExchangeCertificate | null {
  const readAt = Date.parse(org.source.readAt);
  const candidates = org.exchange.certificates.filter((c) => {
    const f = c.facts;
    if (!f || !(eqi(c.server, s.fqdn) || eqi(c.server, s.name))) return false;
    if (f.selfSigned || f.isCA) return false;
    const cn = f.subjectCommonName ?? '';
    if (cn.includes('*')) return false;
    if (!(eqi(cn, s.fqdn) || dnsNamesOf(f).some((n) => dnsNameMatches(n, s.fqdn)))) return false;
    const notAfter = Date.parse(f.notAfter);
    return !(Number.isFinite(notAfter) && Number.isFinite(readAt) && notAfter <= readAt);
  });
  // One already bound to a UM service first: its chain is the one Skype already trusts.
  return candidates.find((c) => c.services.some((x) => eqi(x, 'UM') || eqi(x, 'UMCallRouter'))) ?? candidates[0] ?? null;
}

/**
 * The UM services a server's certificates do not cover (shared/rules/certificate-oauth-rules.ts R-X-03):
 * UM on a 2010 UM server or a 2013/2016 Mailbox server, UMCallRouter on a 2013/2016 Client Access server.
 * Both findings of a server share one key (it names the server only): one plan binds both.
 */
function missingUmServices(org: OrgModel, s: ExchangeServer): ('UM' | 'UMCallRouter')[] {
  const certs = org.exchange.certificates.filter((c) => eqi(c.server, s.fqdn) || eqi(c.server, s.name));
  const needs: ('UM' | 'UMCallRouter')[] = [];
  if (s.version.product === '2010' || s.isMailboxServer) needs.push('UM');
  if (s.version.product !== '2010' && s.isClientAccessServer) needs.push('UMCallRouter');
  return needs.filter((service) => !certs.some((c) => c.services.some((x) => eqi(x, service))));
}

function planR_X_03(d: Diagnostic, pc: PlanContext): FixPlan {
  const s = pc.serverByName.get(lower(objectOf(d, 'exchangeServer') ?? ''));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  if (!s) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exchangeServer') ?? '' }), [], role);
  const services = missingUmServices(pc.org, s);
  if (services.length === 0) return manualPlan(d, msg('fix.why.objectGone', { object: s.name }), [], role);
  const restarts = services.map((x) => restartStep(s, x === 'UM' ? 'MSExchangeUM' : 'MSExchangeUMCR'));
  const cert = usableUmCertificate(pc.org, s);
  if (!cert?.facts) {
    return manualPlan(
      d,
      msg('fix.why.certificateFromCa', { server: s.name }),
      [
        manualStep('fix.manual.certificate.request', { server: s.name, fqdn: s.fqdn || s.name }, null),
        manualStep(
          'fix.manual.certificate.enable',
          { server: s.name, command: d.fix.join('\n') || '-' },
          `Get-ExchangeCertificate -Server ${psQuote(s.name)} | Format-List Thumbprint,Subject,Services`,
        ),
        ...restarts,
      ],
      role,
      [MEANWHILE_UM_RESTART],
    );
  }
  // -Services adds to the certificate's services, it does not replace them (Enable-ExchangeCertificate, -Services);
  // several are sent as a list, which PowerShell binds to the AllowedServices flags.
  const params = [p('Server', s.name), p('Thumbprint', cert.facts.thumbprint), p('Services', services.length === 1 ? services[0] : services)];
  return cmdletPlan(d, {
    role,
    commands: [
      command('exchange', exchangeVersionOf(s), 'Enable-ExchangeCertificate', params, ref('exchangeCertificate', `${cert.server}\\${cert.facts.thumbprint}`), [
        change('Services', cert.services.join(', '), [...new Set([...cert.services, ...services])].join(', ')),
      ]),
    ],
    manual: restarts,
    meanwhile: [MEANWHILE_UM_RESTART],
  });
}

// ------------------------------------------------------------------ R-O

function planR_O_01(d: Diagnostic, pc: PlanContext): FixPlan {
  const s = pc.serverByName.get(lower(objectOf(d, 'exchangeServer') ?? ''));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  const host = autodiscoverHost(pc.org);
  const url = host ? `https://${host}/Autodiscover/Autodiscover.xml` : null;
  if (!s || !url) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exchangeServer') ?? '' }), [runStep(d)], role);
  // *-ClientAccessServer on 2010/2013, *-ClientAccessService on 2016 (docs/sources.md).
  const cmdlet = s.version.product === '2016' || s.version.product === '2019' ? 'Set-ClientAccessService' : 'Set-ClientAccessServer';
  return cmdletPlan(d, {
    role,
    commands: [
      command('exchange', exchangeVersionOf(s), cmdlet, [p('Identity', s.name), p('AutoDiscoverServiceInternalUri', url)], ref('exchangeServer', s.name), [
        change('AutoDiscoverServiceInternalUri', s.autodiscoverInternalUri ?? '', url),
      ]),
    ],
  });
}

/** The Autodiscover host the OAuth rules compute (shared/rules/certificate-oauth-rules.ts autodiscoverHost). */
function autodiscoverHost(org: OrgModel): string | null {
  const urls = [org.skype.oauth?.exchangeAutodiscoverUrl ?? '', ...org.exchange.servers.map((s) => s.autodiscoverInternalUri ?? '')];
  for (const u of urls) {
    const m = /^https?:\/\/([^/:]+)/i.exec(u);
    if (m) return m[1].toLowerCase();
  }
  return org.skype.defaultSipDomain ? `autodiscover.${org.skype.defaultSipDomain}` : null;
}

function planR_O_02(d: Diagnostic, pc: PlanContext): FixPlan {
  const host = autodiscoverHost(pc.org);
  if (!host) return manualPlan(d, msg('fix.why.R-O-02.host'), [manualStep('fix.manual.R-O-02', {}, 'Get-CsOAuthConfiguration -Identity Global')], 'RTCUniversalServerAdmins');
  const url = `https://${host}/autodiscover/autodiscover.svc`;
  return cmdletPlan(d, {
    role: 'RTCUniversalServerAdmins',
    commands: [
      command('skype', pc.skVersion, 'Set-CsOAuthConfiguration', [p('Identity', 'Global'), p('ExchangeAutodiscoverUrl', url)], ref('oauthConfiguration', 'Global'), [
        change('ExchangeAutodiscoverUrl', pc.org.skype.oauth?.exchangeAutodiscoverUrl ?? '', url),
      ]),
    ],
  });
}

function planR_O_05(d: Diagnostic, pc: PlanContext): FixPlan {
  const majority = String(d.message.params.majority ?? '');
  const certs = pc.org.skype.certificates.filter((c) => eqi(c.use, 'OAuthTokenIssuer'));
  if (!/^[0-9A-F]{40}$/i.test(majority)) return manualPlan(d, msg('fix.why.objectGone', { object: 'OAuthTokenIssuer' }), [], 'RTCUniversalServerAdmins');
  const before = [...new Set(certs.map((c) => c.facts?.thumbprint ?? ''))].filter(Boolean).join(', ');
  return cmdletPlan(d, {
    role: 'RTCUniversalServerAdmins',
    // The OAuthTokenIssuer certificate is global: the Central Management Store replicates it to every Front End (LYNC13-S2SCERT).
    commands: [
      command('skype', pc.skVersion, 'Set-CsCertificate', [p('Identity', 'Global'), p('Type', 'OAuthTokenIssuer'), p('Thumbprint', majority)], ref('oauthConfiguration', 'Global'), [
        change('Thumbprint', before, majority),
      ]),
    ],
    manual: [manualStep('fix.manual.R-O-05.replication', { thumbprint: majority }, 'Get-CsCertificate -Type OAuthTokenIssuer')],
    meanwhile: [msg('fix.meanwhile.R-O-05')],
  });
}

function planR_O_08(d: Diagnostic, pc: PlanContext): FixPlan {
  const variant = d.message.key.slice(d.message.key.lastIndexOf('.') + 1);
  const role: FixRole = 'RTCUniversalServerAdmins';
  const host = autodiscoverHost(pc.org);
  const expected = host ? `https://${host}/autodiscover/metadata/json/1` : null;
  if (variant === 'missing') {
    if (!expected) return manualPlan(d, msg('fix.why.R-O-02.host'), [], role);
    const params = [p('Identity', 'Exchange'), p('ApplicationTrustLevel', 'Full'), p('MetadataUrl', expected)];
    return cmdletPlan(d, { role, commands: [command('skype', pc.skVersion, 'New-CsPartnerApplication', params, null, creation(params))] });
  }
  const appId = objectOf(d, 'skypePartnerApplication') ?? '';
  const app = pc.org.skype.partnerApplications.find((a) => eqi(a.identity, appId));
  if (!app) return manualPlan(d, msg('fix.why.objectGone', { object: appId }), [], role);
  // The `url` and `trust` findings of one application share its key: one Set-CsPartnerApplication sets whatever is wrong.
  const params: FixParameter[] = [p('Identity', app.identity)];
  const changes: FixChange[] = [];
  if (expected && !eqi(app.metadataUrl, expected)) {
    params.push(p('MetadataUrl', expected));
    changes.push(change('MetadataUrl', app.metadataUrl, expected));
  }
  if (!eqi(app.applicationTrustLevel, 'Full')) {
    params.push(p('ApplicationTrustLevel', 'Full'));
    changes.push(change('ApplicationTrustLevel', app.applicationTrustLevel, 'Full'));
  }
  if (params.length === 1) return manualPlan(d, msg(expected ? 'fix.why.objectGone' : 'fix.why.R-O-02.host', { object: app.identity }), [], role);
  return cmdletPlan(d, { role, commands: [command('skype', pc.skVersion, 'Set-CsPartnerApplication', params, ref('skypePartnerApplication', app.identity), changes)] });
}

// ------------------------------------------------------------------ R-T, R-C

function planR_T_02(d: Diagnostic, pc: PlanContext): FixPlan {
  const dpName = objectOf(d, 'umDialPlan') ?? '';
  const serving = new Set(objectsOf(d, 'exchangeServer').map(lower));
  const role: FixRole = 'ExchangeOrganizationAdministrator';
  const candidate = pc.ctx.umServers.find((s) => !serving.has(lower(s.name)) && (s.version.product === '2010' || s.isMailboxServer) && s.umService);
  if (!candidate)
    return manualPlan(d, msg('fix.why.R-T-02.noServer', { dialPlan: dpName }), [manualStep('fix.manual.R-T-02', { dialPlan: dpName }, `Get-UMDialPlan -Identity ${psQuote(dpName)}`)], role);
  const commands = [
    dialPlanMembership(pc, candidate, 'umService', [dpName]),
    candidate.isClientAccessServer && candidate.version.product !== '2010' ? dialPlanMembership(pc, candidate, 'callRouter', [dpName]) : null,
  ].filter((c): c is FixCommand => !!c);
  return cmdletPlan(d, { role, commands });
}

/** Exchange UM contacts are written by the Skype user administrators (New-/Set-/Move-CsExUmContact: RTCUniversalUserAdmins, shared/powershell/cmdlet-reference.ts). */
const CONTACT_ROLE: FixRole = 'RTCUniversalUserAdmins';

const contactOf = (pc: PlanContext, d: Diagnostic): ExUmContact | undefined => {
  const id = objectOf(d, 'exUmContact');
  return id ? pc.org.skype.exUmContacts.find((c) => eqi(c.identity, id)) : undefined;
};

function moveContact(pc: PlanContext, c: ExUmContact, target: string): FixCommand {
  // Move-CsExUmContact prompts even with -Force (docs/contact-objects.md §2.5): the console's preview is the confirmation.
  return command('skype', pc.skVersion, 'Move-CsExUmContact', [p('Identity', c.identity), p('Target', target), p('Confirm', false)], ref('exUmContact', c.identity), [
    change('RegistrarPool', c.registrarPool, target),
  ]);
}

/** The Front End / Standard Edition pool of a supported version a contact moves to (R-C-07, R-T-03). */
function homePool(org: OrgModel): string | null {
  return org.skype.pools.find((x) => (x.product === 'Lync2013' || x.product === 'SfB2015') && (x.role === 'FrontEnd' || x.role === 'StandardEdition'))?.fqdn ?? null;
}

function planR_C_07(d: Diagnostic, pc: PlanContext): FixPlan {
  const c = contactOf(pc, d);
  const target = homePool(pc.org);
  if (!c || !target) return manualPlan(d, msg('fix.why.R-C-07.noPool'), [runStep(d)], CONTACT_ROLE);
  return cmdletPlan(d, { role: CONTACT_ROLE, commands: [moveContact(pc, c, target)] });
}

function planR_C_08(d: Diagnostic, pc: PlanContext): FixPlan {
  const c = contactOf(pc, d);
  const home = String(d.message.params.home ?? '');
  if (!c || !home) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exUmContact') ?? '' }), [], CONTACT_ROLE);
  return cmdletPlan(d, { role: CONTACT_ROLE, commands: [moveContact(pc, c, home)] });
}

function planR_T_03(d: Diagnostic, pc: PlanContext): FixPlan {
  const target = homePool(pc.org);
  const contacts = objectsOf(d, 'exUmContact')
    .map((id) => pc.org.skype.exUmContacts.find((c) => eqi(c.identity, id)))
    .filter((c): c is ExUmContact => !!c);
  const gateways = objectsOf(d, 'umIpGateway');
  const steps = gateways.map((g) => manualStep('fix.manual.R-T-03.gateway', { gateway: g, pool: String(d.message.params.pool ?? '') }, `Get-UMIPGateway -Identity ${psQuote(g)}`));
  if (!target || (contacts.length === 0 && gateways.length > 0)) return manualPlan(d, msg('fix.why.R-T-03'), steps, CONTACT_ROLE);
  return cmdletPlan(d, { role: CONTACT_ROLE, commands: contacts.map((c) => moveContact(pc, c, target)), manual: steps });
}

function planR_C_01(d: Diagnostic, pc: PlanContext): FixPlan {
  const c = contactOf(pc, d);
  const user = c?.sipAddress.replace(/^.*:/, '') ?? '';
  if (!c || !/^[^@\s]+@[^@\s]+$/.test(user)) return manualPlan(d, msg('fix.why.valueYours', {}), [runStep(d)], CONTACT_ROLE);
  const sip = `sip:${user}`;
  return cmdletPlan(d, {
    role: CONTACT_ROLE,
    commands: [command('skype', pc.skVersion, 'Set-CsExUmContact', [p('Identity', c.identity), p('SipAddress', sip)], ref('exUmContact', c.identity), [change('SipAddress', c.sipAddress, sip)])],
  });
}

function planR_C_11(d: Diagnostic, pc: PlanContext): FixPlan {
  const phoneContext = String(d.message.params.phoneContext ?? '');
  if (!phoneContext) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'umDialPlan') ?? '' }), [], 'RTCUniversalServerAdmins');
  // No -SimpleName: it must be unique among dial plans and an existing one may already hold the UM dial plan's name;
  // New-CsDialPlan then derives it from the Identity (https://learn.microsoft.com/powershell/module/skype/new-csdialplan).
  const params = [p('Identity', phoneContext)];
  return cmdletPlan(d, { role: 'RTCUniversalServerAdmins', commands: [command('skype', pc.skVersion, 'New-CsDialPlan', params, null, creation(params))] });
}

/** R-C-12: the contact's commands from the rule's own choice (held address corrected, else a new contact), when no value is the admin's to give. */
function planR_C_12(d: Diagnostic, pc: PlanContext): FixPlan {
  const role: FixRole = CONTACT_ROLE;
  const variantAa = d.message.key.endsWith('.autoAttendant');
  const number = String(d.message.params.number ?? '');
  const dpName = String(d.message.params.dialPlan ?? '');
  const aaName = String(d.message.params.autoAttendant ?? '');
  // The pool the rule, the contact form and `umc contacts` propose: one function (shared/contacts/contact-pool.ts).
  const pool = proposedContactPool(pc.org, homePoolsOf(pc.org), dpName);
  const ou = pc.org.skype.exUmContacts[0]?.ou || null;
  const domain = pc.org.skype.defaultSipDomain || null;
  const manual = () => manualPlan(d, msg('fix.why.R-C-12.values'), [runStep(d)], role);
  if (!pool || !domain || !number) return manual();
  const sip = variantAa ? `sip:${aaName.replace(/\s+/g, '')}@${domain}` : `sip:${dpName}.SA@${domain}`;
  const held = pc.org.skype.exUmContacts.find((c) => eqi(c.sipAddress, sip));
  if (held) {
    const params: FixParameter[] = [p('Identity', held.identity), p('DisplayNumber', number)];
    const changes = [change('DisplayNumber', held.displayNumber, number)];
    if (held.autoAttendant !== variantAa) {
      params.push(p('AutoAttendant', variantAa));
      changes.push(change('AutoAttendant', String(held.autoAttendant), String(variantAa)));
    }
    const commands = [command('skype', pc.skVersion, 'Set-CsExUmContact', params, ref('exUmContact', held.identity), changes)];
    const heldPool = pc.ctx.poolByFqdn.get(lower(held.registrarPool));
    if (!heldPool || heldPool.product === 'OCS2007R2') commands.push(moveContact(pc, held, pool));
    return cmdletPlan(d, { role, commands });
  }
  if (!ou || pc.org.users.some((u) => eqi(u.sipAddress, sip))) return manual();
  const params: FixParameter[] = [p('SipAddress', sip), p('RegistrarPool', pool), p('OU', ou), p('DisplayNumber', number)];
  if (variantAa) params.push(p('AutoAttendant', true));
  return cmdletPlan(d, { role, commands: [command('skype', pc.skVersion, 'New-CsExUmContact', params, null, creation(params))] });
}

function planR_C_14(d: Diagnostic, pc: PlanContext): FixPlan {
  const c = contactOf(pc, d);
  if (!c) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'exUmContact') ?? '' }), [], CONTACT_ROLE);
  return cmdletPlan(d, {
    role: CONTACT_ROLE,
    commands: [
      command('skype', pc.skVersion, 'Set-CsExUmContact', [p('Identity', c.identity), p('Enabled', true), p('EnterpriseVoiceEnabled', true)], ref('exUmContact', c.identity), [
        change('Enabled', String(c.enabled), 'true'),
        change('EnterpriseVoiceEnabled', String(c.enterpriseVoiceEnabled), 'true'),
      ]),
    ],
  });
}

// ------------------------------------------------------------------ manual plans

/** The cmdlet that shows whether a manual step took: a read of the object the finding names (shown, never run). */
type CheckOf = (d: Diagnostic) => string | null;
const checkServerCertificates: CheckOf = (d) => {
  const s = objectOf(d, 'exchangeServer');
  return s ? `Get-ExchangeCertificate -Server ${psQuote(s)} | Format-List Thumbprint,Subject,Issuer,Services` : null;
};
const checkGateways: CheckOf = (d) =>
  objectsOf(d, 'umIpGateway')
    .map((g) => `Get-UMIPGateway -Identity ${psQuote(g)} | Format-List Name,Address`)
    .join('\n') || null;
const checkContacts: CheckOf = (d) =>
  objectsOf(d, 'exUmContact')
    .map((c) => `Get-CsExUmContact -Identity ${psQuote(c)}`)
    .join('\n') || 'Get-CsExUmContact';
const checkOAuthCertificate: CheckOf = () => 'Get-CsCertificate -Type OAuthTokenIssuer';

/**
 * Rules whose fix needs a value or an act only the admin has: why, the steps (the last one carries the
 * finding's own fix text as what to run, shown only) and the read that checks the result.
 */
const MANUAL: Readonly<Record<string, { why: string; steps: readonly string[]; role: FixRole; check: CheckOf }>> = {
  'R-D-09': {
    why: 'fix.why.R-D-09',
    steps: ['fix.manual.R-D-09'],
    role: 'ExchangeRecipientAdministrator',
    check: (d) => `Get-Mailbox -Server ${psQuote(objectOf(d, 'exchangeServer') ?? '')} -ResultSize Unlimited | Where-Object UMEnabled`,
  },
  'R-D-10': { why: 'fix.why.R-D-10', steps: ['fix.manual.R-D-10'], role: 'ExchangeOrganizationAdministrator', check: (d) => `Get-UMDialPlan -Identity ${psQuote(objectOf(d, 'umDialPlan') ?? '')}` },
  'R-G-07': { why: 'fix.why.R-G-07', steps: ['fix.manual.R-G-07'], role: 'ExchangeOrganizationAdministrator', check: checkGateways },
  'R-G-08': { why: 'fix.why.R-G-08', steps: ['fix.manual.R-G-08'], role: 'ExchangeOrganizationAdministrator', check: checkGateways },
  'R-X-01': { why: 'fix.why.certificateFromCa', steps: ['fix.manual.certificate.request', 'fix.manual.certificate.enable'], role: 'ExchangeOrganizationAdministrator', check: checkServerCertificates },
  'R-X-02': { why: 'fix.why.certificateFromCa', steps: ['fix.manual.certificate.request', 'fix.manual.certificate.enable'], role: 'ExchangeOrganizationAdministrator', check: checkServerCertificates },
  'R-O-04': { why: 'fix.why.R-O-04', steps: ['fix.manual.R-O-04'], role: 'RTCUniversalServerAdmins', check: checkOAuthCertificate },
  'R-O-06': { why: 'fix.why.R-O-06', steps: ['fix.manual.R-O-06'], role: 'RTCUniversalServerAdmins', check: checkOAuthCertificate },
  'R-O-07': { why: 'fix.why.R-O-04', steps: ['fix.manual.R-O-04'], role: 'RTCUniversalServerAdmins', check: checkOAuthCertificate },
  'R-O-09': { why: 'fix.why.R-O-09', steps: ['fix.manual.R-O-09'], role: 'ExchangeOrganizationAdministrator', check: () => 'Get-PartnerApplication | Format-List Name,AuthMetadataUrl,Enabled' },
  'R-C-02': { why: 'fix.why.valueYours', steps: ['fix.manual.R-C-02'], role: CONTACT_ROLE, check: checkContacts },
  'R-C-03': { why: 'fix.why.valueYours', steps: ['fix.manual.R-C-03'], role: CONTACT_ROLE, check: checkContacts },
  'R-C-04': { why: 'fix.why.R-C-04', steps: ['fix.manual.R-C-04'], role: CONTACT_ROLE, check: checkContacts },
  'R-C-05': { why: 'fix.why.valueYours', steps: ['fix.manual.R-C-05'], role: CONTACT_ROLE, check: checkContacts },
  'R-C-06': { why: 'fix.why.R-C-06', steps: ['fix.manual.R-C-06'], role: CONTACT_ROLE, check: checkContacts },
};

/** A manual plan: the steps, the last with the finding's own fix text (`command`) and the read that checks it; why no cmdlet can. */
function manualRulePlan(d: Diagnostic): FixPlan {
  const m = MANUAL[d.rule];
  const params = { ...d.message.params, server: d.message.params.server ?? objectOf(d, 'exchangeServer') ?? '', command: d.fix.join('\n') || '-' };
  if (!m)
    return manualPlan(d, msg('fix.why.noPlan', { rule: d.rule }), [manualStep('fix.manual.generic', { rule: d.rule, command: params.command }, null)], d.role ?? 'ExchangeOrganizationAdministrator');
  const steps = m.steps.map((key, i) => manualStep(key, params, i === m.steps.length - 1 ? m.check(d) : null));
  return manualPlan(d, msg(m.why, params), steps, m.role);
}

// ------------------------------------------------------------------ entry points

type Planner = (d: Diagnostic, pc: PlanContext) => FixPlan;

const PLANNERS: Readonly<Record<string, Planner>> = {
  'R-D-01': planR_D_01,
  'R-D-02': planVoipSecurity,
  'R-D-03': planR_D_03,
  'R-D-04': planVoipSecurity,
  'R-D-05': planR_D_05,
  'R-D-06': planStartupMode,
  'R-D-07': planStartupMode,
  'R-G-01': planR_G_01,
  'R-G-02': planR_G_02,
  'R-G-03': planR_G_03,
  'R-G-04': planR_G_04,
  'R-G-05': (d, pc) => planOutcalls(d, pc, objectsOf(d, 'umIpGateway'), { outcalls: false }),
  'R-G-06': (d, pc) => planOutcalls(d, pc, objectsOf(d, 'umIpGateway'), { outcalls: false, mwi: false }),
  'R-G-09': (d, pc) => {
    const g = pc.ctx.gatewayByName.get(lower(objectOf(d, 'umIpGateway') ?? ''));
    if (!g) return manualPlan(d, msg('fix.why.objectGone', { object: objectOf(d, 'umIpGateway') ?? '' }), [], 'ExchangeOrganizationAdministrator');
    return cmdletPlan(d, {
      role: 'ExchangeOrganizationAdministrator',
      commands: [command('exchange', pc.exVersion, 'Enable-UMIPGateway', [p('Identity', g.name)], ref('umIpGateway', g.name), [change('Status', g.status, 'Enabled')])],
    });
  },
  'R-G-13': planR_G_13,
  'R-X-03': planR_X_03,
  'R-O-01': planR_O_01,
  'R-O-02': planR_O_02,
  'R-O-05': planR_O_05,
  'R-O-08': planR_O_08,
  'R-T-02': planR_T_02,
  'R-T-03': planR_T_03,
  'R-C-01': planR_C_01,
  'R-C-07': planR_C_07,
  'R-C-08': planR_C_08,
  'R-C-11': planR_C_11,
  'R-C-11b': planR_C_11,
  'R-C-12': planR_C_12,
  'R-C-14': planR_C_14,
};

/** The rules the planner can fix with cmdlets (on data the console holds); every other org rule is manual. */
export const CMDLET_RULES: ReadonlySet<string> = new Set(Object.keys(PLANNERS));

function planWith(d: Diagnostic, pc: PlanContext): FixPlan {
  const planner = PLANNERS[d.rule];
  return planner ? planner(d, pc) : manualRulePlan(d);
}

/** The plan for one finding of the org (any family: a rule without a plan of its own is manual, with its fix text to check). */
export function planFix(finding: Diagnostic, org: OrgModel): FixPlan {
  return planWith(finding, planContext(org));
}

/** One plan per finding, in order (the context is built once). */
export function planFixes(findings: readonly Diagnostic[], org: OrgModel): FixPlan[] {
  const pc = planContext(org);
  return mergeListWrites(findings.map((d) => planWith(d, pc)));
}

/**
 * Plans applied together whose Set- commands send the same list of the same object (R-D-01 adds its new
 * dial plan to a UM service's DialPlans, R-D-05 adds a missing one to the same service): each sends the
 * whole list (a MultiValuedProperty given whole replaces it), so a later one carries the earlier ones'
 * additions, or it would undo them. Only Set- cmdlets: Add-ADPermission's and Enable-ExchangeCertificate's
 * lists add to what is there and are per user or per certificate.
 */
export function mergeListWrites(plans: readonly FixPlan[]): FixPlan[] {
  const sent = new Map<string, readonly string[]>();
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  return plans.map((plan) => {
    if (plan.kind !== 'cmdlet') return plan;
    let touched = false;
    const commands = plan.commands.map((c) => {
      const id = c.parameters.find((x) => x.name === 'Identity' || x.name === 'Server')?.value;
      if (!/^Set-/i.test(c.cmdlet) || typeof id !== 'string') return c;
      let merged: { name: string; list: readonly string[] } | null = null;
      const parameters = c.parameters.map((x) => {
        if (!Array.isArray(x.value)) return x;
        const list = x.value as readonly string[];
        const k = `${c.cmdlet}|${id}|${x.name}`.toLowerCase();
        const before = sent.get(k);
        const next = before ? [...before, ...list.filter((v) => !before.some((b) => same(b, v)))] : list;
        sent.set(k, next);
        if (next.length === list.length) return x;
        merged = { name: x.name, list: next };
        return { name: x.name, value: next };
      });
      if (!merged) return c;
      touched = true;
      const m: { name: string; list: readonly string[] } = merged;
      return { ...c, parameters, changes: c.changes.map((ch) => (ch.property === m.name ? change(ch.property, ch.before, m.list.join(', ')) : ch)) };
    });
    return touched ? { ...plan, commands } : plan;
  });
}

// ------------------------------------------------------------------ a user's reasons (R-U)

const userPlanContexts = new WeakMap<OrgModel, { readonly pc: PlanContext; readonly uctx: ReturnType<typeof buildUserRuleContext> }>();

/**
 * The plans for one user's voice-mail reasons (shared/users/user-rules.ts), keyed `userFindingKey`.
 * The mailbox side by the Exchange shell, the Skype side by Skype's, each with its role (seed 000's table).
 */
export function planUserFixes(org: OrgModel, sipAddress: string, reasons: readonly Diagnostic[], halves?: { readonly skype: SkypeUser | null; readonly mailbox: UmMailbox | null }): FixPlan[] {
  // The contexts once per org (readonly), and the user's halves when the caller has them (the checklist plans every failing user).
  let shared = userPlanContexts.get(org);
  if (!shared) userPlanContexts.set(org, (shared = { pc: planContext(org), uctx: buildUserRuleContext(org) }));
  const { pc, uctx } = shared;
  const { skype: S, mailbox: M } = halves ?? joinUser(org, sipAddress);
  const key = (d: Diagnostic) => userFindingKey(d.rule, sipAddress);
  return reasons.map((d): FixPlan => {
    const role = d.role ?? 'ExchangeRecipientAdministrator';
    const manual = (why: string, params: DiagnosticMessage['params'] = {}) =>
      manualPlan(d, msg(why, params), [manualStep('fix.manual.user', { rule: d.rule, command: d.fix.join('\n') || '-' }, null)], role, [], key(d));
    switch (d.rule) {
      case 'R-U-01': {
        if (!S) return manual('fix.why.R-U-01.new');
        return cmdletPlan(
          d,
          { role, commands: [command('skype', pc.skVersion, 'Set-CsUser', [p('Identity', S.sipAddress), p('Enabled', true)], null, [change('Enabled', String(S.enabled), 'true')])] },
          key(d),
        );
      }
      case 'R-U-02': {
        if (!S) return manual('fix.why.objectGone', { object: sipAddress });
        return cmdletPlan(
          d,
          {
            role,
            commands: [
              command('skype', pc.skVersion, 'Set-CsUser', [p('Identity', S.sipAddress), p('EnterpriseVoiceEnabled', true)], null, [
                change('EnterpriseVoiceEnabled', String(S.enterpriseVoiceEnabled), 'true'),
              ]),
            ],
          },
          key(d),
        );
      }
      case 'R-U-03': {
        if (!M) return manual('fix.why.R-U-03.noMailbox');
        const policy = uctx.sipPolicyFor(S?.registrarPool ?? '');
        const dp = policy ? uctx.dialPlanByName.get(lower(policy.dialPlan)) : undefined;
        const ext = S?.lineUri && dp ? lineUriExtension(S.lineUri, dp.numberOfDigitsInExtension) : null;
        const sip = S ? bareSip(S.sipAddress) : '';
        if (!policy || !ext || !sip) return manual('fix.why.R-U-03.values');
        const params = [p('Identity', M.primarySmtpAddress), p('UMMailboxPolicy', policy.name), p('Extensions', [ext]), p('SIPResourceIdentifier', sip)];
        return cmdletPlan(d, { role, commands: [command('exchange', pc.exVersion, 'Enable-UMMailbox', params, null, [change('UMEnabled', 'false', 'true'), ...creation(params.slice(1))])] }, key(d));
      }
      case 'R-U-05': {
        // A UM mailbox policy belongs to one dial plan: moving the mailbox to a SIP URI dial plan means disabling
        // UM for it (its PIN, greetings and UM settings go) and enabling it again with a policy of that plan
        // (Set-UMMailbox -UMMailboxPolicy takes a policy of the mailbox's own dial plan: docs/lab-endpoint.md).
        // The console does not disable UM for a user: a step for the admin to schedule.
        const policy = uctx.sipPolicyFor(S?.registrarPool ?? '');
        if (!M || !policy) return manual('fix.why.R-U-03.values');
        const ext = M.extensions.find((x) => /^\d+$/.test(x)) ?? '';
        const sip = S ? bareSip(S.sipAddress) : M.sipResourceIdentifier;
        const command = [
          `Disable-UMMailbox -Identity ${psQuote(M.primarySmtpAddress)} -Confirm:$false`,
          `Enable-UMMailbox -Identity ${psQuote(M.primarySmtpAddress)} -UMMailboxPolicy ${psQuote(policy.name)}${ext ? ` -Extensions ${psQuote(ext)}` : ''}${sip ? ` -SIPResourceIdentifier ${psQuote(sip)}` : ''}`,
        ].join('\n');
        return manualPlan(
          d,
          msg('fix.why.R-U-05', { dialPlan: M.umDialPlan, policy: policy.name }),
          [manualStep('fix.manual.R-U-05', { smtp: M.primarySmtpAddress, command }, `Get-UMMailbox -Identity ${psQuote(M.primarySmtpAddress)} | Format-List UMDialPlan,UMMailboxPolicy`)],
          role,
          [msg('fix.meanwhile.R-U-05')],
          key(d),
        );
      }
      case 'R-U-06': {
        // The user's side of R-G-01: ExchUcUtil's gateway and hunt groups for the user's pool, the same plan.
        const pool = S ? pc.ctx.poolByFqdn.get(lower(S.registrarPool.trim())) : undefined;
        if (!pool) return manual('fix.why.R-U-06', { pool: S?.registrarPool ?? '' });
        const plan = planR_G_01({ ...d, objects: [ref('skypePool', pool.fqdn)] }, pc);
        return { ...plan, finding: key(d), rule: d.rule };
      }
      case 'R-U-07': {
        // The user's side of R-G-02: a hunt group for the mailbox's dial plan on the pool's gateway.
        const gw = S ? (uctx.gatewaysByAddress.get(lower(S.registrarPool.trim())) ?? [])[0] : undefined;
        const dp = M?.umDialPlan ? pc.ctx.dialPlanByName.get(lower(M.umDialPlan)) : undefined;
        if (!gw || !dp) return manual('fix.why.R-U-06', { pool: S?.registrarPool ?? '' });
        const plan = planR_G_02({ ...d, objects: [ref('umIpGateway', gw.name), ref('umDialPlan', dp.name)] }, pc);
        return { ...plan, finding: key(d), rule: d.rule };
      }
      case 'R-U-12': {
        const tag = (org.skype.hostedVoicemailPolicies ?? []).find((h) => h.scope !== 'Global' && h.scope !== 'Site' && h.destination.trim() !== '');
        if (!S || !tag) return manual('fix.why.R-U-12');
        const name = tag.identity.replace(/^tag:/i, '');
        return cmdletPlan(
          d,
          {
            role,
            commands: [
              command('skype', pc.skVersion, 'Grant-CsHostedVoicemailPolicy', [p('Identity', S.sipAddress), p('PolicyName', name)], null, [
                change('HostedVoicemailPolicy', S.hostedVoicemailPolicy, name),
              ]),
            ],
          },
          key(d),
        );
      }
      default:
        return manual('fix.why.R-U.manual', { rule: d.rule });
    }
  });
}

export { findingKey };
