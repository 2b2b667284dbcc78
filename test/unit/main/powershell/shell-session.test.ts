/**
 * A shell's life against real PowerShell: a hanging cmdlet, a call that will not stop, the host
 * killed mid-call, a dropped remote session (PowerShell remoting over SSH, its connection killed),
 * refused credentials and an unreachable server — each ends in a clear error and, where the
 * server is there, a working session afterwards. Nothing is left running.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { UserError } from '../../../../shared/i18n/translate';
import type { ShellSession } from '../../../../main/powershell/shell-session';
import { crashHost, faultFile, type Faults, labProfile, liveService, processAlive, waitFor } from '../../../support/live';
import { freePort, NO_PWSH, NO_SSHD, type SshLab, startSshLab } from '../../../support/powershell';

const keyOf = (e: unknown) => (e instanceof UserError ? e.detail.key : String(e));

describe('shell sessions over the lab endpoint (real pwsh)', { skip: NO_PWSH }, () => {
  let faults: Faults;
  const fx = () => liveService({ env: { UMC_LAB_FAULT_FILE: faults.path }, callTimeoutMs: 30_000, backoff: { initialMs: 100, maxMs: 1000, maxAttempts: 5 } });
  let live: ReturnType<typeof fx>;
  let exchange: ShellSession;

  before(async () => {
    faults = faultFile();
    live = fx();
    await live.service.connectAndWait(labProfile());
    exchange = live.service.shells().exchange!;
  });
  after(async () => {
    await live?.service.dispose();
    faults.dispose();
  });

  it('opens both shells with their versions and latency', () => {
    for (const s of ['exchange', 'skype'] as const) {
      const st = live.service.shells()[s]!.status();
      assert.equal(st.state, 'open');
      assert.ok(st.serverVersion && st.serverVersion.length > 0);
      assert.match(st.psVersion ?? '', /^\d+\.\d+/);
      assert.ok(st.latencyMs !== null && st.latencyMs >= 0);
    }
  });

  it('a hanging cmdlet: the call is stopped at its timeout with a clear error, and the session keeps working', async () => {
    const pid = exchange.status().hostPid;
    faults.set({ 'Get-UMDialPlan': { delayMs: 60_000 } });
    await assert.rejects(
      exchange.call('Get-UMDialPlan', {}, { mode: 'read', timeoutMs: 1000 }),
      (e) => keyOf(e) === 'ps.timeout' && /Get-UMDialPlan did not answer within 1 s/.test((e as Error).message),
    );
    faults.clear();
    assert.equal(exchange.status().state, 'open');
    assert.equal(exchange.status().hostPid, pid, 'same host: the call was stopped, not the process');
    const r = await exchange.call('Get-UMDialPlan', {}, { mode: 'read' });
    assert.ok(r.objects.length > 0);
  });

  it('a call that will not stop: the host is killed and respawned, the error says so, the next call works', async () => {
    const pid = exchange.status().hostPid;
    faults.set({ 'Get-UMIPGateway': { blockMs: 60_000 } });
    await assert.rejects(exchange.call('Get-UMIPGateway', {}, { mode: 'read', timeoutMs: 800 }), (e) => keyOf(e) === 'ps.timeoutKilled');
    faults.clear();
    await waitFor(() => !processAlive(pid), 5000, 'the stuck host to be gone');
    const r = await exchange.call('Get-UMIPGateway', {}, { mode: 'read' });
    assert.ok(r.objects.length > 0);
    assert.equal(exchange.status().state, 'open');
    assert.notEqual(exchange.status().hostPid, pid);
  });

  it('the host killed mid-call: a read is retried once on the rebuilt session and succeeds', async () => {
    const pid = exchange.status().hostPid!;
    faults.set({ 'Get-UMHuntGroup': { delayMs: 3000 } });
    const states: string[] = [];
    const call = exchange.call('Get-UMHuntGroup', {}, { mode: 'read' });
    setTimeout(() => {
      faults.clear();
      crashHost(pid);
    }, 500);
    const poll = setInterval(() => states.push(exchange.status().state), 20);
    const r = await call;
    clearInterval(poll);
    assert.ok(r.objects.length > 0, 'the retried read returned data');
    assert.ok(states.includes('reconnecting'), `the UI saw the reconnection (${[...new Set(states)].join(', ')})`);
    assert.equal(exchange.status().state, 'open');
    assert.notEqual(exchange.status().hostPid, pid);
  });

  it('the host killed mid-call: a write is not retried and says the change may or may not have been applied', async () => {
    const pid = exchange.status().hostPid!;
    faults.set({ 'Get-UMHuntGroup': { delayMs: 3000 } });
    const call = exchange.call('Get-UMHuntGroup', {}, { mode: 'write' });
    setTimeout(() => crashHost(pid), 500);
    await assert.rejects(call, (e) => keyOf(e) === 'ps.sessionLostWrite' && /may or may not have been applied/.test((e as Error).message));
    faults.clear();
    await waitFor(() => exchange.status().state === 'open', 30_000, 'the session to reopen');
    const r = await exchange.call('Get-UMHuntGroup', {}, { mode: 'read' });
    assert.ok(r.objects.length > 0);
  });

  it('queues calls: they run one at a time, in order, none lost', async () => {
    const order: number[] = [];
    let maxRunning = 0;
    const poll = setInterval(() => (maxRunning = Math.max(maxRunning, exchange.status().running)), 5);
    await Promise.all([0, 1, 2, 3, 4].map((i) => exchange.call('Get-UmcLabEndpointInfo', {}, { mode: 'read' }).then(() => order.push(i))));
    clearInterval(poll);
    assert.deepEqual(order, [0, 1, 2, 3, 4]);
    assert.equal(maxRunning, 1);
  });

  it('a call running when the session is closed says the session was closed, not that it timed out with the session still open', async () => {
    faults.set({ 'Get-UMDialPlan': { delayMs: 60_000 } });
    const running = exchange.call('Get-UMDialPlan', {}, { mode: 'read' });
    await waitFor(() => exchange.status().running === 1, 5000, 'the call to run');
    await new Promise((r) => setTimeout(r, 300));
    const closing = live.service.disconnect();
    await assert.rejects(running, (e) => {
      assert.equal(keyOf(e), 'ps.hostClosed', String(e));
      assert.match((e as Error).message, /Get-UMDialPlan was cancelled: the session was closed/);
      return true;
    });
    await closing;
    faults.clear();
    await live.service.connectAndWait(labProfile());
    exchange = live.service.shells().exchange!;
    assert.equal(exchange.status().state, 'open');
  });

  it('close removes the session and ends both hosts', async () => {
    const pids = (['exchange', 'skype'] as const).map((s) => live.service.shells()[s]!.status().hostPid);
    await live.service.disconnect();
    for (const pid of pids) assert.equal(processAlive(pid), false);
    await assert.rejects(exchange.call('Get-UMDialPlan', {}, { mode: 'read' }), (e) => keyOf(e) === 'ps.notOpen');
  });
});

describe('remote sessions over SSH remoting (real pwsh, real sshd on loopback)', { skip: NO_SSHD }, () => {
  let ssh: SshLab;
  let live: ReturnType<typeof liveService>;

  before(async () => {
    ssh = await startSshLab();
  });
  after(async () => {
    await live?.service.dispose();
    await ssh?.stop();
  });

  it('a dropped session is detected before the next call, rebuilt, and the read succeeds; close removes the remote session', async () => {
    live = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: ssh.knownHostsFile, backoff: { initialMs: 200, maxMs: 2000, maxAttempts: 6 } });
    await live.service.connectAndWait(labProfile('lab:', ssh.endpoint));
    const skype = live.service.shells().skype!;
    const before = await skype.call('Get-CsPool', {}, { mode: 'read' });
    assert.ok(before.objects.length > 0);
    assert.equal((before.objects[0] as Record<string, unknown>).PSComputerName, '127.0.0.1', 'objects crossed real remoting');
    assert.ok(ssh.sessionPids().length > 0);

    assert.ok(ssh.dropSessions() > 0, 'the SSH connection of the session was killed');
    const states: string[] = [];
    const poll = setInterval(() => states.push(skype.status().state), 20);
    const after = await skype.call('Get-CsPool', {}, { mode: 'read' });
    clearInterval(poll);
    assert.equal(after.objects.length, before.objects.length);
    assert.ok(states.includes('reconnecting'), `reconnection shown (${[...new Set(states)].join(', ')})`);
    assert.equal(skype.status().state, 'open');

    // Dropped again, then a write: the host finds the session broken before running anything, so
    // the write is sent on the rebuilt session (it never ran); the UI saw the loss in plain words.
    ssh.dropSessions();
    // Let PowerShell notice the closed transport (the session's State turns Broken).
    await new Promise((r) => setTimeout(r, 1500));
    const errors: string[] = [];
    const poll2 = setInterval(() => {
      const e = skype.status().lastError;
      if (e) errors.push(e.key);
    }, 20);
    const written = await skype.call('Get-CsPool', {}, { mode: 'write' });
    clearInterval(poll2);
    assert.equal(written.objects.length, before.objects.length);
    assert.ok(errors.includes('ps.sessionLost'), `the loss was shown (${[...new Set(errors)].join(', ')})`);

    await live.service.disconnect();
    await waitFor(() => ssh.sessionPids().length === 0, 10_000, 'the remote session to be removed');
  });

  it('refused credentials: broken at once with a plain message, no retry loop', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'umc-wrongkey-'));
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'k')]);
    const l = liveService({ sshKeyFile: join(dir, 'k'), knownHostsFile: ssh.knownHostsFile, backoff: { initialMs: 100, maxMs: 500, maxAttempts: 5 } });
    try {
      await assert.rejects(l.service.connectAndWait(labProfile('lab:', ssh.endpoint)), (e) => keyOf(e) === 'ps.open.auth');
    } finally {
      await l.service.dispose();
    }
  });

  it('an unreachable server: reconnecting with backoff, attempts counted, then broken', async () => {
    const port = await freePort();
    // A short open timeout: an attempt that hangs (a loaded machine) still ends as a failed attempt, and is retried.
    const l = liveService({ sshKeyFile: ssh.keyFile, knownHostsFile: ssh.knownHostsFile, openTimeoutMs: 20_000, backoff: { initialMs: 100, maxMs: 200, maxAttempts: 2 } });
    /** The Skype shell's states in order, from the session's own log line on each change (no polling for a state that lasts 100 ms). */
    const skypeStates = () =>
      l.logs
        .filter((line) => line.startsWith('info shell state '))
        .map((line) => JSON.parse(line.slice('info shell state '.length)) as { shell: string; state: string; attempt: number })
        .filter((e) => e.shell === 'skype');
    try {
      await l.service.save({ name: 'Down', exchange: 'lab:', skype: `lab+ssh://root@127.0.0.1:${port}`, authentication: 'kerberos' });
      const id = (await l.service.view('en')).profiles[0]!.id;
      await l.service.connect(id);
      // Each attempt starts a pwsh host and fails at ssh: on a loaded CI machine that alone can take tens of seconds.
      await waitFor(() => l.service.shells().skype?.status().state === 'broken', 180_000, 'broken after the last attempt');
      const states = skypeStates();
      const shown = JSON.stringify(states);
      const firstReconnecting = states.findIndex((e) => e.state === 'reconnecting');
      assert.ok(firstReconnecting >= 0 && states[firstReconnecting]!.attempt >= 1, `reconnecting, with its attempt counted: ${shown}`);
      assert.equal(states.at(-1)!.state, 'broken', shown);
      assert.ok(firstReconnecting < states.length - 1, `reconnecting before broken: ${shown}`);
      // Broken once the attempts are spent (backoff.maxAttempts = 2), not before.
      assert.ok(states.at(-1)!.attempt > 2, `broken after the last attempt: ${shown}`);
      const view = await l.service.view('en');
      const skype = view.shells.find((s) => s.shell === 'skype')!;
      assert.match(skype.lastError ?? '', /cannot reach lab\+ssh:\/\/root@127\.0\.0\.1/);
      assert.ok(skype.attempt >= 2, `attempts counted: ${skype.attempt}`);
    } finally {
      await l.service.dispose();
    }
  });
});
