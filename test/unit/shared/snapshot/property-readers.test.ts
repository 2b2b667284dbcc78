import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  bool,
  bytesBase64,
  canonicalOf,
  date,
  enumOf,
  exchangeVersion,
  flags,
  int,
  optBool,
  optInt,
  optStr,
  parseExchangeVersion,
  parsePsDate,
  type Place,
  SnapshotError,
  str,
  strList,
  textOf,
} from '../../../../shared/snapshot/property-readers';
import { renderMessage, type Message } from '../../../../shared/i18n/translate';

const p = { section: 'exchange.ipGateways', index: 3 };

/** A place that collects the values it skipped instead of failing. */
function lenient(): { place: Place; skipped: string[] } {
  const skipped: string[] = [];
  return { place: { ...p, skipValue: (m: Message) => skipped.push(renderMessage('en', m)) }, skipped };
}

/** What samples/get-exchangeserver-clixml-1.txt becomes after Import-Clixml | ConvertTo-Json -Depth 4 (PowerShell 7). */
const REHYDRATED_SITE = {
  SerializationData: [0, 0, 0],
  OrgHierarchyToIgnore: null,
  IsDeleted: false,
  Rdn: 'CN=Default-First-Site-Name',
  Parent: 'Solo.local/Configuration/Sites',
  Depth: 4,
  DistinguishedName: 'CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=Solo,DC=local',
  IsRelativeDn: false,
  DomainId: 'Solo.local',
  PartitionGuid: '59ce2f71-eaa2-4ddf-a4fa-f25069d0b324',
  PartitionFQDN: 'Solo.local',
  ObjectGuid: '1fc87301-759c-4bf8-8751-4aebc7e217d1',
  Name: 'Default-First-Site-Name',
};

describe('PowerShell date forms', () => {
  test('Windows PowerShell 5.1 \\/Date(ms)\\/ (as JSON.parse returns it)', () => {
    assert.equal(parsePsDate('/Date(1543019643000)/'), '2018-11-24T00:34:03.000Z');
    assert.equal(JSON.parse('"\\/Date(1543019643000)\\/"'), '/Date(1543019643000)/');
  });
  test('with the offset suffix some serializers add', () => {
    assert.equal(parsePsDate('/Date(1543019643000-0600)/'), '2018-11-24T00:34:03.000Z');
  });
  test('PowerShell 7 ISO 8601 with offset, and UTC', () => {
    assert.equal(parsePsDate('2018-11-23T18:34:03-06:00'), '2018-11-24T00:34:03.000Z');
    assert.equal(parsePsDate('2024-04-10T08:56:22.0000000+00:00'), '2024-04-10T08:56:22.000Z');
    assert.equal(parsePsDate('2026-11-20T09:30:00Z'), '2026-11-20T09:30:00.000Z');
  });
  test('the en-US text a printed DateTime carries (samples/get-cscertificate-fl-1.txt), read as UTC', () => {
    assert.equal(parsePsDate('12/28/2015 3:35:41 PM'), '2015-12-28T15:35:41.000Z');
    assert.equal(parsePsDate('1/2/2014 12:49:37 PM'), '2014-01-02T12:49:37.000Z');
    assert.equal(parsePsDate('02/15/2016 12:16:12 AM'), '2016-02-15T00:16:12.000Z');
  });
  test('anything else is refused', () => {
    for (const bad of ['28/12/2015 15:35:41', '2/30/2016 1:00:00 PM', '13/01/2016 1:00:00 PM', '', '/Date(abc)/', '2026-13-45', 'tomorrow']) assert.equal(parsePsDate(bad), null, bad);
    assert.throws(() => date({ NotAfter: '28/12/2015 15:35:41' }, 'NotAfter', p), /exchange\.ipGateways\[3\]\.NotAfter has the wrong type: expected a date/);
  });
});

