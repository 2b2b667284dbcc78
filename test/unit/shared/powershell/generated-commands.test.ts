/**
 * Every command text the console generates — each fix of each org rule, each user-rule fix, the
 * contact editor's cmdlets, the capture's reads and their partition filters — parsed by real
 * PowerShell's own parser (one pwsh process for all of them, test/support/ps-parse.ts) and checked:
 *
 * - no parse error, no script blocks, no param/begin/process blocks: only pipelines of commands;
 * - every value that came from the org is one single-quoted literal (the hostile orgs below put a
 *   newline, `;`, `$()`, a backtick, quotes, `#` and `<#` in server names, pool FQDNs, the SIP domain,
 *   dial plan, gateway and hunt group names): a marker carried by every hostile value may appear only
 *   inside single-quoted string constants — never in a command name, a parameter, a bare word or a
 *   comment — and a hostile org's fix has exactly the statements, commands, parameters and argument
 *   kinds of the same fix on a plain org;
 * - both defences: the hostile values are put into the decoded model (test/support/org-builder/model-strings.ts),
 *   where the decoder would refuse the host names among them, so the quoting holds on any model the
 *   rules may see; and the same values go through a snapshot, where the decoder refuses the names that
 *   cannot be host names (docs/snapshot-format.md, "Host names") and the rest must still be quoted;
 * - every command is in CMDLET_REFERENCE and every parameter it uses is listed there for every
 *   product version the fix targets (the version of the server it names, else every version of the
 *   org that has the cmdlet).
 *
 * Skipped, with the reason, where no PowerShell is found (test/support/powershell.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { commandsFor as contactCommandsFor, renderCommand } from '../../../../shared/contacts/contact-commands';
import type { ContactDraft } from '../../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import type { ExchangeServer, ExUmContact, OrgModel, SkypeUser, UmMailbox } from '../../../../shared/model/org';
import { cmdletReference, CMDLET_REFERENCE, type ProductVersion } from '../../../../shared/powershell/cmdlet-reference';
import { psQuote } from '../../../../shared/powershell/quote';
import { evaluateRules } from '../../../../shared/rules/engine';
import { adContainers, EXCHANGE_READS, partitionFilter, type SectionRead, SKYPE_READS, splitPartition } from '../../../../shared/snapshot/capture-plan';
import { buildUserIndex, joinUser } from '../../../../shared/users/user-index';
import { buildUserRuleContext, evaluateUser, type JoinedUser } from '../../../../shared/users/user-rules';
import { NO_PWSH } from '../../../support/powershell';
import { type Parsed, parseWithPowerShell, type PsArg, type PsElement, type PsExpr } from '../../../support/ps-parse';
import {
  buildOrg,
  CERT,
  contact,
  dialPlan,
  directorPool,
  exchange2010,
  exchange2019,
  frontEndPool,
  gateway,
  pbxGateway,
  sbaPool,
  server,
  type OrgSpec,
  umUser,
  V2010_RTM,
  V2010_SP3,
  V2013,
} from '../../../support/org-builder/org-spec';
import { AA, AA_CONTACT_ID, addPoolWithGateway, BRANCH, DALLAS, DIAL_PLAN, FE, healthySpec, POOL, SA_CONTACT_ID } from '../../../support/org-builder/small-org';
import { labOrg } from '../../../support/lab';
import { mapModelStrings } from '../../../support/org-builder/model-strings';
import { isName } from '../../../../shared/model/host-name';
import { variantOf } from '../../../support/diagnostics';

// ---------------------------------------------------------------- hostile values

/** Carried by every hostile value: it may appear only inside a single-quoted string constant. */
const MARK = 'Zq';

/**
 * Substring replacements that make an org hostile, longest first, applied to every string of a spec
 * except the certificate subjects (lookups into the lab's real certificates). Each replacement keeps
 * the names consistent across objects, so the rules still link them and fire.
 */
const HOSTILE: readonly (readonly [string, string])[] = [
  ['atl-exchange-001.litwareinc.com', `atl-exchange-001${MARK}\nInvoke-Evil 'fq' #x<#y.litwareinc.com`],
  ['atl-cs-001.litwareinc.com', `atl-cs-001${MARK}\n<#p;$(Invoke-Pool)'".litwareinc.com`],
  ['ATL-EX-001', `ATL-EX-001${MARK}'\n;Remove-Item x #`],
  ['ATL-EX-002', `ATL-EX-002${MARK}\`$(Get-Server)"`],
  ['EX2010', `EX2010${MARK}'$(s)#\n x`],
  ['ATL-EX-019', `ATL-EX-019${MARK};'`],
  [DIAL_PLAN, `Litware-SIP${MARK}';$(dp)#\``],
  [AA, `Litware Main AA${MARK}'$(aa)`],
  ['1:1', `1:1${MARK}"; $(gw)'#`],
  ['2:2', `2:2${MARK}'$(gw2)`],
  ['3:3', `3:3${MARK}\n'`],
  ['PBX-1', `PBX-1${MARK}'$(pbx)`],
  ['litwareinc.com', `litware${MARK}'$(sip);\`inc.com`],
  ['OU=RTC Special Accounts', `OU=RTC Special Accounts${MARK}'$(ou)`],
  ['alice.martin', `alice.martin${MARK}'$(u)`],
  ['Atlanta', `Atlanta${MARK}'$(site)`],
  ['Litware', `Litware${MARK}'$(org)`],
];

function hostileString(s: string): string {
  let out = s;
  for (const [from, to] of HOSTILE) out = out.split(from).join(to);
  return out;
}

