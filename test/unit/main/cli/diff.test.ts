/**
 * `umc diff OLD NEW` and `umc check --since FILE` through the real CLI (docs/changes.md): exit 0 no
 * change, 1 changes, 2 bad input naming the file; --json the diff result; French with no English word.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import type { SnapshotDiffResult } from '../../../../shared/snapshot/snapshot-diff';
import { englishWordsIn } from '../../../support/french-text';
import { ROOT } from '../../../support/paths';

type Mutable = Record<string, any>;
const dir = mkdtempSync(join(tmpdir(), 'umc-diff-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const LAB_TEXT = readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8');
function snapshot(name: string, capturedAt: string, change: (s: Mutable) => void = () => {}): string {
  const s = { ...JSON.parse(LAB_TEXT), capturedAt } as Mutable;
  change(s);
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(s));
  return file;
}
const dialPlan = (s: Mutable, name: string) => s.exchange.dialPlans.objects.find((o: Mutable) => o.Name === name);

const monday = snapshot('monday.umcsnap.json', '2026-12-01T09:00:00.000Z');
const mondayAgain = snapshot('monday-again.umcsnap.json', '2026-12-02T09:00:00.000Z', (s) => {
  // Read again: other session, other WhenChanged, objects in another order: no change.
  for (const o of s.exchange.dialPlans.objects) o.RunspaceId = 'ffffffff-0000-0000-0000-000000000000';
  s.exchange.ipGateways.objects.reverse();
});
// Set-UMDialPlan Litware-SIP-Secured -VoIPSecurity Unsecured: R-D-04 (error) appears.
const wednesday = snapshot('wednesday.umcsnap.json', '2026-12-03T09:00:00.000Z', (s) => (dialPlan(s, 'Litware-SIP-Secured').VoIPSecurity = 'Unsecured'));

async function run(args: string[], locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env: { UMC_USER_DATA: join(dir, 'user-data') } });
  return { code, out, err };
}

describe('umc diff', () => {
  test('exit 0 when nothing changed (noise and order aside)', async () => {
    const r = await run(['diff', monday, mondayAgain]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /No change between the two captures\./);
    assert.equal(r.err, '');
  });
  test('exit 1 with the change by cmdlet, then the finding it made appear with its cause', async () => {
    const r = await run(['diff', monday, wednesday]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /== Get-UMDialPlan \(exchange\.dialPlans\) ==\n {2}~ Litware-SIP-Secured\n {6}VoIPSecurity: Secured → Unsecured\n/);
    assert.match(r.out, /findings? appeared ==/);
    assert.match(
      r.out,
      /R-D-04[^\n]*\n[^\n]*\n\s+Cause: VoIPSecurity of Litware-SIP-Secured changed Secured → Unsecured \(between the captures of 1 Dec 2026, 09:00 UTC and 3 Dec 2026, 09:00 UTC\); R-D-04 appeared/,
    );
  });
  test('--json: the diff result', async () => {
    const r = await run(['diff', monday, wednesday, '--json']);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.out) as SnapshotDiffResult;
    assert.equal(json.old.capturedAt, '2026-12-01T09:00:00.000Z');
    assert.equal(json.counts.changed, 1);
    assert.ok(json.findings.appeared.some((f) => f.finding.rule === 'R-D-04' && f.causes[0]?.properties[0]?.property === 'VoIPSecurity'));
  });
  test('exit 2, one line naming the file and what is wrong, in both languages', async () => {
    const truncated = join(dir, 'truncated.umcsnap.json');
    writeFileSync(truncated, LAB_TEXT.slice(0, 1000));
    const notSnapshot = join(dir, 'notes.json');
    writeFileSync(notSnapshot, '{"format":"something-else"}');
    for (const [args, what] of [
      [['diff', monday, join(dir, 'missing.umcsnap.json')], /missing\.umcsnap\.json: no such file/],
      [['diff', truncated, monday], /truncated\.umcsnap\.json.*JSON/],
      [['diff', monday, notSnapshot], /notes\.json.*not a UM Integration Console snapshot/],
      [['diff', monday], /needs two snapshot files/],
      [['diff', monday, wednesday, monday], /not 3/],
      [['diff', monday, wednesday, '--html'], /--html/],
    ] as const) {
      const r = await run([...args]);
      assert.equal(r.code, 2, args.join(' '));
      assert.equal(r.out, '');
      assert.match(r.err, /^umc: [^\n]+\n$/);
      assert.match(r.err, what);
    }
    const fr = await run(['diff', monday, join(dir, 'missing.umcsnap.json'), '--lang', 'fr']);
    assert.equal(fr.code, 2);
    assert.match(fr.err, /missing\.umcsnap\.json/);
    assert.deepEqual(englishWordsIn(fr.err), []);
    const fr2 = await run(['diff', monday, '--lang', 'fr']);
    assert.match(fr2.err, /deux fichiers/);
    assert.deepEqual(englishWordsIn(fr2.err), []);
  });
  test('French: the same diff with no English word', async () => {
    const r = await run(['diff', monday, wednesday, '--lang', 'fr']);
    assert.equal(r.code, 1);
    assert.match(r.out, /VoIPSecurity de Litware-SIP-Secured est passé de Secured à Unsecured \(entre les captures du 1 déc\. 2026, 09:00 UTC et du 3 déc\. 2026, 09:00 UTC\)/);
    assert.deepEqual(englishWordsIn(r.out), []);
    const same = await run(['diff', monday, mondayAgain], 'fr_FR.UTF-8');
    assert.match(same.out, /Aucun changement/);
    assert.deepEqual(englishWordsIn(same.out), []);
  });
});

describe('umc check --since', () => {
  test('only what appeared since that capture, with its cause; exit 1 when an error finding appeared', async () => {
    const r = await run(['check', '--snapshot', wednesday, '--since', monday]);
    assert.equal(r.code, 1, r.err);
    assert.match(r.out, /^New since .*monday\.umcsnap\.json \(captured 1 Dec 2026, 09:00 UTC\):\n/);
    assert.match(r.out, /R-D-04/);
    assert.match(r.out, /Cause: VoIPSecurity of Litware-SIP-Secured changed Secured → Unsecured/);
    // What was already there on Monday is not repeated.
    for (const old of ['R-O-01', 'R-G-13', 'R-D-09', 'R-X-03']) assert.doesNotMatch(r.out, new RegExp(old));
  });
  test('nothing new: one line, exit 0 — even though the org has error findings', async () => {
    const r = await run(['check', '--snapshot', mondayAgain, '--since', monday]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Nothing new since .*monday\.umcsnap\.json \(captured 1 Dec 2026, 09:00 UTC\)\.\n$/);
    const full = await run(['check', '--snapshot', mondayAgain]);
    assert.equal(full.code, 1, 'the org itself has error findings');
  });
  test('back to Secured: R-D-04 resolved is not printed; what Secured brings back is (R-G-07: the lab SBC is an IP literal)', async () => {
    const r = await run(['check', '--snapshot', monday, '--since', wednesday]);
    assert.equal(r.code, 1, r.err);
    assert.doesNotMatch(r.out, /R-D-04/);
    assert.match(r.out, /R-G-07[^\n]*\n[^\n]*\n\s+Cause: VoIPSecurity of Litware-SIP-Secured changed Unsecured → Secured/);
  });
  test('--json and --lang fr', async () => {
    const json = JSON.parse((await run(['check', '--snapshot', wednesday, '--since', monday, '--json'])).out) as { appeared: { finding: { rule: string } }[] };
    assert.ok(json.appeared.some((f) => f.finding.rule === 'R-D-04'));
    const fr = await run(['check', '--snapshot', wednesday, '--since', monday, '--lang', 'fr']);
    assert.match(fr.out, /^Nouveau depuis /);
    assert.deepEqual(englishWordsIn(fr.out), []);
  });
  test('a missing --since file: exit 2 naming it', async () => {
    const r = await run(['check', '--snapshot', wednesday, '--since', join(dir, 'gone.umcsnap.json')]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^umc: .*gone\.umcsnap\.json: no such file\n$/);
  });
});
