import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { bool, bytesBase64, date, enumOf, flags, int, optStr, parsePsDate, SnapshotError, str, strList } from '../../../../shared/snapshot/fields';

const p = { section: 'exchange.ipGateways', index: 3 };

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
  test('anything else is refused', () => {
    for (const bad of ['12/28/2015 3:35:41 PM', '', '/Date(abc)/', '2026-13-45', 'tomorrow']) assert.equal(parsePsDate(bad), null, bad);
    assert.throws(() => date({ NotAfter: '12/28/2015 3:35:41 PM' }, 'NotAfter', p), /exchange\.ipGateways\[3\]\.NotAfter has the wrong type: expected a date/);
  });
});

describe('typed readers name the place and the expectation', () => {
  test('missing property', () => {
    assert.throws(() => str({}, 'Name', p), (e: unknown) => e instanceof SnapshotError && e.message === 'exchange.ipGateways[3].Name is missing (expected a string)');
  });
  test('wrong types', () => {
    assert.throws(() => int({ Port: '5061' }, 'Port', p), /Port has the wrong type: expected an integer, got the string "5061"/);
    assert.throws(() => int({ Port: 50.5 }, 'Port', p), /expected an integer/);
    assert.throws(() => bool({ OutcallsAllowed: 'True' }, 'OutcallsAllowed', p), /expected true or false, got the string "True"/);
    assert.throws(() => strList({ HuntGroups: 'a' }, 'HuntGroups', p), /expected an array of strings/);
    assert.throws(() => strList({ HuntGroups: ['a', 3] }, 'HuntGroups', p), /HuntGroups\[1\] has the wrong type/);
  });
  test('enums arrive as strings, matched case-insensitively to the canonical spelling', () => {
    assert.equal(enumOf({ VoIPSecurity: 'sipsecured' }, 'VoIPSecurity', ['Unsecured', 'SIPSecured', 'Secured'] as const, p), 'SIPSecured');
    assert.throws(() => enumOf({ VoIPSecurity: 2 }, 'VoIPSecurity', ['Unsecured', 'SIPSecured', 'Secured'] as const, p), /expected one of Unsecured, SIPSecured, Secured, got number 2/);
  });
  test('null multi-valued property is an empty list; null string is empty', () => {
    assert.deepEqual(strList({ X: null }, 'X', p), []);
    assert.equal(optStr({ X: null }, 'X', p), '');
  });
  test('[Flags] enums as PowerShell prints them', () => {
    assert.deepEqual(flags({ S: 'IMAP, POP, IIS, SMTP' }, 'S', p), ['IMAP', 'POP', 'IIS', 'SMTP']);
    assert.deepEqual(flags({ S: 'None' }, 'S', p), []);
    assert.deepEqual(flags({ S: ['UM', 'UMCallRouter'] }, 'S', p), ['UM', 'UMCallRouter']);
  });
  test('RawData as base64 or as the byte array Windows PowerShell may emit', () => {
    assert.equal(bytesBase64({ RawData: 'AAEC' }, 'RawData', p), 'AAEC');
    assert.equal(bytesBase64({ RawData: [0, 1, 2] }, 'RawData', p), 'AAEC');
    assert.throws(() => bytesBase64({ RawData: [0, 256] }, 'RawData', p), /expected base64 bytes/);
  });
});
