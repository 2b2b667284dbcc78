/**
 * The deployment checklist (docs/checklist.md): the seeds' deployment steps in their order — seed 000's
 * table (Skype for Business Server 2015 with Exchange 2010/2013/2016), seed 001's Exchange 2013 + Lync
 * Server 2013 steps, seed 003's server-to-server steps and seed 004's gateway steps — for the org's
 * product versions, each judged from the org: done, not done, partly (naming what is missing) or not
 * judged (what it needs was not read). Pure: no Node, no DOM.
 *
 * A step rests on catalogue rules (docs/rule-catalogue.md): it is done when none of them has a finding
 * and the objects it creates exist; its action is the findings whose fix plans do it
 * (shared/fixes/fix-planner.ts).
 */
import type { Diagnostic, DiagnosticMessage } from '../diagnostics/diagnostic';
import { type FindingImpact, type FixPlan, findingKey, userFindingKey } from '../fixes/fix-model';
import type { ExchangeServer, OrgModel, SectionKey, SkypeProduct, SkypeUser, UmMailbox } from '../model/org';
import { psQuote } from '../powershell/quote';
import { buildRuleContext, type RuleContext } from '../rules/context';
import { notJudged } from '../rules/engine';
import { RULE_NEEDS, sectionApplies } from '../rules/rule-needs';
import { describeUser, type IndexedUser, joinOne, mailboxJoin } from '../users/user-index';
import { buildUserRuleContext, evaluateUser } from '../users/user-rules';
import type { Checklist, ChecklistStep, StepRole, StepStatus } from './checklist-model';

/** Exchange 2010 (UM server role, Set-UMServer) or 2013/2016 (Mailbox UM service + Client Access call router): seed 000's first step. */
export type ExchangeFamily = '2010' | '2013';
/** Lync Server 2013 (seed 001) or Skype for Business Server 2015 (seed 000). */
export type SkypeFamily = 'lync2013' | 'sfb2015';

export interface ChecklistFamilies {
  readonly exchange: ExchangeFamily;
  readonly skype: SkypeFamily;
}

/** At most this many `missing` items per step (then "… and N more"): a list a change board can still read. */
export const MAX_MISSING = 20;

/** The facts a step's status is judged from, computed once per org. */
interface StepContext {
  readonly org: OrgModel;
  readonly rules: RuleContext;
  readonly families: ChecklistFamilies;
  /** Users with the user rules (R-U-…) each breaks, for the user steps. */
  readonly users: readonly { readonly user: IndexedUser; readonly reasons: readonly Diagnostic[] }[];
}

interface Presence {
  /** False: nothing of the step exists (status not-done). */
  readonly exists: boolean;
  readonly none: DiagnosticMessage;
}

interface StepDefinition {
  readonly id: string;
  readonly seed: string;
  readonly role: StepRole;
  /** Org rules (judged by the engine, their findings passed in). */
  readonly rules: readonly string[];
  /** User rules, judged here over the users in `population`. */
  readonly userRules?: readonly string[];
  readonly population?: (u: IndexedUser) => boolean;
  readonly manual: boolean;
  /** Only for these versions (absent: every version). */
  readonly exchange?: ExchangeFamily;
  /** Only when the org has what the step is about (e.g. a gateway device). */
  readonly applies?: (c: StepContext) => boolean;
  /** `what` and `instructions` differ per version: the key gets `.ex2010`/`.ex2013` or `.lync2013`/`.sfb2015`. */
  readonly variant?: 'exchange' | 'skype';
  readonly instructions?: boolean;
  readonly presence?: (c: StepContext) => Presence;
  /** Judged by hand only (the console cannot read it): not-judged with `missing` naming each item. */
  readonly byHand?: (c: StepContext) => readonly DiagnosticMessage[];
  readonly check?: (c: StepContext, findings: readonly Diagnostic[]) => string | null;
}

const m = (key: string, params: DiagnosticMessage['params'] = {}): DiagnosticMessage => ({ key, params });
const lower = (s: string) => s.toLowerCase();

