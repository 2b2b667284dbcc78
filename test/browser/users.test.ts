/**
 * The Users screen (docs/user-rules.md) in Debian's Chromium against the real main-process services on
 * the lab org, whose users `vm.ok` (no user-level fault, at risk from the lab's org faults on its call
 * path) and `vm.r-u-NN` (each built to fail one rule) answer the helpdesk's question: results while
 * typing (and no long task in the renderer while typing), keyboard selection, a failing user with the
 * call path, the verdict, its reason, fix and role; a user at risk with the hop that causes it; on the
 * healthy small org, a user who works beside a neutral hop (an org finding that does not affect her);
 * every built-to-fail user failing for its own rule; "Check everyone" with its report and its exports
 * through the save dialog; a CSV of users with a line matching nobody. The screen has no write
 * control. And typing on a 100,000-user org: no long task in the renderer. Screens under
 * test-results/screens/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { ticketText } from '../../shared/users/ticket-text';
import { englishWordsIn } from '../support/french-text';
import { generateSnapshot } from '../support/org-builder/generate-org';
import { decodeSnapshot } from '../../shared/snapshot/decode';
import { readCertificateBase64 } from '../../main/services/certificates/certificate-reader';
import { RULE_ORDER, RULE_ROLE } from '../../renderer/src/screens/users/users-view-model';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { orgWith } from '../support/org-builder/small-org';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

const HEALTHY = 'sip:vm.ok@litwareinc.com';
const sipOf = (rule: string) => `sip:vm.${rule.toLowerCase()}@litwareinc.com`;
const result = (sip: string) => `[data-testid="user-result"][data-sip="${sip}"]`;
const EN = en as Readonly<Record<string, string>>;
/** The role as the screen names it (the domain table's text when it has one). */
const roleName = (role: string) => EN[`users.role.${role}`] ?? role;

/** Every button the screen may show: none of them writes anything (the helpdesk's screen). */
const READ_ONLY_BUTTONS = new Set([
  'users-check-all',
  'users-check-csv',
  'users-show-report',
  'users-back-to-report',
  'users-back-to-user',
  'users-export-csv',
  'users-export-html',
  'copy-fix',
  'users-copy-ticket',
  'users-report-show-more',
  'users-report-open-user',
  // Opens an org finding on the Checks screen (navigation only).
  'call-hop-finding-link',
  // Opens the synthetic voice-mail test panel (it runs nothing until asked, and confirms a test that leaves a voice mail).
  'voicemail-test-open',
]);

/** Records the renderer's long tasks (over 50 ms, the browser's own threshold) from now on. */
async function watchLongTasks(session: ConsoleSession) {
  await session.page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push(e.duration);
    }).observe({ type: 'longtask' });
  });
}

async function assertNoLongTask(session: ConsoleSession) {
  const longTasks = await session.page.evaluate(() => (window as unknown as { __longTasks: number[] }).__longTasks);
  assert.deepEqual(longTasks, [], `long tasks while typing (ms): ${longTasks.join(', ')}`);
}

