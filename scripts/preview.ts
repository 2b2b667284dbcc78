/**
 * Renders the console in headless Chromium on the lab org (or a snapshot) and saves screenshots:
 * `node --import tsx scripts/preview.ts --out DIR [--locale fr-FR] [--snapshot FILE]`. Run `npm run build` first.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openConsole } from '../test/support/browser-harness';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i < 0 ? undefined : process.argv[i + 1];
}

async function main(): Promise<void> {
  const out = arg('--out') ?? 'test-results/preview';
  mkdirSync(out, { recursive: true });
  const session = await openConsole({ locale: arg('--locale'), snapshotPath: arg('--snapshot') });
  try {
    const { page } = session;
    await page.waitForSelector('[data-testid="topology-node"], [data-testid="topology-group"]', { timeout: 20000 }).catch(() => undefined);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(out, 'topology.png') });
    const node = page.locator('[data-testid="topology-node"]:has([data-testid="severity-badge"])').first();
    if (await node.count()) {
      await node.click();
      await page.waitForSelector('[data-testid="object-details"]', { timeout: 5000 }).catch(() => undefined);
      await page.waitForTimeout(300);
      await page.screenshot({ path: join(out, 'topology-details.png') });
    }
    await page
      .locator('[data-testid="nav-checks"]')
      .click()
      .catch(() => undefined);
    await page.waitForSelector('[data-testid="finding-row"]', { timeout: 10000 }).catch(() => undefined);
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(out, 'checks.png') });
    console.log(`screenshots in ${out}; page errors: ${session.errors.length ? session.errors.join(' | ') : 'none'}`);
  } finally {
    await session.close();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
