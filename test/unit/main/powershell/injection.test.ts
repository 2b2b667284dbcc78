/**
 * Parameters travel as data, never as code (docs/live-sessions.md, "The host and its framing"): the
 * hostile corpus is passed through every string parameter of every read the console makes (the capture
 * plan's commands, and the lab endpoint's identity lookups), and through every parameter of the
 * session open, against real PowerShell. None executes (the canary folder stays empty); each comes
 * back byte for byte (the endpoint's error names it as its target object).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ShellSession } from '../../../../main/powershell/shell-session';
import { PowerShellError, startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { wireParameters } from '../../../../main/powershell/host-protocol';
import { UserError } from '../../../../shared/i18n/translate';
import { labProfile, liveService } from '../../../support/live';
import { labRuntime, NO_PWSH } from '../../../support/powershell';
import { injectionCorpus } from './injection-corpus';

/** Every string parameter of every read path: (shell, command, parameter). */
const READ_PATHS: readonly (readonly ['exchange' | 'skype', string, string])[] = [
  ['exchange', 'Get-ExchangeServer', 'Identity'],
  ['exchange', 'Get-UMService', 'Identity'],
  ['exchange', 'Get-UMCallRouterSettings', 'Server'],
  ['exchange', 'Get-ClientAccessService', 'Identity'],
  ['exchange', 'Get-UMDialPlan', 'Identity'],
  ['exchange', 'Get-UMIPGateway', 'Identity'],
  ['exchange', 'Get-UMHuntGroup', 'Identity'],
  ['exchange', 'Get-UMAutoAttendant', 'Identity'],
  ['exchange', 'Get-UMMailboxPolicy', 'Identity'],
  ['exchange', 'Get-ExchangeCertificate', 'Server'],
  ['exchange', 'Get-PartnerApplication', 'Identity'],
  ['exchange', 'Get-ADPermission', 'Identity'],
  ['exchange', 'Get-Mailbox', 'Identity'],
  ['exchange', 'Get-Mailbox', 'Filter'],
  ['exchange', 'Get-UMMailbox', 'Identity'],
  ['exchange', 'Get-UMMailbox', 'Filter'],
  ['skype', 'Get-CsSipDomain', 'Identity'],
  ['skype', 'Get-CsSite', 'Identity'],
  ['skype', 'Get-CsPool', 'Identity'],
  ['skype', 'Get-CsService', 'Identity'],
  ['skype', 'Get-CsDialPlan', 'Identity'],
  ['skype', 'Get-CsMediaConfiguration', 'Identity'],
  ['skype', 'Get-CsExUmContact', 'Identity'],
  ['skype', 'Get-CsPartnerApplication', 'Identity'],
  ['skype', 'Get-CsUser', 'Identity'],
  ['skype', 'Get-CsUser', 'Filter'],
];

describe('injection corpus against real PowerShell', { skip: NO_PWSH }, () => {
  const canary = mkdtempSync(join(tmpdir(), 'umc-canary-'));
  const corpus = injectionCorpus(canary);
  let live: ReturnType<typeof liveService>;
  let shells: Record<'exchange' | 'skype', ShellSession>;

  before(async () => {
    live = liveService({ callTimeoutMs: 60_000 });
    await live.service.connectAndWait(labProfile());
    shells = live.service.shells() as Record<'exchange' | 'skype', ShellSession>;
  });
  after(async () => {
    await live?.service.dispose();
    rmSync(canary, { recursive: true, force: true });
  });

  it(`has at least 50 hostile strings, 100 KB ones among them`, () => {
    assert.ok(corpus.length >= 50, `${corpus.length} strings`);
    assert.ok(corpus.some((s) => s.length >= 100 * 1024));
    assert.ok(corpus.some((s) => s.includes('\u0000')));
  });

  for (const [shell, command, parameter] of READ_PATHS) {
    it(`${command} -${parameter}: nothing runs, every string round-trips byte for byte`, async () => {
      const mismatches: string[] = [];
      for (const hostile of corpus) {
        if (hostile.trim() === '' && parameter !== 'Filter') continue; // an empty identity is refused by PowerShell's binder before it reaches the cmdlet
        let target: string | null | undefined;
        try {
          const r = await shells[shell].call(command, { [parameter]: hostile }, { mode: 'read', allowErrors: true });
          target = r.errors[0]?.targetObject;
          if (r.errors.length === 0) mismatches.push(`${JSON.stringify(hostile.slice(0, 40))}: no error (found something?)`);
        } catch (e) {
          if (e instanceof PowerShellError) target = e.info.targetObject;
          else if (e instanceof UserError) throw e;
          else throw e;
        }
        if (target !== hostile) mismatches.push(`${JSON.stringify(hostile.slice(0, 40))} came back as ${JSON.stringify(target?.slice(0, 40))}`);
      }
      assert.deepEqual(readdirSync(canary), [], 'no hostile string ran');
      assert.deepEqual(mismatches, []);
    });
  }

  it('the session open: hostile values in every open parameter run nothing and are refused plainly', async () => {
    // One host, many opens: each fails (no such module, no such file, no WSMan, a bad URI) and the host stays usable.
    const rt = labRuntime();
    const h = startPowerShellHost({ executable: rt.executable!, script: rt.hostScript, label: 'injection', logger: { log: () => undefined } });
    try {
      await h.ready;
      for (const hostile of corpus) {
        const opens: { kind: 'local' | 'wsman'; parameters: Record<string, string | number | boolean> }[] = [
          { kind: 'local', parameters: { ModulePath: hostile, DataPath: hostile } },
          { kind: 'local', parameters: { ModulePath: rt.labModule, DataPath: hostile } },
          {
            kind: 'wsman',
            parameters: {
              ConnectionUri: 'http://ex01.litwareinc.com/PowerShell/',
              Authentication: 'Kerberos',
              ConfigurationName: hostile,
              UserName: hostile,
              Password: hostile,
              OpenTimeoutMs: 1000,
              OperationTimeoutMs: 1000,
            },
          },
          { kind: 'wsman', parameters: { ConnectionUri: hostile, Authentication: hostile, OpenTimeoutMs: 1000, OperationTimeoutMs: 1000 } },
        ];
        for (const o of opens) {
          const r = await h.request({ op: 'open', session: { kind: o.kind, commands: ['Get-UMDialPlan'], parameters: wireParameters(o.parameters) } }, { timeoutMs: 60_000 });
          assert.equal(r.ok, false, 'a hostile open is refused');
        }
      }
      assert.ok(h.alive());
    } finally {
      await h.dispose();
    }
    assert.deepEqual(readdirSync(canary), [], 'no hostile string ran');
  });
});
