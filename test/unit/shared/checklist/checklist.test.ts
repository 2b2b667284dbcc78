/**
 * The deployment checklist (shared/checklist/checklist.ts) over the three healthy baselines of the
 * scenarios (Exchange 2010 SP3 + Lync 2013, Exchange 2013 + Lync 2013, Exchange 2016 + Skype for
 * Business 2015): every step done and the version's own list; one change from a baseline makes exactly
 * the expected step partly / not done with the missing item named; a section not read makes its steps
 * not judged; the lab org's statuses; the action's kind from the real planner (shared/fixes/fix-planner.ts).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { buildChecklist, MAX_MISSING, STEP_DEFINITIONS, checklistRules, rulesOutsideChecklist } from '../../../../shared/checklist/checklist';
import type { Checklist, ChecklistStep } from '../../../../shared/checklist/checklist-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { ORG_RULE_BY_ID } from '../../../../shared/diagnostics/registry';
import { type FixPlan, findingKey } from '../../../../shared/fixes/fix-model';
import { planFix, planUserFixes } from '../../../../shared/fixes/fix-planner';
import { hasMessage, renderMessage } from '../../../../shared/i18n/translate';
import type { OrgModel, SectionKey } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { USER_RULE_BY_ID } from '../../../../shared/users/user-rules';
import { exchange2010Lync2013Spec, exchange2013Lync2013Spec } from '../../../scenarios/baselines';
import { labOrg } from '../../../support/lab';
import { ROOT } from '../../../support/paths';
import { buildOrg, frontEndPool, gateway, type OrgSpec, pbxGateway, umUser, V2010_RTM } from '../../../support/org-builder/org-spec';
import { DALLAS, healthySpec } from '../../../support/org-builder/small-org';

/** The real planner, as the service passes it: a user's reason by its key's SIP address. */
function plannerOf(org: OrgModel) {
  return (d: Diagnostic, key: string): FixPlan => {
    const user = key.startsWith(`${d.rule}|user:`) ? key.slice(d.rule.length + '|user:'.length) : null;
    return user !== null ? planUserFixes(org, user, [d])[0]! : planFix(d, org);
  };
}

function checklistOf(org: OrgModel): Checklist {
  return buildChecklist(org, evaluateRules(org), plannerOf(org));
}

function build(spec: OrgSpec): Checklist {
  return checklistOf(buildOrg(spec));
}

const step = (c: Checklist, id: string): ChecklistStep => c.steps.find((s) => s.id === id) ?? assert.fail(`no step ${id} in ${c.steps.map((s) => s.id).join(', ')}`);
const statuses = (c: Checklist) => Object.fromEntries(c.steps.map((s) => [s.id, s.status]));
const missingText = (s: ChecklistStep) => s.missing.map((m) => renderMessage('en', m));

/** Every step done but `id`, whose status is `status`. */
function onlyStep(c: Checklist, id: string, status: ChecklistStep['status']): ChecklistStep {
  const expected = Object.fromEntries(c.steps.map((s) => [s.id, s.id === id ? status : 'done']));
  assert.deepEqual(statuses(c), expected);
  return step(c, id);
}

const COMMON_HEAD = [
  'exchange.um-servers',
  'exchange.certificates',
  'exchange.certificate-services',
  'um.sip-dial-plan',
  'um.dial-plan-security',
  'um.servers-in-dial-plan',
  'um.startup-mode',
  'um.sip-addresses',
  'um.exchucutil',
  'um.outcalls',
  'um.gateways',
];

