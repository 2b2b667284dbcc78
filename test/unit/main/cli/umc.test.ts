import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from '../../../../main/cli/umc';
import { LAB_PATH, labRaw } from '../../../support/lab';
import { ROOT } from '../../../support/paths';

async function run(args: string[], locale = 'en-US') {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (s) => (out += s), err: (s) => (err += s), root: ROOT, locale });
  return { code, out, err };
}

const dir = mkdtempSync(join(tmpdir(), 'umc-cli-'));
after(() => rmSync(dir, { recursive: true, force: true }));
function file(name: string, content: string): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

describe('umc check on the lab', () => {
  test('--json reports at least 12 distinct catalogue rules, each on the objects built to break it', async () => {
    const r = await run(['check', '--lab', '--json']);
    assert.equal(r.code, 1, 'error findings → exit 1');
    assert.equal(r.err, '');
    const report = JSON.parse(r.out);
    assert.equal(report.source.kind, 'lab');
    const rules = new Set(report.findings.map((f: { rule: string }) => f.rule));
    assert.ok(rules.size >= 12, `${rules.size} rules`);
    for (const f of report.findings) {
      assert.match(f.rule, /^R-[A-Z]-\d\d[a-z]?$/);
      assert.ok(['error', 'warning', 'info'].includes(f.severity));
      assert.ok(Array.isArray(f.objects) && f.objects.length > 0);
      assert.equal(typeof f.message, 'string');
      assert.ok(['cmdlet', 'manual'].includes(f.fix.kind) && Array.isArray(f.fix.commands) && typeof f.fix.impact.users === 'number');
    }
    const on = (rule: string) => report.findings.filter((f: { rule: string }) => f.rule === rule).flatMap((f: { objects: { id: string }[] }) => f.objects.map((o) => o.id));
    assert.ok(on('R-G-05').includes('1:2'));
    assert.ok(on('R-G-06').includes('3:1'));
    assert.ok(on('R-G-07').includes('SBC-EDGE'));
    assert.ok(on('R-G-09').includes('PBX-DAL'));
    assert.ok(on('R-G-01').includes('dal-cs-002.litwareinc.com'));
    assert.ok(on('R-D-02').includes('Litware-SIP-Branch'));
    assert.ok(on('R-D-06').includes('DAL-EX-003'));
    assert.ok(on('R-O-01').includes('ATL-EX-002'));
    assert.ok(on('R-C-12').includes('Litware-SIP-Branch'));
  });
  test('without --lab the lab is the default; text output for people', async () => {
    const r = await run(['check']);
    assert.equal(r.code, 1);
    assert.match(r.out, /^Source: litwareinc\.com \(lab\) \(Lab org\), read /);
    assert.match(r.out, /ERROR\s+R-D-02\s+SIPSecured dial plan where Skype requires media encryption/);
    assert.match(r.out, /Set-UMDialPlan -Identity 'Litware-SIP-Branch' -VoIPSecurity Secured/);
    // The summary first, on the line after the source.
    assert.match(r.out.split('\n')[1]!, /^\d+ findings: \d+ errors, \d+ warnings, \d+ info$/);
  });
  test('French for a French system or --lang fr; JSON stays English unless asked', async () => {
    const fr = await run(['check'], 'fr_FR.UTF-8');
    assert.match(fr.out, /^Source\u00a0: /);
    assert.match(fr.out, /ERREUR/);
    const json = JSON.parse((await run(['check', '--json'], 'fr_FR.UTF-8')).out);
    assert.match(json.findings[0].message, /[A-Za-z]/);
    const jsonFr = JSON.parse((await run(['check', '--json', '--lang', 'fr'])).out);
    assert.notEqual(jsonFr.findings[0].message, json.findings[0].message);
  });
  test('a healthy snapshot exits 0', async () => {
    // The lab with every error-severity fault's object removed is not healthy enough; use a generated org with no errors instead.
    const { generateSnapshot } = await import('../../../support/org-builder/generate-org');
    const raw = generateSnapshot({ exchangeServers: 2, dialPlans: 10, gateways: 10, users: 30 });
    const r = await run(['check', '--snapshot', file('gen.json', JSON.stringify(raw)), '--json']);
    const report = JSON.parse(r.out);
    const errors = report.findings.filter((f: { severity: string }) => f.severity === 'error');
    // The generated org is healthy: each server's certificate names it (docs/generated-org.md).
    assert.deepEqual([...new Set(errors.map((f: { rule: string }) => f.rule))], []);
    assert.equal(r.code, 0);
  });
});