describe('typed readers name the place and the expectation', () => {
  test('missing property', () => {
    assert.throws(
      () => str({}, 'Name', p),
      (e: unknown) => e instanceof SnapshotError && e.message === 'exchange.ipGateways[3].Name is missing (expected a string)',
    );
  });
  test('wrong types', () => {
    assert.throws(() => int({ Port: 'five' }, 'Port', p), /Port has the wrong type: expected an integer, got the string "five"/);
    assert.throws(() => int({ Port: 50.5 }, 'Port', p), /expected an integer/);
    assert.throws(() => bool({ OutcallsAllowed: 'yes' }, 'OutcallsAllowed', p), /expected true or false, got the string "yes"/);
    assert.throws(() => strList({ HuntGroups: { x: 1 } }, 'HuntGroups', p), /expected an array of strings/);
    assert.throws(() => strList({ HuntGroups: ['a', { x: 1 }] }, 'HuntGroups', p), /HuntGroups\[1\] has the wrong type/);
    assert.throws(() => str({ Name: { x: 1 } }, 'Name', p), /Name has the wrong type: expected a string, got an object/);
  });
  test('an optional value that cannot be read is left empty and reported when the place allows it', () => {
    const { place, skipped } = lenient();
    assert.equal(optStr({ PhoneContext: { x: 1 } }, 'PhoneContext', place), '');
    assert.equal(optInt({ Port: 'n/a' }, 'Port', place), null);
    assert.equal(optBool({ HostedVoiceMail: 'maybe' }, 'HostedVoiceMail', place), null);
    assert.deepEqual(strList({ HuntGroups: ['a', { x: 1 }, 'b'] }, 'HuntGroups', place), ['a', 'b']);
    assert.deepEqual(skipped, [
      'exchange.ipGateways[3].PhoneContext has the wrong type: expected a string or null, got an object',
      'exchange.ipGateways[3].Port has the wrong type: expected an integer or null, got the string "n/a"',
      'exchange.ipGateways[3].HostedVoiceMail has the wrong type: expected true, false or null, got the string "maybe"',
      'exchange.ipGateways[3].HuntGroups[1] has the wrong type: expected a string, got an object',
    ]);
    // A required value still fails the object.
    assert.throws(() => str({ Name: { x: 1 } }, 'Name', place), SnapshotError);
  });
  test('null multi-valued property is an empty list; null string is empty', () => {
    assert.deepEqual(strList({ X: null }, 'X', p), []);
    assert.equal(optStr({ X: null }, 'X', p), '');
  });
});

