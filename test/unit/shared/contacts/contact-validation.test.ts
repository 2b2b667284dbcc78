/** validateOperation: each R-C rule of the form firing and silent; removalConsequences. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContactDraft, ContactOperation } from '../../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { MAX_CONTACT_FIELD } from '../../../../shared/contacts/contact-model';
import { draftFromContact, removalConsequences, validateOperation, type ValidationContext } from '../../../../shared/contacts/contact-validation';
import type { ExUmContact, OrgModel } from '../../../../shared/model/org';
import { renderMessage, translateDynamic } from '../../../../shared/i18n/translate';
import { buildOrg, contact, frontEndPool, pbxDialPlan } from '../../../support/org-builder/org-spec';
import { AA, AA_CONTACT_ID, AA_PILOT, DIAL_PLAN, healthySpec, OU, OVA, orgWith, POOL, SA_CONTACT_ID } from '../../../support/org-builder/small-org';
import { addDallasPool, DALLAS_POOL as DAL, MAIN_AA_DRAFT, withoutAaContact } from '../../../support/contact-fixtures';
import { english } from '../../../support/diagnostics';

const LEGACY = 'ocs-r2.litwareinc.com';

/** The healthy org without its AA contact (so a new AA contact for the pilot is valid), plus a second pool and an OCS 2007 R2 pool. */
const org: OrgModel = orgWith((s) => {
  withoutAaContact(s);
  addDallasPool(s);
  s.skype.pools.push(frontEndPool(LEGACY, 'Dallas', ['ocs-fe-01.litwareinc.com'], 3));
});
const healthy = buildOrg(healthySpec());
const byId = (o: OrgModel, id: string): ExUmContact => o.skype.exUmContacts.find((c) => c.identity === id) ?? assert.fail(`no ${id}`);
const SA = byId(org, SA_CONTACT_ID);

const create = (patch: Partial<ContactDraft> = {}): ContactOperation => ({ op: 'create', draft: { ...MAIN_AA_DRAFT, ...patch } });
const edit = (patch: Partial<ContactDraft> = {}): ContactOperation => ({ op: 'edit', identity: SA.identity, draft: { ...draftFromContact(SA), ...patch } });
const NEW: ValidationContext = { original: null };
const ON_SA: ValidationContext = { original: SA };

const check = (op: ContactOperation, ctx: ValidationContext = op.op === 'create' ? NEW : ON_SA, o: OrgModel = org) => validateOperation(op, o, ctx);
const sig = (issues: readonly Diagnostic[]) => issues.map((i) => `${i.rule}/${i.severity}/${i.field}`);
/** The one issue of `rule`, checked for severity and field. */
function one(issues: readonly Diagnostic[], rule: string, severity: string, field: string | null): Diagnostic {
  const found = issues.filter((i) => i.rule === rule);
  assert.equal(found.length, 1, `expected one ${rule}, got ${JSON.stringify(issues, null, 1)}`);
  assert.equal(found[0].severity, severity);
  assert.equal(found[0].field, field);
  // The English text is the i18n message with its params (what the CLI and the audit print).
  assert.equal(english(found[0]), translateDynamic('en', found[0].message.key, found[0].message.params));
  assert.doesNotMatch(english(found[0]), /\{\w+\}/);
  return found[0];
}
const none = (issues: readonly Diagnostic[], rule: string) =>
  assert.deepEqual(
    issues.filter((i) => i.rule === rule),
    [],
    `${rule} should be silent`,
  );

describe('a valid operation raises nothing', () => {
  test('the AA contact OcsUmUtil would create', () => assert.deepEqual(check(create()), []));
  test('an edit that changes nothing', () => assert.deepEqual(check(edit()), []));
  test('a description change', () => assert.deepEqual(check(edit({ description: 'Outlook Voice Access, Litware-SIP' })), []));
  test('a removal', () => assert.deepEqual(check({ op: 'remove', identity: SA.identity }), []));
});

