/**
 * A profile's role is an admin's decision (docs/live-sessions.md, "Roles and the policy file"): through
 * the contract (the in-memory transport, the dispatcher the preload uses), a helpdesk session — since a
 * helpdesk profile was connected — cannot lift a profile to admin nor create an admin one, even after
 * disconnecting; the stored profile stays as it was. The policy file an administrator deploys pins every
 * profile to helpdesk (saves refused, connections read-only); a damaged one pins too. No PowerShell runs:
 * the runtime has none, so connect only records the profile and the open fails.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { Envelope } from '../../../../../shared/contract/channel';
import type { ProfileInput } from '../../../../../shared/connections/connection-channels';
import type { ConnectionsView } from '../../../../../shared/connections/profile';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { defaultRolePolicyFile, readRolePolicy } from '../../../../../main/services/role-policy';
import { ROOT } from '../../../../support/paths';

const ORIGIN = 'app://umc';
const dir = mkdtempSync(join(tmpdir(), 'umc-role-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const HELPDESK: ProfileInput = { name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' };
const ADMIN: ProfileInput = { name: 'Admin', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'admin' };

function open(o: { policy?: string; language?: 'en' | 'fr' } = {}) {
  const services = createMainServices({
    root: ROOT,
    allowedOrigins: [ORIGIN],
    settings: memorySettingsStore(o.language ? { language: o.language } : {}),
    powershell: { executable: null },
    rolePolicyFile: o.policy ?? join(dir, 'no-policy.json'),
    userLabPath: join(dir, 'lab.json'),
    auditPath: join(dir, 'audit.jsonl'),
  });
  const t = services.transportFor({ url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true });
  const call = async <T>(channel: string, payload: unknown) => (await t(channel as never, payload as never)) as Envelope<T>;
  const save = (profile: ProfileInput) => call<ConnectionsView>('connections.save', { profile });
  const ok = async <T>(e: Promise<Envelope<T>>): Promise<T> => {
    const r = await e;
    if (!r.ok) assert.fail(`refused: ${r.error.message}`);
    return r.value;
  };
  return { services, call, save, ok };
}

async function stored(services: MainServices, name: string) {
  return (await services.connections.view('en')).profiles.find((p) => p.name === name);
}

describe('a profile role changes only from an admin session', () => {
  it('a helpdesk session cannot lift a helpdesk profile to admin, nor create an admin profile, even after disconnecting', async () => {
    const { services, call, save, ok } = open();
    try {
      const helpdesk = (await ok(save(HELPDESK))).profiles.find((p) => p.name === 'Helpdesk')!;
      await ok(call('connections.connect', { id: helpdesk.id }));
      assert.equal(services.connections.activeProfile()?.role, 'helpdesk');

      const lifted = await save({ ...HELPDESK, id: helpdesk.id, role: 'admin' });
      assert.equal(lifted.ok, false, 'the role was lifted to admin from a helpdesk session');
      if (!lifted.ok) assert.match(lifted.error.message, /Only an admin session can make a profile admin: .*helpdesk profile Helpdesk was connected/);
      assert.equal((await stored(services, 'Helpdesk'))?.role, 'helpdesk', 'the stored profile unchanged');

      const created = await save(ADMIN);
      assert.equal(created.ok, false, 'an admin profile was created from a helpdesk session');
      assert.equal(await stored(services, 'Admin'), undefined);

      // A role not sent keeps the stored one (it used to default to admin).
      await ok(save({ ...HELPDESK, id: helpdesk.id, name: 'Helpdesk', role: undefined, forest: 'accounts' }));
      assert.deepEqual([(await stored(services, 'Helpdesk'))?.role, (await stored(services, 'Helpdesk'))?.forest], ['helpdesk', 'accounts']);

      // Disconnecting does not hand the decision back.
      await ok(call('connections.disconnect', undefined));
      const again = await save({ ...HELPDESK, id: helpdesk.id, role: 'admin' });
      assert.equal(again.ok, false);
      assert.equal((await stored(services, 'Helpdesk'))?.role, 'helpdesk');
      const view = await ok(call<ConnectionsView>('connections.list', undefined));
      assert.match(view.adminRoleRefusal ?? '', /Only an admin session/);
    } finally {
      await services.dispose();
    }
  });

  it('says it in French too', async () => {
    const { services, call, save, ok } = open({ language: 'fr' });
    try {
      const helpdesk = (await ok(save(HELPDESK))).profiles[0]!;
      await ok(call('connections.connect', { id: helpdesk.id }));
      const lifted = await save({ ...HELPDESK, id: helpdesk.id, role: 'admin' });
      assert.equal(lifted.ok, false);
      if (!lifted.ok) assert.match(lifted.error.message, /Seule une session Administrateur .* profil Support Helpdesk/);
    } finally {
      await services.dispose();
    }
  });

  it('an admin session decides: a helpdesk profile made admin, an existing admin profile kept admin in a helpdesk session', async () => {
    const { services, call, save, ok } = open();
    try {
      const view = await ok(save(HELPDESK));
      assert.equal(view.adminRoleRefusal, null);
      const helpdesk = view.profiles[0]!;
      const admin = (await ok(save(ADMIN))).profiles.find((p) => p.name === 'Admin')!;
      await ok(save({ ...HELPDESK, id: helpdesk.id, role: 'admin' }));
      assert.equal((await stored(services, 'Helpdesk'))?.role, 'admin');
      await ok(save({ ...HELPDESK, id: helpdesk.id, role: 'helpdesk' }));
      await ok(call('connections.connect', { id: helpdesk.id }));
      // Editing a profile that already is admin is no lift.
      await ok(save({ ...ADMIN, id: admin.id, forest: 'accounts' }));
      assert.equal((await stored(services, 'Admin'))?.role, 'admin');
      // But this session connects it read-only: a helpdesk session never gains the writes.
      await ok(call('connections.connect', { id: admin.id }));
      assert.equal(services.connections.activeProfile()?.role, 'helpdesk');
    } finally {
      await services.dispose();
    }
  });
});

describe('the role policy file', () => {
  it('pins every profile to helpdesk: an admin save refused naming the file, an admin profile connected read-only', async () => {
    const policy = join(dir, 'policy.json');
    writeFileSync(policy, '\uFEFF{ "version": 1, "role": "helpdesk" }');
    const { services, call, save, ok } = open({ policy });
    try {
      const refused = await save(ADMIN);
      assert.equal(refused.ok, false);
      if (!refused.ok) assert.ok(refused.error.message.includes(`The policy file ${policy}`), refused.error.message);
      assert.deepEqual((await services.connections.view('en')).profiles, []);
      // A profile saved without a role is helpdesk here.
      const v = await ok(save({ ...ADMIN, role: undefined }));
      assert.equal(v.profiles[0]?.role, 'helpdesk');
      assert.match(v.adminRoleRefusal ?? '', /pins this console to the helpdesk role/);
      // One stored as admin before the policy came: connected read-only.
      writeFileSync(policy, '{ "version": 1 }');
      const admin = (await ok(save(ADMIN))).profiles.find((p) => p.name === 'Admin')!;
      writeFileSync(policy, '{ "version": 1, "role": "helpdesk" }');
      await ok(call('connections.connect', { id: admin.id }));
      assert.equal(services.connections.activeProfile()?.role, 'helpdesk');
    } finally {
      await services.dispose();
    }
  });

  it('reads absent as no pin, and anything it cannot read as helpdesk', async () => {
    const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    assert.equal((await readRolePolicy(join(dir, 'absent.json'))).pinnedRole, null);
    assert.equal((await readRolePolicy(file('v1.json', '{"version":1}'))).pinnedRole, null);
    assert.equal((await readRolePolicy(file('pinned.json', '{"version":1,"role":"helpdesk"}'))).pinnedRole, 'helpdesk');
    for (const [name, text] of [
      ['broken.json', '{"version":1,'],
      ['admin.json', '{"version":1,"role":"admin"}'],
      ['unknown.json', '{"version":1,"role":"helpdesk","allow":"all"}'],
      ['v2.json', '{"version":2}'],
    ] as const) {
      assert.equal((await readRolePolicy(file(name, text))).pinnedRole, 'helpdesk', name);
    }
    assert.equal((await readRolePolicy(dir)).pinnedRole, 'helpdesk', 'a directory: unreadable');
    assert.equal(defaultRolePolicyFile('win32', { ProgramData: 'D:\\ProgramData' }), join('D:\\ProgramData', 'UMIntegrationConsole', 'policy.json'));
    assert.equal(defaultRolePolicyFile('linux', {}), '/etc/umc/policy.json');
  });
});