describe('the checklist on the healthy baselines: every step done, the version’s own list', () => {
  it('Exchange 2016 + Skype for Business Server 2015: seed 000’s steps with the server-to-server steps, no Exchange 2010 dial plan step', () => {
    const c = build(healthySpec());
    assert.equal(c.exchange, 'Exchange 2016');
    assert.equal(c.skype, 'Skype for Business Server 2015');
    assert.deepEqual(
      c.steps.map((s) => s.id),
      [...COMMON_HEAD, 'skype.ocsumutil', 'oauth.certificate', 'oauth.autodiscover', 'oauth.partner-applications', 'skype.enterprise-voice', 'um.enable-users'],
    );
    assert.ok(c.steps.every((s) => s.status === 'done' && s.action === null && s.missing.length === 0));
    assert.equal(c.done, c.total);
    assert.deepEqual(
      c.steps.map((s) => s.order),
      c.steps.map((_, i) => i + 1),
    );
    assert.equal(step(c, 'skype.ocsumutil').what.key, 'checklist.step.skype.ocsumutil.what.sfb2015');
    assert.equal(step(c, 'um.startup-mode').what.key, 'checklist.step.um.startup-mode.what.ex2013');
  });

  it('Exchange 2013 + Lync Server 2013: the same steps, OcsUmUtil from Lync Server 2013’s folder', () => {
    const c = build(exchange2013Lync2013Spec());
    assert.equal(c.exchange, 'Exchange 2013');
    assert.equal(c.skype, 'Lync Server 2013');
    assert.ok(
      c.steps.every((s) => s.status === 'done'),
      JSON.stringify(statuses(c)),
    );
    assert.equal(step(c, 'skype.ocsumutil').what.key, 'checklist.step.skype.ocsumutil.what.lync2013');
    assert.ok(c.steps.some((s) => s.id === 'oauth.autodiscover'));
  });

  it('Exchange 2010 SP3 + Lync Server 2013: the UM server role and Set-UMServer, the Skype dial plan named as the UM dial plan’s FQDN, no server-to-server steps', () => {
    const c = build(exchange2010Lync2013Spec());
    assert.equal(c.exchange, 'Exchange 2010');
    assert.deepEqual(
      c.steps.map((s) => s.id),
      [...COMMON_HEAD, 'skype.dial-plan-fqdn', 'skype.ocsumutil', 'skype.enterprise-voice', 'um.enable-users'],
    );
    assert.ok(
      c.steps.every((s) => s.status === 'done'),
      JSON.stringify(statuses(c)),
    );
    assert.equal(step(c, 'um.servers-in-dial-plan').what.key, 'checklist.step.um.servers-in-dial-plan.what.ex2010');
    assert.match(step(c, 'um.startup-mode').check ?? '', /^Get-UMServer /);
    assert.match(step(c, 'exchange.um-servers').check ?? '', /^Get-UMServer /);
  });
});

