/**
 * Fix actions on the Checks screen (docs/fixes.md, "On screen") in Debian's Chromium against the real
 * main-process services on a fresh copy of the lab org, writes through real PowerShell running the lab
 * endpoint: each finding card with what it breaks, in the service's ranking, Fix… or Manual; one
 * finding fixed (preview, apply, gone from the list); "Fix all of this kind" with its progress and
 * Stop (a lab fault slows the first command so Stop lands between steps); a stale preview refused
 * (another admin fixed the same objects meanwhile). And a helpdesk profile: the dialog says why
 * nothing can be applied, with no apply button, and main refuses the write channel anyway.
 * Screens at 1366×768 and 1920×1080 under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { ChecksList } from '../../shared/checks/check-channels';
import { createApi } from '../../shared/contract/api';
import { findingKey } from '../../shared/fixes/fix-model';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { faultFile, type Faults } from '../support/live';
import { NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

/** A PowerShell write through the lab endpoint, the org read again and the rules re-run: seconds on 2 cores. */
const RUN_TIMEOUT = 180_000;

const card = (key: string) => `[data-testid="finding-row"][data-key="${key.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"]`;

describe('Fix… and Fix all of this kind on the Checks screen, on a copy of the lab org', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  let faults: Faults;
  let list: ChecksList;
  const used = new Set<string>();
  /** The findings as the page's own channel answers them (the same dispatcher, as the page). */
  const checksList = () => createApi(s.services.transportFor({ url: `${s.origin}/index.html`, isMainFrame: true, trustedContents: true })).checks.list({});
  before(async () => {
    // The lab endpoint reads this file on every call (hosts inherit UMC_LAB_* variables); absent, no fault.
    faults = faultFile();
    process.env.UMC_LAB_FAULT_FILE = faults.path;
    s = await openConsole({ viewport: { width: 1366, height: 768 } });
    list = await checksList();
    await s.page.getByTestId('nav-checks').click();
    await s.page.locator('[data-testid="finding-row"]').first().waitFor({ timeout: 60_000 });
  });
  after(async () => {
    await s?.close();
    faults?.dispose();
    delete process.env.UMC_LAB_FAULT_FILE;
  });

  test('each card says what it breaks, in the service’s ranking, with Fix… or Manual', async () => {
    const { page } = s;
    const keys = await page.locator('[data-testid="finding-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')));
    assert.deepEqual(
      keys,
      list.findings.map((f) => findingKey(f)),
    );
    assert.ok((await page.getByTestId('checks-ranked').innerText()).length > 0);
    // The finding that leaves the most users without voice mail says how many, in words.
    const worst = list.findings.map((f) => ({ f, impact: list.impacts[findingKey(f)] })).sort((a, b) => (b.impact?.users ?? 0) - (a.impact?.users ?? 0))[0]!;
    assert.ok(worst.impact && worst.impact.users > 1, 'the lab org has a finding that costs users their voice mail');
    assert.match(
      await page
        .locator(card(findingKey(worst.f)))
        .getByTestId('finding-impact')
        .innerText(),
      new RegExp(`${worst.impact.users.toLocaleString('en-US')} users have no voice mail because of this`),
    );
    for (const f of list.findings) {
      const key = findingKey(f);
      const kind = list.fixKinds[key];
      const row = page.locator(card(key));
      assert.equal(await row.getByTestId('finding-fix').count(), kind === 'cmdlet' ? 1 : 0, `${key} Fix…`);
      assert.equal(await row.getByTestId('finding-manual').count(), kind === 'manual' ? 1 : 0, `${key} Manual`);
    }
    // "Fix all of this kind (N)" once per rule with two cmdlet findings or more.
    const perRule = new Map<string, number>();
    for (const f of list.findings) if (list.fixKinds[findingKey(f)] === 'cmdlet') perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    const expected = [...perRule].filter(([, n]) => n >= 2).map(([rule, n]) => `${rule}:Fix all of this kind (${n})`);
    const shown = await page.getByTestId('finding-fix-all').evaluateAll((els) => els.map((e) => `${e.closest('[data-testid="finding-row"]')?.getAttribute('data-rule')}:${e.textContent}`));
    assert.deepEqual(shown.sort(), expected.sort());
    await page.screenshot({ path: join(SCREENS, 'fixes-checks-1366.png') });
  });

  test('Fix… on one finding: the preview, then applied, audited and gone from the list', async () => {
    const { page } = s;
    // A finding the console fixes with one command, of a rule with one finding (its card has no "Fix all").
    const perRule = new Map<string, number>();
    for (const f of list.findings) perRule.set(f.rule, (perRule.get(f.rule) ?? 0) + 1);
    const target = list.findings.find((f) => list.fixKinds[findingKey(f)] === 'cmdlet' && perRule.get(f.rule) === 1)!;
    assert.ok(target, 'a single cmdlet finding');
    const key = findingKey(target);
    used.add(key);
    await page.locator(card(key)).getByTestId('finding-fix').click();
    const dialog = page.getByTestId('fix-dialog');
    await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await dialog.getAttribute('data-stage'), 'preview', await dialog.innerText());
    assert.equal(await dialog.getByTestId('fix-plan').getAttribute('data-finding'), key);
    assert.ok((await dialog.getByTestId('fix-command').count()) >= 1);
    assert.ok((await dialog.getByTestId('fix-change').count()) >= 1, 'what changes, now → after');
    // The dialog takes the focus, on its main action.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'fix-apply');
    await dialog.getByTestId('fix-apply').click();
    await page.locator('[data-testid="fix-dialog"][data-phase="done"]').waitFor({ timeout: RUN_TIMEOUT });
    const outcomes = await dialog.getByTestId('fix-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    assert.ok(outcomes.length > 0 && outcomes.every((o) => o === 'applied'), `${outcomes.join(',')}\n${await dialog.innerText()}`);
    assert.equal(await dialog.getByTestId('fix-step-audit').count(), outcomes.length);
    assert.equal(await dialog.locator(`[data-testid="fix-gone"][data-finding="${key.replace(/\\/g, '\\\\')}"]`).count(), 1, await dialog.innerText());
    assert.equal(await dialog.getByTestId('fix-all-gone').count(), 1);
    await dialog.getByTestId('fix-close').click();
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
    // The list is read again: the card is gone.
    await page.waitForFunction((sel) => document.querySelector(sel) === null, card(key), { timeout: RUN_TIMEOUT });
    list = await checksList();
    assert.ok(!list.findings.some((f) => findingKey(f) === key));
  });

  test('Fix all of this kind: one plan for the rule, its progress step by step, and Stop between steps', async () => {
    const { page } = s;
    await page.setViewportSize({ width: 1920, height: 1080 });
    const button = page.getByTestId('finding-fix-all').first();
    const rule = (await button.locator('xpath=ancestor::*[@data-testid="finding-row"]').getAttribute('data-rule'))!;
    const count = list.findings.filter((f) => f.rule === rule && list.fixKinds[findingKey(f)] === 'cmdlet').length;
    await button.click();
    const dialog = page.getByTestId('fix-dialog');
    await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await dialog.getAttribute('data-stage'), 'preview', await dialog.innerText());
    assert.equal(await dialog.getByTestId('fix-plan').count(), count);
    const cmdlets = await dialog.getByTestId('fix-command').evaluateAll((els) => els.map((e) => e.getAttribute('data-cmdlet')!));
    assert.ok(cmdlets.length >= 2, `a run of two steps or more: ${cmdlets.join(', ')}`);
    // The first command is slowed (after the preview's -WhatIf): Stop is asked while it runs.
    faults.set({ [cmdlets[0]!]: { delayMs: 6000 } });
    try {
      await dialog.getByTestId('fix-apply').click();
      await dialog.getByTestId('fix-stop').waitFor();
      await page.locator('[data-testid="fix-dialog"][data-phase="applying"]').waitFor({ timeout: RUN_TIMEOUT });
      await page.screenshot({ path: join(SCREENS, 'fixes-run-1920.png') });
      await dialog.getByTestId('fix-stop').click();
      await page.locator('[data-testid="fix-dialog"][data-phase="done"]').waitFor({ timeout: RUN_TIMEOUT });
    } finally {
      faults.clear();
    }
    assert.equal(await dialog.getByTestId('fix-run').getAttribute('data-stopped'), 'true');
    const outcomes = await dialog.getByTestId('fix-step').evaluateAll((els) => els.map((e) => e.getAttribute('data-outcome')));
    // The step under way finished; the rest were not run, and the dialog says so.
    assert.equal(outcomes[0], 'applied', `${outcomes.join(',')}\n${await dialog.innerText()}`);
    assert.ok(
      outcomes.slice(1).every((o) => o === 'not-run'),
      outcomes.join(','),
    );
    assert.equal(await dialog.getByTestId('fix-stopped').count(), 1);
    await page.screenshot({ path: join(SCREENS, 'fixes-stopped-1920.png') });
    await dialog.getByTestId('fix-close').click();
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
    await page.setViewportSize({ width: 1366, height: 768 });
  });

  test('a preview gone stale is refused: another admin changed the objects meanwhile', async () => {
    const { page } = s;
    list = await checksList();
    const target = list.findings.find((f) => list.fixKinds[findingKey(f)] === 'cmdlet' && !used.has(findingKey(f)))!;
    assert.ok(target, 'a cmdlet finding left');
    const key = findingKey(target);
    await page.locator(card(key)).getByTestId('finding-fix').click();
    const dialog = page.getByTestId('fix-dialog');
    await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await dialog.getAttribute('data-stage'), 'preview', await dialog.innerText());
    // Meanwhile the same fix is previewed and applied elsewhere (the services, as a second window would).
    const other = await s.services.fixes.preview({ findings: [key] }, 'en');
    assert.ok(other.token);
    await s.services.fixes.apply(other.token, 'en');
    const settled = await s.services.fixes.settled();
    assert.ok(settled.steps.length > 0 && settled.steps.every((x) => x.outcome === 'applied'), JSON.stringify(settled));
    await dialog.getByTestId('fix-apply').click();
    await page.locator('[data-testid="fix-dialog"][data-phase="done"], [data-testid="fix-error"]').first().waitFor({ timeout: RUN_TIMEOUT });
    const text = await dialog.innerText();
    // Nothing applied from the stale preview; the dialog says why.
    assert.equal(await dialog.locator('[data-testid="fix-step"][data-outcome="applied"]').count(), 0, text);
    assert.ok((await dialog.getByTestId('fix-stale').count()) + (await dialog.getByTestId('fix-error').count()) + (await dialog.getByTestId('fix-run-message').count()) > 0, text);
    assert.match(text, /changed|stale|modifi/i);
    await page.screenshot({ path: join(SCREENS, 'fixes-stale-1366.png') });
    await dialog.getByTestId('fix-close').click();
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});

