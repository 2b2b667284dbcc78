import { openConsole } from '../../test/support/browser-harness';
import { generateSnapshot } from '../../shared/lab/generate-org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/x509-reader';
import { labCertificates } from '../../test/support/lab';

async function lab() {
  const s = await openConsole();
  const { page } = s;
  const log = (...a: unknown[]) => console.log('[lab]', ...a);
  try {
    await page.waitForSelector('[data-testid="topology-node"]');
    await page.waitForFunction(() => performance.getEntriesByName('umc:topology-painted').length > 0, null, { timeout: 10000 });
    log('paint ms', await page.evaluate(() => performance.measure('p', 'umc:topology-data', 'umc:topology-painted').duration));
    log('nodes', await page.locator('[data-testid="topology-node"]').count(), 'badges', await page.locator('[data-testid="severity-badge"]').count());
    log('status', await page.getByTestId('status-bar').getAttribute('data-source-kind'), await page.getByTestId('status-bar').innerText());
    log('nav current', await page.locator('[aria-current="page"]').getAttribute('data-testid'));
    await page.getByTestId('topology-search').fill('Litware-SIP-B');
    await page.getByTestId('topology-search-status').waitFor();
    log('search', await page.getByTestId('topology-search-status').innerText(), await page.locator('[data-highlighted="true"]').count());
    await page.getByTestId('topology-search').fill('zzzz');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.querySelector('[data-testid="topology-search-status"]')?.textContent?.includes('zzzz'));
    log('search2', await page.getByTestId('topology-search-status').innerText());
    await page.getByTestId('topology-search').fill('');
    await page.waitForTimeout(400);
    await page.locator('[data-testid="topology-node"][data-kind="umDialPlan"]').first().click();
    await page.getByTestId('object-details').waitFor();
    await page.getByTestId('details-finding').first().waitFor();
    log('details', await page.getByTestId('object-details').getAttribute('data-ref-id'), await page.getByTestId('details-finding').count());
    await page.getByTestId('details-related').first().click();
    await page.waitForTimeout(500);
    log('after related', await page.getByTestId('object-details').getAttribute('data-ref-id'), await page.locator('[data-selected="true"]').getAttribute('data-node-id'));
    await page.getByTestId('details-close').click();
    log('closed', await page.getByTestId('object-details').count());
    // keyboard selection
    await page.locator('.react-flow__node').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForTimeout(200);
    log('kb select', await page.getByTestId('object-details').count());
    // checks
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('finding-row').first().waitFor();
    log('checks', await page.getByTestId('checks-count').innerText(), await page.getByTestId('finding-row').count());
    await page.getByTestId('filter-severity-error').click();
    log('no errors', await page.getByTestId('checks-count').innerText(), await page.getByTestId('filter-severity-error').getAttribute('aria-pressed'));
    await page.getByTestId('filter-severity-error').click();
    await page.getByTestId('filter-area').selectOption('certificates');
    log('certs', await page.getByTestId('checks-count').innerText());
    await page.getByTestId('filter-area').selectOption('all');
    await page.getByTestId('filter-text').fill('ATL-EX-002');
    log('text', await page.getByTestId('checks-count').innerText());
    await page.getByTestId('filter-text').fill('nothing-matches-this');
    log('none', await page.getByTestId('checks-list').innerText());
    await page.getByTestId('filter-text').fill('');
    await page.getByTestId('copy-fix').first().click();
    await page.waitForTimeout(100);
    log('copy', await page.getByTestId('copy-fix').first().innerText());
    log('not-evaluated', (await page.getByTestId('not-evaluated').innerText()).slice(0, 200));
    const chip = page.getByTestId('finding-object').nth(1);
    log('chip', await chip.getAttribute('data-ref-kind'), await chip.getAttribute('data-ref-id'));
    await chip.click();
    await page.getByTestId('object-details').waitFor();
    await page.waitForTimeout(600);
    log('jump', await page.locator('[aria-current="page"]').getAttribute('data-testid'), await page.getByTestId('object-details').getAttribute('data-ref-id'), await page.locator('[data-selected="true"]').getAttribute('data-node-id'));
    // chip to a non-drawn object (media configuration)
    await page.getByTestId('nav-checks').click();
    await page.locator('[data-testid="finding-object"][data-ref-kind="csMediaConfiguration"]').first().click();
    await page.getByTestId('object-details').waitFor();
    await page.waitForTimeout(300);
    log('jump2', await page.getByTestId('object-details').getAttribute('data-ref-kind'), (await page.getByTestId('object-details').innerText()).slice(0, 120).replace(/\n/g, ' | '));
    // language
    await page.getByTestId('language-select').selectOption('fr');
    await page.waitForTimeout(200);
    log('fr', await page.getByTestId('nav-topology').innerText(), await page.getByTestId('status-bar').innerText());
    await page.screenshot({ path: '/tmp/shots/fr-topology.png' });
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('finding-row').first().waitFor();
    await page.screenshot({ path: '/tmp/shots/fr-checks.png' });
    await page.getByTestId('nav-gateways').click();
    log('notbuilt', await page.getByTestId('not-built').innerText());
    await page.getByTestId('language-select').selectOption('system');
    await page.waitForTimeout(100);
    log('system', await page.getByTestId('not-built').innerText(), await page.getByTestId('language-select').innerText());
    log('errors', s.errors);
  } finally {
    await s.close();
  }
}

