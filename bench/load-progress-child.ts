/**
 * One measurement in a fresh process: the console started on a large snapshot, as the window sees it over the
 * contract (docs/large-orgs.md, "First screen while reading"). From the first request (which starts the load):
 * when the status bar's summary and the Checks list are answered (the partial org: every section but the users),
 * and when the whole org is in (`org.loadProgress` done). Meanwhile a 10 ms timer measures how long main's event
 * loop was held at most (while it is held, no request is answered).
 * Prints JSON {firstMs, checksMs, fullMs, firstUsers, fullUsers, sections, maxBlockedMs}.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApi } from '../shared/contract/api';
import { createMainServices } from '../main/compose';
import { memorySettingsStore } from '../main/services/ports';
import { ROOT } from '../test/support/paths';

const ORIGIN = 'app://umc';
const sender = { url: `${ORIGIN}/index.html`, isMainFrame: true, trustedContents: true };

async function main() {
  const file = process.argv[2]!;
  const services = createMainServices({ root: ROOT, allowedOrigins: [ORIGIN], settings: memorySettingsStore(), snapshotPath: file, auditPath: join(tmpdir(), `umc-bench-audit-${process.pid}.jsonl`) });
  const api = createApi(services.transportFor(sender), services.eventsFor(sender));
  let maxBlockedMs = 0;
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    maxBlockedMs = Math.max(maxBlockedMs, now - last - 10);
    last = now;
  }, 10);
  const t0 = performance.now();
  let fullMs = 0;
  let sections = 0;
  const done = new Promise<void>((resolve) => {
    api.on('org.loadProgress', (p) => {
      if (p.phase !== 'done') return;
      fullMs = performance.now() - t0;
      sections = p.sections.filter((s) => s.state !== 'waiting').length;
      resolve();
    });
  });
  const summary = await api.org.summary();
  const firstMs = performance.now() - t0;
  await api.checks.list({});
  const checksMs = performance.now() - t0;
  await done;
  const full = await api.org.summary();
  clearInterval(timer);
  process.stdout.write(
    JSON.stringify({
      firstMs: Math.round(firstMs),
      checksMs: Math.round(checksMs),
      fullMs: Math.round(fullMs),
      firstUsers: summary.objects.users,
      fullUsers: full.objects.users,
      sections,
      maxBlockedMs: Math.round(maxBlockedMs),
    }),
  );
  await services.dispose();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