/** A UM server answers a dial plan: its 2013+ UM service or call router lists it, or (2010) its DialPlans or the dial plan's UMServers. */
function answersSomeSipDialPlan(c: StepContext, s: ExchangeServer): boolean {
  const sip = c.rules.lyncSipDialPlans;
  const lists = [...(s.umService?.dialPlans ?? []), ...(s.callRouter?.dialPlans ?? [])].map(lower);
  return sip.some((d) => lists.includes(lower(d.name)) || d.umServers.some((n) => lower(n) === lower(s.name)));
}

/** The server a step's check names: the first one a finding names, else the first UM server. */
function serverOf(c: StepContext, findings: readonly Diagnostic[]): string | null {
  for (const f of findings) for (const o of f.objects) if (o.kind === 'exchangeServer') return o.id;
  return c.rules.umServers[0]?.name ?? null;
}

const isPoolGateway = (c: StepContext) => (g: { readonly name: string }) => c.rules.poolOfGateway.has(lower(g.name));
const umEnabled = (u: IndexedUser) => !!u.mailbox?.umEnabled;
const evEnabled = (u: IndexedUser) => !!u.skype?.enterpriseVoiceEnabled;

/**
 * The steps, in the seeds' order (docs/checklist.md gives each step's seed sentence). Seed 000's table
 * first; seed 001's startup mode and outgoing-call steps after the dial plan and ExchUcUtil steps they
 * follow; seed 004's gateway steps after ExchUcUtil's gateways; seed 003's server-to-server steps
 * before the users are enabled.
 */
