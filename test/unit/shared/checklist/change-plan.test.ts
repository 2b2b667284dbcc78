/**
 * The change plan (shared/checklist/change-plan.ts): only the steps not done, with the exact commands of
 * their findings' plans (real planner) and the hand steps; the HTML self-contained (no script, no
 * external resource) with every value escaped — object names from the directory may hold markup; the
 * CSV guarded against formulas and in the reader's locale.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { changePlanCsv, changePlanHtml, changePlanRows, MAX_HTML_ITEMS } from '../../../../shared/checklist/change-plan';
import { buildChecklist } from '../../../../shared/checklist/checklist';
import type { Checklist } from '../../../../shared/checklist/checklist-model';
import { type FixPlan, findingKey } from '../../../../shared/fixes/fix-model';
import { planFixes } from '../../../../shared/fixes/fix-planner';
import type { OrgModel } from '../../../../shared/model/org';
import { evaluateRules } from '../../../../shared/rules/engine';
import { buildOrg, gateway } from '../../../support/org-builder/org-spec';
import { healthySpec } from '../../../support/org-builder/small-org';

const HOSTILE = `<img src=x onerror="alert('1')">&`;

function planOf(org: OrgModel): { checklist: Checklist; plans: Map<string, FixPlan> } {
  const findings = evaluateRules(org);
  const plans = new Map(planFixes(findings, org).map((p) => [p.finding, p]));
  return { checklist: buildChecklist(org, findings, plans), plans };
}

const META = { source: { kind: 'snapshot' as const, label: `org ${HOSTILE}`, readAt: '2026-12-06T10:00:00Z', powerShellVersion: '5.1' }, generatedAt: '2026-12-06T11:00:00Z' };

describe('the change plan', () => {
  it('a healthy org: "nothing to change", no table', () => {
    const { checklist, plans } = planOf(buildOrg(healthySpec()));
    assert.deepEqual(changePlanRows(checklist, plans, 'en'), []);
    const html = changePlanHtml(checklist, plans, 'en', META);
    assert.match(html, /Every step is done: nothing to change\./);
    assert.doesNotMatch(html, /<table>/);
  });

  it('a disabled gateway with a hostile name: its step with the exact Enable-UMIPGateway command, every value escaped, nothing that loads or runs', () => {
    const s = healthySpec();
    const g = gateway(s, '1:1');
    g.status = 'Disabled';
    const org = buildOrg(s);
    const { checklist, plans } = planOf(org);
    const rows = changePlanRows(checklist, plans, 'en');
    assert.deepEqual(
      rows.map((r) => r.title),
      ['Create and configure the UM IP gateways'],
    );
    const finding = evaluateRules(org).find((f) => f.rule === 'R-G-09')!;
    const plan = plans.get(findingKey(finding))!;
    assert.equal(plan.kind, 'cmdlet');
    assert.ok(plan.commands.length > 0);
    assert.ok(rows[0]!.commands.length > 0);
    assert.match(rows[0]!.commands[0]!, /UMIPGateway -Identity '1:1'/);

    const html = changePlanHtml(checklist, plans, 'en', META);
    assert.ok(html.startsWith('<!DOCTYPE html>'));
    assert.match(html, /Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"/);
    assert.doesNotMatch(html, /<script|<link|<img|<iframe|<[^>]*\s(?:src|href|on\w+)=/i);
    assert.ok(html.includes('org &lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;'));
    assert.match(html, /<code>Enable-UMIPGateway -Identity &#39;1:1&#39;/);
  });

  it('hostile object names in the missing items are escaped (a gateway named with markup)', () => {
    const s = healthySpec();
    const g = gateway(s, '1:1');
    g.status = 'Disabled';
    g.name = HOSTILE;
    s.exchange.dialPlans[0]!.gateways = [HOSTILE];
    const { checklist, plans } = planOf(buildOrg(s));
    const html = changePlanHtml(checklist, plans, 'en', META);
    assert.doesNotMatch(html, /<img/);
    assert.ok(html.includes('&lt;img src=x onerror=&quot;alert(&#39;1&#39;)&quot;&gt;&amp;'));
  });

  it('CSV: one row per step not done, a formula-like cell guarded, `;` and a BOM in French', () => {
    const checklist: Checklist = {
      exchange: 'Exchange 2016',
      skype: 'Skype for Business Server 2015',
      done: 0,
      total: 1,
      steps: [
        {
          id: 'um.gateways',
          order: 1,
          title: { key: 'checklist.step.um.gateways.title', params: {} },
          what: { key: 'checklist.step.um.gateways.what', params: {} },
          role: 'ExchangeUmAdministrator',
          seed: '004',
          status: 'partly',
          missing: [{ key: 'checklist.missing.device', params: { name: 'x', address: 'y' } }],
          impact: null,
          rules: ['R-G-09'],
          manual: false,
          instructions: null,
          check: '=HYPERLINK("http://evil")',
          action: { kind: 'cmdlet', findings: ['k'] },
        },
      ],
    };
    const plan: FixPlan = {
      finding: 'k',
      rule: 'R-G-09',
      kind: 'cmdlet',
      commands: [{ shell: 'exchange', cmdlet: '-2+3+cmd', parameters: [], target: null, changes: [], whatIf: false }],
      manual: [],
      meanwhile: [],
      whyManual: null,
      role: 'ExchangeOrganizationAdministrator',
    };
    const csv = changePlanCsv(checklist, new Map([['k', plan]]), 'fr');
    assert.ok(csv.startsWith('\uFEFFN°;Étape;État;Qui;'));
    const row = csv.split('\r\n')[1]!;
    assert.ok(row.includes(`;'-2+3+cmd;`), row);
    assert.ok(row.endsWith(`"'=HYPERLINK(""http://evil"")"`), row);
    assert.equal(csv.split('\r\n').filter(Boolean).length, 2);
  });

  it('a step with more commands than a page: the HTML lists MAX_HTML_ITEMS and says how many more, the CSV every one', () => {
    const n = MAX_HTML_ITEMS + 7;
    const keys = Array.from({ length: n }, (_, i) => `R-U-02|user:sip:u${i}@x`);
    const plans = new Map<string, FixPlan>(
      keys.map((k, i) => [
        k,
        {
          finding: k,
          rule: 'R-U-02',
          kind: 'cmdlet',
          commands: [
            {
              shell: 'skype',
              cmdlet: 'Set-CsUser',
              parameters: [
                { name: 'Identity', value: `sip:u${i}@x` },
                { name: 'EnterpriseVoiceEnabled', value: true },
              ],
              target: null,
              changes: [],
              whatIf: true,
            },
          ],
          manual: [],
          meanwhile: [],
          whyManual: null,
          role: 'RTCUniversalUserAdmins',
        },
      ]),
    );
    const checklist: Checklist = {
      exchange: 'Exchange 2016',
      skype: 'Skype for Business Server 2015',
      done: 0,
      total: 1,
      steps: [
        {
          id: 'skype.enterprise-voice',
          order: 1,
          title: { key: 'checklist.step.skype.enterprise-voice.title', params: {} },
          what: { key: 'checklist.step.skype.enterprise-voice.what', params: {} },
          role: 'RTCUniversalUserAdmins',
          seed: '000',
          status: 'partly',
          missing: [],
          impact: null,
          rules: ['R-U-02'],
          manual: false,
          instructions: null,
          check: null,
          action: { kind: 'cmdlet', findings: keys },
        },
      ],
    };
    const html = changePlanHtml(checklist, plans, 'en', META);
    assert.equal(html.match(/<code>Set-CsUser /g)?.length, MAX_HTML_ITEMS);
    assert.match(html, /… and 7 more \(the CSV export lists every one\)/);
    assert.equal(changePlanCsv(checklist, plans, 'en').match(/Set-CsUser /g)?.length, n);
  });
});