describe('Users screen on the lab org', () => {
  let s: ConsoleSession;
  let dir: string;
  const saved: string[] = [];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-users-browser-'));
    s = await openConsole({
      dialogs: {
        chooseSavePath: async (name) => {
          const path = join(dir, name);
          saved.push(path);
          return path;
        },
        chooseOpenPath: async () => null,
      },
    });
    await s.page.getByTestId('nav-users').click();
    await s.page.getByTestId('users-screen').waitFor();
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Types `query` into an emptied box and opens `sip` from the results. */
  async function open(query: string, sip: string) {
    const { page } = s;
    await page.getByTestId('users-search').fill(query);
    await page.locator(result(sip)).click();
    await page.locator(`[data-testid="user-verdict-view"][data-sip="${sip}"]`).waitFor();
  }

  async function assertNoWriteControl() {
    // Every button is one of the known read-only ones (or an alert's Close).
    const buttons = await s.page.locator('[data-testid="users-screen"] button').evaluateAll((bs) => bs.map((b) => b.getAttribute('data-testid') ?? `aria:${b.getAttribute('aria-label')}`));
    assert.ok(buttons.length > 0);
    assert.deepEqual(
      buttons.filter((id) => !READ_ONLY_BUTTONS.has(id) && id !== 'aria:Close'),
      [],
    );
  }

  test('results while typing "vm.", no long task in the renderer; ↓ and Enter open a user', async () => {
    const { page } = s;
    await watchLongTasks(s);
    const box = page.getByTestId('users-search');
    await box.click();
    await box.pressSequentially('vm.', { delay: 40 });
    await page.locator(result(HEALTHY)).waitFor();
    await page.locator(result(sipOf('R-U-06'))).waitFor();
    const sips = await page.locator('[data-testid="user-result"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-sip') ?? ''));
    assert.ok(sips.length >= 2 && sips.length <= 50, `${sips.length} results`);
    for (const sip of sips) assert.match(sip, /vm\./i, sip);
    await assertNoLongTask(s);

    // Keyboard: ↓ highlights the first result, ↓ the second, Enter opens it.
    await box.press('ArrowDown');
    await box.press('ArrowDown');
    assert.equal(await page.locator('[data-testid="user-result"][data-active="true"]').getAttribute('data-index'), '1');
    await box.press('Enter');
    await page.locator(`[data-testid="user-verdict-view"][data-sip="${sips[1]}"]`).waitFor();
    assert.equal(await page.locator(result(sips[1])).getAttribute('aria-selected'), 'true');
  });

  test('a failing user: the two halves, the call path red at the gateway, the verdict with its reason, fix and role', async () => {
    const { page } = s;
    const sip = sipOf('R-U-06');
    await open('vm.r-u-06', sip);
    const verdict = page.getByTestId('user-verdict');
    assert.equal(await verdict.getAttribute('data-works'), 'false');
    const sentence = await verdict.innerText();
    assert.ok(sentence.startsWith('Voice mail will not work: '), sentence);

    // Both halves, side by side.
    assert.equal(await page.getByTestId('user-skype').getAttribute('data-found'), 'true');
    assert.equal(await page.getByTestId('user-exchange').getAttribute('data-found'), 'true');
    assert.match(await page.locator('[data-testid="user-skype"] [data-field="sipAddress"]').innerText(), /vm\.r-u-06@litwareinc\.com/);
    assert.match(await page.locator('[data-testid="user-skype"] [data-field="registrarPool"]').innerText(), /dal-cs-002\.litwareinc\.com/);
    assert.equal(await page.locator('[data-testid="user-skype"] [data-field="registrarPool"]').getAttribute('data-bad'), 'true');
    assert.match(await page.locator('[data-testid="user-exchange"] [data-field="eumAddresses"]').innerText(), /EUM:/i);

    // The call path: pool → gateway → hunt group → dial plan → UM servers; red from the gateway on.
    const hops = await page.locator('[data-testid="call-hop"]').evaluateAll((hs) => hs.map((h) => [h.getAttribute('data-kind'), h.getAttribute('data-ok')]));
    assert.deepEqual(
      hops.map(([kind]) => kind),
      ['pool', 'gateway', 'huntGroup', 'dialPlan', 'umServer'],
    );
    assert.equal(await page.locator('[data-testid="call-hop"][data-kind="gateway"]').getAttribute('data-ok'), 'false');
    assert.ok((await page.locator('[data-testid="call-hop"][data-kind="gateway"] [data-testid="call-hop-problem"]').innerText()).length > 0);

    // The reason, blocking first, its exact cmdlet (copyable, never run) and who applies it.
    const first = page.locator('[data-testid="user-reason"]').first();
    assert.equal(await first.getAttribute('data-rule'), 'R-U-06');
    assert.equal(await first.getAttribute('data-severity'), 'error');
    const message = await first.getByTestId('user-reason-message').innerText();
    // The headline names the first blocking reason, then "+N more" (the risks on its path count too).
    assert.ok(sentence.includes(message.replace(/^R-U-06\s*/, '')), `${sentence} / ${message}`);
    assert.match(await first.getByTestId('user-reason-fix').innerText(), /ExchUcUtil\.ps1/);
    assert.equal(await first.getByTestId('copy-fix').count(), 1);
    assert.ok((await first.getByTestId('user-reason-role').innerText()).includes(roleName(RULE_ROLE['R-U-06'])));
    assert.equal(await page.getByTestId('users-fix-note').innerText(), en['users.fix.note']);
    await assertNoWriteControl();
    // Tall enough for the verdict, the path and the reason with its fix and role in one picture.
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.screenshot({ path: join(SCREENS, 'users-failing.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('a user at risk: no blocking reason, "Voice mail is at risk" naming the cause and "+N more", the UM servers hop red saying why', async () => {
    const { page } = s;
    await open('vm.ok', HEALTHY);
    const verdict = page.getByTestId('user-verdict');
    assert.equal(await verdict.getAttribute('data-verdict'), 'at-risk');
    assert.equal(await verdict.getAttribute('data-works'), 'false');
    const sentence = await verdict.innerText();
    assert.ok(sentence.startsWith(en['users.verdict.atRisk'].replace('{reason}', '')), sentence);
    assert.match(sentence, /\(\+\d+ more\)/);
    assert.equal(await page.locator('[data-testid="user-reason"][data-severity="error"]').count(), 0);
    const hops = await page
      .locator('[data-testid="call-hop"]')
      .evaluateAll((hs) => hs.map((h) => ({ kind: h.getAttribute('data-kind'), ok: h.getAttribute('data-ok'), found: h.getAttribute('data-found') })));
    assert.equal(hops.length, 5);
    for (const h of hops) assert.equal(h.found, 'true', JSON.stringify(h));
    // The lab's TCP startup mode and UM certificates on the servers of vm.ok's dial plan: that hop is red, and says so.
    const servers = page.locator('[data-testid="call-hop"][data-kind="umServer"]');
    assert.equal(await servers.getAttribute('data-ok'), 'false');
    assert.match(await servers.getByTestId('call-hop-problem').innerText(), /affects this user’s calls/);
    const affecting = await servers.locator('[data-testid="call-hop-finding"][data-affects="true"]').evaluateAll((fs) => fs.map((f) => f.getAttribute('data-rule')));
    assert.ok(affecting.includes('R-D-06') && affecting.some((r) => r?.startsWith('R-X-')), JSON.stringify(affecting));
    // R-O-01 (OAuth) names a server of the hop but does not carry the call: neutral there.
    assert.equal(await servers.locator('[data-testid="call-hop-finding"][data-rule="R-O-01"]').getAttribute('data-affects'), 'false');
    // The gateway and hunt group hops are green.
    for (const kind of ['gateway', 'huntGroup']) assert.equal(hops.find((h) => h.kind === kind)?.ok, 'true', kind);
    await page.setViewportSize({ width: 1440, height: 1100 });
    await page.screenshot({ path: join(SCREENS, 'users-at-risk.png') });
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('each lab user built to fail a rule shows that rule, its fix and its role', async () => {
    const { page } = s;
    for (const rule of RULE_ORDER) {
      const sip = sipOf(rule);
      await open(`vm.${rule.toLowerCase()}`, sip);
      const reason = page.locator(`[data-testid="user-reason"][data-rule="${rule}"]`).first();
      await reason.waitFor();
      const severity = await reason.getAttribute('data-severity');
      // R-U-10 is the one warning: that user's voice mail does not fail for it (its path may still be at risk).
      assert.equal((await page.getByTestId('user-verdict').getAttribute('data-verdict')) === 'fails', severity === 'error', rule);
      assert.equal(await reason.getAttribute('data-role'), RULE_ROLE[rule], rule);
      assert.ok((await reason.getByTestId('user-reason-role').innerText()).includes(roleName(RULE_ROLE[rule])), rule);
      if (severity === 'error') assert.equal(await page.locator('[data-testid="user-reason"]').first().getAttribute('data-severity'), 'error', rule);
    }
  });

  test('Check everyone: progress, then the report with counts per reason, most users first', async () => {
    const { page } = s;
    await page.getByTestId('users-check-all').click();
    const progress = page.getByTestId('users-check-progress');
    await progress.waitFor();
    await page.locator('[data-testid="users-report"][data-running="false"]').waitFor({ timeout: 60000 });
    assert.equal(await progress.getAttribute('data-done'), await progress.getAttribute('data-total'));
    const report = page.getByTestId('users-report');
    const checked = Number(await report.getAttribute('data-checked'));
    const working = Number(await report.getAttribute('data-working'));
    const failing = Number(await report.getAttribute('data-failing'));
    const atRisk = Number(await report.getAttribute('data-at-risk'));
    assert.ok(checked > 15, `${checked} checked`);
    assert.equal(working + failing + atRisk, checked);
    assert.ok(atRisk >= 1, `${atRisk} at risk`);
    assert.ok(failing >= 12, `${failing} failing`);

    const rows = await page
      .locator('[data-testid="users-report-rule"]')
      .evaluateAll((rs) => rs.map((r) => ({ rule: r.getAttribute('data-rule') ?? '', count: Number(r.getAttribute('data-count')), text: (r as HTMLElement).innerText })));
    const counts = rows.map((r) => r.count);
    assert.deepEqual(
      counts,
      [...counts].sort((a, b) => b - a),
    );
    for (const rule of RULE_ORDER) {
      const row = rows.find((r) => r.rule === rule);
      assert.ok(row && row.count >= 1, `${rule} in the report`);
      assert.ok(row.text.includes(roleName(RULE_ROLE[rule])), `${rule}: ${row.text}`);
    }
    // The users that fail or are at risk listed (a page of them drawn).
    const listed = await page.locator('[data-testid="users-report-failing-user"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-sip') ?? ''));
    assert.ok(listed.length > 0 && listed.length <= Math.min(failing + atRisk, 100), `${listed.length} listed`);
    await page.screenshot({ path: join(SCREENS, 'users-report.png') });

    // A failing user of the report opens its verdict (which says it will not work); back to the report.
    await page.locator(`[data-testid="users-report-failing-user"][data-sip="${listed[0]}"] [data-testid="users-report-open-user"]`).click();
    await page.locator(`[data-testid="user-verdict-view"][data-sip="${listed[0]}"]`).waitFor();
    assert.equal(await page.getByTestId('user-verdict').getAttribute('data-works'), 'false');
    await page.getByTestId('users-back-to-report').click();
    await page.getByTestId('users-report').waitFor();
    await assertNoWriteControl();
  });

  test('the report exported as CSV and as HTML through the save dialog', async () => {
    const { page } = s;
    await page.getByTestId('users-export-csv').click();
    const done = page.getByTestId('users-export-result');
    await done.waitFor();
    assert.equal(await done.getAttribute('data-kind'), 'done', await done.innerText());
    const csvPath = saved.at(-1)!;
    assert.ok(csvPath.endsWith('.csv'), csvPath);
    assert.ok((await done.innerText()).includes(csvPath));
    assert.ok(existsSync(csvPath));
    const csv = readFileSync(csvPath, 'utf8');
    assert.match(csv, /vm\.r-u-06@litwareinc\.com/);
    assert.match(csv, /R-U-06/);

    await page.getByTestId('users-export-html').click();
    await page.waitForFunction((n) => document.querySelector('[data-testid="users-export-result"]')?.textContent?.includes('.html') && n > 0, saved.length);
    const htmlPath = saved.at(-1)!;
    assert.ok(htmlPath.endsWith('.html'), htmlPath);
    assert.ok((await page.getByTestId('users-export-result').innerText()).includes(htmlPath));
    const html = readFileSync(htmlPath, 'utf8');
    assert.match(html, /<html/i);
    assert.match(html, /R-U-06/);
    assert.match(html, /vm\.r-u-06@litwareinc\.com/);
  });

  test('a CSV of users: only those checked, the line matching nobody listed', async () => {
    const { page } = s;
    const csv = 'SipAddress\nsip:vm.ok@litwareinc.com\nsip:vm.r-u-02@litwareinc.com\nnobody.at.all@nowhere.example\n';
    await page.getByTestId('users-check-csv-input').setInputFiles({ name: 'helpdesk.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="users-report"]');
      return r?.getAttribute('data-running') === 'false' && r.getAttribute('data-checked') === '2';
    });
    const report = page.getByTestId('users-report');
    assert.equal(await report.getAttribute('data-failing'), '1');
    assert.equal(await report.getAttribute('data-at-risk'), '1');
    const rules = await page.locator('[data-testid="users-report-rule"]').evaluateAll((rs) => rs.map((r) => r.getAttribute('data-rule')));
    // R-U-02 (vm.r-u-02) and the org rules putting both users' path at risk; no other user rule.
    assert.ok(rules.includes('R-U-02'), JSON.stringify(rules));
    assert.deepEqual(
      rules.filter((r) => r?.startsWith('R-U-')),
      ['R-U-02'],
    );
    const notFound = page.getByTestId('users-report-not-found');
    assert.equal(await notFound.getAttribute('data-count'), '1');
    assert.match(await notFound.innerText(), /nobody\.at\.all@nowhere\.example/);
  });

  test('search results say works / will not work / at risk before a user is opened, in words, as the opened verdict says', async () => {
    const { page } = s;
    await page.getByTestId('users-search').fill('vm.');
    await page.locator(result(HEALTHY)).waitFor();
    const rows = await page.locator('[data-testid="user-result"]').evaluateAll((rs) =>
      rs.map((r) => {
        const v = r.querySelector('[data-testid="user-result-verdict"]');
        return { sip: r.getAttribute('data-sip') ?? '', verdict: v?.getAttribute('data-verdict') ?? '', text: (v as HTMLElement | null)?.innerText ?? '' };
      }),
    );
    assert.ok(rows.length >= 14, String(rows.length));
    const words: Record<string, string> = { works: `✓${EN['helpdesk.result.works']}`, fails: `✗${EN['helpdesk.result.fails']}`, 'at-risk': `⚠${EN['helpdesk.result.atRisk']}` };
    for (const r of rows) {
      assert.equal(r.verdict, (await s.services.users.verdict(r.sip)).verdict, r.sip);
      assert.equal(r.text.replace(/\s+/g, ''), words[r.verdict]!.replace(/\s+/g, ''), r.sip);
    }
    assert.equal(rows.find((r) => r.sip === HEALTHY)?.verdict, 'at-risk');
    assert.equal(rows.find((r) => r.sip === sipOf('R-U-02'))?.verdict, 'fails');
  });

  test('"Copy for the ticket" copies the verdict, every reason with its rule, fix and role, as plain text', async () => {
    const { page } = s;
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: s.origin });
    const sip = sipOf('R-U-13');
    await open('vm.r-u-13', sip);
    const button = page.getByTestId('users-copy-ticket');
    assert.equal((await button.innerText()).toLowerCase(), EN['helpdesk.ticket.copy']!.toLowerCase());
    await button.click();
    await page.locator('[data-testid="users-copy-ticket"][data-state="copied"]').waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    const verdict = await s.services.users.verdict(sip);
    assert.equal(copied, ticketText(verdict, 'en'));
    assert.ok(verdict.reasons.length >= 1);
    for (const r of verdict.reasons) assert.match(copied, new RegExp(`^\\d+\\. ${r.rule} `, 'm'));
    assert.match(copied, /^Verdict: voice mail will not work$/m);
    await assertNoWriteControl();
  });

  test('a CSV line is matched as `umc user` matches it: "vm.ok" checked, "vm" ambiguous, "nobody" matches no user', async () => {
    const { page } = s;
    await page.getByTestId('users-check-csv-input').setInputFiles({ name: 'aliases.csv', mimeType: 'text/csv', buffer: Buffer.from('vm.ok\nvm\nnobody-zz\n') });
    await page.waitForFunction(() => {
      const r = document.querySelector('[data-testid="users-report"]');
      return r?.getAttribute('data-running') === 'false' && r.getAttribute('data-checked') === '1' && document.querySelector('[data-testid="users-report-ambiguous"]');
    });
    const line = page.locator('[data-testid="users-report-ambiguous-line"][data-query="vm"]');
    const count = Number(await line.getAttribute('data-count'));
    assert.ok(count >= 15, String(count));
    assert.match(await line.innerText(), new RegExp(`^ambiguous: ${count} users match “vm”: .+, … \\(not checked`));
    assert.equal(await page.getByTestId('users-report-not-found-line').innerText(), 'no user matches “nobody-zz”');
    assert.deepEqual(
      s.services.users.checkedVerdicts().map((v) => v.sipAddress),
      [HEALTHY],
    );
  });

  test('no error in the page', () => {
    assert.deepEqual(s.errors, []);
  });
});

