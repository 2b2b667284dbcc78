/**
 * The Contacts screen (docs/contact-objects.md) in Debian's Chromium against the real main-process
 * services on a copy of the lab org, with real PowerShell running the lab endpoint: the list with
 * missing, orphan and duplicate rows; the create dialog refusing bad input as it is typed; the preview
 * with the exact cmdlet; a create applied through pwsh and the row turning OK; a CSV import (Excel's
 * French variant: `;`, a BOM, a quoted field with a newline, one malformed row) previewed and applied;
 * the audit log with its entries; a lab reset. And a console with no PowerShell: read-only, no write
 * control at all. Screens under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createAuditLog } from '../../main/services/audit/audit-log';
import { systemClock } from '../../main/ports';
import { commandsFor, renderCommand } from '../../shared/contacts/contact-commands';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { labRaw } from '../support/lab';
import { NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

const OU = 'OU=RTC Special Accounts,DC=litwareinc,DC=com';
const MISSING_KEY = 'missing:subscriberAccess:Litware-SIP-Branch:+14255550200';
const ORPHAN_SIP = 'sip:ParisAA@litwareinc.com';
const COPY_IDENTITY = `CN={4f1b2c3d-1111-4a5b-9c8d-000000000009},${OU}`;

/** The lab org with one more contact: a copy of the main auto attendant's number (R-C-04 on both). */
function labWithDuplicate(): Record<string, any> {
  const raw = labRaw();
  const objects = raw.skype.exUmContacts.objects as Record<string, unknown>[];
  const aa = objects.find((o) => o.SipAddress === 'sip:LitwareMainAA@litwareinc.com')!;
  objects.push({ ...aa, Identity: COPY_IDENTITY, DisplayName: 'Main AA (copy)', SipAddress: 'sip:MainAA-copy@litwareinc.com' });
  return raw;
}

const rowSelector = (attr: string, value: string) => `[data-testid="contact-row"][${attr}="${value}"]`;
/** A row's issues are drawn on the table row under it, across the width. */
const issuesSelector = (key: string) => `[data-testid="contact-row-issues"][data-key="${key}"]`;

