/** The contact editor's table: both languages, one clear sentence for an applied change with an ICU plural, real French. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { enContactEditor } from '../../../../shared/i18n/contact-editor.en';
import { frContactEditor } from '../../../../shared/i18n/contact-editor.fr';
import { translateDynamic } from '../../../../shared/i18n/translate';
import { englishWordsIn } from '../../../support/french-text';

describe('contact editor strings', () => {
  test('the same keys in English and French', () => {
    assert.deepEqual(Object.keys(frContactEditor).sort(), Object.keys(enContactEditor).sort());
  });

  test('an applied change is one sentence, its count as a plural — never "Applied. Applied (1 cmdlet(s))."', () => {
    assert.equal(translateDynamic('en', 'contactEditor.applied', { count: 1 }), 'Applied: 1 cmdlet ran; the contact below is as the server now holds it.');
    assert.match(translateDynamic('en', 'contactEditor.applied', { count: 2 }), /^Applied: 2 cmdlets ran;/);
    assert.match(translateDynamic('fr', 'contactEditor.applied', { count: 1 }), /^Appliqué\u00a0: 1 applet de commande exécutée\u00a0;/);
    assert.match(translateDynamic('fr', 'contactEditor.applied', { count: 2 }), /^Appliqué\u00a0: 2 applets de commande exécutées\u00a0;/);
    for (const l of ['en', 'fr'] as const) for (const n of [1, 2]) assert.doesNotMatch(translateDynamic(l, 'contactEditor.applied', { count: n }), /\(s\)|Applied\. Applied/);
  });

  test('French: no English word left, a no-break space before : ; ? !', () => {
    const params = { count: 2, contact: 'Litware Main AA' };
    for (const key of Object.keys(frContactEditor)) {
      const text = translateDynamic('fr', key, params);
      assert.deepEqual(englishWordsIn(text), [], `${key}: ${text}`);
      assert.doesNotMatch(text, / [:;?!]/, `${key}: a plain space before punctuation`);
    }
  });
});
