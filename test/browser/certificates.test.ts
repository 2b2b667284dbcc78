/**
 * The Certificates screen in Debian's Chromium against the real main-process services on the lab
 * org: the inventory grouped by issuing CA with the expiry timeline and the lab's deliberate
 * certificate faults; then offline inspection of files generated here with openssl (PEM chain, DER,
 * random bytes, a file over 10 MB, a password-protected PFX). Screens under test-results/screens/.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createApi } from '../../shared/contract/api';
import type { CertificateInventory } from '../../shared/certificates/inventory-model';
import { en } from '../../shared/i18n/en';
import { expiryStatus } from '../../renderer/src/screens/certificates/timeline-scale';
import { type ConsoleSession, openConsole, ROOT } from '../support/browser-harness';
import { liveInspectWorkers } from '../../main/services/certificates/inspect-runner';
import { englishWordsIn } from '../support/french-text';

const SCREENS = join(ROOT, 'test-results', 'screens');
mkdirSync(SCREENS, { recursive: true });

const PFX_PASSWORD = 'correct horse 42';

/** Certificate files made by openssl for this run. */
function makeFixtures(dir: string) {
  const ossl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  // A CA, and a UM server certificate it issues (SAN, serverAuth, CRL distribution point).
  ossl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-subj',
    '/CN=Contoso Test Root CA',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  ossl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'um.key', '-out', 'um.csr', '-subj', '/CN=um01.contoso.com');
  writeFileSync(
    join(dir, 'um.ext'),
    'subjectAltName=DNS:um01.contoso.com,DNS:um.contoso.com\nextendedKeyUsage=serverAuth,clientAuth\ncrlDistributionPoints=URI:http://pki.contoso.com/root.crl\nbasicConstraints=CA:FALSE\n',
  );
  ossl('x509', '-req', '-in', 'um.csr', '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', 'um.pem', '-days', '400', '-sha256', '-extfile', 'um.ext');
  // One PEM file with the chain (two certificates).
  writeFileSync(join(dir, 'um-chain.pem'), Buffer.concat([readFileSync(join(dir, 'um.pem')), readFileSync(join(dir, 'ca.pem'))]));
  // A self-signed wildcard, as DER.
  ossl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'wild.key', '-out', 'wild.csr', '-subj', '/CN=*.contoso.com');
  writeFileSync(join(dir, 'wild.ext'), 'basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n');
  ossl('x509', '-req', '-in', 'wild.csr', '-signkey', 'wild.key', '-out', 'wild.pem', '-days', '365', '-sha256', '-extfile', 'wild.ext');
  ossl('x509', '-in', 'wild.pem', '-outform', 'DER', '-out', 'wildcard.der');
  // Random bytes with a certificate's extension; a file over 10 MB.
  writeFileSync(join(dir, 'garbage.cer'), randomBytes(3000));
  writeFileSync(join(dir, 'huge.crt'), Buffer.alloc(11 * 1024 * 1024, 0x41));
  // The UM certificate with its key and chain, password-protected.
  ossl('pkcs12', '-export', '-inkey', 'um.key', '-in', 'um.pem', '-certfile', 'ca.pem', '-out', 'um01.pfx', '-passout', `pass:${PFX_PASSWORD}`);
  // A slow but accepted PFX: the empty password, 1,000,000 PBKDF2 iterations per bag (the cap), no MAC.
  ossl('pkcs12', '-export', '-inkey', 'um.key', '-in', 'um.pem', '-certfile', 'ca.pem', '-out', 'slow.pfx', '-passout', 'pass:', '-iter', '1000000', '-nomac');
  const thumb = (file: string, form = 'PEM') => ossl('x509', '-in', file, '-inform', form, '-noout', '-fingerprint', '-sha1').toString().trim().split('=')[1].replace(/:/g, '').toUpperCase();
  return { um: thumb('um.pem'), ca: thumb('ca.pem'), wildcard: thumb('wildcard.der', 'DER') };
}

