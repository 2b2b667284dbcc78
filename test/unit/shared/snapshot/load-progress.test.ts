/**
 * The partial org shown while the user sections are still being read (shared/snapshot/load-progress.ts):
 * those sections not-read with the note "still reading", so the rules that need them are not judged instead of
 * finding faults in data not read yet — on the shipped lab org, whose user rows hold real faults, every finding
 * of the partial org is one the whole org has too. And the progress model the panel and the status bar show.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { readCertificateBase64 } from '../../../../main/services/certificates/certificate-reader';
import { refKey } from '../../../../shared/model/org';
import { evaluateRules, notJudged } from '../../../../shared/rules/engine';
import { decodeSnapshot } from '../../../../shared/snapshot/decode';
import type { RawSection, RawSnapshot } from '../../../../shared/snapshot/format';
import {
  allSections,
  completedState,
  currentSection,
  objectsRead,
  pendingSnapshot,
  smallSectionsDone,
  startedProgress,
  STILL_READING_NOTE,
  USER_SECTIONS,
  withSection,
} from '../../../../shared/snapshot/load-progress';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';

const lab = JSON.parse(readFileSync(join(__dirname, '../../../../assets/lab/litwareinc.umcsnap.json'), 'utf8')) as RawSnapshot;
const decode = (raw: unknown) => decodeSnapshot(raw, { readCertificate: readCertificateBase64 });
const without = (side: Readonly<Record<string, RawSection>>, names: readonly string[]) => Object.fromEntries(Object.entries(side).filter(([k]) => !names.includes(k)));
const identity = (d: Diagnostic) => `${d.rule}|${d.objects.map(refKey).sort().join(',')}|${d.message.key}`;

describe('the partial org: the user sections pending', () => {
  const partialRaw = pendingSnapshot(lab, without(lab.exchange, ['mailboxes', 'umMailboxes']), without(lab.skype, ['users']), USER_SECTIONS);
  const partial = decode(partialRaw);
  const full = decode(lab);

  test('the pending sections are not-read with the note, empty; every other section as the file has it', () => {
    for (const key of USER_SECTIONS) {
      const [side, name] = key.split('.') as ['exchange' | 'skype', string];
      const section = (partialRaw[side] as Record<string, RawSection>)[name]!;
      assert.equal(section.status, 'not-read');
      assert.deepEqual(section.objects, []);
      assert.equal(partial.readState?.[key]?.status, 'not-read', key);
      assert.ok(
        partial.readState?.[key]?.notes.some((n) => n.text === STILL_READING_NOTE),
        key,
      );
    }
    assert.equal(partial.users.length, 0);
    assert.equal(partial.mailboxes.length, 0);
    assert.ok(full.users.length > 500, 'the lab org has its users');
    assert.deepEqual(partial.exchange.ipGateways, full.exchange.ipGateways);
    assert.deepEqual(partial.exchange.dialPlans, full.exchange.dialPlans);
    assert.deepEqual(partial.skype.pools, full.skype.pools);
    assert.deepEqual(partial.skype.exUmContacts, full.skype.exUmContacts);
  });

  test('no false finding: every finding of the partial org is one the whole org has; the rules that need users say so', () => {
    const fullFindings = new Set(evaluateRules(full).map(identity));
    const partialFindings = evaluateRules(partial);
    assert.ok(partialFindings.length > 0, 'the lab org has org-level findings to show meanwhile');
    for (const f of partialFindings) assert.ok(fullFindings.has(identity(f)), `${identity(f)} is found only while the users are pending`);
    const waiting = notJudged(partial);
    // R-G-01 reads the users' registrar pools (shared/rules/rule-needs.ts): not judged, naming the user section.
    assert.deepEqual(waiting.find((r) => r.id === 'R-G-01')?.sections, ['skype.users']);
    assert.ok(
      waiting.every((r) => r.sections.every((s) => USER_SECTIONS.includes(s))),
      'only the pending sections are missing',
    );
    assert.equal(notJudged(full).length, 0);
  });
});

describe('the progress model', () => {
  test('a run starts with every section waiting, in the file order, each named by its cmdlet', () => {
    const p = startedProgress('load', 'org.umcsnap.json', 3);
    assert.equal(p.phase, 'reading');
    assert.equal(p.generation, 3);
    assert.equal(p.sections.length, allSections().length);
    assert.deepEqual(p.sections[0], { key: 'exchange.organization', cmdlet: 'Get-OrganizationConfig', objects: 0, state: 'waiting' });
    assert.equal(p.sections.find((s) => s.key === 'skype.users')?.cmdlet, 'Get-CsUser');
    assert.ok(p.sections.every((s) => s.state === 'waiting'));
  });

  test('sections complete one by one; the partial org is due once all but the user sections are in', () => {
    let p = startedProgress('capture', 'Contoso', 0);
    assert.equal(smallSectionsDone(p), false);
    for (const s of p.sections) if (!USER_SECTIONS.includes(s.key)) p = withSection(p, s.key, 2, s.key === 'exchange.certificates' ? 'partial' : 'read');
    assert.equal(smallSectionsDone(p), true);
    p = withSection(p, 'skype.users', 43_000, 'reading');
    assert.deepEqual(currentSection(p), { key: 'skype.users', cmdlet: 'Get-CsUser', objects: 43_000, state: 'reading' });
    assert.equal(objectsRead(p), 2 * (allSections().length - USER_SECTIONS.length) + 43_000);
    assert.equal(withSection(p, 'exchange.unknown', 5, 'read'), p, 'a key the table does not know changes nothing');
  });

  test('a complete section takes its read status from the snapshot', () => {
    assert.equal(completedState({}), 'read');
    assert.equal(completedState({ status: 'partial' }), 'partial');
    assert.equal(completedState({ status: 'not-read' }), 'not-read');
    assert.equal(completedState(undefined), 'read');
  });
});