describe('a helpdesk profile sees the fixes but cannot apply them', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  before(async () => {
    s = await openConsole({ viewport: { width: 1366, height: 768 } });
    // The profile as the Connections screen saves it, then connected the way the screen does.
    await s.services.connections.save({ name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' });
    const profile = (await s.services.connections.view('en')).profiles.find((p) => p.name === 'Helpdesk')!;
    await s.services.connections.connectAndWait(profile);
    await s.services.connections.refresh();
  });
  after(async () => {
    await s?.close();
  });

  test('the Fix dialog says the profile is read-only and has no apply button', async () => {
    const { page } = s;
    await page.getByTestId('nav-checklist').click();
    await page.getByTestId('checklist-screen').waitFor({ timeout: 60_000 });
    await page.getByTestId('checklist-fix').first().click();
    const dialog = page.getByTestId('fix-dialog');
    await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
    assert.equal(await dialog.getAttribute('data-stage'), 'preview', await dialog.innerText());
    assert.match(await dialog.getByTestId('fix-readonly').innerText(), /Helpdesk is read-only \(helpdesk\)/);
    assert.equal(await dialog.getByTestId('fix-apply').count(), 0);
    // The commands are still shown, for the admin who will apply them.
    assert.ok((await dialog.getByTestId('fix-command').count()) > 0);
    // The focus is in the dialog, on Cancel.
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'fix-cancel');
    await page.screenshot({ path: join(SCREENS, 'fixes-helpdesk-1366.png') });
    await page.keyboard.press('Escape');
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
  });

  test('in French: the checklist and the dialog, with the typography of French', async () => {
    const { page } = s;
    await page.getByTestId('language-select').selectOption('fr');
    await page.waitForFunction((text) => document.querySelector('[data-testid="nav-checklist"]')?.textContent === text, fr['nav.checklist']);
    await page.getByTestId('nav-checklist').click();
    await page.getByTestId('checklist-screen').waitFor({ timeout: 60_000 });
    assert.match(await page.getByTestId('checklist-progress').innerText(), /^\d+ étapes? faites? sur \d+$/);
    await page.getByTestId('checklist-fix').first().click();
    const dialog = page.getByTestId('fix-dialog');
    await page.locator('[data-testid="fix-dialog"]:not([data-stage="loading"])').waitFor({ timeout: RUN_TIMEOUT });
    // A no-break space before the colon, as French typography wants.
    assert.match((await dialog.getByTestId('fix-readonly').textContent()) ?? '', /^Rien ne peut être appliqué ici\u00a0: /);
    await page.screenshot({ path: join(SCREENS, 'fixes-helpdesk-fr-1366.png') });
    await dialog.getByTestId('fix-cancel').click();
    await page.getByTestId('fix-dialog').waitFor({ state: 'detached' });
    await page.getByTestId('language-select').selectOption('system');
    await page.waitForFunction((text) => document.querySelector('[data-testid="nav-checklist"]')?.textContent === text, en['nav.checklist']);
  });

  test('the Checks screen offers no Fix… to a read-only profile (the list says why fixes may not run)', async () => {
    const { page } = s;
    await page.getByTestId('nav-checks').click();
    await page.getByTestId('finding-row').first().waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('finding-fix').count(), 0);
    assert.equal(await page.getByTestId('finding-fix-all').count(), 0);
    const access = await page.evaluate(async () => (await (window as any).umc.checks.list({})).access);
    assert.equal(access?.writable, false);
    assert.equal(access?.reason?.key, 'fixes.readonly.helpdesk');
  });

  test('fixes.apply called from the page is refused by the main process', async () => {
    const result = await s.page
      .evaluate(() => (window as any).umc.fixes.apply({ token: '0'.repeat(32) }))
      .then(
        () => 'accepted',
        (e: Error) => e.message,
      );
    assert.match(result, /request refused: the profile Helpdesk is read-only \(helpdesk\)/);
    assert.deepEqual(s.errors, []);
  });
});
