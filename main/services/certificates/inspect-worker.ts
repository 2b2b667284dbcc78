/**
 * The certificate reader in a worker thread: a PFX within the caps (pkcs12.ts) still costs up to
 * about half a second of key derivation, and one certificates.inspect call carries 50 files, so the
 * main process — which answers every IPC call of the window — never parses a certificate file itself.
 * Receives one job per message (a file's bytes or its path), posts back one FileInspection per job,
 * in order; stopped by terminate() (inspect-runner.ts), never by a message.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { inspectCertificateFile, type InspectOptions, readCertificateFromFile } from './cert-file-reader';
import type { InspectJob, InspectWorkerData, InspectWorkerReply } from './inspect-runner';

const port = parentPort;
if (!port) throw new Error('inspect-worker.ts runs as a worker thread only');
const data = workerData as InspectWorkerData;
const base: InspectOptions = { now: new Date(data.now), fqdn: data.fqdn, purpose: data.purpose, language: data.language, trustedRoots: data.trustedRoots };

let queue: Promise<void> = Promise.resolve();
port.on('message', (job: InspectJob) => {
  // One job after the other, in the order they were posted (the replies keep it).
  queue = queue.then(async () => {
    const options = { ...base, password: job.password };
    let reply: InspectWorkerReply;
    try {
      const result = job.path !== undefined ? await readCertificateFromFile(job.path, options) : inspectCertificateFile(job.name, job.bytes ?? new Uint8Array(0), options);
      reply = { index: job.index, result };
    } catch (e) {
      // The reader never throws by design; should it, the file still gets its answer and the next ones are read.
      reply = { index: job.index, failed: e instanceof Error ? e.message : String(e) };
    }
    port.postMessage(reply);
  });
});
