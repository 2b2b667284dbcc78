/**
 * The certificate reader in a worker thread: the same answers as the reader on this thread, over
 * the whole fixture corpus (bytes and paths); cancel and abort stop it, even in the middle of a file;
 * a worker that dies answers every file still waiting; nothing outlives an inspection.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { inspectCertificateFile, readCertificateFromFile } from '../../../../../main/services/certificates/cert-file-reader';
import { inspectWorkerFile, liveInspectWorkers, startInspection } from '../../../../../main/services/certificates/inspect-runner';
import { certFixtures, type Fixtures, PFX_PASSWORD, writeCostlyPfx } from '../../../../support/cert-fixtures';

let fx: Fixtures;
let now: Date;
let corpus: string[];
const scratch = mkdtempSync(join(tmpdir(), 'umc-inspect-runner-'));
let hostile: Buffer;
before(() => {
  fx = certFixtures();
  now = new Date(fx.madeAt.getTime() + 3_600_000);
  // Every file of the fixture corpus (certificates, chains, PFX variants, keys, CSRs, the bookkeeping files).
  corpus = readdirSync(fx.dir)
    .filter((f) => statSync(fx.path(f)).isFile())
    .sort();
  hostile = writeCostlyPfx(fx, join(scratch, 'hostile.pfx'));
});
after(() => rmSync(scratch, { recursive: true, force: true }));

const passwordFor = (f: string) => (/\.(pfx|p12)$/.test(f) ? PFX_PASSWORD : undefined);

describe('the reader in a worker', () => {
  test('the same answers as the reader on this thread, for every corpus file, from bytes and from paths', async () => {
    assert.ok(corpus.length > 40, `corpus: ${corpus.length} files`);
    const options = { now, fqdn: 'um01.contoso.com', purpose: 'um' as const };
    const fromBytes = await startInspection(
      corpus.map((f) => ({ name: f, bytes: readFileSync(fx.path(f)), password: passwordFor(f) })),
      options,
    ).outcome;
    const fromPaths = await startInspection(
      corpus.map((f) => ({ name: fx.path(f), path: fx.path(f), password: passwordFor(f) })),
      options,
    ).outcome;
    assert.equal(fromBytes.done, corpus.length);
    assert.equal(fromPaths.cancelled, 0);
    for (const [i, f] of corpus.entries()) {
      assert.deepEqual(fromBytes.files[i], inspectCertificateFile(f, readFileSync(fx.path(f)), { ...options, password: passwordFor(f) }), f);
      assert.deepEqual(fromPaths.files[i], await readCertificateFromFile(fx.path(f), { ...options, password: passwordFor(f) }), f);
    }
    // Not only failures: the corpus holds readable files of every container.
    assert.ok(fromBytes.files.filter((r) => r.error === null).length > 30);
    assert.equal(liveInspectWorkers(), 0);
  });

  test('the language of the messages crosses to the worker', async () => {
    const { files } = await startInspection([{ name: 'empty.cer', bytes: new Uint8Array(0) }], { now, language: 'fr' }).outcome;
    assert.deepEqual(files[0], inspectCertificateFile('empty.cer', new Uint8Array(0), { now, language: 'fr' }));
  });

  test('nothing to inspect: no worker at all', async () => {
    assert.deepEqual(await startInspection([], { now }).outcome, { files: [], done: 0, cancelled: 0 });
    assert.equal(liveInspectWorkers(), 0);
  });

  test('cancel in the middle of a file: the worker is terminated at once, every file answers cancelled', async () => {
    const run = startInspection(
      Array.from({ length: 3 }, (_, i) => ({ name: `h${i}.pfx`, bytes: hostile, password: PFX_PASSWORD })),
      { now },
    );
    assert.equal(liveInspectWorkers(), 1);
    run.cancel();
    const o = await run.outcome;
    assert.equal(o.done, 0);
    assert.equal(o.cancelled, 3);
    assert.deepEqual(
      o.files.map((f) => [f.file, f.error?.code]),
      [
        ['h0.pfx', 'cancelled'],
        ['h1.pfx', 'cancelled'],
        ['h2.pfx', 'cancelled'],
      ],
    );
    assert.equal(liveInspectWorkers(), 0);
    run.cancel(); // a second cancel changes nothing
    assert.equal((await run.outcome).cancelled, 3);
  });

  test('an AbortSignal cancels (the CLI’s Ctrl+C); one aborted before the start sends nothing', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const run = startInspection(
      [{ name: 'good.cer', path: fx.path('leaf-good.cer') }, ...Array.from({ length: 4 }, (_, i) => ({ name: `h${i}.pfx`, bytes: hostile, password: PFX_PASSWORD }))],
      { now },
      {
        signal: controller.signal,
        onFile: (done) => {
          seen.push(done);
          controller.abort();
        },
      },
    );
    const o = await run.outcome;
    assert.deepEqual(seen, [1]);
    assert.equal(o.files[0].error, null);
    assert.equal(o.done, 1);
    assert.equal(o.cancelled, 4);
    const aborted = new AbortController();
    aborted.abort();
    const none = await startInspection([{ name: 'good.cer', path: fx.path('leaf-good.cer') }], { now }, { signal: aborted.signal }).outcome;
    assert.equal(none.files[0].error?.code, 'cancelled');
    assert.equal(liveInspectWorkers(), 0);
  });

  test('a worker that dies: the files still waiting say so (unreadable), none is lost', async () => {
    const dying = join(scratch, 'dying-worker.js');
    writeFileSync(dying, "const { parentPort } = require('node:worker_threads'); parentPort.once('message', () => process.exit(7));");
    const o = await startInspection(
      [
        { name: 'a.cer', bytes: new Uint8Array(1) },
        { name: 'b.cer', bytes: new Uint8Array(1) },
      ],
      { now },
      { workerFile: dying },
    ).outcome;
    assert.deepEqual(
      o.files.map((f) => f.error?.code),
      ['unreadable', 'unreadable'],
    );
    assert.match(o.files[0].error!.message, /stopped unexpectedly \(exit code 7\)/);
    assert.equal(liveInspectWorkers(), 0);
  });

  test('the worker script: the TypeScript source under tsx', () => {
    assert.match(inspectWorkerFile(), /inspect-worker\.ts$/);
  });
});
