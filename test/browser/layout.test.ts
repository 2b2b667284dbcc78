/**
 * Every screen at the jump host's 1366×768 RDP window and at 1920×1080, in English and in French,
 * measured in the DOM: the page and the screen's pane do not scroll sideways, a table's last
 * (action) column and its buttons are inside the visible box, no text is cut by its box (an
 * ellipsis is allowed where the full text is in `title`), and the French console shows no English
 * word (test/support/french-text.ts). Every problem of a language and width is collected, then the
 * test fails once with the list. Screens under test-results/screens/<screen>-<lang>-<width>.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { fr } from '../../shared/i18n/fr';
import { en } from '../../shared/i18n/en';
import { SCREENS as SCREEN_IDS, type ScreenId } from '../../renderer/src/screens/screens';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { englishWordsIn } from '../support/french-text';
import { labRaw } from '../support/lab';
import { pkiCa, pkiServer } from '../support/pki-fixtures';
import type { RawSnapshot } from '../../shared/snapshot/format';

const SHOTS = join(ROOT, 'test-results', 'screens');
mkdirSync(SHOTS, { recursive: true });

const VIEWPORTS = [
  { width: 1366, height: 768 },
  { width: 1920, height: 1080 },
] as const;
type Lang = 'en' | 'fr';

/** Certificate files for the Certificates screen's inspection, from the shared test PKI: a PEM chain, a DER self-signed wildcard, random bytes. */
function makeCertificateFiles(dir: string): string[] {
  const root = pkiCa('Litware Layout Root CA');
  const um = pkiServer('atl-exch-001.litwareinc.com', 'Litware Layout Root CA');
  writeFileSync(join(dir, 'um-chain.pem'), um.pem + root.pem);
  writeFileSync(join(dir, 'wildcard.der'), Buffer.from(pkiServer('*.litwareinc.com', null).rawData, 'base64'));
  writeFileSync(join(dir, 'garbage.cer'), Buffer.from('not a certificate at all\n'.repeat(40)));
  return ['um-chain.pem', 'wildcard.der', 'garbage.cer'].map((f) => join(dir, f));
}

/**
 * What is wrong with the layout of the page as it is now, measured in the DOM. Runs in the page:
 * no helper outside this function (tsx would wrap named functions in a helper the page lacks).
 */
function measureLayout(): string[] {
  const problems = new Set<string>();
  const name = (el: Element) => {
    const tid = el.closest('[data-testid]')?.getAttribute('data-testid');
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 40);
    return `${el.tagName.toLowerCase()}${tid ? ` in [${tid}]` : ''}${text ? ` «${text}»` : ''}`;
  };
  const shown = (el: Element) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden';
  /** The box `el` can be seen in: the viewport cut by every ancestor that clips or scrolls. */
  const visibleBox = (el: Element) => {
    let left = 0;
    let right = innerWidth;
    for (let a = el.parentElement; a && a !== document.documentElement; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'visible') continue;
      const r = a.getBoundingClientRect();
      left = Math.max(left, r.left + a.clientLeft);
      right = Math.min(right, r.left + a.clientLeft + a.clientWidth);
    }
    return { left, right };
  };
  const inMap = (el: Element) => !!el.closest('.react-flow');

  // 1. The page.
  const page = document.scrollingElement ?? document.documentElement;
  if (page.scrollWidth > innerWidth + 1) problems.add(`the page scrolls sideways: ${page.scrollWidth}px wide in a ${innerWidth}px window`);

  // 2. The screen's pane: the main area and every scrolling box in it (code and the map scroll by design).
  const main = document.querySelector('main');
  if (main) {
    if (main.scrollWidth > main.clientWidth + 1) problems.add(`the screen is wider than its pane: ${main.scrollWidth}px in ${main.clientWidth}px`);
    for (const el of main.querySelectorAll('*')) {
      if (!shown(el) || inMap(el) || el.closest('pre, code, textarea, input, [data-scroll-x]')) continue;
      const ox = getComputedStyle(el).overflowX;
      if ((ox === 'auto' || ox === 'scroll') && el.scrollWidth > el.clientWidth + 1) problems.add(`${name(el)} scrolls sideways: ${el.scrollWidth}px of content in ${el.clientWidth}px`);
    }
  }

  // 3. Tables: the last (action) column and its buttons inside the visible box.
  for (const table of document.querySelectorAll('table')) {
    if (!shown(table)) continue;
    const box = visibleBox(table);
    let worst = 0;
    for (const row of table.rows) {
      const last = row.cells[row.cells.length - 1];
      if (last && shown(last)) worst = Math.max(worst, last.getBoundingClientRect().right);
    }
    if (worst > box.right + 1) problems.add(`${name(table)}: its last column ends at ${Math.round(worst)}px, past the visible edge at ${Math.round(box.right)}px`);
    for (const row of table.rows) {
      const last = row.cells[row.cells.length - 1];
      if (!last) continue;
      for (const b of last.querySelectorAll('button, a[href], [role="button"]')) {
        if (!shown(b)) continue;
        const r = b.getBoundingClientRect();
        if (r.right > box.right + 1 || r.left < box.left - 1)
          problems.add(`${name(b)}: action button outside the visible box (${Math.round(r.left)}–${Math.round(r.right)}px, visible ${Math.round(box.left)}–${Math.round(box.right)}px)`);
        else if (b.scrollWidth > b.clientWidth + 1) problems.add(`${name(b)}: action button text clipped (${b.scrollWidth}px in ${b.clientWidth}px)`);
      }
    }
  }

  // 4. Text cut by its box: the element holding the text, or the nearest ancestor that clips it.
  const seen = new Set<Element>();
  for (const el of document.body.querySelectorAll('*')) {
    if (el instanceof SVGElement || el.closest('svg, script, style, input, textarea, select, option')) continue;
    const own = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    if (!own || !shown(el)) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width <= 2 || rect.height <= 2) continue; // visually hidden text for screen readers
    const cs = getComputedStyle(el);
    const full = (el.textContent ?? '').trim();
    const titled = (e: Element) => {
      const title = e.closest('[title]')?.getAttribute('title') ?? '';
      return title.includes(full) || (full.startsWith(title.replace(/…$/, '')) && title.length >= full.length);
    };
    if ((cs.overflowX === 'hidden' || cs.overflowX === 'clip') && el.scrollWidth > el.clientWidth + 1) {
      if (cs.textOverflow === 'ellipsis' && titled(el)) continue;
      problems.add(`${name(el)}: text clipped (${el.scrollWidth}px in ${el.clientWidth}px)${cs.textOverflow === 'ellipsis' ? ', ellipsis without the full text in title' : ''}`);
      continue;
    }
    if (inMap(el) && !el.closest('.react-flow__node, .react-flow__panel')) continue;
    // The text itself (not the element's box) against the nearest ancestor that clips without scrolling.
    const range = document.createRange();
    range.selectNodeContents(el);
    const text = range.getBoundingClientRect();
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      const ox = getComputedStyle(a).overflowX;
      if (ox === 'visible') continue;
      if (ox === 'hidden' || ox === 'clip') {
        if (a.classList.contains('react-flow') || seen.has(a)) break;
        const r = a.getBoundingClientRect();
        const right = r.left + a.clientLeft + a.clientWidth;
        if (text.right > right + 1 && text.left < right) {
          seen.add(a);
          problems.add(`${name(el)}: text runs past the edge of ${name(a)} (${Math.round(text.right)}px > ${Math.round(right)}px)`);
        }
      }
      break;
    }
  }
  return [...problems];
}