/** Horizontal overflow of the page, and elements of the Users screen whose text is cut by their box (measured in the DOM). */
async function layoutProblems(session: ConsoleSession): Promise<string[]> {
  return session.page.evaluate(() => {
    const out: string[] = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
    const screen = document.querySelector('[data-testid="users-screen"]');
    if (!screen) return ['no users screen'];
    const box = screen.getBoundingClientRect();
    if (box.right > doc.clientWidth + 1) out.push(`screen right ${box.right} > ${doc.clientWidth}`);
    for (const el of Array.from(screen.querySelectorAll<HTMLElement>('*'))) {
      if (!el.childNodes.length || !Array.from(el.childNodes).some((n) => n.nodeType === 3 && (n.textContent ?? '').trim())) continue;
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden') continue;
      const clips = style.overflowX !== 'visible' || style.textOverflow === 'ellipsis';
      if (clips && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) out.push(`clipped: ${el.getAttribute('data-testid') ?? el.tagName} “${(el.textContent ?? '').slice(0, 40)}”`);
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > box.right + 1)
        out.push(`past the screen: ${el.getAttribute('data-testid') ?? el.tagName} “${(el.textContent ?? '').slice(0, 40)}” right ${Math.round(r.right)} > ${Math.round(box.right)}`);
    }
    return out;
  });
}

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['fr', 'fr-FR'],
] as const) {
  describe(`Users screen at 1366×768 in ${lang === 'en' ? 'English' : 'French'}: no horizontal overflow, no clipped text`, () => {
    let s: ConsoleSession;
    before(async () => {
      s = await openConsole({ viewport: { width: 1366, height: 768 }, locale });
      await s.page.getByTestId('nav-users').click();
      await s.page.getByTestId('users-screen').waitFor();
    });
    after(async () => {
      await s?.close();
    });

    test('results with their verdict, a failing user opened with the copy button, then the report of a CSV with an ambiguous line', async () => {
      const { page } = s;
      const words = lang === 'en' ? EN : (fr as Readonly<Record<string, string>>);
      await page.getByTestId('users-search').fill('vm.r-u-0');
      await page.locator(result(sipOf('R-U-08'))).click();
      await page.locator(`[data-testid="user-verdict-view"][data-sip="${sipOf('R-U-08')}"]`).waitFor();
      assert.deepEqual(await layoutProblems(s), []);
      // The words of this screen's new parts, in the language on screen.
      const verdictWords = await page.locator('[data-testid="user-result-verdict"]').allInnerTexts();
      assert.ok(verdictWords.length >= 9);
      for (const w of verdictWords)
        assert.ok(
          [words['helpdesk.result.fails'], words['helpdesk.result.atRisk'], words['helpdesk.result.works']].some((x) => w.includes(x!)),
          w,
        );
      assert.equal((await page.getByTestId('users-copy-ticket').innerText()).toLowerCase(), words['helpdesk.ticket.copy']!.toLowerCase());
      if (lang === 'fr') assert.deepEqual(englishWordsIn([...verdictWords, await page.getByTestId('users-copy-ticket').innerText()].join(' ')), []);
      await page.screenshot({ path: join(SCREENS, `users-${lang}-1366.png`) });

      await page.getByTestId('users-check-csv-input').setInputFiles({ name: 'aliases.csv', mimeType: 'text/csv', buffer: Buffer.from('vm.ok\nvm\nnobody-zz\n') });
      await page.getByTestId('users-report-ambiguous').waitFor();
      assert.deepEqual(await layoutProblems(s), []);
      const ambiguous = await page.getByTestId('users-report-ambiguous').innerText();
      if (lang === 'fr') {
        assert.match(ambiguous, /ambigu\u00a0: \d+ utilisateurs correspondent à «\u00a0vm\u00a0»/);
        // The candidates are the lab's display names (English, as the directory holds them): judge the rest.
        assert.deepEqual(englishWordsIn(ambiguous.replace(/»\u00a0: .*?, … /g, '» ')), [], ambiguous);
      }
      await page.screenshot({ path: join(SCREENS, `users-report-${lang}-1366.png`) });
      assert.deepEqual(s.errors, []);
    });
  });
}

