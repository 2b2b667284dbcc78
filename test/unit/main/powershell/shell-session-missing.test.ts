/**
 * A cmdlet the endpoint does not import (absent from the product version, or not granted by the
 * account's RBAC roles) no longer breaks the shell: the session opens, says what is missing, and a
 * call to a missing command fails at once with a clear "not available" error, without touching the
 * session's state or queue. An endpoint that imports nothing at all still breaks as before.
 * Real PowerShell and the lab endpoint (in-process: the host imports only the module's functions
 * that exist, as Import-PSSession imports only what the session offers).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { resolveEndpoint } from '../../../../shared/connections/profile';
import { renderMessage, UserError } from '../../../../shared/i18n/translate';
import { createConcurrencyLimiter } from '../../../../main/powershell/concurrency-limiter';
import { startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { CommandNotAvailableError, createShellSession, type ShellSession } from '../../../../main/powershell/shell-session';
import { silentLogger, systemClock } from '../../../../main/ports';
import { labRuntime, NO_PWSH, PWSH } from '../../../support/powershell';
import { processAlive } from '../../../support/live';

const keyOf = (e: unknown) => (e instanceof UserError ? e.detail.key : String(e));

/** Every command sent to the PowerShell host, in order: a refusal "without a round trip" is one that adds none. */
const sent: string[] = [];

function labSession(commands: readonly string[]): ShellSession {
  const runtime = labRuntime();
  const resolved = resolveEndpoint('exchange', 'lab:');
  if (!resolved.ok) throw new Error('lab: does not resolve');
  return createShellSession({
    shell: 'exchange',
    endpoint: resolved.endpoint,
    serverKey: 'lab-missing-test',
    openSpec: async () => ({ kind: 'local', commands, parameters: { ModulePath: runtime.labModule, DataPath: runtime.labData } }),
    startHost: () => {
      const host = startPowerShellHost({ executable: PWSH!, script: runtime.hostScript, logger: silentLogger, label: 'exchange' });
      const request = host.request.bind(host);
      return Object.assign(Object.create(host) as typeof host, {
        request: (body: Parameters<typeof host.request>[0], options: Parameters<typeof host.request>[1]) => {
          sent.push(JSON.stringify(body));
          return request(body, options);
        },
      });
    },
    probe: { command: 'Get-UmcLabEndpointInfo', parameters: {} },
    readVersion: async (call) => {
      const info = (await call('Get-UmcLabEndpointInfo', {})).objects[0] as Record<string, unknown> | undefined;
      return info?.ExchangeVersion == null ? null : String(info.ExchangeVersion);
    },
    limiter: createConcurrencyLimiter(3),
    clock: systemClock,
    logger: silentLogger,
    heartbeatMs: 0,
    backoff: { initialMs: 100, maxMs: 200, maxAttempts: 2 },
  });
}

describe('a shell with commands the endpoint does not import (real pwsh, lab endpoint)', { skip: NO_PWSH }, () => {
  let session: ShellSession;

  before(async () => {
    // Get-UmcNoSuchCmdlet and Get-UMServerX stand for a cmdlet the version lacks or RBAC withholds.
    session = labSession(['Get-UmcLabEndpointInfo', 'Get-UMDialPlan', 'Get-UmcNoSuchCmdlet', 'Get-UMServerX']);
    await session.open();
  });
  after(async () => {
    await session?.close();
  });

  it('opens, with the missing commands listed', () => {
    assert.equal(session.status().state, 'open');
    assert.deepEqual(session.missingCommands(), ['Get-UMServerX', 'Get-UmcNoSuchCmdlet']);
    assert.equal(session.status().lastError, null);
    assert.ok(session.status().serverVersion, 'the version was still read');
  });

  it('a call to a missing command fails at once with "not available", and nothing about the session changes', async () => {
    const before = session.status();
    const sentBefore = sent.length;
    assert.ok(sentBefore > 0, 'the spy sees what the session sent while opening');
    await assert.rejects(session.call('Get-UmcNoSuchCmdlet', {}, { mode: 'read' }), (e) => {
      assert.ok(e instanceof CommandNotAvailableError);
      assert.equal(keyOf(e), 'ps.notAvailable');
      assert.equal(e.command, 'Get-UmcNoSuchCmdlet');
      assert.equal((e as UserError).render('en'), 'Get-UmcNoSuchCmdlet is not available to this account/version in the Exchange Management Shell');
      assert.match(renderMessage('fr', (e as UserError).detail), /n’est pas disponible pour ce compte ou cette version/);
      return true;
    });
    assert.deepEqual(sent.slice(sentBefore), [], 'refused without a round trip to PowerShell');
    const after = session.status();
    assert.equal(after.state, 'open');
    assert.equal(after.hostPid, before.hostPid);
    assert.equal(after.since, before.since);
    assert.equal(after.queued, 0);
    assert.equal(after.running, 0);
    assert.equal(after.lastError, null);
  });

  it('the other commands still work', async () => {
    const r = await session.call('Get-UMDialPlan', {}, { mode: 'read' });
    assert.ok(r.objects.length > 0);
    assert.equal(session.status().state, 'open');
  });
});

describe('an endpoint that imports none of the commands (real pwsh, lab endpoint)', { skip: NO_PWSH }, () => {
  it('breaks at once, as refused credentials do, and leaves nothing running', async () => {
    const session = labSession(['Get-UmcNoSuchCmdlet', 'Get-UMServerX']);
    try {
      await assert.rejects(session.open(), (e) => keyOf(e) === 'ps.open.import');
      assert.equal(session.status().state, 'broken');
      assert.equal(session.status().hostPid, null);
      await assert.rejects(session.call('Get-UMDialPlan', {}, { mode: 'read' }), (e) => keyOf(e) === 'ps.notOpen');
    } finally {
      const pid = session.status().hostPid;
      await session.close();
      assert.equal(processAlive(pid), false);
    }
  });
});
