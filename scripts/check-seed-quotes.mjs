// Checks that every seed sentence the scenarios and docs/rule-catalogue.md quote is, word for word, in
// its seed document. The seeds (docs/sources.md, "The five source documents") are not part of the
// repository: give the folder that holds them (one file per seed, its name starting with the seed number).
//   node scripts/check-seed-quotes.mjs <folder of 000_….txt … 004_….txt>
// The seeds' Markdown markup (**bold**, <br/>, table cells) is left out of the quotes, so it is left out
// of the comparison too, and runs of white space count as one space.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const folder = process.argv[2];
if (!folder) {
  console.error('usage: node scripts/check-seed-quotes.mjs <folder holding the seed files 000_….txt … 004_….txt>');
  process.exit(2);
}

const plain = (s) =>
  s
    .replace(/\*\*/g, '')
    .replace(/<\/?(br|p|td)\s*\/?>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
const seeds = new Map();
for (const name of readdirSync(folder)) {
  const m = /^(00[0-4])/.exec(name);
  if (m) seeds.set(m[1], plain(readFileSync(join(folder, name), 'utf8')));
}
if (seeds.size !== 5) {
  console.error(`${folder}: expected the five seed files 000 … 004, found ${[...seeds.keys()].join(', ') || 'none'}`);
  process.exit(2);
}

// The scenarios' quotes, as the harness writes them (test/scenarios/scenario-harness.ts, UMC_SCENARIO_QUOTES_OUT).
const work = mkdtempSync(join(tmpdir(), 'umc-quotes-'));
const quotesFile = join(work, 'quotes.jsonl');
const scenarioFiles = readdirSync(join(root, 'test/scenarios'))
  .filter((f) => f.endsWith('.test.ts'))
  .map((f) => join('test/scenarios', f));
const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=dot', ...scenarioFiles], {
  cwd: root,
  env: { ...process.env, UMC_SCENARIO_QUOTES_OUT: quotesFile },
  encoding: 'utf8',
});
/** @type {{ where: string, seed: string, quote: string }[]} */
const quotes = [];
try {
  for (const l of readFileSync(quotesFile, 'utf8').split('\n').filter(Boolean)) {
    const q = JSON.parse(l);
    quotes.push({ where: `scenario ${q.id}`, seed: q.seed, quote: q.quote });
  }
} catch {
  // No file: no scenario ran; said below.
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (quotes.length === 0) {
  console.error(`no scenario quote was recorded (the scenario run ended with ${run.status}):\n${run.stdout}${run.stderr}`);
  process.exit(2);
}

// The catalogue's quotes: `seed NNN « … »`, ended by the cell or the next citation.
const catalogue = readFileSync(join(root, 'docs/rule-catalogue.md'), 'utf8');
for (const line of catalogue.split('\n')) {
  const id = /^\| ([^ |]+) \|/.exec(line)?.[1];
  if (!id) continue;
  for (const m of line.matchAll(/seed (\d{3}) « (.+?) »(?=;| \|)/g)) quotes.push({ where: `catalogue ${id}`, seed: m[1], quote: m[2] });
}

// The deployment checklist's quotes (docs/checklist.md): `seed NNN « … »` on any line.
for (const line of readFileSync(join(root, 'docs/checklist.md'), 'utf8').split('\n')) {
  for (const m of line.matchAll(/seed (\d{3}) « (.+?) »/gi)) quotes.push({ where: 'docs/checklist.md', seed: m[1], quote: m[2] });
}

const wrong = quotes.filter((q) => !seeds.get(q.seed)?.includes(plain(q.quote)));
for (const q of wrong) {
  const elsewhere = [...seeds].filter(([, text]) => text.includes(plain(q.quote))).map(([n]) => n);
  console.log(`${q.where}: not in seed ${q.seed}${elsewhere.length ? ` (it is in seed ${elsewhere.join(', ')})` : ''}: « ${q.quote} »`);
}
console.log(`${quotes.length} quotes checked, ${wrong.length} not found in their seed`);
process.exit(wrong.length ? 1 : 0);
