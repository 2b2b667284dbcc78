/**
 * The i18n tables as ICU MessageFormat (docs/i18n.md): both languages complete, every template valid
 * ICU with the same arguments in both languages, real plurals wherever a count meets a noun, and no
 * English left in the French.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parse, TYPE, type MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import { translateDynamic } from '../../../../shared/i18n/translate';
import { englishWordsIn } from '../../../support/french-text';

const EN: Readonly<Record<string, string>> = en;
const FR: Readonly<Record<string, string>> = fr;
/** Both languages' tables, for the checks that judge every template of each. */
const TABLES = [
  ['en', EN],
  ['fr', FR],
] as const;
const KEYS = Object.keys(EN);

/** Fails listing every offender, one a line (a deepEqual diff of a long list is cut short). */
function none(offenders: readonly string[]): void {
  assert.equal(offenders.length, 0, `${offenders.length}:\n${offenders.join('\n')}`);
}

/** The runtime parses with ignoreTag (shared/i18n/translate.ts): `<path>` is text. */
const ast = (template: string): MessageFormatElement[] => parse(template, { ignoreTag: true });

function tryAst(template: string): MessageFormatElement[] | Error {
  try {
    return ast(template);
  } catch (e) {
    return e as Error;
  }
}

/** Every element of a template, branches of plurals and selects included. */
function* walk(elements: readonly MessageFormatElement[]): Generator<MessageFormatElement> {
  for (const el of elements) {
    yield el;
    if (el.type === TYPE.plural || el.type === TYPE.select) for (const o of Object.values(el.options)) yield* walk(o.value);
    if (el.type === TYPE.tag) yield* walk(el.children);
  }
}

/**
 * The argument names of a template, sorted. Their kinds may differ between languages: "{done} of
 * {total} inspected" needs no plural in English, "{done, plural, one {# inspecté} other {# inspectés}}"
 * does in French.
 */
function argumentsOf(template: string): string[] {
  const els = tryAst(template);
  if (els instanceof Error) return [];
  const out = new Set<string>();
  for (const el of walk(els)) if (el.type !== TYPE.literal && el.type !== TYPE.pound && el.type !== TYPE.tag) out.add(el.value);
  return [...out].sort();
}

/** The text a reader sees of a template, every branch, without argument names. */
function literalText(template: string): string {
  const els = tryAst(template);
  if (els instanceof Error) return template;
  return [...walk(els)].map((el) => (el.type === TYPE.literal ? el.value : ' ')).join('');
}

/**
 * Keys whose template quotes on purpose (ICU `'{'`): their literal braces are PowerShell or JSON a
 * reader copies.
 */
const QUOTES_ON_PURPOSE = new Set<string>([
  // The JSON shape of a version as ConvertTo-Json writes it: {Major, Minor, Build, Revision}.
  'snapshot.expect.version',
]);

/**
 * English words a French template keeps on purpose, per key: what a reader types or sees from the
 * servers, as Microsoft's French documentation writes it.
 */
const ENGLISH_IN_FRENCH: Readonly<Record<string, readonly string[]>> = {
  // `umc known-hosts remove` and `umc users` are commands a reader types: their names are not translated.
  'cli.knownHosts.removeHint': ['remove'],
  'cli.knownHosts.unknownCommand': ['remove'],
  'cli.knownHosts.usage': ['remove'],
  'cli.users.usage': ['users'],
  'cli.help.all': ['remove', 'users'],
  'cli.help.users': ['users'],
  'cli.help.knownHosts': ['remove'],
};

describe('both languages are complete', () => {
  test('every key of one language is in the other, none empty', () => {
    assert.deepEqual(
      KEYS.filter((k) => !(k in FR)),
      [],
      'keys missing in French',
    );
    assert.deepEqual(
      Object.keys(FR).filter((k) => !(k in EN)),
      [],
      'keys in French only',
    );
    assert.deepEqual(
      KEYS.filter((k) => !EN[k]!.trim() || !FR[k]?.trim()),
      [],
      'empty texts',
    );
  });
});