describe('Certificates screen on the lab org', () => {
  let s: ConsoleSession;
  let inventory: CertificateInventory;
  let dir: string;
  let thumbs: ReturnType<typeof makeFixtures>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'umc-cert-ui-'));
    thumbs = makeFixtures(dir);
    s = await openConsole({ locale: 'en-US' });
    const api = createApi(s.services.transportFor({ url: `${s.origin}/index.html`, isMainFrame: true, trustedContents: true }));
    inventory = await api.certificates.inventory();
  });
  after(async () => {
    await s?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('the inventory: grouped by issuing CA, the expiry timeline with today marked', async () => {
    const { page } = s;
    await page.getByTestId('nav-certificates').click();
    await page.getByTestId('certificates-screen').waitFor();
    assert.equal(await page.getByTestId('cert-tab-inventory').getAttribute('aria-selected'), 'true');
    await page.locator('[data-testid="cert-group"]').first().waitFor({ timeout: 20000 });

    const issuers = await page.locator('[data-testid="cert-group"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-issuer')));
    assert.deepEqual([...issuers].sort(), inventory.groups.map((g) => g.issuer).sort());
    assert.ok(issuers.includes('CN=Litware Root CA, DC=litwareinc, DC=com'), issuers.join(' | '));
    assert.ok(issuers.includes('CN=ATL-EX-002'), 'the self-signed Exchange certificate is its own group');
    const total = inventory.groups.reduce((n, g) => n + g.certificates.length, 0);
    assert.equal(await page.locator('[data-testid="cert-row"]').count(), total);

    // Rows show product, server, usage chips, subject, thumbprint, expiry and the worst finding.
    const wild = page.locator('[data-testid="cert-row"][data-thumbprint="4F95A31A19436FBFA001D6E85A9DC7960DFC9863"]');
    assert.equal(await wild.getAttribute('data-severity'), 'error');
    const text = await wild.innerText();
    for (const part of ['dal-exchange-003.litwareinc.com', 'UMCallRouter', '*.litwareinc.com', '4F95A31A19436FBFA001D6E85A9DC7960DFC9863']) assert.ok(text.includes(part), `${part} in ${text}`);

    // The timeline: one mark per distinct certificate, coloured by its expiry, today marked.
    const timeline = page.getByTestId('expiry-timeline');
    await timeline.waitFor();
    const today = page.getByTestId('timeline-today');
    assert.equal(await today.count(), 1);
    assert.ok((await today.textContent())?.includes('Today'), (await today.textContent()) ?? '');
    const now = new Date(inventory.now);
    const expected = new Map<string, string>();
    for (const g of inventory.groups) for (const c of g.certificates) if (c.certificate) expected.set(c.certificate.thumbprint, expiryStatus(c.certificate.notAfter, now));
    const marks = await page.locator('[data-testid="timeline-mark"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-thumbprint'), e.getAttribute('data-status')] as const));
    assert.equal(marks.length, expected.size);
    for (const [thumb, status] of marks) assert.equal(status, expected.get(thumb!), thumb!);
    // The lab's external web services certificate (notAfter 12 Dec 2026) is on the timeline with its
    // status for today (expiring soon, or expired once that day has passed: judged, not hard-coded).
    assert.ok(['expiring-30', 'expired'].includes(expected.get('C78A9FA6A6B8072EAE043B634027DE94017E1BAC') ?? ''));
    assert.ok((await page.locator('[data-testid="timeline-mark"][data-thumbprint="C78A9FA6A6B8072EAE043B634027DE94017E1BAC"] title').textContent())?.includes('CN=webext.litwareinc.com'));

    // The org rules on certificates and OAuth, as on the Checks screen.
    const orgRules = await page.locator('[data-testid="org-finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    assert.deepEqual([...orgRules].sort(), inventory.findings.map((f) => f.rule).sort());
    for (const r of ['R-X-01', 'R-X-02', 'R-X-03', 'R-O-05', 'R-O-06']) assert.ok(orgRules.includes(r), `${r} in ${orgRules.join(',')}`);
    assert.ok((await page.locator('[data-testid="org-finding"][data-rule="R-X-01"]').innerText()).includes(en['rule.R-X-01.title']));
    await page.screenshot({ path: join(SCREENS, 'certificates-inventory.png') });
  });

  test('a click shows every field and the certificate findings (the lab faults: self-signed, wildcard)', async () => {
    const { page } = s;
    const certRules = new Set(inventory.groups.flatMap((g) => g.certificates.flatMap((c) => c.certificate?.findings.map((f) => f.rule) ?? [])));
    for (const r of ['cert.self-signed', 'cert.subject.wildcard']) assert.ok(certRules.has(r as never), `${r} in ${[...certRules].join(',')}`);

    await page.locator('[data-testid="cert-row"][data-thumbprint="58C7650ED9BBEAFD1A11846F8F5228D1E6522C12"]').click();
    const details = page.getByTestId('cert-details');
    await details.waitFor();
    assert.equal(await details.getAttribute('data-thumbprint'), '58C7650ED9BBEAFD1A11846F8F5228D1E6522C12');
    const rules = await details.locator('[data-testid="cert-finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    assert.ok(rules.includes('cert.self-signed'), rules.join(','));
    const body = await details.innerText();
    for (const part of ['CN=ATL-EX-002', 'atl-exchange-002.litwareinc.com', 'RSA', en['certificates.field.signature'], en['certificates.field.crl'], 'R-X-01'])
      assert.ok(body.includes(part), `${part} in details`);

    // The wildcard, opened from its timeline mark.
    await page.locator('[data-testid="timeline-mark"][data-thumbprint="4F95A31A19436FBFA001D6E85A9DC7960DFC9863"]').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="cert-details"]')?.getAttribute('data-thumbprint') === '4F95A31A19436FBFA001D6E85A9DC7960DFC9863');
    const wildRules = await details.locator('[data-testid="cert-finding"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    assert.ok(wildRules.includes('cert.subject.wildcard'), wildRules.join(','));
    await page.screenshot({ path: join(SCREENS, 'certificates-details.png') });
    await page.getByTestId('cert-details-close').click();
    assert.equal(await details.count(), 0);
  });

  test('offline inspection: several files, one failing, one refused; the others still show', async () => {
    const { page } = s;
    await page.getByTestId('cert-tab-inspect').click();
    await page.getByTestId('inspect-drop').waitFor();
    assert.equal(await page.getByTestId('inspect-files').getAttribute('accept'), '.cer,.crt,.pem,.der,.p7b,.p7c,.pfx,.p12');
    await page.getByTestId('inspect-fqdn').fill('um01.contoso.com');
    await page.getByTestId('inspect-purpose').selectOption('um');
    await page.getByTestId('inspect-files').setInputFiles(['garbage.cer', 'wildcard.der', 'huge.crt', 'um-chain.pem'].map((f) => join(dir, f)));
    await page.waitForFunction(() => {
      const files = [...document.querySelectorAll('[data-testid="inspected-file"]')];
      return files.length === 4 && files.every((f) => f.getAttribute('data-state') === 'done');
    });
    const file = (name: string) => page.locator(`[data-testid="inspected-file"][data-file="${name}"]`);

    assert.equal(await file('um-chain.pem').getAttribute('data-error'), '');
    const chain = await file('um-chain.pem')
      .locator('[data-testid="inspected-cert"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-thumbprint')));
    assert.deepEqual(chain, [thumbs.um, thumbs.ca]);
    const umRules = await file('um-chain.pem')
      .locator(`[data-testid="inspected-cert"][data-thumbprint="${thumbs.um}"] [data-testid="cert-finding"]`)
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    assert.ok(!umRules.includes('cert.name.mismatch') && !umRules.includes('cert.self-signed'), umRules.join(','));
    const umText = await file('um-chain.pem').innerText();
    for (const part of ['DNS:um01.contoso.com', 'serverAuth', 'http://pki.contoso.com/root.crl', 'CN=Contoso Test Root CA']) assert.ok(umText.includes(part), part);

    assert.equal(await file('wildcard.der').getAttribute('data-error'), '');
    assert.equal(await file('wildcard.der').locator('[data-testid="inspected-cert"]').getAttribute('data-thumbprint'), thumbs.wildcard);
    const wildRules = await file('wildcard.der')
      .locator('[data-testid="cert-finding"]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-rule')));
    for (const r of ['cert.subject.wildcard', 'cert.self-signed']) assert.ok(wildRules.includes(r), `${r} in ${wildRules.join(',')}`);

    const garbage = await file('garbage.cer').getAttribute('data-error');
    assert.ok(garbage === 'not-a-certificate' || garbage === 'unreadable', garbage ?? '');
    assert.equal(await file('garbage.cer').locator('[data-testid="inspected-cert"]').count(), 0);
    assert.equal(await file('huge.crt').getAttribute('data-error'), 'too-large');
    assert.ok((await file('huge.crt').innerText()).includes('10.0 MB'));
    assert.equal(await page.getByTestId('pfx-password-dialog').count(), 0);
    await page.screenshot({ path: join(SCREENS, 'certificates-inspect.png') });
  });

  test('a PFX asks for its password in a dialog, used once; a wrong one asks again', async () => {
    const { page } = s;
    await page.getByTestId('inspect-files').setInputFiles(join(dir, 'um01.pfx'));
    const dialog = page.getByTestId('pfx-password-dialog');
    await dialog.waitFor();
    assert.equal(await dialog.getAttribute('data-file'), 'um01.pfx');
    // The dialog fades in: wait until it is fully drawn before the screenshot.
    await page.waitForFunction(() => {
      const c = document.querySelector('[data-testid="pfx-password-dialog"] .MuiDialog-container');
      return !!c && getComputedStyle(c).opacity === '1';
    });
    const pfx = page.locator('[data-testid="inspected-file"][data-file="um01.pfx"]');
    assert.equal(await pfx.getAttribute('data-error'), 'password-required');
    await page.getByTestId('pfx-password').fill('not the password');
    await page.screenshot({ path: join(SCREENS, 'certificates-password.png') });

    await page.getByTestId('pfx-password-submit').click();
    await page.getByTestId('pfx-password-wrong').waitFor();
    assert.equal(await pfx.getAttribute('data-error'), 'wrong-password');
    assert.equal(await page.getByTestId('pfx-password').inputValue(), '', 'the field does not keep the password');

    await page.getByTestId('pfx-password').fill(PFX_PASSWORD);
    await page.getByTestId('pfx-password-submit').click();
    await page.waitForFunction(() => document.querySelector('[data-testid="inspected-file"][data-file="um01.pfx"]')?.getAttribute('data-error') === '');
    assert.equal(await dialog.count(), 0);
    const certs = await pfx.locator('[data-testid="inspected-cert"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-thumbprint')));
    assert.ok(certs.includes(thumbs.um), certs.join(','));
    assert.ok((await pfx.innerText()).includes(en['certificates.privateKey']), 'the private key is present');
    // The password went nowhere it could stay.
    assert.ok(!page.url().includes('horse'));
    assert.ok(!(await page.content()).includes(PFX_PASSWORD));
    // The other files are still shown.
    assert.equal(await page.locator('[data-testid="inspected-file"]').count(), 5);
  });

  test('a dismissed password dialog leaves the file waiting, with a button to ask again', async () => {
    const { page } = s;
    await page.getByTestId('inspect-files').setInputFiles({ name: 'again.p12', mimeType: 'application/x-pkcs12', buffer: readFileSync(join(dir, 'um01.pfx')) });
    await page.getByTestId('pfx-password-dialog').waitFor();
    await page.getByTestId('pfx-password-cancel').click();
    const again = page.locator('[data-testid="inspected-file"][data-file="again.p12"]');
    assert.equal(await again.getAttribute('data-error'), 'password-required');
    await again.getByTestId('inspect-password').click();
    await page.getByTestId('pfx-password-dialog').waitFor();
    await page.getByTestId('pfx-password-cancel').click();
  });

  test('a slow batch shows its progress file by file; Cancel stops it and the files not read say cancelled', async () => {
    const { page } = s;
    await page.getByTestId('inspect-clear').click();
    const slow = readFileSync(join(dir, 'slow.pfx'));
    await page.getByTestId('inspect-files').setInputFiles(Array.from({ length: 8 }, (_, i) => ({ name: `slow-${i + 1}.pfx`, mimeType: 'application/x-pkcs12', buffer: slow })));
    const progress = page.getByTestId('inspect-progress');
    await progress.waitFor();
    // Main reads the files in a worker and says how far it is, file by file.
    await page.waitForFunction(() => /[1-7] of 8 inspected — reading slow-\d\.pfx/.test(document.querySelector('[data-testid="inspect-progress"]')?.textContent ?? ''));
    await page.screenshot({ path: join(SCREENS, 'certificates-inspect-progress.png') });
    await page.getByTestId('inspect-cancel').click();
    await page.waitForFunction(() => [...document.querySelectorAll('[data-testid="inspected-file"]')].every((e) => e.getAttribute('data-state') === 'done'));
    const errors = await page.locator('[data-testid="inspected-file"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-error')));
    assert.equal(errors.length, 8);
    assert.ok(errors.includes(''), `some files were read before the cancel: ${errors.join(',')}`);
    assert.ok(errors.includes('cancelled'), `the others were not: ${errors.join(',')}`);
    assert.ok((await page.getByTestId('inspected-files').innerText()).includes(en['certificates.inspect.error.cancelled']));
    await progress.waitFor({ state: 'detached' });
    assert.equal(liveInspectWorkers(), 0, 'no inspection worker left');
  });

  test('no script error on the way', () => {
    assert.deepEqual(s.errors, []);
  });
});

