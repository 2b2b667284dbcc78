import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { ALL_RULES } from '../../../../shared/diagnostics/registry';
import { languageFromLocale, renderDiagnostic, ruleTitleKey, translate, translateDynamic } from '../../../../shared/i18n/translate';
import { NOT_EVALUATED, RULES } from '../../../../shared/rules/engine';
import { labOrg } from '../../../support/lab';
import { evaluateRules } from '../../../../shared/rules/engine';

describe('English and French are both complete', () => {
  // Same keys, same argument names, valid ICU: tables.test.ts.
  test('same keys, no empty text', () => {
    assert.deepEqual(Object.keys(fr).sort(), Object.keys(en).sort());
    for (const [k, v] of Object.entries(en)) assert.ok(v.trim() && fr[k as keyof typeof en].trim(), k);
  });
  test('the French is French, not a copy of the English', () => {
    // Words French shares with English, product names and technical tokens: reviewed one by one.
    const SAME_IN_BOTH = new Set([
      'app.title',
      'language.en',
      'language.fr',
      'nav.contacts',
      'severity.info',
      'checks.seed',
      'status.powershell',
      'topology.side.skype',
      'topology.side.exchange',
      'topology.group.label',
      'snapshot.got.null',
      'snapshot.got.other',
      'shell.exchange',
      'shell.skype',
      'ps.raw',
      // The CLI's column headings TYPE and POOL are French words too.
      'cli.contacts.col.type',
      'cli.contacts.col.pool',
      // French words too: « information », « Verdict »; a product name; a file format.
      'helpdesk.severity.info',
      'cli.cert.verdict',
      'certInspector.side.exchange',
      'checks.ui.exportCsv',
      // The product's name and version: `umc --version`.
      'cli.version',
      // Status marks of the CLI's columns: OK and -- read the same in French.
      'cli.status.ok',
      'cli.status.not-judged',
    ]);
    const same = Object.keys(en).filter((k) => en[k as keyof typeof en] === fr[k as keyof typeof en] && !SAME_IN_BOTH.has(k));
    assert.deepEqual(same, [], `identical in both languages: ${same.join(', ')}`);
  });
  test('every rule has a title, a why and a message for each variant it can emit, in both languages', () => {
    const org = labOrg();
    for (const r of RULES) {
      for (const part of ['title', 'why']) assert.ok(`rule.${r.id}.${part}` in en, `${r.id}.${part}`);
    }
    for (const f of evaluateRules(org)) {
      const key = f.message.key;
      assert.match(key, new RegExp(`^rule\\.${f.rule}\\.msg\\.\\w+$`), key);
      assert.ok(key in en && key in fr, key);
      for (const lang of ['en', 'fr'] as const) {
        const text = renderDiagnostic(lang, f).message;
        assert.doesNotMatch(text, /\{\w+\}/, `${key} (${lang}) left a placeholder: ${text}`);
      }
    }
    for (const n of NOT_EVALUATED) assert.ok(`rule.${n.id}.title` in en, n.id);
  });
});

describe('renderDiagnostic: the one way a diagnostic becomes text', () => {
  test('every rule of every family has a title in both languages', () => {
    for (const r of ALL_RULES) {
      const key = ruleTitleKey(r.id);
      assert.ok(key in en && key in fr, `${r.family} ${r.id}: ${key}`);
    }
  });
  test('title, message and why in the language asked for, from the rule ID and the message key', () => {
    const d: Diagnostic = {
      rule: 'R-G-09',
      severity: 'error',
      area: 'gateways',
      objects: [{ kind: 'umIpGateway', id: 'gw1' }],
      message: { key: 'rule.R-G-09.msg.default', params: { gateway: 'gw1', status: 'Disabled' } },
      fix: [],
      sources: [],
    };
    assert.deepEqual(renderDiagnostic('en', d), { title: en['rule.R-G-09.title'], message: 'Gateway gw1 is Disabled.', why: en['rule.R-G-09.why'] });
    assert.equal(renderDiagnostic('fr', d).title, fr['rule.R-G-09.title']);
    assert.notEqual(renderDiagnostic('fr', d).message, renderDiagnostic('en', d).message);
  });
  test('certificate and user rules: their family title, no why', () => {
    const cert: Diagnostic = { rule: 'cert.key.weak', severity: 'error', objects: [], message: { key: 'cert.rule.key.weak.msg', params: { bits: 1024, min: 2048 } }, fix: [], sources: [] };
    assert.deepEqual(renderDiagnostic('en', cert), { title: en['cert.rule.key.weak.title'], message: 'The RSA key has 1,024 bits; at least 2,048 are required.', why: '' });
    const user: Diagnostic = {
      rule: 'R-U-02',
      severity: 'error',
      objects: [],
      message: { key: 'users.rule.R-U-02.msg', params: { sip: 'sip:a@b' } },
      fix: [],
      sources: [],
      role: 'RTCUniversalUserAdmins',
    };
    assert.equal(renderDiagnostic('fr', user).title, fr['users.rule.R-U-02.title']);
    assert.match(renderDiagnostic('fr', user).message, /sip:a@b/);
  });
});

describe('language selection and formatting', () => {
  test('the system locale picks the language', () => {
    assert.equal(languageFromLocale('fr-FR'), 'fr');
    assert.equal(languageFromLocale('fr_CA.UTF-8'), 'fr');
    assert.equal(languageFromLocale('fr'), 'fr');
    assert.equal(languageFromLocale('en-US'), 'en');
    assert.equal(languageFromLocale('de-DE'), 'en');
    assert.equal(languageFromLocale('fryslan'), 'en');
    assert.equal(languageFromLocale(undefined), 'en');
  });
  test('placeholders are filled; numbers are localised', () => {
    assert.equal(translate('en', 'checks.count', { count: 1234 }), '1,234 findings');
    assert.match(translate('fr', 'checks.count', { count: 1234 }), /^1\s234 /);
    assert.equal(translateDynamic('en', 'no.such.key'), 'no.such.key');
  });
});