describe('form.required', () => {
  test('fires for each empty required field, and the other rules stay quiet about it', () => {
    const issues = check(create({ sipAddress: '  ', displayNumber: '', registrarPool: '', ou: '' }));
    assert.deepEqual(sig(issues), ['form.required/error/ou', 'form.required/error/sipAddress', 'form.required/error/registrarPool', 'form.required/error/displayNumber']);
    assert.equal(english(issues[1]), 'SipAddress is required.');
  });
  test('name and description are optional', () => assert.deepEqual(check(create({ name: '', description: '' })), []));
  test('a value over MAX_CONTACT_FIELD is refused', () => {
    const i = one(check(create({ description: 'x'.repeat(MAX_CONTACT_FIELD + 1) })), 'form.tooLong', 'error', 'description');
    assert.equal(i.message.params.length, MAX_CONTACT_FIELD + 1);
  });
});

describe('R-C-01 SIP address form', () => {
  for (const bad of ['LitwareMainAA@litwareinc.com', 'sip:LitwareMainAA', 'sip:@litwareinc.com', 'sip:Litware Main AA@litwareinc.com', 'sips:aa@litwareinc.com', 'sip:a@b@c'])
    test(`fires on ${JSON.stringify(bad)}`, () => void one(check(create({ sipAddress: bad })), 'R-C-01', 'error', 'sipAddress'));
  test('is silent on sip:user@domain, SIP: in capitals too (OcsUmUtil prompts SIP:)', () => {
    none(check(create({ sipAddress: 'SIP:LitwareMainAA@litwareinc.com' })), 'R-C-01');
    none(check(create()), 'R-C-01');
  });
});

describe('R-C-02 SIP address in use', () => {
  test('fires when a user has it (case-insensitive)', () => {
    const i = one(check(create({ sipAddress: 'sip:Alice.Martin@litwareinc.com' })), 'R-C-02', 'error', 'sipAddress');
    assert.equal(i.message.key, 'contacts.issue.R-C-02.user');
  });
  test('fires when another contact has it, naming it', () => {
    const i = one(check(create({ sipAddress: SA.sipAddress })), 'R-C-02', 'error', 'sipAddress');
    assert.equal(i.message.params.other, 'Subscriber Access');
  });
  test('is silent on the contact being edited keeping its own address', () => none(check(edit()), 'R-C-02'));
  test('is silent on a new address', () => none(check(create()), 'R-C-02'));
});

describe('R-C-03 number format', () => {
  for (const bad of ['0142555', '+0142555', '+1 425 555 0199', '1425-555', 'tel:+14255550199', '+'])
    test(`fires on ${JSON.stringify(bad)}`, () => {
      const issues = check(create({ displayNumber: bad }));
      one(issues, 'R-C-03', 'error', 'displayNumber');
      none(issues, 'R-C-04');
      none(issues, 'R-C-05');
    });
  test('is silent on +digits and on digits', () => {
    none(check(create()), 'R-C-03');
    none(check(create({ displayNumber: '14255550199' })), 'R-C-03');
  });
});

describe('R-C-04 number of another contact', () => {
  test("fires on the SA contact's number", () => {
    const i = one(check(create({ displayNumber: OVA, kind: 'subscriberAccess' })), 'R-C-04', 'error', 'displayNumber');
    assert.equal(i.message.params.other, 'Subscriber Access');
  });
  test('is silent on the contact being edited keeping its number, and on a free number', () => {
    none(check(edit()), 'R-C-04');
    none(check(create()), 'R-C-04');
  });
});

describe('R-C-05 E.164', () => {
  test('warns on digits without +', () => void one(check(create({ displayNumber: '14255550199' })), 'R-C-05', 'warning', 'displayNumber'));
  test('is silent with +', () => none(check(create()), 'R-C-05'));
});