describe('one change from a baseline: exactly the expected step, the missing item named', () => {
  it('a second pool hosting Enterprise Voice users without a UM IP gateway: ExchUcUtil partly, naming the pool; its action is a cmdlet', () => {
    const s = healthySpec();
    s.skype.sites.push({ ...DALLAS });
    s.skype.pools.push(frontEndPool('dal-cs-002.litwareinc.com', DALLAS.name, ['dal-fe-01.litwareinc.com']));
    s.users.push({ alias: 'dana.ng', displayName: 'Dana Ng', pool: 'dal-cs-002.litwareinc.com', enabled: true, ev: true, extension: '1005', mailbox: null });
    const c = build(s);
    const x = step(c, 'um.exchucutil');
    assert.equal(x.status, 'partly');
    assert.deepEqual(x.rules, ['R-G-13', 'R-G-01', 'R-G-02']);
    assert.ok(
      missingText(x).some((t) => t.includes('dal-cs-002.litwareinc.com') && /no UM IP gateway/.test(t)),
      missingText(x).join('\n'),
    );
    assert.equal(x.action?.kind, 'cmdlet');
    assert.deepEqual(x.action?.findings, ['R-G-01|skypepool:dal-cs-002.litwareinc.com']);
  });

  it('a UM service in TLS mode instead of Dual: only the startup mode step, partly, with the restart by hand', () => {
    const s = healthySpec();
    s.exchange.servers[0]!.umService!.startupMode = 'TLS';
    const x = onlyStep(build(s), 'um.startup-mode', 'partly');
    assert.match(missingText(x)[0]!, /ATL-EX-001.*TLS/);
    assert.match(renderMessage('en', x.instructions!), /Restart-Service MSExchangeUM/);
    assert.equal(x.action?.kind, 'cmdlet');
  });

  it('a UM IP gateway disabled: only the gateways step, partly, naming it', () => {
    const s = healthySpec();
    gateway(s, '1:1').status = 'Disabled';
    const x = onlyStep(build(s), 'um.gateways', 'partly');
    assert.match(missingText(x).join('\n'), /1:1/);
  });

  it('an Enterprise Voice user whose mailbox is not UM-enabled: only "enable the users for UM", naming the mailbox', () => {
    const s = healthySpec();
    s.users.find((u) => u.alias === 'omar.kim')!.ev = true;
    const x = onlyStep(build(s), 'um.enable-users', 'partly');
    assert.deepEqual(x.action?.findings, ['R-U-03|user:sip:omar.kim@litwareinc.com']);
    assert.match(missingText(x).join('\n'), /omar\.kim@litwareinc\.com/);
  });

  it('a UM-enabled mailbox whose user is not enabled for Enterprise Voice: only the Enterprise Voice step; Set-CsUser makes it a cmdlet action', () => {
    const s = healthySpec();
    s.users.find((u) => u.alias === 'bruno.dubois')!.ev = false;
    const x = onlyStep(build(s), 'skype.enterprise-voice', 'partly');
    assert.equal(x.action?.kind, 'cmdlet');
    assert.deepEqual(x.rules, ['R-U-01', 'R-U-02', 'R-U-12']);
  });

  it('Exchange 2010 before SP1 without a Skype dial plan named as the UM dial plan’s FQDN: only that step, partly', () => {
    const s = exchange2010Lync2013Spec();
    for (const x of s.exchange.servers) x.version = V2010_RTM;
    s.skype.dialPlans = s.skype.dialPlans.filter((d) => d.identity === 'Global');
    const x = onlyStep(build(s), 'skype.dial-plan-fqdn', 'partly');
    assert.deepEqual(x.rules, ['R-C-11']);
    assert.match(missingText(x)[0]!, /Litware-SIP\.litwareinc\.com/);
  });

  it('no SIP URI dial plan at all: "create a SIP URI dial plan" not done, saying so first', () => {
    const s = healthySpec();
    s.exchange.dialPlans[0]!.uriType = 'TelExtn';
    const c = build(s);
    const x = step(c, 'um.sip-dial-plan');
    assert.equal(x.status, 'not-done');
    assert.equal(x.missing[0]!.key, 'checklist.missing.noSipDialPlan');
    assert.equal(step(c, 'um.dial-plan-security').status, 'not-done');
  });

  it('no UM IP gateway pointing at a pool: ExchUcUtil not done', () => {
    const s = healthySpec();
    s.exchange.gateways = [];
    s.exchange.dialPlans[0]!.gateways = [];
    const x = step(build(s), 'um.exchucutil');
    assert.equal(x.status, 'not-done');
    assert.equal(x.missing[0]!.key, 'checklist.missing.noPoolGateway');
  });

  it('a PBX behind a UM IP gateway: the gateway device step appears, done by hand, not judged, naming the device', () => {
    const s = healthySpec();
    s.exchange.gateways.push({ ...pbxGateway('PBX-ATL', 'pbx-atl.litwareinc.com', 'Litware-SIP', '5000'), outcalls: false });
    const c = build(s);
    const x = step(c, 'gateway.device');
    assert.equal(x.status, 'not-judged');
    assert.equal(x.manual, true);
    assert.equal(x.role, 'GatewayAdministrator');
    assert.match(missingText(x)[0]!, /PBX-ATL \(pbx-atl\.litwareinc\.com\)/);
    assert.equal(x.action, null);
    assert.equal(c.done, c.total - 1);
  });

  it('more missing items than a page: the first MAX_MISSING, then "… and N more"', () => {
    const s = healthySpec();
    const extra = MAX_MISSING + 5;
    for (let i = 0; i < extra; i++)
      s.users.push({ ...umUser(`ev.${i}`, `EV ${i}`, s.skype.pools[0]!.fqdn, 'ATL-EX-001', 'Litware-SIP', String(2000 + i)), mailbox: { server: 'ATL-EX-001', um: null } });
    const x = step(build(s), 'um.enable-users');
    assert.equal(x.missing.length, MAX_MISSING + 1);
    assert.equal(renderMessage('en', x.missing[MAX_MISSING]!), '… and 5 more.');
    assert.equal(x.action?.findings.length, extra);
  });
});

