/**
 * One lab org: the `lab:` connection profile and the console's lab copy serve the same file
 * (main/services/contacts/lab-copy.ts ensureLabCopy, main/compose.ts). A contact created through the lab
 * endpoint connection is in the org read again after it, and in the lab org once disconnected — not "missing"
 * again — and the change runs as the lab endpoint's operator, not as "unknown". Real PowerShell.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { labSnapshotPath, loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import { ROOT } from '../../../../support/paths';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const SHIPPED = labSnapshotPath(ROOT);
const shippedHash = () => createHash('sha256').update(readFileSync(SHIPPED)).digest('hex');
const BRANCH_OVA = '+14255550200';

describe('the lab: connection and the lab copy are one org', { skip: NO_PWSH }, () => {
  let dir: string;
  let services: MainServices;
  let hashBefore: string;
  const userLab = () => join(dir, 'lab.umcsnap.json');

  before(() => {
    hashBefore = shippedHash();
    dir = mkdtempSync(join(tmpdir(), 'umc-lab-one-org-'));
    services = createMainServices({ root: ROOT, allowedOrigins: ['app://umc'], settings: memorySettingsStore(), userLabPath: userLab(), auditPath: join(dir, 'a.jsonl'), powershell: labRuntime() });
  });
  after(async () => {
    await services?.dispose();
    rmSync(dir, { recursive: true, force: true });
    assert.equal(shippedHash(), hashBefore, 'the shipped lab org is never written');
  });

  it('connected to lab:, the missing contact created from its prefill is present after the org is read again, run as the lab operator', async () => {
    await services.connections.save({ name: 'Lab', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'admin' });
    const profile = (await services.connections.view('en')).profiles[0]!;
    await services.connections.connectAndWait(profile);
    await services.connections.refresh();
    assert.ok(existsSync(userLab()), 'the lab: session opened the user’s copy, made from the shipped lab');

    const first = await services.contacts.list();
    assert.equal(first.access.target, 'live');
    assert.equal(first.access.writable, true, JSON.stringify(first.access.reason));
    assert.match(first.access.operator ?? '', /\\umcadmin$/i, 'the lab endpoint’s operator, not "unknown"');
    const missing = first.view.rows.find((r) => r.status === 'missing' && r.serves?.number === BRANCH_OVA);
    assert.ok(missing?.prefill, 'the lab org lacks the branch OVA contact');

    const p = await services.contacts.preview({ op: 'create', draft: missing.prefill });
    assert.equal(p.blocked, false, JSON.stringify(p.issues));
    const r = await services.contacts.apply(p.token, p.acknowledge);
    assert.equal(r.outcome, 'applied', r.message);

    // Read again from the lab endpoint (a new capture): the contact is there, the number no longer missing.
    await services.connections.refresh();
    const again = await services.contacts.list();
    const row = again.view.rows.find((x) => x.contact?.sipAddress.toLowerCase() === missing.prefill!.sipAddress.toLowerCase());
    assert.ok(row, 'the contact just created is listed');
    assert.ok(!again.view.rows.some((x) => x.status === 'missing' && x.serves?.number === BRANCH_OVA), 'its number is not missing again');

    // Disconnected, the console's lab org is the same file: the contact is still there.
    await services.connections.disconnect();
    const offline = await services.contacts.list();
    assert.equal(offline.access.target, 'lab');
    assert.ok(offline.view.rows.some((x) => x.contact?.sipAddress.toLowerCase() === missing.prefill!.sipAddress.toLowerCase()));
    const file = await loadSnapshotFile(userLab(), 'lab');
    assert.ok(file.skype.exUmContacts.some((c) => c.displayNumber === BRANCH_OVA));
  });
});
