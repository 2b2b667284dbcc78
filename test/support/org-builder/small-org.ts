/**
 * The small hand-made org of the rule tests: `healthySpec()` is a minimal org (an `OrgSpec`,
 * org-spec.ts) on which no rule fires; a test copies it, breaks one thing and checks the one rule
 * that must notice — so every rule test also exercises the decoder. The helpers below run one rule
 * and compare what it finds.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import { ORG_RULE_BY_ID as RULE_BY_ID } from '../../../shared/diagnostics/registry';
import type { OrgModel, KnownVoipSecurity as VoipSecurity } from '../../../shared/model/org';
import type { OrgRuleDefinition } from '../../../shared/rules/rule';
import { evaluateRules } from '../../../shared/rules/engine';
import { variantOf } from '../diagnostics';
import { labOrg } from '../lab';
import {
  buildOrg,
  CERT,
  exchange2016,
  exchUcUtilPermissions,
  frontEndPool,
  gateway,
  type OrgSpec,
  pbxDialPlan,
  type PoolSpec,
  poolGateway,
  type SiteSpec,
  type UmDialPlanSpec,
  type UmGatewaySpec,
  umUser,
} from './org-spec';

// ---------------------------------------------------------------- the healthy org

export const POOL = 'atl-cs-001.litwareinc.com';
export const FE = ['atl-fe-01.litwareinc.com', 'atl-fe-02.litwareinc.com', 'atl-fe-03.litwareinc.com'];
export const DIAL_PLAN = 'Litware-SIP';
export const OVA = '+14255550100';
export const AA = 'Litware Main AA';
export const AA_PILOT = '+14255550199';
export const OU = 'OU=RTC Special Accounts,DC=litwareinc,DC=com';
export const SA_CONTACT_ID = `CN={sa-litware-sip},${OU}`;
export const AA_CONTACT_ID = `CN={aa-litware-main},${OU}`;

/**
 * A minimal org where no rule fires:
 * - Exchange 2016 ATL-EX-001 (atl-exchange-001.litwareinc.com, CA-issued certificate naming it) and
 *   ATL-EX-002 (its FQDN is mail.litwareinc.com so the CA-issued mail certificate names it: the lab
 *   has one CA-issued UM certificate only, and two UM servers keep R-T-02 quiet). Both Mailbox +
 *   ClientAccess, UM and call router Dual, both answering the one SIP dial plan.
 * - UM dial plan Litware-SIP: SIP URI, Secured, OVA +14255550100, auto attendant Litware Main AA.
 * - Gateway 1:1 = the SfB 2015 Front End pool atl-cs-001 (3 Front Ends), hunt group pilot Litware-SIP,
 *   the only gateway so it keeps outcalls.
 * - Global media RequireEncryption; Skype dial plan named the PhoneContext; SA and AA contacts.
 * - OAuth: Autodiscover URL to autodiscover.svc, the same 2048-bit OAuthTokenIssuer on each Front End,
 *   partner applications right on both sides; ExchUcUtil's AD permissions.
 * - Four users on the pool, three EV with UM mailboxes on the two 2016 servers.
 */
