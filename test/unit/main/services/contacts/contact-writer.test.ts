/**
 * The writer's pure parts: what a stale-write check compares, and how contacts read back go into the
 * org the screens show (in place of the one they replace, wherever its identity moved).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactDifferences, patchContacts } from '../../../../../main/services/contacts/contact-writer';
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
});
