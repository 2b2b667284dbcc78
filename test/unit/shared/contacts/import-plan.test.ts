/** planImport: create / update / skip / invalid per row, each row seeing the rows before it, re-runs skip. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { renderCommand } from '../../../../shared/contacts/contact-commands';
import { contactsToCsv, parseContactsCsv } from '../../../../shared/contacts/contact-csv';
import { planImport, type ImportPlanRow } from '../../../../shared/contacts/import-plan';
import type { ExUmContact, OrgModel } from '../../../../shared/model/org';
import { labOrg } from '../../../support/lab';
import { withoutAaContact } from '../../../support/contact-fixtures';
import { AA, AA_PILOT, OU, OVA, orgWith, POOL, SA_CONTACT_ID } from '../../../support/org-builder/small-org';
import { english } from '../../../support/diagnostics';

/** The healthy org without its AA contact: the AA pilot is free. */
const org = orgWith(withoutAaContact);
const SA = org.skype.exUmContacts.find((c) => c.identity === SA_CONTACT_ID)!;
const HEADER = 'Name;SipAddress;DisplayNumber;Type;RegistrarPool;OU;Description';
const row = (name: string, sip: string, number: string, type: string, description = '', ou = OU, pool = POOL) => [name, sip, number, type, pool, ou, description].join(';');
const plan = (lines: string[], o: OrgModel = org, ctx = {}) => planImport(parseContactsCsv([HEADER, ...lines].join('\r\n')).rows, o, ctx);
const summary = (rows: readonly ImportPlanRow[]) =>
  rows.map(
    (r) =>
      `${r.line} ${r.action}${r.issues
        .filter((i) => i.severity === 'error')
        .map((i) => ` ${i.rule}`)
        .join('')}`,
  );

