/**
 * The Checklist screen (docs/checklist.md, docs/fixes.md "On screen") in Debian's Chromium against the
 * real main-process services on a fresh copy of the lab org, writes through real PowerShell running the
 * lab endpoint: the steps in order with progress, status, role and rules; a rule chip opening its
 * findings on the Checks screen; then the walk — from the first step not done to the end, each step
 * whose action the console can run is fixed through the Fix dialog (preview, confirm, the run, the
 * verification), and the list read again after each. It ends with every cmdlet step done and the others
 * shown as manual. Screens at 1366×768 and 1920×1080 under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

/** A PowerShell write through the lab endpoint, the org read again and the rules re-run: seconds, not milliseconds, on 2 cores. */
const RUN_TIMEOUT = 180_000;

interface StepState {
  readonly id: string;
  readonly order: number;
  readonly status: string;
  readonly action: string;
  readonly manual: boolean;
}

describe('the deployment checklist of the lab org, walked to the end through the Fix dialog', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  let dir: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-checklist-browser-'));
    s = await openConsole({
      viewport: { width: 1366, height: 768 },
      dialogs: { chooseSavePath: async (name) => join(dir, name), chooseOpenPath: async () => null },
    });
    await s.page.getByTestId('nav-checklist').click();
    await s.page.getByTestId('checklist-screen').waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const steps = (): Promise<StepState[]> =>
    s.page.locator('[data-testid="checklist-step"]').evaluateAll((els) =>
      els.map((e) => ({
        id: e.getAttribute('data-id') ?? '',
        order: Number(e.getAttribute('data-order')),
        status: e.getAttribute('data-status') ?? '',
        action: e.getAttribute('data-action') ?? '',
        manual: e.getAttribute('data-manual') === 'true',
      })),
    );

  test('the steps in order with progress, status, role and rules, as the service judged them', async () => {
    const { page } = s;
    const checklist = await s.services.checklist.view('en');
    const shown = await steps();
    assert.deepEqual(
      shown.map((x) => x.id),
      checklist.steps.map((x) => x.id),
    );
    assert.deepEqual(
      shown.map((x) => x.order),
      checklist.steps.map((_, i) => i + 1),
    );
    assert.deepEqual(
      shown.map((x) => x.status),
      checklist.steps.map((x) => x.status),
    );
    assert.equal(await page.getByTestId('checklist-progress').innerText(), `${checklist.done} of ${checklist.total} steps done`);
    assert.match(await page.getByTestId('checklist-versions').innerText(), new RegExp(`${checklist.exchange}.*${checklist.skype}`));
    // Every step names who does it; a status is a word and a glyph, not a colour alone.
    assert.equal(await page.getByTestId('checklist-role').count(), checklist.total);
    for (const chip of await page.getByTestId('checklist-status').allInnerTexts()) assert.match(chip, /^[✓✕◐?] (Done|Not done|Partly done|Not judged)$/);
    // A step partly done names what is missing.
    const partly = checklist.steps.find((x) => x.status === 'partly' && x.missing.length > 0);
    if (partly) {
      // At most eight items at first; the rest one click away.
      const items = page.locator(`[data-testid="checklist-step"][data-id="${partly.id}"] [data-testid="checklist-missing"] li`);
      assert.equal(await items.count(), Math.min(partly.missing.length, 8));
    }
    const long = checklist.steps.find((x) => x.status !== 'done' && x.missing.length > 8);
    if (long) {
      const box = page.locator(`[data-testid="checklist-step"][data-id="${long.id}"] [data-testid="checklist-missing"]`);
      await box.getByTestId('checklist-missing-more').click();
      assert.equal(await box.locator('li').count(), long.missing.length);
      await box.getByTestId('checklist-missing-more').click();
      assert.equal(await box.locator('li').count(), 8);
    }
    // The first step not done is offered as "Next".
    const first = checklist.steps.find((x) => x.status !== 'done');
    assert.ok(first, 'the lab org has steps to do');
    assert.equal(await page.getByTestId('checklist-next').innerText(), `Next: step ${first.order}`);
    await page.screenshot({ path: join(SCREENS, 'checklist-1366.png') });
  });

  test('the change plan exports as HTML and as CSV where the user chooses', async () => {
    const { page } = s;
    const checklist = await s.services.checklist.view('en');
    // The first step to do that rests on a rule: the plan lists each step with its rules.
    const undone = checklist.steps.find((x) => x.status !== 'done' && x.rules.length > 0)!;
    for (const format of ['html', 'csv'] as const) {
      await page.getByTestId(`checklist-export-${format}`).click();
      const notice = page.getByTestId('checklist-export-result');
      await page.waitForFunction((f) => document.querySelector('[data-testid="checklist-export-result"]')?.textContent?.includes(`.${f}`), format);
      const path = /saved to (.+)$/.exec(await notice.innerText())?.[1]?.trim() ?? '';
      assert.ok(path.startsWith(dir) && existsSync(path), `${format}: ${path}`);
      assert.ok(readFileSync(path, 'utf8').includes(undone.rules.join(' ')), `${format} names the steps to do and their rules`);
      await notice.getByRole('button').click();
    }
  });

  test('a rule chip opens the Checks screen on that rule’s findings, and back', async () => {
    const { page } = s;
    const chip = page.locator('[data-testid="checklist-step"][data-status="partly"] [data-testid="checklist-rule"]').first();
    const rule = (await chip.getAttribute('data-rule'))!;
    await chip.click();
    await page.getByTestId('checks-rule-focus').waitFor();
    assert.equal(await page.getByTestId('checks-rule-focus').getAttribute('data-rule'), rule);
    const rules = await page.locator('[data-testid="finding-row"]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-rule')))]);
    assert.deepEqual(rules, [rule]);
    await page.getByTestId('nav-checklist').click();
    await page.getByTestId('checklist-screen').waitFor();
  });

  test('walks from the first step not done to the end, applying each step the console can do', async () => {
    const { page } = s;
    const tried = new Set<string>();
    let dialogShot = false;
    const log: string[] = [];
    // A step that cannot be applied is noted and the walk goes on, so one failure shows every other step's state too.
    const failures: string[] = [];
    const close = async () => {
      await page.getByTestId('fix-dialog').getByTestId('fix-close').click();
      await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
    };
    for (;;) {
      const next = (await steps()).find((x) => x.action === 'fix' && !tried.has(x.id));
      if (!next) break;
      tried.add(next.id);
      const name = `step ${next.order} ${next.id}`;
      const card = page.locator(`[data-testid="checklist-step"][data-id="${next.id}"]`);
      await card.scrollIntoViewIfNeeded();
      await card.getByTestId('checklist-fix').click();
      const dialog = page.getByTestId('fix-dialog');
      await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
      if ((await dialog.getAttribute('data-stage')) === 'failed') {
        failures.push(`${name}: ${await dialog.getByTestId('fix-preview-error').innerText()}`);
        await close();
        continue;
      }
      assert.equal(await dialog.getByTestId('fix-preview').getAttribute('data-writable'), 'true', `${name}: the lab copy is writable`);
      // The exact commands are shown, each with the server's -WhatIf answer where the cmdlet takes it.
      assert.ok((await dialog.getByTestId('fix-command').count()) > 0, name);
      if (!dialogShot) {
        await page.screenshot({ path: join(SCREENS, 'checklist-fix-dialog-1366.png') });
        dialogShot = true;
      }
      await dialog.getByTestId('fix-apply').click();
      await page.locator('[data-testid="fix-dialog"][data-phase="done"]').waitFor({ timeout: RUN_TIMEOUT });
      const outcomes = await dialog.getByTestId('fix-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
      const remaining = await dialog.getByTestId('fix-remaining').allInnerTexts();
      const problems = await dialog.locator('[data-testid="fix-step"]:not([data-outcome="applied"]) [data-testid="fix-step-message"]').allInnerTexts();
      log.push(
        `${name}: ${outcomes.length} commands, ${outcomes.filter((o) => o === 'applied').length} applied${remaining.length ? `; still there: ${remaining.join(' | ')}` : ''}${problems.length ? `; ${problems.join(' | ')}` : ''}`,
      );
      // Each command applied has its audit entry.
      assert.equal(await dialog.locator('[data-testid="fix-step"][data-outcome="applied"] [data-testid="fix-step-audit"]').count(), outcomes.filter((o) => o === 'applied').length, name);
      if (!outcomes.every((o) => o === 'applied') || (await dialog.getByTestId('fix-gone').count()) === 0) {
        failures.push(log[log.length - 1]!);
        await close();
        continue;
      }
      await close();
      // The checklist is read again: the step's status follows the org.
      await page.waitForFunction((id) => document.querySelector(`[data-testid="checklist-step"][data-id="${id}"]`)?.getAttribute('data-action') !== 'fix', next.id, { timeout: RUN_TIMEOUT });
    }
    console.log(log.join('\n'));
    assert.deepEqual(failures, [], `steps the walk could not apply:\n${failures.join('\n')}\n\nthe walk:\n${log.join('\n')}`);
    assert.ok(tried.size > 0, 'at least one step was fixed');
    const end = await steps();
    // Every step the console can do is done; what remains is done by hand and says so.
    assert.deepEqual(
      end.filter((x) => x.action === 'fix').map((x) => x.id),
      [],
    );
    for (const x of end.filter((y) => y.status !== 'done')) {
      const card = page.locator(`[data-testid="checklist-step"][data-id="${x.id}"]`);
      const manualControls =
        (await card.getByTestId('checklist-show-manual').count()) + (await card.getByTestId('checklist-instructions').count()) + (await card.getByTestId('checklist-manual').count());
      assert.ok(manualControls > 0 || x.status === 'not-judged', `${x.id} (${x.status}) shows how to do it by hand`);
    }
    const checklist = await s.services.checklist.view('en');
    assert.equal(await page.getByTestId('checklist-progress').innerText(), `${checklist.done} of ${checklist.total} steps done`);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByTestId('checklist-steps').waitFor();
    await page.screenshot({ path: join(SCREENS, 'checklist-done-1920.png') });
  });

  test('a manual step shows its steps and the cmdlet that checks them, with no apply', async () => {
    const { page } = s;
    const button = page.getByTestId('checklist-show-manual').first();
    await button.scrollIntoViewIfNeeded();
    await button.click();
    const dialog = page.getByTestId('fix-dialog');
    await dialog.getByTestId('fix-preview').waitFor({ timeout: RUN_TIMEOUT });
    assert.ok((await dialog.locator('[data-testid="fix-plan"][data-kind="manual"]').count()) > 0);
    assert.ok((await dialog.getByTestId('fix-manual-step').count()) > 0);
    assert.equal(await dialog.getByTestId('fix-apply').count(), 0);
    await page.screenshot({ path: join(SCREENS, 'checklist-manual-1920.png') });
    await dialog.getByTestId('fix-cancel').click();
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});