describe('R-C-06 number among the Exchange numbers of that kind', () => {
  test('warns on a number Exchange does not use', () => {
    const i = one(check(create({ displayNumber: '+14255559999' })), 'R-C-06', 'warning', 'displayNumber');
    assert.equal(i.message.key, 'contacts.issue.R-C-06.autoAttendant');
  });
  test("warns when the number is the other kind's (an SA contact on an AA pilot)", () => {
    const i = one(check(create({ kind: 'subscriberAccess' })), 'R-C-06', 'warning', 'kind');
    assert.equal(i.message.key, 'contacts.issue.R-C-06.isAutoAttendant');
    assert.equal(i.message.params.autoAttendant, AA);
  });
  test('is silent on the AA pilot for an AA contact and on the OVA number for an SA contact', () => {
    none(check(create()), 'R-C-06');
    none(check(edit()), 'R-C-06');
  });
  test('names the telephone-extension dial plan a number belongs to, as the org rule R-C-06 does (one rule decides)', () => {
    const withPbx = orgWith((s) => {
      withoutAaContact(s);
      s.exchange.dialPlans.push({ ...pbxDialPlan('Litware-PBX'), ova: ['+14255550150'] });
    });
    const i = one(check(create({ kind: 'subscriberAccess', displayNumber: '+14255550150', sipAddress: 'sip:pbx.SA@litwareinc.com' }), NEW, withPbx), 'R-C-06', 'warning', 'displayNumber');
    assert.equal(i.message.key, 'contacts.issue.R-C-06.nonSipDialPlan');
    assert.equal(i.message.params.dialPlan, 'Litware-PBX');
  });
});

describe('R-C-07 pool', () => {
  test('fires on a pool not in the topology', () =>
    assert.equal(one(check(create({ registrarPool: 'nowhere.litwareinc.com' })), 'R-C-07', 'error', 'registrarPool').message.key, 'contacts.issue.R-C-07.unknown'));
  test('fires on an OCS 2007 R2 pool', () => assert.equal(one(check(create({ registrarPool: LEGACY })), 'R-C-07', 'error', 'registrarPool').message.key, 'contacts.issue.R-C-07.legacy'));
  test('is silent on a pool of the topology, in any case', () => none(check(create({ registrarPool: POOL.toUpperCase() })), 'R-C-07'));
});

describe('R-C-08 pool homing the dial plan users', () => {
  test("informs when the pool is not the one homing the users of the number's dial plan", () => {
    const i = one(check(create({ registrarPool: DAL })), 'R-C-08', 'info', 'registrarPool');
    assert.deepEqual(i.message.params, { pool: DAL, home: POOL, dialPlan: DIAL_PLAN });
  });
  test('is silent on the home pool', () => none(check(create()), 'R-C-08'));
});

describe('R-C-09 OU', () => {
  test('fires when the OU is not among the known OUs', () => void one(check(create({ ou: 'OU=Nowhere,DC=litwareinc,DC=com' }), { original: null, knownOus: [OU] }), 'R-C-09', 'error', 'ou'));
  test('fires when the RTC groups cannot create contacts there, naming the fix', () => {
    const i = one(check(create(), { original: null, ouPermission: false }), 'R-C-09', 'error', 'ou');
    assert.match(english(i), /Grant-CsOUPermission -OU 'OU=RTC Special Accounts,DC=litwareinc,DC=com' -ObjectType Contact/);
  });
  test('the fix quotes an OU with an apostrophe', () => {
    const i = one(check(create({ ou: "OU=O'Brien,DC=litwareinc,DC=com" }), { original: null, ouPermission: false }), 'R-C-09', 'error', 'ou');
    assert.equal(i.message.params.fix, "Grant-CsOUPermission -OU 'OU=O''Brien,DC=litwareinc,DC=com' -ObjectType Contact");
  });
  test('is silent on a known OU (case and blanks aside) with the permission, or when not checked', () => {
    none(check(create(), { original: null, knownOus: ['ou=rtc special accounts, dc=litwareinc, dc=com'], ouPermission: true }), 'R-C-09');
    none(check(create(), { original: null, knownOus: null, ouPermission: null }), 'R-C-09');
  });
});

