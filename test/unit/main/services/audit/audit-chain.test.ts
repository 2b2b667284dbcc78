/**
 * The audit log's hash chain: every line carries the sum of the line before it (`prev`), so removing,
 * editing (even with the line's own checksum recomputed), or reordering lines is reported with the
 * line numbers; a torn tail too. Logs of format 1 still read (without a chain); new lines chain on.
 * Two real processes appending at once (the console and `umc`) keep the chain whole (the append lock).
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, truncateSync, statSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type AuditIntent, createAuditLog, parseAuditLog } from '../../../../../main/services/audit/audit-log';
import type { Clock } from '../../../../../main/ports';
import { ROOT } from '../../../../support/paths';

let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'umc-audit-chain-'));
});
after(() => {
  rmSync(dir, { recursive: true, force: true });
});
let n = 0;
const freshPath = () => join(dir, `case-${++n}`, 'audit.jsonl');

function steppingClock(start = Date.UTC(2025, 0, 15, 9, 30, 0)): Clock {
  let t = start;
  return { now: () => new Date((t += 1000) - 1000) };
}

const intent = (i: number): AuditIntent => ({
  operator: 'CONTOSO\\admin',
  profile: 'Production',
  target: 'live',
  cmdlet: 'Set-CsExUmContact',
  parameters: [{ name: 'Identity', value: `sip:c${i}@contoso.com` }],
  before: { i },
});

/** A log of `count` changes (two lines each) written by the real writer; its lines. */
async function writtenLog(count: number): Promise<{ path: string; lines: string[] }> {
  const path = freshPath();
  const log = createAuditLog({ path, clock: steppingClock() });
  for (let i = 0; i < count; i++) {
    const h = await log.begin(intent(i));
    await h.finish({ outcome: 'applied', message: `change ${i}`, after: { i, done: true } });
  }
  return { path, lines: readFileSync(path, 'utf8').split('\n').slice(0, -1) };
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
/** The line with its own checksum recomputed over its (edited) bytes: what an editor who knows the recipe does. */
const resealOwn = (line: string) => `${line.slice(0, -74)},"sum":"${sha256(line.slice(0, -74))}"}`;
const damageOf = (lines: readonly string[]) => parseAuditLog(Buffer.from(lines.join('\n') + '\n')).damaged;

describe('audit log: the hash chain', () => {
  it('each line names the sum of the line before it; the first names the genesis value', async () => {
    const { lines } = await writtenLog(3);
    assert.equal(lines.length, 6);
    let prev = '0'.repeat(64);
    for (const line of lines) {
      const o = JSON.parse(line) as { v: number; prev: string; sum: string };
      assert.equal(o.v, 2);
      assert.equal(o.prev, prev, 'prev is the previous line’s sum');
      // The recipe in docs/live-sessions.md: drop the last 74 characters (`,"sum":"…"}`), hash the rest.
      assert.equal(sha256(line.slice(0, -74)), o.sum);
      prev = o.sum;
    }
    assert.deepEqual(damageOf(lines), []);
  });

  it('a removed middle change (its intent and outcome lines) is reported at the line that no longer follows', async () => {
    const { lines } = await writtenLog(3);
    const cut = [...lines.slice(0, 2), ...lines.slice(4)]; // lines 3 and 4 (the second change) removed
    const damaged = damageOf(cut);
    assert.equal(damaged[0]?.line, 3, JSON.stringify(damaged));
    assert.match(damaged[0]!.reason, /does not follow line 2/);
  });

  it('an edited byte with the line’s own checksum recomputed is still detected, by the chain, at the next line', async () => {
    const { lines } = await writtenLog(3);
    const edited = [...lines];
    edited[1] = resealOwn(lines[1]!.replace('"message":"change 0"', '"message":"change X"'));
    assert.notEqual(edited[1], lines[1]);
    const damaged = damageOf(edited);
    assert.deepEqual(
      damaged.map((d) => d.line),
      [3],
      JSON.stringify(damaged),
    );
    assert.match(damaged[0]!.reason, /does not follow line 2: line 2 was edited, or lines were removed, inserted or moved/);
  });

  it('an edited byte without a recomputed checksum is reported at the edited line itself', async () => {
    const { lines } = await writtenLog(2);
    const edited = [...lines];
    edited[1] = lines[1]!.replace('"outcome":"applied"', '"outcome":"failed"');
    assert.deepEqual(damageOf(edited), [{ line: 2, reason: 'checksum mismatch: the line was changed after it was written' }]);
  });

  it('two swapped lines are detected', async () => {
    const { lines } = await writtenLog(3);
    const swapped = [...lines];
    // The outcomes of the first two changes trade places (each still after its intent).
    [swapped[1], swapped[3]] = [lines[3]!, lines[1]!];
    const damaged = damageOf(swapped);
    assert.ok(
      damaged.some((d) => d.line === 2 && /does not follow/.test(d.reason)),
      JSON.stringify(damaged),
    );
  });

  it('a truncated tail (cut inside the last line) is reported as an incomplete last line; the next append chains to the last whole line', async () => {
    const { path } = await writtenLog(2);
    truncateSync(path, statSync(path).size - 30);
    const log = createAuditLog({ path, clock: steppingClock() });
    const torn = await log.read();
    assert.deepEqual(
      torn.damaged.map((d) => d.line),
      [4],
    );
    assert.match(torn.damaged[0]!.reason, /incomplete last line/);
    const h = await log.begin(intent(9));
    await h.finish({ outcome: 'applied', message: 'after', after: null });
    const healed = await log.read();
    assert.deepEqual(
      healed.damaged.map((d) => d.line),
      [4],
      JSON.stringify(healed.damaged),
    );
    const lines = readFileSync(path, 'utf8').split('\n');
    assert.equal((JSON.parse(lines[4]!) as { prev: string }).prev, (JSON.parse(lines[2]!) as { sum: string }).sum, 'chained past the torn line');
  });

  it('a format 1 log reads as before (no chain) and the lines appended to it chain on, sealing the old lines too', async () => {
    const path = freshPath();
    const seal1 = (o: Record<string, unknown>) => {
      const head = JSON.stringify(o).slice(0, -1);
      return `${head},"sum":"${sha256(head)}"}`;
    };
    const v1 = [
      seal1({ v: 1, kind: 'intent', id: 'old-1', at: '2024-01-01T00:00:00.000Z', operator: 'X\\a', profile: 'p', target: 'lab', cmdlet: 'Remove-CsExUmContact', parameters: [], before: null }),
      seal1({ v: 1, kind: 'outcome', id: 'old-1', finishedAt: '2024-01-01T00:00:01.000Z', outcome: 'applied', message: 'm', after: null }),
    ];
    const { mkdirSync } = await import('node:fs');
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, v1.join('\n') + '\n');
    const log = createAuditLog({ path, clock: steppingClock() });
    assert.deepEqual((await log.read()).damaged, []);
    const h = await log.begin(intent(1));
    await h.finish({ outcome: 'applied', message: 'new', after: null });
    const view = await log.read();
    assert.equal(view.total, 2);
    assert.deepEqual(view.damaged, []);
    // The first chained line's prev folds the format 1 lines' sums in: editing an old line (its own sum recomputed) breaks it.
    const lines = readFileSync(path, 'utf8').split('\n').slice(0, -1);
    const folded = [v1[0]!, v1[1]!].reduce((link, l) => sha256(link + (JSON.parse(l) as { sum: string }).sum), '0'.repeat(64));
    assert.equal((JSON.parse(lines[2]!) as { prev: string }).prev, folded);
    const edited = [seal1({ ...(JSON.parse(v1[0]!) as Record<string, unknown>), sum: undefined, operator: 'X\\mallory' }), ...lines.slice(1)];
    assert.ok(
      damageOf(edited).some((d) => d.line === 3 && /does not follow/.test(d.reason)),
      JSON.stringify(damageOf(edited)),
    );
    // A format 1 line after the chain began is not believed: it would be a way round the chain.
    const downgraded = [...lines, seal1({ v: 1, kind: 'intent', id: 'sneaky', at: 'x', operator: 'X\\a', profile: 'p', target: 'lab', cmdlet: 'X', parameters: [], before: null })];
    assert.deepEqual(
      damageOf(downgraded).map((d) => [d.line, d.reason]),
      [[5, 'a format 1 line (no chain) after the chain began: a line inserted or rewritten by hand']],
    );
  });

  it('a lock left by a process that died while appending is stale: the next append removes it and goes on', async () => {
    const path = freshPath();
    const log = createAuditLog({ path, clock: steppingClock() });
    await (await log.begin(intent(0))).finish({ outcome: 'applied', message: 'first', after: null });
    // A real process that is gone: its pid is in the lock as the writer that was killed would have left it.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${path}.lock`, `${dead.stdout} ${hostname()} ${Date.now()}\n`);
    await (await log.begin(intent(1))).finish({ outcome: 'applied', message: 'second', after: null });
    assert.equal(existsSync(`${path}.lock`), false);
    const view = await log.read();
    assert.equal(view.total, 2);
    assert.deepEqual(view.damaged, []);
  });

  it('two processes appending at once keep the chain whole (the append lock), no lock file left behind', { timeout: 120_000 }, async () => {
    const path = freshPath();
    const count = 60;
    const start = (label: string, other: string) => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'test', 'support', 'audit-append-child.ts'), path, label, String(count), other], {
        cwd: ROOT,
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const exited = new Promise<void>((resolve, reject) => child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${label} exited ${code}: ${stderr}`)))));
      const ready = new Promise<void>((resolve, reject) => {
        child.stdout.setEncoding('utf8').on('data', (d: string) => d.includes('ready') && resolve());
        exited.then(() => reject(new Error(`${label} ended before it was ready`)), reject);
      });
      return { child, ready, exited };
    };
    const writers = [start('app', 'cli'), start('cli', 'app')];
    await Promise.all(writers.map((w) => w.ready));
    // Both are started and waiting: let them go at once.
    for (const w of writers) w.child.stdin.end('go\n');
    await Promise.all(writers.map((w) => w.exited));
    const text = readFileSync(path, 'utf8');
    const view = parseAuditLog(Buffer.from(text));
    assert.deepEqual(view.damaged, []);
    assert.equal(view.total, 2 * count);
    let prev = '0'.repeat(64);
    for (const line of text.split('\n').filter(Boolean)) {
      const o = JSON.parse(line) as { prev?: string; sum: string };
      assert.equal(o.prev, prev, 'every line follows the one before it');
      prev = o.sum;
    }
    assert.equal(view.entries.filter((e) => e.outcome === 'applied').length, 2 * count);
    const profiles = new Set(view.entries.map((e) => e.profile));
    assert.deepEqual([...profiles].sort(), ['app', 'cli']);
    // Both really interleaved (else the test proves nothing about concurrency): each child waits after
    // its first tenth for a line of the other, so a loaded machine cannot run them one after the other.
    const order = text
      .split('\n')
      .filter(Boolean)
      .map((l) => (l.includes('"profile":"app"') ? 'a' : l.includes('"profile":"cli"') ? 'c' : ''))
      .join('');
    assert.match(order, /a+c+a+|c+a+c+/, 'the two writers interleaved');
    assert.equal(existsSync(`${path}.lock`), false, 'the lock is released');
  });
});
