/**
 * Runs certificate inspection in a worker thread (inspect-worker.ts), so the main process never
 * parses a certificate file: one worker per inspection, the files posted to it at once and answered
 * one by one, in order. A cancel (or the AbortSignal) terminates the worker at once — even in the
 * middle of a file's key derivation — and every file not yet answered is reported `cancelled`.
 * The outcome resolves only after the worker has exited: nothing outlives an inspection.
 *
 * One worker rather than a pool: per file the work is parse + rules (well under a millisecond for a
 * certificate, up to ~0.5 s for a PFX at the iteration caps), the machines the console runs on have
 * 2 cores, and the main process needs one of them to stay responsive; bench/certificates.ts measures
 * the rate through the worker against the in-thread reader.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { FileInspection, InspectErrorCode } from '../../../shared/certificates/cert-model';
import { translateDynamic } from '../../../shared/i18n/translate';
import { assertUnpackedIntact } from '../../unpacked-integrity';
import type { InspectOptions } from './cert-file-reader';

/** One file to inspect: its bytes (the renderer sends bytes, never paths) or its path (the CLI). */
export interface InspectInput {
  readonly name: string;
  readonly bytes?: Uint8Array;
  readonly path?: string;
  /** Used for this file only, never kept. */
  readonly password?: string;
}

/** What the worker receives per file. */
export interface InspectJob extends InspectInput {
  readonly index: number;
}

/** The options shared by every file of one inspection (a Date does not cross as a Date: ISO). */
export interface InspectWorkerData {
  readonly now: string;
  readonly fqdn?: string;
  readonly purpose?: InspectOptions['purpose'];
  readonly language?: InspectOptions['language'];
  readonly trustedRoots?: InspectOptions['trustedRoots'];
}

export type InspectWorkerReply = { readonly index: number; readonly result: FileInspection } | { readonly index: number; readonly failed: string };

export interface InspectOutcome {
  /** One answer per file, in order; the files not read say `cancelled` (or why the worker stopped). */
  readonly files: readonly FileInspection[];
  /** Files answered by the reader. */
  readonly done: number;
  /** Files reported `cancelled`. */
  readonly cancelled: number;
}

export interface InspectRun {
  readonly outcome: Promise<InspectOutcome>;
  /** Stops the inspection: the worker is terminated, the files not yet answered are `cancelled`. */
  cancel(): void;
}

export interface InspectHooks {
  /** After each answered file: how many are done, of how many, and the file read next (null at the end). */
  readonly onFile?: (done: number, total: number, next: string | null) => void;
  /** Cancels like cancel() (the CLI's Ctrl-C). */
  readonly signal?: AbortSignal;
  /** The worker script (tests); default inspectWorkerFile(). */
  readonly workerFile?: string;
}

/**
 * Heap cap of one inspection worker: a file is at most 10 MB (MAX_CERT_FILE_BYTES) and is read once;
 * a hostile file that would need more ends that worker (ERR_WORKER_OUT_OF_MEMORY), not the main process.
 */
const WORKER_HEAP_MB = 512;

const live = new Set<Worker>();

/** Inspection workers alive now, in this process (tests check that none outlives its inspection). */
export function liveInspectWorkers(): number {
  return live.size;
}

/**
 * The worker script: the TypeScript source under tsx (tests, the browser harness), the bundled .cjs
 * beside app.cjs — or, for the CLI (out/cli/umc.cjs), in out/main — unpacked from the asar.
 */
export function inspectWorkerFile(): string {
  const source = join(__dirname, 'inspect-worker.ts');
  if (existsSync(source)) return source;
  const bundled = [join(__dirname, 'cert-inspect-worker.cjs'), join(__dirname, '..', 'main', 'cert-inspect-worker.cjs')].map((f) => f.replace(/app\.asar([\\/])/, 'app.asar.unpacked$1'));
  return bundled.find((f) => existsSync(f)) ?? bundled[0];
}

function unread(file: string, code: InspectErrorCode, key: string, params: Readonly<Record<string, string | number>>, options: Pick<InspectOptions, 'language'>): FileInspection {
  return { file, error: { code, message: translateDynamic(options.language ?? 'en', key, params) }, certificates: [] };
}

/**
 * Starts inspecting `inputs` in a new worker. Throws IntegrityError (unpacked-integrity.ts) when the
 * packaged worker script is not the one this build shipped: it is then not started.
 */
export function startInspection(inputs: readonly InspectInput[], options: Omit<InspectOptions, 'password'>, hooks: InspectHooks = {}): InspectRun {
  const total = inputs.length;
  if (total === 0) return { outcome: Promise.resolve({ files: [], done: 0, cancelled: 0 }), cancel: () => undefined };
  const file = hooks.workerFile ?? inspectWorkerFile();
  assertUnpackedIntact(file);
  const workerData: InspectWorkerData = { now: options.now.toISOString(), fqdn: options.fqdn, purpose: options.purpose, language: options.language, trustedRoots: options.trustedRoots };
  const workerOptions = { workerData, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } };
  // Under tsx the TypeScript source is loaded through tsx's require hook; the app loads the bundled .cjs.
  const worker = file.endsWith('.ts') ? new Worker(`require('tsx/cjs'); require(${JSON.stringify(file)});`, { eval: true, ...workerOptions }) : new Worker(file, workerOptions);
  live.add(worker);
  const exited = new Promise<void>((resolve) =>
    worker.once('exit', () => {
      live.delete(worker);
      resolve();
    }),
  );

  const answers: (FileInspection | undefined)[] = new Array(total);
  let done = 0;
  let settled = false;
  let resolveOutcome!: (o: InspectOutcome) => void;
  const outcome = new Promise<InspectOutcome>((resolve) => (resolveOutcome = resolve));

  const finish = (why: { kind: 'complete' } | { kind: 'cancelled' } | { kind: 'failed'; detail: string }) => {
    if (settled) return;
    settled = true;
    hooks.signal?.removeEventListener('abort', cancel);
    let cancelled = 0;
    const files = inputs.map((input, i) => {
      const answer = answers[i];
      if (answer) return answer;
      if (why.kind === 'failed') return unread(input.name, 'unreadable', 'cert.read.workerFailed', { detail: why.detail }, options);
      cancelled++;
      return unread(input.name, 'cancelled', 'cert.read.cancelled', {}, options);
    });
    void worker.terminate();
    void exited.then(() => resolveOutcome({ files, done, cancelled }));
  };
  const cancel = () => finish({ kind: 'cancelled' });

  worker.on('message', (reply: InspectWorkerReply) => {
    if (settled || answers[reply.index]) return;
    const input = inputs[reply.index];
    answers[reply.index] = 'result' in reply ? reply.result : unread(input.name, 'unreadable', 'cert.read.workerFailed', { detail: reply.failed }, options);
    done++;
    hooks.onFile?.(done, total, done < total ? inputs[done].name : null);
    if (done === total) finish({ kind: 'complete' });
  });
  worker.on('error', (e) => finish({ kind: 'failed', detail: e.message }));
  worker.once('exit', (code) => finish({ kind: 'failed', detail: `exit code ${code}` }));

  if (hooks.signal?.aborted) cancel();
  else {
    hooks.signal?.addEventListener('abort', cancel, { once: true });
    inputs.forEach((input, index) => {
      const job: InspectJob = { index, name: input.name, bytes: input.bytes, path: input.path, password: input.password };
      worker.postMessage(job);
    });
  }
  return { outcome, cancel };
}
