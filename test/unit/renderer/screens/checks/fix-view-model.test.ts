import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Diagnostic } from '../../../../../shared/diagnostics/diagnostic';
import type { FixPreview, FixPreviewPlan, FixProgress } from '../../../../../shared/fixes/fix-channels';
import { findingKey } from '../../../../../shared/fixes/fix-model';
import { translate } from '../../../../../shared/i18n/translate';
import {
  canApply,
  cardAction,
  changeRows,
  dialogTitle,
  fixAllCounts,
  impactLines,
  isStale,
  OUTCOME_LOOK,
  phaseLine,
  previewRequest,
  runRows,
  whatIfFor,
  wroteSomething,
} from '../../../../../renderer/src/screens/checks/fix-view-model';

function finding(rule: string, id: string): Diagnostic {
  return { rule, severity: 'error', objects: [{ kind: 'umIpGateway', id }], message: { key: `rule.${rule}.msg.default`, params: {} }, fix: [], sources: [] };
}

function plan(rule: string, id: string, commands: FixPreviewPlan['commands'], commandText: readonly string[]): FixPreviewPlan {
  return {
    finding: findingKey(finding(rule, id)),
    rule,
    kind: 'cmdlet',
    commands,
    manual: [],
    meanwhile: [],
    whyManual: null,
    role: 'ExchangeOrganizationAdministrator',
    message: `${rule} on ${id}`,
    commandText,
    impact: { users: 0, numbers: 0, callsDropped: false },
  };
}

const setGateway = {
  shell: 'exchange' as const,
  cmdlet: 'Set-UMIPGateway',
  parameters: [
    { name: 'Identity', value: "PBX 'O''Brien'" },
    { name: 'OutcallsAllowed', value: false },
  ],
  target: { kind: 'umIpGateway' as const, id: 'gw1' },
  changes: [{ property: 'OutcallsAllowed', before: 'True', after: 'False' }],
  whatIf: true,
};
const newHuntGroup = {
  shell: 'exchange' as const,
  cmdlet: 'New-UMHuntGroup',
  parameters: [{ name: 'Name', value: 'HG' }],
  target: null,
  changes: [{ property: 'Name', before: null, after: 'HG' }],
  whatIf: true,
};

function preview(over: Partial<FixPreview> = {}): FixPreview {
  return {
    token: 'a'.repeat(32),
    access: { writable: true, reason: null, target: 'lab', operator: 'LITWARE\\admin' },
    plans: [plan('R-G-01', 'gw1', [setGateway, newHuntGroup], ['Set-UMIPGateway …', 'New-UMHuntGroup …']), plan('R-G-01', 'gw2', [setGateway], ['Set-UMIPGateway 2'])],
    objects: [{ kind: 'umIpGateway', id: 'gw1', label: 'PBX 1', properties: { OutcallsAllowed: 'True' } }],
    whatIf: [
      { plan: 0, command: 0, ok: true, message: 'What if: Setting gateway' },
      { plan: 1, command: 0, ok: false, message: 'The operation could not be performed' },
    ],
    commandCount: 3,
    ...over,
  };
}

function progress(over: Partial<FixProgress> = {}): FixProgress {
  return { phase: 'applying', running: true, done: 0, total: 3, stopped: false, steps: [], verification: null, message: null, ...over };
}

