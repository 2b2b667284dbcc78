/**
 * The comments inside fix commands (`…   # on each Front End of the pool`) are i18n messages: stored in
 * English in a Diagnostic's `fix`, rendered in the reader's language at the edge (docs/i18n.md).
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import {
  commentedCommand,
  FIX_COMMENT,
  type FixCommentKey,
  fixPlaceholder,
  type FixPlaceholderKey,
  renderFix,
  renderFixText,
  renderMessage,
  translateDynamic,
} from '../../../../shared/i18n/translate';
import { evaluateRules } from '../../../../shared/rules/engine';
import { englishWordsIn } from '../../../support/french-text';
import { labOrg } from '../../../support/lab';
import { ROOT } from '../../../support/paths';

const COMMENT_KEYS = Object.keys(en).filter((k): k is FixCommentKey => k.startsWith('fix.comment.'));
const PLACEHOLDER_KEYS = Object.keys(en).filter((k): k is FixPlaceholderKey => k.startsWith('fix.placeholder.'));

describe('fix comments in the reader’s language', () => {
  test('each comment: English in the stored text, French when rendered in French, no English word left', () => {
    assert.ok(COMMENT_KEYS.length >= 8);
    for (const key of COMMENT_KEYS) {
      const stored = commentedCommand("Get-UMService -Identity 'ex1'", key);
      assert.equal(stored, `Get-UMService -Identity 'ex1'${FIX_COMMENT}${en[key]}`);
      const french = renderFixText('fr', stored);
      assert.equal(french, `Get-UMService -Identity 'ex1'${FIX_COMMENT}${fr[key]}`);
      assert.deepEqual(englishWordsIn(french), [], key);
      assert.equal(renderFixText('en', stored), stored);
    }
  });
  test('each placeholder: English in the stored text, French when rendered, and no quote PowerShell would end a string on', () => {
    assert.ok(PLACEHOLDER_KEYS.length >= 10);
    for (const key of PLACEHOLDER_KEYS) {
      const params = { domain: 'litwareinc.com', server: 'atl-exchange-001' };
      const stored = `Set-UMIPGateway -Identity 'gw' -Address '${fixPlaceholder(key, params)}'`;
      assert.equal(stored, `Set-UMIPGateway -Identity 'gw' -Address '<${translateDynamic('en', key, params)}>'`);
      const french = renderFixText('fr', stored);
      assert.equal(french, `Set-UMIPGateway -Identity 'gw' -Address '<${translateDynamic('fr', key, params)}>'`);
      assert.deepEqual(englishWordsIn(french), [], key);
      // PowerShell ends a single-quoted string on ' and on the typographic quotes ‘ ’ ‚ ‛ too.
      assert.doesNotMatch(fr[key], /['‘’‚‛"“”]/, key);
    }
    // An angle-bracketed text that is no known placeholder is left as it is.
    assert.equal(renderFixText('fr', "Get-Thing -Name '<not a placeholder>'"), "Get-Thing -Name '<not a placeholder>'");
  });
  test('the lab org: every fix line in French has its comments and placeholders in French', () => {
    const findings = evaluateRules(labOrg());
    let commented = 0;
    let placeholders = 0;
    for (const d of findings) {
      const french = renderFix('fr', d);
      d.fix.forEach((line, i) => {
        const text = french[i]!;
        assert.deepEqual(englishWordsIn(text), [], `${d.rule}: ${text}`);
        if (line.includes(FIX_COMMENT)) commented++;
        if (/<[^<>]+>/.test(line)) placeholders++;
        if (line.includes(FIX_COMMENT) || /<[^<>]+>/.test(line)) assert.notEqual(text, line, `${d.rule}: ${line}`);
        else assert.equal(text, line);
      });
    }
    // R-G-01, R-G-13, R-O-05, R-X-01, R-X-02, R-C-06 fire on the lab with a commented command; R-X and R-D-09 with a placeholder.
    assert.ok(commented >= 6, `${commented} commented fix lines`);
    assert.ok(placeholders >= 3, `${placeholders} fix lines with a placeholder`);
  });
  test('a placeholder with an argument keeps the argument', () => {
    const stored = `Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '${fixPlaceholder('fix.placeholder.thumbprintWithSubject', { domain: 'litwareinc.com' })}'`;
    assert.equal(stored, "Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '<thumbprint of a certificate whose subject contains litwareinc.com>'");
    assert.equal(renderFixText('fr', stored), "Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '<empreinte du certificat dont le sujet contient litwareinc.com>'");
  });
  test('a fix shown inside a message (a manual step) has its comments in the message’s language', () => {
    const stored = commentedCommand('Stop-CsWindowsService -Name RTCSRV; Start-CsWindowsService -Name RTCSRV', 'fix.comment.eachFrontEnd');
    const text = renderMessage('fr', { key: 'fix.manual.run', params: { rule: 'R-G-01', command: `Get-CsPool\n${stored}` } });
    assert.ok(text.includes(`RTCSRV${FIX_COMMENT}sur chaque serveur frontal du pool`), text);
    assert.deepEqual(englishWordsIn(text), [], text);
  });
  test('no rule writes a comment or a placeholder as English text: each goes through commentedCommand or fixPlaceholder', () => {
    const dir = join(ROOT, 'shared/rules');
    const bad: string[] = [];
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      readFileSync(join(dir, f), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(\/\/|\*)/.test(line)) return;
          // A `   # ` inside a string literal: the separator of a command and a comment.
          if (/['"`][^'"`]*\s{3}# /.test(line)) bad.push(`${f}:${i + 1}: ${line.trim()}`);
          // An English placeholder written as text: '<pool FQDN>'.
          if (/['"`]<[A-Za-z][^<>'"`]*>/.test(line) || /[,@+]<[a-z][^<>]*>/.test(line)) bad.push(`${f}:${i + 1}: ${line.trim()}`);
        });
    }
    assert.deepEqual(bad, []);
  });
});
