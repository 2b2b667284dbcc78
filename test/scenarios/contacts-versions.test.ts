/**
 * Scenarios of the Exchange UM contact rules (R-C-04, R-C-06, R-C-12), the Skype for Business Server 2019
 * rule (R-T-03) and the hosted voice mail policy a user inherits (R-U-12), each one change from the healthy
 * spec, with the seed sentence it rests on:
 * - contacts serve SIP URI dial plans only (seed 001): none is asked for a telephone-extension or E.164 dial
 *   plan, and one on such a dial plan's number is named;
 * - a missing contact whose proposed SIP address another contact holds gets that contact corrected, never a
 *   second contact with the same address (New-CsExUmContact refuses it; docs/contact-objects.md §2.1);
 * - one number on two contacts gets a fix;
 * - a Skype for Business Server 2019 pool has no Exchange UM (seed 000);
 * - hosted voice mail (seed 002: hosted Exchange UM) needs a policy: per-user, or the site's or the Global one
 *   with a Destination (New-CsHostedVoicemailPolicy: "Policies created at the site scope will be
 *   automatically assigned to the users homed on those sites").
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { OrgModel, SkypeUser } from '../../shared/model/org';
import { evaluateRules } from '../../shared/rules/engine';
import { contact, dialPlan, pbxDialPlan, standardEditionPool, type OrgSpec } from '../support/org-builder/org-spec';
import { AA_CONTACT_ID, DALLAS, DIAL_PLAN, OVA, orgWith, POOL, SA_CONTACT_ID } from '../support/org-builder/small-org';
import { runScenarios, type Scenario } from './scenario-harness';

// ---------------------------------------------------------------- the seeds' sentences

const SIP_URI_001 = 'Créez un ou plusieurs plans de numérotation URI SIP de messagerie unifiée, chacun correspondant à un profil d’emplacement Lync Server.';
const CONTACTS_000 = 'crée des objets Contact Accès abonné et Standard automatique ;';
const OCSUMUTIL_001 = 'Exécutez la commande ocsumutil.exe qui crée les objets contact pour Outlook Voice Access et les standards automatiques.';
const SFB2019_000 =
  'La messagerie unifiée Exchange comme précédemment connue n’est plus disponible dans Skype Entreprise Server 2019, qui utilise le système téléphonique pour enregistrer les messages vocaux, puis laisser l’enregistrement dans la boîte aux lettres Exchange d’un utilisateur.';
const HOSTED_002 = 'Lorsque vous déployez la messagerie unifiée Exchange dans un environnement hébergé ou hybride, vous devez déployer des contrôleurs de frontière de session (SBC).';

// ---------------------------------------------------------------- changes of the healthy spec

const PBX = 'Litware-PBX';
const PBX_OVA = '+14255550150';
const PBX_PILOT = '+14255550151';
const SA_CN = '{sa-litware-sip}';
const AA_CN = '{aa-litware-main}';
const SE = 'dal-cs-se01.litwareinc.com';

/** A telephone-extension (or E.164) dial plan with an Outlook Voice Access number and an auto attendant. */
function addPbxDialPlan(s: OrgSpec, uriType: 'TelExtn' | 'E164' = 'TelExtn'): void {
  s.exchange.dialPlans.push({ ...pbxDialPlan(PBX), uriType, ova: [PBX_OVA], autoAttendants: ['PBX AA'] });
  s.exchange.autoAttendants.push({ name: 'PBX AA', dialPlan: PBX, pilots: [PBX_PILOT], enabled: true });
}

function addContact(s: OrgSpec, cn: string, number: string, autoAttendant: boolean): void {
  s.skype.contacts.push({ cn, displayName: cn, sip: `sip:${cn.replace(/[{}]/g, '')}@litwareinc.com`, number, autoAttendant, pool: POOL, enabled: true, ev: true });
}

const ALICE = 'sip:alice.martin@litwareinc.com';