describe('what a finding breaks, as sentences', () => {
  test('users, numbers and calls dropped, worst first; the count in the sentence, singular for one', () => {
    const lines = impactLines({ users: 88, numbers: 1, callsDropped: true });
    assert.deepEqual(
      lines.map((l) => l.key),
      ['fixes.ui.impact.users.other', 'fixes.ui.impact.numbers.one', 'fixes.ui.impact.calls'],
    );
    assert.equal(translate('en', lines[0]!.key, lines[0]!.params), '88 users have no voice mail because of this');
    assert.equal(translate('en', lines[1]!.key, lines[1]!.params), '1 Subscriber Access or auto attendant number is unreachable');
    assert.equal(translate('fr', lines[0]!.key, lines[0]!.params), '88 utilisateurs n’ont pas de messagerie vocale à cause de ceci');
    // Large counts are localised (a narrow no-break space in French).
    const many = impactLines({ users: 1234, numbers: 0, callsDropped: false });
    assert.equal(translate('en', many[0]!.key, many[0]!.params), '1,234 users have no voice mail because of this');
    assert.match(translate('fr', many[0]!.key, many[0]!.params), /^1\s234 utilisateurs/);
  });
  test('nothing known, or nothing broken: no line at all', () => {
    assert.deepEqual(impactLines(undefined), []);
    assert.deepEqual(impactLines({ users: 0, numbers: 0, callsDropped: false }), []);
    assert.deepEqual(
      impactLines({ users: 1, numbers: 0, callsDropped: false }).map((l) => translate('en', l.key, l.params)),
      ['1 user has no voice mail because of this'],
    );
  });
});

describe('finding cards: Fix…, Manual, Fix all of this kind', () => {
  test('the action follows the fix kind', () => {
    assert.equal(cardAction('cmdlet'), 'fix');
    assert.equal(cardAction('manual'), 'manual');
    assert.equal(cardAction(undefined), null);
  });
  test('"Fix all of this kind" only for a rule with two or more cmdlet findings', () => {
    const findings = [finding('R-G-01', 'a'), finding('R-G-01', 'b'), finding('R-G-01', 'c'), finding('R-D-02', 'x'), finding('R-D-02', 'y'), finding('R-X-01', 'z')];
    const kinds: Record<string, 'cmdlet' | 'manual'> = {};
    for (const f of findings) kinds[findingKey(f)] = 'cmdlet';
    kinds[findingKey(findings[4]!)] = 'manual'; // R-D-02 has one cmdlet finding left
    const counts = fixAllCounts(findings, kinds);
    assert.deepEqual([...counts], [['R-G-01', 3]]);
    assert.equal(fixAllCounts(findings, {}).size, 0);
  });
});

describe('the preview', () => {
  test('the request: a rule, one user’s reasons by user, any other set of findings by key', () => {
    assert.deepEqual(previewRequest({ rule: 'R-G-01' }), { rule: 'R-G-01' });
    assert.deepEqual(previewRequest({ findings: ['R-U-02|user:sip:a@b', 'R-U-12|user:sip:a@b'] }), { user: 'sip:a@b' });
    assert.deepEqual(previewRequest({ findings: ['R-U-02|user:sip:a@b', 'R-U-02|user:sip:c@d'] }), { findings: ['R-U-02|user:sip:a@b', 'R-U-02|user:sip:c@d'] });
    assert.deepEqual(previewRequest({ findings: ['R-U-02|user:sip:a@b', 'R-G-01|skypepool:p'] }), { findings: ['R-U-02|user:sip:a@b', 'R-G-01|skypepool:p'] });
    // A SIP address with a pipe or a colon stays whole.
    assert.deepEqual(previewRequest({ findings: ['R-U-05|user:sip:o|brien:x@b'] }), { user: 'sip:o|brien:x@b' });
  });
  test('what changes: each command’s changes on its object’s label, a creation on a new object', () => {
    const p = preview();
    const rows = changeRows(p.plans[0]!, p.objects);
    assert.deepEqual(rows, [
      { command: 0, object: 'PBX 1', property: 'OutcallsAllowed', before: 'True', after: 'False' },
      { command: 1, object: null, property: 'Name', before: null, after: 'HG' },
    ]);
    // An object the preview could not read keeps its ID.
    assert.equal(changeRows(p.plans[0]!, [])[0]!.object, 'gw1');
  });
  test('-WhatIf answers are found per plan and command, and absent for the others', () => {
    const p = preview();
    assert.equal(whatIfFor(p.whatIf, 0, 0)?.ok, true);
    assert.equal(whatIfFor(p.whatIf, 1, 0)?.ok, false);
    assert.equal(whatIfFor(p.whatIf, 0, 1), null);
  });
  test('apply is offered only with a token, a writable session and something to run', () => {
    assert.equal(canApply(preview()), true);
    assert.equal(canApply(preview({ token: null })), false);
    assert.equal(canApply(preview({ commandCount: 0 })), false);
    assert.equal(canApply(preview({ access: { writable: false, reason: { key: 'contacts.readonly.helpdesk', params: { profile: 'Helpdesk' } }, target: null, operator: null } })), false);
  });
  test('the title names the one finding, or how many', () => {
    assert.equal(dialogTitle(preview(), 1).key, 'fixes.ui.dialog.title.many');
    assert.deepEqual(dialogTitle(preview(), 1).params, { count: 2 });
    assert.equal(dialogTitle(preview({ plans: preview().plans.slice(0, 1) }), 5).key, 'fixes.ui.dialog.title.one');
    assert.equal(dialogTitle(null, 1).key, 'fixes.ui.dialog.title.one');
  });
});

