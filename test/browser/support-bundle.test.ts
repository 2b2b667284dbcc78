/**
 * Export support bundle… in Debian's Chromium against the real main services on the lab org: opened from
 * the navigation rail (every screen has it), the dialog says what goes in, that redaction is on and what
 * it replaces, where the mapping is kept; the bundle is saved where the (test's) save dialog says, read
 * back as a zip (every file, no user's SIP address), its mapping beside it; unticking redaction warns
 * and writes the real values. English and French, screenshots test-results/screens/support-bundle-<lang>-1366.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { BUNDLE_FILES } from '../../shared/bundle/bundle-contents';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { englishWordsIn } from '../support/french-text';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });
const LAB = JSON.parse(readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8')) as { skype: { users: { objects: { SipAddress: string }[] } } };
const SOME_USER = LAB.skype.users.objects[0]!.SipAddress.replace(/^sip:/, '');

for (const lang of ['en', 'fr'] as const) {
  describe(`Export support bundle… (${lang})`, () => {
    let s: ConsoleSession;
    let dir: string;
    let saves = 0;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), `umc-bundle-browser-${lang}-`));
      s = await openConsole({
        locale: lang === 'fr' ? 'fr-FR' : 'en-US',
        viewport: { width: 1366, height: 768 },
        dialogs: { chooseSavePath: async () => join(dir, `bundle-${++saves}.zip`), chooseOpenPath: async () => null },
      });
      await s.page.getByTestId('nav-checks').click();
    });
    after(async () => {
      await s?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    test('the dialog says what goes in and what redaction replaces; the saved zip is whole and redacted', async () => {
      const { page } = s;
      await page.getByTestId('support-bundle-open').click();
      const dialog = page.getByTestId('support-bundle-dialog');
      await dialog.waitFor();
      const items = await page.getByTestId('support-bundle-contents').locator('li').allInnerTexts();
      assert.deepEqual(
        items.map((t) => t.split(' ')[0]),
        [...BUNDLE_FILES],
      );
      assert.equal(await page.getByTestId('support-bundle-redact').isChecked(), true);
      const text = await dialog.innerText();
      assert.match(
        text,
        lang === 'en' ? /SIP and e-mail addresses, phone numbers, extensions, IP addresses and host names below the SIP domain/ : /adresses SIP et de messagerie, les numéros de téléphone, les postes/,
      );
      assert.match(text, lang === 'en' ? /saved beside the bundle \(\.mapping\.json/ : /enregistrée à côté du paquet \(\.mapping\.json/);
      await page.getByTestId('support-bundle-export').click();
      await page.getByTestId('support-bundle-written').waitFor({ timeout: 60_000 });
      const written = await page.getByTestId('support-bundle-written').innerText();
      assert.ok(written.includes(join(dir, 'bundle-1.zip')), written);
      assert.ok((await page.getByTestId('support-bundle-mapping').innerText()).includes('bundle-1.zip.mapping.json'));
      await page.screenshot({ path: join(SCREENS, `support-bundle-${lang}-1366.png`) });
      if (lang === 'fr') assert.deepEqual(englishWordsIn((await dialog.innerText()).replace(/\S+\.(json|html|txt|zip)\b/g, '')), []);

      const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'bundle-1.zip'))));
      assert.deepEqual(Object.keys(files).sort(), [...BUNDLE_FILES].sort());
      const all = Object.values(files)
        .map((b) => strFromU8(b))
        .join('\n')
        .toLowerCase();
      assert.ok(!all.includes(SOME_USER.toLowerCase()), SOME_USER);
      assert.ok(existsSync(join(dir, 'bundle-1.zip.mapping.json')));
      // The mapping holds the user's name (the part before the kept SIP domain) and its pseudonym.
      assert.ok(
        readFileSync(join(dir, 'bundle-1.zip.mapping.json'), 'utf8')
          .toLowerCase()
          .includes(`"${SOME_USER.split('@')[0]!.toLowerCase()}"`),
      );
      assert.deepEqual(s.errors, []);
    });

    test('without redaction: a warning, and the real values in the zip', async () => {
      const { page } = s;
      await page.getByTestId('support-bundle-redact').uncheck();
      await page.getByTestId('support-bundle-not-redacted').waitFor();
      await page.getByTestId('support-bundle-export').click();
      await page
        .getByText(/bundle-2\.zip/)
        .first()
        .waitFor({ timeout: 60_000 });
      const files = unzipSync(new Uint8Array(readFileSync(join(dir, 'bundle-2.zip'))));
      assert.ok(strFromU8(files['snapshot.umcsnap.json']!).toLowerCase().includes(SOME_USER.toLowerCase()));
      assert.ok(!existsSync(join(dir, 'bundle-2.zip.mapping.json')));
      await page.getByTestId('support-bundle-close').click();
      await page.getByTestId('support-bundle-dialog').waitFor({ state: 'detached' });
      assert.deepEqual(s.errors, []);
    });
  });
}