/** The text a reader sees, without code, commands and what is marked not to translate. */
async function visibleProse(page: Page): Promise<string> {
  return page.evaluate(() => {
    const style = document.createElement('style');
    style.textContent = 'code, pre, kbd, samp, [translate="no"] { display: none !important; }';
    document.head.append(style);
    try {
      return document.body.innerText;
    } finally {
      style.remove();
    }
  });
}

describe('every screen at 1366×768 and 1920×1080, in English and French', () => {
  let s: ConsoleSession;
  let dir: string;
  let files: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-layout-'));
    files = makeCertificateFiles(dir);
    s = await openConsole({ locale: 'en-US', viewport: VIEWPORTS[0] });
    await s.page.waitForSelector('[data-testid="status-bar"][data-source-kind]');
    // Changes: two kept captures of the lab org, a dial plan's VoIPSecurity changed between them (a comparison to measure).
    const later = labRaw();
    later.capturedAt = '2026-12-03T09:00:00.000Z';
    later.exchange.dialPlans.objects.find((p: { Name: string }) => p.Name === 'Litware-SIP-Branch').VoIPSecurity = 'Secured';
    for (const snapshot of [labRaw(), later]) await s.services.history.record({ snapshot: snapshot as RawSnapshot, source: { kind: 'lab', label: 'lab:' }, origin: 'gui' });
    // tsx keeps function names with a `__name` helper the page does not have: the measuring function needs it.
    await s.page.evaluate('window.__name = (f) => f');
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function setLanguage(lang: Lang) {
    const { page } = s;
    await page.getByTestId('language-select').selectOption(lang);
    const navChecks = lang === 'fr' ? fr['nav.checks'] : en['nav.checks'];
    await page.waitForFunction((t) => document.querySelector('[data-testid="nav-checks"]')?.textContent?.includes(t), navChecks);
  }

  /** Opens `screen` and brings it to the state the test measures. */
  async function open(screen: ScreenId): Promise<void> {
    const { page } = s;
    await page.getByTestId(`nav-${screen}`).click();
    const wait = (selector: string, timeout = 60_000) => page.locator(selector).first().waitFor({ timeout });
    switch (screen) {
      case 'topology':
        await wait('[data-testid="topology-node"]');
        break;
      case 'checks':
        await wait('[data-testid="finding-row"]');
        break;
      case 'certificates':
        // The screen keeps its tab between visits: back to the inventory, then open one certificate's details.
        await page.getByTestId('cert-tab-inventory').click();
        await wait('[data-testid="cert-row"]:visible');
        await page.locator('[data-testid="cert-row"]:visible').first().click();
        await wait('[data-testid="cert-details"]');
        break;
      case 'gateways':
        await wait('[data-testid="gateway-row"]');
        await addTypedTargets(page);
        break;
      case 'contacts':
        await wait('[data-testid="contact-row"]');
        break;
      case 'users':
        await wait('[data-testid="users-screen"]');
        await page.getByTestId('users-search').fill('vm.');
        await wait('[data-testid="user-result"]');
        await page.locator('[data-testid="user-result"]').first().click();
        await wait('[data-testid="user-verdict-view"]');
        break;
      case 'checklist':
        await wait('[data-testid="checklist-step"]');
        break;
      case 'changes':
        await wait('[data-testid="changes-result"] [data-testid="changes-section"]');
        break;
      case 'connections':
        await wait('[data-testid="connections-screen"]');
        break;
    }
    // Fonts, lazy chunks and the last render settle before measuring.
    await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
  }

  async function judge(shot: string, lang: Lang, width: number): Promise<string[]> {
    const { page } = s;
    const problems = await page.evaluate(measureLayout);
    if (lang === 'fr') {
      const words = englishWordsIn(await visibleProse(page));
      if (words.length > 0) problems.push(`English words in the French screen: ${words.join(', ')}`);
    }
    await page.screenshot({ path: join(SHOTS, `${shot}-${lang}-${width}.png`) });
    return problems;
  }

  /** Each screen (and the inspection tab of Certificates) in the current language and width. */
  async function walk(lang: Lang, width: number): Promise<string[]> {
    const all: string[] = [];
    for (const screen of SCREEN_IDS) {
      await open(screen);
      const problems = await judge(screen, lang, width);
      if (screen === 'topology') problems.push(...(await topologyLabelSize(s.page)));
      all.push(...problems.map((p) => `${screen}: ${p}`));
      if (screen === 'certificates') {
        await s.page.getByTestId('cert-tab-inspect').click();
        await s.page.getByTestId('inspect-files').setInputFiles(files);
        await s.page.waitForFunction(() => document.querySelectorAll('[data-testid="inspected-file"]').length >= 3, undefined, { timeout: 60_000 });
        await s.page.locator('[data-testid="inspected-cert"]').first().waitFor();
        all.push(...(await judge('certificates-inspect', lang, width)).map((p) => `certificates (inspect): ${p}`));
      }
    }
    return all;
  }

  for (const lang of ['en', 'fr'] as const) {
    for (const viewport of VIEWPORTS) {
      test(`${lang} at ${viewport.width}×${viewport.height}: no sideways scroll, no clipped action or text${lang === 'fr' ? ', no English' : ''}`, async () => {
        await s.page.setViewportSize(viewport);
        await setLanguage(lang);
        const problems = await walk(lang, viewport.width);
        assert.ok(problems.length === 0, `${problems.length} layout problems:\n  ${problems.join('\n  ')}`);
      });
    }
  }

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});

