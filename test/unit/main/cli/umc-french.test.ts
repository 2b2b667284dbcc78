/**
 * `--lang fr`: every command of umc, run for real (the lab copy in a temporary user-data folder, the
 * lab endpoint through real PowerShell, openssl-made certificate files, a closed loopback port for
 * probe), its stdout and stderr read as a French reader reads them: no English word of
 * test/support/french-text.ts may be left. What is not the console's own prose is set aside first,
 * each for a stated reason:
 *  - PowerShell command text (cmdlets, parameters, property names, values) is the same in every
 *    language; the comment after ` # ` and a `<placeholder>` inside a command are prose and stay judged;
 *  - a property's value before → after in a fix preview is the cmdlet's own value (Status Disabled);
 *  - what a server or PowerShell itself answered, quoted as such (« … » after "répond", after
 *    "refusé — "), is their text: the Exchange and Skype cmdlets answer in English.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { certFixtures } from '../../../support/cert-fixtures';
import { englishWordsIn } from '../../../support/french-text';
import { ROOT } from '../../../support/paths';
import { NO_PWSH, PWSH } from '../../../support/powershell';

const data = mkdtempSync(join(tmpdir(), 'umc-cli-fr-'));
after(() => rmSync(data, { recursive: true, force: true }));

async function run(args: readonly string[]) {
  let text = '';
  const code = await runCli([...args, '--lang', 'fr'], {
    out: (s) => (text += s),
    err: (s) => (text += s),
    root: ROOT,
    // The system says English: --lang fr alone must make it French.
    locale: 'en-US',
    env: { UMC_USER_DATA: data, ...(PWSH ? { UMC_PWSH: PWSH } : {}) },
  });
  return { code, text };
}

/** A verb-noun cmdlet, a script call or a pipeline: where a command starts on a line. */
const COMMAND_START = /(?:^|\s)(?:[A-Z][a-z]+-[A-Z][A-Za-z]+|& "|\$[A-Za-z])/;

/** The prose of a line: the command part removed, its comment and placeholders kept. */
function proseOf(line: string): string {
  const start = COMMAND_START.exec(line);
  if (!start) return line;
  const comment = line.indexOf(' # ', start.index);
  const code = comment < 0 ? line.slice(start.index) : line.slice(start.index, comment);
  const placeholders = [...code.matchAll(/<([^<>]+)>/g)].map((m) => m[1]).join(' ');
  return `${line.slice(0, start.index)} ${placeholders} ${comment < 0 ? '' : line.slice(comment)}`;
}

function frenchLeaks(text: string): string[] {
  const prose = text
    .replace(/« [^»]*»/g, (quoted, offset: number) => (/répond\u00a0?:? ?$/.test(text.slice(Math.max(0, offset - 12), offset)) ? '' : quoted))
    .replace(/refusé — .*$/gm, 'refusé')
    .replace(/\b[A-Z][A-Za-z]+ [^\n→]* → [^\n]*/g, '')
    .split('\n')
    .map(proseOf)
    .join('\n');
  return englishWordsIn(prose);
}

/** The lines holding a leak, for the failure message. */
function leakingLines(text: string): string {
  return text
    .split('\n')
    .filter((l) => frenchLeaks(l).length > 0)
    .slice(0, 12)
    .join('\n');
}

/**
 * English printed by code this command line does not own, set aside here so the rest of each
 * output is still judged: each entry names where it comes from. Remove an entry once that code
 * speaks French (the test then judges those lines too).
 */
const PRINTED_ELSEWHERE: readonly { readonly cases: readonly string[] | 'all'; readonly pattern: RegExp; readonly replacement: string; readonly why: string }[] = [];

function assertFrench(name: string, r: { code: number; text: string }): void {
  assert.ok(r.text.trim().length > 0, `${name}: nothing printed`);
  let text = r.text;
  for (const e of PRINTED_ELSEWHERE) if (e.cases === 'all' || e.cases.includes(name)) text = text.replace(e.pattern, e.replacement);
  assert.deepEqual(frenchLeaks(text), [], `${name}:\n${leakingLines(text)}`);
}

describe('every command in French with --lang fr (lab org, real files)', () => {
  const fx = certFixtures();
  const cases: [string, () => readonly string[], { pwsh?: boolean }][] = [
    ['check', () => ['check'], {}],
    ['check --snapshot (missing file)', () => ['check', '--snapshot', join(data, 'absent.json')], {}],
    ['check (unknown option)', () => ['check', '--verbeux'], {}],
    ['checklist', () => ['checklist'], {}],
    ['fix --all --dry-run', () => ['fix', '--all', '--dry-run'], { pwsh: true }],
    ['fix (no rule)', () => ['fix'], {}],
    ['capture --endpoint lab', () => ['capture', '--endpoint', 'lab', '--out', join(data, 'instantane.json')], { pwsh: true }],
    ['connect-test (lab endpoint)', () => ['connect-test', '--exchange', 'lab:', '--skype', 'lab:'], { pwsh: true }],
    ['known-hosts list', () => ['known-hosts', 'list'], {}],
    ['cert inspect', () => ['cert', 'inspect', join(fx.dir, 'leaf-good.cer'), join(fx.dir, 'chain.p7b'), join(fx.dir, 'leaf-expired.cer')], {}],
    ['probe (closed port)', () => ['probe', 'sip:127.0.0.1:9;transport=tcp', '--timeout', '500'], {}],
    ['contacts list', () => ['contacts', 'list'], { pwsh: true }],
    ['user', () => ['user', 'vm.ok@'], {}],
    ['users check', () => ['users', 'check'], {}],
    ['chek (mistyped)', () => ['chek'], {}],
    ['--version', () => ['--version'], {}],
  ];
  for (const [name, args, o] of cases) {
    test(name, { skip: o.pwsh && NO_PWSH ? NO_PWSH : false }, async () => {
      assertFrench(name, await run(args()));
    });
  }
  test('check --out: the HTML and CSV reports too', async () => {
    const html = join(data, 'rapport.html');
    const csv = join(data, 'rapport.csv');
    assertFrench('check --out rapport.html', await run(['check', '--out', html]));
    assertFrench('check --out rapport.csv', await run(['check', '--out', csv]));
    const page = readFileSync(html, 'utf8')
      .replace(/<style>.*?<\/style>/s, '')
      .replace(/<[^>]+>/g, '\n')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"');
    assertFrench('rapport.html', { code: 0, text: page });
    assertFrench('rapport.csv', { code: 0, text: readFileSync(csv, 'utf8').replace(/;/g, '\n') });
  });
  test('umc alone and --help', async () => {
    assertFrench('umc', await run([]));
    // `umc users check` and `known-hosts remove` are what the user types.
    const help = await run(['--help']);
    assert.deepEqual(frenchLeaks(help.text.replace(/umc users check/g, 'umc').replace(/\| remove /g, '| ')), []);
  });
});

describe('the filters set aside only what they say', () => {
  test('a comment after a command and a placeholder inside it are still judged', () => {
    assert.deepEqual(frenchLeaks("    Set-UMIPGateway -Identity 'GW' -Address '<gateway FQDN in its certificate>'"), ['its']);
    assert.deepEqual(frenchLeaks('  Set-CsTrunk -Identity x   # on each Front End of the pool'), ['each', 'of', 'the']);
    assert.deepEqual(frenchLeaks('Get-CsPool | Format-List Identity,Thumbprint,Enabled'), []);
  });
  test('prose before a command is judged', () => {
    assert.deepEqual(frenchLeaks('The fix is: Set-UMService -Identity x'), ['The', 'is']);
  });
});