export function healthySpec(): OrgSpec {
  const domain = 'litwareinc.com';
  return {
    organization: 'Litware',
    netbios: 'LITWARE',
    domain,
    exchange: {
      servers: [
        exchange2016(
          'ATL-EX-001',
          'atl-exchange-001.litwareinc.com',
          [DIAL_PLAN],
          [
            { subject: CERT.umAtl001, services: 'UM, UMCallRouter' },
            { subject: CERT.exchangeAuth, services: 'SMTP' },
          ],
        ),
        exchange2016('ATL-EX-002', 'mail.litwareinc.com', [DIAL_PLAN], [{ subject: CERT.mail, services: 'IIS, SMTP, UM, UMCallRouter' }]),
      ],
      dialPlans: [
        {
          name: DIAL_PLAN,
          uriType: 'SipName',
          voipSecurity: 'Secured',
          domain,
          digits: 4,
          ova: [OVA],
          gateways: ['1:1'],
          autoAttendants: [AA],
          policies: [`${DIAL_PLAN} Default Policy`],
          umServers: [],
          country: '1',
        },
      ],
      gateways: [{ name: '1:1', address: POOL, port: 5060, status: 'Enabled', outcalls: true, mwi: true, huntGroups: [{ name: DIAL_PLAN, dialPlan: DIAL_PLAN, pilot: DIAL_PLAN }] }],
      autoAttendants: [{ name: AA, dialPlan: DIAL_PLAN, pilots: [AA_PILOT], enabled: true }],
      mailboxPolicies: [{ name: `${DIAL_PLAN} Default Policy`, dialPlan: DIAL_PLAN }],
      partnerApplications: [{ name: 'LyncEnterprise-ApplicationAccount', metadataUrl: `https://${POOL}/metadata/json/1`, enabled: true }],
      permissions: exchUcUtilPermissions('Litware', 'LITWARE'),
    },
    skype: {
      sites: [{ name: 'Atlanta', siteId: 1, kind: 'CentralSite' }],
      pools: [frontEndPool(POOL, 'Atlanta', [...FE])],
      mediaConfigurations: [{ identity: 'Global', encryption: 'RequireEncryption' }],
      dialPlans: [
        { identity: 'Global', simpleName: 'DefaultProfile' },
        { identity: `${DIAL_PLAN}.${domain}`, simpleName: DIAL_PLAN },
      ],
      contacts: [
        { cn: '{sa-litware-sip}', displayName: 'Subscriber Access', sip: `sip:${DIAL_PLAN}.SA@${domain}`, number: OVA, autoAttendant: false, pool: POOL, enabled: true, ev: true },
        { cn: '{aa-litware-main}', displayName: AA, sip: `sip:LitwareMainAA@${domain}`, number: AA_PILOT, autoAttendant: true, pool: POOL, enabled: true, ev: true },
      ],
      certificates: FE.flatMap((computer) => [
        { computer, use: 'Default', subject: CERT.atlPool },
        { computer, use: 'OAuthTokenIssuer', subject: CERT.oauth },
      ]),
      oauth: { autodiscoverUrl: `https://autodiscover.${domain}/autodiscover/autodiscover.svc`, realm: domain },
      partnerApplications: [{ identity: 'Exchange', metadataUrl: `https://autodiscover.${domain}/autodiscover/metadata/json/1`, trust: 'Full', enabled: true }],
    },
    users: [
      umUser('alice.martin', 'Alice Martin', POOL, 'ATL-EX-001', DIAL_PLAN, '1001'),
      umUser('bruno.dubois', 'Bruno Dubois', POOL, 'ATL-EX-002', DIAL_PLAN, '1002'),
      umUser('megan.obrien', "Megan O'Brien", POOL, 'ATL-EX-001', DIAL_PLAN, '1003'),
      { alias: 'omar.kim', displayName: 'Omar Kim', pool: POOL, enabled: true, ev: false, extension: '1004', mailbox: { server: 'ATL-EX-002', um: null } },
    ],
  };
}

/** healthySpec(), changed by `mutate`, built. */
export function orgWith(mutate: (spec: OrgSpec) => void): OrgModel {
  const spec = healthySpec();
  mutate(spec);
  return buildOrg(spec);
}

// ---------------------------------------------------------------- editors of the healthy spec

/** A second SIP dial plan answered by every server of the healthy spec, with a pool hunt group on 1:1. */
export function addSipDialPlan(spec: OrgSpec, name: string, voipSecurity: VoipSecurity = 'Secured'): UmDialPlanSpec {
  const d: UmDialPlanSpec = { ...pbxDialPlan(name, spec.domain), uriType: 'SipName', voipSecurity, gateways: ['1:1'] };
  spec.exchange.dialPlans.push(d);
  for (const s of spec.exchange.servers) {
    s.umService?.dialPlans.push(name);
    s.callRouter?.dialPlans.push(name);
  }
  gateway(spec, '1:1').huntGroups.push({ name, dialPlan: name, pilot: name });
  spec.skype.dialPlans.push({ identity: `${name}.${spec.domain}`, simpleName: name });
  return d;
}

