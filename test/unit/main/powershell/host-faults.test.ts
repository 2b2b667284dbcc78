/**
 * Faults of the PowerShell host process against real PowerShell: the host killed (by its process
 * group id) while idle, mid-call and in the middle of writing a large frame; disposed during a call;
 * ending with a non-zero exit code at start and during a call; breaking its framing (a frame that
 * does not decode, a line over the cap). Each gives the caller its own clear error — ps.hostExited,
 * ps.hostClosed, ps.hostExitedAtStart, ps.hostProtocol — and leaves no process, timer or pipe.
 *
 * The idle kill uses the real umc-host.ps1; the others run small scripts in the same pwsh that speak
 * the host's framing (a ready frame with the nonce from UMC_HOST_NONCE, then one behaviour), so the
 * moment of each fault is certain without a hook in the shipped code.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserError } from '../../../../shared/i18n/translate';
import { HostCallError, type PowerShellHost, startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { createConcurrencyLimiter } from '../../../../main/powershell/concurrency-limiter';
import { createShellSession } from '../../../../main/powershell/shell-session';
import { systemClock } from '../../../../main/ports';
import { crashHost, processAlive, waitFor } from '../../../support/live';
import { labRuntime, NO_PWSH } from '../../../support/powershell';
import { expectNoLeak } from '../../../support/no-leak';

const keyOf = (e: unknown) => (e instanceof UserError ? e.detail.key : String(e));

/** The ready frame, then `onRequest` for each request line ($req is the decoded request). */
const script = (onRequest: string, atStart = '') => `
$Prefix = [string][char]0x1e + 'UMC:' + $env:UMC_HOST_NONCE + ' '
$Out = [Console]::Out
function Send-TestFrame([string]$json) { $Out.WriteLine($Prefix + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($json))); $Out.Flush() }
${atStart}
Send-TestFrame ('{"id":0,"ok":true,"psVersion":"' + $PSVersionTable.PSVersion + '","psEdition":"Core"}')
while ($true) {
  $line = [Console]::In.ReadLine()
  if ($null -eq $line) { exit 0 }
  $req = [Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($line)) | ConvertFrom-Json
  if ($req.op -eq 'close') { continue }
  ${onRequest}
}
`;

const SCRIPTS = {
  /** Answers after a long sleep (a call in flight). */
  slow: script(`Start-Sleep -Seconds 60; Send-TestFrame ('{"id":' + $req.id + ',"ok":true}')`),
  /** Writes a 64 MB frame in 64 KiB pieces over about ten seconds: killed, it is cut mid-frame. */
  slowFrame: script(`$Out.Write($Prefix); $piece = 'QUFB' * 16384; for ($i = 0; $i -lt 1024; $i++) { $Out.Write($piece); $Out.Flush(); Start-Sleep -Milliseconds 10 }; $Out.WriteLine(); $Out.Flush()`),
  /** Ends with exit code 7 when asked anything. */
  exitCode: script('exit 7'),
  /** Cannot start: says why on stderr and exits 9 before its ready frame. */
  exitAtStart: script('', "[Console]::Error.WriteLine('the test host cannot start'); exit 9"),
  /** Answers with our nonce and a body that is base64 of something other than JSON. */
  badFrame: script(`$Out.WriteLine($Prefix + [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('not json'))); $Out.Flush(); Start-Sleep -Seconds 60`),
  /** Opens (answers `open`), then answers every call with a frame that does not decode. */
  openThenBadFrame: script(`if ($req.op -eq 'open') { Send-TestFrame ('{"id":' + $req.id + ',"ok":true,"missing":[]}') } else { $Out.WriteLine($Prefix + 'bm90IGpzb24='); $Out.Flush() }`),
  /** Writes 4 MB without a line end (the test caps lines at 1 MB), then waits. */
  longLine: script(`$piece = 'x' * 65536; for ($i = 0; $i -lt 64; $i++) { $Out.Write($piece) }; $Out.Flush(); Start-Sleep -Seconds 60`),
} as const;