/**
 * Typed targets beside the topology's peers, probed once: a row with a Remove button, a long SIP URI
 * with parameters, and the answer columns filled (a closed port on this machine refuses at once).
 */
const TYPED_TARGETS = ['sip:127.0.0.1:5999;transport=tcp', 'sips:sbc-edge-branch-office-01.fabrikam-telecom.example:5067;transport=tls'];
async function addTypedTargets(page: Page): Promise<void> {
  if ((await page.locator(`[data-testid="gateway-row"][data-target="${TYPED_TARGETS[0]}"]`).count()) > 0) return;
  for (const target of TYPED_TARGETS) {
    await page.getByTestId('gateway-add-input').fill(target);
    await page.getByTestId('gateway-add').click();
    await page.locator(`[data-testid="gateway-row"][data-target="${target}"]`).waitFor();
  }
  await page.getByTestId('gateways-probe-all').click();
  await page.waitForFunction(() => document.querySelector('[data-testid="gateways-progress"]')?.getAttribute('data-running') === 'false', undefined, { timeout: 30_000 });
}

/** Topology: the map's labels are readable on screen (the font size times the map's zoom). */
async function topologyLabelSize(page: Page): Promise<string[]> {
  const smallest = await page.evaluate(() => {
    const viewport = document.querySelector<HTMLElement>('.react-flow__viewport');
    const zoom = viewport ? new DOMMatrix(getComputedStyle(viewport).transform).a : 1;
    const sizes = [...document.querySelectorAll('[data-testid="topology-node"]')].map((n) => parseFloat(getComputedStyle(n).fontSize) * zoom);
    return sizes.length ? Math.min(...sizes) : 0;
  });
  return smallest >= 11 ? [] : [`map labels are ${smallest.toFixed(1)}px on screen (at least 11px to be read)`];
}
