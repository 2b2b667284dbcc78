/**
 * The synthetic voice-mail test on the Users screen (docs/voicemail-tests.md), in Debian's Chromium against the real
 * main-process services and the real lab endpoint: a test user stored once (its password never comes back to the
 * page), Test-CsExUMVoiceMail previewed with its exact command and confirmed, then run against a user whose gateway
 * has no hunt group for its dial plan — it fails, the hunt group hop of the call path is marked, the failure is
 * explained in plain words and the cmdlet's raw output is shown untranslated. In English and French at 1366×768;
 * screens under test-results/screens/. Then the Checklist's last step proves UM end to end with Test-CsExUMConnectivity.
 */
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { en } from '../../shared/i18n/en';
import { fr } from '../../shared/i18n/fr';
import { englishWordsIn } from '../support/french-text';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { NO_PWSH } from '../support/powershell';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });
const TARGET = 'sip:vm.r-u-07@litwareinc.com';
const PASSWORD = 'lab-Passw0rd';

for (const [lang, locale] of [
  ['en', 'en-US'],
  ['fr', 'fr-FR'],
] as const) {
  describe(`voice-mail test failing at a hop, ${lang === 'en' ? 'English' : 'French'}`, { skip: NO_PWSH }, () => {
    let s: ConsoleSession;
    const words = (lang === 'en' ? en : fr) as Readonly<Record<string, string>>;
    before(async () => {
      s = await openConsole({ viewport: { width: 1366, height: 768 }, locale });
      await s.page.getByTestId('nav-users').click();
      await s.page.getByTestId('users-screen').waitFor();
    });
    after(async () => {
      await s?.close();
    });

    test('store a test user, confirm the exact command, the failure placed on the hunt group hop and explained', async () => {
      const { page } = s;
      await page.getByTestId('users-search').fill('vm.r-u-07');
      await page.locator(`[data-testid="user-result"][data-sip="${TARGET}"]`).click();
      await page.locator(`[data-testid="user-verdict-view"][data-sip="${TARGET}"]`).waitFor();
      assert.equal(await page.locator('[data-testid="call-hop"][data-test-failed="true"]').count(), 0);

      await page.getByTestId('voicemail-test-open').click();
      await page.getByTestId('voicemail-test-no-credential').waitFor();
      await page.getByTestId('voicemail-test-add-credential').click();
      await page.getByTestId('voicemail-test-form-name').fill('Theo test');
      await page.getByTestId('voicemail-test-form-userName').fill('litwareinc\\theo.wilson3');
      await page.getByTestId('voicemail-test-form-sipAddress').fill('sip:theo.wilson3@litwareinc.com');
      await page.getByTestId('voicemail-test-form-password').fill(PASSWORD);
      await page.getByTestId('voicemail-test-form-save').click();
      await page.getByTestId('voicemail-test-credential').waitFor({ state: 'attached' });
      // The password went to the main process only: the page holds no copy of it.
      assert.ok(!(await page.content()).includes(PASSWORD));

      await page.getByTestId('voicemail-test-run').click();
      const preview = page.getByTestId('voicemail-test-preview-command');
      await preview.waitFor();
      assert.equal(await preview.getAttribute('translate'), 'no');
      assert.match(
        await preview.innerText(),
        /Test-CsExUMVoiceMail -TargetFqdn 'dal-cs-se01\.litwareinc\.com' -SenderSipAddress 'sip:theo\.wilson3@litwareinc\.com' -ReceiverSipAddress 'sip:vm\.r-u-07@litwareinc\.com' -SenderCredential \$credential/,
      );
      await page.getByTestId('voicemail-test-confirm').click();

      const result = page.locator('[data-testid="voicemail-test-result"][data-passed="false"]');
      await result.waitFor({ timeout: 60_000 });
      assert.equal(await result.getAttribute('data-hop'), 'huntGroup');
      assert.equal(await result.getAttribute('data-kind'), 'rejected');
      const marked = page.locator('[data-testid="call-hop"][data-test-failed="true"]');
      assert.equal(await marked.count(), 1);
      assert.equal(await marked.getAttribute('data-kind'), 'huntGroup');
      assert.equal(await marked.getByTestId('call-hop-test-failed').innerText(), words['voicemailTest.ui.failedHop']);
      const explanation = await page.getByTestId('voicemail-test-explanation').innerText();
      assert.equal(explanation, words['voicemailTest.kind.rejected.explain']);
      const headline = await page.getByTestId('voicemail-test-headline').innerText();
      if (lang === 'fr') assert.deepEqual(englishWordsIn(headline.replace(/ms-diagnostics|Failed to route to Exchange Server|Forbidden/g, '')), [], headline);
      const raw = page.getByTestId('voicemail-test-raw');
      assert.equal(await raw.getAttribute('translate'), 'no');
      assert.match(
        await raw.innerText(),
        /^TargetFqdn : dal-cs-se01\.litwareinc\.com\nResult {5}: Failure\nLatency {4}: [\d:.]+\nError {6}: 403, Forbidden\nDiagnosis {2}: ErrorCode=15030,Source=dal-cs-se01\.litwareinc\.com,Reason=Failed to route to Exchange Server$/,
      );
      assert.deepEqual(s.errors, []);

      // The path with its marked hop, then the result with its explanation and raw output.
      await page.evaluate(() => document.querySelector('[data-testid="call-path"]')?.scrollIntoView({ block: 'start' }));
      await page.screenshot({ path: join(SCREENS, `voicemail-test-failed-path-${lang}-1366.png`) });
      await page.evaluate(() => document.querySelector('[data-testid="voicemail-test-result"]')?.scrollIntoView({ block: 'end' }));
      await page.screenshot({ path: join(SCREENS, `voicemail-test-failed-${lang}-1366.png`) });
    });

    test('the Checklist proves the last step with a real call as the stored test user', async () => {
      const { page } = s;
      await page.getByTestId('nav-checklist').click();
      const step = page.locator('[data-testid="checklist-step"][data-id="um.enable-users"]');
      await step.getByTestId('voicemail-proof-run').click();
      const result = step.getByTestId('voicemail-proof-result');
      await result.waitFor({ timeout: 60_000 });
      // Test-CsExUMConnectivity for the test user, whose own path is whole.
      assert.equal(await result.getAttribute('data-passed'), 'true');
      assert.match(await result.innerText(), /Test-CsExUMConnectivity/);
      assert.deepEqual(s.errors, []);
    });
  });
}