/** Runs f and checks that every timer, pipe and process it opened is closed after it. */
const noLeak = (f: () => Promise<void>) => expectNoLeak(f, { ignore: ['TTYWrap'], what: 'every timer, pipe and process closed' });

describe('PowerShell host faults (real pwsh)', { skip: NO_PWSH }, () => {
  const rt = labRuntime();
  let dir: string;
  const counts = { faults: 0 };
  const start = (name: keyof typeof SCRIPTS | 'real', extra: { maxFrameBytes?: number } = {}): PowerShellHost => {
    let path = rt.hostScript;
    if (name !== 'real') {
      path = join(dir, `${name}.ps1`);
      writeFileSync(path, SCRIPTS[name]);
    }
    return startPowerShellHost({ executable: rt.executable!, script: path, label: 'fault', logger: { log: () => undefined }, ...extra });
  };
  const invoke = (h: PowerShellHost, command = 'Get-UMDialPlan') => h.request({ op: 'invoke', command, parameters: [], depth: 4 }, { timeoutMs: 60_000 });
  /** The host and everything it started are gone, and nothing of it stays open in Node. */
  const gone = async (h: PowerShellHost) => {
    await h.exited;
    await waitFor(() => !processAlive(h.pid), 10_000, `host ${h.pid} to be gone`);
    await h.dispose(1000);
  };

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-host-faults-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
    console.log(`PowerShell host faults: ${counts.faults} run`);
  });

  it('killed while idle: the next call says the host ended, with the signal', async () => {
    await noLeak(async () => {
      const h = start('real');
      await h.ready;
      crashHost(h.pid);
      const { signal } = await h.exited;
      assert.equal(signal, 'SIGKILL');
      await assert.rejects(invoke(h), (e: unknown) => {
        assert.ok(e instanceof HostCallError && e.failure === 'host-exited', String(e));
        assert.equal(keyOf(e), 'ps.hostExited');
        assert.match((e as Error).message, /the PowerShell host ended during Get-UMDialPlan \(exit SIGKILL\)/);
        return true;
      });
      await gone(h);
    });
    counts.faults++;
  });

  it('killed mid-call: the call in flight says the host ended', async () => {
    await noLeak(async () => {
      const h = start('slow');
      await h.ready;
      const call = invoke(h);
      setTimeout(() => crashHost(h.pid), 300);
      await assert.rejects(call, (e: unknown) => e instanceof HostCallError && e.failure === 'host-exited' && /Get-UMDialPlan \(exit SIGKILL\)/.test((e as Error).message));
      await gone(h);
    });
    counts.faults++;
  });

  it('killed in the middle of writing a large frame: the call says the host ended, the partial frame is dropped', async () => {
    await noLeak(async () => {
      const h = start('slowFrame');
      await h.ready;
      const call = invoke(h, 'Get-CsUser');
      setTimeout(() => crashHost(h.pid), 1500); // about 9 MB of the 64 MB frame written by then
      await assert.rejects(call, (e: unknown) => e instanceof HostCallError && e.failure === 'host-exited' && keyOf(e) === 'ps.hostExited');
      await gone(h);
    });
    counts.faults++;
  });

  it('disposed during a call: the call says it was cancelled because the session was closed', async () => {
    await noLeak(async () => {
      const h = start('slow');
      await h.ready;
      const call = invoke(h);
      await new Promise((r) => setTimeout(r, 200));
      const disposing = h.dispose(1500); // the script sleeps through the close request: killed after the grace
      await assert.rejects(call, (e: unknown) => {
        assert.ok(e instanceof HostCallError && e.failure === 'disposed', String(e));
        assert.equal(keyOf(e), 'ps.hostClosed');
        assert.match((e as Error).message, /Get-UMDialPlan was cancelled: the session was closed/);
        return true;
      });
      await disposing;
      assert.equal(processAlive(h.pid), false);
    });
    counts.faults++;
  });

  it('exit code 7 during a call: the call says the host ended, with the code', async () => {
    await noLeak(async () => {
      const h = start('exitCode');
      await h.ready;
      await assert.rejects(invoke(h), (e: unknown) => e instanceof HostCallError && e.failure === 'host-exited' && /\(exit 7\)/.test((e as Error).message));
      assert.equal((await h.exited).code, 7);
      await gone(h);
    });
    counts.faults++;
  });

  it('exit code 9 at start: the start fails with the code and what PowerShell wrote on stderr', async () => {
    await noLeak(async () => {
      const h = start('exitAtStart');
      await assert.rejects(h.ready, (e: unknown) => {
        assert.ok(e instanceof HostCallError && e.failure === 'host-start', String(e));
        assert.equal(keyOf(e), 'ps.hostExitedAtStart');
        assert.match((e as Error).message, /exit 9\).*the test host cannot start/);
        return true;
      });
      await gone(h);
    });
    counts.faults++;
  });

  it('a frame with our nonce that does not decode: a protocol error for the call and every later one, the host killed', async () => {
    await noLeak(async () => {
      const h = start('badFrame');
      await h.ready;
      await assert.rejects(invoke(h), (e: unknown) => {
        assert.ok(e instanceof HostCallError && e.failure === 'protocol', String(e));
        assert.equal(keyOf(e), 'ps.hostProtocol');
        assert.match((e as Error).message, /Get-UMDialPlan failed: the PowerShell host broke its output framing \(a frame that is not base64 UTF-8 JSON with a request id\)/);
        return true;
      });
      await assert.rejects(invoke(h, 'Get-CsUser'), (e: unknown) => keyOf(e) === 'ps.hostProtocol' && /Get-CsUser/.test((e as Error).message));
      await gone(h);
    });
    counts.faults++;
  });

  it('a line over the cap: refused as soon as it passes it, the host killed, memory bounded by the cap', async () => {
    await noLeak(async () => {
      const h = start('longLine', { maxFrameBytes: 1024 * 1024 });
      await h.ready;
      const rss = process.memoryUsage().rss;
      await assert.rejects(invoke(h), (e: unknown) => keyOf(e) === 'ps.hostProtocol' && /a line longer than 1,048,576 bytes/.test((e as Error).message));
      await gone(h);
      assert.ok(process.memoryUsage().rss - rss < 64 * 1024 * 1024, 'the reader kept at most about the cap');
    });
    counts.faults++;
  });

  it('a shell whose host breaks its framing: the call fails with ps.hostProtocol (not retried), the shell shows it and rebuilds the host', async () => {
    const pids: number[] = [];
    const shell = createShellSession({
      shell: 'skype',
      endpoint: { kind: 'lab-local', display: 'lab:' },
      serverKey: 'fault',
      openSpec: async () => ({ kind: 'local', commands: ['Get-CsUser'], parameters: {} }),
      startHost: () => {
        const h = start('openThenBadFrame');
        pids.push(h.pid);
        return h;
      },
      probe: { command: 'Get-CsUser', parameters: {} },
      readVersion: async () => null,
      limiter: createConcurrencyLimiter(1),
      clock: systemClock,
      logger: { log: () => undefined },
      heartbeatMs: 0,
      backoff: { initialMs: 60_000, maxMs: 60_000, maxAttempts: 2 },
    });
    try {
      await shell.open();
      await assert.rejects(shell.call('Get-CsUser', {}, { mode: 'read' }), (e: unknown) => keyOf(e) === 'ps.hostProtocol' && /Get-CsUser failed/.test((e as Error).message));
      const status = shell.status();
      assert.equal(status.lastError?.key, 'ps.hostProtocol');
      assert.equal(status.state, 'reconnecting', 'the broken host is not used again: the shell rebuilds it');
      assert.equal(pids.length, 1, 'the call was not retried on the broken host');
      await waitFor(() => !processAlive(pids[0]!), 10_000, 'the broken host to be killed');
    } finally {
      await shell.close();
    }
    for (const pid of pids) assert.equal(processAlive(pid), false);
    counts.faults++;
  });
});
