/**
 * Child process for the audit log's concurrent-writers test: appends `count` whole changes (intent
 * then outcome) to the log as fast as it can, then exits 0. Two of these run at once, as the
 * console and `umc` would, and the parent checks the chain of the file they shared. It prints
 * "ready" and starts on the first line of its stdin, so the parent starts both at once.
 *
 * A start signal alone does not make the writers overlap: on a loaded machine one child can write
 * all its lines before the other is scheduled. So after its first tenth of the changes each child
 * waits (reading the file, without the lock) until the other's label is in the log, and only then
 * goes on. Whichever child wrote first then has lines both before and after the other's first line.
 *
 * Usage: node --import tsx test/support/audit-append-child.ts <log path> <label> <count> <other label>
 */
import { readFile } from 'node:fs/promises';
import { createAuditLog } from '../../main/services/audit/audit-log';
import { systemClock } from '../../main/ports';

const [path, label, countText, other] = process.argv.slice(2);
if (!path || !label || !countText || !other) {
  process.stderr.write('usage: audit-append-child.ts <log path> <label> <count> <other label>\n');
  process.exit(2);
}
const log = createAuditLog({ path, clock: systemClock });

async function otherHasWritten(): Promise<void> {
  const needle = `"profile":${JSON.stringify(other)}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const text = await readFile(path!, 'utf8').catch(() => '');
    if (text.includes(needle)) return;
    if (Date.now() > deadline) throw new Error(`${label}: no line from ${other} in 60 s`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

void (async () => {
  process.stdout.write('ready\n');
  await new Promise((r) => process.stdin.once('data', r));
  process.stdin.pause();
  const count = Number(countText);
  for (let n = 0; n < count; n++) {
    if (n === Math.ceil(count / 10)) await otherHasWritten();
    const handle = await log.begin({
      operator: 'CONTOSO\\admin',
      profile: label,
      target: 'lab',
      cmdlet: 'Set-CsExUmContact',
      parameters: [{ name: 'Identity', value: `sip:${label}-${n}@contoso.com` }],
      before: { label, n },
    });
    await handle.finish({ outcome: 'applied', message: `${label} ${n}`, after: { label, n } });
  }
})().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