export const STEP_DEFINITIONS: readonly StepDefinition[] = [
  {
    id: 'exchange.um-servers',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-D-09'],
    manual: true,
    variant: 'exchange',
    instructions: true,
    presence: (c) => ({ exists: c.rules.umServers.length > 0, none: m('checklist.missing.noUmServer') }),
    check: (c) => (c.families.exchange === '2010' ? 'Get-UMServer | Format-List Name,Status,DialPlans,UMStartupMode' : 'Get-ExchangeServer | Format-List Name,ServerRole,AdminDisplayVersion'),
  },
  {
    id: 'exchange.certificates',
    seed: '000',
    role: 'CertificateAdministrator',
    rules: ['R-X-01', 'R-X-02'],
    manual: true,
    instructions: true,
    check: (c, f) => {
      const s = serverOf(c, f);
      return s === null ? null : `Get-ExchangeCertificate -Server ${psQuote(s)} | Format-List Subject,Issuer,Services,Thumbprint`;
    },
  },
  {
    id: 'exchange.certificate-services',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-X-03'],
    manual: false,
    variant: 'exchange',
    check: (c, f) => {
      const s = serverOf(c, f);
      return s === null ? null : `Get-ExchangeCertificate -Server ${psQuote(s)} | Format-List Thumbprint,Services`;
    },
  },
  {
    id: 'um.sip-dial-plan',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-D-01', 'R-D-10'],
    manual: false,
    presence: (c) => ({ exists: c.rules.lyncSipDialPlans.length > 0, none: m('checklist.missing.noSipDialPlan') }),
    check: () => 'Get-UMDialPlan | Format-List Name,URIType,VoIPSecurity,PhoneContext',
  },
  {
    id: 'um.dial-plan-security',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-D-02', 'R-D-03', 'R-D-04'],
    manual: false,
    presence: (c) => ({ exists: c.rules.lyncSipDialPlans.length > 0, none: m('checklist.missing.noSipDialPlan') }),
    check: () => 'Get-UMDialPlan | Format-List Name,VoIPSecurity; Get-CsMediaConfiguration | Format-List Identity,EncryptionLevel',
  },
  {
    id: 'um.servers-in-dial-plan',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-D-05'],
    manual: false,
    variant: 'exchange',
    presence: (c) => ({ exists: c.rules.umServers.some((s) => answersSomeSipDialPlan(c, s)), none: m('checklist.missing.noAnsweringServer') }),
    check: (c) => (c.families.exchange === '2010' ? 'Get-UMServer | Format-List Name,DialPlans' : 'Get-UMService | Format-List Name,DialPlans; Get-UMCallRouterSettings | Format-List DialPlans'),
  },
  {
    id: 'um.startup-mode',
    seed: '001',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-D-06', 'R-D-07'],
    manual: false,
    variant: 'exchange',
    instructions: true,
    check: (c) =>
      c.families.exchange === '2010'
        ? 'Get-UMServer | Format-List Name,UMStartupMode,SipTcpListeningPort,SipTlsListeningPort'
        : 'Get-UMService | Format-List Name,UMStartupMode; Get-UMCallRouterSettings | Format-List UMStartupMode',
  },
  {
    id: 'um.sip-addresses',
    seed: '000',
    role: 'ExchangeRecipientAdministrator',
    rules: [],
    userRules: ['R-U-04', 'R-U-05'],
    population: (u) => umEnabled(u) && u.skype !== null,
    manual: false,
    check: () => 'Get-UMMailbox | Format-List Name,SIPResourceIdentifier,UMDialPlan',
  },
  {
    id: 'um.exchucutil',
    seed: '000',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-G-13', 'R-G-01', 'R-G-02'],
    manual: false,
    variant: 'exchange',
    presence: (c) => ({ exists: c.org.exchange.ipGateways.some(isPoolGateway(c)), none: m('checklist.missing.noPoolGateway') }),
    check: () => 'Get-UMIPGateway | Format-List Name,Address,HuntGroups; Get-UMHuntGroup | Format-List Name,UMDialPlan,PilotIdentifier',
  },
  {
    id: 'um.outcalls',
    seed: '001',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-G-03', 'R-G-04', 'R-G-05', 'R-G-06'],
    manual: false,
    check: () => 'Get-UMIPGateway | Format-List Name,Address,OutcallsAllowed,MessageWaitingIndicatorAllowed',
  },
  {
    id: 'um.gateways',
    seed: '004',
    role: 'ExchangeUmAdministrator',
    rules: ['R-G-07', 'R-G-08', 'R-G-09'],
    manual: false,
    check: () => 'Get-UMIPGateway | Format-List Name,Address,Status,UMDialPlan',
  },
  {
    id: 'gateway.device',
    seed: '004',
    role: 'GatewayAdministrator',
    rules: [],
    manual: true,
    instructions: true,
    // Only where a VoIP gateway, IP PBX or SBC is there (a UM IP gateway that is no Skype pool).
    applies: (c) => c.org.exchange.ipGateways.some((g) => !isPoolGateway(c)(g)),
    byHand: (c) => c.org.exchange.ipGateways.filter((g) => !isPoolGateway(c)(g)).map((g) => m('checklist.missing.device', { name: g.name, address: g.address })),
    check: () => 'Get-UMIPGateway | Format-List Name,Address,Port,Status',
  },
  {
    id: 'skype.dial-plan-fqdn',
    seed: '000',
    role: 'RTCUniversalServerAdmins',
    rules: ['R-C-11'],
    manual: false,
    exchange: '2010',
    check: () => 'Get-CsDialPlan | Format-List Identity,SimpleName',
  },
  {
    id: 'skype.ocsumutil',
    seed: '000',
    role: 'RTCUniversalServerAdmins',
    rules: ['R-C-12', 'R-C-06', 'R-C-14'],
    manual: false,
    variant: 'skype',
    presence: (c) => {
      const needed = c.rules.lyncSipDialPlans.some((d) => d.accessTelephoneNumbers.length > 0 || d.umAutoAttendants.length > 0);
      return { exists: !needed || c.org.skype.exUmContacts.length > 0, none: m('checklist.missing.noContacts') };
    },
    check: () => 'Get-CsExUmContact | Format-List DisplayName,SipAddress,DisplayNumber,AutoAttendant,Enabled',
  },
  {
    id: 'oauth.certificate',
    seed: '003',
    role: 'RTCUniversalServerAdmins',
    rules: ['R-O-04', 'R-O-05', 'R-O-06', 'R-O-07'],
    manual: false,
    exchange: '2013',
    check: () => 'Get-CsCertificate -Type OAuthTokenIssuer | Format-List Subject,Thumbprint,NotAfter',
  },
  {
    id: 'oauth.autodiscover',
    seed: '003',
    role: 'ExchangeOrganizationAdministrator',
    rules: ['R-O-01', 'R-O-02'],
    manual: false,
    exchange: '2013',
    check: () => 'Get-ClientAccessServer | Select-Object Name, AutoDiscoverServiceInternalUri | Format-List',
  },
  {
    id: 'oauth.partner-applications',
    seed: '003',
    role: 'RTCUniversalServerAdmins',
    rules: ['R-O-08', 'R-O-09'],
    manual: false,
    exchange: '2013',
    check: () => 'Get-CsPartnerApplication | Format-List Identity,MetadataUrl,ApplicationTrustLevel; Get-PartnerApplication | Format-List Name,AuthMetadataUrl,Enabled',
  },
  {
    id: 'skype.enterprise-voice',
    seed: '000',
    role: 'RTCUniversalUserAdmins',
    rules: [],
    userRules: ['R-U-01', 'R-U-02', 'R-U-12'],
    population: umEnabled,
    manual: false,
    presence: (c) => ({ exists: c.org.users.some((u) => u.enterpriseVoiceEnabled), none: m('checklist.missing.noEvUser') }),
    check: () => 'Get-CsUser | Where-Object EnterpriseVoiceEnabled | Format-List SipAddress,LineURI,RegistrarPool',
  },
  {
    id: 'um.enable-users',
    seed: '000',
    role: 'ExchangeRecipientAdministrator',
    rules: [],
    userRules: ['R-U-03', 'R-U-08', 'R-U-09'],
    population: evEnabled,
    manual: false,
    presence: (c) => ({ exists: c.org.mailboxes.some((x) => x.umEnabled), none: m('checklist.missing.noUmMailbox') }),
    check: () => 'Get-UMMailbox | Format-List Name,UMDialPlan,Extensions,UMMailboxPolicy',
  },
];