describe('R-C-10 operator groups', () => {
  test('not in RTCUniversalUserAdmins: an error, on every operation', () => {
    for (const op of [create(), edit({ description: 'x' }), { op: 'move', identity: SA.identity, targetPool: DAL } as const, { op: 'remove', identity: SA.identity } as const])
      one(check(op, { original: op.op === 'create' ? null : SA, operatorGroups: { serverAdmins: true, userAdmins: false } }), 'R-C-10', 'error', null);
  });
  test('not in RTCUniversalServerAdmins: a warning (OcsUmUtil parity)', () => {
    const i = one(check(create(), { original: null, operatorGroups: { serverAdmins: false, userAdmins: true } }), 'R-C-10', 'warning', null);
    assert.match(english(i), /OcsUmUtil parity; the cmdlets need RTCUniversalUserAdmins only/);
  });
  test('is silent in both groups, or while unknown', () => {
    none(check(create(), { original: null, operatorGroups: { serverAdmins: true, userAdmins: true } }), 'R-C-10');
    none(check(create(), { original: null, operatorGroups: { serverAdmins: null, userAdmins: null } }), 'R-C-10');
  });
});

describe('R-C-14 disabling', () => {
  test('warns that the SA stops answering', () => {
    const i = one(check(edit({ enabled: false })), 'R-C-14', 'warning', 'enabled');
    assert.equal(i.message.key, 'contacts.issue.R-C-14.subscriberAccess');
  });
  test('is silent when the contact stays enabled, or is re-enabled', () => {
    none(check(edit({ enabled: true })), 'R-C-14');
    none(check(edit({ enabled: undefined })), 'R-C-14');
    const off = orgWith((s) => (contact(s, '{sa-litware-sip}').enabled = false));
    const sa = byId(off, SA_CONTACT_ID);
    none(validateOperation({ op: 'edit', identity: sa.identity, draft: { ...draftFromContact(sa), enabled: true } }, off, { original: sa }), 'R-C-14');
  });
});

describe('R-C-15 edits that rewrite other attributes', () => {
  test('a SIP address change informs that OtherIpPhone is rewritten and the old address stops resolving', () => {
    const i = one(check(edit({ sipAddress: 'sip:OVA@litwareinc.com' })), 'R-C-15', 'info', 'sipAddress');
    assert.match(english(i), /OtherIpPhone is rewritten and sip:Litware-SIP\.SA@litwareinc\.com stops resolving/);
  });
  test('a number change informs that LineURI is rewritten', () => {
    const i = one(check(edit({ displayNumber: '+14255550101' })), 'R-C-15', 'info', 'displayNumber');
    assert.match(english(i), /LineURI/);
  });
  test('is silent when neither changes, and on a creation', () => {
    none(check(edit({ description: 'new' })), 'R-C-15');
    none(check(create()), 'R-C-15');
  });
});

describe('edit and move specifics', () => {
  test('the OU cannot change: the cmdlets cannot move a contact to another OU', () => {
    const i = one(check(edit({ ou: 'OU=Voice,DC=litwareinc,DC=com' })), 'form.ouChange', 'error', 'ou');
    assert.match(english(i), /cannot move it to OU=Voice/);
    none(check(edit({ ou: ' ou=rtc special accounts , DC=litwareinc,DC=com' })), 'form.ouChange');
  });
  test('an edit, move or removal of a contact that is gone is refused', () => {
    for (const op of [edit(), { op: 'move', identity: SA.identity, targetPool: DAL } as const, { op: 'remove', identity: SA.identity } as const])
      one(check(op, { original: null }), 'form.notFound', 'error', null);
  });
  test('a move to the same pool is refused; to an unknown or legacy pool R-C-07; to another pool only R-C-08', () => {
    const move = (targetPool: string) => check({ op: 'move', identity: SA.identity, targetPool });
    one(move(POOL.toUpperCase()), 'form.samePool', 'error', 'registrarPool');
    one(move('nowhere.litwareinc.com'), 'R-C-07', 'error', 'registrarPool');
    one(move(LEGACY), 'R-C-07', 'error', 'registrarPool');
    assert.deepEqual(sig(move(DAL)), ['R-C-08/info/registrarPool']);
    one(move(''), 'form.required', 'error', 'registrarPool');
  });
});

