/**
 * The contact editor's services, assembled by main/compose.ts, end to end through real PowerShell and the lab endpoint,
 * on a temporary copy of the lab org: create, edit, move and remove with their exact cmdlets; the
 * stale-write refusal; warnings that must be acknowledged; the helpdesk profile refused at the
 * dispatcher; every change in the audit log; the CSV import (malformed rows refused one by one,
 * a re-run skips what is in place); the lab reset. Nothing writes the shipped lab file.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { labSnapshotPath, loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import type { ContactDraft } from '../../../../../shared/contacts/contact-model';
import { renderDiagnostic } from '../../../../../shared/i18n/translate';
import { ROOT } from '../../../../support/paths';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const ORIGIN = 'app://umc';
const SHIPPED = labSnapshotPath(ROOT);
const shippedHash = () => createHash('sha256').update(readFileSync(SHIPPED)).digest('hex');

describe('contact service through real PowerShell (lab endpoint, writable copy)', { skip: NO_PWSH }, () => {
  let dir: string;
  let services: MainServices;
  let hashBefore: string;
  const userLab = () => join(dir, 'lab.umcsnap.json');
  const auditPath = () => join(dir, 'audit.jsonl');

  before(() => {
    hashBefore = shippedHash();
    dir = mkdtempSync(join(tmpdir(), 'umc-contacts-'));
    services = createMainServices({
      root: ROOT,
      allowedOrigins: [ORIGIN],
      settings: memorySettingsStore(),
      userLabPath: userLab(),
      auditPath: auditPath(),
      powershell: labRuntime(),
    });
  });
  after(async () => {
    await services?.dispose();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(shippedHash(), hashBefore, 'the shipped lab org is never written');
  });

  const draft = (over: Partial<ContactDraft> = {}): ContactDraft => ({
    ou: 'OU=RTC Special Accounts,DC=litwareinc,DC=com',
    name: 'Test SA',
    sipAddress: 'sip:umc-test.SA@litwareinc.com',
    registrarPool: 'atl-cs-001.litwareinc.com',
    displayNumber: '+14255550777',
    kind: 'subscriberAccess',
    description: 'created by the test',
    ...over,
  });

  it('lists the lab: writable through the lab endpoint, operator known, the copy made only on first use', async () => {
    const { view, access } = await services.contacts.list();
    assert.equal(access.writable, true, JSON.stringify(access.reason));
    assert.equal(access.target, 'lab');
    assert.match(access.operator ?? '', /\\umcadmin$/i);
    assert.ok(view.rows.length > 0);
    assert.ok(view.ous.includes('OU=RTC Special Accounts,DC=litwareinc,DC=com'));
    assert.ok(existsSync(userLab()), 'the copy exists once the lab endpoint opened it');
  });

  it('create: preview shows the exact cmdlet, apply runs it, the contact is read back and in the org', async () => {
    const p = await services.contacts.preview({ op: 'create', draft: draft() });
    assert.equal(p.blocked, false, JSON.stringify(p.issues));
    assert.deepEqual(p.commandText, [
      "New-CsExUmContact -SipAddress 'sip:umc-test.SA@litwareinc.com' -RegistrarPool 'atl-cs-001.litwareinc.com' -DisplayNumber '+14255550777' -OU 'OU=RTC Special Accounts,DC=litwareinc,DC=com' -Description 'created by the test'",
    ]);
    // R-C-06: +14255550777 serves nothing in Exchange: a warning to acknowledge.
    assert.ok(p.acknowledge.includes('R-C-06'), JSON.stringify(p.issues));
    await assert.rejects(services.contacts.apply(p.token, []), /R-C-06/);
    const p2 = await services.contacts.preview({ op: 'create', draft: draft() });
    const r = await services.contacts.apply(p2.token, p2.acknowledge);
    assert.equal(r.outcome, 'applied', r.message);
    assert.equal(r.after?.sipAddress, 'sip:umc-test.SA@litwareinc.com');
    assert.equal(r.after?.lineUri, 'tel:+14255550777');
    assert.match(r.after?.identity ?? '', /^CN=\{[0-9a-f-]{36}\},OU=RTC Special Accounts,DC=litwareinc,DC=com$/i);
    const org = (await services.org.current()).org;
    assert.ok(org.skype.exUmContacts.some((c) => c.sipAddress === 'sip:umc-test.SA@litwareinc.com'));
    // Persisted in the user's copy, not in memory only.
    const reread = await loadSnapshotFile(userLab(), 'lab');
    assert.ok(reread.skype.exUmContacts.some((c) => c.sipAddress === 'sip:umc-test.SA@litwareinc.com'));
    // The token is spent.
    await assert.rejects(services.contacts.apply(p2.token, p2.acknowledge), /expired or was already applied/);
  });

  it('a duplicate SIP address is blocked in preview (R-C-02), before anything is sent', async () => {
    const p = await services.contacts.preview({ op: 'create', draft: draft({ displayNumber: '+14255550778' }) });
    assert.equal(p.blocked, true);
    assert.ok(p.issues.some((i) => i.rule === 'R-C-02'));
    await assert.rejects(services.contacts.apply(p.token, p.acknowledge), /has errors/);
  });

  it('edit: only the changed parameters; a number change rewrites LineURI (R-C-15 said so)', async () => {
    const c = (await services.org.current()).org.skype.exUmContacts.find((x) => x.sipAddress === 'sip:umc-test.SA@litwareinc.com')!;
    const p = await services.contacts.preview({ op: 'edit', identity: c.identity, draft: draft({ displayNumber: '+14255550779' }) });
    assert.deepEqual(p.commandText, [`Set-CsExUmContact -Identity '${c.identity}' -DisplayNumber '+14255550779'`]);
    assert.ok(p.issues.some((i) => i.rule === 'R-C-15'));
    const r = await services.contacts.apply(p.token, p.acknowledge);
    assert.equal(r.outcome, 'applied', r.message);
    assert.equal(r.after?.lineUri, 'tel:+14255550779');
  });

  it('no lost update: a change made elsewhere after the preview is refused with the difference, nothing written', async () => {
    const c = (await services.org.current()).org.skype.exUmContacts.find((x) => x.sipAddress === 'sip:umc-test.SA@litwareinc.com')!;
    const p = await services.contacts.preview({ op: 'edit', identity: c.identity, draft: draft({ displayNumber: '+14255550779', description: 'mine' }) });
    // Someone else changes the description meanwhile (another console, the Skype shell).
    const other = await services.contacts.preview({ op: 'edit', identity: c.identity, draft: draft({ displayNumber: '+14255550779', description: 'theirs' }) });
    assert.equal((await services.contacts.apply(other.token, other.acknowledge)).outcome, 'applied');
    const r = await services.contacts.apply(p.token, p.acknowledge);
    assert.equal(r.outcome, 'stale');
    assert.deepEqual(r.differences, [{ field: 'description', shown: 'created by the test', now: 'theirs' }]);
    const now = (await loadSnapshotFile(userLab(), 'lab')).skype.exUmContacts.find((x) => x.identity === c.identity)!;
    assert.equal(now.description, 'theirs');
  });

  it('move to another pool, then remove: the removal says what stops working', async () => {
    const c = (await services.org.current()).org.skype.exUmContacts.find((x) => x.sipAddress === 'sip:umc-test.SA@litwareinc.com')!;
    const pools = (await services.contacts.list()).view.pools.filter((p) => p.toLowerCase() !== c.registrarPool.toLowerCase());
    const m = await services.contacts.preview({ op: 'move', identity: c.identity, targetPool: pools[0]! });
    assert.equal(m.commandText[0], `Move-CsExUmContact -Identity '${c.identity}' -Target '${pools[0]}' -Confirm:$false`);
    const moved = await services.contacts.apply(m.token, m.acknowledge);
    assert.equal(moved.outcome, 'applied', moved.message);
    assert.equal(moved.after?.registrarPool.toLowerCase(), pools[0]!.toLowerCase());
    const rm = await services.contacts.preview({ op: 'remove', identity: c.identity });
    assert.deepEqual(rm.commandText, [`Remove-CsExUmContact -Identity '${c.identity}' -Confirm:$false`]);
    assert.ok(rm.consequences.length > 0);
    const removed = await services.contacts.apply(rm.token, rm.acknowledge);
    assert.equal(removed.outcome, 'applied', removed.message);
    assert.equal(removed.after, null);
    assert.ok(!(await services.org.current()).org.skype.exUmContacts.some((x) => x.identity === c.identity));
  });

  it('every change is in the audit log: who, profile, cmdlet, parameters, before and after, outcome', async () => {
    const view = await services.contacts.auditList();
    const cmdlets = view.entries.map((e) => `${e.cmdlet}:${e.outcome}`).reverse();
    assert.deepEqual(cmdlets, [
      'New-CsExUmContact:applied',
      'Set-CsExUmContact:applied',
      'Set-CsExUmContact:applied',
      'Set-CsExUmContact:stale',
      'Move-CsExUmContact:applied',
      'Remove-CsExUmContact:applied',
    ]);
    const created = view.entries[view.entries.length - 1]!;
    assert.match(created.operator, /umcadmin/i);
    assert.equal(created.profile, 'lab');
    assert.equal(created.target, 'lab');
    assert.deepEqual(
      created.parameters.find((x) => x.name === 'SipAddress'),
      { name: 'SipAddress', value: 'sip:umc-test.SA@litwareinc.com' },
    );
    assert.equal(created.before, null);
    assert.equal((created.after as { sipAddress: string }).sipAddress, 'sip:umc-test.SA@litwareinc.com');
    assert.deepEqual(view.damaged, []);
  });

  it('CSV import: every row previewed; malformed rows refused one by one; applied with per-row results; a re-run skips all', async () => {
    const csv =
      '\ufeffSipAddress;DisplayNumber;RegistrarPool;OU;Type;Name;Description\r\n' +
      'sip:csv-aa-1@litwareinc.com;+14255550801;atl-cs-001.litwareinc.com;OU=RTC Special Accounts,DC=litwareinc,DC=com;AutoAttendant;CSV AA 1;"two\r\nlines"\r\n' +
      'sip:csv-aa-2@litwareinc.com;0123;atl-cs-001.litwareinc.com;OU=RTC Special Accounts,DC=litwareinc,DC=com;AutoAttendant;CSV AA 2;bad number\r\n' +
      'sip:csv-aa-3@litwareinc.com;+14255550803;atl-cs-001.litwareinc.com;OU=RTC Special Accounts,DC=litwareinc,DC=com;Fax;CSV AA 3;bad type\r\n' +
      'sip:csv-sa-4@litwareinc.com;+14255550804;atl-cs-001.litwareinc.com;OU=RTC Special Accounts,DC=litwareinc,DC=com;SubscriberAccess;CSV SA 4;\r\n';
    const bytes = new TextEncoder().encode(csv);
    const p = await services.contacts.importPreview('contacts.csv', bytes);
    assert.equal(p.separator, ';');
    assert.deepEqual(
      p.rows.map((r) => r.action),
      ['create', 'invalid', 'invalid', 'create'],
    );
    assert.ok(
      p.rows[1]!.issues.some((i) => i.rule === 'R-C-03'),
      JSON.stringify(p.rows[1]!.issues),
    );
    assert.ok(p.rows[2]!.issues.length > 0);
    assert.match(p.rows[0]!.commandText[0]!, /^New-CsExUmContact -SipAddress 'sip:csv-aa-1@litwareinc\.com'.* -AutoAttendant:\$true -Description 'two\r\nlines'$/s);
    await services.contacts.importApply(p.token, false, p.acknowledge);
    const done = await services.contacts.importDone();
    assert.deepEqual(
      done.results.map((r) => [r.line, r.outcome]),
      [
        [2, 'applied'],
        [4, 'refused'],
        [5, 'refused'],
        [6, 'applied'],
      ],
    );
    const again = await services.contacts.importPreview('contacts.csv', bytes);
    assert.deepEqual(
      again.rows.map((r) => r.action),
      ['skip', 'invalid', 'invalid', 'skip'],
    );
  });

  it('export writes the list as CSV that imports back as "already in place"', async () => {
    const out = join(dir, 'export.csv');
    const n = await services.contacts.exportCsvTo(out);
    assert.equal(n, (await services.org.current()).org.skype.exUmContacts.length);
    const p = await services.contacts.importPreview('export.csv', readFileSync(out));
    assert.equal(p.counts.skip, n, JSON.stringify(p.rows.filter((r) => r.action !== 'skip').slice(0, 3)));
  });

  it('reset puts the lab org back as shipped', async () => {
    await services.contacts.resetLab();
    assert.equal(createHash('sha256').update(readFileSync(userLab())).digest('hex'), hashBefore);
    assert.ok(!(await services.org.current()).org.skype.exUmContacts.some((c) => c.sipAddress.startsWith('sip:csv-')));
  });
});

describe('who may write', () => {
  it('R-C-09 and R-C-10 come from the directory before anything is sent: OU rights (with the Grant-CsOUPermission fix), RTC groups', { skip: NO_PWSH }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-rights-'));
    const directory = join(dir, 'directory.json');
    // The operator is in RTCUniversalServerAdmins only: the cmdlets need RTCUniversalUserAdmins.
    writeFileSync(directory, JSON.stringify({ groups: { RTCUniversalServerAdmins: ['LITWAREINC\\umcadmin'], RTCUniversalUserAdmins: [] } }));
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: [ORIGIN],
      settings: memorySettingsStore(),
      userLabPath: join(dir, 'lab.json'),
      auditPath: join(dir, 'a.jsonl'),
      powershell: labRuntime({ env: { UMC_LAB_DIRECTORY_FILE: directory } }),
    });
    try {
      const base = {
        name: 'X',
        sipAddress: 'sip:rights@litwareinc.com',
        registrarPool: 'atl-cs-001.litwareinc.com',
        displayNumber: '+14255550950',
        kind: 'subscriberAccess' as const,
        description: '',
      };
      const p = await services.contacts.preview({ op: 'create', draft: { ...base, ou: 'OU=Locked Contacts,DC=litwareinc,DC=com' } });
      assert.equal(p.blocked, true);
      const rc09 = p.issues.find((i) => i.rule === 'R-C-09');
      assert.ok(rc09, JSON.stringify(p.issues));
      assert.match(renderDiagnostic('en', rc09).message, /Grant-CsOUPermission -OU 'OU=Locked Contacts,DC=litwareinc,DC=com' -ObjectType Contact/);
      const rc10 = p.issues.filter((i) => i.rule === 'R-C-10');
      assert.deepEqual(
        rc10.map((i) => i.severity),
        ['error'],
        JSON.stringify(rc10),
      );
      assert.match(renderDiagnostic('en', rc10[0]!).message, /RTCUniversalUserAdmins/);
      // In the permitted OU only R-C-10 remains, and it still blocks.
      const q = await services.contacts.preview({ op: 'create', draft: { ...base, ou: 'OU=RTC Special Accounts,DC=litwareinc,DC=com' } });
      assert.deepEqual(
        q.issues.filter((i) => i.severity === 'error').map((i) => i.rule),
        ['R-C-10'],
      );
      assert.equal(q.blocked, true);
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a helpdesk profile: every write channel refused by the main process, and its session cannot even run the write cmdlets', { skip: NO_PWSH }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-helpdesk-'));
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: [ORIGIN],
      settings: memorySettingsStore(),
      userLabPath: join(dir, 'lab.json'),
      auditPath: join(dir, 'a.jsonl'),
      powershell: labRuntime(),
    });
    try {
      const t = services.transportFor({ url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true });
      await services.connections.save({ name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' });
      const profile = (await services.connections.view('en')).profiles[0]!;
      assert.equal(profile.role, 'helpdesk');
      await services.connections.connectAndWait(profile);
      // The write cmdlets were not imported into its Skype session: refused by the host itself.
      await assert.rejects(
        services.connections
          .shells()
          .skype!.call(
            'New-CsExUmContact',
            { SipAddress: 'sip:x@litwareinc.com', RegistrarPool: 'atl-cs-001.litwareinc.com', DisplayNumber: '+1425', OU: 'OU=RTC Special Accounts,DC=litwareinc,DC=com' },
            { mode: 'write' },
          ),
        /not-allowed|not imported|not allowed/i,
      );
      for (const [channel, payload] of [
        ['contacts.apply', { token: '0'.repeat(32), acknowledged: [] }],
        ['contacts.importApply', { token: '0'.repeat(32), stopOnError: true, acknowledged: [] }],
        ['lab.reset', undefined],
      ] as const) {
        const env = await t(channel, payload);
        assert.equal(env.ok, false, channel);
        if (!env.ok) {
          assert.equal(env.error.code, 'forbidden', channel);
          assert.match(env.error.message, /Helpdesk is read-only \(helpdesk\)/);
        }
      }
      const list = await t('contacts.list', undefined);
      assert.ok(list.ok);
      if (list.ok) {
        const v = list.value as { access: { writable: boolean; reason: { key: string } } };
        assert.equal(v.access.writable, false);
        assert.equal(v.access.reason.key, 'contacts.readonly.helpdesk');
      }
      assert.ok(!existsSync(join(dir, 'lab.json')), 'nothing written');
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a snapshot file open: read-only, and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-snapro-'));
    const snap = join(dir, 's.umcsnap.json');
    writeFileSync(snap, readFileSync(SHIPPED));
    const services = createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings: memorySettingsStore(), snapshotPath: snap, auditPath: join(dir, 'a.jsonl') });
    try {
      const { access } = await services.contacts.list();
      assert.equal(access.writable, false);
      assert.equal(access.reason?.key, 'contacts.readonly.snapshot');
      await assert.rejects(services.contacts.preview({ op: 'remove', identity: 'x' }), /snapshot file is open/);
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('no PowerShell: the lab opens read-only and says why', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-nops-'));
    const services = createMainServices({
      root: ROOT,
      allowedOrigins: [ORIGIN],
      settings: memorySettingsStore(),
      userLabPath: join(dir, 'lab.json'),
      auditPath: join(dir, 'a.jsonl'),
      powershell: labRuntime({ executable: null }),
    });
    try {
      const { view, access } = await services.contacts.list();
      assert.ok(view.rows.length > 0, 'the list still shows');
      assert.equal(access.writable, false);
      assert.equal(access.reason?.key, 'contacts.readonly.noPowerShell');
    } finally {
      await services.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