describe('the run', () => {
  test('the steps so far, and the rest of the preview as waiting, in order', () => {
    const p = preview();
    const rows = runRows(p, progress({ done: 1, steps: [{ plan: 0, command: 0, text: 'Set-UMIPGateway …', outcome: 'applied', message: '', auditId: 'a1' }] }));
    assert.deepEqual(
      rows.map((r) => `${r.plan}:${r.command}:${r.outcome}`),
      ['0:0:applied', '0:1:pending', '1:0:pending'],
    );
    assert.equal(rows[0]!.auditId, 'a1');
  });
  test('a failed step stops the rest: they read "not run", the run says it stopped', () => {
    const p = preview();
    const steps: FixProgress['steps'] = [
      { plan: 0, command: 0, text: 'a', outcome: 'applied', message: '', auditId: 'a1' },
      { plan: 0, command: 1, text: 'b', outcome: 'failed', message: 'The hunt group already exists.', auditId: 'a2' },
      { plan: 1, command: 0, text: 'c', outcome: 'not-run', message: '', auditId: null },
    ];
    const rows = runRows(p, progress({ phase: 'done', running: false, stopped: true, done: 2, steps }));
    assert.deepEqual(
      rows.map((r) => r.outcome),
      ['applied', 'failed', 'not-run'],
    );
    assert.equal(wroteSomething({ steps }), true);
    assert.equal(isStale({ steps }), false);
  });
  test('stale: nothing written; an unknown answer counts as written (the org must be read again)', () => {
    assert.equal(isStale({ steps: [{ plan: 0, command: 0, text: 'a', outcome: 'stale', message: 'OutcallsAllowed changed', auditId: null }] }), true);
    assert.equal(wroteSomething({ steps: [{ plan: 0, command: 0, text: 'a', outcome: 'unknown', message: '', auditId: 'x' }] }), true);
    assert.equal(wroteSomething({ steps: [{ plan: 0, command: 0, text: 'a', outcome: 'refused', message: '', auditId: 'x' }] }), false);
  });
  test('the headline counts the step under way from one', () => {
    assert.deepEqual(phaseLine(progress({ done: 0 })), { key: 'fixes.ui.phase.applying', params: { done: 1, total: 3 } });
    assert.deepEqual(phaseLine(progress({ done: 3 })), { key: 'fixes.ui.phase.applying', params: { done: 3, total: 3 } });
    assert.equal(translate('en', phaseLine(progress({ phase: 'done', done: 2 })).key, phaseLine(progress({ phase: 'done', done: 2 })).params), 'Done: 2 of 3 steps run');
    assert.equal(phaseLine(progress({ phase: 'rechecking' })).key, 'fixes.ui.phase.rechecking');
  });
  test('every outcome has a glyph, so no state rests on colour alone', () => {
    const glyphs = Object.values(OUTCOME_LOOK).map((l) => l.glyph);
    assert.ok(glyphs.every((g) => g.length > 0));
    assert.notEqual(OUTCOME_LOOK.applied.glyph, OUTCOME_LOOK.failed.glyph);
  });
});