describe('planImport', () => {
  const rows = plan([
    row(AA, 'sip:LitwareMainAA@litwareinc.com', AA_PILOT, 'AA'), // 2 create
    row('Subscriber Access', SA.sipAddress, OVA, 'SA'), // 3 skip: already so (empty description: left as is)
    row('Subscriber Access', SA.sipAddress.toUpperCase().replace('SIP:', 'sip:'), OVA, 'SA', 'Outlook Voice Access'), // 4: same SIP as line 3 in the file
    row('Second AA', 'sip:SecondAA@litwareinc.com', AA_PILOT, 'AA'), // 5: number of line 2
    'broken;row', // 6: malformed
    row('Third', 'sip:LitwareMainAA@litwareinc.com', '+14255550177', 'AA'), // 7: SIP of line 2
    row('Bad pool', 'sip:bad@litwareinc.com', '+14255550178', 'AA', '', OU, 'nowhere.litwareinc.com'), // 8: R-C-07
  ]);
  test('each row gets its action; the later row of a clash is the one refused', () => {
    assert.deepEqual(summary(rows), ['2 create', '3 skip', '4 invalid R-C-02', '5 invalid R-C-04', '6 invalid csv.row', '7 invalid R-C-02', '8 invalid R-C-07']);
  });
  test('a create carries its operation and its exact cmdlet (the name as description)', () => {
    assert.equal(rows[0].operation?.op, 'create');
    assert.deepEqual(rows[0].commands.map(renderCommand), [
      `New-CsExUmContact -SipAddress 'sip:LitwareMainAA@litwareinc.com' -RegistrarPool '${POOL}' -DisplayNumber '${AA_PILOT}' -OU '${OU}' -AutoAttendant:$true -Description '${AA}'`,
    ]);
    assert.equal(rows[0].identity, null);
  });
  test('a skip names the contact and runs nothing', () => {
    assert.equal(rows[1].identity, SA.identity);
    assert.deepEqual(rows[1].commands, []);
  });
  test('the refusals say why, naming the earlier line', () => {
    assert.match(english(rows[2].issues.find((i) => i.rule === 'R-C-02')!), /already on line 3 of this file/);
    assert.match(english(rows[3].issues.find((i) => i.rule === 'R-C-04')!), /\+14255550199 is also the contact Litware Main AA's/);
    assert.match(english(rows[4].issues[0]), /^Line 6: 2 fields where the header has 7\.$/);
  });

  test('update: an existing contact with other values gets Set- (and Move-) with only what changed', () => {
    const [u] = plan([row('Subscriber Access', SA.sipAddress, '+14255550101', 'SA', 'OVA main')]);
    assert.equal(u.action, 'update');
    assert.deepEqual(u.operation, { op: 'edit', identity: SA.identity, draft: { ...u.draft!, enabled: true } });
    assert.deepEqual(u.commands.map(renderCommand), [`Set-CsExUmContact -Identity '${SA.identity}' -DisplayNumber '+14255550101' -Description 'OVA main'`]);
    // The new number serves nothing: R-C-06 warns, R-C-15 informs; not a refusal.
    assert.deepEqual(u.issues.map((i) => `${i.rule}/${i.severity}`).sort(), ['R-C-06/warning', 'R-C-15/info']);
  });
  test('an existing contact in another OU cannot be updated (the cmdlets cannot move it)', () => {
    assert.deepEqual(summary(plan([row('Subscriber Access', SA.sipAddress, OVA, 'SA', '', 'OU=Voice,DC=litwareinc,DC=com')])), ['2 invalid form.ouChange']);
  });
  test('an update freeing a number lets a later row take it', () => {
    const rows2 = plan([row('Subscriber Access', SA.sipAddress, '+14255550101', 'SA'), row('New SA', 'sip:NewSA@litwareinc.com', OVA, 'SA')]);
    assert.deepEqual(summary(rows2), ['2 update', '3 create']);
  });
  test('the operator checks apply to every row', () => {
    const rows2 = plan([row(AA, 'sip:LitwareMainAA@litwareinc.com', AA_PILOT, 'AA')], org, { operatorGroups: { serverAdmins: true, userAdmins: false } });
    assert.deepEqual(summary(rows2), ['2 invalid R-C-10']);
  });
});

describe('safe to re-run', () => {
  test('an import applied, then imported again: every row is skipped', () => {
    const lines = [row(AA, 'sip:LitwareMainAA@litwareinc.com', AA_PILOT, 'AA'), row('Spare', 'sip:Spare@litwareinc.com', '+14255550150', 'SA', 'Spare OVA')];
    const first = plan(lines);
    assert.deepEqual(summary(first), ['2 create', '3 create']);
    // What the lab endpoint would hold after running the New-CsExUmContact commands.
    const created: ExUmContact[] = first.map((r, i) => {
      const p = Object.fromEntries(r.commands[0].parameters.map((x) => [x.name, x.value]));
      return {
        identity: `CN={new-${i}},${OU}`,
        displayName: String(p.SipAddress).slice(4).split('@')[0],
        sipAddress: String(p.SipAddress),
        displayNumber: String(p.DisplayNumber),
        lineUri: `tel:${p.DisplayNumber}`,
        autoAttendant: p.AutoAttendant === true,
        isSubscriberAccess: p.AutoAttendant !== true,
        registrarPool: String(p.RegistrarPool),
        enabled: true,
        enterpriseVoiceEnabled: true,
        ou: String(p.OU),
        description: String(p.Description ?? ''),
      };
    });
    const after: OrgModel = { ...org, skype: { ...org.skype, exUmContacts: [...org.skype.exUmContacts, ...created] } };
    assert.deepEqual(summary(plan(lines, after)), ['2 skip', '3 skip']);
  });
  test('the lab exported then imported into the lab: all skip', () => {
    const lab = labOrg();
    const rows = planImport(parseContactsCsv(contactsToCsv(lab.skype.exUmContacts)).rows, lab, {});
    assert.deepEqual(
      rows.map((r) => r.action),
      lab.skype.exUmContacts.map(() => 'skip'),
    );
  });
});