function hostilize<T>(value: T, key = ''): T {
  if (typeof value === 'string') return (key === 'subject' ? value : hostileString(value)) as T;
  if (Array.isArray(value)) return value.map((v) => hostilize(v)) as T;
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = hostilize(v, k);
    return out as T;
  }
  return value;
}

// ---------------------------------------------------------------- orgs that make each rule fire

const TWO_THOUSAND_TEN = (s: OrgSpec) => s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, []));

/** Mutations of the healthy spec, each making one or more rules fire (with their fixes). */
const SCENARIOS: Readonly<Record<string, (s: OrgSpec) => void>> = {
  'R-D-01 extension dial plan behind a pool gateway': (s) => (dialPlan(s, DIAL_PLAN).uriType = 'TelExtn'),
  'R-D-02 SIPSecured with encryption required': (s) => (dialPlan(s, DIAL_PLAN).voipSecurity = 'SIPSecured'),
  'R-D-03 Secured without media encryption': (s) => (s.skype.mediaConfigurations[0].encryption = 'DoNotSupportEncryption'),
  'R-D-03 on a site media configuration': (s) => s.skype.mediaConfigurations.push({ identity: 'Site:Atlanta', encryption: 'DoNotSupportEncryption' }),
  'R-D-04 unsecured dial plan': (s) => (dialPlan(s, DIAL_PLAN).voipSecurity = 'Unsecured'),
  'R-D-05 servers not answering the dial plan': (s) => {
    server(s, 'ATL-EX-001').umService!.dialPlans = [];
    server(s, 'ATL-EX-001').callRouter!.dialPlans = [];
    TWO_THOUSAND_TEN(s);
  },
  'R-D-06 TCP startup with a secured plan (2016 and 2010)': (s) => {
    server(s, 'ATL-EX-001').umService!.startupMode = 'TCP';
    server(s, 'ATL-EX-001').callRouter!.startupMode = 'TCP';
    s.exchange.servers.push({ ...exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [DIAL_PLAN]), umService: { startupMode: 'TCP', dialPlans: [DIAL_PLAN] } });
  },
  'R-D-07 TLS startup': (s) => {
    server(s, 'ATL-EX-002').umService!.startupMode = 'TLS';
    server(s, 'ATL-EX-002').callRouter!.startupMode = 'TLS';
  },
  'R-D-09 UM mailbox on Exchange 2019': (s) => {
    s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'));
    s.users.push(umUser('zoe.ng', 'Zoe Ng', POOL, 'ATL-EX-019', DIAL_PLAN, '1009'));
  },
  'R-G-01 EV users on a pool without gateway': (s) => {
    s.skype.sites.push({ ...DALLAS });
    s.skype.pools.push(frontEndPool('dal-cs-002.litwareinc.com', 'Dallas', ['dal-fe-01.litwareinc.com']));
    s.users.push(umUser('dan.lee', 'Dan Lee', 'dal-cs-002.litwareinc.com', 'ATL-EX-001', DIAL_PLAN, '1010'));
  },
  'R-G-02 missing hunt group': (s) => (gateway(s, '1:1').huntGroups = []),
  'R-G-02 wrong pilot': (s) => (gateway(s, '1:1').huntGroups[0].pilot = 'other'),
  'R-G-03/R-G-05 several outcall gateways, one a Director': (s) => {
    addPoolWithGateway(s, directorPool('atl-dir-001.litwareinc.com', 'Atlanta', ['atl-dir-01.litwareinc.com']), { name: 'Atlanta', siteId: 1, kind: 'CentralSite' }, '2:2', {
      outcalls: true,
      mwi: true,
    });
  },
  'R-G-04 no gateway with outcalls': (s) => (gateway(s, '1:1').outcalls = false),
  'R-G-06 SBA gateway with outcalls': (s) => {
    addPoolWithGateway(s, sbaPool('red-sba-01.litwareinc.com', BRANCH.name), BRANCH, '3:3', { outcalls: true, mwi: true });
  },
  'R-G-07 IP literal gateway on a secured plan': (s) => {
    s.exchange.gateways.push(pbxGateway('PBX-1', '10.0.0.5', DIAL_PLAN, '5000'));
    dialPlan(s, DIAL_PLAN).gateways.push('PBX-1');
  },
  'R-G-08 two gateways on one IP literal': (s) => {
    // The fix names the second gateway on the address: the hostile one.
    s.exchange.gateways.push(pbxGateway('PBX-2', '::1', DIAL_PLAN, '5001'), pbxGateway('PBX-1', '0:0:0:0:0:0:0:1', DIAL_PLAN, '5000'));
  },
  'R-G-09 disabled gateway': (s) => (gateway(s, '1:1').status = 'Disabled'),
  'R-G-13 no ExchUcUtil permissions': (s) => (s.exchange.permissions = []),
  'R-X-01 self-signed UM certificate': (s) => (server(s, 'ATL-EX-002').certificates = [{ subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' }]),
  'R-X-01/R-X-02 on Exchange 2013': (s) => {
    server(s, 'ATL-EX-002').version = V2013;
    server(s, 'ATL-EX-002').certificates = [{ subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' }];
    server(s, 'ATL-EX-001').version = V2013;
    server(s, 'ATL-EX-001').certificates = [{ subject: CERT.wildcard, services: 'UM, UMCallRouter' }];
  },
  'R-X-02 wildcard UM certificate': (s) => (server(s, 'ATL-EX-001').certificates = [{ subject: CERT.wildcard, services: 'UM, UMCallRouter' }]),
  'R-X-03 no UM certificate (2016 and 2010)': (s) => {
    server(s, 'ATL-EX-001').certificates = [];
    TWO_THOUSAND_TEN(s);
  },
  'R-O-01 no Autodiscover URL (2016 and 2013)': (s) => {
    server(s, 'ATL-EX-001').autodiscoverInternalUri = null;
    server(s, 'ATL-EX-002').version = V2013;
    server(s, 'ATL-EX-002').autodiscoverInternalUri = null;
  },
  'R-O-02 wrong Autodiscover URL': (s) => (s.skype.oauth = { autodiscoverUrl: 'https://autodiscover.litwareinc.com/x', realm: s.domain }),
  'R-O-04 no OAuth certificate': (s) => (s.skype.certificates = s.skype.certificates.filter((c) => c.use !== 'OAuthTokenIssuer')),
  'R-O-05/R-O-06 OAuth certificates differ, one weak': (s) => (s.skype.certificates[1] = { computer: FE[0], use: 'OAuthTokenIssuer', subject: CERT.oauthOld1024 }),
  'R-O-07 OAuth certificate without the SIP domain': (s) => {
    s.skype.certificates = s.skype.certificates.map((c) => (c.use === 'OAuthTokenIssuer' ? { ...c, subject: CERT.webExt } : c));
  },
  'R-O-08 no Exchange partner application': (s) => (s.skype.partnerApplications = []),
  'R-O-08 wrong URL and trust': (s) => (s.skype.partnerApplications = [{ identity: 'Exchange', metadataUrl: 'https://x/metadata', trust: 'Application', enabled: true }]),
  'R-O-09 no Skype partner application in Exchange': (s) => (s.exchange.partnerApplications = []),
  'R-O-09 wrong metadata URL': (s) => (s.exchange.partnerApplications = [{ name: 'Lync', metadataUrl: 'https://elsewhere.litwareinc.com/metadata/json/1', enabled: true }]),
  'R-C-01/R-C-05 contact without sip: and a number without +': (s) => {
    contact(s, '{sa-litware-sip}').sip = 'litware-sa@litwareinc.com';
    contact(s, '{aa-litware-main}').number = '14255550199';
  },
  'R-C-06 contact serving no number': (s) => (contact(s, '{aa-litware-main}').number = '+14255550111'),
  'R-C-07 contact on an unknown pool': (s) => (contact(s, '{sa-litware-sip}').pool = 'gone.litwareinc.com'),
  'R-C-08 contact not on the home pool': (s) => {
    s.skype.sites.push({ ...DALLAS });
    s.skype.pools.push(frontEndPool('dal-cs-002.litwareinc.com', 'Dallas', ['dal-fe-01.litwareinc.com']));
    contact(s, '{sa-litware-sip}').pool = 'dal-cs-002.litwareinc.com';
  },
  'R-C-11 no location profile, Exchange 2010 RTM': (s) => {
    s.skype.dialPlans = s.skype.dialPlans.filter((d) => d.identity === 'Global');
    s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_RTM, [DIAL_PLAN]));
  },
  'R-C-11b no location profile': (s) => (s.skype.dialPlans = s.skype.dialPlans.filter((d) => d.identity === 'Global')),
  'R-C-12 no contacts': (s) => (s.skype.contacts = []),
  'R-C-14 contacts disabled or not EV': (s) => {
    contact(s, '{sa-litware-sip}').enabled = false;
    contact(s, '{aa-litware-main}').ev = false;
  },
  'R-T-02 one server answers the plan': (s) => (server(s, 'ATL-EX-002').umService!.dialPlans = []),
  'Exchange 2010 only: R-T-02 and R-D-05 on 2010': (s) => {
    s.exchange.servers = [exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [])];
    s.users = s.users.map((u) => (u.mailbox ? { ...u, mailbox: { ...u.mailbox, server: 'EX2010' } } : u));
  },
  'Lync Server 2013 pool': (s) => {
    s.skype.pools[0].registrarVersion = 5;
    s.skype.partnerApplications = [];
    s.skype.oauth = { autodiscoverUrl: '', realm: s.domain };
  },
  'users who fail': (s) => {
    s.users.push({
      alias: 'rita.disabled',
      displayName: 'Rita Disabled',
      pool: POOL,
      enabled: false,
      ev: true,
      extension: '1011',
      mailbox: { server: 'ATL-EX-001', um: { dialPlan: DIAL_PLAN, policy: `${DIAL_PLAN} Default Policy` } },
    });
    s.users.push({ alias: 'noel.nomailbox', displayName: 'Noel NoMailbox', pool: POOL, enabled: true, ev: true, extension: '1012', mailbox: null });
    s.users.push({ alias: 'nina.noum', displayName: 'Nina NoUm', pool: POOL, enabled: true, ev: true, extension: '1013', mailbox: { server: 'ATL-EX-001', um: null } });
    s.users.push(umUser('dup.licate', 'Dup Licate', POOL, 'ATL-EX-001', DIAL_PLAN, '1001'));
    s.users.push(umUser('long.ext', 'Long Ext', POOL, 'ATL-EX-001', DIAL_PLAN, '100777'));
  },
};

// ---------------------------------------------------------------- the generated texts

interface Generated {
  readonly text: string;
  /** Where it came from, for the failure message. */
  readonly origin: string;
  /** Same group = same fix of the same rule variant: a hostile text must have a shape some plain text of its group has. */
  readonly group: string;
  readonly hostile: boolean;
  /** Product versions the command targets, per product. */
  readonly exchange: readonly ProductVersion[];
  readonly skype: readonly ProductVersion[];
}

const EX_VERSION: Readonly<Record<string, ProductVersion>> = { '2010': 'Exchange2010', '2013': 'Exchange2013', '2016': 'Exchange2016', '2019': 'Exchange2019' };
const SK_VERSIONS: readonly ProductVersion[] = ['Lync2013', 'SfB2015', 'SfB2019'];
const EX_VERSIONS: readonly ProductVersion[] = ['Exchange2010', 'Exchange2013', 'Exchange2016', 'Exchange2019'];

function exchangeVersions(servers: readonly ExchangeServer[]): ProductVersion[] {
  const v = [...new Set(servers.map((s) => EX_VERSION[s.version.product]).filter((x): x is ProductVersion => !!x))];
  return v.length ? v : [...EX_VERSIONS];
}

function skypeVersions(org: OrgModel, pools?: readonly string[]): ProductVersion[] {
  const chosen = pools ? org.skype.pools.filter((p) => pools.some((x) => x.toLowerCase() === p.fqdn.toLowerCase())) : org.skype.pools;
  const v = [...new Set(chosen.map((p) => p.product as ProductVersion).filter((x) => SK_VERSIONS.includes(x)))];
  return v.length ? v : pools ? skypeVersions(org) : [...SK_VERSIONS];
}

/** The versions a finding's fix targets: the servers / pools it names, else the whole org. */
function findingVersions(org: OrgModel, f: Diagnostic): { exchange: ProductVersion[]; skype: ProductVersion[] } {
  const named = f.objects
    .filter((o) => o.kind === 'exchangeServer')
    .map((o) => org.exchange.servers.find((s) => s.name === o.id))
    .filter((s): s is ExchangeServer => !!s);
  const pools = f.objects.filter((o) => o.kind === 'skypePool').map((o) => o.id);
  return { exchange: exchangeVersions(named.length ? named : org.exchange.servers), skype: skypeVersions(org, pools.length ? pools : undefined) };
}

/** `group` prefix of the texts of orgs decoded from a hostile snapshot: with objects refused, they have no plain twin to compare shapes with. */
const DECODED = 'decoded:';

function ruleTexts(org: OrgModel, origin: string, hostile: boolean, out: Generated[], groupPrefix = ''): void {
  for (const f of evaluateRules(org)) {
    const v = findingVersions(org, f);
    f.fix.forEach((text, i) => out.push({ text, origin: `${origin}: ${f.rule}/${variantOf(f)} fix ${i + 1}`, group: `${groupPrefix}${f.rule}|${variantOf(f)}|${i}`, hostile, ...v }));
  }
}

function userTexts(org: OrgModel, origin: string, hostile: boolean, out: Generated[], extra: readonly JoinedUser[] = [], groupPrefix = ''): void {
  const ctx = buildUserRuleContext(org);
  const joined: JoinedUser[] = [...buildUserIndex(org).users.map((u) => ({ skype: u.skype, mailbox: u.mailbox })), ...extra];
  const versions = { exchange: exchangeVersions(org.exchange.servers), skype: skypeVersions(org) };
  for (const j of joined) {
    for (const r of evaluateUser(j, ctx)) {
      for (const text of r.fix)
        out.push({ text, origin: `${origin}: user ${j.skype?.sipAddress ?? j.mailbox?.primarySmtpAddress} ${r.rule}`, group: `${groupPrefix}${r.rule}|user|0`, hostile, ...versions });
    }
  }
}

/** Users built directly (the values a spec cannot make): SIP resource identifier, extensions, hosted voice mail. */
function craftedUsers(org: OrgModel, text: (s: string) => string): JoinedUser[] {
  const base = joinUser(org, org.users[0].sipAddress);
  const s = base.skype as SkypeUser;
  const m = base.mailbox as UmMailbox;
  return [
    // R-U-04: the mailbox names another SIP address, or none.
    { skype: s, mailbox: { ...m, sipResourceIdentifier: text('someone.else@litwareinc.com'), extensions: [text('someone.else@litwareinc.com'), '1001'] } },
    { skype: s, mailbox: { ...m, sipResourceIdentifier: '', extensions: ['1001'], emailAddresses: m.emailAddresses.filter((a) => !/^(eum|sip):/i.test(a)) } },
    // R-U-09 / R-U-10: an extension of the wrong length, the LineURI's differs.
    { skype: { ...s, lineUri: 'tel:+14255551234;ext=1234' }, mailbox: { ...m, extensions: [...m.extensions.filter((e) => !/^\d+$/.test(e)), '12'] } },
    // R-U-12: hosted voice mail without a policy.
    { skype: { ...s, hostedVoiceMail: true, hostedVoicemailPolicy: '' }, mailbox: m },
    // R-U-13 / R-U-01 (disabled): the account is disabled.
    { skype: { ...s, enabled: false }, mailbox: { ...m, accountDisabled: true } },
  ];
}

const PLAIN_DRAFT: ContactDraft = {
  ou: 'OU=RTC Special Accounts,DC=litwareinc,DC=com',
  name: 'Litware Main AA',
  sipAddress: 'sip:LitwareMainAA@litwareinc.com',
  registrarPool: 'atl-cs-001.litwareinc.com',
  displayNumber: '+14255550199',
  kind: 'autoAttendant',
  description: 'Main auto attendant',
};

function contactTexts(draft: ContactDraft, original: ExUmContact, identity: string, hostile: boolean, out: Generated[]): void {
  const ops = [
    { op: 'create', draft } as const,
    { op: 'create', draft: { ...draft, kind: 'subscriberAccess', description: '' } } as const,
    { op: 'edit', identity, draft: { ...draft, enabled: !original.enabled } } as const,
    { op: 'move', identity, targetPool: draft.registrarPool } as const,
    { op: 'remove', identity } as const,
  ];
  const versions = { exchange: [...EX_VERSIONS], skype: [...SK_VERSIONS] };
  ops.forEach((op, n) => contactCommandsFor(op, original).forEach((cmd, i) => out.push({ text: renderCommand(cmd), origin: `contact ${op.op}`, group: `contact|${n}|${i}`, hostile, ...versions })));
}

/** A capture read as the text of what it sends (the capture passes these as typed data). */
function renderRead(r: SectionRead, extra: Readonly<Record<string, string>>): string {
  const parts = [r.command];
  for (const [k, v] of Object.entries({ ...r.parameters, ...extra })) parts.push(typeof v === 'boolean' ? (v ? `-${k}` : `-${k}:$false`) : `-${k} ${psQuote(v)}`);
  return parts.join(' ') + (r.select ? ` | Select-Object -Property ${r.select.map(psQuote).join(',')}` : '');
}

function captureTexts(serverName: string, organization: string, hostile: boolean, out: Generated[]): void {
  const keysSeen = ['alice@litwareinc.com', "o'brien@litwareinc.com", `x${MARK}$(k)'@litwareinc.com`, 'sip:bob@litwareinc.com', 'sip:amy@litwareinc.com'];
  for (const r of [...EXCHANGE_READS, ...SKYPE_READS]) {
    const ref = cmdletReference(r.command);
    const versions = { exchange: ref?.product === 'exchange' ? [...ref.versions] : [...EX_VERSIONS], skype: ref?.product === 'skype' ? [...ref.versions] : [...SK_VERSIONS] };
    const push = (extra: Record<string, string>, tag: string) =>
      out.push({ text: renderRead(r, extra), origin: `capture ${r.section} ${tag}`, group: `capture|${r.section}|${tag}`, hostile, ...versions });
    switch (r.strategy.kind) {
      case 'once':
        push({}, 'once');
        break;
      case 'perServer':
        push({ [r.strategy.parameter]: serverName }, 'server');
        break;
      case 'perIdentity':
        adContainers(organization).forEach((id, i) => push({ Identity: id }, `identity${i}`));
        break;
      case 'paged': {
        const root = { prefix: r.strategy.root, except: [] as string[] };
        const { children, remainder } = splitPartition(root, keysSeen);
        for (const [i, p] of [root, ...children, ...(remainder ? [remainder] : [])].entries()) {
          push({ Filter: partitionFilter(r.strategy.key, p), ResultSize: '1001' }, i === 0 ? 'root' : i <= children.length ? 'child' : 'remainder');
        }
        break;
      }
    }
  }
}

function collect(): Generated[] {
  const out: Generated[] = [];
  ruleTexts(labOrg(), 'lab', false, out);
  userTexts(labOrg(), 'lab', false, out);
  for (const [name, mutate] of Object.entries(SCENARIOS)) {
    const spec = healthySpec();
    mutate(spec);
    const plain = buildOrg(spec);
    // The quoting defence: the hostile values in the model itself, host names included.
    const hostile = mapModelStrings(plain, hostileString);
    // The decoding defence: the same values in a snapshot; the names that cannot be host names are refused.
    const decoded = buildOrg(hostilize(spec));
    ruleTexts(plain, name, false, out);
    ruleTexts(hostile, `${name} (hostile)`, true, out);
    ruleTexts(decoded, `${name} (hostile snapshot)`, true, out, DECODED);
    userTexts(plain, name, false, out, name === 'users who fail' ? craftedUsers(plain, (x) => x) : []);
    userTexts(hostile, `${name} (hostile)`, true, out, name === 'users who fail' ? craftedUsers(hostile, hostileString) : []);
    userTexts(decoded, `${name} (hostile snapshot)`, true, out, [], DECODED);
  }
  const plainOrg = buildOrg(healthySpec());
  const original = plainOrg.skype.exUmContacts.find((c) => c.identity === AA_CONTACT_ID)!;
  contactTexts(PLAIN_DRAFT, original, AA_CONTACT_ID, false, out);
  contactTexts(hostilize(PLAIN_DRAFT), hostilize(original), hostileString(SA_CONTACT_ID), true, out);
  captureTexts('ATL-EX-001', 'Litware', false, out);
  captureTexts(hostileString('ATL-EX-001'), hostileString('Litware') + `${MARK}'$(org)`, true, out);
  return out;
}

// ---------------------------------------------------------------- the checks

/** The only expandable strings allowed, as the command of `&`: Exchange's own scripts, by path. */
const SCRIPT_PATHS = new Set(['$env:ExchangeInstallPath\\Scripts\\ExchUcUtil.ps1', '$env:ExchangeInstallPath\\Scripts\\Configure-EnterprisePartnerApplication.ps1']);

function commandName(el: PsElement): string {
  const n = el.name;
  if (!n) return '?';
  if (n.type === 'StringConstantExpressionAst' && n.quote === 'BareWord') return (n.value ?? '').replace(/^\.\\/, '');
  if (n.type === 'ExpandableStringExpressionAst' && el.invocation === 'Ampersand' && SCRIPT_PATHS.has(n.value ?? '')) return (n.value ?? '').split('\\').pop()!;
  return `<${n.type} ${n.value ?? ''}>`;
}

/** Literal values only: no variable but $true/$false, no sub-expression, no expandable string, no script block. */
function literalProblem(e: PsExpr | PsArg | null | undefined): string | null {
  if (!e) return null;
  switch (e.type) {
    case 'StringConstantExpressionAst':
    case 'ConstantExpressionAst':
      return null;
    case 'VariableExpressionAst':
      return e.value === 'true' || e.value === 'false' ? null : `variable $${e.value}`;
    case 'ArrayLiteralAst':
      return (e.items ?? []).map(literalProblem).find((p) => p) ?? null;
    case 'HashtableAst':
      for (const p of e.pairs ?? []) {
        if (p.key.type !== 'StringConstantExpressionAst' || !/^(Add|Remove)$/.test(p.key.value ?? '')) return `hashtable key ${p.key.value}`;
        const el = p.value.elements ?? [];
        if (p.value.type !== 'PipelineAst' || el.length !== 1 || el[0].type !== 'CommandExpressionAst') return 'hashtable value is not an expression';
        const inner = literalProblem(el[0].expr);
        if (inner) return inner;
      }
      return null;
    default:
      return e.type;
  }
}

/** statements → commands → parameters and argument kinds: what a hostile value must not change. */
function shape(p: Parsed): string {
  const expr = (e: PsExpr | PsArg | null | undefined): string =>
    !e
      ? ''
      : e.type === 'ArrayLiteralAst'
        ? `[${(e.items ?? []).map(expr).join(',')}]`
        : e.type === 'HashtableAst'
          ? `@{${(e.pairs ?? []).map((x) => `${x.key.value}=${expr(x.value.elements?.[0]?.expr)}`).join(';')}}`
          : `${e.type}:${e.quote ?? ''}`;
  return p.statements
    .map((s) =>
      (s.elements ?? [])
        .map((el) => `${commandName(el)}(${(el.args ?? []).map((a) => (a.type === 'CommandParameterAst' ? `-${a.name}${a.argument ? `:${expr(a.argument)}` : ''}` : expr(a))).join(' ')})`)
        .join(' | '),
    )
    .join(' ; ');
}

function problems(g: Generated, p: Parsed): string[] {
  const out: string[] = [];
  if (p.errors.length) out.push(`parse errors: ${p.errors.join('; ')}`);
  if (p.blocks.length) out.push(`blocks: ${p.blocks.join(', ')}`);
  if (p.scriptBlocks) out.push(`${p.scriptBlocks} script block / sub-expression / parenthesis`);
  // Every hostile value sits inside one single-quoted literal.
  // Case-insensitively: some rules lower-case what they show (the SIP domain).
  const lowerText = g.text.toLowerCase();
  for (let i = lowerText.indexOf(MARK.toLowerCase()); i >= 0; i = lowerText.indexOf(MARK.toLowerCase(), i + 1)) {
    if (!p.singleQuoted.some((q) => q.s < i && i < q.e)) out.push(`an org value outside a single-quoted literal at ${i}: …${JSON.stringify(g.text.slice(Math.max(0, i - 20), i + 20))}…`);
  }
  for (const s of p.statements) {
    if (s.type !== 'PipelineAst') {
      out.push(`statement ${s.type}`);
      continue;
    }
    for (const el of s.elements ?? []) {
      if (el.type !== 'CommandAst') {
        out.push(`pipeline element ${el.type}`);
        continue;
      }
      const name = commandName(el);
      const ref = cmdletReference(name);
      if (!ref) {
        out.push(`${name}: not in CMDLET_REFERENCE`);
        continue;
      }
      for (const a of el.args ?? []) {
        const bad = literalProblem(a.type === 'CommandParameterAst' ? a.argument : a);
        if (bad) out.push(`${name}: argument is ${bad}`);
      }
      if (ref.product !== 'exchange' && ref.product !== 'skype') continue;
      const targeted = ref.product === 'exchange' ? g.exchange : g.skype;
      const versions = targeted.filter((v) => ref.versions.includes(v));
      if (versions.length === 0) {
        out.push(`${name} does not exist on ${targeted.join(', ')} (it exists on ${ref.versions.join(', ')})`);
        continue;
      }
      for (const a of el.args ?? []) {
        if (a.type !== 'CommandParameterAst') continue;
        const param = ref.parameters.find((x) => x.name.toLowerCase() === (a.name ?? '').toLowerCase());
        if (!param) out.push(`${name} has no -${a.name} (${ref.source})`);
        else {
          const missing = versions.filter((v) => !param.versions.includes(v));
          if (missing.length) out.push(`${name} -${a.name} does not exist on ${missing.join(', ')} (${ref.source})`);
        }
      }
    }
  }
  return out;
}

/** The -Filter values of a parsed command text: the servers parse them as PowerShell-like expressions too. */
function filtersOf(p: Parsed): string[] {
  const out: string[] = [];
  for (const s of p.statements) {
    for (const el of s.elements ?? []) {
      const args = el.args ?? [];
      args.forEach((a, i) => {
        if (a.type !== 'CommandParameterAst' || !/^Filter$/i.test(a.name ?? '')) return;
        // `-Filter 'x'` parses as the parameter and then its argument; `-Filter:'x'` as one element.
        const value = a.argument ?? args[i + 1];
        if (value?.type === 'StringConstantExpressionAst') out.push(value.value ?? '');
      });
    }
  }
  return out;
}

/** `Key -op 'literal' -and Key -op 'literal'…`, parsed as one command: a bare key, operators, single-quoted literals. */
function filterProblems(p: Parsed): string[] {
  if (p.errors.length) return [`parse errors: ${p.errors.join('; ')}`];
  if (p.statements.length !== 1 || p.statements[0].elements?.length !== 1 || p.statements[0].elements[0].type !== 'CommandAst') return [`not one comparison: ${shape(p)}`];
  const out: string[] = [];
  const el = p.statements[0].elements[0];
  const args = el.args ?? [];
  for (const a of args) {
    if (a.type === 'CommandParameterAst') {
      if (!/^(eq|like|notlike|and)$/i.test(a.name ?? '') || a.argument) out.push(`operator -${a.name}`);
    } else if (!(a.type === 'StringConstantExpressionAst' && (a.quote === 'SingleQuoted' || (a.quote === 'BareWord' && a.value === el.name?.value))))
      out.push(`filter term ${a.type} ${a.quote ?? ''} ${a.value ?? ''}`);
  }
  return out;
}

// ---------------------------------------------------------------- the tests

describe('every command the console generates', { skip: NO_PWSH }, () => {
  let generated: Generated[] = [];
  let parsed: Parsed[] = [];
  let filterTexts: { of: Generated; text: string }[] = [];
  let filterParsed: Parsed[] = [];

  before(() => {
    generated = collect();
    parsed = parseWithPowerShell(generated.map((g) => g.text));
    filterTexts = generated.flatMap((g, i) => filtersOf(parsed[i]).map((text) => ({ of: g, text })));
    filterParsed = parseWithPowerShell(filterTexts.map((f) => f.text));
  });

  test('the generated set covers every fix-bearing rule, user rule, contact cmdlet and capture read, plain and hostile', () => {
    const rules = new Set(generated.filter((g) => g.hostile && !g.group.startsWith(DECODED) && g.text.toLowerCase().includes(MARK.toLowerCase())).map((g) => g.group.split('|')[0]));
    for (const id of [
      'R-D-01',
      'R-D-02',
      'R-D-03',
      'R-D-04',
      'R-D-05',
      'R-D-06',
      'R-D-07',
      'R-D-09',
      'R-G-01',
      'R-G-02',
      'R-G-03',
      'R-G-04',
      'R-G-05',
      'R-G-06',
      'R-G-07',
      'R-G-08',
      'R-G-09',
      'R-G-13',
      'R-X-01',
      'R-X-02',
      'R-X-03',
      'R-O-01',
      'R-O-07',
      'R-C-01',
      'R-C-05',
      'R-C-06',
      'R-C-07',
      'R-C-08',
      'R-C-11',
      'R-C-12',
      'R-C-14',
      'R-T-02',
    ])
      assert.ok(rules.has(id), `no hostile value reached a fix of ${id}`);
    const users = new Set(generated.filter((g) => g.group.endsWith('|user|0')).map((g) => g.group.split('|')[0]));
    for (const id of ['R-U-01', 'R-U-02', 'R-U-03', 'R-U-04', 'R-U-05', 'R-U-07', 'R-U-08', 'R-U-09', 'R-U-10', 'R-U-11', 'R-U-12', 'R-U-13']) assert.ok(users.has(id), `no fix of ${id} generated`);
    assert.ok(generated.some((g) => g.group.startsWith('contact|') && g.hostile));
    assert.ok(generated.filter((g) => g.group.startsWith(DECODED) && g.text.includes(MARK)).length > 50, 'the hostile snapshots give hostile fixes too');
    assert.ok(generated.some((g) => g.origin.includes('capture umMailboxes child')));
    assert.ok(generated.length > 300, `only ${generated.length} texts`);
  });

  test('each parses as exactly the pipelines of commands intended, every org value one single-quoted literal, every cmdlet and parameter real for the versions targeted', () => {
    const failures: string[] = [];
    generated.forEach((g, i) => {
      const found = problems(g, parsed[i]);
      if (found.length) failures.push(`${g.origin}\n  ${JSON.stringify(g.text)}\n  - ${[...new Set(found)].join('\n  - ')}`);
    });
    assert.deepEqual(failures, [], `${failures.length} generated commands fail:\n${failures.slice(0, 2000).join('\n')}`);
  });

  test('a hostile value never adds or changes a statement, a command, a parameter or an argument kind', () => {
    const plainShapes = new Map<string, Set<string>>();
    generated.forEach((g, i) => {
      if (g.hostile) return;
      const set = plainShapes.get(g.group) ?? new Set<string>();
      set.add(shape(parsed[i]));
      plainShapes.set(g.group, set);
    });
    const failures: string[] = [];
    let compared = 0;
    generated.forEach((g, i) => {
      const plain = plainShapes.get(g.group);
      if (!g.hostile || !plain) return;
      compared++;
      const s = shape(parsed[i]);
      if (!plain.has(s)) failures.push(`${g.origin}\n  ${JSON.stringify(g.text)}\n  hostile: ${s}\n  plain:   ${[...plain].join('\n           ')}`);
    });
    assert.ok(compared > 100, `only ${compared} hostile texts had a plain twin`);
    assert.deepEqual(failures, [], failures.slice(0, 20).join('\n'));
  });

  test('every -Filter is one comparison chain of single-quoted literals', () => {
    assert.ok(filterTexts.length > 5);
    const failures = filterTexts.flatMap((f, i) => filterProblems(filterParsed[i]).map((p) => `${f.of.origin}: ${JSON.stringify(f.text)}: ${p}`));
    assert.deepEqual(failures, []);
  });
});

describe('the hostile snapshots: the decoder refuses every name that cannot be a host name, and says so', () => {
  test('no server, pool, computer, gateway, SIP domain, registrar pool or URL host of a decoded hostile org carries a hostile value', () => {
    let refused = 0;
    for (const [name, mutate] of Object.entries(SCENARIOS)) {
      const spec = healthySpec();
      mutate(spec);
      const org = buildOrg(hostilize(spec));
      const bad: string[] = [];
      const check = (what: string, value: string | null, form: Parameters<typeof isName>[1]) => {
        if (value && (!isName(value, form) || value.includes(MARK))) bad.push(`${what}: ${JSON.stringify(value)}`);
      };
      for (const s of org.exchange.servers) {
        check('server name', s.name, 'server');
        check('server FQDN', s.fqdn, 'host');
        check('Autodiscover URL', s.autodiscoverInternalUri, 'url');
      }
      for (const g of org.exchange.ipGateways) check('UM IP gateway address', g.address, 'address');
      for (const c of org.exchange.certificates) check('certificate server', c.server, 'server');
      check('default SIP domain', org.skype.defaultSipDomain, 'host');
      for (const p of org.skype.pools) [p.fqdn, ...p.computers].forEach((h) => check('pool or computer', h, 'host'));
      for (const m of org.skype.mediationServers) [m.poolFqdn, m.registrar, ...m.gateways].forEach((h) => check('mediation server', h, 'address'));
      for (const g of org.skype.pstnGateways) check('PSTN gateway', g.address, 'address');
      for (const c of org.skype.exUmContacts) check('contact registrar pool', c.registrarPool, 'host');
      for (const u of org.users) check('user registrar pool', u.registrarPool, 'host');
      check('OAuth Autodiscover URL', org.skype.oauth?.exchangeAutodiscoverUrl ?? null, 'url');
      assert.deepEqual(bad, [], name);
      const notes = Object.values(org.readState ?? {}).flatMap((r) => r.notes);
      const said = notes.filter((n) => JSON.stringify(n.message).includes('snapshot.name.problem'));
      assert.ok(said.length > 0, `${name}: no note says a name was refused`);
      assert.ok(
        said.every((n) => !/[\r\n]/.test(n.text)),
        'a note shows the refused value escaped',
      );
      refused += said.length;
    }
    assert.ok(refused > 100, `${refused} names refused`);
  });
});

describe('the command table', () => {
  test("one row per cmdlet, each with a Microsoft source page and versions; every parameter within its cmdlet's versions", () => {
    const names = CMDLET_REFERENCE.map((c) => c.name.toLowerCase());
    assert.equal(new Set(names).size, names.length, 'a cmdlet is listed twice');
    for (const c of CMDLET_REFERENCE) {
      assert.match(c.source, /^https:\/\/learn\.microsoft\.com\//, c.name);
      assert.ok(c.versions.length > 0, c.name);
      for (const p of c.parameters) {
        assert.ok(p.versions.length > 0, `${c.name} -${p.name}`);
        for (const v of p.versions) assert.ok(c.versions.includes(v), `${c.name} -${p.name} on ${v}, which lacks the cmdlet`);
      }
      const params = c.parameters.map((p) => p.name.toLowerCase());
      assert.equal(new Set(params).size, params.length, `${c.name} lists a parameter twice`);
    }
  });

  test('docs/cmdlet-reference.md has a row for every cmdlet, with its source page', () => {
    const doc = readFileSync(join(__dirname, '..', '..', '..', '..', 'docs', 'cmdlet-reference.md'), 'utf8');
    const rows = new Map(
      doc
        .split('\n')
        .filter((l) => l.startsWith('| '))
        .map((l) => [l.split('|')[1].trim(), l]),
    );
    for (const c of CMDLET_REFERENCE) {
      const row = rows.get(c.name);
      assert.ok(row, `no row for ${c.name}`);
      assert.ok(row.includes(`| ${c.source} |`), `${c.name}: the row names another source`);
      for (const p of c.parameters) assert.ok(row.includes(p.name), `${c.name}: -${p.name} missing from the row`);
    }
  });

  test('lookups are case-insensitive and know what each version lacks (the pages say so)', () => {
    assert.equal(cmdletReference('get-umservice')?.name, 'Get-UMService');
    assert.deepEqual(cmdletReference('Get-UMService')?.versions, ['Exchange2013', 'Exchange2016']);
    assert.deepEqual(cmdletReference('Get-UMServer')?.versions, ['Exchange2010']);
    assert.deepEqual(cmdletReference('Get-ClientAccessService')?.versions, ['Exchange2016', 'Exchange2019']);
    const setUm = cmdletReference('Set-UMMailbox')!;
    assert.ok(!setUm.parameters.some((p) => /^(Extensions|SIPResourceIdentifier)$/i.test(p.name)), 'Set-UMMailbox has neither -Extensions nor -SIPResourceIdentifier');
    assert.ok(cmdletReference('Enable-UMMailbox')!.parameters.some((p) => p.name === 'SIPResourceIdentifier'));
    assert.deepEqual(cmdletReference('New-ExchangeCertificate')!.parameters.find((p) => p.name === 'RequestFile')?.versions, ['Exchange2013']);
    assert.ok(!cmdletReference('Get-CsCertificate')!.parameters.some((p) => p.name === 'Server'), 'Get-CsCertificate has no -Server');
    assert.equal(cmdletReference('No-SuchCmdlet'), undefined);
  });
});
