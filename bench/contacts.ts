/**
 * The contact editor's performance figures, measured and printed (`npm run bench`):
 *  1. importing 1,000 CSV rows through the lab endpoint and real PowerShell (the same path as a live
 *     Skype session): rows per second, and the peak memory of Node and of the PowerShell host;
 *  2. the Contacts screen on an org with 5,000 contacts and 200 dial plans in Debian's Chromium:
 *     interactive after the data arrives (target ≤ 1 s) and filtering (target ≤ 100 ms).
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMainServices } from '../main/compose';
import { memorySettingsStore } from '../main/services/ports';
import { generateSnapshot } from '../test/support/org-builder/generate-org';
import { openConsole, ROOT } from '../test/support/browser-harness';
import { labRuntime, NO_PWSH } from '../test/support/powershell';
import { measure, note } from './bench-output';

/** Peak resident memory (VmHWM) of the PowerShell hosts this process started, in MB. */
function hostPeakMb(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('umc-host.ps1') && !cmd.includes('pwsh.dll')) continue;
      const status = readFileSync(`/proc/${pid}/status`, 'utf8');
      const ppid = Number(/PPid:\s+(\d+)/.exec(status)?.[1]);
      if (ppid !== process.pid && !readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('umc-host.ps1')) continue;
      total += Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

