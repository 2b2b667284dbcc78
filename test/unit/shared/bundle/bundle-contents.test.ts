/**
 * The bundle's README: every file listed with what it holds, redacted or not said plainly, where the
 * mapping stayed, what is never included; real French (no English word, U+00A0 before the colon). The
 * base64 codec the redaction rewrites certificates with, against Node's.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, test } from 'node:test';
import { base64ToBytes, bytesToBase64 } from '../../../../shared/bundle/base64';
import { BUNDLE_FILES, bundleReadme, mappingFileOf } from '../../../../shared/bundle/bundle-contents';
import { translate } from '../../../../shared/i18n/translate';
import { englishWordsIn } from '../../../support/french-text';

const facts = {
  generatedAt: '2026-12-07T02:00:00.000Z',
  consoleVersion: '0.1.0',
  source: 'litwareinc.com (lab)',
  readAt: '2026-11-20T09:30:00.000Z',
  redaction: { replaced: 1937, keptDomains: ['litwareinc.com'], mappingFile: 'lab.zip.mapping.json' },
};

describe('bundleReadme', () => {
  test('every file, what it is, the redaction and the mapping kept outside; CRLF for Notepad', () => {
    const text = bundleReadme('en', facts);
    for (const f of BUNDLE_FILES) assert.match(text, new RegExp(`^  ${f.replace(/\./g, '\\.')} +\\S`, 'm'));
    assert.match(text, /Made on 7 Dec 2026, 02:00 UTC by UM Integration Console 0\.1\.0, from litwareinc\.com \(lab\)/);
    assert.match(text, /1,937 values replaced\)\. Kept: the SIP domains \(litwareinc\.com\)/);
    assert.match(text, /it stays on the computer that made it, in lab\.zip\.mapping\.json\./);
    assert.match(text, /Never included: passwords, tokens, private keys/);
    assert.ok(!text.replace(/\r\n/g, '').includes('\n'));
    assert.equal(mappingFileOf('/tmp/x.zip'), '/tmp/x.zip.mapping.json');
  });

  test('not redacted: said first, no mapping named', () => {
    const text = bundleReadme('en', { ...facts, redaction: null });
    assert.match(text, /NOT redacted \(--no-redact\)/);
    assert.doesNotMatch(text, /mapping/);
  });

  test('French: real French, the same facts', () => {
    const text = bundleReadme('fr', facts);
    assert.match(text, /^UM Integration Console\u00a0: paquet de support/);
    assert.match(text, /1\u202f937 valeurs remplacées|1\u00a0937 valeurs remplacées/);
    assert.deepEqual(englishWordsIn(text.replace(/umc check --snapshot \S+/, '')), []);
    for (const key of [
      'bundle.dialog.intro',
      'bundle.dialog.redactHelp',
      'bundle.dialog.mapping',
      'bundle.dialog.never',
      'bundle.dialog.notRedacted',
      'bundle.dialog.open',
      'bundle.cli.mapping',
    ] as const)
      assert.deepEqual(englishWordsIn(translate('fr', key, { source: 'litwareinc.com', count: 2, file: 'x.zip.mapping.json' })), [], key);
  });
});

describe('base64', () => {
  test('round trip against Node, every padding; refuses what is not base64', () => {
    for (const n of [0, 1, 2, 3, 4, 5, 100, 1027]) {
      const bytes = new Uint8Array(randomBytes(n));
      const text = bytesToBase64(bytes);
      assert.equal(text, Buffer.from(bytes).toString('base64'));
      assert.deepEqual(base64ToBytes(text), bytes);
    }
    assert.equal(base64ToBytes('abc'), null);
    assert.equal(base64ToBytes('ab$='), null);
    assert.deepEqual(base64ToBytes('YWJj\r\nZA=='), new Uint8Array([97, 98, 99, 100]));
  });
});
