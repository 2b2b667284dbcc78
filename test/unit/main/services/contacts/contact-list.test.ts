/**
 * The Contacts screen's read: contacts.view answers once the org is read, without waiting for PowerShell;
 * contacts.list says through `contacts.loadProgress` what it is doing — reading the org, then starting
 * PowerShell on the lab endpoint (or asking the live sessions) — and is done after.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ContactsLoad } from '../../../../../shared/contacts/contact-channels';
import type { EventName, EventPayload, EventSink } from '../../../../../shared/contract/channels';
import { createContactList } from '../../../../../main/services/contacts/contact-list';
import type { DirectoryCheckCache, DirectoryChecks } from '../../../../../main/services/contacts/directory-checks';
import type { WriteTarget, WriteTargets } from '../../../../../main/services/contacts/write-target';
import { createOrgService } from '../../../../../main/services/org-service';
import { labOrg } from '../../../../support/lab';

/** An event sink that keeps every state published on contacts.loadProgress. */
function recorder(): { sink: EventSink; phases: ContactsLoad['phase'][] } {
  const phases: ContactsLoad['phase'][] = [];
  return {
    phases,
    sink: {
      publish<E extends EventName>(event: E, read: () => EventPayload<E>) {
        if (event === 'contacts.loadProgress') phases.push((read() as ContactsLoad).phase);
      },
    },
  };
}

const target = (kind: 'lab' | 'live'): WriteTarget => ({
  kind,
  profile: kind,
  skype: async () => assert.fail('no cmdlet in this test'),
  exchange: async () => assert.fail('no cmdlet in this test'),
  operator: async () => 'LITWAREINC\\umcadmin',
});

const CHECKS: DirectoryChecks = { at: 0, operator: 'LITWAREINC\\umcadmin', groups: { serverAdmins: true, userAdmins: true }, ous: [], ouPermission: new Map() };

/** Directory checks that answer only when `release` is called (PowerShell starting), counted. */
function slowChecks(cached: DirectoryChecks | null = null) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((r) => (release = r));
  let calls = 0;
  const checks = {
    of: async () => {
      calls++;
      await gate;
      return CHECKS;
    },
    cached: () => cached,
  } as unknown as DirectoryCheckCache;
  return { checks, release: () => release(), calls: () => calls };
}

const targets = (t: WriteTarget): WriteTargets => ({ resolve: async () => ({ target: t }), require: async () => t, writeRefusal: () => null });
const language = async () => 'en' as const;

describe('contact list: the list first, then whether changes may be made', () => {
  test('contacts.view answers while the directory checks still wait for PowerShell', async () => {
    const slow = slowChecks();
    const list = createContactList({ org: createOrgService(async () => labOrg()), targets: targets(target('lab')), checks: slow.checks, language });
    const pending = list.list();
    const view = await list.view();
    assert.ok(view.rows.length > 0);
    assert.ok(view.rows.some((r) => r.status === 'missing'));
    slow.release();
    const screen = await pending;
    assert.equal(screen.access.writable, true);
    assert.equal(slow.calls(), 1, 'the view never asked the directory');
  });

  test('on the lab: idle, reading the org, starting PowerShell, done — and the phase stays "powershell" until the checks answer', async () => {
    const slow = slowChecks();
    const r = recorder();
    const list = createContactList({ org: createOrgService(async () => labOrg()), targets: targets(target('lab')), checks: slow.checks, language, events: r.sink });
    assert.deepEqual(r.phases, ['idle'], 'a new subscriber has a state at once');
    const pending = list.list();
    while (slow.calls() === 0) await new Promise((res) => setImmediate(res));
    assert.deepEqual(r.phases, ['idle', 'org', 'powershell']);
    slow.release();
    await pending;
    assert.deepEqual(r.phases, ['idle', 'org', 'powershell', 'done']);
  });

  test('live sessions: "reading the directory" instead; checks already cached: no waiting phase at all', async () => {
    const live = slowChecks();
    const r = recorder();
    const list = createContactList({ org: createOrgService(async () => labOrg()), targets: targets(target('live')), checks: live.checks, language, events: r.sink });
    const pending = list.list();
    live.release();
    await pending;
    assert.deepEqual(r.phases, ['idle', 'org', 'directory', 'done']);

    const cached = slowChecks(CHECKS);
    cached.release();
    const r2 = recorder();
    await createContactList({ org: createOrgService(async () => labOrg()), targets: targets(target('lab')), checks: cached.checks, language, events: r2.sink }).list();
    assert.deepEqual(r2.phases, ['idle', 'org', 'done']);
  });

  test('a failure still ends the read: done, and the list with why changes are not possible', async () => {
    const r = recorder();
    const failing = { of: async () => Promise.reject(new Error('pwsh did not start')), cached: () => null } as unknown as DirectoryCheckCache;
    const screen = await createContactList({ org: createOrgService(async () => labOrg()), targets: targets(target('lab')), checks: failing, language, events: r.sink }).list();
    assert.equal(screen.access.writable, false);
    assert.match(String(screen.access.reason?.params.detail), /pwsh did not start/);
    assert.deepEqual(r.phases, ['idle', 'org', 'powershell', 'done']);
  });
});
