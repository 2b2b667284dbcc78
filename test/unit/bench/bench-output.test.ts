/**
 * The bench's command line and its output (bench/bench-output.ts; README, "Benchmarks"): the pure
 * part only. Timing targets are never asserted here: the bench prints them, it does not fail a test.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BENCH_NAMES, jsonLine, machine, machineText, met, parseBenchArgs, textLine, type Measurement } from '../../../bench/bench-output';
import { ROOT } from '../../support/paths';

/** The text line as every bench printed it before bench-output.ts: the text output must not change. */
const oldLine = (name: string, value: string, target: string) => `${name.padEnd(58)} ${value.padStart(14)}   (target ${target})`;

const checkAll: Measurement = { name: 'users', label: 'check all 100,000 users', value: 4321.6, unit: 'ms', target: { max: 5000 }, targetText: '≤ 5000 ms' };

test('--only takes one or more known names, with a space or =, and --json', () => {
  assert.deepEqual(parseBenchArgs([]), { ok: true, args: { only: null, json: false } });
  assert.deepEqual(parseBenchArgs(['--only', 'certificates', '--json']), { ok: true, args: { only: ['certificates'], json: true } });
  assert.deepEqual(parseBenchArgs(['--only=load-check,topology-1k', '--only', 'capture,load-check']), { ok: true, args: { only: ['load-check', 'topology-1k', 'capture'], json: false } });
});

test('an unknown name, a missing name or an unknown option is refused with the list of names', () => {
  for (const argv of [['--only', 'certificate'], ['--only'], ['--only', '--json'], ['--fast']]) {
    const r = parseBenchArgs(argv);
    assert.equal(r.ok, false, argv.join(' '));
    if (!r.ok) assert.match(r.message, /names: load-check, bundle, topology, topology-1k, certificates, sip, powershell, capture, contacts, users, fixes, checklist, monitor-history$/);
  }
  const r = parseBenchArgs(['--only', 'sip,certificate']);
  assert.ok(!r.ok && r.message.startsWith('unknown bench name certificate;'), JSON.stringify(r));
});

test('the names the issue asks for are all there', () => {
  for (const n of ['load-check', 'bundle', 'topology', 'topology-1k', 'certificates', 'sip', 'powershell', 'capture', 'contacts', 'users'])
    assert.ok((BENCH_NAMES as readonly string[]).includes(n), n);
});

test('met: at most a max, at least a min, null without a target', () => {
  assert.equal(met({ value: 5000, target: { max: 5000 } }), true);
  assert.equal(met({ value: 5000.1, target: { max: 5000 } }), false);
  assert.equal(met({ value: 1999, target: { min: 2000 } }), false);
  assert.equal(met({ value: 3961, target: { min: 2000 } }), true);
  assert.equal(met({ value: 1, target: null }), null);
});

test('the text line is the one the bench always printed, digits and × included', () => {
  assert.equal(textLine(checkAll), oldLine('check all 100,000 users', '4322 ms', '≤ 5000 ms'));
  assert.equal(
    textLine({ name: 'certificates', label: 'reader vs openssl once per file', value: 127.96, unit: '×', target: { min: 10 }, targetText: '≥ 10×', digits: 1 }),
    oldLine('reader vs openssl once per file', '128.0×', '≥ 10×'),
  );
  assert.equal(
    textLine({ name: 'capture', label: 'capture the lab org through PowerShell', value: 1.234, unit: 's', target: null, targetText: 'measured', digits: 2 }),
    oldLine('capture the lab org through PowerShell', '1.23 s', 'measured'),
  );
});

test('the JSON line: name, value rounded as the text, unit, numeric target, met', () => {
  assert.deepEqual(JSON.parse(jsonLine(checkAll)), { name: 'users', label: 'check all 100,000 users', value: 4322, unit: 'ms', target: 5000, met: true });
  assert.deepEqual(JSON.parse(jsonLine({ name: 'certificates', label: 'x', value: 1999.4, unit: 'files/s', target: { min: 2000 }, targetText: '≥ 2000 files/s' })), {
    name: 'certificates',
    label: 'x',
    value: 1999,
    unit: 'files/s',
    target: 2000,
    met: false,
  });
  assert.deepEqual(JSON.parse(jsonLine({ name: 'sip', label: 'y', value: 9.87, unit: 's', target: null, targetText: 'for comparison', digits: 1 })).target, null);
  assert.equal(jsonLine(checkAll).includes('\n'), false);
});

test('the machine: cores, CPU, memory, Node, platform', () => {
  const m = machine();
  assert.ok(m.cores >= 1 && m.memoryMb > 0 && m.cpu.length > 0);
  assert.equal(m.node, process.version);
  assert.match(machineText(m), new RegExp(`^${m.cores} cores \\(.+\\), \\d+\\.\\d GB, Node ${m.node.replace(/\./g, '\\.')}, ${process.platform} `));
});

test('every figure of bench/ goes through measure() under a name --only knows, and every name measures something', () => {
  const dir = join(ROOT, 'bench');
  const measured = new Set<string>();
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.ts') && x !== 'bench-output.ts')) {
    const text = readFileSync(join(dir, f), 'utf8');
    assert.doesNotMatch(text, /\bconst line = /, `${f} prints its own lines: use measure() from bench/bench-output.ts`);
    for (const m of text.matchAll(/measure\(\{ name: '([^']+)'/g)) {
      assert.ok((BENCH_NAMES as readonly string[]).includes(m[1]!), `${f} measures under ${m[1]}, not a name of --only`);
      measured.add(m[1]!);
    }
  }
  assert.deepEqual(
    BENCH_NAMES.filter((n) => !measured.has(n)),
    [],
  );
});