/** The healthy org changed by `mutate`, Alice on hosted voice mail (Get-CsUser HostedVoiceMail True) with `grant` as her per-user policy. */
function hostedAlice(mutate: (s: OrgSpec) => void, grant = ''): OrgModel {
  const org = orgWith(mutate);
  const users = org.users.map((u): SkypeUser => (u.sipAddress.toLowerCase() === ALICE ? { ...u, hostedVoiceMail: true, hostedVoicemailPolicy: grant } : u));
  return { ...org, users };
}

const HOSTED = 'exum.litwareinc-hosted.com';

// ---------------------------------------------------------------- the scenarios

const CONTACT_SCENARIOS: readonly Scenario[] = [
  {
    id: 'contacts-01-telext-dial-plan-asks-no-contact',
    seed: '001',
    quote: SIP_URI_001,
    change: 'a telephone-extension UM dial plan with an Outlook Voice Access number and an auto attendant, no contact for either',
    build: () => orgWith((s) => addPbxDialPlan(s)),
    mustFire: [],
    mustNotFire: [{ rule: 'R-C-12' }, { rule: 'R-C-06' }],
  },
  {
    id: 'contacts-02-e164-dial-plan-asks-no-contact',
    seed: '001',
    quote: SIP_URI_001,
    change: 'an E.164 UM dial plan with an Outlook Voice Access number and an auto attendant, no contact for either',
    build: () => orgWith((s) => addPbxDialPlan(s, 'E164')),
    mustFire: [],
    mustNotFire: [{ rule: 'R-C-12' }, { rule: 'R-C-06' }],
  },
  {
    id: 'contacts-03-sa-contact-on-telext-number',
    seed: '001',
    quote: SIP_URI_001,
    change: 'a Subscriber Access contact carries the Outlook Voice Access number of the telephone-extension dial plan',
    build: () =>
      orgWith((s) => {
        addPbxDialPlan(s);
        addContact(s, '{sa-pbx}', PBX_OVA, false);
      }),
    mustFire: [{ rule: 'R-C-06', object: `umDialPlan:${PBX}` }],
    mustNotFire: [{ rule: 'R-C-12' }],
  },
  {
    id: 'contacts-04-aa-contact-on-e164-pilot',
    seed: '001',
    quote: SIP_URI_001,
    change: 'an Auto Attendant contact carries the pilot of an auto attendant of the E.164 dial plan',
    build: () =>
      orgWith((s) => {
        addPbxDialPlan(s, 'E164');
        addContact(s, '{aa-pbx}', PBX_PILOT, true);
      }),
    mustFire: [{ rule: 'R-C-06', object: `umDialPlan:${PBX}` }],
    mustNotFire: [{ rule: 'R-C-12' }],
  },
  {
    id: 'contacts-05-sip-dial-plan-without-sa-contact',
    seed: '000',
    quote: CONTACTS_000,
    change: 'the Subscriber Access contact of the SIP URI dial plan is removed',
    build: () => orgWith((s) => (s.skype.contacts = s.skype.contacts.filter((c) => c.cn !== SA_CN))),
    mustFire: [{ rule: 'R-C-12', object: `umDialPlan:${DIAL_PLAN}` }],
    mustNotFire: [{ rule: 'R-C-06' }, { rule: 'R-C-04' }],
  },
  {
    id: 'contacts-06-proposed-sip-address-held-by-a-contact',
    seed: '001',
    quote: OCSUMUTIL_001,
    change: 'the Subscriber Access contact (sip:Litware-SIP.SA@…) carries another number: the OVA number has no contact, and its address is taken',
    build: () => orgWith((s) => (contact(s, SA_CN).number = '+14255550111')),
    mustFire: [
      { rule: 'R-C-12', object: `umDialPlan:${DIAL_PLAN}` },
      { rule: 'R-C-06', object: `exUmContact:${SA_CONTACT_ID}` },
    ],
    mustNotFire: [{ rule: 'R-C-02' }],
  },
  {
    id: 'contacts-07-one-number-two-contacts',
    seed: '000',
    quote: CONTACTS_000,
    change: 'the Auto Attendant contact carries the Outlook Voice Access number too',
    build: () => orgWith((s) => (contact(s, AA_CN).number = OVA)),
    mustFire: [{ rule: 'R-C-04', object: `exUmContact:${AA_CONTACT_ID}` }],
    mustNotFire: [],
  },
  {
    id: 'contacts-08-two-sip-dial-plans-each-its-own-number',
    seed: '001',
    quote: SIP_URI_001,
    change: 'a second SIP URI dial plan with its own OVA number and its own Subscriber Access contact (numbers differ only in their last digit)',
    build: () =>
      orgWith((s) => {
        s.exchange.dialPlans.push({ ...dialPlan(s, DIAL_PLAN), name: 'Litware-SIP-2', ova: ['+14255550101'], autoAttendants: [], gateways: [] });
        addContact(s, '{sa-litware-sip-2}', '+14255550101', false);
      }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-C-04' }, { rule: 'R-C-06' }, { rule: 'R-C-12', object: 'umDialPlan:Litware-SIP-2' }],
  },
];

const VERSION_SCENARIOS: readonly Scenario[] = [
  {
    id: 'versions-01-sfb2019-pool-wired-to-um',
    seed: '000',
    quote: SFB2019_000,
    versions: 'Exchange 2016 + Skype for Business Server 2019',
    change: 'the Front End pool runs Skype for Business Server 2019 (Registrar version 7); its UM IP gateway and both contacts stay',
    build: () => orgWith((s) => (s.skype.pools[0].registrarVersion = 7)),
    mustFire: [{ rule: 'R-T-03', object: `skypePool:${POOL}` }],
    mustNotFire: [],
  },
  {
    id: 'versions-02-sfb2019-pool-without-um',
    seed: '000',
    quote: SFB2019_000,
    versions: 'Exchange 2016 + Skype for Business Server 2015 and 2019',
    change: 'a Skype for Business Server 2019 Standard Edition server in Dallas, with no UM IP gateway and no contact',
    build: () =>
      orgWith((s) => {
        s.skype.sites.push({ ...DALLAS });
        s.skype.pools.push(standardEditionPool(SE, 'Dallas', 7));
      }),
    mustFire: [],
    mustNotFire: [{ rule: 'R-T-03' }],
  },
  {
    id: 'versions-03-lync2013-pool-keeps-um',
    seed: '000',
    quote: SFB2019_000,
    versions: 'Exchange 2016 + Lync Server 2013',
    change: 'the Front End pool runs Lync Server 2013 (Registrar version 5)',
    build: () => orgWith((s) => (s.skype.pools[0].registrarVersion = 5)),
    mustFire: [],
    mustNotFire: [{ rule: 'R-T-03' }],
  },
];

const HOSTED_SCENARIOS: readonly Scenario[] = [
  {
    id: 'hosted-vm-01-no-policy',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice uses hosted voice mail; no per-user grant, and the Global policy (always there) has no Destination',
    build: () => hostedAlice(() => {}),
    mustFire: [{ rule: 'R-U-12' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-12'] },
  },
  {
    id: 'hosted-vm-02-per-user-grant',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice uses hosted voice mail with the per-user policy Tag:ExUM-Hosted granted',
    build: () => hostedAlice((s) => (s.skype.hostedVoicemailPolicies = [{ identity: 'Global' }, { identity: 'Tag:ExUM-Hosted', destination: HOSTED }]), 'Tag:ExUM-Hosted'),
    mustFire: [],
    mustNotFire: [{ rule: 'R-U-12' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'hosted-vm-03-site-policy-of-her-pool',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice uses hosted voice mail with no grant; the Atlanta site policy (her pool’s site) has a Destination',
    build: () => hostedAlice((s) => (s.skype.hostedVoicemailPolicies = [{ identity: 'Global' }, { identity: 'Site:Atlanta', destination: HOSTED }])),
    mustFire: [],
    mustNotFire: [{ rule: 'R-U-12' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'hosted-vm-04-global-policy',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice uses hosted voice mail with no grant; the Global policy has a Destination',
    build: () => hostedAlice((s) => (s.skype.hostedVoicemailPolicies = [{ identity: 'Global', destination: HOSTED, organization: 'litwareinc.onmicrosoft.com' }])),
    mustFire: [],
    mustNotFire: [{ rule: 'R-U-12' }],
    userExpectation: { sipAddress: ALICE, verdict: 'works' },
  },
  {
    id: 'hosted-vm-05-site-policy-of-another-site',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice (Atlanta) uses hosted voice mail with no grant; only the Dallas site policy has a Destination',
    build: () => hostedAlice((s) => (s.skype.hostedVoicemailPolicies = [{ identity: 'Global' }, { identity: 'Site:Dallas', destination: HOSTED }])),
    mustFire: [{ rule: 'R-U-12' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-12'] },
  },
  {
    id: 'hosted-vm-06-her-site-policy-routes-nowhere',
    seed: '002',
    quote: HOSTED_002,
    change: 'Alice uses hosted voice mail with no grant; the Atlanta site policy, which replaces the Global one for her, has no Destination',
    build: () => hostedAlice((s) => (s.skype.hostedVoicemailPolicies = [{ identity: 'Global', destination: HOSTED }, { identity: 'Site:Atlanta' }])),
    mustFire: [{ rule: 'R-U-12' }],
    mustNotFire: [],
    userExpectation: { sipAddress: ALICE, verdict: 'fails', reasons: ['R-U-12'] },
  },
];

runScenarios('Exchange UM contacts: SIP URI dial plans only, one address, one number (seeds 000, 001)', CONTACT_SCENARIOS);
runScenarios('Skype for Business Server 2019 has no Exchange UM (seed 000)', VERSION_SCENARIOS);
runScenarios('Hosted voice mail: a per-user, site or Global policy (seed 002)', HOSTED_SCENARIOS);

// ---------------------------------------------------------------- the fixes those scenarios get

const fixesOf = (org: OrgModel, rule: string) => evaluateRules(org).filter((f) => f.rule === rule);

describe('the fixes of the contact scenarios', () => {
  test('contacts-06: the contact holding the address is corrected; no New-CsExUmContact with an address in use is offered', () => {
    const org = CONTACT_SCENARIOS.find((s) => s.id === 'contacts-06-proposed-sip-address-held-by-a-contact')!.build();
    const [f] = fixesOf(org, 'R-C-12');
    assert.deepEqual(f.fix, [`Set-CsExUmContact -Identity '${SA_CONTACT_ID}' -DisplayNumber '${OVA}'`]);
  });

  test('contacts-05: with the address free, the new contact is offered', () => {
    const org = CONTACT_SCENARIOS.find((s) => s.id === 'contacts-05-sip-dial-plan-without-sa-contact')!.build();
    const [f] = fixesOf(org, 'R-C-12');
    assert.equal(f.fix.length, 1);
    assert.match(f.fix[0], /^New-CsExUmContact -SipAddress 'sip:Litware-SIP\.SA@litwareinc\.com' /);
  });

  test('contacts-07: the contact that answers the number keeps it; the other is the one the fix names', () => {
    const org = CONTACT_SCENARIOS.find((s) => s.id === 'contacts-07-one-number-two-contacts')!.build();
    const [f] = fixesOf(org, 'R-C-04');
    assert.equal(f.message.params.keeper, 'Subscriber Access');
    assert.deepEqual(f.fix, [`Remove-CsExUmContact -Identity '${AA_CONTACT_ID}'   # or Set-CsExUmContact -DisplayNumber with the number it should answer`]);
    assert.ok(!f.fix.some((x) => x.includes(SA_CONTACT_ID)));
  });

  test('versions-01: no pool of an earlier version to move the contacts to, so no move is offered', () => {
    const org = VERSION_SCENARIOS[0].build();
    assert.deepEqual(fixesOf(org, 'R-T-03')[0].fix, []);
  });
});