describe('Contacts screen on a copy of the lab org, writes through real PowerShell', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  let dir: string;
  let labPath: string;
  let auditPath: string;
  let savePath: string;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-contacts-browser-'));
    labPath = join(dir, 'lab.umcsnap.json');
    auditPath = join(dir, 'audit.jsonl');
    writeFileSync(labPath, JSON.stringify(labWithDuplicate()));
    s = await openConsole({
      userLabPath: labPath,
      auditPath,
      dialogs: { chooseSavePath: async (name) => (savePath = join(dir, name)), chooseOpenPath: async () => null },
    });
    await s.page.getByTestId('nav-contacts').click();
    await s.page.getByTestId('contacts-screen').waitFor();
    // The first visit: the list is on screen while PowerShell starts on the lab endpoint, and the screen says so
    // (contacts.loadProgress) instead of a blank "Loading…" — PowerShell's start takes seconds, the list does not.
    const pending = s.page.locator('[data-testid="contacts-access-pending"][data-phase="powershell"]');
    await pending.waitFor();
    firstVisit = { rows: await s.page.getByTestId('contact-row').count(), text: await pending.innerText(), writable: await s.page.getByTestId('contacts-screen').getAttribute('data-writable') };
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  let firstVisit: { rows: number; text: string; writable: string | null };

  test('the first visit shows the list at once and says PowerShell is starting until changes may be made', async () => {
    assert.ok(firstVisit.rows > 0, 'the list is shown while PowerShell starts');
    assert.equal(firstVisit.text, en['contactEditor.loading.powershell']);
    assert.equal(firstVisit.writable, 'false');
    await s.page.locator('[data-testid="contacts-screen"][data-writable="true"]').waitFor({ timeout: 60_000 });
    assert.equal(await s.page.getByTestId('contacts-access-pending').count(), 0);
  });

  test('lists the dial plans and the contacts: missing, orphan, duplicate', async () => {
    const { page } = s;
    // Writable once PowerShell answered the directory checks on the lab endpoint.
    await page.locator('[data-testid="contacts-screen"][data-writable="true"]').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('contacts-readonly-banner').count(), 0);
    assert.equal(await page.getByTestId('contacts-access').getAttribute('data-target'), 'lab');

    const missing = page.locator(rowSelector('data-key', MISSING_KEY));
    assert.equal(await missing.getAttribute('data-status'), 'missing');
    assert.match(await missing.innerText(), /sip:Litware-SIP-Branch\.SA@litwareinc\.com/);
    assert.equal(await page.locator(issuesSelector(MISSING_KEY)).locator('[data-testid="contact-issue"][data-rule="R-C-12"]').count(), 1);
    assert.equal(await missing.getByTestId('contact-row-create').count(), 1);

    const orphan = page.locator(rowSelector('data-sip', ORPHAN_SIP));
    assert.equal(await orphan.getAttribute('data-status'), 'orphan');
    assert.match(await orphan.innerText(), /Paris AA \(old\)/);
    assert.match(await orphan.innerText(), new RegExp(en['contacts.serves.nothing']));

    const duplicates = page.locator('[data-testid="contact-row"][data-status="duplicate"]');
    assert.equal(await duplicates.count(), 2);
    for (const key of await duplicates.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')!))) {
      const issues = page.locator(issuesSelector(key));
      assert.equal(await issues.locator('[data-testid="contact-issue"][data-rule="R-C-04"]').count(), 1, key);
      assert.match(await issues.innerText(), /R-C-04.*\+14255550199/);
    }
    assert.match(await page.locator(issuesSelector((await orphan.getAttribute('data-key')) ?? '')).innerText(), /R-C-06/);
    const count = (status: string) => page.locator(`[data-testid="contacts-status-filter"][data-status="${status}"]`).getAttribute('data-count');
    assert.equal(await count('missing'), '1');
    assert.equal(await count('orphan'), '1');
    assert.equal(await count('duplicate'), '2');
    assert.equal(await count('all'), String(await page.getByTestId('contact-row').count()));

    // The Exchange side: the Branch OVA number is marked missing, the main AA pilot duplicate.
    assert.equal(await page.locator('[data-testid="dialplan-number"][data-number="+14255550200"]').getAttribute('data-status'), 'missing');
    assert.equal(await page.locator('[data-testid="dialplan-number"][data-number="+14255550199"]').getAttribute('data-status'), 'duplicate');
    await page.screenshot({ path: join(SCREENS, 'contacts-list.png') });

    // Filter box and status filter.
    await page.getByTestId('contacts-filter').fill('paris');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 1);
    assert.equal(await page.getByTestId('contact-row').getAttribute('data-sip'), ORPHAN_SIP);
    await page.getByTestId('contacts-filter').fill('');
    await page.locator('[data-testid="contacts-status-filter"][data-status="duplicate"]').click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="contact-row"]').length === 2);
    await page.locator('[data-testid="contacts-status-filter"][data-status="all"]').click();
    await page.locator(rowSelector('data-key', MISSING_KEY)).waitFor();
  });

  test('the create dialog shows each rule under its field as it is typed, and errors block Next', async () => {
    const { page } = s;
    await page.getByTestId('contact-create').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    await page.getByTestId('contact-field-ou').fill(OU);
    // No Name to type: no *-CsExUmContact cmdlet takes a display name (docs/contact-objects.md §2).
    assert.equal(await page.getByTestId('contact-field-name').count(), 0);
    await page.getByTestId('contact-field-sipAddress').fill('Bad-SA@litwareinc.com');
    await page.getByTestId('contact-field-registrarPool').selectOption('atl-cs-001.litwareinc.com');
    await page.getByTestId('contact-field-displayNumber').fill('+14255550199');
    const sipIssue = dialog.locator('[data-testid="contact-issue"][data-rule="R-C-01"][data-field="sipAddress"]');
    await sipIssue.waitFor();
    assert.equal(await sipIssue.getAttribute('data-severity'), 'error');
    const numberIssue = dialog.locator('[data-testid="contact-issue"][data-rule="R-C-04"][data-field="displayNumber"]');
    await numberIssue.waitFor();
    assert.equal(await page.getByTestId('contact-next').isDisabled(), true);
    await page.screenshot({ path: join(SCREENS, 'contacts-create-error.png') });

    // Fixing the SIP address removes its error as typed; the duplicate number still blocks.
    await page.getByTestId('contact-field-sipAddress').fill('sip:Bad-SA@litwareinc.com');
    await sipIssue.waitFor({ state: 'detached' });
    assert.equal(await numberIssue.count(), 1);
    assert.equal(await page.getByTestId('contact-next').isDisabled(), true);
    await page.getByTestId('contact-cancel').click();
    await dialog.waitFor({ state: 'detached' });
  });

  test('a missing row creates its contact: prefilled, previewed with the exact cmdlet, applied through pwsh', async () => {
    const { page } = s;
    await page.locator(rowSelector('data-key', MISSING_KEY)).getByTestId('contact-row-create').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    const prefill = { ou: OU, sipAddress: 'sip:Litware-SIP-Branch.SA@litwareinc.com', registrarPool: 'red-sba-01.litwareinc.com', displayNumber: '+14255550200' };
    for (const [field, value] of Object.entries(prefill)) assert.equal(await page.getByTestId(`contact-field-${field}`).inputValue(), value, field);
    assert.equal(await page.getByTestId('contact-field-kind').inputValue(), 'subscriberAccess');
    const description = await page.getByTestId('contact-field-description').inputValue();

    const next = page.getByTestId('contact-next');
    await page.waitForFunction(() => {
      // Validation answered: either Next is on, or warnings wait for their ticks.
      const n = document.querySelector('[data-testid="contact-next"]') as HTMLButtonElement | null;
      return (n && !n.disabled) || document.querySelector('[data-testid="contact-ack"]');
    });
    for (const ack of await page.getByTestId('contact-ack').all()) await ack.check();
    assert.equal(await dialog.locator('[data-testid="contact-issue"][data-severity="error"]').count(), 0);
    await next.click();

    const preview = page.getByTestId('contact-preview');
    await preview.waitFor();
    const expected = commandsFor({ op: 'create', draft: { ...prefill, name: '', description, kind: 'subscriberAccess' } }, null).map(renderCommand);
    assert.equal(expected.length, 1);
    assert.match(
      expected[0],
      /^New-CsExUmContact -SipAddress 'sip:Litware-SIP-Branch\.SA@litwareinc\.com' -RegistrarPool 'red-sba-01\.litwareinc\.com' -DisplayNumber '\+14255550200' -OU 'OU=RTC Special Accounts,DC=litwareinc,DC=com'/,
    );
    assert.equal((await page.getByTestId('contact-command').locator('pre').allInnerTexts()).join('\n'), expected.join('\n'));
    // Now → after for each property the cmdlet sets: a creation starts from nothing.
    const change = (field: string) => preview.locator(`[data-testid="contact-change"][data-field="${field}"]`);
    assert.equal(await change('sipAddress').getByTestId('contact-change-now').innerText(), en['contactEditor.preview.absent']);
    assert.equal(await change('sipAddress').getByTestId('contact-change-after').innerText(), prefill.sipAddress);
    assert.equal(await change('registrarPool').getByTestId('contact-change-after').innerText(), prefill.registrarPool);
    for (const ack of await preview.getByTestId('contact-ack').all()) await ack.check();
    await page.screenshot({ path: join(SCREENS, 'contacts-preview.png') });

    await page.getByTestId('contact-apply').click();
    const result = page.getByTestId('contact-result');
    await result.waitFor({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-outcome'), 'applied', await result.innerText());
    // One sentence with a real plural, not "Applied. Applied (1 cmdlet(s))."
    assert.match(await result.locator('.MuiAlert-message').innerText(), /^Applied: 1 cmdlet ran; /);
    assert.doesNotMatch(await result.innerText(), /Applied\. Applied|\(s\)/);
    assert.match(await page.getByTestId('contact-after').innerText(), /sip:Litware-SIP-Branch\.SA@litwareinc\.com/);
    await page.getByTestId('contact-close').click();
    await dialog.waitFor({ state: 'detached' });

    // The list read again: the number is served, the missing row is gone.
    const created = page.locator(rowSelector('data-sip', prefill.sipAddress));
    await page.locator(`${rowSelector('data-sip', prefill.sipAddress)}[data-status="ok"]`).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator(rowSelector('data-key', MISSING_KEY)).count(), 0);
    assert.match(await created.innerText(), /red-sba-01\.litwareinc\.com/);
    assert.equal(await page.locator('[data-testid="dialplan-number"][data-number="+14255550200"]').getAttribute('data-status'), 'ok');
    // Written by the lab endpoint into the user's copy, not the shipped lab org.
    const written = JSON.parse(readFileSync(labPath, 'utf8')).skype.exUmContacts.objects as { SipAddress: string }[];
    assert.ok(written.some((o) => o.SipAddress === prefill.sipAddress));
    const shipped = labRaw().skype.exUmContacts.objects as { SipAddress: string }[];
    assert.ok(!shipped.some((o) => o.SipAddress === prefill.sipAddress));
  });

  test('Enterprise Voice from the editor: the row’s own R-C-14 warning fixed with Set-CsExUmContact -EnterpriseVoiceEnabled', async () => {
    const { page } = s;
    const paris = page.locator(rowSelector('data-sip', ORPHAN_SIP));
    const key = (await paris.getAttribute('data-key'))!;
    const voice = page.locator(issuesSelector(key)).locator('[data-testid="contact-issue"][data-rule="R-C-14"]');
    assert.equal(await voice.count(), 1);
    await paris.getByTestId('contact-edit').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    // The display name is the server's, shown read-only.
    assert.equal(await page.getByTestId('contact-display-name').inputValue(), 'Paris AA (old)');
    assert.equal(await page.getByTestId('contact-display-name').getAttribute('readonly'), '');
    const ev = page.getByTestId('contact-field-enterpriseVoiceEnabled');
    assert.equal(await ev.isChecked(), false);
    await dialog.locator('[data-field="enterpriseVoiceEnabled"] [data-testid="contact-issue"][data-rule="R-C-14"]').waitFor();
    await ev.check();
    await dialog.locator('[data-field="enterpriseVoiceEnabled"] [data-testid="contact-issue"][data-rule="R-C-14"]').waitFor({ state: 'detached' });
    await page.waitForFunction(() => {
      const n = document.querySelector('[data-testid="contact-next"]') as HTMLButtonElement | null;
      return (n && !n.disabled) || document.querySelector('[data-testid="contact-ack"]');
    });
    for (const ack of await page.getByTestId('contact-ack').all()) await ack.check();
    await page.getByTestId('contact-next').click();
    const preview = page.getByTestId('contact-preview');
    await preview.waitFor();
    assert.equal((await page.getByTestId('contact-command').locator('pre').allInnerTexts()).join('\n'), `Set-CsExUmContact -Identity '${key}' -EnterpriseVoiceEnabled:$true`);
    const change = preview.locator('[data-testid="contact-change"][data-field="enterpriseVoiceEnabled"]');
    assert.equal(await change.getByTestId('contact-change-now').innerText(), en['contacts.no']);
    assert.equal(await change.getByTestId('contact-change-after').innerText(), en['contacts.yes']);
    for (const ack of await preview.getByTestId('contact-ack').all()) await ack.check();
    await page.getByTestId('contact-apply').click();
    const result = page.getByTestId('contact-result');
    await result.waitFor({ timeout: 60_000 });
    assert.equal(await result.getAttribute('data-outcome'), 'applied', await result.innerText());
    await page.getByTestId('contact-close').click();
    await dialog.waitFor({ state: 'detached' });
    // Read again: the warning is gone from the row.
    await voice.waitFor({ state: 'detached', timeout: 60_000 });
    const written = JSON.parse(readFileSync(labPath, 'utf8')).skype.exUmContacts.objects as { Identity: string; EnterpriseVoiceEnabled: boolean }[];
    assert.equal(written.find((o) => o.Identity === key)?.EnterpriseVoiceEnabled, true);
  });

  test('the action column fits at 1366×768 and 1920×1080, in English and in French: never clipped, never past its box', async () => {
    const { page } = s;
    await page.locator('[data-testid="contacts-screen"][data-writable="true"]').waitFor({ timeout: 60_000 });
    for (const lang of ['en', 'fr'] as const) {
      await page.getByTestId('language-select').selectOption(lang === 'fr' ? 'fr' : 'system');
      const strings = lang === 'fr' ? fr : en;
      await page.waitForFunction((t) => document.querySelector('[data-testid="contact-remove"]')?.textContent === t, strings['contacts.action.remove']);
      for (const viewport of [
        { width: 1366, height: 768 },
        { width: 1920, height: 1080 },
      ]) {
        await page.setViewportSize(viewport);
        await page.waitForFunction((w) => window.innerWidth === w, viewport.width);
        const m = await page.evaluate(() => {
          const box = document.querySelector('[data-testid="contacts-table-box"]')!;
          const boxRect = box.getBoundingClientRect();
          const cells = [...document.querySelectorAll('[data-testid="contact-actions"], [data-testid="contacts-actions-head"]')];
          const buttons = [...document.querySelectorAll('[data-testid="contact-actions"] button')];
          const heads = [...document.querySelectorAll('[data-testid="contacts-table"] thead th')];
          return {
            boxRight: boxRect.right,
            sideways: box.scrollWidth - box.clientWidth,
            actionsRight: Math.max(...cells.map((c) => c.getBoundingClientRect().right)),
            cells: cells.length,
            clipped: buttons.filter((b) => b.scrollWidth > b.clientWidth + 1 || b.getBoundingClientRect().right > boxRect.right + 1).map((b) => b.textContent),
            wrappedHeads: heads.filter((h) => h.getClientRects().length > 0 && h.scrollHeight > 2 * parseFloat(getComputedStyle(h).lineHeight)).map((h) => h.textContent),
            pageSideways: document.documentElement.scrollWidth - window.innerWidth,
          };
        });
        const at = `${lang} ${viewport.width}`;
        assert.ok(m.cells > 1, at);
        assert.ok(m.actionsRight <= m.boxRight + 1, `${at}: the actions end at ${m.actionsRight}px, past the table's box at ${m.boxRight}px`);
        assert.ok(m.sideways <= 1, `${at}: the table scrolls sideways by ${m.sideways}px`);
        assert.ok(m.pageSideways <= 1, `${at}: the page scrolls sideways by ${m.pageSideways}px`);
        assert.deepEqual(m.clipped, [], `${at}: clipped action labels`);
        assert.deepEqual(m.wrappedHeads, [], `${at}: header cells on two lines`);
        await page.screenshot({ path: join(SCREENS, `contacts-actions-${lang}-${viewport.width}.png`) });
      }
    }
    await page.getByTestId('language-select').selectOption('system');
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  test('a CSV import (";", BOM, newline in a quoted field, one malformed row) is previewed row by row and applied', async () => {
    const { page } = s;
    const branchAa = (labRaw().skype.exUmContacts.objects as Record<string, any>[]).find((o) => o.SipAddress === 'sip:BranchAA@litwareinc.com')!;
    const csv =
      '\uFEFF' +
      [
        'Nom;Adresse SIP;Numéro;Type;Pool;OU;Description',
        `Import SA;sip:import-sa@litwareinc.com;+14255550777;SubscriberAccess;atl-cs-001.litwareinc.com;${OU};"Imported from CSV`,
        `second line; with a separator"`,
        `Broken row;sip:broken@litwareinc.com;+14255550778`,
        `${branchAa.DisplayName};${branchAa.SipAddress};${branchAa.DisplayNumber};AutoAttendant;${branchAa.RegistrarPool};${OU};Branch auto attendant`,
      ].join('\r\n') +
      '\r\n';
    // Dropped on the screen like a file from the Explorer.
    const bytes = [...Buffer.from(csv, 'utf8')];
    const transfer = await page.evaluateHandle((data) => {
      const dt = new DataTransfer();
      dt.items.add(new File([new Uint8Array(data)], 'contacts-fr.csv', { type: 'text/csv' }));
      return dt;
    }, bytes);
    await page.dispatchEvent('[data-testid="contacts-drop-zone"]', 'dragover', { dataTransfer: transfer });
    await page.dispatchEvent('[data-testid="contacts-drop-zone"]', 'drop', { dataTransfer: transfer });

    const preview = page.getByTestId('import-preview');
    await preview.waitFor({ timeout: 30_000 });
    assert.equal(await preview.getAttribute('data-separator'), ';');
    const rowAt = (line: number) => page.locator(`[data-testid="import-row"][data-line="${line}"]`);
    assert.equal(await page.getByTestId('import-row').count(), 3);
    assert.equal(await rowAt(2).getAttribute('data-action'), 'create');
    assert.match(await rowAt(2).innerText(), /New-CsExUmContact -SipAddress 'sip:import-sa@litwareinc\.com'/);
    assert.match(await rowAt(2).innerText(), /Imported from CSV\s+second line; with a separator/);
    assert.equal(await rowAt(4).getAttribute('data-action'), 'invalid');
    assert.ok((await rowAt(4).getByTestId('contact-issue').count()) >= 1);
    assert.match(await rowAt(4).innerText(), /Line 4/);
    assert.equal(await rowAt(5).getAttribute('data-action'), 'update');
    assert.match(await rowAt(5).innerText(), /Set-CsExUmContact .*-Description 'Branch auto attendant'/);
    const countOf = (a: string) => page.locator(`[data-testid="import-count"][data-action="${a}"]`).getAttribute('data-count');
    assert.deepEqual([await countOf('create'), await countOf('update'), await countOf('skip'), await countOf('invalid')], ['1', '1', '0', '1']);
    await page.screenshot({ path: join(SCREENS, 'contacts-import.png') });

    await page.getByTestId('import-continue').check();
    for (const ack of await page.getByTestId('import-dialog').getByTestId('contact-ack').all()) await ack.check();
    await page.getByTestId('import-apply').click();
    const progress = page.getByTestId('import-progress');
    await progress.waitFor();
    await page.locator('[data-testid="import-progress"][data-running="false"]').waitFor({ timeout: 60_000 });
    assert.equal(await progress.getAttribute('data-total'), '3');
    assert.equal(await rowAt(2).getAttribute('data-outcome'), 'applied', await rowAt(2).innerText());
    // "Continue past errors": the malformed row is refused with its reason, the next one still runs.
    assert.equal(await rowAt(4).getAttribute('data-outcome'), 'refused');
    assert.equal(await rowAt(5).getAttribute('data-outcome'), 'applied', await rowAt(5).innerText());
    await page.getByTestId('import-done').waitFor();
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
    await page.locator(rowSelector('data-sip', 'sip:import-sa@litwareinc.com')).waitFor({ timeout: 60_000 });

    // Safe to re-run: the same file now has nothing to create.
    await page.getByTestId('contacts-import-input').setInputFiles({ name: 'contacts-fr.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await preview.waitFor({ timeout: 30_000 });
    assert.equal(await rowAt(2).getAttribute('data-action'), 'skip');
    assert.equal(await rowAt(5).getAttribute('data-action'), 'skip');
    assert.equal(await page.getByTestId('import-apply').isDisabled(), true);
    await page.getByTestId('import-close').click();
    await page.getByTestId('import-dialog').waitFor({ state: 'detached' });
  });

  test('Move and Remove are previewed (a removal says what stops working) and run through pwsh', async () => {
    const { page } = s;
    // Move the orphan to another pool.
    await page.locator(rowSelector('data-sip', ORPHAN_SIP)).getByTestId('contact-move').click();
    const dialog = page.getByTestId('contact-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-op'), 'move');
    await page.getByTestId('contact-field-targetPool').selectOption('dal-cs-002.litwareinc.com');
    await page.locator('[data-testid="contact-next"]:not([disabled])').waitFor();
    await page.getByTestId('contact-next').click();
    await page.getByTestId('contact-preview').waitFor();
    assert.match(
      await page.getByTestId('contact-command').innerText(),
      /^Move-CsExUmContact -Identity 'CN=\{4f1b2c3d-1111-4a5b-9c8d-000000000004\},OU=RTC Special Accounts,DC=litwareinc,DC=com' -Target 'dal-cs-002\.litwareinc\.com' -Confirm:\$false/,
    );
    assert.match(await page.getByTestId('contact-before').innerText(), /atl-cs-001\.litwareinc\.com/);
    for (const ack of await page.getByTestId('contact-preview').getByTestId('contact-ack').all()) await ack.check();
    await page.getByTestId('contact-apply').click();
    await page.getByTestId('contact-result').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('contact-result').getAttribute('data-outcome'), 'applied', await page.getByTestId('contact-result').innerText());
    assert.match(await page.getByTestId('contact-after').innerText(), /dal-cs-002\.litwareinc\.com/);
    await page.getByTestId('contact-close').click();
    await dialog.waitFor({ state: 'detached' });
    await page.locator(rowSelector('data-sip', ORPHAN_SIP)).filter({ hasText: 'dal-cs-002.litwareinc.com' }).waitFor({ timeout: 60_000 });

    // Remove the Branch auto attendant's contact: the preview says its pilot stops being answered.
    await page.locator(rowSelector('data-sip', 'sip:BranchAA@litwareinc.com')).getByTestId('contact-remove').click();
    await dialog.waitFor();
    const preview = page.getByTestId('contact-preview');
    await preview.waitFor({ timeout: 30_000 });
    assert.match(
      await page.getByTestId('contact-command').innerText(),
      /^Remove-CsExUmContact -Identity 'CN=\{4f1b2c3d-1111-4a5b-9c8d-000000000003\},OU=RTC Special Accounts,DC=litwareinc,DC=com' -Confirm:\$false/,
    );
    const consequences = await page.getByTestId('contact-consequences').innerText();
    assert.match(consequences, /\+14255550299/);
    assert.match(consequences, /Branch AA/);
    for (const ack of await preview.getByTestId('contact-ack').all()) await ack.check();
    await page.getByTestId('contact-apply').click();
    await page.getByTestId('contact-result').waitFor({ timeout: 60_000 });
    assert.equal(await page.getByTestId('contact-result').getAttribute('data-outcome'), 'applied', await page.getByTestId('contact-result').innerText());
    await page.getByTestId('contact-close').click();
    await dialog.waitFor({ state: 'detached' });
    // Its pilot number is now a missing row, one click from being created again.
    await page.locator(rowSelector('data-key', 'missing:autoAttendant:Litware-SIP-Branch:+14255550299')).waitFor({ timeout: 60_000 });
    assert.equal(await page.locator(rowSelector('data-key', `CN={4f1b2c3d-1111-4a5b-9c8d-000000000003},${OU}`)).count(), 0);
  });

  test('Export CSV saves the list where the user chose', async () => {
    const { page } = s;
    await page.getByTestId('contacts-export').click();
    const result = page.getByTestId('contacts-export-result');
    await result.waitFor();
    assert.ok(savePath && existsSync(savePath), savePath);
    assert.match(await result.innerText(), new RegExp(savePath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    const text = readFileSync(savePath, 'utf8');
    assert.match(text, /sip:import-sa@litwareinc\.com/);
    assert.match(text, /sip:Litware-SIP-Branch\.SA@litwareinc\.com/);
  });

  test('the audit log lists every change with its cmdlet, outcome and objects', async () => {
    const { page } = s;
    await page.getByTestId('audit-tab').click();
    await page.getByTestId('audit-view').waitFor();
    const entries = page.getByTestId('audit-entry');
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="audit-entry"]').length >= 5);
    const cmdlets = await entries.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-cmdlet')}:${e.getAttribute('data-outcome')}`));
    assert.equal(cmdlets.filter((c) => c === 'New-CsExUmContact:applied').length, 2, cmdlets.join(', '));
    for (const c of ['Set-CsExUmContact:applied', 'Move-CsExUmContact:applied', 'Remove-CsExUmContact:applied']) assert.ok(cmdlets.includes(c), cmdlets.join(', '));
    assert.equal(await page.getByTestId('audit-damaged').count(), 0);
    const created = page.locator('[data-testid="audit-entry"][data-cmdlet="New-CsExUmContact"]').filter({ hasText: 'Litware-SIP-Branch.SA' });
    assert.match(await created.getByTestId('audit-command').innerText(), /^New-CsExUmContact -SipAddress 'sip:Litware-SIP-Branch\.SA@litwareinc\.com'/);
    await created.getByTestId('audit-expand').click();
    await page.getByTestId('audit-after').first().waitFor();
    assert.match(await page.getByTestId('audit-after').first().innerText(), /"sipAddress": "sip:Litware-SIP-Branch\.SA@litwareinc\.com"/);
    assert.equal(await page.getByTestId('audit-before').first().innerText(), '—');
    await page.screenshot({ path: join(SCREENS, 'contacts-audit.png') });

    await page.getByTestId('audit-export').click();
    await page.getByTestId('audit-export-result').waitFor();
    assert.ok(savePath && existsSync(savePath) && savePath !== auditPath);
    assert.match(readFileSync(savePath, 'utf8'), /Litware-SIP-Branch\.SA/);
    await page.getByTestId('contacts-tab').click();
  });

  test('an answer that never came: the audit log shows the entry unknown, then settled from the contact read back', async () => {
    const { page } = s;
    // Another writer of the same log (as `umc` would be): an entry whose answer never came, settled by reading back.
    const log = createAuditLog({ path: auditPath, clock: systemClock });
    const read = { identity: `CN={settled},${OU}`, sipAddress: 'sip:settled@litwareinc.com', description: 'as read back' };
    const h = await log.begin({
      operator: 'LITWAREINC\\umcadmin',
      profile: 'lab',
      target: 'lab',
      cmdlet: 'New-CsExUmContact',
      parameters: [{ name: 'SipAddress', value: read.sipAddress }],
      before: null,
    });
    await h.finish({ outcome: 'unknown', message: en['contacts.noAnswer'].replace('{cmdlet}', 'New-CsExUmContact').replace('{detail}', 'the host exited'), after: null });
    await h.settle({ outcome: 'applied', message: 'the contact read back holds the intended state', read });
    await page.getByTestId('audit-tab').click();
    await page.getByTestId('audit-refresh').click();
    const row = page.locator(`[data-testid="audit-entry"][data-id="${h.id}"]`);
    await row.waitFor();
    assert.equal(await row.getAttribute('data-outcome'), 'unknown');
    const chip = row.getByTestId('audit-settlement');
    assert.equal(await chip.getAttribute('data-settled'), 'applied');
    assert.equal(await chip.innerText(), en['contacts.audit.settled.applied']);
    await row.getByTestId('audit-expand').click();
    await page.getByTestId('audit-settled-message').waitFor();
    assert.match(await page.getByTestId('audit-settled-message').innerText(), /the contact read back holds the intended state/);
    assert.match(await page.getByTestId('audit-read').innerText(), /"description": "as read back"/);
    assert.equal(await page.getByTestId('audit-damaged').count(), 0, 'the two writers kept the chain');
    await page.screenshot({ path: join(SCREENS, 'contacts-audit-settled.png') });
    await page.getByTestId('contacts-tab').click();
  });

  test('Reset lab org puts the shipped contacts back after a confirmation', async () => {
    const { page } = s;
    await page.getByTestId('contacts-lab-reset').click();
    await page.getByTestId('lab-reset-dialog').waitFor();
    await page.getByTestId('lab-reset-confirm').click();
    await page.getByTestId('contacts-lab-reset-result').waitFor({ timeout: 30_000 });
    // The lab endpoint's PowerShell starts again on the fresh copy before the list answers: seconds on a small machine.
    await page.locator(rowSelector('data-key', MISSING_KEY)).waitFor({ timeout: 60_000 });
    await page.getByTestId('contacts-refreshing').waitFor({ state: 'detached', timeout: 60_000 });
    assert.equal(await page.locator(rowSelector('data-sip', 'sip:import-sa@litwareinc.com')).count(), 0);
    // The shipped lab has no duplicate: the copy made for this test is gone too.
    assert.equal(await page.locator('[data-testid="contact-row"][data-status="duplicate"]').count(), 0);
    assert.deepEqual(s.errors, []);
  });
});

describe('Contacts screen without PowerShell: read-only', () => {
  let s: ConsoleSession;
  before(async () => {
    s = await openConsole({ powershell: { executable: null } });
    await s.page.getByTestId('nav-contacts').click();
    await s.page.getByTestId('contacts-screen').waitFor();
  });
  after(async () => {
    await s?.close();
  });

  test('says why in a banner and shows no write control at all', async () => {
    const { page } = s;
    const banner = page.getByTestId('contacts-readonly-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /PowerShell/);
    assert.equal(await page.getByTestId('contacts-screen').getAttribute('data-writable'), 'false');
    await page.locator(rowSelector('data-key', MISSING_KEY)).waitFor();
    for (const id of ['contact-create', 'contact-row-create', 'contact-edit', 'contact-move', 'contact-remove', 'contacts-lab-reset']) {
      assert.equal(await page.getByTestId(id).count(), 0, id);
    }
    // Viewing and exporting stay.
    assert.equal(await page.getByTestId('contacts-export').count(), 1);
    assert.equal(await page.getByTestId('contacts-import').count(), 1);
    await page.getByTestId('audit-tab').click();
    await page.getByTestId('audit-view').waitFor();
    assert.equal(await page.getByTestId('audit-tab').getAttribute('aria-selected'), 'true');
    // main refuses the write channels whatever the page does.
    const refused = await page.evaluate(async () => {
      try {
        await (window as any).umc.lab.reset();
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    });
    assert.notEqual(refused, 'accepted');
    assert.match(refused, /PowerShell/);
    assert.deepEqual(s.errors, []);
  });
});
