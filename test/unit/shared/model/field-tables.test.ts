import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import * as exchangeFields from '../../../../shared/model/exchange-fields';
import { type AnyFieldRow, fieldRows, type ObjectFields } from '../../../../shared/model/field-table';
import type { OrgModel } from '../../../../shared/model/org';
import * as skypeFields from '../../../../shared/model/skype-fields';
import { CMDLET_REFERENCE } from '../../../../shared/powershell/cmdlet-reference';
import { EXCHANGE_READS, SKYPE_READS } from '../../../../shared/snapshot/capture-plan';
import { ROOT } from '../../../support/paths';
import { SAMPLES_DIR } from '../../../support/samples';
import { labOrg } from '../../../support/lab';

const TABLES = (Object.entries({ ...exchangeFields, ...skypeFields }) as [string, unknown][]).filter(
  (e): e is [string, ObjectFields<unknown>] => typeof e[1] === 'object' && e[1] !== null && 'fields' in e[1],
);

const noun = (cmdlet: string) => cmdlet.slice(cmdlet.indexOf('-') + 1).toLowerCase();
const SAMPLES = readdirSync(SAMPLES_DIR).map((f) => ({ file: f, text: readFileSync(join(SAMPLES_DIR, f), 'utf8') }));

/** The cmdlets a row's property comes from: its own, else the table's and those that carry the same properties. */
function cmdletsOf(table: ObjectFields<unknown>, row: AnyFieldRow): string[] {
  return row.cmdlet ? [row.cmdlet] : [table.cmdlet, ...(table.alsoFrom ?? [])];
}

/** Where a property is confirmed: a real capture of its cmdlet (CliXml member or Format-List line), or a parameter of a cmdlet of its noun. */
function evidence(cmdlets: readonly string[], property: string): string | null {
  const sample = SAMPLES.find((s) => cmdlets.some((c) => s.file.startsWith(`${c.toLowerCase()}-`)) && (s.text.includes(`N="${property}"`) || new RegExp(`^${property}\\s*:`, 'm').test(s.text)));
  if (sample) return sample.file;
  const nouns = new Set(cmdlets.map(noun));
  const cmdlet = CMDLET_REFERENCE.find((c) => nouns.has(noun(c.name)) && c.parameters.some((p) => p.name.toLowerCase() === property.toLowerCase()));
  return cmdlet ? `${cmdlet.name} -${property}` : null;
}