describe('a snapshot read in part: checked, with what was not read on stderr and the rules not judged', () => {
  test('a section missing: its rules are not judged; an unreadable object: skipped, said', async () => {
    const r = labRaw();
    delete r.skype.mediaConfigurations;
    r.exchange.ipGateways.objects[0].OutcallsAllowed = 'yes';
    const text = await run(['check', '--snapshot', file('partial.json', JSON.stringify(r)), '--lang', 'en']);
    assert.equal(text.code, 1);
    assert.deepEqual(text.err.trimEnd().split('\n'), [
      `warning: exchange.ipGateways (partial): exchange.ipGateways[0] "${r.exchange.ipGateways.objects[0].Identity}" was skipped: exchange.ipGateways[0].OutcallsAllowed has the wrong type: expected true or false, got the string "yes"`,
      'warning: skype.mediaConfigurations (not read): the snapshot has no section skype.mediaConfigurations (Get-CsMediaConfiguration): not read',
    ]);
    assert.match(text.out, /Not judged \(2\): a section they need was not read\n\nR-D-02  not judged: skype\.mediaConfigurations not read\nR-D-03  not judged: skype\.mediaConfigurations not read\n/);
    const json = JSON.parse((await run(['check', '--snapshot', file('partial.json', JSON.stringify(r)), '--json'])).out);
    assert.deepEqual(json.notJudged, [
      { rule: 'R-D-02', sections: ['skype.mediaConfigurations'] },
      { rule: 'R-D-03', sections: ['skype.mediaConfigurations'] },
    ]);
    assert.ok(!json.findings.some((f: { rule: string }) => f.rule === 'R-D-02' || f.rule === 'R-D-03'));
  });
});

describe('bad input: exit 2, one line on stderr, no stack', () => {
  const cases: [string, () => string[], RegExp][] = [
    [
      'truncated JSON',
      () => ['check', '--snapshot', file('truncated.json', readFileSync(LAB_PATH, 'utf8').slice(0, 5000))],
      /^umc: truncated\.json is not valid JSON \(.+\); the file is truncated or not a snapshot$/,
    ],
    [
      'wrong format version',
      () => ['check', '--snapshot', file('v2.json', JSON.stringify({ ...labRaw(), formatVersion: 2 }))],
      /^umc: v2\.json: snapshot format version 2 is not supported; this console reads version 1$/,
    ],
    ['not a snapshot at all', () => ['check', '--snapshot', file('other.json', '{"hello": "world"}')], /^umc: other\.json: this is not a UM Integration Console snapshot/],
    ['no such file', () => ['check', '--snapshot', join(dir, 'missing.json')], /^umc: cannot read .*missing\.json: no such file$/],
    ['unknown option', () => ['check', '--verbose'], /^umc: unknown option --verbose$/],
    ['--snapshot without a value', () => ['check', '--snapshot'], /^umc: --snapshot needs a value$/],
    ['--lab with --snapshot', () => ['check', '--lab', '--snapshot', LAB_PATH], /^umc: --lab and --snapshot cannot be used together$/],
    ['unknown command', () => ['frobnicate'], /^umc: unknown command frobnicate \(umc --help lists every command\)$/],
  ];
  for (const [name, args, message] of cases) {
    test(name, async () => {
      const r = await run(args());
      assert.equal(r.code, 2);
      assert.equal(r.out, '');
      assert.match(r.err.trimEnd(), message);
      assert.equal(r.err.trimEnd().split('\n').length, 1);
      assert.doesNotMatch(r.err, /\n\s+at /);
    });
  }
});

test('bad-input messages follow the system language too', async () => {
  const r = await run(['check', '--snapshot', join(dir, 'absent.json')], 'fr_FR.UTF-8');
  assert.equal(r.code, 2);
  assert.match(r.err, /^umc: impossible de lire .*absent\.json\u00a0: fichier introuvable\n$/);
  const raw = labRaw();
  raw.exchange.ipGateways.objects[0].Port = 'x';
  const t = await run(['check', '--snapshot', file('fr-type.json', JSON.stringify(raw))], 'fr_FR.UTF-8');
  // An unreadable object no longer stops the check: it is skipped, and the warning is in French too.
  assert.match(
    t.err,
    /^avertissement\u00a0: exchange\.ipGateways \(partielle\)\u00a0: exchange\.ipGateways\[0\] « 1:1 » a été ignoré\u00a0: exchange\.ipGateways\[0\]\.Port n’a pas le bon type\u00a0: un entier attendu, la chaîne "x" trouvé\n$/,
  );
});

describe('the installed command', () => {
  const bin = join(ROOT, 'bin', 'umc.cjs');
  test('npx-able bin runs the bundled CLI with real exit codes', () => {
    assert.ok(existsSync(join(ROOT, 'out', 'cli', 'umc.cjs')), 'run `npm run build` first');
    const ok = spawnSync(process.execPath, [bin, 'check', '--lab', '--json'], { encoding: 'utf8' });
    assert.equal(ok.status, 1);
    assert.ok(JSON.parse(ok.stdout).findings.length > 12);
    const bad = spawnSync(process.execPath, [bin, 'check', '--snapshot', '/nonexistent/x.json'], { encoding: 'utf8' });
    assert.equal(bad.status, 2);
    assert.equal(bad.stdout, '');
    assert.match(bad.stderr, /^umc: cannot read \/nonexistent\/x\.json: no such file\n$/);
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    assert.match(help, /umc check \[--lab \| --snapshot FILE\] \[--trusted-roots FILE\] \[--json\]/);
  });
});

