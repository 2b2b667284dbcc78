import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ConnectionProfileView } from '../../../../../shared/connections/profile';
import { ProfileInput } from '../../../../../shared/connections/connection-channels';
import { en } from '../../../../../shared/i18n/en';
import {
  draftFromProfile,
  dropsStoredPassword,
  emptyDraft,
  endpointPreview,
  hasErrors,
  type ProfileDraft,
  toProfileInput,
  validateDraft,
  withLabEndpoint,
} from '../../../../../renderer/src/screens/connections/profile-form-model';

const valid: ProfileDraft = { ...emptyDraft(), name: 'Contoso', exchange: 'exch01.contoso.com', skype: 'pool01.contoso.com' };
const stored: ConnectionProfileView = {
  id: 'contoso',
  name: 'Contoso',
  exchange: 'exch01.contoso.com',
  skype: 'pool01.contoso.com',
  authentication: 'credential',
  userName: 'CONTOSO\\umadmin',
  forest: 'accounts.contoso.com',
  hasSecret: true,
};

describe('profile form validation', () => {
  test('an empty draft names every required field, with keys that exist', () => {
    const e = validateDraft(emptyDraft());
    assert.deepEqual(Object.keys(e).sort(), ['exchange', 'name', 'skype']);
    assert.equal(e.name?.key, 'connections.form.error.name');
    assert.equal(e.exchange?.key, 'connections.form.error.empty');
    for (const m of Object.values(e)) assert.ok(m.key in en, m.key);
  });

  test("resolveEndpoint's reasons read under the endpoint fields", () => {
    assert.equal(validateDraft({ ...valid, exchange: 'EXCH01' }).exchange?.key, 'connections.form.error.fqdn');
    assert.equal(validateDraft({ ...valid, exchange: 'http://user:pw@exch01.contoso.com/PowerShell/' }).exchange?.key, 'connections.form.error.uri');
    assert.equal(validateDraft({ ...valid, skype: 'lab+ssh://nobody' }).skype?.key, 'connections.form.error.ssh');
    assert.equal(validateDraft({ ...valid, skype: 'x'.repeat(401) }).skype?.key, 'connections.form.error.tooLong');
    assert.deepEqual(validateDraft({ ...valid, skype: 'x'.repeat(401) }).skype?.params, { max: 400 });
    assert.equal(hasErrors(validateDraft(valid)), false);
    assert.equal(hasErrors(validateDraft({ ...valid, exchange: 'https://exch01.contoso.com/PowerShell/', skype: 'lab+ssh://lab@10.0.0.5:22' })), false);
  });

  test('a stored credential needs a DOMAIN\\user or UPN, and a password unless one is stored', () => {
    const cred: ProfileDraft = { ...valid, authentication: 'credential' };
    assert.equal(validateDraft(cred).userName?.key, 'connections.form.error.userRequired');
    assert.equal(validateDraft({ ...cred, userName: 'just a name' }).userName?.key, 'connections.form.error.userName');
    assert.equal(validateDraft({ ...cred, userName: 'umadmin@contoso.com' }).password?.key, 'connections.form.error.passwordRequired');
    assert.equal(hasErrors(validateDraft({ ...cred, userName: 'CONTOSO\\umadmin', password: 'p' })), false);
    // Editing a profile with a stored password: empty keeps it; removing it on purpose is allowed.
    assert.equal(hasErrors(validateDraft(draftFromProfile(stored))), false);
    assert.equal(hasErrors(validateDraft({ ...draftFromProfile(stored), removePassword: true })), false);
    // Kerberos asks for neither.
    assert.equal(hasErrors(validateDraft({ ...valid, userName: 'nonsense', password: '' })), false);
  });

  test('the lab shortcut fills both endpoints with lab: and a name only when there is none', () => {
    const lab = withLabEndpoint(emptyDraft(), 'Lab');
    assert.deepEqual([lab.exchange, lab.skype, lab.name], ['lab:', 'lab:', 'Lab']);
    assert.equal(hasErrors(validateDraft(lab)), false);
    assert.equal(withLabEndpoint(valid, 'Lab').name, 'Contoso');
  });
});

describe('what a save sends', () => {
  test('a new Kerberos profile: trimmed, no id, no user, no password, forest null when blank', () => {
    const input = toProfileInput({ ...valid, name: '  Contoso  ', forest: '   ', userName: 'left over' });
    assert.deepEqual(input, { name: 'Contoso', exchange: 'exch01.contoso.com', skype: 'pool01.contoso.com', authentication: 'kerberos', userName: null, forest: null, role: 'admin' });
    assert.ok(ProfileInput.safeParse(input).success);
  });

  test('the password is write-only: empty keeps, typed replaces, Remove sends an empty string', () => {
    const edit = draftFromProfile(stored);
    assert.equal(edit.password, '');
    assert.ok(!('password' in toProfileInput(edit)));
    assert.equal(toProfileInput(edit).id, 'contoso');
    assert.equal(toProfileInput({ ...edit, password: 'n3w' }).password, 'n3w');
    assert.equal(toProfileInput({ ...edit, removePassword: true }).password, '');
    assert.equal(dropsStoredPassword({ ...edit, removePassword: true }), true);
    assert.equal(dropsStoredPassword(edit), false);
    for (const d of [edit, { ...edit, removePassword: true }]) assert.ok(ProfileInput.safeParse(toProfileInput(d)).success);
  });

  test('switching a profile with a stored password to Kerberos removes the password', () => {
    const kerberos = { ...draftFromProfile(stored), authentication: 'kerberos' as const };
    const input = toProfileInput(kerberos);
    assert.equal(input.password, '');
    assert.equal(input.userName, null);
    assert.equal(input.forest, 'accounts.contoso.com');
    assert.equal(dropsStoredPassword(kerberos), true);
  });
});

test('the endpoint preview says where the session goes', () => {
  assert.deepEqual(endpointPreview('exchange', 'EXCH01.contoso.com'), { key: 'connections.form.resolved', params: { uri: 'http://exch01.contoso.com/PowerShell/' } });
  assert.deepEqual(endpointPreview('skype', 'pool01.contoso.com'), { key: 'connections.form.resolved', params: { uri: 'https://pool01.contoso.com/OcsPowershell' } });
  assert.deepEqual(endpointPreview('skype', 'lab:'), { key: 'connections.form.resolvedLab' });
  assert.deepEqual(endpointPreview('exchange', 'lab+ssh://lab@host.example:2222'), { key: 'connections.form.resolvedSsh', params: { user: 'lab', host: 'host.example', port: '2222' } });
  assert.equal(endpointPreview('exchange', 'EXCH01'), null);
});

describe('the profile role', () => {
  test('a new profile is an administrator; a helpdesk profile keeps its role through edit and save', () => {
    assert.equal(emptyDraft().role, 'admin');
    const view = { id: 'hd-1', name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos' as const, userName: null, forest: null, role: 'helpdesk' as const, hasSecret: false };
    const d = draftFromProfile(view);
    assert.equal(d.role, 'helpdesk');
    assert.equal(toProfileInput(d).role, 'helpdesk');
    // A profile saved before roles existed reads as an administrator.
    assert.equal(draftFromProfile({ ...view, role: undefined }).role, 'admin');
  });
});