describe('removalConsequences', () => {
  test('an SA contact: Outlook Voice Access stops being reachable, and its SIP address', () => {
    const c = removalConsequences(byId(healthy, SA_CONTACT_ID), healthy);
    assert.deepEqual(
      c.map((x) => x.key),
      ['contacts.consequence.subscriberAccess', 'contacts.consequence.sip'],
    );
    assert.equal(renderMessage('en', c[0]), `Outlook Voice Access ${OVA} of ${DIAL_PLAN} can no longer be reached from Skype for Business.`);
  });
  test('an AA contact: the auto attendant', () => {
    const c = removalConsequences(byId(healthy, AA_CONTACT_ID), healthy);
    assert.equal(c[0].key, 'contacts.consequence.autoAttendant');
    assert.deepEqual(c[0].params, { autoAttendant: AA, number: AA_PILOT, dialPlan: DIAL_PLAN });
  });
  test('another contact still carrying the number, or another pilot of the AA: still served', () => {
    const dup = orgWith((s) => s.skype.contacts.push({ ...contact(s, '{sa-litware-sip}'), cn: '{dup}', sip: 'sip:dup@litwareinc.com', displayName: 'Dup' }));
    assert.deepEqual(removalConsequences(byId(dup, SA_CONTACT_ID), dup)[0].params, { number: OVA, other: 'Dup' });
    const twoPilots = orgWith((s) => {
      s.exchange.autoAttendants[0].pilots = [AA_PILOT, '+14255550198'];
      s.skype.contacts.push({ ...contact(s, '{aa-litware-main}'), cn: '{aa2}', sip: 'sip:aa2@litwareinc.com', displayName: 'AA 2', number: '+14255550198' });
    });
    assert.equal(removalConsequences(byId(twoPilots, AA_CONTACT_ID), twoPilots)[0].key, 'contacts.consequence.stillServed');
  });
  test('an orphan: nothing is lost', () => {
    const o = orgWith((s) => (contact(s, '{aa-litware-main}').number = '+14255559999'));
    assert.equal(removalConsequences(byId(o, AA_CONTACT_ID), o)[0].key, 'contacts.consequence.nothing');
  });
});

describe('R-C-14 under the Enterprise Voice control', () => {
  const org = buildOrg(healthySpec());
  const aa = org.skype.exUmContacts.find((c) => c.identity === AA_CONTACT_ID)!;
  const rc14 = (issues: readonly Diagnostic[]) => issues.filter((i) => i.rule === 'R-C-14').map((i) => `${i.field}:${i.message.key}`);
  test('turning it off warns that the number stops answering, under the control', () => {
    const issues = validateOperation({ op: 'edit', identity: aa.identity, draft: { ...draftFromContact(aa), enterpriseVoiceEnabled: false } }, org, { original: aa });
    assert.deepEqual(rc14(issues), ['enterpriseVoiceEnabled:contactEditor.issue.R-C-14.voiceOff.autoAttendant']);
  });
  test('a contact without it keeps the row’s warning while left off; turned on, the warning goes', () => {
    const off = { ...aa, enterpriseVoiceEnabled: false };
    const left = validateOperation({ op: 'edit', identity: aa.identity, draft: draftFromContact(off) }, org, { original: off });
    assert.deepEqual(rc14(left), ['enterpriseVoiceEnabled:contacts.issue.R-C-14.voice']);
    const on = validateOperation({ op: 'edit', identity: aa.identity, draft: { ...draftFromContact(off), enterpriseVoiceEnabled: true } }, org, { original: off });
    assert.deepEqual(rc14(on), []);
  });
});
