import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ChecklistStep } from '../../../../../shared/checklist/checklist-model';
import { STEP_STATUSES } from '../../../../../shared/checklist/checklist-model';
import { en } from '../../../../../shared/i18n/en';
import { fr } from '../../../../../shared/i18n/fr';
import { translateDynamic } from '../../../../../shared/i18n/translate';
import { firstUndone, MISSING_SHOWN, progressPercent, roleKey, STATUS_LOOK, stepAction, visibleMissing } from '../../../../../renderer/src/screens/checklist/checklist-view-model';

function step(order: number, over: Partial<ChecklistStep> = {}): ChecklistStep {
  return {
    id: `s${order}`,
    order,
    title: { key: 'x', params: {} },
    what: { key: 'y', params: {} },
    role: 'RTCUniversalServerAdmins',
    seed: '000',
    status: 'not-done',
    missing: [],
    impact: null,
    rules: [],
    manual: false,
    instructions: null,
    check: null,
    action: null,
    ...over,
  };
}

describe('checklist statuses and progress', () => {
  test('every status has a word in both languages and a glyph of its own', () => {
    const glyphs = new Set<string>();
    for (const s of STEP_STATUSES) {
      assert.ok(`checklist.ui.status.${s}` in en && `checklist.ui.status.${s}` in fr, s);
      glyphs.add(STATUS_LOOK[s].glyph);
    }
    assert.equal(glyphs.size, STEP_STATUSES.length);
  });
  test('progress as a percentage; an empty list is complete', () => {
    assert.equal(progressPercent({ done: 7, total: 11 }), 64);
    assert.equal(progressPercent({ done: 11, total: 11 }), 100);
    assert.equal(progressPercent({ done: 0, total: 0 }), 100);
    assert.equal(progressPercent({ done: 12, total: 11 }), 100);
  });
  test('the first step still to do, in order, partly and not judged included', () => {
    const steps = [step(3, { status: 'partly' }), step(1, { status: 'done' }), step(2, { status: 'not-judged' })];
    assert.equal(firstUndone(steps)?.order, 2);
    assert.equal(firstUndone([step(1, { status: 'done' })]), null);
  });
});

describe('what a step misses', () => {
  test('at most eight items until expanded, and how many more', () => {
    const items = Array.from({ length: 20 }, (_, i) => i);
    assert.deepEqual(visibleMissing(items, false), { shown: items.slice(0, MISSING_SHOWN), more: 20 - MISSING_SHOWN });
    assert.deepEqual(visibleMissing(items, true), { shown: items, more: 0 });
    assert.deepEqual(visibleMissing(items.slice(0, MISSING_SHOWN), false), { shown: items.slice(0, MISSING_SHOWN), more: 0 });
  });
});

describe('a step’s action', () => {
  test('Fix… for the console’s cmdlets, manual steps for the rest, none when done', () => {
    assert.equal(stepAction(step(1, { action: { kind: 'cmdlet', findings: ['R-G-01|umipgateway:gw1'] } })), 'fix');
    assert.equal(stepAction(step(1, { action: { kind: 'cmdlet', findings: [] } })), null);
    assert.equal(stepAction(step(1, { action: { kind: 'manual', findings: ['R-X-01|x'] } })), 'manual');
    assert.equal(stepAction(step(1, { manual: true, instructions: { key: 'i', params: {} } })), 'manual');
    assert.equal(stepAction(step(1, { status: 'done', action: { kind: 'cmdlet', findings: ['k'] } })), null);
  });
  test('every role a step can name reads as words in both languages', () => {
    const roles = [
      'RTCUniversalUserAdmins',
      'RTCUniversalServerAdmins',
      'ExchangeRecipientAdministrator',
      'ExchangeOrganizationAdministrator',
      'DomainAccountAdministrator',
      'ExchangeUmAdministrator',
      'CertificateAdministrator',
      'GatewayAdministrator',
    ] as const;
    for (const r of roles) {
      const key = roleKey(r);
      assert.ok(key in en && key in fr, key);
      assert.notEqual(translateDynamic('fr', key), translateDynamic('en', key), key);
    }
  });
});