/**
 * On a par with KeyStore Explorer and certlm.msc: the chain tree and its verdict, both thumbprints, key
 * usage, the export of any certificate (a download the test reads back), the batch line and the new
 * errors at the top; and the layout at the jump host's 1366×768 and at 1920×1080, in English and French:
 * the details open, Expires and Thumbprint stay in the table, the details' values keep the panel's width.
 */
for (const lang of ['en', 'fr'] as const) {
  describe(`Certificates screen, ${lang}: the chain, the export, the batch line, the layout at 1366 and 1920`, () => {
    let s: ConsoleSession;
    let dir: string;
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), 'umc-cert-ui-kse-'));
      makeFixtures(dir);
      // The same chain root first: wrong order.
      writeFileSync(join(dir, 'root-first.pem'), Buffer.concat([readFileSync(join(dir, 'ca.pem')), readFileSync(join(dir, 'um.pem'))]));
      s = await openConsole({ locale: lang === 'fr' ? 'fr-FR' : 'en-US', viewport: { width: 1366, height: 768 } });
    });
    after(async () => {
      await s?.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** What does not fit, measured in the DOM: page overflow, table columns past their table, clipped chips, squeezed or tall detail values. */
    const layoutProblems = () =>
      s.page.evaluate(() => {
        const out: string[] = [];
        const doc = document.scrollingElement!;
        if (doc.scrollWidth > doc.clientWidth + 1) out.push(`page ${doc.scrollWidth} > ${doc.clientWidth}`);
        for (const table of document.querySelectorAll('[data-testid="cert-group"] table')) {
          const box = table.parentElement!.getBoundingClientRect();
          if (table.parentElement!.scrollWidth > table.parentElement!.clientWidth + 1) out.push('a table scrolls sideways');
          for (const th of table.querySelectorAll('thead th')) {
            if (getComputedStyle(th).display === 'none') continue;
            const r = th.getBoundingClientRect();
            if (r.right > box.right + 1 || r.width < 40) out.push(`column "${th.textContent}" out of its table (${Math.round(r.right)} > ${Math.round(box.right)})`);
          }
        }
        for (const label of document.querySelectorAll('[data-testid="cert-group"] .MuiChip-label, [data-testid="cert-details"] .MuiChip-label'))
          if (label.scrollWidth > label.clientWidth + 1) out.push(`chip clipped: ${label.textContent}`);
        const dl = document.querySelector('[data-testid="cert-details"] dl[data-layout]');
        if (dl) {
          const width = dl.getBoundingClientRect().width;
          for (const dd of dl.querySelectorAll(':scope > dd')) {
            const r = dd.getBoundingClientRect();
            if (r.width < 0.9 * width) out.push(`value squeezed to ${Math.round(r.width)} of ${Math.round(width)}: ${dd.textContent?.slice(0, 40)}`);
            const lines = Math.round(r.height / parseFloat(getComputedStyle(dd).lineHeight || '18'));
            if (lines > 2 && !dd.querySelector('.MuiChip-root') && dd.textContent!.length < 90) out.push(`${lines} lines: ${dd.textContent}`);
          }
        }
        return out;
      });

    test('the inventory with the details open: Expires and Thumbprint in the table, values at full width, at 1366 and 1920', async () => {
      const { page } = s;
      await page.getByTestId('nav-certificates').click();
      await page.locator('[data-testid="cert-row"]').first().waitFor({ timeout: 20000 });
      await page.locator('[data-testid="cert-row"][data-thumbprint="4F95A31A19436FBFA001D6E85A9DC7960DFC9863"]').click();
      await page.getByTestId('cert-details').waitFor();
      for (const [width, height] of [
        [1366, 768],
        [1920, 1080],
      ]) {
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(100); // a resize is laid out on the next frame
        assert.deepEqual(await layoutProblems(), [], `${lang} ${width}`);
        // The thumbprint of the selected row is shown whole, in the table.
        const row = page.locator('[data-testid="cert-row"][data-thumbprint="4F95A31A19436FBFA001D6E85A9DC7960DFC9863"]');
        assert.ok((await row.innerText()).replace(/\s+/g, '').includes('4F95A31A19436FBFA001D6E85A9DC7960DFC9863'));
        // What stops if it expires, and its renewal (a UM Call Router certificate: MSExchangeUMCR restarted).
        const renewal = page.locator('[data-testid="cert-details"] [data-testid="renewal"]');
        assert.equal(await renewal.getAttribute('data-purpose'), 'um');
        assert.match(await renewal.innerText(), /Restart-Service/);
        assert.match(await renewal.innerText(), /MSExchangeUMCR/);
        await page.screenshot({ path: join(SCREENS, `certificates-details-${lang}-${width}.png`) });
      }
      await page.setViewportSize({ width: 1366, height: 768 });
    });

    test('the chain as a tree with its verdict; both thumbprints and key usage; the batch line and the new errors at the top', async () => {
      const { page } = s;
      await page.getByTestId('cert-tab-inspect').click();
      await page.getByTestId('inspect-files').setInputFiles(['um-chain.pem', 'root-first.pem', 'um.pem', 'garbage.cer'].map((f) => join(dir, f)));
      await page.waitForFunction(() => {
        const files = [...document.querySelectorAll('[data-testid="inspected-file"]')];
        return files.length === 4 && files.every((f) => f.getAttribute('data-state') === 'done');
      });
      const file = (name: string) => page.locator(`[data-testid="inspected-file"][data-file="${name}"]`);
      assert.equal(await file('um-chain.pem').getByTestId('chain-verdict').getAttribute('data-verdict'), 'complete');
      const nodes = await file('um-chain.pem')
        .getByTestId('chain-node')
        .evaluateAll((els) => els.map((e) => `${e.getAttribute('data-index')}:${e.getAttribute('data-signature')}`));
      assert.deepEqual(nodes, ['1:valid', '0:valid'], 'the root (2nd in the file) on top, the leaf under it');
      assert.equal(await file('root-first.pem').getByTestId('chain-verdict').getAttribute('data-verdict'), 'wrong-order');
      assert.equal(await file('um.pem').getByTestId('chain-verdict').getAttribute('data-verdict'), 'root-missing');
      const text = await file('um-chain.pem').innerText();
      assert.match(text, /[0-9A-F]{64}/, 'SHA-256');
      assert.match(text, /[0-9A-F]{40}/, 'SHA-1');
      assert.match(text, /keyCertSign, cRLSign/);
      // The batch line, and the file that could not be read named at the top, focused and in view.
      const summary = await page.getByTestId('inspect-summary').innerText();
      assert.equal(summary, lang === 'fr' ? '4 fichiers\u00a0: 3 lus, 1 refusé' : '4 files: 3 read, 1 refused');
      const alert = page.getByTestId('inspect-new-errors');
      assert.match(await alert.innerText(), /garbage\.cer/);
      assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('data-testid')), 'inspect-new-errors');
      const box = (await alert.boundingBox())!;
      assert.ok(box.y >= 0 && box.y + box.height <= 768, `the alert is in view: ${JSON.stringify(box)}`);
      await page.screenshot({ path: join(SCREENS, `certificates-chain-${lang}-1366.png`) });
      if (lang === 'fr') {
        const words = englishWordsIn(await file('um-chain.pem').getByTestId('chain').innerText(), ['Contoso', 'Test', 'Root', 'CA']);
        assert.deepEqual(words, []);
      }
    });

    test('any certificate exports as PEM or DER: a download with the certificate’s own bytes', async () => {
      const { page } = s;
      const root = page.locator('[data-testid="inspected-file"][data-file="um-chain.pem"] [data-testid="inspected-cert"]').nth(1);
      const [der] = await Promise.all([page.waitForEvent('download'), root.getByTestId('export-der').click()]);
      assert.equal(der.suggestedFilename(), 'Contoso_Test_Root_CA.cer');
      const derBytes = readFileSync((await der.path())!);
      assert.ok(derBytes.equals(execFileSync('openssl', ['x509', '-in', join(dir, 'ca.pem'), '-outform', 'DER'])));
      const leaf = page.locator('[data-testid="inspected-file"][data-file="um-chain.pem"] [data-testid="inspected-cert"]').first();
      const [pem] = await Promise.all([page.waitForEvent('download'), leaf.getByTestId('export-pem').click()]);
      assert.equal(pem.suggestedFilename(), 'um01.contoso.com.pem');
      const pemText = readFileSync((await pem.path())!, 'utf8');
      assert.ok(execFileSync('openssl', ['x509', '-outform', 'DER'], { input: pemText }).equals(execFileSync('openssl', ['x509', '-in', join(dir, 'um.pem'), '-outform', 'DER'])));
    });

    test('no script error on the way', () => {
      assert.deepEqual(s.errors, []);
    });
  });
}
