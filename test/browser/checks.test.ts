/**
 * The Checks screen at the jump host's 1366×768 window, in English and French, in Debian's Chromium
 * over the real main services on the lab org: a filter that leaves one finding shows it (the list is
 * scrolled back to its top), the count is a real plural ("1 finding", "1 constat"), the header fits
 * (no sideways scroll, the count and the export buttons inside the window), and the export writes
 * the same report as `umc check --out` through the save dialog. Screens under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChecksList } from '../../shared/checks/check-channels';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { englishWordsIn } from '../support/french-text';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

for (const lang of ['en', 'fr'] as const) {
  describe(`Checks screen at 1366×768 (${lang})`, () => {
    let s: ConsoleSession;
    let dir: string;
    const saved: string[] = [];

    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'umc-checks-browser-'));
      s = await openConsole({
        locale: lang === 'fr' ? 'fr-FR' : 'en-US',
        viewport: { width: 1366, height: 768 },
        dialogs: {
          chooseSavePath: async (name) => {
            const path = join(dir, name);
            saved.push(path);
            return path;
          },
          chooseOpenPath: async () => null,
        },
      });
      await s.page.getByTestId('nav-checks').click();
      await s.page.getByTestId('checks-list').waitFor();
    });
    after(async () => {
      await s?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('the header fits: no sideways scroll; the count and the export buttons inside the window, not cut', async () => {
      const { page } = s;
      const problems = await page.evaluate(() => {
        const out: string[] = [];
        const root = document.scrollingElement!;
        if (root.scrollWidth > root.clientWidth) out.push(`page scrolls sideways: ${root.scrollWidth} > ${root.clientWidth}`);
        for (const id of ['checks-count', 'checks-export-html', 'checks-export-csv', 'filter-text']) {
          const el = document.querySelector(`[data-testid="${id}"]`);
          if (!el) {
            out.push(`${id} missing`);
            continue;
          }
          const r = el.getBoundingClientRect();
          if (r.left < 0 || r.right > window.innerWidth + 0.5 || r.top < 0 || r.bottom > window.innerHeight) out.push(`${id} outside the window`);
          if (el.scrollWidth > el.clientWidth + 1) out.push(`${id} text cut: ${el.scrollWidth} > ${el.clientWidth}`);
        }
        return out;
      });
      await page.screenshot({ path: join(SCREENS, `checks-${lang}-1366.png`) });
      assert.deepEqual(problems, []);
    });

    test('a filter leaving one finding shows it, even from the bottom of the list; "1 finding" in the language', async () => {
      const { page } = s;
      const list = (await page.evaluate(() => (window as unknown as { umc: { checks: { list: (r: object) => Promise<unknown> } } }).umc.checks.list({}))) as ChecksList;
      // A rule with one finding whose ID no other finding's text holds.
      const counts = new Map<string, number>();
      for (const f of list.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
      const single = [...counts].filter(([, n]) => n === 1).map(([rule]) => rule);
      assert.ok(single.length > 0, 'the lab has a rule with one finding');
      const scroller = page.getByTestId('checks-scroller');
      let shownOne = false;
      for (const rule of single) {
        await page.getByTestId('filter-text').fill('');
        await scroller.evaluate((el) => (el.scrollTop = el.scrollHeight));
        assert.ok((await scroller.evaluate((el) => el.scrollTop)) > 200, 'the long list is scrolled down');
        await page.getByTestId('filter-text').fill(rule);
        await page.waitForFunction((r) => document.querySelector(`[data-testid="finding-row"][data-rule="${r}"]`) !== null, rule);
        if ((await page.getByTestId('finding-row').count()) !== 1) continue;
        shownOne = true;
        // The one card and the rules not evaluated below it still scroll: a stale position could hide the card.
        assert.ok(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight + 20), 'the filtered list still scrolls');
        const inView = await page.evaluate(() => {
          const box = document.querySelector('[data-testid="checks-scroller"]')!.getBoundingClientRect();
          const card = document.querySelector('[data-testid="finding-row"]')!.getBoundingClientRect();
          return card.top >= box.top - 1 && card.top < box.bottom && card.bottom > box.top;
        });
        assert.ok(inView, `${rule}: the only finding is in view`);
        const count = await page.getByTestId('checks-count').innerText();
        assert.equal(count, lang === 'fr' ? '1 constat' : '1 finding');
        await page.screenshot({ path: join(SCREENS, `checks-filtered-${lang}-1366.png`) });
        break;
      }
      assert.ok(shownOne, 'some rule ID filters to one finding');
      await page.getByTestId('filter-text').fill('');
      const all = await page.getByTestId('checks-count').innerText();
      assert.equal(all, lang === 'fr' ? `${list.findings.length} constats` : `${list.findings.length} findings`);
    });

    test('export: the HTML report and the CSV through the save dialog, every finding, said where', async () => {
      const { page } = s;
      const total = (await page.evaluate(() => (window as unknown as { umc: { checks: { list: (r: object) => Promise<{ total: number }> } } }).umc.checks.list({}))).total;
      await page.getByTestId('checks-export-html').click();
      const notice = page.getByTestId('checks-export-result');
      await page.waitForFunction(() => document.querySelector('[data-testid="checks-export-result"]')?.getAttribute('data-kind') === 'done');
      const html = saved.find((p) => p.endsWith('.html'))!;
      assert.ok((await notice.innerText()).includes(html));
      const page1 = readFileSync(html, 'utf8');
      assert.match(page1, new RegExp(`<html lang="${lang}">`));
      assert.match(page1, lang === 'fr' ? new RegExp(`${total} constats\u00a0: `) : new RegExp(`${total} findings: `));
      await page.getByTestId('checks-export-csv').click();
      await page.waitForFunction(() => document.querySelector('[data-testid="checks-export-result"]')?.textContent?.includes('.csv'));
      const csv = readFileSync(
        saved.find((p) => p.endsWith('.csv'))!,
        'utf8',
      );
      assert.ok(csv.startsWith(lang === 'fr' ? '\uFEFFGravité;Règle;' : '\uFEFFSeverity,Rule,'));
      assert.equal(csv.match(/\r\n(?=Error|Warning|Info|Erreur|Avertissement)/g)?.length, total);
      if (lang === 'fr') assert.deepEqual(englishWordsIn(await notice.innerText()), []);
    });
  });
}
