/**
 * Child process for the audit log's crash test (the audit log must survive a killed process:
 * every entry reported durable reads back whole): appends changes in a tight loop, from several
 * workers at once, until it is killed. Prints "ready" once the first entry is durable, then the id of every entry whose outcome
 * `finish` reported durable — the parent checks each of them reads back whole.
 *
 * Usage: node --import tsx test/support/audit-writer-child.ts <log path>
 */
import { createAuditLog } from '../../main/services/audit/audit-log';
import { systemClock } from '../../main/ports';

const path = process.argv[2];
if (!path) {
  process.stderr.write('usage: audit-writer-child.ts <log path>\n');
  process.exit(2);
}
const log = createAuditLog({ path, clock: systemClock });
// Objects of a few KB so a write takes long enough for the kill to land in the middle of the loop.
const padding = 'x'.repeat(4096);

async function change(worker: number, n: number): Promise<void> {
  const handle = await log.begin({
    operator: 'CONTOSO\\admin',
    profile: 'child',
    target: 'lab',
    cmdlet: 'Set-CsExUmContact',
    parameters: [
      { name: 'Identity', value: `sip:w${worker}n${n}@contoso.com` },
      { name: 'Password', value: 'P@ss' },
    ],
    before: { worker, n, padding },
  });
  await handle.finish({ outcome: 'applied', message: `w${worker} n${n}`, after: { worker, n, padding } });
  process.stdout.write(`${handle.id}\n`);
}

async function worker(w: number): Promise<never> {
  for (let n = 0; ; n++) await change(w, n);
}

void (async () => {
  await change(-1, 0);
  process.stdout.write('ready\n');
  await Promise.all([0, 1, 2, 3].map(worker));
})().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
