/**
 * What `umc` says about itself, as its peers do: `umc` alone a short usage, `--help` for everything
 * and for each command (usage, options, exit codes) in both languages, `--version` from
 * package.json, "did you mean …?" for a mistyped command; exit 0 for help and version, 2 for an
 * unknown command.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { closestCommand, COMMANDS, editDistance } from '../../../../main/cli/help';
import { runCli } from '../../../../main/cli/umc';
import { englishWordsIn } from '../../../support/french-text';
import { ROOT } from '../../../support/paths';

async function run(args: string[], locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale, env: { UMC_USER_DATA: join(ROOT, 'no-such-user-data') } });
  return { code, out, err };
}

/** English words in a French help, the command line's own words aside (`umc users check`, `umc known-hosts remove`: what the user types). */
function frenchLeaks(text: string): string[] {
  return englishWordsIn(text.replace(/umc users check/g, 'umc').replace(/(\| |\n {2}|umc known-hosts )remove\b/g, '$1'));
}

/** Every command umc dispatches, as the dispatch table in umc.ts names them. */
const DISPATCHED = ['check', 'fix', 'checklist', 'capture', 'connect-test', 'known-hosts', 'cert', 'probe', 'contacts', 'user', 'users', 'diff', 'bundle', 'test-voicemail'];

describe('umc COMMAND --help: usage, options and exit codes, before the command runs', () => {
  test('every dispatched command has a help', () => {
    assert.deepEqual([...COMMANDS].sort(), [...DISPATCHED].sort());
  });
  for (const command of DISPATCHED) {
    test(`${command} --help and -h, English and French`, async () => {
      // Arguments the command would refuse: the help is answered first.
      const en = await run([command, '--no-such-option', '--help']);
      assert.equal(en.code, 0);
      assert.equal(en.err, '');
      assert.match(en.out, new RegExp(`^Usage:(\\n)?\\s+umc ${command}\\b`));
      assert.match(en.out, /Exit codes?:/);
      assert.match(en.out, /\n\s+--[a-z]|\n\s+[a-z]+\s{2,}/, 'an option or subcommand is described');
      const short = await run([command, '-h']);
      assert.equal(short.out, en.out);
      const fr = await run([command, '--help', '--lang', 'fr']);
      assert.equal(fr.code, 0);
      assert.match(fr.out, /^Utilisation\u00a0?\s?:/);
      assert.match(fr.out, /Codes? de sortie/);
      assert.deepEqual(frenchLeaks(fr.out), []);
      // The system's language when no --lang.
      assert.equal((await run([command, '--help'], 'fr_FR.UTF-8')).out, fr.out);
      // `umc help COMMAND` says the same.
      assert.equal((await run(['help', command])).out, en.out);
    });
  }
  test('after `--` a -h is an argument, not a question', async () => {
    const r = await run(['user', '--', '-h']);
    assert.doesNotMatch(r.out, /^Usage:/);
  });
});

describe('umc alone, umc --help, umc --version', () => {
  test('umc alone: a short usage (a few lines) and where the rest is; exit 2 (no command)', async () => {
    const r = await run([]);
    assert.equal(r.code, 2);
    assert.equal(r.out, '');
    const lines = r.err.trimEnd().split('\n');
    assert.ok(lines.length <= 8, `${lines.length} lines`);
    assert.match(r.err, /umc --help for every command/);
    const fr = await run([], 'fr_FR.UTF-8');
    assert.match(fr.err, /umc --help pour toutes les commandes/);
    assert.deepEqual(englishWordsIn(fr.err), []);
  });
  test('umc --help lists every command, exit 0, in both languages', async () => {
    for (const [args, locale] of [
      [['--help'], 'en-US'],
      [['-h'], 'en-US'],
      [['help'], 'en-US'],
      [['--help'], 'fr-FR'],
      [['--lang', 'fr', '--help'], 'en-US'],
    ] as const) {
      const r = await run([...args], locale);
      assert.equal(r.code, 0);
      for (const c of DISPATCHED) assert.match(r.out, new RegExp(`umc ${c}\\b`), `${c} listed`);
      assert.match(r.out, /umc --version/);
      if (locale === 'fr-FR' || args[0] === '--lang') assert.deepEqual(frenchLeaks(r.out), []);
    }
  });
  test('--version and version: the version in package.json, exit 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const args of [['--version'], ['version'], ['-V']]) {
      const r = await run(args);
      assert.equal(r.code, 0);
      assert.equal(r.out, `umc ${version} (UM Integration Console)\n`);
    }
  });
});