async function importThousand(): Promise<void> {
  if (NO_PWSH) {
    note(`import of 1,000 CSV rows: ${NO_PWSH}`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-contacts-'));
  const services = createMainServices({
    root: ROOT,
    allowedOrigins: [],
    settings: memorySettingsStore(),
    userLabPath: join(dir, 'lab.json'),
    auditPath: join(dir, 'audit.jsonl'),
    powershell: labRuntime(),
  });
  try {
    const rows = ['SipAddress,DisplayNumber,RegistrarPool,OU,Type,Name,Description'];
    for (let i = 0; i < 1000; i++)
      rows.push(
        `sip:bench-${i}@litwareinc.com,+1425556${String(i).padStart(4, '0')},atl-cs-001.litwareinc.com,"OU=RTC Special Accounts,DC=litwareinc,DC=com",${i % 2 ? 'AA' : 'SA'},Bench ${i},bench row ${i}`,
      );
    const bytes = new TextEncoder().encode(rows.join('\r\n') + '\r\n');
    await services.contacts.list(); // the lab endpoint's shell opens (not part of the import)
    let peakRss = process.memoryUsage().rss;
    let peakHost = 0;
    const sampler = setInterval(() => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      peakHost = Math.max(peakHost, hostPeakMb());
    }, 200);
    const t0 = performance.now();
    const preview = await services.contacts.importPreview('bench.csv', bytes);
    const tPreview = performance.now() - t0;
    await services.contacts.importApply(preview.token, false, preview.acknowledge);
    const done = await services.contacts.importDone();
    const total = performance.now() - t0;
    clearInterval(sampler);
    peakHost = Math.max(peakHost, hostPeakMb());
    const applied = done.results.filter((r) => r.outcome === 'applied').length;
    measure({
      name: 'contacts',
      label: 'import 1,000 CSV rows through the lab endpoint (real pwsh)',
      value: applied / ((total - tPreview) / 1000),
      unit: 'rows/s',
      target: null,
      targetText: 'measured',
    });
    note(
      `    preview ${Math.round(tPreview)} ms; apply ${((total - tPreview) / 1000).toFixed(1)} s; ${applied} applied, ${done.results.length - applied} not; peak RSS Node ${(peakRss / 1048576).toFixed(0)} MB, PowerShell host ${peakHost.toFixed(0)} MB`,
    );
    const audit = await services.contacts.auditList(5000);
    note(`    audit log: ${audit.total} entries, ${audit.damaged.length} damaged`);
  } finally {
    await services.dispose();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function screenWith5000(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'umc-bench-contacts-ui-'));
  const raw = generateSnapshot({ exchangeServers: 10, dialPlans: 200, gateways: 200, users: 2000 });
  const contacts = raw.skype.exUmContacts.objects as Record<string, unknown>[];
  const template = contacts[0]!;
  for (let i = contacts.length; i < 5000; i++) {
    const number = `+1425700${String(i).padStart(4, '0')}`;
    contacts.push({
      ...template,
      Identity: `CN={bench-${i}},OU=UM,DC=fabrikam,DC=example`,
      DisplayName: `Bench contact ${i}`,
      SipAddress: `sip:bench-${i}@fabrikam.example`,
      DisplayNumber: number,
      LineURI: `tel:${number}`,
    });
  }
  const file = join(dir, 'contacts-5000.umcsnap.json');
  writeFileSync(file, JSON.stringify(raw));
  const s = await openConsole({ snapshotPath: file });
  try {
    await s.page.getByTestId('nav-topology').waitFor();
    // Data first (the main process loads and decodes the file), then the screen: what is timed is the renderer.
    await s.services.contacts.list();
    // The target counts from the data's arrival in the renderer. The test bridge (Playwright's
    // exposeBinding, JSON over CDP) needs ~2 s to carry the 3.7 MB list where Electron's IPC needs
    // tens of ms, so the arrival is stamped in the page when contacts.list resolves.
    await s.page.evaluate(() => {
      const api = (window as unknown as { umc: { contacts: { list: (...a: unknown[]) => Promise<unknown> } } }).umc.contacts;
      const original = api.list;
      api.list = async (...a: unknown[]) => {
        const v = await original(...a);
        (window as unknown as { __listArrived: number }).__listArrived = performance.now();
        return v;
      };
    });
    const runs: number[] = [];
    const endToEnd: number[] = [];
    const filters: number[] = [];
    for (let i = 0; i < 3; i++) {
      await s.page.getByTestId('nav-topology').click();
      await s.page
        .getByTestId('topology-screen')
        .waitFor()
        .catch(() => undefined);
      const t0 = await s.page.evaluate(() => performance.now());
      await s.page.getByTestId('nav-contacts').click();
      await s.page.locator('[data-testid="contact-row"]').first().waitFor({ timeout: 60_000 });
      // Interactive: the rows are drawn and the next frame is free.
      const [arrived, shown] = await s.page.evaluate(
        () =>
          new Promise<[number, number]>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve([(window as unknown as { __listArrived: number }).__listArrived, performance.now()]), 0))),
      );
      runs.push(shown - arrived);
      endToEnd.push(shown - t0);
      const input = s.page.getByTestId('contacts-filter').locator('input').or(s.page.locator('input[data-testid="contacts-filter"]')).first();
      const before = await s.page.locator('[data-testid="contact-row"]').count();
      const f0 = await s.page.evaluate(() => performance.now());
      await input.fill(`bench-${4000 + i}`);
      await s.page.waitForFunction((n) => document.querySelectorAll('[data-testid="contact-row"]').length < n, before, { timeout: 10_000 });
      filters.push((await s.page.evaluate(() => performance.now())) - f0);
      await input.fill('');
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[1]!;
    measure({
      name: 'contacts',
      label: 'Contacts screen, 5,000 contacts / 200 dial plans: interactive after the data arrives',
      value: med(runs),
      unit: 'ms',
      target: { max: 1000 },
      targetText: '≤ 1000 ms',
    });
    measure({ name: 'contacts', label: 'Contacts screen: filter 5,000 rows to a few (keystroke to rows)', value: med(filters), unit: 'ms', target: { max: 100 }, targetText: '≤ 100 ms' });
    note(`    runs ${runs.map(Math.round).join(', ')} ms; from the click, test bridge included: ${endToEnd.map(Math.round).join(', ')} ms; filters ${filters.map(Math.round).join(', ')} ms`);
  } finally {
    await s.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main() {
  // `node bench/contacts.ts screen` or `import` runs one part.
  const only = process.argv[2];
  if (only !== 'screen') await importThousand();
  if (only !== 'import') await screenWith5000();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
