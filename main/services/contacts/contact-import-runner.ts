/**
 * The CSV import applied in the background: the previewed plan's rows run one after the other
 * through the contact writer (each re-read first, each command audited), the progress readable at
 * any time, the org replaced once at the end.
 */
import type { ImportProgress, ImportRowResult } from '../../../shared/contacts/contact-channels';
import { commandsFor } from '../../../shared/contacts/contact-commands';
import { type EventSink, NO_EVENTS } from '../../../shared/contract/channels';
import { type Language, translateDynamic, UserError } from '../../../shared/i18n/translate';
import type { OrgService } from '../org-service';
import type { Logger } from '../../ports';
import type { ImportPlan } from './contact-import-planner';
import { type ContactChange, type ContactWriter, identityOf, patchContacts } from './contact-writer';
import type { PreviewTokens } from './preview-tokens';
import type { WriteTargets } from './write-target';

export interface ContactImportRunnerDeps {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly writer: ContactWriter;
  readonly plans: PreviewTokens<ImportPlan>;
  readonly logger: Logger;
  readonly language: () => Promise<Language>;
  /** Where `contacts.importProgress` is published (the import dialog listens). */
  readonly events?: EventSink;
}

export interface ContactImportRunner {
  /** Starts applying the previewed import; resolves with its first progress (the rows run in the background). */
  start(token: string, stopOnError: boolean, acknowledged: readonly string[]): Promise<ImportProgress>;
  /** Where the running (or last) import is. */
  progress(): ImportProgress;
  /** Resolves when the running import (if any) has ended (tests, the CLI). */
  done(): Promise<ImportProgress>;
  /** Stops after the current row and waits for it. */
  dispose(): Promise<void>;
}

const NO_IMPORT: ImportProgress = { running: false, done: 0, total: 0, stopped: false, results: [] };

export function createContactImportRunner(deps: ContactImportRunnerDeps): ContactImportRunner {
  let job: { progress: { running: boolean; done: number; total: number; stopped: boolean; results: ImportRowResult[] }; done: Promise<void> } | null = null;
  let disposed = false;
  const events = deps.events ?? NO_EVENTS;
  /** The run moved: the event hub reads progress() when it delivers. */
  const changed = () => events.publish('contacts.importProgress', progress);

  function progress(): ImportProgress {
    if (!job) return NO_IMPORT;
    const p = job.progress;
    return { running: p.running, done: p.done, total: p.total, stopped: p.stopped, results: [...p.results] };
  }

  // The stream exists from the start: a dialog that subscribes gets a state at once.
  changed();

  return {
    async start(token, stopOnError, acknowledged) {
      if (job?.progress.running) throw new UserError({ key: 'contacts.error.importRunning', params: {} });
      const plan = deps.plans.get(token);
      if (!plan) throw new UserError({ key: 'contacts.error.previewExpired', params: {} });
      const t = await deps.targets.require();
      if (t.kind !== plan.targetKind) throw new UserError({ key: 'contacts.error.previewExpired', params: {} });
      const missing = plan.preview.acknowledge.filter((r) => !acknowledged.includes(r));
      if (missing.length) throw new UserError({ key: 'contacts.error.acknowledge', params: { rules: missing.join(', ') } });
      deps.plans.spend(token);
      const lang = await deps.language();
      const rows = plan.preview.rows;
      const results: ImportRowResult[] = [];
      const running = { running: true, done: 0, total: rows.length, stopped: false, results };
      const snapshot = (): ImportProgress => ({ ...running, results: [...results] });
      const changes: ContactChange[] = [];
      const done = (async () => {
        for (let i = 0; i < rows.length; i++) {
          if (disposed) break;
          const row = rows[i]!;
          const op = plan.operations[i];
          if (running.stopped) results.push({ line: row.line, outcome: 'not-run', message: translateDynamic(lang, 'contacts.import.notRun', {}) });
          else if (row.action === 'skip') results.push({ line: row.line, outcome: 'skipped', message: translateDynamic(lang, 'contacts.import.skipped', {}) });
          else if (row.action === 'invalid' || !op) {
            results.push({ line: row.line, outcome: 'refused', message: row.issues.map((x) => translateDynamic(lang, x.message.key, x.message.params)).join('; ') });
            if (stopOnError) running.stopped = true;
          } else {
            try {
              const before = plan.before[i] ?? null;
              const change = { operation: op, commands: commandsFor(op, before), before };
              const recheck = await deps.writer.recheck(t, change);
              if (recheck.differences.length) {
                results.push({ line: row.line, outcome: 'stale', message: translateDynamic(lang, 'contacts.stale', { fields: recheck.differences.map((d) => d.field).join(', ') }) });
                if (stopOnError) running.stopped = true;
              } else {
                const r = await deps.writer.write(t, change, lang);
                results.push({ line: row.line, outcome: r.outcome === 'applied' || r.outcome === 'refused' || r.outcome === 'unknown' ? r.outcome : 'failed', message: r.message });
                // The contact as read back (also when its answer never came and reading back settled it).
                if (r.readBack) changes.push({ identity: identityOf(op), after: r.after, previousIdentity: before?.identity ?? null });
                if (r.outcome !== 'applied' && stopOnError) running.stopped = true;
              }
            } catch (e) {
              results.push({ line: row.line, outcome: 'failed', message: e instanceof UserError ? e.render(lang) : e instanceof Error ? e.message : String(e) });
              if (stopOnError) running.stopped = true;
            }
          }
          running.done = i + 1;
          // Rows before the first await run before `job` names this run: published from the next row on.
          if (job?.progress === running) changed();
        }
      })()
        .catch((e: unknown) => deps.logger.log('error', 'contacts import failed', { error: e instanceof Error ? e.message : String(e) }))
        .finally(async () => {
          // One replace at the end: the rules run once for the whole import, not once per row.
          if (changes.length) deps.org.replace(patchContacts((await deps.org.current()).org, changes));
          running.running = false;
          changed();
        });
      job = { progress: running, done: done.then(() => undefined) };
      changed();
      return snapshot();
    },

    progress,

    async done() {
      if (job) await job.done;
      return progress();
    },

    async dispose() {
      disposed = true;
      await job?.done;
    },
  };
}