/** Adds a second pool (and its site when new) and links it to the healthy dial plan through `gatewayName`. */
export function addPoolWithGateway(spec: OrgSpec, pool: PoolSpec, site: SiteSpec, gatewayName: string, o: { outcalls: boolean; mwi: boolean }): UmGatewaySpec {
  if (!spec.skype.sites.some((x) => x.name === site.name)) spec.skype.sites.push({ ...site });
  spec.skype.pools.push(pool);
  const g = poolGateway(
    gatewayName,
    pool.fqdn,
    spec.exchange.dialPlans.filter((d) => d.uriType === 'SipName').map((d) => d.name),
    o,
  );
  spec.exchange.gateways.push(g);
  for (const d of spec.exchange.dialPlans) if (d.uriType === 'SipName') d.gateways.push(gatewayName);
  return g;
}

export const DALLAS: SiteSpec = { name: 'Dallas', siteId: 2, kind: 'CentralSite' };
export const BRANCH: SiteSpec = { name: 'Redmond-Branch', siteId: 3, kind: 'BranchOffice', parent: 'Atlanta' };

// ---------------------------------------------------------------- one rule at a time

/** The findings of one rule only. */
export function findingsOf(ruleId: string, org: OrgModel): Diagnostic[] {
  const rule = RULE_BY_ID.get(ruleId);
  if (!rule) throw new Error(`no rule ${ruleId} in RULES`);
  return evaluateRules(org, [rule]);
}

/** The one finding of a list (fails the test, with the list, when there is not exactly one). */
export function only(findings: readonly Diagnostic[]): Diagnostic {
  assert.equal(findings.length, 1, `expected one finding, got ${findings.length}: ${JSON.stringify(findings, null, 1)}`);
  return findings[0];
}

/** `variant|first object + second object`: enough to tell the findings of one rule apart. */
export function signature(f: Diagnostic): string {
  return `${variantOf(f)}|${objectKeys(f).slice(0, 2).join(' + ')}`;
}

/** Signatures of what one rule finds in the lab org, sorted. */
export function labSignatures(ruleId: string): string[] {
  return findingsOf(ruleId, labOrg()).map(signature).sort();
}

/** `kind:id` of each object a finding names, in order. */
export function objectKeys(f: Diagnostic): string[] {
  return f.objects.map((o) => `${o.kind}:${o.id}`);
}

/**
 * The two baselines every rule test file starts with: each rule silent on the healthy spec, and
 * firing on the lab only on the faults the lab made on purpose (`variant|kind:id + …` signatures).
 */
export function ruleBaselines(area: string, rules: readonly OrgRuleDefinition[], labExpected: Readonly<Record<string, readonly string[]>>): void {
  const healthyOrg = buildOrg(healthySpec());
  describe(`${area} on the healthy spec`, () => {
    for (const rule of rules) test(`${rule.id} is silent on the healthy spec`, () => assert.deepEqual(evaluateRules(healthyOrg, [rule]), []));
  });
  describe(`${area} on the lab: only the faults the lab made on purpose`, () => {
    for (const rule of rules) {
      test(`${rule.id} fires only on the lab's deliberate faults`, () => {
        const expected = labExpected[rule.id] ?? assert.fail(`no lab expectation for ${rule.id}`);
        assert.deepEqual(labSignatures(rule.id), [...expected].sort());
      });
    }
  });
}

/** The one finding `ruleId` raises on `org`, checked for severity, variant and the objects it names (in order). */
export function expectOne(org: OrgModel, ruleId: string, expected: { severity: Diagnostic['severity']; variant: string; objects: readonly string[] }): Diagnostic {
  const f = only(findingsOf(ruleId, org));
  assert.equal(f.severity, expected.severity);
  assert.equal(variantOf(f), expected.variant);
  assert.deepEqual(objectKeys(f), expected.objects);
  return f;
}
