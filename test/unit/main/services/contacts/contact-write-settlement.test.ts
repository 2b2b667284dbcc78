/**
 * A write whose answer never came, through real PowerShell and the lab endpoint: the PowerShell host
 * is killed (SIGKILL, by its process id) while New- or Set-CsExUmContact runs — after the change is
 * on disk, or before it — so the call ends without an answer. The audit log says `unknown` (never
 * `failed`), the contact is read back at once on the rebuilt session, and what the lab file holds
 * settles it: applied, or not applied. The caller gets the contact as read back and the org the
 * screens show has it, without a refresh. No process is left behind.
 *
 * The lab endpoint's fault file (docs/lab-endpoint.md, test-only) stops the cmdlet at the chosen
 * point: `signal` writes the process id there, `delayMs` holds the call until the kill.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createMainServices, type MainServices } from '../../../../../main/compose';
import { memorySettingsStore } from '../../../../../main/services/ports';
import { loadSnapshotFile } from '../../../../../main/services/snapshot-loader';
import type { ContactDraft } from '../../../../../shared/contacts/contact-model';
import { ROOT } from '../../../../support/paths';
import { labRuntime, NO_PWSH } from '../../../../support/powershell';

const ORIGIN = 'app://umc';

/** Running processes (not zombies) whose parent chain leads to `root`. */
function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  const state = new Map<number, string>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(entry), Number(fields[1]));
      state.set(Number(entry), fields[0]!);
    } catch {
      /* gone meanwhile */
    }
  }
  const out: number[] = [];
  for (const pid of parent.keys()) {
    if (state.get(pid) === 'Z' || state.get(pid) === 'X') continue;
    for (let p = parent.get(pid); p !== undefined && p > 1; p = parent.get(p)) {
      if (p === root) {
        out.push(pid);
        break;
      }
    }
  }
  return out;
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

function running(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const s = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    return s !== 'Z' && s !== 'X';
  } catch {
    return false;
  }
}

