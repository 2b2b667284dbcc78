/**
 * The write path carries parameters as data too (every form field and CSV cell goes through the
 * injection corpus): through the real host (umc-host.ps1) and the lab endpoint opened writable on a
 * COPY of the lab org, every hostile string of the corpus is sent as New-CsExUmContact -Description,
 * as Set-CsExUmContact -Description, and as the user part of -SipAddress. Each is either stored and
 * read back byte for byte (from the cmdlet's output, from Get-CsExUmContact, and from the file
 * itself), or refused by a validation rule that names it as its target; nothing runs (the canary
 * folder stays empty).
 */
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Parameters, wireParameters } from '../../../../main/powershell/host-protocol';
import { type PowerShellHost, startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { labRuntime, NO_PWSH } from '../../../support/powershell';
import { injectionCorpus } from './injection-corpus';

const COMMANDS = ['New-CsExUmContact', 'Set-CsExUmContact', 'Get-CsExUmContact', 'Remove-CsExUmContact'];
const OU = 'OU=RTC Special Accounts,DC=litwareinc,DC=com';
const POOL = 'atl-cs-001.litwareinc.com';
/** The lab's limit on a description (the AD attribute's rangeUpper). */
const DESCRIPTION_MAX = 1024;

interface Reply {
  ok: boolean;
  objects?: Record<string, unknown>[];
  error?: { errorId: string; targetObject: string | null; message: string };
}

describe('injection corpus through the write cmdlets (real host, writable lab copy)', { skip: NO_PWSH }, () => {
  const canary = mkdtempSync(join(tmpdir(), 'umc-canary-'));
  const corpus = injectionCorpus(canary);
  const work = mkdtempSync(join(tmpdir(), 'umc-inj-writes-'));
  const rt = labRuntime();
  const data = join(work, 'lab.umcsnap.json');
  let host: PowerShellHost;
  const invoke = async (command: string, parameters: Parameters): Promise<Reply> =>
    (await host.request({ op: 'invoke', command, parameters: wireParameters(parameters), depth: 4 }, { timeoutMs: 60_000 })) as unknown as Reply;

  before(async () => {
    copyFileSync(rt.labData, data);
    host = startPowerShellHost({ executable: rt.executable!, script: rt.hostScript, label: 'injection-writes', logger: { log: () => undefined } });
    await host.ready;
    const open = await host.request(
      { op: 'open', session: { kind: 'local', commands: COMMANDS, parameters: wireParameters({ ModulePath: rt.labModule, DataPath: data, Writable: true }) } },
      { timeoutMs: 60_000 },
    );
    assert.equal(open.ok, true, JSON.stringify(open));
  });
  after(async () => {
    await host?.dispose();
    rmSync(canary, { recursive: true, force: true });
    rmSync(work, { recursive: true, force: true });
  });

  it('the host opens the lab read-only unless asked: the shipped file cannot be written', async () => {
    const h = startPowerShellHost({ executable: rt.executable!, script: rt.hostScript, label: 'injection-writes-ro', logger: { log: () => undefined } });
    try {
      await h.ready;
      const open = await h.request(
        { op: 'open', session: { kind: 'local', commands: COMMANDS, parameters: wireParameters({ ModulePath: rt.labModule, DataPath: rt.labData }) } },
        { timeoutMs: 60_000 },
      );
      assert.equal(open.ok, true);
      const before = readFileSync(rt.labData);
      const r = (await h.request(
        { op: 'invoke', command: 'New-CsExUmContact', parameters: wireParameters({ SipAddress: 'sip:ro@litwareinc.com', RegistrarPool: POOL, DisplayNumber: '+15550009999', OU }), depth: 4 },
        { timeoutMs: 60_000 },
      )) as unknown as Reply;
      assert.equal(r.ok, false);
      assert.equal(r.error?.errorId.split(',')[0], 'UmcLabEndpoint.ReadOnly');
      assert.ok(readFileSync(rt.labData).equals(before));
    } finally {
      await h.dispose();
    }
  });

  it('-Description (New and Set): every string is stored and read back byte for byte, or refused as too long', async () => {
    const mismatches: string[] = [];
    const stored = new Map<string, string>();
    for (const [i, hostile] of corpus.entries()) {
      const sip = `sip:inj-desc-${i}@litwareinc.com`;
      const label = JSON.stringify(hostile.slice(0, 40));
      const created = await invoke('New-CsExUmContact', { SipAddress: sip, RegistrarPool: POOL, DisplayNumber: `+1555000${1000 + i}`, OU, Description: hostile });
      if (hostile.length > DESCRIPTION_MAX) {
        if (created.ok || created.error?.errorId.split(',')[0] !== 'New-CsExUmContact.DescriptionTooLong' || created.error.targetObject !== hostile)
          mismatches.push(`${label}: not refused as too long`);
        continue;
      }
      if (!created.ok) {
        mismatches.push(`${label}: refused: ${created.error?.message}`);
        continue;
      }
      if (created.objects?.[0]?.Description !== hostile) mismatches.push(`${label}: New output ${JSON.stringify(created.objects?.[0]?.Description)}`);
      const got = await invoke('Get-CsExUmContact', { Identity: sip });
      if (got.objects?.[0]?.Description !== hostile) mismatches.push(`${label}: Get gave ${JSON.stringify(got.objects?.[0]?.Description)}`);
      // Set: the reversed string, to show the value really changed and came back whole.
      const reversed = [...hostile].reverse().join('');
      const set = await invoke('Set-CsExUmContact', { Identity: sip, Description: reversed, PassThru: true });
      if (!set.ok || set.objects?.[0]?.Description !== reversed) mismatches.push(`${label}: Set gave ${JSON.stringify(set.objects?.[0]?.Description ?? set.error?.message)}`);
      stored.set(sip, reversed);
    }
    assert.deepEqual(readdirSync(canary), [], 'no hostile string ran');
    assert.deepEqual(mismatches, []);
    // The file holds them byte for byte too.
    const file = JSON.parse(readFileSync(data, 'utf8')).skype.exUmContacts.objects as Record<string, unknown>[];
    for (const [sip, description] of stored) assert.equal(file.find((c) => c.SipAddress === sip)?.Description, description, sip);
  });

  it('-SipAddress user part: every string is stored and read back byte for byte, or refused naming it', async () => {
    const mismatches: string[] = [];
    let storedCount = 0;
    for (const [i, hostile] of corpus.entries()) {
      const sip = `sip:${hostile}@litwareinc.com`;
      const label = JSON.stringify(hostile.slice(0, 40));
      const created = await invoke('New-CsExUmContact', { SipAddress: sip, RegistrarPool: POOL, DisplayNumber: `+1555001${1000 + i}`, OU });
      if (!created.ok) {
        const id = created.error?.errorId.split(',')[0];
        if (id !== 'New-CsExUmContact.InvalidSipAddress' || created.error?.targetObject !== sip)
          mismatches.push(`${label}: refused as ${id} naming ${JSON.stringify(created.error?.targetObject?.slice(0, 40))}`);
        continue;
      }
      storedCount++;
      if (created.objects?.[0]?.SipAddress !== sip) mismatches.push(`${label}: New output ${JSON.stringify(created.objects?.[0]?.SipAddress)}`);
      const got = await invoke('Get-CsExUmContact', { Identity: sip });
      if (got.objects?.[0]?.SipAddress !== sip) mismatches.push(`${label}: Get gave ${JSON.stringify(got.objects?.[0]?.SipAddress)}`);
      const removed = await invoke('Remove-CsExUmContact', { Identity: sip, Confirm: false });
      if (!removed.ok) mismatches.push(`${label}: Remove failed: ${removed.error?.message}`);
    }
    assert.deepEqual(readdirSync(canary), [], 'no hostile string ran');
    assert.deepEqual(mismatches, []);
    // The RFC 3261 user characters of the corpus (' and $ alone) are valid and were stored.
    assert.ok(storedCount >= 2, `${storedCount} hostile SIP addresses were valid and stored`);
    const file = JSON.parse(readFileSync(data, 'utf8'));
    assert.equal(file.format, 'umc-snapshot', 'the file is still a snapshot');
  });

  it('-OU, -RegistrarPool, -DisplayNumber (New) and -Identity (Set, Remove): every string refused, naming it; nothing runs, nothing written', async () => {
    const before = readFileSync(data);
    const mismatches: string[] = [];
    // PowerShell's own parameter binding refuses an empty string for a mandatory parameter, before
    // any module code runs — as it does for the real cmdlets.
    const EMPTY = 'ParameterArgumentValidationErrorEmptyStringNotAllowed';
    for (const [i, hostile] of corpus.entries()) {
      const label = JSON.stringify(hostile.slice(0, 40));
      const sip = `sip:inj-field-${i}@litwareinc.com`;
      const cases: [string, Parameters, string][] = [
        ['OU', { SipAddress: sip, RegistrarPool: POOL, DisplayNumber: `+1555002${1000 + i}`, OU: hostile }, 'New-CsExUmContact.OUNotFound'],
        ['RegistrarPool', { SipAddress: sip, RegistrarPool: hostile, DisplayNumber: `+1555002${1000 + i}`, OU }, 'New-CsExUmContact.RegistrarPoolNotFound'],
        ['DisplayNumber', { SipAddress: sip, RegistrarPool: POOL, DisplayNumber: hostile, OU }, 'New-CsExUmContact.InvalidDisplayNumber'],
      ];
      for (const [field, parameters, expected] of cases) {
        const r = await invoke('New-CsExUmContact', parameters);
        const id = r.error?.errorId.split(',')[0];
        const refusedRightly = hostile === '' ? id === EMPTY : id === expected && r.error?.targetObject === hostile;
        if (r.ok || !refusedRightly) mismatches.push(`${field} ${label}: ${r.ok ? 'accepted' : `refused as ${id} naming ${JSON.stringify(r.error?.targetObject?.slice(0, 40))}`}`);
      }
      for (const command of ['Set-CsExUmContact', 'Remove-CsExUmContact']) {
        const r = await invoke(command, command === 'Set-CsExUmContact' ? { Identity: hostile, Description: 'x' } : { Identity: hostile, Confirm: false });
        const id = r.error?.errorId.split(',')[0];
        const refusedRightly = hostile === '' ? id === EMPTY : /\.(NotFound|AmbiguousIdentity)$/.test(id ?? '') && r.error?.targetObject === hostile;
        if (r.ok || !refusedRightly) mismatches.push(`${command} -Identity ${label}: ${r.ok ? 'accepted' : `refused as ${id}`}`);
      }
    }
    assert.deepEqual(readdirSync(canary), [], 'no hostile string ran');
    assert.deepEqual(mismatches, []);
    assert.ok(readFileSync(data).equals(before), 'nothing was written');
  });
});
