/**
 * The writer's pure parts: what a stale-write check compares, and how contacts read back go into the
 * org the screens show (in place of the one they replace, wherever its identity moved).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { answerNeverCame, contactDifferences, intendedState, patchContacts, settleFromRead } from '../../../../../main/services/contacts/contact-writer';
import { HostCallError, PowerShellError } from '../../../../../main/powershell/powershell-host';
import { CommandNotAvailableError } from '../../../../../main/powershell/shell-session';
import { UserError } from '../../../../../shared/i18n/translate';
import type { OrgModel } from '../../../../../shared/model/org';
import { mainAaContact } from '../../../../support/contact-fixtures';

const orgWith = (contacts: OrgModel['skype']['exUmContacts']) => ({ skype: { exUmContacts: contacts } }) as unknown as OrgModel;

describe('contact writer', () => {
  it('differences: none when unchanged, "exists" when created or removed meanwhile, else the compared fields', () => {
    const shown = mainAaContact();
    assert.deepEqual(contactDifferences(shown, { ...shown }), []);
    assert.deepEqual(contactDifferences(null, null), []);
    assert.deepEqual(contactDifferences(shown, null), [{ field: 'exists', shown: 'true', now: 'false' }]);
    assert.deepEqual(contactDifferences(null, shown), [{ field: 'exists', shown: 'false', now: 'true' }]);
    assert.deepEqual(contactDifferences(shown, { ...shown, description: 'theirs', enabled: !shown.enabled }), [
      { field: 'enabled', shown: String(shown.enabled), now: String(!shown.enabled) },
      { field: 'description', shown: shown.description, now: 'theirs' },
    ]);
  });

  it('patch: an edit replaces in place, a creation is appended, a removal drops, a renamed identity replaces the old', () => {
    const a = mainAaContact({ identity: 'CN=A', sipAddress: 'sip:a@x' });
    const b = mainAaContact({ identity: 'CN=B', sipAddress: 'sip:b@x' });
    const c = mainAaContact({ identity: 'CN=C', sipAddress: 'sip:c@x' });
    const org = orgWith([a, b, c]);
    const edited = { ...b, description: 'new' };
    assert.deepEqual(patchContacts(org, [{ identity: 'cn=b', after: edited }]).skype.exUmContacts, [a, edited, c]);
    const created = mainAaContact({ identity: 'CN=D', sipAddress: 'sip:d@x' });
    assert.deepEqual(patchContacts(org, [{ identity: null, after: created }]).skype.exUmContacts, [a, b, c, created]);
    assert.deepEqual(patchContacts(org, [{ identity: 'CN=A', after: null }]).skype.exUmContacts, [b, c]);
    const moved = { ...c, identity: 'CN=C2' };
    assert.deepEqual(patchContacts(org, [{ identity: 'CN=C2', after: moved, previousIdentity: 'CN=C' }]).skype.exUmContacts, [a, b, moved]);
    assert.deepEqual(org.skype.exUmContacts, [a, b, c], 'the org given is not changed');
  });

  it('an answer that never came: the host died or was killed, the session closed, a timeout — not a refusal, not a command never sent', () => {
    const shell = { key: 'shell.skype' };
    for (const key of ['ps.sessionLostWrite', 'ps.timeoutKilled', 'ps.timeout', 'ps.hostClosed'])
      assert.equal(answerNeverCame(new UserError({ key, params: { shell, command: 'X', seconds: 1 } })), true, key);
    assert.equal(answerNeverCame(new HostCallError('host-exited', { key: 'ps.hostExited', params: { command: 'X', code: '9' } })), true);
    assert.equal(answerNeverCame(new HostCallError('disposed', { key: 'ps.hostClosed', params: { command: 'X' } })), true);
    assert.equal(answerNeverCame(new HostCallError('host-start', { key: 'ps.hostStartTimeout', params: { seconds: 1 } })), false, 'never started: never sent');
    assert.equal(answerNeverCame(new UserError({ key: 'ps.notOpen', params: { shell, state: { key: 'session.state.broken' }, command: 'X' } })), false, 'queued, never sent');
    assert.equal(answerNeverCame(new CommandNotAvailableError('New-CsExUmContact', 'skype')), false);
    const refusal = { kind: 'error', message: 'in use', category: 'ResourceExists', reason: '', errorId: 'New-CsExUmContact.SipAddressInUse', targetObject: null, exceptionType: '' };
    assert.equal(answerNeverCame(new PowerShellError(refusal as never, 'New-CsExUmContact')), false, 'the server answered');
    assert.equal(answerNeverCame(new Error('other')), false);
  });

  it('settling from the contact read back: the intended state is applied, the previous one failed, anything else unknown', () => {
    const was = mainAaContact({ identity: 'CN=A,OU=X', sipAddress: 'sip:a@x.com', description: 'old', registrarPool: 'pool1.x.com' });
    const set = intendedState(
      {
        cmdlet: 'Set-CsExUmContact',
        parameters: [
          { name: 'Identity', value: 'CN=A,OU=X' },
          { name: 'Description', value: 'new' },
        ],
      },
      was,
    );
    assert.equal(set.readBy, 'CN=A,OU=X');
    assert.equal(settleFromRead(set, was, { ...was, description: 'new' }), 'applied');
    assert.equal(settleFromRead(set, was, was), 'failed');
    assert.equal(settleFromRead(set, was, { ...was, description: 'someone else' }), 'unknown');
    assert.equal(settleFromRead(set, was, null), 'unknown', 'gone meanwhile');
    const create = intendedState(
      {
        cmdlet: 'New-CsExUmContact',
        parameters: [
          { name: 'SipAddress', value: 'SIP:n@x.com' },
          { name: 'RegistrarPool', value: 'POOL1.x.com' },
          { name: 'DisplayNumber', value: '+1425' },
          { name: 'OU', value: 'OU=X' },
        ],
      },
      null,
    );
    assert.equal(create.readBy, 'SIP:n@x.com');
    const made = mainAaContact({ sipAddress: 'sip:n@x.com', registrarPool: 'pool1.x.com', displayNumber: '+1425', ou: 'OU=X', autoAttendant: false, description: '' });
    assert.equal(settleFromRead(create, null, made), 'applied', 'the scheme and the pool compare without case');
    assert.equal(settleFromRead(create, null, null), 'failed');
    assert.equal(settleFromRead(create, null, { ...made, displayNumber: '+1999' }), 'unknown');
    const remove = intendedState(
      {
        cmdlet: 'Remove-CsExUmContact',
        parameters: [
          { name: 'Identity', value: 'CN=A,OU=X' },
          { name: 'Confirm', value: false },
        ],
      },
      was,
    );
    assert.equal(settleFromRead(remove, was, null), 'applied');
    assert.equal(settleFromRead(remove, was, was), 'failed');
    const move = intendedState(
      {
        cmdlet: 'Move-CsExUmContact',
        parameters: [
          { name: 'Identity', value: 'CN=A,OU=X' },
          { name: 'Target', value: 'pool2.x.com' },
        ],
      },
      was,
    );
    assert.equal(settleFromRead(move, was, { ...was, registrarPool: 'pool2.x.com' }), 'applied');
    assert.equal(settleFromRead(move, was, was), 'failed');
  });
});
