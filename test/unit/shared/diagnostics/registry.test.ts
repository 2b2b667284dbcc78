/** The one rule registry: every family registered once, every rule with its sources, and the diagnostics carrying them. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CERT_RULES } from '../../../../shared/certificates/cert-model';
import { PER_CERTIFICATE_RULES } from '../../../../shared/certificates/cert-rules';
import { buildContactIndex, CONTACT_EDITOR_RULES, validateOperation } from '../../../../shared/contacts/contact-validation';
import { SEVERITIES } from '../../../../shared/diagnostics/diagnostic';
import { ALL_RULES, ORG_RULE_BY_ID, ORG_RULES, RULE_BY_ID, rulesOfFamily } from '../../../../shared/diagnostics/registry';
import { evaluateRules, NOT_EVALUATED, RULES } from '../../../../shared/rules/engine';
import { USER_RULES } from '../../../../shared/users/user-rules';
import { labOrg } from '../../../support/lab';
import { healthySpec, orgWith } from '../../../support/org-builder/small-org';
import { buildOrg } from '../../../support/org-builder/org-spec';
import { MAIN_AA_DRAFT } from '../../../support/contact-fixtures';

describe('the rule registry', () => {
  test('every family is registered, each rule once', () => {
    assert.equal(RULE_BY_ID.size, ALL_RULES.length, 'a rule ID is registered twice');
    assert.deepEqual(
      rulesOfFamily('org').map((r) => r.id),
      RULES.map((r) => r.id),
    );
    assert.deepEqual(
      rulesOfFamily('certificate').map((r) => r.id),
      [...CERT_RULES],
    );
    assert.deepEqual(
      rulesOfFamily('user').map((r) => r.id),
      USER_RULES.map((r) => r.id),
    );
    assert.deepEqual(
      rulesOfFamily('contact').map((r) => r.id),
      ['R-C-09', 'R-C-10', 'R-C-15'],
    );
    assert.equal(ALL_RULES.length, ORG_RULES.length + PER_CERTIFICATE_RULES.length + USER_RULES.length + CONTACT_EDITOR_RULES.length);
  });

  test('the org engine takes its rules from the registry', () => {
    assert.equal(RULES, ORG_RULES);
    for (const r of ORG_RULES) assert.equal(ORG_RULE_BY_ID.get(r.id), r);
  });

  test('each rule: a known severity and basis; the org, user and contact rules name their sources', () => {
    for (const r of ALL_RULES) {
      assert.ok(SEVERITIES.includes(r.severity), r.id);
      assert.ok(['DOC', 'DERIVED', 'UNCONFIRMED'].includes(r.basis), r.id);
      if (r.family !== 'certificate' && r.basis === 'DOC') assert.ok(r.sources.length > 0 || (r.seeds?.length ?? 0) > 0, `${r.id} is DOC without a source`);
    }
    for (const r of USER_RULES) assert.ok(r.role, r.id);
  });

  test('the editor-only contact rules are the NOT_EVALUATED rules the editor judges', () => {
    const editor = NOT_EVALUATED.filter((n) => n.needs === 'editor').map((n) => n.id);
    assert.deepEqual(
      CONTACT_EDITOR_RULES.map((r) => r.id),
      editor,
    );
  });
});

describe('diagnostics carry their rule', () => {
  test('org diagnostics: the rule severity (or the documented exception), area and sources of their definition', () => {
    for (const d of evaluateRules(labOrg())) {
      const rule = ORG_RULE_BY_ID.get(d.rule)!;
      assert.equal(d.area, rule.area, d.rule);
      assert.equal(d.sources, rule.sources, d.rule);
      assert.match(d.message.key, new RegExp(`^rule\\.${d.rule}\\.msg\\.\\w+$`));
    }
  });

  test('contact form diagnostics name the catalogue sources of their R-C rule; the form checks have none', () => {
    const org = buildOrg(healthySpec());
    const issues = validateOperation({ op: 'create', draft: { ...MAIN_AA_DRAFT, sipAddress: 'not-a-sip', registrarPool: '' } }, org, {
      original: null,
      operatorGroups: { userAdmins: false, serverAdmins: true },
    });
    const byRule = new Map(issues.map((i) => [i.rule, i]));
    assert.deepEqual(byRule.get('R-C-01')?.sources, RULE_BY_ID.get('R-C-01')?.sources);
    assert.deepEqual(byRule.get('R-C-10')?.sources, RULE_BY_ID.get('R-C-10')?.sources);
    assert.deepEqual(byRule.get('form.required')?.sources, []);
    assert.equal(byRule.get('R-C-01')?.field, 'sipAddress');
    for (const i of issues) assert.deepEqual(i.objects, []);
  });

  test('an editor rule evaluated on its own gives what the form gives', () => {
    const org = orgWith(() => {});
    const operation = { op: 'create' as const, draft: { ...MAIN_AA_DRAFT, ou: 'OU=Nowhere,DC=litwareinc,DC=com' } };
    const ctx = { original: null, knownOus: ['OU=RTC Special Accounts,DC=litwareinc,DC=com'], ouPermission: false, operatorGroups: { userAdmins: false, serverAdmins: false } };
    const form = validateOperation(operation, org, ctx);
    assert.deepEqual(
      form.filter((d) => d.rule === 'R-C-09' || d.rule === 'R-C-10').map((d) => d.message.key),
      ['contacts.issue.R-C-10.userAdmins', 'contacts.issue.R-C-10.serverAdmins', 'contacts.issue.R-C-09.missing', 'contacts.issue.R-C-09.permission'],
    );
    assert.deepEqual(form.find((d) => d.message.key === 'contacts.issue.R-C-09.permission')?.fix, ["Grant-CsOUPermission -OU 'OU=Nowhere,DC=litwareinc,DC=com' -ObjectType Contact"]);
    for (const rule of CONTACT_EDITOR_RULES) {
      const alone = rule.evaluate({ operation, index: buildContactIndex(org), ctx });
      assert.deepEqual(
        alone,
        form.filter((d) => d.rule === rule.id),
        rule.id,
      );
    }
  });
});