describe('sections not read: the steps that need them are not judged, naming them', () => {
  function notRead(org: OrgModel, ...keys: SectionKey[]): OrgModel {
    return { ...org, readState: Object.fromEntries(keys.map((k) => [k, { status: 'not-read' as const, notes: [] }])) };
  }

  it('Get-UMIPGateway not read: ExchUcUtil, outgoing calls and the gateways not judged; the dial plan steps still judged', () => {
    const c = checklistOf(notRead(buildOrg(healthySpec()), 'exchange.ipGateways'));
    for (const id of ['um.exchucutil', 'um.outcalls', 'um.gateways']) {
      const x = step(c, id);
      assert.equal(x.status, 'not-judged', id);
      assert.match(missingText(x)[0]!, /exchange\.ipGateways not read/);
    }
    assert.equal(step(c, 'um.startup-mode').status, 'done');
  });

  it('Get-CsUser not read: the user steps not judged', () => {
    const c = checklistOf(notRead(buildOrg(healthySpec()), 'skype.users'));
    assert.equal(step(c, 'skype.enterprise-voice').status, 'not-judged');
    assert.equal(step(c, 'um.enable-users').status, 'not-judged');
  });
});

describe('the lab org', () => {
  it('every step has its expected status (the lab’s deliberate faults), Exchange 2016 with Skype for Business Server 2015', () => {
    const c = checklistOf(labOrg());
    assert.equal(c.exchange, 'Exchange 2016');
    assert.equal(c.skype, 'Skype for Business Server 2015');
    assert.deepEqual(statuses(c), {
      'exchange.um-servers': 'partly',
      'exchange.certificates': 'partly',
      'exchange.certificate-services': 'partly',
      'um.sip-dial-plan': 'partly',
      'um.dial-plan-security': 'partly',
      'um.servers-in-dial-plan': 'partly',
      'um.startup-mode': 'partly',
      'um.sip-addresses': 'partly',
      'um.exchucutil': 'partly',
      'um.outcalls': 'partly',
      'um.gateways': 'partly',
      'gateway.device': 'not-judged',
      'skype.ocsumutil': 'partly',
      'oauth.certificate': 'partly',
      'oauth.autodiscover': 'partly',
      'oauth.partner-applications': 'done',
      'skype.enterprise-voice': 'partly',
      'um.enable-users': 'partly',
    });
    assert.equal(c.done, 1);
    // Certificates from a CA are done by hand whatever their findings' plans say.
    assert.equal(step(c, 'exchange.certificates').action?.kind, 'manual');
    assert.equal(step(c, 'um.exchucutil').action?.kind, 'cmdlet');
    assert.deepEqual(
      step(c, 'um.exchucutil').action?.findings.map((k) => k.split('|')[0]),
      ['R-G-13', 'R-G-01', 'R-G-02', 'R-G-02'],
    );
  });

  it('the action kind follows the plans: cmdlet only when every finding’s plan is one', () => {
    const org = labOrg();
    const findings = evaluateRules(org);
    const allManual = new Map<string, FixPlan>(findings.map((f) => [findingKey(f), { ...planFix(f, org), kind: 'manual' as const }]));
    const c = buildChecklist(org, findings, allManual);
    assert.ok(c.steps.every((s) => s.action === null || s.action.kind === 'manual'));
    const real = new Map<string, FixPlan>(findings.map((f) => [findingKey(f), planFix(f, org)]));
    assert.equal(step(buildChecklist(org, findings, real), 'um.outcalls').action?.kind, 'cmdlet');
  });
});

