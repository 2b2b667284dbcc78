/**
 * The console started on a large snapshot (a generated 20,000-user org, read in stages): within the load the
 * progress panel lists every section with its count and state, the status bar says what is being read and sums up
 * the partial org — everything but the users, whose sections are pending — before the whole org replaces it (docs/large-orgs.md, "First screen while reading"). Behaviour, not timing: what is seen, in order.
 * Both languages; screenshots test-results/screens/load-progress-{en,fr}-1366.png.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { englishWordsIn } from '../support/french-text';
import { generateSnapshot } from '../support/org-builder/generate-org';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { USER_SECTIONS } from '../../shared/snapshot/load-progress';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });
const USERS = 20_000;
const GATEWAYS = 200;

interface SeenWhileReading {
  readonly phase: string;
  readonly sections: { key: string; state: string; objects: number }[];
  readonly statusReading: string;
  readonly notRead: number;
  readonly panelText: string;
}

describe('loading a large snapshot: progress per section, the partial org first', () => {
  const dir = mkdtempSync(join(tmpdir(), 'umc-load-progress-'));
  const file = join(dir, 'org-20k.umcsnap.json');
  before(() => {
    writeFileSync(file, JSON.stringify(generateSnapshot({ exchangeServers: 10, dialPlans: 40, gateways: GATEWAYS, users: USERS })));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [language, locale] of [
    ['en', 'en-US'],
    ['fr', 'fr-FR'],
  ] as const) {
    describe(language, () => {
      let s: ConsoleSession;
      before(async () => {
        s = await openConsole({ snapshotPath: file, locale, viewport: { width: 1366, height: 768 } });
      });
      after(async () => {
        await s?.close();
      });

      test('while reading: every section with its count, the status bar on the partial org, the users pending', async () => {
        const { page } = s;
        // One look at the page once the partial org is on screen (the status bar's summary of it), while the users are still being read.
        // Whether the map is drawn by then depends on how long its layout takes (main waits at most 3 s for the window): not judged here.
        const seen = (await (
          await page.waitForFunction(
            () => {
              const panel = document.querySelector('[data-testid="load-progress"][data-phase="partial"]');
              const reading = document.querySelector('[data-testid="status-reading"]');
              const issues = document.querySelector('[data-testid="status-read-issues"]');
              if (!panel || !reading || !issues) return null;
              return {
                phase: panel.getAttribute('data-phase') ?? '',
                sections: [...panel.querySelectorAll('[data-testid="load-progress-section"]')].map((r) => ({
                  key: r.getAttribute('data-section') ?? '',
                  state: r.getAttribute('data-state') ?? '',
                  objects: Number(r.getAttribute('data-objects')),
                })),
                statusReading: reading.textContent ?? '',
                notRead: Number(issues.getAttribute('data-not-read')),
                panelText: (panel as HTMLElement).innerText,
              };
            },
            null,
            { timeout: 60_000, polling: 'raf' },
          )
        ).jsonValue()) as SeenWhileReading;
        await page.screenshot({ path: join(SCREENS, `load-progress-${language}-1366.png`) });
        assert.equal(seen.phase, 'partial');
        assert.equal(seen.sections.length, 29, 'every section of a snapshot');
        assert.equal(seen.sections.find((r) => r.key === 'exchange.ipGateways')?.objects, GATEWAYS);
        assert.equal(seen.sections.find((r) => r.key === 'exchange.ipGateways')?.state, 'read');
        // The user sections: counted from the file at once, read (decoded) last — possibly done by the time the page is looked at.
        for (const key of USER_SECTIONS) assert.match(seen.sections.find((r) => r.key === key)?.state ?? '', /^(reading|read)$/, key);
        assert.equal(seen.sections.find((r) => r.key === 'skype.users')?.objects, USERS);
        assert.ok(seen.sections.filter((r) => !USER_SECTIONS.includes(r.key as never)).every((r) => r.state === 'read' || r.state === 'partial' || r.state === 'not-read'));
        // The status bar: what is read now, and the partial org's summary — the user sections counted as not read yet.
        assert.match(seen.statusReading, /Get-(CsUser|Mailbox|UMMailbox)/);
        assert.equal(seen.notRead, USER_SECTIONS.length);
        if (language === 'fr') {
          assert.deepEqual(englishWordsIn(seen.panelText.replace(/Get-[A-Za-z]+/g, '')), []);
          assert.match(seen.panelText, /Lecture de l’instantané/);
        } else assert.match(seen.panelText, /Reading the snapshot/);
      });

      test('then the whole org replaces it: the panel goes, the users are in, nothing left unread', async () => {
        const { page } = s;
        await page.getByTestId('status-reading').waitFor({ state: 'detached', timeout: 60_000 });
        await page.getByTestId('load-progress').waitFor({ state: 'detached', timeout: 10_000 });
        await page.getByTestId('status-read-issues').waitFor({ state: 'detached', timeout: 10_000 });
        assert.equal((await s.services.org.current()).org.users.length, USERS);
        // The Users screen reads the whole org: a user of the generated org is found.
        assert.deepEqual(s.errors, []);
      });
    });
  }
});
