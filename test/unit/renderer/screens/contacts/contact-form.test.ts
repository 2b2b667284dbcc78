import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ContactDraft } from '../../../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../../../shared/diagnostics/diagnostic';
import {
  acknowledgedFor,
  applyPilot,
  canApply,
  canGoNext,
  changedFields,
  draftFromForm,
  emptyForm,
  formFromContact,
  generalIssues,
  hasError,
  initialForm,
  issuesFor,
  operationFor,
  optionsWith,
  pilotValue,
  unacknowledged,
  warningRules,
} from '../../../../../renderer/src/screens/contacts/contact-form';
import { BRANCH_SA_PREFILL, mainAaContact } from '../../../../support/contact-fixtures';
import { OU } from '../../../../support/org-builder/small-org';

const aa = mainAaContact({ identity: `CN={2},${OU}`, description: 'Auto attendant' });
const prefill: ContactDraft = { ...BRANCH_SA_PREFILL, description: 'OVA' };

const issue = (rule: string, severity: Diagnostic['severity'], field: Diagnostic['field']): Diagnostic => ({
  rule,
  severity,
  field,
  objects: [],
  message: { key: `rule.${rule}.msg.default`, params: {} },
  fix: [],
  sources: [],
});

describe('the form and the draft', () => {
  it('a blank form picks the only OU / pool, and leaves a choice among several to the admin', () => {
    assert.equal(emptyForm([OU], ['a', 'b']).ou, OU);
    assert.equal(emptyForm([OU], ['a', 'b']).registrarPool, '');
    assert.equal(emptyForm([], ['a']).registrarPool, 'a');
    assert.equal(emptyForm(['x', 'y'], []).ou, '');
    assert.equal(emptyForm([], []).kind, 'subscriberAccess');
  });
  it('a missing row opens prefilled exactly as proposed', () => {
    const f = initialForm({ op: 'create', prefill }, [], []);
    assert.deepEqual(draftFromForm(f, 'create'), prefill);
  });
  it('an edit starts from the contact as listed, its type from the AutoAttendant flag', () => {
    const f = initialForm({ op: 'edit', contact: aa }, [], []);
    assert.equal(f.name, 'Litware Main AA');
    assert.equal(f.kind, 'autoAttendant');
    assert.equal(formFromContact({ ...aa, autoAttendant: false, isSubscriberAccess: true }).kind, 'subscriberAccess');
    assert.deepEqual(draftFromForm(f, 'edit'), {
      ou: OU,
      name: 'Litware Main AA',
      sipAddress: aa.sipAddress,
      registrarPool: aa.registrarPool,
      displayNumber: aa.displayNumber,
      kind: 'autoAttendant',
      description: 'Auto attendant',
      enabled: true,
      enterpriseVoiceEnabled: aa.enterpriseVoiceEnabled,
    });
  });
  it('one-line fields lose surrounding spaces; the description is sent as typed; enabled only on edit', () => {
    const f = { ...emptyForm([], []), ou: ` ${OU} `, name: ' SA ', sipAddress: ' sip:sa@litwareinc.com\t', displayNumber: ' +14255550100 ', registrarPool: ' atl ', description: '  kept  ' };
    const d = draftFromForm(f, 'create');
    assert.deepEqual(d, { ou: OU, name: 'SA', sipAddress: 'sip:sa@litwareinc.com', registrarPool: 'atl', displayNumber: '+14255550100', kind: 'subscriberAccess', description: '  kept  ' });
    assert.equal('enabled' in d, false);
    assert.equal(draftFromForm({ ...f, enabled: false }, 'edit').enabled, false);
  });
  it('injection text stays data: the draft carries it unchanged', () => {
    const evil = `x'; Remove-CsExUmContact -Identity * #$(whoami)\`"`;
    const d = draftFromForm({ ...emptyForm([], []), name: evil, description: evil }, 'create');
    assert.equal(d.name, evil.trim());
    assert.equal(d.description, evil);
  });
  it('the operation for each mode', () => {
    const f = formFromContact(aa);
    assert.deepEqual(operationFor({ op: 'create', prefill: null }, f, ''), { op: 'create', draft: draftFromForm(f, 'create') });
    assert.deepEqual(operationFor({ op: 'edit', contact: aa }, f, ''), { op: 'edit', identity: aa.identity, draft: draftFromForm(f, 'edit') });
    assert.equal(operationFor({ op: 'move', contact: aa }, f, '  '), null);
    assert.deepEqual(operationFor({ op: 'move', contact: aa }, f, ' dal-cs-002.litwareinc.com '), { op: 'move', identity: aa.identity, targetPool: 'dal-cs-002.litwareinc.com' });
    assert.deepEqual(operationFor({ op: 'remove', contact: aa }, f, ''), { op: 'remove', identity: aa.identity });
  });
  it('an edit knows which fields changed (spaces around a value are no change)', () => {
    const f = formFromContact(aa);
    assert.deepEqual(changedFields(f, f), []);
    assert.deepEqual(changedFields(f, { ...f, sipAddress: ` ${aa.sipAddress} ` }), []);
    assert.deepEqual(changedFields(f, { ...f, displayNumber: '+14255550198', enabled: false }), ['displayNumber', 'enabled']);
    assert.deepEqual(changedFields(f, { ...f, description: `${aa.description} ` }), ['description']);
  });
  it('"Use this pilot number" sets the number and the type it implies', () => {
    const pilot = { kind: 'autoAttendant' as const, number: '+14255550299', dialPlan: 'Litware-SIP-Branch', autoAttendant: 'Branch AA' };
    const f = applyPilot(emptyForm([], []), pilot);
    assert.equal(f.displayNumber, '+14255550299');
    assert.equal(f.kind, 'autoAttendant');
    assert.notEqual(pilotValue(pilot), pilotValue({ ...pilot, autoAttendant: null, kind: 'subscriberAccess' }));
  });
  it('a select keeps a current value that is not among the known ones', () => {
    assert.deepEqual(optionsWith(['a', 'b'], 'c'), ['c', 'a', 'b']);
    assert.deepEqual(optionsWith(['a', 'b'], 'a'), ['a', 'b']);
    assert.deepEqual(optionsWith(['a'], ''), ['a']);
  });
});

