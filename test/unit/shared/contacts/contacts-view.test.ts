/** buildContactsView: the Exchange numbers matched to the contacts, statuses, OcsUmUtil's prefill. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CONTACT_STATUSES, type ContactRow } from '../../../../shared/contacts/contact-model';
import { buildContactsView, domainDn, sipUser } from '../../../../shared/contacts/contacts-view';
import type { ExUmContact, OrgModel, UmAutoAttendant, UmDialPlan } from '../../../../shared/model/org';
import { labOrg } from '../../../support/lab';
import { buildOrg, contact, pbxDialPlan, umUser } from '../../../support/org-builder/org-spec';
import { AA, AA_CONTACT_ID, AA_PILOT, addSipDialPlan, DIAL_PLAN, healthySpec, OU, OVA, orgWith, POOL, SA_CONTACT_ID } from '../../../support/org-builder/small-org';
import { addDallasPool, BRANCH_SA_PREFILL, DALLAS_POOL as DAL, withoutAaContact } from '../../../support/contact-fixtures';
import { english } from '../../../support/diagnostics';

const LAB_PARIS = 'CN={4f1b2c3d-1111-4a5b-9c8d-000000000004},OU=RTC Special Accounts,DC=litwareinc,DC=com';
const rowOf = (rows: readonly ContactRow[], key: string) => rows.find((r) => r.key === key) ?? assert.fail(`no row ${key} in ${rows.map((r) => r.key).join(', ')}`);
const rules = (r: ContactRow) => r.issues.map((i) => `${i.rule}:${i.message.key.split('.').pop()}`).sort();

describe('the lab org', () => {
  const v = buildContactsView(labOrg());
  test('the SIP dial plans only, with their OVA numbers, auto attendants and home pools', () => {
    assert.deepEqual(
      v.dialPlans.map((d) => [d.dialPlan, d.ovaNumbers.join(' '), d.autoAttendants.map((a) => `${a.name}=${a.pilotNumbers.join(' ')}`).join(' '), d.pool]),
      [
        ['Litware-SIP-Secured', '+14255550100', 'Litware Main AA=+14255550199', 'atl-cs-001.litwareinc.com'],
        ['Litware-SIP-Branch', '+14255550200', 'Branch AA=+14255550299', 'red-sba-01.litwareinc.com'],
      ],
    );
    // Dallas PBX AA is on the E.164 dial plan: not a pilot the integration serves.
    assert.deepEqual(
      v.pilotNumbers.map((p) => p.number),
      ['+14255550100', '+14255550199', '+14255550200', '+14255550299'],
    );
  });
  test('statuses: the Branch OVA number is missing, the Paris AA is an orphan, the rest ok', () => {
    assert.deepEqual(
      v.rows.map((r) => `${r.status} ${r.contact?.displayName ?? r.prefill?.name}`),
      ['missing Litware-SIP-Branch', 'orphan Paris AA (old)', 'ok Branch AA', 'ok Litware Main AA', 'ok Subscriber Access'],
    );
    assert.deepEqual(v.counts, { missing: 1, duplicate: 0, mismatch: 0, orphan: 1, ok: 3 });
    assert.deepEqual(rules(rowOf(v.rows, LAB_PARIS)), ['R-C-06:autoAttendant', 'R-C-14:voice']);
  });
  test('the missing row is prefilled as OcsUmUtil would: the lab convention for the SIP address, the pool homing the users', () => {
    const missing = v.rows[0];
    assert.equal(missing.key, 'missing:subscriberAccess:Litware-SIP-Branch:+14255550200');
    assert.deepEqual(missing.serves, { kind: 'subscriberAccess', number: '+14255550200', dialPlan: 'Litware-SIP-Branch', autoAttendant: null });
    assert.deepEqual(missing.prefill, BRANCH_SA_PREFILL);
    assert.deepEqual(rules(missing), ['R-C-12:subscriberAccess']);
    assert.match(english(missing.issues[0]), /\+14255550200 of Litware-SIP-Branch has no Subscriber Access contact/);
  });
  test('pickers: registrar pools (no Director), OUs, SIP domains', () => {
    assert.deepEqual(v.pools, ['atl-cs-001.litwareinc.com', 'dal-cs-002.litwareinc.com', 'dal-cs-se01.litwareinc.com', 'red-sba-01.litwareinc.com']);
    assert.deepEqual(v.ous, ['OU=RTC Special Accounts,DC=litwareinc,DC=com']);
    assert.deepEqual(v.sipDomains, ['litwareinc.com']);
  });
});

describe('a small handmade org', () => {
  test('healthy: both contacts ok, nothing missing', () => {
    const v = buildContactsView(buildOrg(healthySpec()));
    assert.deepEqual(
      v.rows.map((r) => `${r.status} ${r.key}`),
      [`ok ${AA_CONTACT_ID}`, `ok ${SA_CONTACT_ID}`],
    );
    assert.deepEqual(rowOf(v.rows, AA_CONTACT_ID).serves, { kind: 'autoAttendant', number: AA_PILOT, dialPlan: DIAL_PLAN, autoAttendant: AA });
    assert.deepEqual(v.counts, { missing: 0, duplicate: 0, mismatch: 0, orphan: 0, ok: 2 });
  });

  test('missing: an auto attendant without a contact, prefilled with its name, sanitised SIP address, home pool, most used OU', () => {
    const v = buildContactsView(
      orgWith((s) => {
        withoutAaContact(s);
        contact(s, '{sa-litware-sip}').ou = 'OU=Voice,DC=litwareinc,DC=com';
      }),
    );
    const m = rowOf(v.rows, `missing:autoAttendant:${DIAL_PLAN}:${AA_PILOT}`);
    assert.equal(m.status, 'missing');
    assert.deepEqual(m.prefill, {
      ou: 'OU=Voice,DC=litwareinc,DC=com',
      name: AA,
      sipAddress: 'sip:LitwareMainAA@litwareinc.com',
      registrarPool: POOL,
      displayNumber: AA_PILOT,
      kind: 'autoAttendant',
      description: `Auto attendant ${AA}`,
    });
    assert.deepEqual(rules(m), ['R-C-12:autoAttendant']);
    assert.equal(v.rows[0], m, 'missing rows come first');
  });

  test('missing with no contact at all: the OU is derived from the SIP domain; a taken SIP address gets a suffix', () => {
    const v = buildContactsView(
      orgWith((s) => {
        s.skype.contacts = [];
        // A user already owns the address the AA contact would get.
        s.users.push({ ...umUser('LitwareMainAA', 'Not an AA', POOL, 'ATL-EX-001', DIAL_PLAN, '1009'), mailbox: null });
      }),
    );
    assert.deepEqual(
      v.rows.map((r) => r.status),
      ['missing', 'missing'],
    );
    const sa = rowOf(v.rows, `missing:subscriberAccess:${DIAL_PLAN}:${OVA}`).prefill;
    const aa = rowOf(v.rows, `missing:autoAttendant:${DIAL_PLAN}:${AA_PILOT}`).prefill;
    assert.equal(sa?.ou, OU);
    assert.equal(sa?.sipAddress, 'sip:Litware-SIP.SA@litwareinc.com');
    assert.equal(aa?.sipAddress, 'sip:LitwareMainAA2@litwareinc.com');
    assert.deepEqual(v.ous, []);
  });

  test("the proposed pool is the one homing most of the dial plan's EV users; without users, the first Front End pool", () => {
    const moved = buildContactsView(
      orgWith((s) => {
        addDallasPool(s);
        s.skype.contacts = [];
        for (const u of s.users) u.pool = DAL;
        s.users[0].pool = POOL;
      }),
    );
    assert.equal(moved.rows[0].prefill?.registrarPool, DAL);
    assert.equal(moved.dialPlans[0].pool, DAL);
    const noUsers = buildContactsView(
      orgWith((s) => {
        addDallasPool(s, true);
        s.skype.contacts = [];
        s.users = [];
      }),
    );
    assert.equal(noUsers.dialPlans[0].pool, null);
    assert.equal(noUsers.rows[0].prefill?.registrarPool, DAL);
  });

  test('an auto attendant is served when any of its pilots has a contact; non-SIP dial plans are not listed', () => {
    const v = buildContactsView(
      orgWith((s) => {
        s.exchange.autoAttendants[0].pilots = ['+14255550198', AA_PILOT];
        s.exchange.dialPlans.push({ ...pbxDialPlan('PBX'), ova: ['+14255557777'] });
      }),
    );
    assert.equal(v.counts.missing, 0);
    assert.deepEqual(
      v.dialPlans.map((d) => d.dialPlan),
      [DIAL_PLAN],
    );
  });

  test('orphan: a contact whose number nothing in Exchange uses (R-C-06)', () => {
    const v = buildContactsView(orgWith((s) => (contact(s, '{aa-litware-main}').number = '+14255559999')));
    const r = rowOf(v.rows, AA_CONTACT_ID);
    assert.equal(r.status, 'orphan');
    assert.equal(r.serves, null);
    assert.deepEqual(rules(r), ['R-C-06:autoAttendant']);
    // …and the auto attendant it no longer carries is missing.
    assert.equal(v.counts.missing, 1);
  });

  test('duplicate: one number on two contacts (R-C-04), a SIP address of a user or of another contact (R-C-02)', () => {
    const sameNumber = buildContactsView(orgWith((s) => (contact(s, '{aa-litware-main}').number = OVA)));
    // The AA pilot the AA contact left is now missing; missing rows sort first.
    assert.deepEqual(
      sameNumber.rows.map((r) => r.status),
      ['missing', 'duplicate', 'duplicate'],
    );
    const aa = rowOf(sameNumber.rows, AA_CONTACT_ID);
    assert.ok(rules(aa).includes('R-C-04:R-C-04'));
    assert.match(english(aa.issues.find((i) => i.rule === 'R-C-04')!), /\+14255550100 is also the contact Subscriber Access's/);

    const userSip = buildContactsView(orgWith((s) => (contact(s, '{aa-litware-main}').sip = 'sip:Alice.Martin@litwareinc.com')));
    assert.equal(rowOf(userSip.rows, AA_CONTACT_ID).status, 'duplicate');
    assert.deepEqual(rules(rowOf(userSip.rows, AA_CONTACT_ID)), ['R-C-02:user']);
    assert.equal(rowOf(userSip.rows, SA_CONTACT_ID).status, 'ok');

    const sameSip = buildContactsView(orgWith((s) => (contact(s, '{aa-litware-main}').sip = `sip:litware-sip.sa@litwareinc.com`)));
    assert.deepEqual(
      sameSip.rows.map((r) => r.status),
      ['duplicate', 'duplicate'],
    );
    assert.deepEqual(rules(sameSip.rows[0]), ['R-C-02:contact']);
  });

  test('mismatch: the type disagrees with the number, or the contact is disabled / not Enterprise Voice (R-C-14)', () => {
    const wrongType = buildContactsView(orgWith((s) => (contact(s, '{aa-litware-main}').autoAttendant = false)));
    const r = rowOf(wrongType.rows, AA_CONTACT_ID);
    assert.equal(r.status, 'mismatch');
    assert.equal(r.serves?.kind, 'autoAttendant');
    assert.deepEqual(rules(r), ['R-C-06:isAutoAttendant']);
    assert.equal(r.issues[0].field, 'kind');

    const disabled = buildContactsView(orgWith((s) => (contact(s, '{sa-litware-sip}').enabled = false)));
    assert.equal(rowOf(disabled.rows, SA_CONTACT_ID).status, 'mismatch');
    assert.deepEqual(rules(rowOf(disabled.rows, SA_CONTACT_ID)), ['R-C-14:disabled']);

    const noVoice = buildContactsView(orgWith((s) => (contact(s, '{sa-litware-sip}').ev = false)));
    assert.deepEqual(rules(rowOf(noVoice.rows, SA_CONTACT_ID)), ['R-C-14:voice']);
    assert.deepEqual(
      noVoice.rows.map((r) => r.status),
      ['mismatch', 'ok'],
    );
  });

  test('the org rules on a contact are on its row: bad SIP (R-C-01), not E.164 (R-C-05), unknown pool (R-C-07), away from its users (R-C-08)', () => {
    const v = buildContactsView(
      orgWith((s) => {
        contact(s, '{sa-litware-sip}').sip = 'Litware-SIP.SA@litwareinc.com';
        contact(s, '{aa-litware-main}').pool = 'nowhere.litwareinc.com';
        addDallasPool(s);
        addSipDialPlan(s, 'Second');
        s.exchange.dialPlans[1].ova = ['14255550300'];
        s.skype.contacts.push({ cn: '{second}', displayName: 'Second SA', sip: 'sip:Second.SA@litwareinc.com', number: '14255550300', autoAttendant: false, pool: DAL, enabled: true, ev: true });
        s.users.push(umUser('zoe', 'Zoe', POOL, 'ATL-EX-001', 'Second', '1010'));
      }),
    );
    assert.deepEqual(rules(rowOf(v.rows, SA_CONTACT_ID)), ['R-C-01:R-C-01']);
    assert.deepEqual(rules(rowOf(v.rows, AA_CONTACT_ID)), ['R-C-07:unknown']);
    const second = v.rows.find((r) => r.contact?.displayName === 'Second SA')!;
    assert.deepEqual(rules(second), ['R-C-05:R-C-05', 'R-C-08:R-C-08']);
    assert.equal(second.status, 'ok');
  });
});

describe('scale: 5,000 contacts and 200 dial plans', () => {
  test('every contact matched, the right counts (indexed, not a scan per contact)', () => {
    const base = buildOrg(healthySpec());
    const dialPlans: UmDialPlan[] = [];
    const autoAttendants: UmAutoAttendant[] = [];
    const contacts: ExUmContact[] = [];
    const mk = (i: number, number: string, aa: boolean, extra: Partial<ExUmContact> = {}): ExUmContact => ({
      identity: `CN={c-${i}},${OU}`,
      displayName: `Contact ${String(i).padStart(5, '0')}`,
      sipAddress: `sip:contact${i}@litwareinc.com`,
      displayNumber: number,
      lineUri: `tel:${number}`,
      autoAttendant: aa,
      isSubscriberAccess: !aa,
      registrarPool: POOL,
      enabled: true,
      enterpriseVoiceEnabled: true,
      ou: OU,
      description: '',
      ...extra,
    });
    let i = 0;
    for (let d = 0; d < 200; d++) {
      const ova = `+1425600${String(d).padStart(4, '0')}`;
      const pilot = `+1425700${String(d).padStart(4, '0')}`;
      dialPlans.push({ ...base.exchange.dialPlans[0], name: `DP-${d}`, phoneContext: `DP-${d}.litwareinc.com`, accessTelephoneNumbers: [ova], umAutoAttendants: [`AA-${d}`] });
      autoAttendants.push({ name: `AA-${d}`, dialPlan: `DP-${d}`, status: 'Enabled', pilotIdentifierList: [pilot], speechEnabled: false });
      // Dial plans 0–9 have no SA contact, 10–19 no AA contact: 20 missing rows.
      if (d >= 10) contacts.push(mk(i++, ova, false));
      if (d < 10 || d >= 20) contacts.push(mk(i++, pilot, true));
    }
    // 380 serving contacts so far; 5 of them disabled (mismatch), 10 duplicates of numbers, the rest orphans.
    for (let k = 0; k < 5; k++) contacts[k] = { ...contacts[k], enabled: false };
    for (let k = 0; k < 10; k++) contacts.push(mk(i++, contacts[100 + k].displayNumber, contacts[100 + k].autoAttendant));
    while (contacts.length < 5000) contacts.push(mk(i++, `+1206${String(i).padStart(7, '0')}`, i % 2 === 0));
    const org: OrgModel = { ...base, exchange: { ...base.exchange, dialPlans, autoAttendants }, skype: { ...base.skype, exUmContacts: contacts }, users: [], mailboxes: [] };

    const v = buildContactsView(org);
    assert.equal(v.dialPlans.length, 200);
    assert.equal(v.rows.length, 5020);
    assert.deepEqual(v.counts, { missing: 20, duplicate: 20, mismatch: 5, orphan: 5000 - 380 - 10, ok: 380 - 5 - 10 });
    // Sorted by status, then name.
    const ranks = v.rows.map((r) => CONTACT_STATUSES.indexOf(r.status));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    const oks = v.rows.filter((r) => r.status === 'ok').map((r) => r.contact!.displayName);
    assert.deepEqual(oks, [...oks].sort());
    for (const k of [0, 150, 300, 379]) {
      const row = v.rows.find((r) => r.contact === contacts[k])!;
      assert.equal(row.serves?.dialPlan, `DP-${autoDp(contacts[k].displayNumber)}`);
      assert.equal(row.serves?.kind, contacts[k].autoAttendant ? 'autoAttendant' : 'subscriberAccess');
    }
  });
});

/** `+1425600dddd` / `+1425700dddd` → dddd as a number. */
function autoDp(n: string): number {
  return Number(n.slice(-4));
}

describe('helpers', () => {
  test('sipUser drops blanks, accents and characters a SIP user part should not hold', () => {
    assert.equal(sipUser('Litware Main AA'), 'LitwareMainAA');
    assert.equal(sipUser('Accès Général (Paris)'), 'AccesGeneralParis');
    assert.equal(sipUser('Litware-SIP.SA'), 'Litware-SIP.SA');
    assert.equal(sipUser('"<>'), 'contact');
  });
  test('domainDn', () => assert.equal(domainDn('corp.litwareinc.com'), 'DC=corp,DC=litwareinc,DC=com'));
});