describe('the step table', () => {
  it('every rule a step rests on is in the catalogue (an org rule or a user rule)', () => {
    for (const r of checklistRules()) assert.ok(ORG_RULE_BY_ID.has(r) || USER_RULE_BY_ID.has(r), r);
  });

  it('the org rules no step rests on are the ones docs/checklist.md leaves to the Checks screen', () => {
    assert.deepEqual(rulesOutsideChecklist().sort(), ['R-C-01', 'R-C-02', 'R-C-03', 'R-C-04', 'R-C-05', 'R-C-07', 'R-C-08', 'R-C-11b', 'R-T-02', 'R-T-03']);
  });

  it('every step’s texts exist in both languages, for each version variant', () => {
    for (const d of STEP_DEFINITIONS) {
      const suffixes = d.variant === 'exchange' ? ['.ex2010', '.ex2013'] : d.variant === 'skype' ? ['.lync2013', '.sfb2015'] : [''];
      const keys = [
        `checklist.step.${d.id}.title`,
        ...suffixes.map((x) => `checklist.step.${d.id}.what${x}`),
        ...(d.instructions ? suffixes.map((x) => `checklist.step.${d.id}.instructions${x}`) : []),
      ];
      for (const k of keys) assert.ok(hasMessage(k), k);
    }
  });

  it('docs/checklist.md describes every step, with its id, its rules and a seed sentence', () => {
    const doc = readFileSync(join(ROOT, 'docs/checklist.md'), 'utf8');
    for (const d of STEP_DEFINITIONS) {
      const section = doc.split('\n### ').find((x) => x.includes(`\`${d.id}\``)) ?? assert.fail(`docs/checklist.md has no section for ${d.id}`);
      assert.match(section, new RegExp(`[Ss]eed ${d.seed} « `), d.id);
      for (const r of [...d.rules, ...(d.userRules ?? [])]) assert.ok(section.includes(r), `${d.id}: ${r}`);
    }
  });
});

describe('impact first: what each step breaks', () => {
  it('the lab: missing items ranked by the users their finding leaves without voice mail, and the step says how many at least', async () => {
    const { findingImpacts } = await import('../../../../shared/fixes/impact');
    const org = await labOrg();
    const findings = evaluateRules(org);
    const impacts = findingImpacts(org, findings);
    const c = buildChecklist(org, findings, plannerOf(org), impacts);
    const gateways = step(c, 'um.exchucutil');
    const keys = gateways.action?.findings ?? [];
    assert.ok(keys.length > 0);
    const counts = findings.filter((f) => ['R-G-01', 'R-G-02', 'R-G-13'].includes(f.rule)).map((f) => impacts.get(findingKey(f))?.users ?? 0);
    assert.equal(gateways.impact?.users, Math.max(...counts));
    assert.ok(gateways.impact!.users > 0, 'a pool without a gateway leaves its Enterprise Voice users without voice mail');
    // The missing items come in the order of their findings' impact (the most users first).
    const inOrder = findings
      .filter((f) => ['R-G-01', 'R-G-02', 'R-G-13'].includes(f.rule))
      .map((f) => ({ text: renderMessage('en', f.message), users: impacts.get(findingKey(f))?.users ?? 0 }))
      .sort((a, b) => b.users - a.users);
    assert.deepEqual(
      missingText(gateways).slice(0, inOrder.length),
      inOrder.map((x) => x.text),
    );
    // A done step breaks nothing; without impacts (the default) every count is 0.
    for (const s of c.steps) if (s.status === 'done') assert.equal(s.impact, null, s.id);
    assert.equal(step(buildChecklist(org, findings, plannerOf(org)), 'um.exchucutil').impact?.users, 0);
    // A user step counts its users once each.
    const ev = step(c, 'skype.enterprise-voice');
    assert.equal(ev.impact?.users, new Set((ev.action?.findings ?? []).map((k) => k.slice(k.indexOf('|user:')))).size);
  });
});
