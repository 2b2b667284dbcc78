/**
 * A helpdesk profile (a read-only role) in Debian's Chromium: connected to the lab endpoint through
 * real PowerShell, the Contacts screen shows everything, says the profile is read-only and shows no
 * write control; the Users screen gives each search result its verdict before it is opened; the main process refuses every write channel the page might still call ("forbidden").
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

describe('a helpdesk profile is read-only everywhere', { skip: NO_PWSH }, () => {
  let s: ConsoleSession;
  before(async () => {
    s = await openConsole();
    // The profile as the Connections screen saves it, then connected the way the screen does.
    await s.services.connections.save({ name: 'Helpdesk', exchange: 'lab:', skype: 'lab:', authentication: 'kerberos', role: 'helpdesk' });
    const profile = (await s.services.connections.view('en')).profiles.find((p) => p.name === 'Helpdesk')!;
    await s.services.connections.connectAndWait(profile);
    await s.services.connections.refresh();
    await s.page.getByTestId('nav-contacts').click();
    await s.page.getByTestId('contacts-screen').waitFor();
  });
  after(async () => {
    await s?.close();
  });

  test('the contacts show, with the reason and no write control', async () => {
    const { page } = s;
    const banner = page.getByTestId('contacts-readonly-banner');
    await banner.waitFor();
    assert.match(await banner.innerText(), /Helpdesk is read-only \(helpdesk\)/);
    await page.locator('[data-testid="contact-row"]').first().waitFor();
    assert.ok((await page.locator('[data-testid="contact-row"]').count()) > 0);
    for (const id of ['contact-create', 'contact-row-create', 'contact-edit', 'contact-move', 'contact-remove', 'contacts-lab-reset']) {
      assert.equal(await page.getByTestId(id).count(), 0, id);
    }
    await page.screenshot({ path: join(SCREENS, 'contacts-helpdesk.png') });
  });

  test('the Users screen, live: results say their verdict before a user is opened; the ticket text is there to copy', async () => {
    const { page } = s;
    await page.getByTestId('nav-users').click();
    await page.getByTestId('users-screen').waitFor();
    await page.getByTestId('users-search').fill('vm.r-u-02');
    const row = page.locator('[data-testid="user-result"][data-sip="sip:vm.r-u-02@litwareinc.com"]');
    await row.waitFor();
    const verdict = row.getByTestId('user-result-verdict');
    assert.equal(await verdict.getAttribute('data-verdict'), 'fails');
    assert.match(await verdict.innerText(), /will not work/);
    await row.click();
    await page.locator('[data-testid="user-verdict-view"][data-sip="sip:vm.r-u-02@litwareinc.com"]').waitFor();
    // The verdict opened (read fresh from the lab endpoint) agrees with the result's.
    assert.equal(await page.getByTestId('user-verdict').getAttribute('data-verdict'), 'fails');
    await page.getByTestId('users-copy-ticket').waitFor();
    await page.screenshot({ path: join(SCREENS, 'users-helpdesk.png') });
    await page.getByTestId('nav-contacts').click();
    await page.getByTestId('contacts-screen').waitFor();
  });

  test('every write channel called from the page is refused by the main process', async () => {
    // One call per evaluate: a helper function declared inside would need tsx's __name in the page.
    const calls = [
      () => (window as any).umc.contacts.apply({ token: '0'.repeat(32), acknowledged: [] }),
      () => (window as any).umc.contacts.importApply({ token: '0'.repeat(32), stopOnError: true, acknowledged: [] }),
      () => (window as any).umc.lab.reset(),
    ];
    const results: string[] = [];
    for (const call of calls) {
      results.push(
        await s.page.evaluate(call).then(
          () => 'accepted',
          (e: Error) => e.message,
        ),
      );
    }
    for (const r of results) assert.match(r, /request refused: the profile Helpdesk is read-only \(helpdesk\)/);
    assert.deepEqual(s.errors, []);
  });
});