describe('issues and acknowledgements', () => {
  const issues = [
    issue('R-C-01', 'error', 'sipAddress'),
    issue('R-C-05', 'warning', 'displayNumber'),
    issue('R-C-06', 'warning', 'displayNumber'),
    issue('R-C-05', 'warning', 'displayNumber'),
    issue('R-C-08', 'info', 'registrarPool'),
    issue('R-C-10', 'error', null),
  ];

  it('each issue goes under its field; the rest are general', () => {
    assert.deepEqual(
      issuesFor(issues, 'displayNumber').map((i) => i.rule),
      ['R-C-05', 'R-C-06', 'R-C-05'],
    );
    assert.deepEqual(issuesFor(issues, 'ou'), []);
    assert.deepEqual(
      generalIssues(issues, ['sipAddress', 'displayNumber']).map((i) => i.rule),
      ['R-C-08', 'R-C-10'],
    );
  });
  it('errors block Next whatever is ticked', () => {
    assert.equal(hasError(issues), true);
    assert.equal(canGoNext(issues, new Set(['R-C-01', 'R-C-05', 'R-C-06', 'R-C-10'])), false);
  });
  it('every warning rule, once, must be ticked; infos need nothing', () => {
    const warnings = issues.filter((i) => i.severity !== 'error');
    assert.deepEqual(warningRules(warnings), ['R-C-05', 'R-C-06']);
    assert.equal(canGoNext(warnings, new Set()), false);
    assert.equal(canGoNext(warnings, new Set(['R-C-05'])), false);
    assert.deepEqual(unacknowledged(['R-C-05', 'R-C-06'], new Set(['R-C-05'])), ['R-C-06']);
    assert.equal(canGoNext(warnings, new Set(['R-C-05', 'R-C-06'])), true);
    assert.equal(canGoNext([issue('R-C-08', 'info', 'registrarPool')], new Set()), true);
    assert.equal(canGoNext([], new Set()), true);
  });
  it('Apply needs an unblocked preview and its rules ticked; only those rules are sent', () => {
    const ticked = new Set(['R-C-05', 'R-C-14']);
    assert.equal(canApply({ blocked: false, acknowledge: ['R-C-05'] }, ticked), true);
    assert.equal(canApply({ blocked: false, acknowledge: ['R-C-05', 'R-C-06'] }, ticked), false);
    assert.equal(canApply({ blocked: true, acknowledge: [] }, ticked), false);
    assert.deepEqual(acknowledgedFor(['R-C-05', 'R-C-06'], ticked), ['R-C-05']);
  });
});
