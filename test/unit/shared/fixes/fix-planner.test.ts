/**
 * The fix planner (shared/fixes/fix-planner.ts), for every org rule: on the lab org and on the small
 * org changed so each rule fires (test/support/org-builder), plain and with hostile names.
 *
 * - every org rule of the registry gets a plan; a cmdlet plan has commands and no `whyManual`, a manual
 *   plan has steps and says why; every message renders in both languages with no placeholder left;
 * - a cmdlet plan holds no placeholder (`<…>`) and no script: each command text parses, with the real
 *   PowerShell parser (test/support/ps-parse.ts), as one command whose every value is the parameter's
 *   value as a single-quoted constant (or $true/$false, a number, a list of single-quoted constants), whatever the names hold:
 *   apostrophes ASCII and typographic, `$(…)`, backticks, `;`, newlines, a bidi override;
 * - every cmdlet and parameter is in the cmdlet reference for the versions it targets, `whatIf` as the
 *   reference says, the cmdlet chosen by version (Set-UMServer on 2010, Set-UMService 2013/2016,
 *   Set-ClientAccessServer 2010/2013, Set-ClientAccessService 2016);
 * - applying a cmdlet plan to the model (test/support/fix-simulator.ts, each command's documented
 *   effect) and judging the org again leaves its finding gone.
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { ORG_RULES } from '../../../../shared/diagnostics/registry';
import { commandText } from '../../../../shared/fixes/command-text';
import { type FixCommand, type FixPlan, findingKey, userFindingKey } from '../../../../shared/fixes/fix-model';
import { CMDLET_RULES, mergeListWrites, planFix, planFixes, planUserFixes } from '../../../../shared/fixes/fix-planner';
import { renderMessage } from '../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../shared/model/org';
import { cmdletReference, type ProductVersion } from '../../../../shared/powershell/cmdlet-reference';
import { evaluateRules } from '../../../../shared/rules/engine';
import { buildUserIndex } from '../../../../shared/users/user-index';
import { buildUserRuleContext, evaluateUser } from '../../../../shared/users/user-rules';
import { loadSnapshotFile } from '../../../../main/services/snapshot-loader';
import { applyCommands } from '../../../support/fix-simulator';
import { LAB_PATH } from '../../../support/lab';
import { mapModelStrings } from '../../../support/org-builder/model-strings';
import {
  buildOrg,
  CERT,
  contact,
  dialPlan,
  directorPool,
  exchange2010,
  frontEndPool,
  gateway,
  type OrgSpec,
  pbxGateway,
  sbaPool,
  server,
  umUser,
  V2010_RTM,
  V2010_SP3,
  V2013,
} from '../../../support/org-builder/org-spec';
import { addPoolWithGateway, addSipDialPlan, BRANCH, DALLAS, DIAL_PLAN, FE, healthySpec } from '../../../support/org-builder/small-org';
import { NO_PWSH } from '../../../support/powershell';
import { type Parsed, parseWithPowerShell, type PsArg, type PsExpr } from '../../../support/ps-parse';

// ---------------------------------------------------------------- orgs where each rule fires

/** Mutations of the healthy small org, each making one or more rules fire. */
const SCENARIOS: Readonly<Record<string, (s: OrgSpec) => void>> = {
  'R-D-01 extension dial plan behind a pool gateway': (s) => (dialPlan(s, DIAL_PLAN).uriType = 'TelExtn'),
  'R-D-01 on Exchange 2010 and 2016': (s) => {
    dialPlan(s, DIAL_PLAN).uriType = 'TelExtn';
    s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, []));
  },
  'R-D-02 SIPSecured with encryption required': (s) => (dialPlan(s, DIAL_PLAN).voipSecurity = 'SIPSecured'),
  'R-D-03 Secured without media encryption': (s) => (s.skype.mediaConfigurations[0].encryption = 'DoNotSupportEncryption'),
  'R-D-03 on a site media configuration': (s) => s.skype.mediaConfigurations.push({ identity: 'Site:Atlanta', encryption: 'DoNotSupportEncryption' }),
  'R-D-04 unsecured dial plan': (s) => (dialPlan(s, DIAL_PLAN).voipSecurity = 'Unsecured'),
  'R-D-05 servers not answering the dial plan (2016 and 2010)': (s) => {
    server(s, 'ATL-EX-001').umService!.dialPlans = [];
    server(s, 'ATL-EX-001').callRouter!.dialPlans = [];
    s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, []));
  },
  'R-D-06 TCP startup (2016 and 2010)': (s) => {
    server(s, 'ATL-EX-001').umService!.startupMode = 'TCP';
    server(s, 'ATL-EX-001').callRouter!.startupMode = 'TCP';
    s.exchange.servers.push({ ...exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [DIAL_PLAN]), umService: { startupMode: 'TCP', dialPlans: [DIAL_PLAN] } });
  },
  'R-D-07 TLS startup on Exchange 2013': (s) => {
    server(s, 'ATL-EX-002').version = V2013;
    server(s, 'ATL-EX-002').umService!.startupMode = 'TLS';
    server(s, 'ATL-EX-002').callRouter!.startupMode = 'TLS';
  },
  'R-D-10 dial plan name too long': (s) => {
    addSipDialPlan(s, 'D'.repeat(52));
  },
  'R-G-01 EV users on a pool without gateway': (s) => {
    s.skype.sites.push({ ...DALLAS });
    s.skype.pools.push(frontEndPool('dal-cs-002.litwareinc.com', 'Dallas', ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com']));
    s.users.push(umUser('dan.lee', 'Dan Lee', 'dal-cs-002.litwareinc.com', 'ATL-EX-001', DIAL_PLAN, '1010'));
  },
  'R-G-01 on a branch appliance': (s) => {
    s.skype.sites.push({ ...BRANCH });
    s.skype.pools.push(sbaPool('red-sba-01.litwareinc.com', BRANCH.name));
    s.users.push(umUser('bea.sba', 'Bea Sba', 'red-sba-01.litwareinc.com', 'ATL-EX-001', DIAL_PLAN, '1011'));
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
    addPoolWithGateway(s, sbaPool('red-sba-01.litwareinc.com', BRANCH.name), BRANCH, '3:3', { outcalls: false, mwi: true });
  },
  'R-G-07 IP literal gateway on a secured plan': (s) => {
    s.exchange.gateways.push(pbxGateway('PBX-1', '10.0.0.5', DIAL_PLAN, '5000'));
    dialPlan(s, DIAL_PLAN).gateways.push('PBX-1');
  },
  'R-G-08 two gateways on one IP literal': (s) => {
    s.exchange.gateways.push(pbxGateway('PBX-2', '::1', DIAL_PLAN, '5001'), pbxGateway('PBX-1', '0:0:0:0:0:0:0:1', DIAL_PLAN, '5000'));
  },
  'R-G-09 disabled gateway': (s) => (gateway(s, '1:1').status = 'Disabled'),
  'R-G-13 no ExchUcUtil permissions': (s) => (s.exchange.permissions = []),
  'R-G-13 a Deny entry': (s) => {
    const p = s.exchange.permissions.find((x) => x.object === 'UM DialPlan Container')!;
    s.exchange.permissions.push({ ...p, deny: true });
  },
  'R-X-01 self-signed UM certificate': (s) => (server(s, 'ATL-EX-002').certificates = [{ subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' }]),
  'R-X-02 wildcard UM certificate': (s) => (server(s, 'ATL-EX-001').certificates = [{ subject: CERT.wildcard, services: 'UM, UMCallRouter' }]),
  'R-X-03 no UM certificate bound, a usable one held': (s) => (server(s, 'ATL-EX-001').certificates = [{ subject: CERT.umAtl001, services: 'IIS, SMTP' }]),
  'R-X-03 no UM certificate at all (2016 and 2010)': (s) => {
    server(s, 'ATL-EX-001').certificates = [];
    s.exchange.servers.push(exchange2010('EX2010', 'ex2010.litwareinc.com', V2010_SP3, [DIAL_PLAN]));
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
  'R-C-01/R-C-05 contact without sip: and a number without +': (s) => {
    contact(s, '{sa-litware-sip}').sip = 'litware-sa@litwareinc.com';
    contact(s, '{aa-litware-main}').number = '14255550199';
  },
  'R-C-02/R-C-03 contact with a user’s address and a bad number': (s) => {
    contact(s, '{sa-litware-sip}').sip = `sip:${s.users[0].alias}@${s.domain}`;
    contact(s, '{aa-litware-main}').number = '0123';
  },
  'R-C-04 one number, two contacts': (s) => s.skype.contacts.push({ ...contact(s, '{sa-litware-sip}'), cn: '{sa-dup}', sip: 'sip:dup@litwareinc.com' }),
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
  'R-T-02 one server answers the plan': (s) => {
    server(s, 'ATL-EX-002').umService!.dialPlans = [];
  },
  'R-T-02 a single UM server': (s) => {
    s.exchange.servers = s.exchange.servers.filter((x) => x.name === 'ATL-EX-001');
    s.users = s.users.map((u) => (u.mailbox ? { ...u, mailbox: { ...u.mailbox, server: 'ATL-EX-001' } } : u));
  },
  'R-T-03 a Skype for Business Server 2019 pool with a gateway and a contact': (s) => {
    s.skype.sites.push({ ...DALLAS });
    addPoolWithGateway(s, frontEndPool('dal-cs-019.litwareinc.com', 'Dallas', ['dal-fe-19.litwareinc.com'], 7), DALLAS, '2:9', { outcalls: false, mwi: true });
    contact(s, '{aa-litware-main}').pool = 'dal-cs-019.litwareinc.com';
  },
};

// ---------------------------------------------------------------- hostile names

/** Every hostile value carries it: it may appear only inside a single-quoted constant. */
const MARK = 'Zq';
const HOSTILE: readonly (readonly [string, string])[] = [
  ['atl-cs-001.litwareinc.com', `atl-cs-001${MARK}\n<#p;$(Invoke-Pool)'".litwareinc.com`],
  ['ATL-EX-001', `ATL-EX-001${MARK}'\n;Remove-Item x #`],
  ['ATL-EX-002', `ATL-EX-002${MARK}\`$(Get-Server)’`],
  ['EX2010', `EX2010${MARK}‘$(s)#\n x`],
  [DIAL_PLAN, `Litware-SIP${MARK}';$(dp)#\`\u202Egnp.exe`],
  ['1:1', `1:1${MARK}"; $(gw)'#`],
  ['2:2', `2:2${MARK}’$(gw2)`],
  ['3:3', `3:3${MARK}\n'`],
  ['PBX-1', `PBX-1${MARK}'$(pbx)`],
  ['litwareinc.com', `litware${MARK}'$(sip);\`inc.com`],
  ['OU=RTC Special Accounts', `OU=RTC Special Accounts${MARK}‛$(ou)`],
  ['Litware', `Litware${MARK}‚'$(org)`],
];
const hostile = (s: string) => HOSTILE.reduce((acc, [from, to]) => acc.split(from).join(to), s);

// ---------------------------------------------------------------- the plans of every org

interface PlannedOrg {
  readonly name: string;
  readonly org: OrgModel;
  readonly findings: readonly Diagnostic[];
  readonly plans: readonly FixPlan[];
  readonly hostile: boolean;
}

function planned(name: string, org: OrgModel, isHostile: boolean): PlannedOrg {
  const findings = evaluateRules(org);
  return { name, org, findings, plans: planFixes(findings, org), hostile: isHostile };
}

let lab: OrgModel;
const orgs: PlannedOrg[] = [];

before(async () => {
  lab = await loadSnapshotFile(LAB_PATH, 'lab');
  orgs.push(planned('lab', lab, false), planned('lab (hostile)', mapModelStrings(lab, hostile), true));
  for (const [name, mutate] of Object.entries(SCENARIOS)) {
    const spec = healthySpec();
    mutate(spec);
    const org = buildOrg(spec);
    orgs.push(planned(name, org, false), planned(`${name} (hostile)`, mapModelStrings(org, hostile), true));
  }
});

const allPlans = () => orgs.flatMap((o) => o.plans.map((plan, i) => ({ o, plan, finding: o.findings[i] })));

const EX: Readonly<Record<string, ProductVersion>> = { '2010': 'Exchange2010', '2013': 'Exchange2013', '2016': 'Exchange2016', '2019': 'Exchange2019' };

/** The versions a command targets: its server's, else every UM server version of the org (Exchange); the Front End pools' products (Skype). */
function versionsOf(org: OrgModel, cmd: FixCommand): ProductVersion[] {
  if (cmd.shell === 'skype') {
    const fe = org.skype.pools.filter((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition');
    return [...new Set(fe.map((p) => p.product).filter((p) => p === 'Lync2013' || p === 'SfB2015' || p === 'SfB2019'))] as ProductVersion[];
  }
  const named = cmd.target?.kind === 'exchangeServer' ? org.exchange.servers.filter((s) => s.name === cmd.target!.id) : [];
  const servers = named.length > 0 ? named : org.exchange.servers.filter((s) => s.version.product !== '2019');
  return [...new Set(servers.map((s) => EX[s.version.product]).filter(Boolean))];
}

function stringsOf(cmd: FixCommand): string[] {
  return cmd.parameters.flatMap((p) => (typeof p.value === 'string' ? [p.value] : Array.isArray(p.value) ? [...p.value] : []));
}

describe('planFix / planFixes: a plan for every finding', () => {
  test('every org rule of the registry is planned on some org, and each rule the planner fixes by cmdlet gets a cmdlet plan somewhere', () => {
    const planned = new Set(allPlans().map((x) => x.plan.rule));
    const missing = ORG_RULES.map((r) => r.id).filter((id) => !planned.has(id));
    assert.deepEqual(missing, [], `rules with no finding in any scenario: ${missing.join(', ')}`);
    const cmdlet = new Set(
      allPlans()
        .filter((x) => x.plan.kind === 'cmdlet')
        .map((x) => x.plan.rule),
    );
    const never = [...CMDLET_RULES].filter((r) => ORG_RULES.some((x) => x.id === r) && !cmdlet.has(r));
    assert.deepEqual(never, [], `rules never planned as cmdlets: ${never.join(', ')}`);
  });

  test('one plan per finding, in order, keyed by findingKey; cmdlet plans have commands, manual plans say why and what to do', () => {
    for (const { o, plan, finding } of allPlans()) {
      const where = `${o.name}: ${plan.finding}`;
      assert.equal(plan.finding, findingKey(finding), where);
      assert.equal(plan.rule, finding.rule, where);
      if (plan.kind === 'cmdlet') {
        assert.ok(plan.commands.length > 0, `${where}: a cmdlet plan without commands`);
        assert.equal(plan.whyManual, null, where);
      } else {
        assert.equal(plan.commands.length, 0, where);
        assert.ok(plan.whyManual, `${where}: a manual plan must say why`);
        assert.ok(plan.manual.length > 0 || plan.whyManual.key === 'fix.why.objectGone', `${where}: a manual plan without steps`);
      }
    }
  });

  test('planFixes is planFix of each finding, its Set- lists merged in order (mergeListWrites)', () => {
    for (const o of orgs.filter((x) => !x.hostile)) {
      const alone = o.findings.map((f) => planFix(f, o.org));
      const merged = mergeListWrites(alone);
      o.findings.forEach((f, i) => assert.deepEqual(merged[i], o.plans[i], `${o.name}: ${findingKey(f)}`));
    }
  });

  test('every message of every plan renders in both languages with its placeholders filled', () => {
    for (const { o, plan } of allPlans()) {
      const messages = [...plan.manual.map((m) => m.message), ...plan.meanwhile, ...(plan.whyManual ? [plan.whyManual] : [])];
      for (const m of messages) {
        for (const lang of ['en', 'fr'] as const) {
          const text = renderMessage(lang, m);
          assert.notEqual(text, m.key, `${o.name}: ${m.key} has no ${lang} text`);
          assert.doesNotMatch(text, /\{\w+\}/, `${o.name}: ${m.key} (${lang}) left a placeholder: ${text}`);
        }
      }
    }
  });

  test('no placeholder in a cmdlet plan: every value is one the org holds', () => {
    for (const { o, plan } of allPlans().filter((x) => !x.o.hostile && x.plan.kind === 'cmdlet')) {
      for (const c of plan.commands) for (const s of stringsOf(c)) assert.doesNotMatch(s, /[<>]/, `${o.name}: ${commandText(c)}`);
    }
  });

  test('every cmdlet and every parameter is in the cmdlet reference for each version it targets; whatIf as the reference lists it', () => {
    for (const { o, plan } of allPlans().filter((x) => x.plan.kind === 'cmdlet')) {
      for (const c of plan.commands) {
        const row = cmdletReference(c.cmdlet);
        assert.ok(row, `${o.name}: ${c.cmdlet} is not in the cmdlet reference`);
        assert.equal(row.product, c.shell, c.cmdlet);
        const versions = versionsOf(o.org, c);
        assert.ok(versions.length > 0, `${o.name}: no version for ${c.cmdlet}`);
        for (const v of versions) {
          assert.ok(row.versions.includes(v), `${o.name}: ${c.cmdlet} does not exist on ${v}`);
          for (const p of c.parameters)
            assert.ok(
              row.parameters.some((x) => x.name === p.name && x.versions.includes(v)),
              `${o.name}: ${c.cmdlet} -${p.name} not on ${v}`,
            );
        }
        const listsWhatIf = row.parameters.some((x) => x.name === 'WhatIf');
        assert.equal(c.whatIf, listsWhatIf, `${o.name}: ${c.cmdlet} whatIf`);
      }
    }
  });

  test('booleans are booleans, lists are sent whole as string arrays, numbers are numbers', () => {
    for (const { plan } of allPlans().filter((x) => x.plan.kind === 'cmdlet')) {
      for (const c of plan.commands) {
        for (const p of c.parameters) {
          if (['OutcallsAllowed', 'MessageWaitingIndicatorAllowed', 'Enabled', 'EnterpriseVoiceEnabled', 'AutoAttendant', 'Confirm'].includes(p.name))
            assert.equal(typeof p.value, 'boolean', `${c.cmdlet} -${p.name}`);
          if (['DialPlans', 'AccessRights', 'Extensions'].includes(p.name)) assert.ok(Array.isArray(p.value), `${c.cmdlet} -${p.name}`);
          if (p.name === 'NumberOfDigitsInExtension') assert.equal(typeof p.value, 'number');
        }
      }
    }
  });
});

describe('the cmdlet per product version', () => {
  const cmdlets = (name: string, rule: string) =>
    orgs
      .find((o) => o.name === name)!
      .plans.filter((p) => p.rule === rule)
      .flatMap((p) => p.commands.map((c) => `${c.cmdlet} ${String(c.parameters[0].value)}`));

  test('startup mode: Set-UMServer on Exchange 2010, Set-UMService and Set-UMCallRouterSettings on 2013/2016', () => {
    // The UM service and call router of a server are two findings with one key: each gets the plan that fixes both.
    assert.deepEqual(cmdlets('R-D-06 TCP startup (2016 and 2010)', 'R-D-06').sort(), [
      'Set-UMCallRouterSettings ATL-EX-001',
      'Set-UMCallRouterSettings ATL-EX-001',
      'Set-UMServer EX2010',
      'Set-UMService ATL-EX-001',
      'Set-UMService ATL-EX-001',
    ]);
    assert.deepEqual([...new Set(cmdlets('R-D-07 TLS startup on Exchange 2013', 'R-D-07'))].sort(), ['Set-UMCallRouterSettings ATL-EX-002', 'Set-UMService ATL-EX-002']);
  });

  test('dial plan membership: the whole list, Set-UMServer on 2010', () => {
    const o = orgs.find((x) => x.name === 'R-D-05 servers not answering the dial plan (2016 and 2010)')!;
    const cmds = o.plans.filter((p) => p.rule === 'R-D-05').flatMap((p) => p.commands);
    assert.deepEqual([...new Set(cmds.map((c) => commandText(c)))].sort(), [
      "Set-UMCallRouterSettings -Server 'ATL-EX-001' -DialPlans 'Litware-SIP'",
      "Set-UMServer -Identity 'EX2010' -DialPlans 'Litware-SIP'",
      "Set-UMService -Identity 'ATL-EX-001' -DialPlans 'Litware-SIP'",
    ]);
  });

  test('Autodiscover: Set-ClientAccessServer on 2013, Set-ClientAccessService on 2016', () => {
    assert.deepEqual(cmdlets('R-O-01 no Autodiscover URL (2016 and 2013)', 'R-O-01').sort(), ['Set-ClientAccessServer ATL-EX-002', 'Set-ClientAccessService ATL-EX-001']);
  });
});

describe('cmdlet when the console holds the values, manual when it does not', () => {
  const plansOf = (name: string, rule: string) => {
    const o = orgs.find((x) => x.name === name);
    assert.ok(o, name);
    const list = o.plans.filter((p) => p.rule === rule);
    assert.ok(list.length > 0, `${name}: no ${rule}`);
    return list;
  };

  test('R-X-03: a CA-issued certificate naming the server is bound to both UM services in one command; none held: manual', () => {
    const [p] = plansOf('R-X-03 no UM certificate bound, a usable one held', 'R-X-03');
    assert.equal(p.kind, 'cmdlet');
    assert.deepEqual(p.commands[0].parameters.find((x) => x.name === 'Services')?.value, ['UM', 'UMCallRouter']);
    assert.deepEqual(
      p.manual.map((m) => m.message.key),
      ['fix.manual.restart.MSExchangeUM', 'fix.manual.restart.MSExchangeUMCR'],
    );
    for (const q of plansOf('R-X-03 no UM certificate at all (2016 and 2010)', 'R-X-03')) {
      assert.equal(q.kind, 'manual');
      assert.equal(q.whyManual?.key, 'fix.why.certificateFromCa');
    }
  });

  test('R-G-13: every missing grant in one plan; a Deny entry makes it manual', () => {
    const all = plansOf('R-G-13 no ExchUcUtil permissions', 'R-G-13');
    // Six findings (two groups, three objects), one key, one plan granting all six.
    assert.equal(new Set(all.map((p) => JSON.stringify(p))).size, 1);
    assert.equal(all[0].commands.length, 6);
    const [deny] = plansOf('R-G-13 a Deny entry', 'R-G-13');
    assert.equal(deny.kind, 'manual');
    assert.equal(deny.whyManual?.key, 'fix.why.R-G-13.deny');
  });

  test('R-T-02: another UM server joins the plan; with a single UM server, manual', () => {
    assert.equal(plansOf('R-T-02 one server answers the plan', 'R-T-02')[0].kind, 'cmdlet');
    const [single] = plansOf('R-T-02 a single UM server', 'R-T-02');
    assert.equal(single.kind, 'manual');
    assert.equal(single.whyManual?.key, 'fix.why.R-T-02.noServer');
  });

  test('R-G-01 on a branch appliance: outcalls and message waiting off, as ExchUcUtil does', () => {
    const [p] = plansOf('R-G-01 on a branch appliance', 'R-G-01');
    assert.deepEqual(
      p.commands.map((c) => c.cmdlet),
      ['New-UMIPGateway', 'Set-UMIPGateway', 'New-UMHuntGroup'],
    );
    assert.deepEqual(p.commands[1].parameters.slice(1), [
      { name: 'OutcallsAllowed', value: false },
      { name: 'MessageWaitingIndicatorAllowed', value: false },
    ]);
  });

  test('contacts are written by the Skype user administrators, configuration by the server administrators', () => {
    assert.equal(plansOf('R-C-14 contacts disabled or not EV', 'R-C-14')[0].role, 'RTCUniversalUserAdmins');
    assert.equal(plansOf('R-D-03 Secured without media encryption', 'R-D-03')[0].role, 'RTCUniversalServerAdmins');
    assert.equal(plansOf('R-D-04 unsecured dial plan', 'R-D-04')[0].role, 'ExchangeOrganizationAdministrator');
  });
});

describe('the plans of the lab org', () => {
  const labPlans = () => orgs[0].plans;
  const byRule = (rule: string) => labPlans().filter((p) => p.rule === rule);

  test('which findings are cmdlets and which are manual, and why', () => {
    const kinds = Object.fromEntries([...new Set(labPlans().map((p) => p.rule))].map((r) => [r, [...new Set(byRule(r).map((p) => p.kind))].join('/')]));
    assert.deepEqual(kinds, {
      'R-D-01': 'cmdlet',
      'R-D-02': 'cmdlet',
      'R-D-03': 'cmdlet',
      'R-D-04': 'cmdlet',
      'R-D-05': 'cmdlet',
      'R-D-06': 'cmdlet',
      'R-D-07': 'cmdlet',
      'R-D-09': 'manual',
      'R-G-01': 'cmdlet',
      'R-G-02': 'cmdlet',
      'R-G-03': 'cmdlet',
      'R-G-05': 'cmdlet',
      'R-G-06': 'cmdlet',
      'R-G-07': 'manual',
      'R-G-09': 'cmdlet',
      'R-G-13': 'cmdlet',
      'R-O-01': 'cmdlet',
      'R-O-02': 'cmdlet',
      'R-O-05': 'cmdlet',
      'R-O-06': 'manual',
      'R-X-01': 'manual',
      'R-X-02': 'manual',
      // ATL-EX-002 holds only a self-signed certificate: one from a CA is needed (R-X-01).
      'R-X-03': 'manual',
      'R-C-06': 'manual',
      'R-C-11b': 'cmdlet',
      'R-C-12': 'cmdlet',
      'R-C-14': 'cmdlet',
    });
    assert.equal(byRule('R-X-03')[0].whyManual?.key, 'fix.why.certificateFromCa');
    assert.equal(byRule('R-G-07')[0].whyManual?.key, 'fix.why.R-G-07');
  });

  test('R-G-01 is ExchUcUtil’s job for the pool: the gateway, a hunt group per SIP dial plan named after it, then the Front End restarts', () => {
    const [p] = byRule('R-G-01');
    assert.deepEqual(
      p.commands.map((c) => commandText(c)),
      [
        "New-UMIPGateway -Name 'dal-cs-002.litwareinc.com' -Address 'dal-cs-002.litwareinc.com'",
        // Every SIP dial plan already has a gateway placing outcalls (1:1): the new one does not (R-G-03).
        "Set-UMIPGateway -Identity 'dal-cs-002.litwareinc.com' -OutcallsAllowed:$false",
        "New-UMHuntGroup -Name 'Litware-SIP-Secured' -PilotIdentifier 'Litware-SIP-Secured' -UMDialPlan 'Litware-SIP-Secured' -UMIPGateway 'dal-cs-002.litwareinc.com'",
        "New-UMHuntGroup -Name 'Litware-SIP-Branch' -PilotIdentifier 'Litware-SIP-Branch' -UMDialPlan 'Litware-SIP-Branch' -UMIPGateway 'dal-cs-002.litwareinc.com'",
      ],
    );
    assert.deepEqual(
      p.manual.map((m) => m.check),
      ["Get-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-01.litwareinc.com'", "Get-CsWindowsService -Name RTCSRV -ComputerName 'dal-fe-02.litwareinc.com'"],
    );
    assert.deepEqual(p.meanwhile, [{ key: 'fix.meanwhile.frontEndRestart', params: {} }]);
    assert.equal(p.role, 'ExchangeOrganizationAdministrator');
  });

  test('R-D-01: a new SIP URI dial plan, every UM server answering it, the pool gateways’ hunt groups moved, the mailboxes by hand', () => {
    const [p] = byRule('R-D-01');
    const texts = p.commands.map((c) => commandText(c));
    assert.equal(texts[0], "New-UMDialPlan -Name 'Litware-Ext-SIP' -URIType 'SipName' -NumberOfDigitsInExtension 4 -VoIPSecurity 'Secured' -CountryOrRegionCode '1'");
    assert.ok(texts.includes("Set-UMService -Identity 'DAL-EX-003' -DialPlans 'Litware-SIP-Secured','Litware-Ext-SIP'"), texts.join('\n'));
    assert.ok(texts.includes("Remove-UMHuntGroup -Identity '1:1\\Litware-Ext' -Confirm:$false"));
    for (const g of ['1:1', '2:1', '1:2', '3:1'])
      assert.ok(texts.includes(`New-UMHuntGroup -Name 'Litware-Ext-SIP' -PilotIdentifier 'Litware-Ext-SIP' -UMDialPlan 'Litware-Ext-SIP' -UMIPGateway '${g}'`), g);
    // The removal comes before the hunt groups of the new plan.
    assert.ok(texts.findIndex((t) => t.startsWith('Remove-UMHuntGroup')) < texts.findIndex((t) => t.startsWith('New-UMHuntGroup')));
    assert.equal(p.manual[0].message.key, 'fix.manual.R-D-01.moveMailboxes');
  });

  test('changes: before and after from the org model, with the cmdlet output’s property names', () => {
    assert.deepEqual(byRule('R-D-06')[0].commands[0].changes, [{ property: 'UMStartupMode', before: 'TCP', after: 'Dual' }]);
    assert.deepEqual(byRule('R-D-02')[0].commands[0].changes, [{ property: 'VoIPSecurity', before: 'SIPSecured', after: 'Secured' }]);
    assert.deepEqual(byRule('R-G-09')[0].commands[0].changes, [{ property: 'Status', before: 'Disabled', after: 'Enabled' }]);
    assert.deepEqual(byRule('R-G-05')[0].commands[0].changes, [{ property: 'OutcallsAllowed', before: 'true', after: 'false' }]);
    // Planned with R-D-01 (which adds Litware-Ext-SIP to the same server first), the list keeps that addition.
    assert.deepEqual(byRule('R-D-05')[0].commands[0].changes, [{ property: 'DialPlans', before: 'Litware-SIP-Secured', after: 'Litware-SIP-Secured, Litware-Ext-SIP, Litware-SIP-Branch' }]);
    // R-C-14's contact is enabled already: only EnterpriseVoiceEnabled changes.
    assert.deepEqual(byRule('R-C-14')[0].commands[0].changes, [{ property: 'EnterpriseVoiceEnabled', before: 'false', after: 'true' }]);
    assert.deepEqual(byRule('R-D-06')[0].meanwhile, [{ key: 'fix.meanwhile.umRestart', params: {} }]);
  });
});

describe('applying a plan makes its finding go away', () => {
  test('on every plain org: each cmdlet plan, applied to the model, leaves the org without its finding', () => {
    let applied = 0;
    for (const o of orgs.filter((x) => !x.hostile)) {
      // Each plan alone (planFix): planFixes' plans are for applying together, in order.
      o.findings.forEach((finding, i) => {
        const plan = planFix(finding, o.org);
        if (plan.kind !== 'cmdlet') return;
        const after = applyCommands(o.org, plan.commands);
        const keys = new Set(evaluateRules(after).map(findingKey));
        assert.ok(!keys.has(findingKey(o.findings[i])), `${o.name}: ${plan.finding} still there after\n${plan.commands.map((c) => commandText(c)).join('\n')}`);
        applied++;
      });
    }
    assert.ok(applied > 40, `only ${applied} plans applied`);
  });

  test('on the lab org, applying every cmdlet plan round after round leaves only manual findings', () => {
    let org = lab;
    for (let round = 0; round < 6; round++) {
      const findings = evaluateRules(org);
      const plans = planFixes(findings, org).filter((p) => p.kind === 'cmdlet');
      if (plans.length === 0) break;
      for (const p of plans) {
        // A plan made stale by an earlier one this round waits for the next round (the service re-reads before writing).
        try {
          org = applyCommands(org, p.commands);
        } catch {
          /* planned again next round */
        }
      }
    }
    const left = planFixes(evaluateRules(org), org);
    assert.deepEqual(
      left.filter((p) => p.kind === 'cmdlet').map((p) => p.finding),
      [],
    );
    // R-O-06 goes with R-O-05: the global OAuth certificate (2048 bits) replaces the weak one on atl-fe-03.
    assert.deepEqual([...new Set(left.map((p) => p.rule))].sort(), ['R-C-06', 'R-D-09', 'R-G-07', 'R-X-01', 'R-X-02', 'R-X-03']);
  });
});

describe('planUserFixes: a user’s reasons', () => {
  test('each reason gets a plan keyed by userFindingKey; Skype side by the Skype shell, mailbox side by Exchange’s', () => {
    const ctx = buildUserRuleContext(lab);
    const seen = new Map<string, FixPlan>();
    for (const u of buildUserIndex(lab).users) {
      const reasons = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx);
      if (reasons.length === 0) continue;
      const plans = planUserFixes(lab, u.sipAddress, reasons);
      assert.equal(plans.length, reasons.length);
      plans.forEach((p, i) => {
        assert.equal(p.finding, userFindingKey(reasons[i].rule, u.sipAddress));
        if (!seen.has(p.rule)) seen.set(p.rule, p);
      });
    }
    const r02 = seen.get('R-U-02');
    assert.ok(r02, 'the lab has a user not enabled for Enterprise Voice');
    assert.equal(r02.kind, 'cmdlet');
    assert.equal(r02.commands[0].cmdlet, 'Set-CsUser');
    assert.equal(r02.commands[0].shell, 'skype');
    assert.deepEqual(r02.commands[0].parameters[1], { name: 'EnterpriseVoiceEnabled', value: true });
    for (const p of seen.values()) if (p.kind === 'manual') assert.ok(p.whyManual && p.manual.length > 0, p.rule);
  });

  test('R-U-06: a user on a pool without a gateway gets the pool’s ExchUcUtil plan (R-G-01’s), under the user’s key', () => {
    const ctx = buildUserRuleContext(lab);
    const u = buildUserIndex(lab).users.find(
      (x) => x.skype?.registrarPool === 'dal-cs-002.litwareinc.com' && evaluateUser({ skype: x.skype, mailbox: x.mailbox }, ctx).some((r) => r.rule === 'R-U-06'),
    );
    assert.ok(u, 'a user of dal-cs-002 with R-U-06');
    const reasons = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx);
    const plan = planUserFixes(lab, u.sipAddress, reasons).find((p) => p.rule === 'R-U-06')!;
    assert.equal(plan.kind, 'cmdlet');
    assert.equal(plan.finding, userFindingKey('R-U-06', u.sipAddress));
    assert.equal(plan.commands[0].cmdlet, 'New-UMIPGateway');
    const after = applyCommands(lab, plan.commands);
    const again = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, buildUserRuleContext(after));
    assert.ok(!again.some((r) => r.rule === 'R-U-06' || r.rule === 'R-U-07'), JSON.stringify(again.map((r) => r.rule)));
  });

  test('applying a user’s cmdlet plans leaves that reason gone', () => {
    const ctx = buildUserRuleContext(lab);
    let applied = 0;
    for (const u of buildUserIndex(lab).users) {
      const reasons = evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx);
      const plans = planUserFixes(lab, u.sipAddress, reasons);
      plans.forEach((p, i) => {
        if (p.kind !== 'cmdlet' || applied > 30) return;
        const after = applyCommands(lab, p.commands);
        const again = evaluateUser(
          {
            skype: after.users.find((x) => x.sipAddress === u.skype?.sipAddress) ?? null,
            mailbox: after.mailboxes.find((x) => x.primarySmtpAddress === u.mailbox?.primarySmtpAddress) ?? null,
          },
          buildUserRuleContext(after),
        );
        assert.ok(!again.some((r) => r.rule === reasons[i].rule), `${u.sipAddress}: ${reasons[i].rule} still there`);
        applied++;
      });
    }
    assert.ok(applied > 0);
  });
});

// ---------------------------------------------------------------- real PowerShell's parser

/** One command text's parse as the checks below read it: its elements are the command's name, then each parameter (`param`) or argument. */
interface CommandParse {
  readonly errors: readonly string[];
  readonly statements: number;
  readonly pipeline: number;
  readonly elements: readonly PsArg[];
  readonly comments: number;
}

function commandParse(p: Parsed): CommandParse {
  const cmds = p.statements.length === 1 && p.statements[0].type === 'PipelineAst' ? (p.statements[0].elements ?? []) : [];
  const cmd = cmds.length === 1 && cmds[0].type === 'CommandAst' ? cmds[0] : null;
  const elements: PsArg[] = cmd ? [cmd.name!, ...(cmd.args ?? []).map((a) => (a.type === 'CommandParameterAst' ? { ...a, type: 'param' } : a))] : [];
  return { errors: p.errors, statements: p.statements.length, pipeline: cmds.length, elements, comments: p.comments.length };
}

/** The problems of one command's parse: it must be exactly the cmdlet, then each parameter with its value as a constant. */
function problems(cmd: FixCommand, p: CommandParse): string[] {
  const out: string[] = [];
  if (p.errors.length) out.push(`parse errors: ${p.errors.join('; ')}`);
  if (p.statements !== 1 || p.pipeline !== 1) out.push(`${p.statements} statements, ${p.pipeline} commands`);
  if (p.comments) out.push('a comment');
  const els = [...p.elements];
  const name = els.shift();
  if (name?.type !== 'StringConstantExpressionAst' || name.quote !== 'BareWord' || name.value !== cmd.cmdlet) out.push(`command name ${JSON.stringify(name)}`);
  const single = (e: PsExpr | null | undefined, v: string) => e?.type === 'StringConstantExpressionAst' && e.quote === 'SingleQuoted' && e.value === v;
  for (const param of cmd.parameters) {
    const el = els.shift();
    if (el?.type !== 'param' || el.name !== param.name) {
      out.push(`-${param.name}: got ${JSON.stringify(el)}`);
      continue;
    }
    const v = param.value;
    if (typeof v === 'boolean') {
      if (el.argument?.type !== 'VariableExpressionAst' || el.argument.value !== String(v)) out.push(`-${param.name}: ${JSON.stringify(el.argument)}`);
      continue;
    }
    const arg = els.shift();
    if (typeof v === 'number') {
      if (arg?.type !== 'ConstantExpressionAst' || arg.value !== String(v)) out.push(`-${param.name}: ${JSON.stringify(arg)}`);
    } else if (typeof v === 'string') {
      if (!single(arg, v)) out.push(`-${param.name}: ${JSON.stringify(arg)} is not '${v}'`);
    } else if (v.length === 1) {
      if (!single(arg, v[0])) out.push(`-${param.name}: ${JSON.stringify(arg)}`);
    } else if (arg?.type !== 'ArrayLiteralAst' || arg.items?.length !== v.length || !v.every((x, i) => single(arg.items![i], x))) out.push(`-${param.name}: ${JSON.stringify(arg)}`);
  }
  if (els.length) out.push(`left over: ${JSON.stringify(els)}`);
  return out;
}

describe('command texts parse as the command itself, with hostile names', { skip: NO_PWSH }, () => {
  test('every cmdlet plan’s commandText is one command whose values are the parameters’ values, as constants', () => {
    const commands = allPlans()
      .filter((x) => x.plan.kind === 'cmdlet')
      .flatMap((x) => x.plan.commands.map((c) => ({ c, where: `${x.o.name}: ${x.plan.finding}`, hostile: x.o.hostile })));
    // The user plans too, on the lab org and with its names made hostile.
    for (const org of [lab, mapModelStrings(lab, hostile)]) {
      const ctx = buildUserRuleContext(org);
      for (const u of buildUserIndex(org).users.slice(0, 200)) {
        for (const p of planUserFixes(org, u.sipAddress, evaluateUser({ skype: u.skype, mailbox: u.mailbox }, ctx)))
          for (const c of p.commands) commands.push({ c, where: `user ${u.sipAddress}`, hostile: org !== lab });
      }
    }
    assert.ok(
      commands.some((x) => x.hostile && stringsOf(x.c).some((s) => s.includes(MARK))),
      'the hostile names reach the commands',
    );
    const texts = commands.map((x) => commandText(x.c));
    const parsed = parseWithPowerShell(texts).map(commandParse);
    assert.equal(parsed.length, texts.length);
    const failures = commands.flatMap((x, i) => problems(x.c, parsed[i]).map((p) => `${x.where}\n  ${texts[i]}\n  ${p}`));
    assert.deepEqual(failures, []);
  });
});

describe('plans applied together', () => {
  test("two plans that set one UM service's DialPlans: the later list keeps the earlier one's addition (R-D-01 then R-D-05 on DAL-EX-003)", async () => {
    const org = await loadSnapshotFile(LAB_PATH, 'lab');
    const findings = evaluateRules(org).filter((f) => f.rule === 'R-D-01' || (f.rule === 'R-D-05' && f.objects.some((o) => o.id === 'DAL-EX-003')));
    assert.deepEqual(
      findings.map((f) => f.rule),
      ['R-D-01', 'R-D-05'],
    );
    const lists = (plans: readonly FixPlan[]) =>
      plans.flatMap((p) =>
        p.commands
          .filter((c) => c.cmdlet === 'Set-UMService' && c.parameters.some((x) => x.name === 'Identity' && x.value === 'DAL-EX-003'))
          .map((c) => [...(c.parameters.find((x) => x.name === 'DialPlans')!.value as readonly string[])]),
      );
    const alone = findings.map((f) => lists([planFix(f, org)])[0]!);
    assert.ok(!alone[1]!.includes('Litware-Ext-SIP'), 'planned alone, R-D-05 knows nothing of the new dial plan');
    const together = lists(planFixes(findings, org));
    assert.deepEqual(together[0], alone[0]);
    assert.deepEqual(new Set(together[1]), new Set([...alone[0]!, ...alone[1]!]), 'the later list carries both additions');
    // Applied in order on the model, both dial plans end up answered by the server.
    const after = applyCommands(
      org,
      planFixes(findings, org).flatMap((p) => p.commands),
    );
    assert.deepEqual(
      evaluateRules(after).filter((f) => f.rule === 'R-D-05' && f.objects.some((o) => o.id === 'DAL-EX-003')),
      [],
    );
  });
});