describe('every template is ICU MessageFormat', () => {
  test('every template parses', () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) {
        const r = tryAst(v);
        if (r instanceof Error) bad.push(`${lang} ${k}: ${r.message}`);
      }
    }
    none(bad);
  });
  test("no apostrophe quotes by accident: ASCII ' before { } # or another ' is written ’ or quoted on purpose", () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) if (/'[{}#']/.test(v) && !QUOTES_ON_PURPOSE.has(k)) bad.push(`${lang} ${k}: ${v}`);
    }
    none(bad);
  });
  test('no brace is left as text: a literal { or } is quoted on purpose', () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) if (/[{}]/.test(literalText(v)) && !QUOTES_ON_PURPOSE.has(k)) bad.push(`${lang} ${k}`);
    }
    none(bad);
  });
  test('both languages take the same arguments', () => {
    const bad = KEYS.filter((k) => k in FR && argumentsOf(EN[k]!).join() !== argumentsOf(FR[k]!).join()).map((k) => `${k}: en ${argumentsOf(EN[k]!).join(' ')} / fr ${argumentsOf(FR[k]!).join(' ')}`);
    none(bad);
  });
  test('every plural has `other`, and only the categories its language has', () => {
    const bad: string[] = [];
    for (const [lang, table, locale] of [
      ['en', EN, 'en-US'],
      ['fr', FR, 'fr-FR'],
    ] as const) {
      const categories = new Set<string>(new Intl.PluralRules(locale).resolvedOptions().pluralCategories);
      for (const [k, v] of Object.entries(table)) {
        const els = tryAst(v);
        if (els instanceof Error) continue;
        for (const el of walk(els)) {
          if (el.type === TYPE.select && !('other' in el.options)) bad.push(`${lang} ${k}: select {${el.value}} without other`);
          if (el.type !== TYPE.plural) continue;
          if (!('other' in el.options)) bad.push(`${lang} ${k}: plural {${el.value}} without other`);
          for (const c of Object.keys(el.options)) if (!c.startsWith('=') && !categories.has(c)) bad.push(`${lang} ${k}: ${c} is no plural category of ${locale}`);
        }
      }
    }
    none(bad);
  });
});

/** Arguments that carry a count, by name: a noun after one of them needs a plural. */
const COUNT_ARGUMENT =
  /^(count|total|done|n|users|numbers|files|certificates|errors|warnings|infos|unreadable|rounds|applied|left|shown|hidden|failed|groups|servers|length|bytes|size|rows|entries|days|objects|calls|checked|plans|commands|missing|orphan|mismatch|invalid|max)$/;
/** Words that may follow a count without agreeing with it. */
const NOT_A_NOUN = new Set([
  // prepositions and adverbs: "{done} of {total}", "{count} more", "{done} sur {total}", "{count} de plus"
  ...['of', 'more', 'to', 'without', 'de', 'des', 'sur', 'en', 'plus', 'sans', 'à', 'au'],
  // units: "{seconds} s", "{ms} ms", "{size} MB"
  ...['s', 'ms', 'min', 'x', 'kb', 'mb', 'ko', 'mo'],
  // English words that do not agree with a number: "{ok} ok", "{failed} failed", "{done} of {total} inspected",
  // "{infos} info", "{missing} missing", "at most {max} are read" (a maximum is never 1)
  ...['ok', 'failed', 'inspected', 'probed', 'not', 'info', 'refused', 'missing', 'orphan', 'mismatch', 'are', 'is', 'n', 'est', 'sont'],
]);

describe('counts are real plurals', () => {
  test('no "(s)" or "(x)" stands for a plural', () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) if (/\p{L}\((?:s|es|x|e|nt)\)/u.test(literalText(v))) bad.push(`${lang} ${k}: ${v}`);
    }
    none(bad);
  });
  test('a counted noun is inside a plural: "{count} findings" is not written', () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) {
        const els = tryAst(v);
        if (els instanceof Error) continue;
        const flat = [...walk(els)];
        flat.forEach((el, i) => {
          if (el.type !== TYPE.argument || !COUNT_ARGUMENT.test(el.value)) return;
          const next = flat[i + 1];
          if (next?.type !== TYPE.literal) return;
          const word = /^[\s\u00a0\u202f]+(\p{L}+)/u.exec(next.value)?.[1];
          if (word && !NOT_A_NOUN.has(word.toLowerCase())) bad.push(`${lang} ${k}: {${el.value}} ${word}`);
        });
      }
    }
    none(bad);
  });
});