/** The sections the user steps read (Get-CsUser, Get-Mailbox / Get-UMMailbox). */
const USER_SECTIONS: readonly SectionKey[] = ['skype.users', 'exchange.mailboxes'];

const SKYPE_NAMES: Readonly<Partial<Record<SkypeProduct, string>>> = {
  OCS2007R2: 'Office Communications Server 2007 R2',
  Lync2010: 'Lync Server 2010',
  Lync2013: 'Lync Server 2013',
  SfB2015: 'Skype for Business Server 2015',
  SfB2019: 'Skype for Business Server 2019',
};
const SKYPE_RANK: readonly SkypeProduct[] = ['OCS2007R2', 'Lync2010', 'Lync2013', 'SfB2015', 'SfB2019'];

/**
 * Which list the org gets. Exchange: 2010 when no UM server is 2013/2016 (seed 000: Exchange 2010 needs
 * the UM server role; 2013/2016 the Client Access and Mailbox roles). Skype: Lync Server 2013 (seed 001)
 * when no pool is Skype for Business Server 2015 or later, else seed 000's Skype for Business steps.
 */
export function checklistFamilies(org: OrgModel): ChecklistFamilies & { readonly exchangeLabel: string; readonly skypeLabel: string } {
  const um = buildRuleContext(org).umServers;
  const products = [...new Set(um.map((s) => s.version.product).filter((p) => p !== 'unknown'))].sort();
  const exchange: ExchangeFamily = um.some((s) => s.version.product === '2013' || s.version.product === '2016' || s.version.product === 'unknown') || um.length === 0 ? '2013' : '2010';
  const pools = org.skype.pools.filter((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition');
  const skypeProducts = [...new Set(pools.map((p) => p.product).filter((p) => p !== 'unknown'))].sort((a, b) => SKYPE_RANK.indexOf(a) - SKYPE_RANK.indexOf(b));
  const skype: SkypeFamily = skypeProducts.length > 0 && skypeProducts.every((p) => SKYPE_RANK.indexOf(p) <= SKYPE_RANK.indexOf('Lync2013')) ? 'lync2013' : 'sfb2015';
  return {
    exchange,
    skype,
    exchangeLabel: products.length ? `Exchange ${products.join(' + ')}` : 'Exchange',
    skypeLabel: skypeProducts.length ? skypeProducts.map((p) => SKYPE_NAMES[p] ?? p).join(' + ') : skype === 'lync2013' ? 'Lync Server 2013' : 'Skype for Business Server 2015',
  };
}

function variantSuffix(d: StepDefinition, f: ChecklistFamilies): string {
  if (d.variant === 'exchange') return f.exchange === '2010' ? '.ex2010' : '.ex2013';
  if (d.variant === 'skype') return `.${f.skype}`;
  return '';
}

/** Sections a step needs that were not read: from the engine's notJudged for its org rules, and the user sections for its user rules. */
function sectionsNotRead(d: StepDefinition, c: StepContext, notJudgedByRule: ReadonlyMap<string, readonly SectionKey[]>): SectionKey[] {
  const out = new Set<SectionKey>();
  for (const r of d.rules) for (const s of notJudgedByRule.get(r) ?? []) out.add(s);
  if (d.userRules?.length) {
    for (const k of USER_SECTIONS) if (c.org.readState?.[k]?.status === 'not-read' && sectionApplies(c.org, k)) out.add(k);
  }
  return [...out];
}

/** A user's two halves, as a user finding's planner needs them. */
export interface UserHalves {
  readonly skype: SkypeUser | null;
  readonly mailbox: UmMailbox | null;
}

/** The plans by findingKey (a user finding: userFindingKey), or a planner called with the finding, that key and (a user finding) the user's halves. */
export type PlanSource = ReadonlyMap<string, FixPlan> | ((d: Diagnostic, key: string, user?: UserHalves) => FixPlan);

/** The plan's kind for a finding; a finding without a plan (or whose planner refuses it) is manual. */
function planKind(plans: PlanSource, d: Diagnostic, key: string, user?: UserHalves): 'cmdlet' | 'manual' {
  if (typeof plans === 'function') {
    try {
      return plans(d, key, user).kind;
    } catch {
      return 'manual';
    }
  }
  return plans.get(key)?.kind ?? 'manual';
}

function capped(items: readonly DiagnosticMessage[]): DiagnosticMessage[] {
  if (items.length <= MAX_MISSING) return [...items];
  return [...items.slice(0, MAX_MISSING), m('checklist.missing.more', { count: items.length - MAX_MISSING })];
}

/**
 * The org's checklist. `findings`: the org rules' diagnostics (evaluateRules); `plans`: the fix plan of
 * each finding, by findingKey (a user finding: userFindingKey), or the planner itself.
 */
export function buildChecklist(org: OrgModel, findings: readonly Diagnostic[], plans: PlanSource, impacts: ReadonlyMap<string, FindingImpact> = new Map()): Checklist {
  const fam = checklistFamilies(org);
  const rules = buildRuleContext(org);
  const needsUsers = STEP_DEFINITIONS.some((d) => d.userRules?.length);
  const users: { user: IndexedUser; reasons: readonly Diagnostic[] }[] = [];
  if (needsUsers) {
    // The users' two halves joined as the user index joins them (shared/users/user-index.ts), without its
    // search keys: only users in the voice-mail deployment (Enterprise Voice or a UM mailbox) are judged.
    const join = mailboxJoin(org);
    const joined = new Set<UmMailbox>();
    const userCtx = buildUserRuleContext(org);
    const judge = (skype: SkypeUser | null, mailbox: UmMailbox | null) => {
      if (!mailbox?.umEnabled && !skype?.enterpriseVoiceEnabled) return;
      const user = describeUser(skype, mailbox);
      users.push({ user, reasons: evaluateUser({ skype, mailbox }, userCtx) });
    };
    for (const skype of org.users) {
      const mailbox = joinOne(join, skype);
      if (mailbox) joined.add(mailbox);
      judge(skype, mailbox);
    }
    for (const mailbox of org.mailboxes) if (!joined.has(mailbox)) judge(null, mailbox);
    // Listed by name, as the Users screen lists them.
    users.sort((a, b) => (a.user.displayName.toLowerCase() < b.user.displayName.toLowerCase() ? -1 : a.user.displayName.toLowerCase() > b.user.displayName.toLowerCase() ? 1 : 0));
  }
  const c: StepContext = { org, rules, families: fam, users };
  const notJudgedByRule = new Map(notJudged(org).map((n) => [n.id, n.sections]));
  const byRule = new Map<string, Diagnostic[]>();
  for (const f of findings) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);

  const steps: ChecklistStep[] = [];
  for (const d of STEP_DEFINITIONS) {
    if (d.exchange && d.exchange !== fam.exchange) continue;
    if (d.applies && !d.applies(c)) continue;
    const suffix = variantSuffix(d, fam);
    const stepFindings = d.rules.flatMap((r) => byRule.get(r) ?? []);
    const keyed: { d: Diagnostic; key: string; user?: UserHalves }[] = stepFindings.map((x) => ({ d: x, key: findingKey(x) }));
    if (d.userRules && d.population) {
      const wanted = new Set(d.userRules);
      for (const u of users) {
        if (!d.population(u.user)) continue;
        for (const r of u.reasons) if (wanted.has(r.rule)) keyed.push({ d: r, key: userFindingKey(r.rule, u.user.sipAddress || u.user.email || ''), user: u.user });
      }
    }
    // Impact first (docs/fixes.md, "Impact"): the items that break the most are listed first; a user's reason breaks that user.
    const usersOf = (k: { key: string; user?: UserHalves }) => (k.user ? 1 : (impacts.get(k.key)?.users ?? 0));
    keyed.sort((a, b) => usersOf(b) - usersOf(a));
    const orgImpacts = keyed.flatMap((k) => (k.user ? [] : [impacts.get(k.key)].filter((x): x is FindingImpact => x !== undefined)));
    const userCount = new Set(keyed.filter((k) => k.user).map((k) => k.key.slice(k.key.indexOf('|user:')))).size;
    const impact: FindingImpact | null =
      keyed.length === 0
        ? null
        : {
            users: Math.max(userCount, ...orgImpacts.map((x) => x.users)),
            numbers: Math.max(0, ...orgImpacts.map((x) => x.numbers)),
            callsDropped: orgImpacts.some((x) => x.callsDropped),
          };
    const notRead = sectionsNotRead(d, c, notJudgedByRule);
    const presence = d.presence?.(c) ?? null;
    let status: StepStatus;
    let missing: DiagnosticMessage[];
    if (notRead.length > 0) {
      status = 'not-judged';
      missing = [m('checklist.missing.notRead', { sections: notRead.join(', ') })];
    } else if (d.byHand) {
      status = 'not-judged';
      missing = capped(d.byHand(c));
    } else if (presence && !presence.exists) {
      status = 'not-done';
      missing = [presence.none, ...capped(keyed.map((k) => k.d.message))];
    } else if (keyed.length > 0) {
      status = 'partly';
      missing = capped(keyed.map((k) => k.d.message));
    } else {
      status = 'done';
      missing = [];
    }
    const kinds = keyed.map((k) => planKind(plans, k.d, k.key, k.user));
    const action =
      status === 'done' || keyed.length === 0
        ? null
        : { kind: !d.manual && kinds.every((k) => k === 'cmdlet') ? ('cmdlet' as const) : ('manual' as const), findings: [...new Set(keyed.map((k) => k.key))] };
    steps.push({
      id: d.id,
      order: steps.length + 1,
      title: m(`checklist.step.${d.id}.title`),
      what: m(`checklist.step.${d.id}.what${suffix}`),
      role: d.role,
      seed: d.seed,
      status,
      missing,
      impact,
      rules: [...d.rules, ...(d.userRules ?? [])],
      manual: d.manual,
      instructions: d.instructions ? m(`checklist.step.${d.id}.instructions${suffix}`) : null,
      check: d.check?.(c, stepFindings) ?? null,
      action,
    });
  }
  const done = steps.filter((s) => s.status === 'done').length;
  return { exchange: fam.exchangeLabel, skype: fam.skypeLabel, steps, done, total: steps.length };
}

/** Every rule ID a step of any version rests on (docs/checklist.md lists them; a test checks each is in the catalogue). */
export function checklistRules(): string[] {
  return [...new Set(STEP_DEFINITIONS.flatMap((d) => [...d.rules, ...(d.userRules ?? [])]))];
}

/** Org rules no step rests on: RULE_NEEDS keys minus the steps' (the checklist says what it leaves to the Checks screen). */
export function rulesOutsideChecklist(): string[] {
  const inSteps = new Set(checklistRules());
  return Object.keys(RULE_NEEDS).filter((r) => !inSteps.has(r));
}
