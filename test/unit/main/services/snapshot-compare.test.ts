/**
 * Cause attribution on the lab org (docs/changes.md), judged by the real rule engine as `umc check`
 * judges it: the changes a real admin makes — a dial plan's VoIPSecurity (Set-UMDialPlan -VoIPSecurity),
 * a gateway's Address (Set-UMIPGateway -Address), a gateway enabled (Enable-UMIPGateway) — and the
 * findings they make appear or resolve, each naming that property and that rule.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import type { RawSnapshot } from '../../../../shared/snapshot/format';
import { causeText } from '../../../../shared/snapshot/snapshot-diff-text';
import { compareSnapshotFiles, compareSnapshots } from '../../../../main/services/snapshot-compare';
import { SnapshotLoadError } from '../../../../main/services/snapshot-loader';
import { ROOT } from '../../../support/paths';

type Mutable = Record<string, any>;
const LAB_TEXT = readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8');
const lab = (capturedAt: string): Mutable => ({ ...JSON.parse(LAB_TEXT), capturedAt });
const find = (s: Mutable, section: string, name: string): Mutable => s.exchange[section].objects.find((o: Mutable) => o.Name === name);
const dir = mkdtempSync(join(tmpdir(), 'umc-compare-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('cause attribution on the lab org', () => {
  const before = lab('2026-12-01T09:00:00.000Z');
  const afterChange = lab('2026-12-03T09:00:00.000Z');
  // Set-UMDialPlan Litware-SIP-Branch -VoIPSecurity Secured; Set-UMIPGateway PBX-ATL -Address 192.168.10.5 (the SBC's address); Enable-UMIPGateway PBX-DAL.
  find(afterChange, 'dialPlans', 'Litware-SIP-Branch').VoIPSecurity = 'Secured';
  find(afterChange, 'ipGateways', 'PBX-ATL').Address = '192.168.10.5';
  find(afterChange, 'ipGateways', 'PBX-DAL').Status = 'Enabled';
  const r = compareSnapshots(before as unknown as RawSnapshot, afterChange as unknown as RawSnapshot);
  const appeared = (rule: string) => r.findings.appeared.filter((f) => f.finding.rule === rule);
  const resolved = (rule: string) => r.findings.resolved.filter((f) => f.finding.rule === rule);

  test('three objects changed, property by property in the cmdlets’ names', () => {
    assert.deepEqual(r.counts, { added: 0, removed: 0, changed: 3, notCompared: 0 });
    const gateways = r.sections.find((s) => s.section === 'exchange.ipGateways')!;
    assert.equal(gateways.cmdlet, 'Get-UMIPGateway');
    assert.deepEqual(gateways.changed.map((c) => [c.label, c.properties.map((p) => `${p.property}: ${p.old} → ${p.new}`)]).sort(), [
      ['PBX-ATL', ['Address: 10.0.0.50 → 192.168.10.5']],
      ['PBX-DAL', ['Status: Disabled → Enabled']],
    ]);
  });
  test('R-D-02 resolved and R-D-03 appeared, both by VoIPSecurity of Litware-SIP-Branch', () => {
    const [d02] = resolved('R-D-02');
    const [d03] = appeared('R-D-03');
    assert.ok(d02 && d03, 'R-D-02 resolved, R-D-03 appeared');
    for (const f of [d02, d03]) {
      assert.equal(f.causes[0]!.match, 'named');
      assert.equal(f.causes[0]!.object.label, 'Litware-SIP-Branch');
      assert.deepEqual(
        f.causes[0]!.properties.map((p) => [p.property, p.old, p.new]),
        [['VoIPSecurity', 'SIPSecured', 'Secured']],
      );
    }
    assert.deepEqual(causeText('en', d03.causes[0]!, r), ['VoIPSecurity of Litware-SIP-Branch changed SIPSecured → Secured (between the captures of 1 Dec 2026, 09:00 UTC and 3 Dec 2026, 09:00 UTC)']);
  });
  test('R-G-08 appeared: two gateways on one address, caused by the Address of PBX-ATL', () => {
    const [g08] = appeared('R-G-08');
    assert.ok(g08, 'R-G-08 appeared');
    const cause = g08.causes.find((c) => c.object.label === 'PBX-ATL')!;
    assert.equal(cause.match, 'named');
    assert.deepEqual(
      cause.properties.map((p) => p.property),
      ['Address'],
    );
  });
  test('R-G-09 resolved by the Status of PBX-DAL', () => {
    const [g09] = resolved('R-G-09');
    assert.ok(g09, 'R-G-09 resolved');
    assert.deepEqual(
      g09.causes.map((c) => [c.object.label, c.properties.map((p) => `${p.property} ${p.old} → ${p.new}`)]),
      [['PBX-DAL', ['Status Disabled → Enabled']]],
    );
  });
  test('the findings no change touched are neither appeared nor resolved', () => {
    const rules = new Set([...r.findings.appeared, ...r.findings.resolved].map((f) => f.finding.rule));
    for (const untouched of ['R-O-01', 'R-O-05', 'R-G-13', 'R-D-09']) assert.ok(!rules.has(untouched), untouched);
  });
});

describe('files', () => {
  test('a missing file, a file that is not JSON, and one that is not a snapshot: a message naming the file', async () => {
    const good = join(dir, 'good.json');
    writeFileSync(good, LAB_TEXT);
    const truncated = join(dir, 'truncated.json');
    writeFileSync(truncated, LAB_TEXT.slice(0, 500));
    const other = join(dir, 'other.json');
    writeFileSync(other, '{"format":"something-else"}');
    for (const [a, b, file] of [
      [good, join(dir, 'missing.json'), 'missing.json'],
      [truncated, good, 'truncated.json'],
      [good, other, 'other.json'],
    ] as const) {
      await assert.rejects(compareSnapshotFiles(a, b), (e: unknown) => e instanceof SnapshotLoadError && e.render('en').includes(file) && e.render('fr').includes(file));
    }
  });
});
