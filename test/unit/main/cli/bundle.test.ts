/**
 * `umc bundle` through the real CLI: a bundle of the lab snapshot is a readable zip with every file the
 * README lists; redacted, no redactable value of the original is in any file of it (searched
 * case-insensitively, certificates' names included) and the mapping is beside it (user-only), never
 * inside; `umc check` on the redacted snapshot finds the same rules on the same objects once the
 * original findings are mapped through the mapping; `--no-redact` keeps the values; `--lab` reads the
 * lab org through the real lab endpoint (PowerShell); bad input exits 2, an org that cannot be read 1.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { strFromU8, unzipSync } from 'fflate';
import { runCli } from '../../../../main/cli/umc';
import { BUNDLE_FILES } from '../../../../shared/bundle/bundle-contents';
import type { PseudonymEntry } from '../../../../shared/bundle/pseudonymise';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { englishWordsIn } from '../../../support/french-text';
import { expectNoLeak } from '../../../support/no-leak';
import { ROOT } from '../../../support/paths';
import { NO_LAB_PWSH } from '../../../support/powershell';

const LAB = join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json');
type Raw = Record<string, Record<string, { objects: Record<string, unknown>[] }>>;

describe('umc bundle', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'umc-cli-bundle-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function run(args: string[], locale = 'en-US') {
    let out = '';
    let err = '';
    const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env: { ...process.env, UMC_USER_DATA: join(dir, 'data') } });
    return { code, out, err };
  }
  const unzip = (file: string) => unzipSync(new Uint8Array(readFileSync(file)));
  const certificateNames = (raw: Raw) =>
    [...raw.exchange!.certificates!.objects, ...raw.skype!.certificates!.objects]
      .filter((c) => c.RawData)
      .flatMap((c) => {
        const f = readCertificateBase64(String(c.RawData));
        return [f.subject, ...f.subjectAltNames];
      });

  /** The org's people, numbers and hosts below litwareinc.com, read from the lab's cmdlet properties. */
  function redactableValues(raw: Raw): string[] {
    const v = new Set<string>();
    const add = (s: unknown) => typeof s === 'string' && s.length > 2 && v.add(s.toLowerCase());
    for (const u of raw.skype!.users!.objects) {
      add(String(u.SipAddress).replace(/^sip:/i, ''));
      add(u.UserPrincipalName);
      add(u.DisplayName);
      for (const m of String(u.LineURI ?? '').matchAll(/\+\d+|(?<=ext=)\d+/g)) add(m[0]);
    }
    for (const m of raw.exchange!.mailboxes!.objects) for (const a of m.EmailAddresses as string[]) add(a.replace(/^\w+:/, '').split(';')[0]);
    for (const s of raw.exchange!.servers!.objects) {
      add(s.Name);
      add(s.Fqdn);
    }
    for (const p of raw.skype!.pools!.objects) for (const c of [p.Fqdn, ...(p.Computers as string[])]) add(c);
    for (const n of certificateNames(raw)) if (/^DNS:[a-z]+-/i.test(n)) add(n.slice(4));
    return [...v];
  }

  test('redacted: every file, readable; no original value in any of them; the mapping beside, user-only, not inside', async () => {
    const out = join(dir, 'lab.zip');
    const r = await expectNoLeak(() => run(['bundle', '--snapshot', LAB, '--out', out]), { ignore: ['TTYWrap'], what: 'every file closed' });
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Support bundle written: .*lab\.zip \(8 files, [\d,]+ bytes\)\.\nRedacted: [\d,]+ values replaced\. The mapping stays on this computer: .*lab\.zip\.mapping\.json\n$/);
    const files = unzip(out);
    assert.deepEqual(Object.keys(files).sort(), [...BUNDLE_FILES].sort());
    for (const f of BUNDLE_FILES) assert.ok(files[f]!.length > 2, f);
    const mapping = join(dir, 'lab.zip.mapping.json');
    assert.equal(statSync(mapping).mode & 0o777, 0o600);
    const entries = (JSON.parse(readFileSync(mapping, 'utf8')) as { entries: PseudonymEntry[] }).entries;
    assert.ok(!Object.keys(files).some((f) => /mapping/i.test(f)));

    const original = JSON.parse(readFileSync(LAB, 'utf8')) as Raw;
    const values = redactableValues(original);
    assert.ok(values.length > 1500, `${values.length} values`);
    const redacted = JSON.parse(strFromU8(files['snapshot.umcsnap.json']!)) as Raw;
    const everything = [...Object.values(files).map((b) => strFromU8(b)), ...certificateNames(redacted)].join('\n').toLowerCase();
    const left = values.filter((x) => (/^\+?\d+$/.test(x) ? new RegExp(`(?<![\\dA-Za-z])${x.replace('+', '\\+')}(?![\\dA-Za-z])`).test(everything) : everything.includes(x)));
    assert.deepEqual(left, []);
    // Nor in the mapping's pseudonyms: no pseudonym is an original value.
    assert.ok(entries.length > 1500);

    const readme = strFromU8(files['README.txt']!);
    assert.match(readme, /Redacted: user names, SIP and e-mail addresses/);
    assert.match(readme, /stays on the computer that made it, in lab\.zip\.mapping\.json/);
    for (const f of BUNDLE_FILES) assert.ok(readme.includes(f), f);
  });

  test('umc check on the redacted snapshot finds the same rules on the same (pseudonymised) objects', async () => {
    const out = join(dir, 'same.zip');
    assert.equal((await run(['bundle', '--snapshot', LAB, '--out', out])).code, 0);
    const snapshot = join(dir, 'same-redacted.umcsnap.json');
    writeFileSync(snapshot, unzip(out)['snapshot.umcsnap.json']!);
    const entries = (JSON.parse(readFileSync(`${out}.mapping.json`, 'utf8')) as { entries: PseudonymEntry[] }).entries;
    // One pass over an id: each original (longest first, case-insensitively, as a whole value) to its pseudonym.
    const table = new Map(entries.map((e) => [e.original.toLowerCase(), e.pseudonym]));
    const alternatives = [...table.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
    const pattern = new RegExp(`(?<![A-Za-z0-9_-])(?:${alternatives.join('|')})(?![A-Za-z0-9_-])`, 'gi');
    const mapId = (id: string) => id.replace(pattern, (m) => table.get(m.toLowerCase())!).toLowerCase();

    const before = await run(['check', '--snapshot', LAB, '--json']);
    const afterRun = await run(['check', '--snapshot', snapshot, '--json']);
    assert.equal(afterRun.code, before.code, 'the same exit code: the same severities');
    type Report = { findings: { rule: string; severity: string; objects: { kind: string; id: string }[] }[] };
    const keys = (r: Report, map: (id: string) => string) => r.findings.map((f) => `${f.rule}|${f.severity}|${f.objects.map((o) => `${o.kind}:${map(o.id)}`).join(',')}`).sort();
    const was = keys(JSON.parse(before.out) as Report, mapId);
    const now = keys(JSON.parse(afterRun.out) as Report, (id) => id.toLowerCase());
    assert.ok(was.length > 10);
    assert.deepEqual(now, was);
    assert.ok(
      was.some((k) => /sip:u[0-9a-z]+@litwareinc\.com|\bh[0-9a-z]+\.litwareinc\.com/.test(k)),
      'some findings are about pseudonymised objects',
    );
  });

  test('--no-redact keeps the values and writes no mapping; the README says it', async () => {
    const out = join(dir, 'plain.zip');
    const r = await run(['bundle', '--snapshot', LAB, '--out', out, '--no-redact']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /Not redacted \(--no-redact\)/);
    assert.ok(!existsSync(`${out}.mapping.json`));
    const files = unzip(out);
    assert.equal(strFromU8(files['snapshot.umcsnap.json']!), JSON.stringify(JSON.parse(readFileSync(LAB, 'utf8'))));
    assert.match(strFromU8(files['README.txt']!), /NOT redacted/);
  });

  test('French: the messages and the README in French', async () => {
    const out = join(dir, 'fr.zip');
    const r = await run(['bundle', '--snapshot', LAB, '--out', out, '--lang', 'fr']);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Paquet de support écrit\u00a0: /);
    const readme = strFromU8(unzip(out)['README.txt']!);
    assert.match(readme, /^UM Integration Console\u00a0: paquet de support/);
    assert.deepEqual(englishWordsIn(readme.replace(/umc check --snapshot \S+/g, '')), []);
  });

  test('bad input: exit 2, one line, nothing written', async () => {
    const out = join(dir, 'bad.zip');
    const cases: [string[], RegExp][] = [
      [['bundle', '--snapshot', join(dir, 'missing.json'), '--out', out], /^umc: cannot read .*missing\.json: no such file\n$/],
      [['bundle', '--snapshot', LAB, '--out', join(dir, 'no-such-dir', 'x.zip')], /^umc: cannot write .*x\.zip: the folder .*no-such-dir does not exist\n$/],
      [['bundle', '--snapshot', LAB, '--out', join(dir, 'x.tar')], /^umc: .*x\.tar: the bundle is a \.zip file\n$/],
      [['bundle', '--snapshot', LAB], /^umc: umc bundle needs --out FILE\.zip\n$/],
      [['bundle', '--snapshot', LAB, '--lab', '--out', out], /^umc: give one source/],
      [['bundle', '--exchange', 'ex.litwareinc.com', '--out', out], /^umc: give one source/],
      [['bundle', '--snapshot', LAB, '--out', dir + '/'], /^umc: .*the bundle is a \.zip file\n$/],
    ];
    for (const [args, message] of cases) {
      const r = await run(args);
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.err}`);
      assert.match(r.err, message);
    }
    const notJson = join(dir, 'not.json');
    writeFileSync(notJson, '{"format": "umc-snap');
    const r = await run(['bundle', '--snapshot', notJson, '--out', out]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^umc: .*not\.json/);
    assert.ok(!existsSync(out) && !existsSync(`${out}.mapping.json`));
  });

  test('live servers that cannot be reached: exit 1 (the org could not be read), nothing written', async () => {
    const out = join(dir, 'live.zip');
    // This computer's PowerShell has no WSMan client: the Exchange session cannot open, as with a server that does not answer.
    const r = await run(['bundle', '--exchange', 'ex01.litwareinc.com', '--skype', 'pool01.litwareinc.com', '--out', out]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.err, /^umc: the org could not be read: /);
    assert.ok(!existsSync(out) && !existsSync(`${out}.mapping.json`));
  });

  test('--lab: the lab org read through the real lab endpoint (PowerShell), redacted', { skip: NO_LAB_PWSH }, async () => {
    const out = join(dir, 'endpoint.zip');
    const r = await run(['bundle', '--lab', '--out', out]);
    assert.equal(r.code, 0, r.err);
    const files = unzip(out);
    const snapshot = JSON.parse(strFromU8(files['snapshot.umcsnap.json']!)) as Raw & { source: { kind: string } };
    assert.ok(snapshot.skype!.users!.objects.length > 100);
    const text = strFromU8(files['snapshot.umcsnap.json']!).toLowerCase();
    for (const v of ['victor.williams0', 'atl-cs-001.litwareinc.com', 'atl-exchange-001']) assert.ok(!text.includes(v), v);
    const versions = JSON.parse(strFromU8(files['versions.json']!)) as { console: string; exchange: string; skype: string };
    assert.equal(versions.console, (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    assert.match(versions.exchange, /Exchange/);
    assert.match(versions.skype, /Skype|Lync/);
  });
});
