/**
 * The snapshot diff on raw captures (docs/changes.md): set semantics, the noise list, identity per
 * section (Guid first, then the natural key), sections not read, value forms of the two PowerShell
 * editions, and the findings appeared / resolved with their causes (named, read, none, not judged).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import type { RawSnapshot } from '../../../../shared/snapshot/format';
import { compareFindings, diffSnapshots, type SectionDiff, valueText } from '../../../../shared/snapshot/snapshot-diff';
import { IDENTITY_RULES, NOISE_PROPERTIES } from '../../../../shared/snapshot/snapshot-diff-rules';
import { ROOT } from '../../../support/paths';

type Mutable = Record<string, any>;
const LAB = JSON.parse(readFileSync(join(ROOT, 'assets', 'lab', 'litwareinc.umcsnap.json'), 'utf8')) as RawSnapshot;
const copy = (): Mutable => structuredClone(LAB) as unknown as Mutable;
const objects = (s: Mutable, product: 'exchange' | 'skype', section: string): Mutable[] => s[product][section].objects;
const named = (s: Mutable, product: 'exchange' | 'skype', section: string, name: string): Mutable =>
  objects(s, product, section).find((o) => o.Name === name || o.Identity === name || o.SipAddress === name)!;
const section = (d: { sections: readonly SectionDiff[] }, key: string) => d.sections.find((s) => s.section === key)!;
const diff = (a: Mutable, b: Mutable) => diffSnapshots(a as unknown as RawSnapshot, b as unknown as RawSnapshot);

describe('no change', () => {
  test('a snapshot against itself: every section compared, nothing added, removed or changed', () => {
    const d = diff(copy(), copy());
    assert.deepEqual(d.counts, { added: 0, removed: 0, changed: 0, notCompared: 0 });
    assert.equal(d.sections.length, 29);
    assert.ok(d.sections.every((s) => s.status === 'compared'));
  });
  test('objects returned in another order are no change', () => {
    const b = copy();
    for (const p of ['exchange', 'skype'] as const) for (const s of Object.keys(b[p])) b[p][s].objects.reverse();
    assert.equal(diff(copy(), b).counts.changed + diff(copy(), b).counts.added, 0);
  });
});

describe('sets and lists', () => {
  test('a multi-valued property reordered is no change; an element added is', () => {
    const a = copy();
    named(a, 'exchange', 'dialPlans', 'Litware-SIP-Secured').UMServers = ['atl-ex-002', 'dal-ex-003'];
    const b = structuredClone(a);
    const dp = named(b, 'exchange', 'dialPlans', 'Litware-SIP-Secured');
    dp.UMServers = ['dal-ex-003', 'atl-ex-002'];
    const cert = objects(b, 'skype', 'certificates')[0]!;
    assert.ok(cert.AlternativeNames.length >= 2);
    cert.AlternativeNames = [...cert.AlternativeNames].reverse();
    assert.equal(diff(a, b).counts.changed, 0);
    dp.AccessTelephoneNumbers = [...dp.AccessTelephoneNumbers, '+14255550199'];
    const c = section(diff(a, b), 'exchange.dialPlans').changed;
    assert.equal(c.length, 1);
    assert.deepEqual(
      c[0]!.properties.map((p) => [p.property, p.kind, p.added, p.removed]),
      [['AccessTelephoneNumbers', 'set', ['+14255550199'], []]],
    );
  });
  test('NormalizationRules are a list: the first match wins, so a reorder is a change', () => {
    const b = copy();
    const dp = objects(b, 'skype', 'dialPlans')[0]!;
    dp.NormalizationRules = [...dp.NormalizationRules, 'Description=;Pattern=^(\\d{4})$;Translation=+1425555$1;Name=Four;IsInternalExtension=True'];
    const a = structuredClone(b);
    dp.NormalizationRules.reverse();
    const p = section(diff(a, b), 'skype.dialPlans').changed[0]!.properties[0]!;
    assert.equal(p.property, 'NormalizationRules');
    assert.equal(p.kind, 'list');
  });
});

describe('noise', () => {
  test('WhenChanged, remoting members, SerializationData and the run metadata alone are no change', () => {
    const b = copy();
    b.capturedAt = '2026-12-03T09:00:00.000Z';
    b.source = { kind: 'live', label: 'other', powerShellVersion: '7.4' };
    for (const o of objects(b, 'exchange', 'ipGateways')) {
      o.WhenChanged = '/Date(1800000000000)/';
      o.RunspaceId = '00000000-0000-0000-0000-000000000000';
      o.PSComputerName = 'dal-ex-003.litwareinc.com';
      o.SerializationData = 'AAEAAAD/////AQAAAAAAAAA=';
    }
    objects(b, 'exchange', 'servers')[0]!.RemainingTrialPeriod = '00:00:00';
    b.exchange.ipGateways.command = 'Get-UMIPGateway -IncludeSimulator';
    b.exchange.ipGateways.notes = [{ text: 'note' }];
    assert.deepEqual(diff(copy(), b).counts, { added: 0, removed: 0, changed: 0, notCompared: 0 });
  });
  test('the noise list names each property once, and docs/changes.md lists exactly it', () => {
    assert.equal(new Set(NOISE_PROPERTIES.map((p) => p.toLowerCase())).size, NOISE_PROPERTIES.length);
    assert.ok(NOISE_PROPERTIES.includes('WhenChanged') && NOISE_PROPERTIES.includes('UmcQueriedServer'));
    const doc = readFileSync(join(ROOT, 'docs', 'changes.md'), 'utf8');
    const table = doc.slice(doc.indexOf('### Noise'), doc.indexOf('### Sections not read'));
    const documented = [...table.matchAll(/^\| (.+?) \|/gm)].flatMap((m) => [...m[1]!.matchAll(/`(\w+)`/g)].map((x) => x[1]!));
    assert.deepEqual([...documented].sort(), [...NOISE_PROPERTIES].sort());
  });
  test('the same instant and the same enum in the forms of PowerShell 5.1 and 7 are one value', () => {
    assert.equal(valueText('/Date(1795167000000)/'), valueText('2026-11-20T09:30:00+00:00'));
    assert.equal(valueText('\\/Date(1795167000000)\\/'), '2026-11-20T09:30:00.000Z');
    assert.equal(valueText({ value: 2, Value: 'SIPSecured' }), 'SIPSecured');
    assert.equal(valueText(true), valueText('True'));
    assert.equal(valueText(5061), valueText('5061'));
    assert.notEqual(valueText('Secured'), valueText('SIPSecured'));
  });
});

describe('identity', () => {
  test('a renamed gateway keeps its Guid: one object whose Name changed, labelled by its new name', () => {
    const b = copy();
    const gw = objects(b, 'exchange', 'ipGateways')[0]!;
    const oldName = gw.Name as string;
    gw.Name = 'Litware-Renamed';
    gw.Identity = 'Litware-Renamed';
    const s = section(diff(copy(), b), 'exchange.ipGateways');
    assert.deepEqual([s.added.length, s.removed.length, s.changed.length], [0, 0, 1]);
    assert.equal(s.changed[0]!.label, 'Litware-Renamed');
    assert.equal(s.changed[0]!.oldLabel, oldName);
    assert.ok(s.changed[0]!.properties.some((p) => p.property === 'Name' && p.old === oldName && p.new === 'Litware-Renamed'));
    // Both names are refs: a finding on either side names this object.
    assert.deepEqual(s.changed[0]!.refs.map((r) => r.id).sort(), ['Litware-Renamed', oldName].sort());
  });
  test('without a Guid (Skype objects), a rename is one removed and one added', () => {
    const b = copy();
    const contact = objects(b, 'skype', 'exUmContacts')[0]!;
    contact.Identity = 'CN={00000000-1111-2222-3333-444444444444},OU=Renamed';
    const s = section(diff(copy(), b), 'skype.exUmContacts');
    assert.deepEqual([s.added.length, s.removed.length, s.changed.length], [1, 1, 0]);
  });
  test('the same name with another Guid is a new object: removed and added', () => {
    const b = copy();
    const dp = named(b, 'exchange', 'dialPlans', 'Litware-SIP-Branch');
    dp.Guid = '11111111-2222-3333-4444-555555555555';
    const s = section(diff(copy(), b), 'exchange.dialPlans');
    assert.deepEqual([s.added.length, s.removed.length, s.changed.length], [1, 1, 0]);
  });
  test('hunt groups are matched by gateway\\name: two groups of one name on two gateways stay two', () => {
    const hg = objects(copy(), 'exchange', 'huntGroups');
    const keys = hg.map((o) => IDENTITY_RULES['exchange.huntGroups']!(o));
    assert.equal(new Set(keys).size, hg.length);
  });
  test('a permission entry has no identity: a change is one removed and one added', () => {
    const b = copy();
    objects(b, 'exchange', 'permissions')[0]!.AccessRights = 'GenericAll';
    const s = section(diff(copy(), b), 'exchange.permissions');
    assert.deepEqual([s.added.length, s.removed.length, s.changed.length], [1, 1, 0]);
  });
  test('the empty Guid, or one Guid on several objects, identifies nothing: per-server settings reordered are no change', () => {
    const a = copy();
    for (const o of objects(a, 'exchange', 'umServices')) o.Guid = '00000000-0000-0000-0000-000000000000';
    // Another order, as two captures of the servers answer: the first object is no longer the last.
    const rotate = (x: Mutable) => x.exchange.umServices.objects.push(x.exchange.umServices.objects.shift());
    const b = structuredClone(a);
    rotate(b);
    assert.ok(objects(a, 'exchange', 'umServices').length > 1);
    assert.deepEqual(section(diff(a, b), 'exchange.umServices').changed, []);
    for (const o of objects(a, 'exchange', 'umServices')) o.Guid = '5b1c2d3e-0000-4000-8000-000000000001';
    const c = structuredClone(a);
    rotate(c);
    const d = section(diff(a, c), 'exchange.umServices');
    assert.deepEqual([d.added.length, d.removed.length, d.changed.length], [0, 0, 0]);
  });
  test('every section of the format has an identity rule', () => {
    for (const p of ['exchange', 'skype'] as const) for (const s of Object.keys(LAB[p])) assert.ok(IDENTITY_RULES[`${p}.${s}`], `${p}.${s}`);
  });
});

describe('sections not read', () => {
  test('a section not read on one side is "not compared", never "all removed"', () => {
    const b = copy();
    b.skype.users = { command: b.skype.users.command, objects: [], status: 'not-read', notes: [{ text: 'Get-CsUser is not available', reason: 'unavailable' }] };
    delete b.exchange.permissions;
    const d = diff(copy(), b);
    const users = section(d, 'skype.users');
    assert.equal(users.status, 'not-compared');
    assert.equal(users.newStatus, 'not-read');
    assert.equal(users.removed.length, 0);
    assert.equal(section(d, 'exchange.permissions').newStatus, 'absent');
    assert.equal(d.counts.notCompared, 2);
    assert.equal(d.counts.removed, 0);
  });
  test('a partial side is compared and marked partial', () => {
    const b = copy();
    b.exchange.ipGateways.status = 'partial';
    b.exchange.ipGateways.objects.pop();
    const s = section(diff(copy(), b), 'exchange.ipGateways');
    assert.equal(s.status, 'partial');
    assert.equal(s.removed.length, 1);
  });
});

describe('findings appeared and resolved, with their causes', () => {
  const finding = (rule: string, objects: Diagnostic['objects'], severity: Diagnostic['severity'] = 'error'): Diagnostic => ({
    rule,
    severity,
    objects,
    message: { key: 'x', params: {} },
    fix: [],
    sources: [],
  });
  const b = copy();
  named(b, 'exchange', 'dialPlans', 'Litware-SIP-Branch').VoIPSecurity = 'Secured';
  const d = diff(copy(), b);
  test('matched by rule and the set of objects: the order a rule names them in is no change', () => {
    const one = finding('R-D-06', [
      { kind: 'umDialPlan', id: 'A' },
      { kind: 'umDialPlan', id: 'B' },
    ]);
    const other = finding('R-D-06', [
      { kind: 'umDialPlan', id: 'b' },
      { kind: 'umDialPlan', id: 'a' },
    ]);
    const r = compareFindings(d, { findings: [one], notJudged: [] }, { findings: [other], notJudged: [] });
    assert.deepEqual([r.findings.appeared.length, r.findings.resolved.length], [0, 0]);
  });
  test('named: the change of an object the finding names', () => {
    const f = finding('R-D-03', [
      { kind: 'umDialPlan', id: 'litware-sip-branch' },
      { kind: 'skypePool', id: 'red-sba-01.litwareinc.com' },
    ]);
    const r = compareFindings(d, { findings: [], notJudged: [] }, { findings: [f], notJudged: [] });
    const cause = r.findings.appeared[0]!.causes[0]!;
    assert.equal(cause.match, 'named');
    assert.equal(cause.object.label, 'Litware-SIP-Branch');
    assert.deepEqual(
      cause.properties.map((p) => [p.property, p.old, p.new]),
      [['VoIPSecurity', 'SIPSecured', 'Secured']],
    );
    assert.equal(r.hasChanges, true);
  });
  test('read: a change in a section the rule reads, when no named object changed', () => {
    const f = finding('R-D-01', [{ kind: 'umDialPlan', id: 'Other-Plan' }]);
    const r = compareFindings(d, { findings: [], notJudged: [] }, { findings: [f], notJudged: [] });
    assert.deepEqual(
      r.findings.appeared[0]!.causes.map((c) => [c.match, c.section]),
      [['read', 'exchange.dialPlans']],
    );
  });
  test('none: no change in what the rule reads (a certificate that expired as time passed)', () => {
    const f = finding('R-O-06', [{ kind: 'skypeCertificate', id: 'atl-fe-01|OAuthTokenIssuer' }]);
    const r = compareFindings(d, { findings: [f], notJudged: [] }, { findings: [], notJudged: [] });
    assert.deepEqual(r.findings.resolved[0]!.causes, []);
  });
  test('changed: the same rule on the same first object naming other objects beside it', () => {
    const server = { kind: 'exchangeServer', id: 'DAL-EX-003' } as const;
    const before = finding('R-D-06', [server, { kind: 'umDialPlan', id: 'Litware-SIP-Secured' }, { kind: 'umDialPlan', id: 'Litware-SIP-Branch' }]);
    const now = finding('R-D-06', [server, { kind: 'umDialPlan', id: 'Litware-SIP-Secured' }]);
    const r = compareFindings(d, { findings: [before], notJudged: [] }, { findings: [now], notJudged: [] });
    assert.deepEqual([r.findings.appeared.length, r.findings.resolved.length, r.findings.changed.length], [0, 0, 1]);
    assert.equal(r.findings.changed[0]!.causes[0]!.object.label, 'Litware-SIP-Branch');
  });
  test('a rule not judged on the other side is said so, not taken for a change', () => {
    const f = finding('R-G-01', [{ kind: 'umIpGateway', id: 'x' }]);
    const r = compareFindings(d, { findings: [], notJudged: ['R-G-01'] }, { findings: [f], notJudged: [] });
    assert.equal(r.findings.appeared[0]!.notJudgedOnOtherSide, true);
  });
  test('the result is plain JSON: it crosses IPC unchanged', () => {
    const r = compareFindings(d, { findings: [], notJudged: [] }, { findings: [], notJudged: [] });
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r);
  });
});
