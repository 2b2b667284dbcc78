/**
 * Check-all's memory, measured in a process of its own that holds what the console holds: the
 * snapshot file loaded as the console loads it (main/services/snapshot-loader.ts, through the
 * composition root), the org judged. Then "check every user" runs, its RSS sampled every 10 ms (it
 * joins the users; the search keys are not built: check-all does not need them). Then a first search
 * builds the search keys, and the RSS is read again. Prints JSON {rssLoadedMb, peakMb, rssSearchMb,
 * ms, checked, working, failing, atRisk}.
 * `node --import tsx bench/users-check.ts FILE` (bench/users.ts runs it).
 */
import { createMainServices } from '../main/compose';
import { memorySettingsStore } from '../main/services/ports';
import { ROOT } from '../test/support/browser-harness';

const MB = 1048576;

async function main() {
  const file = process.argv[2]!;
  const services = createMainServices({ root: ROOT, allowedOrigins: [], settings: memorySettingsStore(), snapshotPath: file, powershell: { executable: null } });
  try {
    // A large snapshot is read in stages: the org without its users answers first (main/services/org-service.ts); wait for the whole one.
    while ((await services.org.current()).org.readState?.['skype.users']?.status === 'not-read') await new Promise((r) => setTimeout(r, 20));
    const rssLoaded = process.memoryUsage().rss;
    let peak = rssLoaded;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
    const t0 = performance.now();
    await services.users.startCheck();
    const done = await services.users.checkDone();
    const ms = performance.now() - t0;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    // The Users screen's first query builds the search keys (shared/users/user-index.ts), once per org.
    await services.users.search('warm', 5);
    const rssSearch = process.memoryUsage().rss;
    process.stdout.write(
      JSON.stringify({
        rssLoadedMb: Math.round(rssLoaded / MB),
        peakMb: Math.round(peak / MB),
        rssSearchMb: Math.round(rssSearch / MB),
        ms: Math.round(ms),
        checked: done.summary.checked,
        working: done.summary.working,
        failing: done.summary.failing,
        atRisk: done.summary.atRisk,
      }),
    );
  } finally {
    await services.dispose();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
