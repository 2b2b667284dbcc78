/**
 * The Certificates screen's service: the inventory of the loaded org's certificates, and
 * offline inspection of certificate files sent by the renderer (bytes, never paths). A PFX password
 * is used for that one call and dropped: never stored, never logged.
 *
 * Inspection runs in a worker thread (certificates/inspect-runner.ts): the main process never parses
 * a certificate file. Its progress is the `certificates.inspectProgress` event, one change per file;
 * certificates.cancel stops every inspection in flight.
 */
import { buildInventory } from '../../shared/certificates/inventory';
import { evaluateCertificate } from '../../shared/certificates/cert-rules';
import type { CertPurpose, FileInspection } from '../../shared/certificates/cert-model';
import type { CertificateInventory } from '../../shared/certificates/inventory-model';
import { labelOf, type LoadedOrg, type OrgService } from './org-service';
import type { Clock } from '../ports';
import { type EventSink, NO_EVENTS } from '../../shared/contract/channels';
import type { InspectCancelled, InspectProgress } from '../../shared/certificates/certificate-channels';
import { type InspectRun, startInspection } from './certificates/inspect-runner';
import type { TrustedRootsSource } from './certificates/trusted-roots';

export interface InspectRequest {
  readonly files: readonly { readonly name: string; readonly dataBase64: string; readonly password?: string }[];
  readonly fqdn?: string;
  readonly purpose?: CertPurpose;
  readonly language?: 'en' | 'fr';
}

export interface CertificateService {
  inventory(): Promise<CertificateInventory>;
  inspect(request: InspectRequest): Promise<readonly FileInspection[]>;
  /** Stops the inspections in flight; resolves once their workers have exited. */
  cancel(): Promise<InspectCancelled>;
  /** Cancels what runs (the app closes). */
  dispose(): Promise<void>;
}

/** The inventory of a loaded org (its certificates read once, when the snapshot was decoded), judged at `now` (the service and `umc check` share it). */
export function inventoryOf(l: LoadedOrg, now: Date): CertificateInventory {
  return buildInventory(l.org, l.findings, {
    now,
    evaluate: evaluateCertificate,
    labelOf: (ref) => labelOf(l, ref),
  });
}

export function createCertificateService(deps: {
  readonly org: OrgService;
  readonly clock: Clock;
  readonly events?: EventSink;
  readonly workerFile?: string;
  /** The roots the admin trusts (the setting trustedRootsFile, shared with the Checks screen): they complete a file's chain and make its verdict "trusted". */
  readonly trustedRoots?: Pick<TrustedRootsSource, 'current'>;
}): CertificateService {
  const events = deps.events ?? NO_EVENTS;
  const runs = new Map<InspectRun, Promise<{ done: number; cancelled: number }>>();
  // One progress for what runs now: a new inspection started while none runs starts the counts again.
  let progress: InspectProgress = { running: false, done: 0, total: 0, cancelled: 0, current: null };
  const publish = (next: InspectProgress) => {
    progress = next;
    events.publish('certificates.inspectProgress', () => progress);
  };
  publish(progress);

  return {
    async inventory() {
      return inventoryOf(await deps.org.current(), deps.clock.now());
    },
    async inspect(request) {
      const now = deps.clock.now();
      const fqdn = request.fqdn?.trim() || undefined;
      const inputs = request.files.map((f) => ({ name: f.name, bytes: Buffer.from(f.dataBase64, 'base64'), password: f.password }));
      const base = progress.running ? progress : { running: true, done: 0, total: 0, cancelled: 0, current: null };
      publish({ ...base, running: true, total: base.total + inputs.length, current: base.current ?? inputs[0]?.name ?? null });
      let before = 0;
      const run = startInspection(
        inputs,
        {
          now,
          fqdn,
          purpose: request.purpose,
          language: request.language,
          trustedRoots: (deps.trustedRoots?.current() ?? []).flatMap((r) => (r.derBase64 ? [r.derBase64] : [])),
        },
        {
          workerFile: deps.workerFile,
          onFile: (done, _total, next) => {
            const counted = { ...progress, done: progress.done + (done - before) };
            before = done;
            // The last answer is published with the end of the run (below), not as a run still going.
            if (next === null) progress = counted;
            else publish({ ...counted, current: next });
          },
        },
      );
      const counted = run.outcome.then((o) => ({ done: o.done, cancelled: o.cancelled }));
      runs.set(run, counted);
      try {
        const outcome = await run.outcome;
        return outcome.files;
      } finally {
        runs.delete(run);
        const o = await counted;
        publish({ ...progress, running: runs.size > 0, cancelled: progress.cancelled + o.cancelled, current: runs.size > 0 ? progress.current : null });
      }
    },
    async cancel() {
      const stopping = [...runs.entries()];
      for (const [run] of stopping) run.cancel();
      const counts = await Promise.all(stopping.map(([, c]) => c));
      return { done: counts.reduce((n, c) => n + c.done, 0), cancelled: counts.reduce((n, c) => n + c.cancelled, 0) };
    },
    async dispose() {
      const stopping = [...runs.entries()];
      for (const [run] of stopping) run.cancel();
      await Promise.all(stopping.map(([, c]) => c));
    },
  };
}
