/**
 * The host process and its framing, against real PowerShell and the lab endpoint: console noise of
 * every kind, non-ASCII text, structured errors, a call stopped in PowerShell, a call that will not
 * stop (process killed), a host killed mid-call, and a clean exit.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { wireParameters } from '../../../../main/powershell/host-protocol';
import { HostCallError, type PowerShellHost, startPowerShellHost } from '../../../../main/powershell/powershell-host';
import { crashHost, faultFile, type Faults, processAlive, waitFor } from '../../../support/live';
import { labRuntime, NO_PWSH } from '../../../support/powershell';
import { labRaw } from '../../../support/lab';

const COMMANDS = ['Get-UMDialPlan', 'Get-CsUser', 'Get-UMIPGateway', 'Get-UmcLabEndpointInfo'];

describe('PowerShell host (real pwsh, lab endpoint in-process)', { skip: NO_PWSH }, () => {
  let host: PowerShellHost;
  let faults: Faults;
  const noise: string[] = [];
  const rt = labRuntime();

  async function startOpen(): Promise<PowerShellHost> {
    const h = startPowerShellHost({
      executable: rt.executable!,
      script: rt.hostScript,
      env: { UMC_LAB_FAULT_FILE: faults.path },
      label: 'test',
      logger: { log: (_l, m, f) => m.includes('noise') && noise.push(JSON.stringify(f)) },
    });
    await h.ready;
    const r = await h.request({ op: 'open', session: { kind: 'local', commands: COMMANDS, parameters: wireParameters({ ModulePath: rt.labModule, DataPath: rt.labData }) } }, { timeoutMs: 60_000 });
    assert.equal(r.ok, true, JSON.stringify(r));
    return h;
  }
  const invoke = (h: PowerShellHost, command: string, parameters = {}, timeoutMs = 30_000, stopGraceMs = 3000) =>
    h.request({ op: 'invoke', command, parameters: wireParameters(parameters), depth: 4 }, { timeoutMs, stopGraceMs });

  before(async () => {
    faults = faultFile();
    host = await startOpen();
  });
  after(async () => {
    await host?.dispose();
    faults.dispose();
  });

  it('returns the objects whole when the cmdlet writes to every stream, colours and a forged frame included', async () => {
    faults.set({ 'Get-UMDialPlan': { noise: true } });
    const r = (await invoke(host, 'Get-UMDialPlan')) as Record<string, any>;
    faults.clear();
    assert.equal(r.ok, true);
    const lab = labRaw().exchange.dialPlans.objects as Record<string, unknown>[];
    assert.deepEqual(
      r.objects.map((o: any) => o.Name),
      lab.map((o) => o.Name),
    );
    assert.ok(r.streams.warning.length > 0, 'warnings come back as data');
    assert.ok(r.streams.verbose.length > 0, 'verbose comes back as data');
    assert.ok(JSON.stringify(r.streams).includes('Zoé Müller — 東京 ✓'), 'non-ASCII text survives');
    assert.ok(noise.length > 0, 'the console lines (and the forged frame) were seen and ignored');
  });

  it('keeps non-ASCII property values byte for byte', async () => {
    const r = (await invoke(host, 'Get-CsUser', { ResultSize: '5000', Filter: "SipAddress -like 'sip:*'" })) as Record<string, any>;
    const lab = labRaw().skype.users.objects as Record<string, unknown>[];
    const names = new Set(r.objects.map((o: any) => o.DisplayName));
    const accented = lab.map((o) => String(o.DisplayName)).filter((n) => /[^\x00-\x7f]/.test(n));
    assert.ok(accented.length > 0);
    for (const n of accented) assert.ok(names.has(n), `${n} came back unchanged`);
  });

  it('reports a not-found as a structured error: category, id, target object', async () => {
    const r = (await invoke(host, 'Get-UMDialPlan', { Identity: 'No Such Plan' })) as Record<string, any>;
    assert.equal(r.ok, true);
    const e = r.streams.error[0];
    assert.equal(e.category, 'ObjectNotFound');
    assert.equal(e.targetObject, 'No Such Plan');
    assert.match(e.errorId, /NotFound/);
  });

  it('reports a terminating error with its category and message', async () => {
    faults.set({ 'Get-UMIPGateway': { throw: 'the gateway store is locked' } });
    const r = (await invoke(host, 'Get-UMIPGateway')) as Record<string, any>;
    faults.clear();
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, 'cmdlet');
    assert.equal(r.error.category, 'InvalidOperation');
    assert.match(r.error.message, /the gateway store is locked/);
  });

  it('refuses a command that was not imported', async () => {
    const r = (await invoke(host, 'Remove-Item', { Path: '/tmp/x' })) as Record<string, any>;
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, 'not-allowed');
  });

  it('stops a call that outlives its timeout inside PowerShell, and the same host answers the next call', async () => {
    faults.set({ 'Get-UMDialPlan': { delayMs: 60_000 } });
    const t0 = Date.now();
    const r = (await invoke(host, 'Get-UMDialPlan', {}, 1000)) as Record<string, any>;
    faults.clear();
    assert.equal(r.ok, false);
    assert.equal(r.error.kind, 'stopped');
    assert.ok(Date.now() - t0 < 10_000, 'stopped promptly');
    assert.ok(host.alive());
    const next = (await invoke(host, 'Get-UmcLabEndpointInfo')) as Record<string, any>;
    assert.equal(next.ok, true);
  });

  it('kills the process when a call will not stop, and says so', async () => {
    const h = await startOpen();
    faults.set({ 'Get-UMDialPlan': { blockMs: 60_000 } });
    try {
      await assert.rejects(invoke(h, 'Get-UMDialPlan', {}, 800, 800), (e: unknown) => e instanceof HostCallError && e.failure === 'timeout');
      await h.exited;
      await waitFor(() => !processAlive(h.pid), 5000, 'the killed host group to be gone');
    } finally {
      faults.clear();
      await h.dispose();
    }
  });

  it('fails the call in flight when the host dies under it', async () => {
    const h = await startOpen();
    faults.set({ 'Get-UMDialPlan': { delayMs: 20_000 } });
    try {
      const call = invoke(h, 'Get-UMDialPlan');
      setTimeout(() => crashHost(h.pid), 300);
      await assert.rejects(call, (e: unknown) => e instanceof HostCallError && e.failure === 'host-exited' && /Get-UMDialPlan/.test(e.message));
    } finally {
      faults.clear();
      await h.dispose();
    }
  });

  it('says plainly when the PowerShell executable does not exist', async () => {
    const h = startPowerShellHost({ executable: '/nonexistent/pwsh', script: rt.hostScript, label: 'x', logger: { log: () => undefined } });
    await assert.rejects(h.ready, (e: unknown) => e instanceof HostCallError && /\/nonexistent\/pwsh/.test(e.message));
    await h.dispose();
  });

  it('exits cleanly on dispose, leaving no process', async () => {
    const h = await startOpen();
    await h.dispose();
    const { code } = await h.exited;
    assert.equal(code, 0);
    assert.equal(processAlive(h.pid), false, 'dispose waits until nothing of the host is left');
  });
});