describe('umc check --trusted-roots FILE (R-X-01 judges the root with the certificates the admin adds)', () => {
  test('a PEM bundle is read: its count on stderr, the findings judged with it', async () => {
    const { pkiCa } = await import('../../../support/pki-fixtures');
    const bundle = file('roots.pem', [pkiCa('CLI Test Root').pem, pkiCa('CLI Test Issuing', 'CLI Test Root').pem].join(''));
    const without = await run(['check', '--lab', '--json']);
    const withRoots = await run(['check', '--lab', '--trusted-roots', bundle]);
    assert.equal(withRoots.code, without.code);
    assert.equal(withRoots.err, `Trusted roots added: 2 certificates from ${bundle}\n`);
    // Unrelated roots change nothing: the lab's UM and Skype certificates share the Litware issuer.
    const json = JSON.parse((await run(['check', '--lab', `--trusted-roots=${bundle}`, '--json'])).out);
    const rx01 = (r: { findings: { rule: string; severity: string }[] }) => r.findings.filter((f) => f.rule === 'R-X-01').map((f) => f.severity);
    assert.deepEqual(rx01(json), rx01(JSON.parse(without.out)));
  });
  test('a missing file or one without a certificate: exit 2, one line naming the file', async () => {
    const missing = join(dir, 'no-such-roots.pem');
    const r = await run(['check', '--trusted-roots', missing]);
    assert.equal(r.code, 2);
    assert.match(r.err, new RegExp(`^umc: The trusted-roots file ${missing.replace(/[.\\/]/g, '\\$&')} cannot be read: .+\n$`));
    const text = await run(['check', '--trusted-roots', file('not-roots.pem', 'hello\n')], 'fr-FR');
    assert.equal(text.code, 2);
    assert.match(text.err, /^umc: Le fichier des racines approuvées .*not-roots\.pem est illisible\u00a0: .+\n$/);
    const noValue = await run(['check', '--trusted-roots']);
    assert.equal(noValue.code, 2);
    assert.equal(noValue.err, 'umc: --trusted-roots needs a value\n');
  });
});

describe('umc check: the summary first, then errors by impact, then warnings; --out writes the report', () => {
  test('text: summary on the second line; every error before every warning, each severity by impact', async () => {
    const r = await run(['check']);
    const lines = r.out.split('\n');
    assert.match(lines[1]!, /^\d+ findings: \d+ errors, \d+ warnings, \d+ info$/);
    const severities = lines.map((l) => /^(ERROR|WARNING|INFO)\s+R-/.exec(l)?.[1]).filter((s): s is string => !!s);
    const rank = { ERROR: 0, WARNING: 1, INFO: 2 } as Record<string, number>;
    assert.deepEqual(
      severities,
      [...severities].sort((a, b) => rank[a]! - rank[b]!),
    );
    assert.ok(severities.includes('ERROR') && severities.includes('WARNING'));
    // Inside the errors, the users each one leaves without voice mail never grow.
    const json = JSON.parse((await run(['check', '--json'])).out) as { findings: { severity: string; fix: { impact: { users: number } } }[] };
    const errorUsers = json.findings.filter((f) => f.severity === 'error').map((f) => f.fix.impact.users);
    assert.deepEqual(
      errorUsers,
      [...errorUsers].sort((a, b) => b - a),
    );
    assert.ok(errorUsers[0]! > 0);
    assert.equal(
      json.findings.findIndex((f) => f.severity !== 'error'),
      errorUsers.length,
    );
  });
  test('--out report.html and report.csv: every finding, the line on stderr; the same exit code', async () => {
    const html = join(dir, 'findings.html');
    const r = await run(['check', '--out', html]);
    assert.equal(r.code, 1);
    const count = (JSON.parse((await run(['check', '--json'])).out) as { findings: unknown[] }).findings.length;
    assert.equal(r.err, `Report written: ${html} (${count} findings)\n`);
    const page = readFileSync(html, 'utf8');
    assert.match(page, /^<!DOCTYPE html>/);
    assert.match(page, new RegExp(`${count} findings: `));
    const csvFile = join(dir, 'findings.csv');
    const fr = await run(['check', `--out=${csvFile}`, '--lang', 'fr']);
    assert.equal(fr.code, 1);
    const csv = readFileSync(csvFile, 'utf8');
    assert.ok(csv.startsWith('\uFEFFGravité;Règle;'));
    // One line per finding after the header (fix cells with line breaks are quoted).
    assert.equal(csv.match(/\r\n(?=Erreur|Avertissement|Info)/g)?.length, count);
    assert.match(fr.err, /^Rapport écrit\u00a0: /);
  });
  test('--out with another extension or into a missing folder: exit 2 before reading, nothing written', async () => {
    const txt = await run(['check', '--out', join(dir, 'findings.txt')]);
    assert.equal(txt.code, 2);
    assert.match(txt.err, /^umc: --out .*findings\.txt: the report is FILE\.html or FILE\.csv\n$/);
    assert.equal(txt.out, '');
    const missing = await run(['check', '--out', join(dir, 'no-such-dir', 'r.html')]);
    assert.equal(missing.code, 2);
    assert.match(missing.err, /the directory .*no-such-dir does not exist/);
  });
});