describe('both value forms: the string and the rehydrated object', () => {
  test('primitives as their ToString(): "5061", "True"', () => {
    assert.equal(int({ Port: '5061' }, 'Port', p), 5061);
    assert.equal(int({ Port: 5061 }, 'Port', p), 5061);
    assert.equal(bool({ Enabled: 'True' }, 'Enabled', p), true);
    assert.equal(bool({ Enabled: 'false' }, 'Enabled', p), false);
    assert.equal(optBool({ HostedVoiceMail: '' }, 'HostedVoiceMail', p), null);
    assert.equal(str({ RegistrarPool: 487279971 }, 'RegistrarPool', p), '487279971');
  });
  test('AdminDisplayVersion: the printed string or {Major, Minor, Build, Revision}', () => {
    const fromText = exchangeVersion({ V: 'Version 15.1 (Build 2375.7)' }, 'V', p);
    const fromObject = exchangeVersion({ V: { SerializationData: [0, 0, 0], Major: 15, Minor: 1, Build: 2375, Revision: 7, FilePatchLevelDescription: null } }, 'V', p);
    assert.deepEqual(fromObject, fromText);
    assert.equal(fromObject.product, '2016');
    assert.equal(exchangeVersion({ V: { Major: 15, Minor: 2, Build: 986, Revision: 5 } }, 'V', p).product, '2019');
    assert.throws(() => exchangeVersion({ V: 'fifteen' }, 'V', p), /AdminDisplayVersion|"fifteen" is not an Exchange version string/);
    assert.throws(() => exchangeVersion({ V: [1] }, 'V', p), /expected an Exchange version/);
  });
  test('an AD id: the name, or the canonical path of a site', () => {
    assert.equal(str({ UMDialPlan: 'Litware-SIP' }, 'UMDialPlan', p), 'Litware-SIP');
    assert.equal(str({ UMDialPlan: { Name: 'Litware-SIP', DistinguishedName: 'CN=Litware-SIP,CN=UM DialPlan Container,CN=Litware', ObjectGuid: 'x' } }, 'UMDialPlan', p), 'Litware-SIP');
    assert.equal(textOf({ DistinguishedName: 'CN=Doe\\, John,OU=Users,DC=x' }), 'Doe, John');
    assert.deepEqual(strList({ DialPlans: [{ Name: 'A' }, 'B'] }, 'DialPlans', p), ['A', 'B']);
    assert.equal(canonicalOf(REHYDRATED_SITE), 'Solo.local/Configuration/Sites/Default-First-Site-Name');
    assert.equal(canonicalOf('litwareinc.com/Configuration/Sites/Atlanta'), 'litwareinc.com/Configuration/Sites/Atlanta');
  });
  test('enums as names (any case), as PowerShell 7 {value, Value}, or as a documented number; unknown values kept', () => {
    const values = ['Unsecured', 'SIPSecured', 'Secured'] as const;
    assert.equal(enumOf({ VoIPSecurity: 'sipsecured' }, 'VoIPSecurity', values, p), 'SIPSecured');
    assert.equal(enumOf({ VoIPSecurity: { value: 1, Value: 'SIPSecured' } }, 'VoIPSecurity', values, p), 'SIPSecured');
    assert.equal(enumOf({ VoIPSecurity: 7 }, 'VoIPSecurity', values, p, { 7: 'Secured' }), 'Secured');
    assert.equal(enumOf({ VoIPSecurity: 'Encrypted' }, 'VoIPSecurity', values, p), 'Encrypted');
    assert.equal(enumOf({ VoIPSecurity: 9 }, 'VoIPSecurity', values, p), '9');
    assert.throws(() => enumOf({}, 'VoIPSecurity', values, p), /VoIPSecurity is missing \(expected one of Unsecured, SIPSecured, Secured\)/);
  });
  test('[Flags] enums: the printed list, an array, {value, Value}, or a number with documented bits', () => {
    assert.deepEqual(flags({ S: 'IMAP, POP, IIS, SMTP' }, 'S', p), ['IMAP', 'POP', 'IIS', 'SMTP']);
    assert.deepEqual(flags({ S: 'None' }, 'S', p), []);
    assert.deepEqual(flags({ S: ['UM', 'UMCallRouter'] }, 'S', p), ['UM', 'UMCallRouter']);
    assert.deepEqual(flags({ S: ['Mailbox, ClientAccess'] }, 'S', p), ['Mailbox', 'ClientAccess']);
    assert.deepEqual(flags({ ServerRole: { value: 2, Value: 'Mailbox' } }, 'ServerRole', p), ['Mailbox']);
    assert.deepEqual(flags({ ServerRole: 2 }, 'ServerRole', p, { 2: 'Mailbox' }), ['Mailbox']);
    assert.deepEqual(flags({ ServerRole: 0 }, 'ServerRole', p), []);
    assert.throws(() => flags({ ServerRole: 6 }, 'ServerRole', p, { 2: 'Mailbox' }), /ServerRole has the wrong type: expected a comma-separated flag list, got number 6/);
    const { place, skipped } = lenient();
    assert.deepEqual(flags({ ServerRole: 6 }, 'ServerRole', place, { 2: 'Mailbox' }), []);
    assert.equal(skipped.length, 1);
  });
  test('bytes: base64 or the array of byte values', () => {
    assert.equal(bytesBase64({ RawData: 'AAEC' }, 'RawData', p), 'AAEC');
    assert.equal(bytesBase64({ RawData: 'AA\r\nEC' }, 'RawData', p), 'AAEC');
    assert.equal(bytesBase64({ RawData: [0, 1, 2] }, 'RawData', p), 'AAEC');
    assert.throws(() => bytesBase64({ RawData: [0, 256] }, 'RawData', p), /expected base64 bytes/);
  });
  test('other rehydrated values read by their ToString()', () => {
    assert.equal(textOf({ ProxyAddressString: 'SMTP:a@x.com', AddressString: 'a@x.com', IsPrimaryAddress: true }), 'SMTP:a@x.com');
    assert.equal(textOf({ Local: 'a', Domain: 'x.com', Address: 'a@x.com', IsValidAddress: true }), 'a@x.com');
    assert.equal(textOf({ DisplayedAddress: '10.0.0.50', Address: { AddressFamily: 2 }, Domain: null }), '10.0.0.50');
    assert.equal(textOf({ AbsoluteUri: 'https://a/Autodiscover/Autodiscover.xml', Host: 'a' }), 'https://a/Autodiscover/Autodiscover.xml');
    assert.equal(textOf({ value: 'text', PSComputerName: 'x' }), 'text');
    assert.equal(textOf({ x: 1 }), undefined);
  });
  test('parseExchangeVersion', () => {
    assert.equal(parseExchangeVersion('Version 14.3 (Build 123.4)')?.product, '2010');
    assert.equal(parseExchangeVersion('15.1.2375.7'), null);
  });
});
