/**
 * The two shells read at the same time: the same snapshot, calls and notes as reading Exchange then
 * Skype (through real PowerShell from the lab endpoint, in pages small enough to split), each section
 * handed to onSection once, whole, in its shell's order; a shell lost ends the capture with its error
 * and the other shell stops asking.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { captureSnapshot, type CaptureOptions, type CaptureResult, type ShellCall } from '../../../../../main/services/live/capture';
import { PowerShellError } from '../../../../../main/powershell/powershell-host';
import type { CallResult } from '../../../../../main/powershell/shell-session';
import { EXCHANGE_READS, SKYPE_READS } from '../../../../../shared/snapshot/capture-plan';
import type { RawSection } from '../../../../../shared/snapshot/format';
import { labProfile, liveService } from '../../../../support/live';
import { NO_PWSH } from '../../../../support/powershell';

const planOrder = (shell: 'exchange' | 'skype') => [...new Set((shell === 'exchange' ? EXCHANGE_READS : SKYPE_READS).map((r) => `${r.shell}.${r.section}`))];

describe('the capture with both shells at once, through real PowerShell', { skip: NO_PWSH }, () => {
  let live: ReturnType<typeof liveService>;
  const runs: Record<'parallel' | 'sequential', { result: CaptureResult; sections: [string, RawSection][] }> = {} as never;

  before(async () => {
    live = liveService();
    await live.service.connectAndWait(labProfile());
    const shells = live.service.shells();
    const calls = { exchange: shells.exchange!.call, skype: shells.skype!.call };
    for (const mode of ['sequential', 'parallel'] as const) {
      const sections: [string, RawSection][] = [];
      const options: CaptureOptions = {
        label: 'Lab endpoint',
        powerShellVersion: '7',
        now: () => new Date(Date.UTC(2026, 11, 7)),
        pageSize: 60,
        parallel: mode === 'parallel',
        missing: { exchange: shells.exchange!.missingCommands(), skype: shells.skype!.missingCommands() },
        onSection: (key, section) => sections.push([key, section]),
      };
      runs[mode] = { result: await captureSnapshot(calls, options), sections };
    }
  });
  after(async () => {
    await live?.service.dispose();
  });

  it('gives the snapshot, the calls, the objects and the notes of the sequential capture', () => {
    const [p, s] = [runs.parallel.result, runs.sequential.result];
    assert.ok(s.calls > 40, `${s.calls} calls: the pages really split`);
    assert.equal(p.calls, s.calls);
    assert.equal(p.objects, s.objects);
    assert.deepEqual(p.notes, s.notes);
    // Same sections in the same order in the file, same objects.
    assert.equal(JSON.stringify(p.snapshot), JSON.stringify(s.snapshot));
  });

  it('hands each section once, whole, in its shell’s order: the very objects of the snapshot', () => {
    for (const mode of ['sequential', 'parallel'] as const) {
      const { result, sections } = runs[mode];
      const keys = sections.map(([k]) => k);
      assert.equal(new Set(keys).size, keys.length, mode);
      for (const shell of ['exchange', 'skype'] as const)
        assert.deepEqual(
          keys.filter((k) => k.startsWith(`${shell}.`)),
          planOrder(shell),
          `${mode} ${shell}`,
        );
      for (const [key, section] of sections) {
        const [shell, name] = key.split('.') as ['exchange' | 'skype', string];
        assert.equal((result.snapshot[shell] as unknown as Record<string, RawSection>)[name], section, key);
      }
    }
    // Sequential: every Exchange section before the first Skype one.
    assert.deepEqual(
      runs.sequential.sections.map(([k]) => k),
      [...planOrder('exchange'), ...planOrder('skype')],
    );
  });
});

describe('the capture with both shells at once, a shell lost', () => {
  const ok = (objects: unknown[]): CallResult => ({ objects, errors: [], warnings: [], psMs: 0, totalMs: 0 });
  const broken = () =>
    new PowerShellError({ kind: 'session-broken', message: 'The remote session is Broken.', category: 'ConnectionError', reason: 'Broken', errorId: 'x', targetObject: null, exceptionType: '' }, 'x');

  it('fails with the lost shell’s error; the other shell makes no call after it', async () => {
    const log: string[] = [];
    let lost = false;
    const exchange: ShellCall = async (command) => {
      log.push(`exchange ${command}`);
      await new Promise((r) => setTimeout(r, 1));
      if (command === 'Get-UMDialPlan') {
        lost = true;
        throw broken();
      }
      return ok(command === 'Get-OrganizationConfig' ? [{ Name: 'Contoso' }] : []);
    };
    const skype: ShellCall = async (command) => {
      log.push(`skype ${command}${lost ? ' (after the loss)' : ''}`);
      await new Promise((r) => setTimeout(r, 1));
      return ok([]);
    };
    await assert.rejects(
      captureSnapshot({ exchange, skype }, { label: 'x', powerShellVersion: '7', now: () => new Date() }),
      (e: unknown) => e instanceof PowerShellError && e.info.kind === 'session-broken',
    );
    assert.ok(
      log.some((l) => l.startsWith('skype ')),
      'Skype was read at the same time',
    );
    // At most the call already under way when Exchange was lost.
    assert.ok(log.filter((l) => l.endsWith('(after the loss)')).length <= 1, log.join('\n'));
  });
});