/** Waits until the lab endpoint's `signal` file exists; the process id it holds. */
async function signalled(path: string): Promise<number> {
  const deadline = Date.now() + 90_000;
  while (!existsSync(path) || readFileSync(path, 'utf8').trim() === '') {
    if (Date.now() > deadline) throw new Error(`the cmdlet never reached the fault point (${path})`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Number(readFileSync(path, 'utf8').trim());
}

describe('a write whose answer never came (the host killed), through real PowerShell', { skip: NO_PWSH }, () => {
  let dir: string;
  let services: MainServices;
  const faultFile = () => join(dir, 'faults.json');
  const userLab = () => join(dir, 'lab.umcsnap.json');

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-settle-'));
    services = createMainServices({
      root: ROOT,
      allowedOrigins: [ORIGIN],
      settings: memorySettingsStore(),
      userLabPath: userLab(),
      auditPath: join(dir, 'audit.jsonl'),
      powershell: labRuntime({ env: { UMC_LAB_FAULT_FILE: faultFile() } }),
    });
  });
  after(async () => {
    await services?.dispose();
    // PowerShell only: tsx's esbuild service is a child of this process too.
    const left = descendants(process.pid)
      .map((pid) => `${pid} ${commandLine(pid)}`)
      .filter((l) => /pwsh|powershell|umc-host/i.test(l));
    rmSync(dir, { recursive: true, force: true });
    assert.deepEqual(left, [], 'no PowerShell process is left behind');
  });

  const draft: ContactDraft = {
    ou: 'OU=RTC Special Accounts,DC=litwareinc,DC=com',
    name: 'Settle SA',
    sipAddress: 'sip:umc-settle@litwareinc.com',
    registrarPool: 'atl-cs-001.litwareinc.com',
    displayNumber: '+14255550661',
    kind: 'subscriberAccess',
    description: 'answer lost',
  };

  /** Applies `operation`, killing the host where the fault file stops `key`; the result and the killed pid. */
  async function applyAndKill(operation: Parameters<MainServices['contacts']['preview']>[0], key: string) {
    const p = await services.contacts.preview(operation);
    assert.equal(p.blocked, false, JSON.stringify(p.issues));
    const signal = join(dir, `${key}.pid`);
    writeFileSync(faultFile(), JSON.stringify({ [key]: { signal, delayMs: 600_000 } }));
    const applying = services.contacts.apply(p.token, p.acknowledge);
    const pid = await signalled(signal);
    // The fault is spent: the rebuilt session's reads run untouched.
    unlinkSync(faultFile());
    process.kill(pid, 'SIGKILL');
    const result = await applying;
    return { result, pid };
  }

  it('killed after the change reached the lab file: audited unknown, settled applied, the new contact returned and shown', async () => {
    const { result, pid } = await applyAndKill({ op: 'create', draft }, 'New-CsExUmContact.afterWrite');
    assert.equal(running(pid), false, 'the killed host is gone');
    assert.equal(result.outcome, 'applied', result.message);
    assert.match(result.message, /never came.*intended state: the change was applied/);
    assert.equal(result.after?.sipAddress, 'sip:umc-settle@litwareinc.com');
    assert.equal(result.after?.displayNumber, '+14255550661');
    // On disk, as the server holds it.
    const onDisk = (await loadSnapshotFile(userLab(), 'lab')).skype.exUmContacts.find((c) => c.sipAddress === 'sip:umc-settle@litwareinc.com');
    assert.ok(onDisk, 'the change reached the lab file before the kill');
    assert.equal(result.after?.identity, onDisk.identity);
    // The org the screens show has it, without a refresh.
    const org = (await services.org.current()).org;
    assert.ok(org.skype.exUmContacts.some((c) => c.identity === onDisk.identity));
    const { view } = await services.contacts.list();
    assert.ok(view.rows.some((r) => r.contact?.identity === onDisk.identity));
    // The audit log: intent → unknown ("the answer never came") → settled applied, with the contact read back.
    const entry = (await services.contacts.auditList()).entries.find((e) => e.id === result.auditId)!;
    assert.equal(entry.cmdlet, 'New-CsExUmContact');
    assert.equal(entry.outcome, 'unknown');
    assert.match(entry.message, /was sent but its answer never came/);
    assert.equal(entry.settlement?.outcome, 'applied');
    assert.equal((entry.settlement?.read as { identity: string }).identity, onDisk.identity);
  });

  it('killed before the change was made: audited unknown, settled not applied, the contact as it was', async () => {
    const shown = (await services.org.current()).org.skype.exUmContacts.find((c) => c.sipAddress === 'sip:umc-settle@litwareinc.com')!;
    const { result, pid } = await applyAndKill({ op: 'edit', identity: shown.identity, draft: { ...draft, description: 'never written' } }, 'Set-CsExUmContact');
    assert.equal(running(pid), false, 'the killed host is gone');
    assert.equal(result.outcome, 'failed', result.message);
    assert.match(result.message, /previous state: the change was not applied/);
    assert.equal(result.after?.description, 'answer lost');
    const onDisk = (await loadSnapshotFile(userLab(), 'lab')).skype.exUmContacts.find((c) => c.identity === shown.identity)!;
    assert.equal(onDisk.description, 'answer lost');
    const entry = (await services.contacts.auditList()).entries.find((e) => e.id === result.auditId)!;
    assert.equal(entry.cmdlet, 'Set-CsExUmContact');
    assert.equal(entry.outcome, 'unknown');
    assert.equal(entry.settlement?.outcome, 'failed');
    assert.equal((entry.settlement?.read as { description: string }).description, 'answer lost');
    // The session is usable again: the same change, without the fault, applies.
    const p = await services.contacts.preview({ op: 'edit', identity: shown.identity, draft: { ...draft, description: 'written now' } });
    const r = await services.contacts.apply(p.token, p.acknowledge);
    assert.equal(r.outcome, 'applied', r.message);
    assert.equal(r.after?.description, 'written now');
    const view = await services.contacts.auditList();
    assert.deepEqual(view.damaged, []);
  });

  it('the CSV import: a row whose answer never came is settled from the contact read back, and the org gets it', async () => {
    const csv =
      'SipAddress,DisplayNumber,RegistrarPool,OU,Type,Name,Description\r\n' +
      'sip:umc-settle-csv@litwareinc.com,+14255550662,atl-cs-001.litwareinc.com,"OU=RTC Special Accounts,DC=litwareinc,DC=com",SubscriberAccess,CSV,from the import\r\n';
    const p = await services.contacts.importPreview('settle.csv', new TextEncoder().encode(csv));
    assert.deepEqual(
      p.rows.map((r) => r.action),
      ['create'],
    );
    const signal = join(dir, 'import.pid');
    writeFileSync(faultFile(), JSON.stringify({ 'New-CsExUmContact.afterWrite': { signal, delayMs: 600_000 } }));
    await services.contacts.importApply(p.token, true, p.acknowledge);
    const pid = await signalled(signal);
    unlinkSync(faultFile());
    process.kill(pid, 'SIGKILL');
    const done = await services.contacts.importDone();
    assert.deepEqual(
      done.results.map((r) => r.outcome),
      ['applied'],
      JSON.stringify(done.results),
    );
    assert.match(done.results[0]!.message, /never came.*the change was applied/);
    assert.ok((await services.org.current()).org.skype.exUmContacts.some((c) => c.sipAddress === 'sip:umc-settle-csv@litwareinc.com'));
    const entry = (await services.contacts.auditList()).entries.find(
      (e) => e.cmdlet === 'New-CsExUmContact' && (e.settlement?.read as { sipAddress?: string } | null)?.sipAddress === 'sip:umc-settle-csv@litwareinc.com',
    );
    assert.equal(entry?.outcome, 'unknown');
    assert.equal(entry?.settlement?.outcome, 'applied');
  });
});