describe('field tables', () => {
  test('there is a table for every kind the decoder reads', () => {
    assert.ok(TABLES.length >= 20, `${TABLES.length} tables`);
  });

  test('every property is confirmed by a real capture or the cmdlet reference, or marked `output` (and only then)', () => {
    const unconfirmed: string[] = [];
    const wronglyMarked: string[] = [];
    let confirmed = 0;
    for (const [name, table] of TABLES) {
      for (const [field, row] of fieldRows(table)) {
        if (!row.property) continue;
        const found = evidence(cmdletsOf(table, row), row.property);
        if (found) confirmed++;
        if (!found && !row.output) unconfirmed.push(`${name}.${field}: ${row.property}`);
        if (found && row.output) wronglyMarked.push(`${name}.${field}: ${row.property} (${found})`);
      }
    }
    assert.deepEqual(unconfirmed, [], 'neither a capture nor the reference has these: a misspelt property, or one to mark `output`');
    assert.deepEqual(wronglyMarked, [], 'marked `output` but confirmed: drop the mark');
    assert.ok(confirmed >= 40, `${confirmed} properties confirmed`);
  });

  test('docs/snapshot-format.md lists every `output` property with its cmdlet', () => {
    const doc = readFileSync(join(ROOT, 'docs', 'snapshot-format.md'), 'utf8');
    const section = doc.slice(doc.indexOf('## Field tables'));
    assert.ok(section.length > 20, 'the "Field tables" section');
    for (const [name, table] of TABLES) {
      for (const [, row] of fieldRows(table)) {
        if (!row.output) continue;
        const line = section.split('\n').find((l) => cmdletsOf(table, row).some((c) => l.includes(`| ${c} `)));
        assert.ok(line?.includes(`\`${row.property}\``), `${name}: ${row.property} under ${cmdletsOf(table, row)[0]}`);
      }
    }
  });

  test("an enum row reads the model's known values; a derived row says from what", () => {
    for (const [name, table] of TABLES) {
      for (const [field, row] of fieldRows(table)) {
        if (row.read === 'enum' || row.read === 'optEnum') assert.ok('values' in row && row.values.length > 0, `${name}.${field}`);
        if (row.read === 'derived') assert.ok('why' in row && row.why.length > 10, `${name}.${field}`);
      }
    }
  });

  test('a decoded object has exactly the fields of its table (an optional field included)', () => {
    const org: OrgModel = labOrg();
    const kinds: [string, ObjectFields<unknown>, readonly object[]][] = [
      ['servers', exchangeFields.EXCHANGE_SERVER_FIELDS, org.exchange.servers],
      ['umService', exchangeFields.UM_SERVICE_FIELDS, org.exchange.servers.flatMap((s) => (s.umService ? [s.umService] : []))],
      ['dialPlans', exchangeFields.UM_DIAL_PLAN_FIELDS, org.exchange.dialPlans],
      ['ipGateways', exchangeFields.UM_IP_GATEWAY_FIELDS, org.exchange.ipGateways],
      ['huntGroups', exchangeFields.UM_HUNT_GROUP_FIELDS, org.exchange.huntGroups],
      ['autoAttendants', exchangeFields.UM_AUTO_ATTENDANT_FIELDS, org.exchange.autoAttendants],
      ['mailboxPolicies', exchangeFields.UM_MAILBOX_POLICY_FIELDS, org.exchange.mailboxPolicies],
      ['certificates', exchangeFields.EXCHANGE_CERTIFICATE_FIELDS, org.exchange.certificates],
      ['partnerApplications', exchangeFields.EXCHANGE_PARTNER_APPLICATION_FIELDS, org.exchange.partnerApplications],
      ['permissions', exchangeFields.AD_PERMISSION_FIELDS, org.exchange.permissions],
      ['mailboxes', exchangeFields.UM_MAILBOX_FIELDS, org.mailboxes],
      ['sites', skypeFields.SKYPE_SITE_FIELDS, org.skype.sites],
      ['pools', skypeFields.SKYPE_POOL_FIELDS, org.skype.pools],
      ['mediationServers', skypeFields.MEDIATION_SERVER_FIELDS, org.skype.mediationServers],
      ['pstnGateways', skypeFields.PSTN_GATEWAY_FIELDS, org.skype.pstnGateways],
      ['csDialPlans', skypeFields.CS_DIAL_PLAN_FIELDS, org.skype.dialPlans],
      ['mediaConfigurations', skypeFields.CS_MEDIA_CONFIGURATION_FIELDS, org.skype.mediaConfigurations],
      ['hostedVoicemailPolicies', skypeFields.HOSTED_VOICEMAIL_POLICY_FIELDS, org.skype.hostedVoicemailPolicies],
      ['exUmContacts', skypeFields.EX_UM_CONTACT_FIELDS, org.skype.exUmContacts],
      ['skypeCertificates', skypeFields.SKYPE_CERTIFICATE_FIELDS, org.skype.certificates],
      ['oauth', skypeFields.OAUTH_CONFIGURATION_FIELDS, org.skype.oauth ? [org.skype.oauth] : []],
      ['skypePartnerApplications', skypeFields.SKYPE_PARTNER_APPLICATION_FIELDS, org.skype.partnerApplications],
      ['users', skypeFields.SKYPE_USER_FIELDS, org.users],
    ];
    assert.equal(kinds.length, TABLES.length, 'every table checked');
    for (const [name, table, objects] of kinds) {
      assert.ok(objects.length > 0, `the lab has ${name}`);
      const fields = Object.keys(table.fields).sort();
      // UmServiceSettings.certificateThumbprint is absent when the object did not carry UMCertificateThumbprint.
      for (const o of objects) assert.deepEqual(Object.keys(o).sort(), 'certificateThumbprint' in o ? fields : fields.filter((f) => f !== 'certificateThumbprint'), name);
    }
  });
});

describe('the capture selects what the tables read', () => {
  test('Get-CsUser, Get-Mailbox, Get-UMMailbox (read with Select-Object): every property their rows read is selected', () => {
    const reads = [...EXCHANGE_READS, ...SKYPE_READS];
    const checked: [ObjectFields<unknown>, string][] = [
      [skypeFields.SKYPE_USER_FIELDS, 'Get-CsUser'],
      [exchangeFields.UM_MAILBOX_FIELDS, 'Get-Mailbox'],
      [exchangeFields.UM_MAILBOX_FIELDS, 'Get-UMMailbox'],
    ];
    for (const [table, cmdlet] of checked) {
      const select = reads.find((r) => r.command === cmdlet)?.select;
      assert.ok(select, cmdlet);
      const properties = fieldRows(table)
        .filter(([, row]) => row.property && (row.cmdlet ?? table.cmdlet) === cmdlet)
        .map(([, row]) => row.property!);
      assert.ok(properties.length > 0, cmdlet);
      for (const property of properties) assert.ok(select.includes(property), `${cmdlet} selects ${property}`);
    }
    // Get-CsUser: all of them, and nothing else.
    assert.deepEqual(
      [...reads.find((r) => r.command === 'Get-CsUser')!.select!].sort(),
      fieldRows(skypeFields.SKYPE_USER_FIELDS)
        .map(([, row]) => row.property)
        .sort(),
    );
  });
});