describe('a mistyped command: did you mean …?', () => {
  test('the closest command by edit distance, exit 2, one line on stderr', async () => {
    for (const [typed, meant] of [
      ['chek', 'check'],
      ['chekc', 'check'],
      ['Check', 'check'],
      ['contact', 'contacts'],
      ['usr', 'user'],
      ['certs', 'cert'],
      ['knownhosts', 'known-hosts'],
      ['checklst', 'checklist'],
      ['connect', 'connect-test'],
    ] as const) {
      const r = await run([typed]);
      assert.equal(r.code, 2, typed);
      assert.equal(r.out, '');
      assert.equal(r.err, `umc: unknown command ${typed}: did you mean ${meant}? (umc --help lists every command)\n`);
    }
    const fr = await run(['chek'], 'fr_FR.UTF-8');
    assert.equal(fr.err, 'umc: commande inconnue\u00a0: chek\u00a0; vouliez-vous dire check\u00a0? (umc --help liste toutes les commandes)\n');
  });
  test('nothing close: no guess', async () => {
    for (const typed of ['frobnicate', 'x', 'ls', '--verbose']) {
      const r = await run([typed]);
      assert.equal(r.code, 2);
      assert.doesNotMatch(r.err, /did you mean/, typed);
    }
    assert.equal(closestCommand('deploy'), null);
  });
  test('the distance counts a swap of two neighbours as one edit', () => {
    assert.equal(editDistance('check', 'check'), 0);
    assert.equal(editDistance('chekc', 'check'), 1);
    assert.equal(editDistance('chk', 'check'), 2);
    assert.equal(editDistance('', 'fix'), 3);
  });
});

test('a --lang no command takes is refused wherever it stands, exit 2; after `--` it is an argument', async () => {
  for (const [args, message] of [
    [['--lang', 'de', 'check'], 'umc: unknown option --lang de\n'],
    [['check', '--lang=de'], 'umc: unknown option --lang de\n'],
    [['check', '--lang'], 'umc: --lang needs a value\n'],
    [['check', '--lang', '--json'], 'umc: --lang needs a value\n'],
  ] as const) {
    const r = await run([...args]);
    assert.equal(r.code, 2, args.join(' '));
    assert.equal(r.err, message);
  }
  assert.doesNotMatch((await run(['user', '--', '--lang'])).err, /--lang needs a value/);
});

describe('the language follows the system: LC_ALL, then LC_MESSAGES, then LANG (POSIX order)', () => {
  /** The CLI's real entry (main()) in a child process, with only the locale variables given. */
  function umc(args: string[], locale: Record<string, string>) {
    const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', UMC_USER_DATA: join(ROOT, 'no-such-user-data'), ...locale };
    const entry = join(ROOT, 'main', 'cli', 'umc.ts');
    return spawnSync(process.execPath, ['--import', 'tsx', '-e', `process.argv.splice(1, 0, 'umc'); require(${JSON.stringify(entry)}).main()`, ...args], { cwd: ROOT, env, encoding: 'utf8' });
  }
  test('each variable decides when the ones before it are unset or empty', () => {
    const cases: [Record<string, string>, 'fr' | 'en'][] = [
      [{ LANG: 'fr_FR.UTF-8' }, 'fr'],
      [{ LANG: 'en_US.UTF-8', LC_MESSAGES: 'fr_CA.UTF-8' }, 'fr'],
      [{ LANG: 'fr_FR.UTF-8', LC_MESSAGES: 'en_GB.UTF-8' }, 'en'],
      [{ LANG: 'fr_FR.UTF-8', LC_ALL: 'C' }, 'en'],
      [{ LANG: 'en_US.UTF-8', LC_ALL: 'fr_BE.UTF-8' }, 'fr'],
      [{ LANG: 'fr_FR.UTF-8', LC_ALL: '' }, 'fr'],
    ];
    for (const [locale, language] of cases) {
      const r = umc(['chek'], locale);
      assert.equal(r.status, 2, JSON.stringify(locale));
      assert.match(r.stderr, language === 'fr' ? /^umc: commande inconnue/ : /^umc: unknown command/, JSON.stringify(locale));
    }
    // --lang wins over the system.
    assert.match(umc(['chek', '--lang', 'en'], { LANG: 'fr_FR.UTF-8' }).stderr, /^umc: unknown command/);
  });
});
