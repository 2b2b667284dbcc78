/**
 * certificates.inspect through the whole main side (the in-memory transport, the dispatcher, the
 * service, the worker): the main thread stays responsive while hostile-but-accepted PFX files are
 * read, certificates.cancel stops a batch, and certificates.inspectProgress follows it file by file;
 * the trusted roots the admin chose on the Checks screen complete a chain the inspected file does not end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApi } from '../../../../shared/contract/api';
import type { InspectProgress } from '../../../../shared/certificates/certificate-channels';
import { createMainServices } from '../../../../main/compose';
import { memorySettingsStore } from '../../../../main/services/ports';
import { inspectCertificateFile } from '../../../../main/services/certificates/cert-file-reader';
import { liveInspectWorkers } from '../../../../main/services/certificates/inspect-runner';
import { certFixtures, PFX_PASSWORD, writeCostlyPfx } from '../../../support/cert-fixtures';
import { ROOT } from '../../../support/paths';

const good = { url: 'app://umc/index.html', isMainFrame: true, trustedContents: true };
const services = createMainServices({ root: ROOT, allowedOrigins: ['app://umc'], settings: memorySettingsStore() });
const api = createApi(services.transportFor(good), services.eventsFor(good));
const scratch = mkdtempSync(join(tmpdir(), 'umc-cert-service-'));

/** The costliest file the reader accepts (writeCostlyPfx: about half a second of key derivation). */
let hostile: Buffer;
/** What one hostile file costs read on this thread (measured, not assumed: the machine may be busy). */
let oneFileMs = 0;
before(() => {
  const fx = certFixtures();
  hostile = writeCostlyPfx(fx, join(scratch, 'hostile.pfx'));
  const t0 = performance.now();
  const inThread = inspectCertificateFile('hostile.pfx', hostile, { now: new Date(), password: PFX_PASSWORD });
  oneFileMs = performance.now() - t0;
  assert.equal(inThread.error, null, 'the hostile file is within the caps: it is read');
  assert.equal(inThread.certificates.length, 3);
});
after(async () => {
  await services.dispose();
  rmSync(scratch, { recursive: true, force: true });
});

const hostileFiles = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `hostile-${i + 1}.pfx`, dataBase64: hostile.toString('base64'), password: PFX_PASSWORD }));

/** The longest the main thread went without running a 5 ms timer while `work` ran. */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let last = performance.now();
  let stallMs = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    stallMs = Math.max(stallMs, now - last);
    last = now;
  }, 5);
  try {
    const result = await work();
    stallMs = Math.max(stallMs, performance.now() - last);
    return { result, stallMs };
  } finally {
    clearInterval(tick);
  }
}

describe('certificates.inspect runs off the main thread', () => {
  test('the main thread stays responsive while four hostile PFX files are read', async () => {
    // Not a speed test: read on the main thread, the four files block it for about 4 × oneFileMs in
    // one stretch; read in the worker, the main thread only posts jobs and receives answers. The bound
    // is one file's own cost — a quarter of the blocking stretch, and far above a timer tick even on a
    // busy 2-core machine — so the assertion says "not blocked", whatever the machine's speed.
    const { result, stallMs } = await longestStall(() => api.certificates.inspect({ files: hostileFiles(4) }));
    assert.equal(result.length, 4);
    for (const f of result) assert.equal(f.error, null, JSON.stringify(f.error));
    assert.ok(stallMs < oneFileMs, `the main thread stalled ${Math.round(stallMs)} ms; one hostile file costs ${Math.round(oneFileMs)} ms`);
    assert.equal(liveInspectWorkers(), 0, 'the worker ended with the call');
  });

  test('certificates.inspectProgress follows the batch file by file, over the in-memory transport', async () => {
    const seen: InspectProgress[] = [];
    const stop = api.on('certificates.inspectProgress', (p) => seen.push(p));
    try {
      await api.certificates.inspect({ files: hostileFiles(3) });
      await new Promise((r) => setTimeout(r, 300)); // the hub delivers the last change within 250 ms
    } finally {
      stop();
    }
    // Each hostile file takes longer than the hub's 250 ms interval: every file's answer is delivered.
    const running = seen.filter((p) => p.running);
    assert.deepEqual(
      running.map((p) => p.done),
      [0, 1, 2],
      JSON.stringify(seen),
    );
    assert.deepEqual(
      running.map((p) => p.current),
      ['hostile-1.pfx', 'hostile-2.pfx', 'hostile-3.pfx'],
    );
    assert.ok(running.every((p) => p.total === 3));
    assert.deepEqual(seen.at(-1), { running: false, done: 3, total: 3, cancelled: 0, current: null });
  });

  test('certificates.cancel mid-batch: the files not read answer cancelled, the worker is gone', async () => {
    let firstDone!: () => void;
    const oneDone = new Promise<void>((r) => (firstDone = r));
    const stop = api.on('certificates.inspectProgress', (p) => {
      if (p.running && p.done >= 1) firstDone();
    });
    try {
      const inspecting = api.certificates.inspect({ files: hostileFiles(6) });
      await oneDone;
      const stopped = await api.certificates.cancel();
      const result = await inspecting;
      assert.equal(result.length, 6);
      const cancelled = result.filter((f) => f.error?.code === 'cancelled');
      const read = result.filter((f) => f.error === null);
      assert.ok(read.length >= 1 && cancelled.length >= 1, JSON.stringify(result.map((f) => f.error?.code ?? 'ok')));
      assert.equal(read.length + cancelled.length, 6);
      // The files read are the first ones, in order; every later one is cancelled.
      assert.deepEqual(
        result.map((f) => f.error?.code ?? 'ok'),
        [...read.map(() => 'ok'), ...cancelled.map(() => 'cancelled')],
      );
      assert.deepEqual(stopped, { done: read.length, cancelled: cancelled.length });
      assert.match(cancelled[0].error!.message, /cancelled/);
      assert.equal(liveInspectWorkers(), 0, 'no worker outlives the cancel');
    } finally {
      stop();
    }
  });

  test('certificates.cancel with nothing running: nothing to stop', async () => {
    assert.deepEqual(await api.certificates.cancel(), { done: 0, cancelled: 0 });
  });
});

describe('the trusted roots on the Inspect files tab', () => {
  test('the roots chosen on the Checks screen complete a file whose chain stops at the intermediate', async () => {
    const fx = certFixtures();
    const leafAndInter = Buffer.concat([readFileSync(fx.path('leaf-good.crt')), readFileSync(fx.path('inter.crt'))]);
    const file = { name: 'leaf-inter.pem', dataBase64: leafAndInter.toString('base64') };
    const withRoots = createMainServices({
      root: ROOT,
      allowedOrigins: ['app://umc'],
      settings: memorySettingsStore(),
      dialogs: { chooseOpenPath: async () => fx.path('root.crt'), chooseSavePath: async () => null },
    });
    try {
      const a = createApi(withRoots.transportFor(good), withRoots.eventsFor(good));
      const [before] = await a.certificates.inspect({ files: [file] });
      assert.equal(before!.chain?.verdict, 'root-missing');
      assert.equal((await a.checks.chooseTrustedRoots())?.count, 1);
      const [after] = await a.certificates.inspect({ files: [file] });
      assert.equal(after!.chain?.verdict, 'complete');
      assert.equal(after!.chain?.trustedRoot, true);
    } finally {
      await withRoots.dispose();
    }
  });
});
