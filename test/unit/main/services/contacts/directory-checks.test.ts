/**
 * Test-CsOUPermission returns a Microsoft.Rtc.SyntheticTransactions.TaskOutput, not a [bool]
 * (https://learn.microsoft.com/powershell/module/skype/test-csoupermission): its answer is read from
 * the object as remoting delivers it (Result as text, or rehydrated {Value}), a bare boolean still
 * understood, anything else "unknown" (null: the check is not made, never guessed).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ouPermissionOf } from '../../../../../main/services/contacts/directory-checks';

describe('Test-CsOUPermission output', () => {
  it('reads a TaskOutput: Result Success / Failure, as text or as an enum object', () => {
    assert.equal(ouPermissionOf({ TargetFqdn: 'ou=Redmond,dc=litwareinc,dc=com', Result: 'Success', Latency: '00:00:00', Error: null, Diagnosis: null }), true);
    assert.equal(ouPermissionOf({ Result: 'Failure', Error: 'permissions missing' }), false);
    assert.equal(ouPermissionOf({ Result: { value: 'Success', Value: 'Success' } }), true);
    assert.equal(ouPermissionOf({ Result: { Value: 'Failure' } }), false);
  });

  it('a bare boolean or its text too', () => {
    assert.equal(ouPermissionOf(true), true);
    assert.equal(ouPermissionOf(false), false);
    assert.equal(ouPermissionOf('True'), true);
    assert.equal(ouPermissionOf('False'), false);
  });

  it('anything else is unknown', () => {
    for (const v of [undefined, null, '', 'maybe', 1, [], {}, { Result: 'NotRun' }, { Result: null }]) assert.equal(ouPermissionOf(v), null, JSON.stringify(v));
  });
});