describe('Users screen on the healthy small org with one finding that does not affect the user', () => {
  let s: ConsoleSession;
  before(async () => {
    // A second SIP URI dial plan that ATL-EX-002 does not answer: R-D-05 names ATL-EX-002, a UM server
    // of Alice's path, but not her dial plan.
    const org = orgWith((spec) => {
      spec.exchange.dialPlans.push({ ...spec.exchange.dialPlans[0], name: 'Litware-SIP-2', gateways: ['1:1'], autoAttendants: [], policies: [], ova: [] });
      spec.exchange.gateways[0].huntGroups.push({ name: 'Litware-SIP-2', dialPlan: 'Litware-SIP-2', pilot: 'Litware-SIP-2' });
      spec.exchange.servers[0].umService!.dialPlans.push('Litware-SIP-2');
      spec.exchange.servers[0].callRouter!.dialPlans.push('Litware-SIP-2');
    });
    s = await openConsole({ org });
    await s.page.getByTestId('nav-users').click();
    await s.page.getByTestId('users-search').waitFor();
  });
  after(async () => {
    await s?.close();
  });

  test('the user works; the UM servers hop is green with the finding shown neutral, linked to the Checks screen', async () => {
    const { page } = s;
    const alice = 'sip:alice.martin@litwareinc.com';
    await page.getByTestId('users-search').fill('alice');
    await page.locator(result(alice)).click();
    await page.locator(`[data-testid="user-verdict-view"][data-sip="${alice}"]`).waitFor();
    const verdict = page.getByTestId('user-verdict');
    assert.equal(await verdict.getAttribute('data-verdict'), 'works');
    assert.equal(await verdict.innerText(), en['users.verdict.works']);
    const hops = await page.locator('[data-testid="call-hop"]').evaluateAll((hs) => hs.map((h) => h.getAttribute('data-ok')));
    assert.deepEqual(hops, ['true', 'true', 'true', 'true', 'true']);
    const servers = page.locator('[data-testid="call-hop"][data-kind="umServer"]');
    assert.equal(await servers.getAttribute('data-neutral'), 'true');
    // ATL-EX-002's UM service and call router (R-D-05), the one server of the other plan (R-T-02, info): all neutral.
    const onServers = await servers.locator('[data-testid="call-hop-finding"]').evaluateAll((fs) => fs.map((f) => [f.getAttribute('data-rule'), f.getAttribute('data-affects')]));
    assert.ok(
      onServers.some(([rule]) => rule === 'R-D-05'),
      JSON.stringify(onServers),
    );
    assert.ok(
      onServers.every(([, affects]) => affects === 'false'),
      JSON.stringify(onServers),
    );
    const finding = servers.locator('[data-testid="call-hop-finding"][data-rule="R-D-05"]').first();
    assert.equal(await finding.getAttribute('data-affects'), 'false');
    assert.match(await finding.innerText(), new RegExp(en['users.path.neutral'].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.screenshot({ path: join(SCREENS, 'users-works-neutral-hop.png') });
    // The link opens the Checks screen.
    await finding.getByTestId('call-hop-finding-link').click();
    await page.getByTestId('checks-list').waitFor();
    assert.ok((await page.locator('[data-testid="finding-row"][data-rule="R-D-05"]').count()) >= 1);
    // Only the findings on the hop's object, under a chip naming it; clearing the chip shows them all.
    const focus = page.getByTestId('checks-focus');
    await focus.waitFor();
    const focused = await page.locator('[data-testid="finding-row"]').count();
    await focus.locator('.MuiChip-deleteIcon').click();
    await focus.waitFor({ state: 'detached' });
    const all = await page.locator('[data-testid="finding-row"]').count();
    assert.ok(focused >= 1 && all > focused, `focused ${focused}, all ${all}`);
    assert.deepEqual(s.errors, []);
  });
});

describe('Users screen on a 100,000-user org', () => {
  let s: ConsoleSession;
  before(async () => {
    const raw = generateSnapshot({ exchangeServers: 20, dialPlans: 50, gateways: 50, users: 100000 });
    const org = decodeSnapshot(raw, { readCertificate: readCertificateBase64, sourceKind: 'snapshot', sourceLabel: 'org-100k.umcsnap.json' });
    s = await openConsole({ org });
    await s.page.getByTestId('nav-users').click();
    await s.page.getByTestId('users-search').waitFor();
  });
  after(async () => {
    await s?.close();
  });

  test('typing stays responsive: results while typing, at most 50, no long task in the renderer', async () => {
    const { page } = s;
    // The first search builds the index in main: done before measuring the renderer.
    await page.getByTestId('users-search').fill('m');
    await page.locator('[data-testid="user-result"]').first().waitFor({ timeout: 60000 });
    await page.getByTestId('users-search').fill('');
    await page.getByTestId('users-search').click();
    await watchLongTasks(s);
    await page.getByTestId('users-search').pressSequentially('megan', { delay: 60 });
    await page.waitForFunction(() => {
      const rs = [...document.querySelectorAll('[data-testid="user-result"]')];
      return rs.length > 0 && rs.every((r) => /megan/i.test(r.textContent ?? ''));
    });
    const count = await page.locator('[data-testid="user-result"]').count();
    assert.ok(count > 0 && count <= 50, `${count} results`);
    await page.getByTestId('users-search').press('ArrowDown');
    await page.getByTestId('users-search').press('Enter');
    await page.getByTestId('user-verdict').waitFor({ timeout: 30000 });
    await assertNoLongTask(s);
    assert.deepEqual(s.errors, []);
  });
});
