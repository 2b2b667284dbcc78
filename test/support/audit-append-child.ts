/**
 * Child process for the audit log's concurrent-writers test: appends `count` whole changes (intent
 * then outcome) to the log as fast as it can, then exits 0. Two of these run at once, as the
 * console and `umc` would, and the parent checks the chain of the file they shared. It prints
 * "ready" and starts on the first line of its stdin, so the parent starts both at once.
 *
 * Usage: node --import tsx test/support/audit-append-child.ts <log path> <label> <count>
 */
import { createAuditLog } from '../../main/services/audit/audit-log';
import { systemClock } from '../../main/ports';

const [path, label, countText] = process.argv.slice(2);
if (!path || !label || !countText) {
  process.stderr.write('usage: audit-append-child.ts <log path> <label> <count>\n');
  process.exit(2);
}
const log = createAuditLog({ path, clock: systemClock });

void (async () => {
  process.stdout.write('ready\n');
  await new Promise((r) => process.stdin.once('data', r));
  process.stdin.pause();
  for (let n = 0; n < Number(countText); n++) {
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