async function big() {
  const raw = generateSnapshot({ exchangeServers: 50, dialPlans: 200, gateways: 1000, users: 500, certificates: labCertificates() });
  const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'big' });
  const s = await openConsole({ org, locale: 'fr-FR' });
  const { page } = s;
  const log = (...a: unknown[]) => console.log('[big]', ...a);
  try {
    await page.waitForSelector('[data-testid="topology-group"]', { timeout: 30000 });
    await page.waitForTimeout(500);
    log('groups', await page.locator('[data-testid="topology-group"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-group-key'))), 'nodes', await page.locator('[data-testid="topology-node"]').count());
    await page.screenshot({ path: '/tmp/shots/big.png' });
    const t0 = Date.now();
    await page.locator('[data-testid="topology-group"][data-group-key="umIpGateway"]').getByTestId('group-expand').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology-node"][data-kind="umIpGateway"]').length > 0, null, { timeout: 60000 });
    log('expand ms', Date.now() - t0, await page.locator('[data-testid="topology-node"][data-kind="umIpGateway"]').count());
    await page.waitForTimeout(1500);
    await page.screenshot({ path: '/tmp/shots/big-expanded0.png' });
    log('viewport', await page.evaluate(() => document.querySelector('.react-flow__viewport')?.getAttribute('style')));
    log('first gw', await page.evaluate(() => { const e = document.querySelector('[data-testid="topology-node"][data-kind="umIpGateway"]')!; const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height, (e.parentElement as HTMLElement).style.transform]; }));
    const t1 = Date.now();
    await page.locator('[data-testid="topology-node"][data-kind="umIpGateway"]').first().click();
    await page.getByTestId('object-details').waitFor();
    log('select ms', Date.now() - t1);
    await page.waitForTimeout(600);
    await page.screenshot({ path: '/tmp/shots/big-expanded.png' });
    await page.getByTestId('group-collapse').first().click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="topology-node"][data-kind="umIpGateway"]').length === 0, null, { timeout: 60000 });
    log('collapsed', await page.locator('[data-testid="topology-group"]').count());
    // search something inside a group
    const dp = org.exchange.dialPlans[17].name;
    await page.getByTestId('topology-search').fill(dp);
    await page.keyboard.press('Enter');
    await page.waitForTimeout(1000);
    await page.screenshot({ path: '/tmp/shots/big-search0.png' });
    log('errs', s.errors, await page.getByTestId('topology-search').inputValue());
    await page.getByTestId('topology-search-status').waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[data-highlighted="true"]').length > 0, null, { timeout: 60000 });
    await page.waitForTimeout(800);
    log('search', dp, await page.getByTestId('topology-search-status').innerText(), await page.locator('[data-highlighted="true"]').count());
    await page.screenshot({ path: '/tmp/shots/big-search.png' });
    log('errors', s.errors);
  } finally {
    await s.close();
  }
}

(async () => {
  await lab();
  await big();
})().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