describe('French is French', () => {
  test('no English word in a French template (except per key, said why)', () => {
    const bad: string[] = [];
    for (const [k, v] of Object.entries(FR)) {
      const words = englishWordsIn(literalText(v), ENGLISH_IN_FRENCH[k] ?? []);
      if (words.length) bad.push(`${k}: ${words.join(', ')} — ${v}`);
    }
    none(bad);
  });
  test('a non-breaking space (U+00A0) before : ; ? !, never a plain space that lets the sign start a line', () => {
    // R-D-10's text lists the characters a dial plan name may not contain: there the signs stand alone.
    const LISTS_OF_SIGNS = new Set(['rule.R-D-10.why']);
    const bad = Object.entries(FR)
      .filter(([k, v]) => !LISTS_OF_SIGNS.has(k) && /(?<=\S) [:;?!](?=\s|$|[»)'’,.{])/.test(v))
      .map(([k, v]) => `${k}: ${v}`);
    none(bad);
  });
});

describe('plurals render with the rules of each language', () => {
  test('English: one is 1 only; French: one is 0 and 1', () => {
    const progress = (lang: 'en' | 'fr', done: number, total: number) => translateDynamic(lang, 'users.check.progress', { done, total });
    assert.equal(progress('en', 1, 1), '1 of 1 user checked');
    assert.equal(progress('en', 1, 2), '1 of 2 users checked');
    assert.equal(progress('en', 0, 0), '0 of 0 users checked');
    assert.equal(progress('fr', 0, 2), '0 utilisateur vérifié sur 2');
    assert.equal(progress('fr', 1, 2), '1 utilisateur vérifié sur 2');
    assert.equal(progress('fr', 2, 2), '2 utilisateurs vérifiés sur 2');
  });
  test('"1 files, 1 warnings" is gone from the CLI summaries', () => {
    const one = { files: 1, certificates: 1, errors: 0, warnings: 1, infos: 0, unreadable: 0 };
    assert.equal(translateDynamic('en', 'cli.cert.summary', one), '1 file, 1 certificate: 0 errors, 1 warning, 0 info; 0 files unreadable');
    assert.equal(translateDynamic('fr', 'cli.cert.summary', one), '1 fichier, 1 certificat\u00a0: 0 erreur, 1 avertissement, 0 information\u00a0; 0 fichier illisible');
    assert.equal(translateDynamic('en', 'cli.check.summary', { count: 1, errors: 1, warnings: 0, infos: 0 }), '1 finding: 1 error, 0 warnings, 0 info');
    assert.equal(translateDynamic('fr', 'cli.check.summary', { count: 2, errors: 2, warnings: 0, infos: 0 }), '2 constats\u00a0: 2 erreurs, 0 avertissement, 0 information');
  });
  test('counts keep their locale grouping, in a plural and in a plain argument', () => {
    assert.equal(translateDynamic('en', 'checks.count', { count: 1234 }), '1,234 findings');
    assert.equal(translateDynamic('fr', 'checks.count', { count: 1234 }), '1\u202f234 constats');
    assert.equal(translateDynamic('en', 'contacts.csvParse.tooManyRows', { count: 20001, max: 20000 }), 'The file has 20,001 rows; at most 20,000 are read.');
  });
  test('every plural of both tables renders for 0, 1, 2 and 1000 with no placeholder or ICU left', () => {
    const bad: string[] = [];
    for (const [lang, table] of TABLES) {
      for (const [k, v] of Object.entries(table)) {
        const els = tryAst(v);
        if (els instanceof Error || ![...walk(els)].some((el) => el.type === TYPE.plural)) continue;
        const names = argumentsOf(v);
        for (const n of [0, 1, 2, 1000]) {
          const text = translateDynamic(lang, k, Object.fromEntries(names.map((a) => [a, n])));
          if (/[{}#]/.test(text)) bad.push(`${lang} ${k} (${n}): ${text}`);
        }
      }
    }
    none(bad);
  });
});

describe('server values in French prose', () => {
  test("a gateway's Status reads as French: « désactivée », not « Disabled »", () => {
    const text = (status: string) => translateDynamic('fr', 'rule.R-G-09.msg.default', { gateway: 'PBX-DAL', status });
    assert.equal(text('Disabled'), 'La passerelle PBX-DAL est désactivée.');
    assert.equal(text('NoNewCalls'), 'La passerelle PBX-DAL est fermée aux nouveaux appels.');
    assert.equal(translateDynamic('en', 'rule.R-G-09.msg.default', { gateway: 'PBX-DAL', status: 'Disabled' }), 'Gateway PBX-DAL is Disabled.');
  });
});

describe('translate: robust at the edge', () => {
  test('a missing argument stays visible as {name}; a missing plural count falls back to the raw template', () => {
    assert.equal(translateDynamic('en', 'contacts.csvParse.fieldCount', { count: 3 }), 'Line {line}: 3 fields where the header has {expected}.');
    assert.match(translateDynamic('en', 'checks.count', {}), /^\{count, plural/);
  });
  test('a literal brace quoted in ICU comes out as a brace', () => {
    assert.match(translateDynamic('en', 'snapshot.expect.version'), /or \{Major, Minor, Build, Revision\}\)$/);
  });
});
