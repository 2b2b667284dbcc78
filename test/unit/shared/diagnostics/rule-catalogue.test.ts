/**
 * docs/rule-catalogue.md against the registry (shared/diagnostics/registry.ts ALL_RULES): every rule has
 * exactly one row, with its severity, what it judges, the seed sentence it rests on or the source key
 * (docs/sources.md) it rests on, and scenario files that exist and name it; no row for an ID the
 * registry does not have.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ALL_RULES, RULE_BY_ID } from '../../../../shared/diagnostics/registry';

const ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const CATALOGUE = readFileSync(join(ROOT, 'docs', 'rule-catalogue.md'), 'utf8');
const SOURCES = readFileSync(join(ROOT, 'docs', 'sources.md'), 'utf8');
/** docs/sources.md: `PS-…` are the cmdlet pages of the Skype for Business module, `PS-EX-…` of the Exchange one. */
const CMDLET_PAGE = /^PS-(EX-)?[A-Z][a-z]+-[A-Za-z]+$/;
const RULE_ID = /^(R-[A-Z]-\d+[a-z]?|cert\.[a-z][a-z.-]*)$/;

interface Row {
  readonly line: number;
  readonly id: string;
  readonly severity: string;
  readonly judges: string;
  readonly basis: string;
  readonly scenarios: string;
}

/** The rows of the tables under "## The catalogue" whose first cell is a rule ID. */
function catalogueRows(text: string): Row[] {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trim() === '## The catalogue');
  assert.notEqual(start, -1, 'docs/rule-catalogue.md has no "## The catalogue" section');
  const rows: Row[] = [];
  for (let i = start + 1; i < lines.length && !/^## /.test(lines[i]); i++) {
    const l = lines[i];
    if (!l.startsWith('|')) continue;
    const cells = l
      .slice(1, l.trimEnd().endsWith('|') ? l.trimEnd().length - 1 : undefined)
      .split(' | ')
      .map((c) => c.trim());
    if (!RULE_ID.test(cells[0])) continue;
    assert.equal(cells.length, 5, `docs/rule-catalogue.md line ${i + 1}: a row has 5 cells (ID, severity, judges, seed or source, scenarios): ${l}`);
    rows.push({ line: i + 1, id: cells[0], severity: cells[1], judges: cells[2], basis: cells[3], scenarios: cells[4] });
  }
  return rows;
}

/** The keys of docs/sources.md's table (first cell, possibly "A, B"). */
function sourceKeys(text: string): Set<string> {
  const keys = new Set<string>();
  for (const l of text.split('\n')) {
    const m = /^\| ([A-Z][A-Za-z0-9-]+(?:, [A-Z][A-Za-z0-9-]+)*) \|/.exec(l);
    if (m) for (const k of m[1].split(', ')) keys.add(k);
  }
  return keys;
}

const rows = catalogueRows(CATALOGUE);
const keys = sourceKeys(SOURCES);

describe('docs/rule-catalogue.md', () => {
  test('every registered rule has exactly one row', () => {
    const missing = ALL_RULES.filter((r) => !rows.some((row) => row.id === r.id)).map((r) => r.id);
    assert.deepEqual(missing, [], `rules of the registry missing from docs/rule-catalogue.md: ${missing.join(', ')}`);
    const twice = rows.filter((row, i) => rows.findIndex((x) => x.id === row.id) !== i).map((row) => row.id);
    assert.deepEqual(twice, [], `rules listed twice: ${twice.join(', ')}`);
  });

  test('every row is a rule of the registry, with its severity', () => {
    const unknown = rows.filter((row) => !RULE_BY_ID.has(row.id)).map((row) => `${row.id} (line ${row.line})`);
    assert.deepEqual(unknown, [], `rows for IDs the registry does not have: ${unknown.join(', ')}`);
    const wrong = rows.filter((row) => RULE_BY_ID.get(row.id)?.severity !== row.severity).map((row) => `${row.id}: ${row.severity}, registry says ${RULE_BY_ID.get(row.id)?.severity}`);
    assert.deepEqual(wrong, [], 'severities differ from the registry');
  });

  test('every row says what it judges and cites a seed sentence or the source it rests on', () => {
    const problems: string[] = [];
    for (const row of rows) {
      if (row.judges.length < 10) problems.push(`${row.id}: what it judges is missing`);
      const seeds = [...row.basis.matchAll(/seed (\d{3}) « ([^»]{10,})/g)];
      const restsOn = [...row.basis.matchAll(/rests on (DERIVED|[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*)/g)].map((m) => m[1]);
      if (seeds.length === 0 && restsOn.length === 0) problems.push(`${row.id}: no seed sentence and no source`);
      for (const [, seed] of seeds) if (!['000', '001', '002', '003', '004'].includes(seed)) problems.push(`${row.id}: seed ${seed} is not one of the five seeds`);
      for (const key of restsOn) if (key !== 'DERIVED' && !keys.has(key) && !CMDLET_PAGE.test(key)) problems.push(`${row.id}: rests on ${key}, which is no key of docs/sources.md`);
    }
    assert.deepEqual(problems, []);
  });

  test('the scenario files a row names exist and name the rule', () => {
    const problems: string[] = [];
    for (const row of rows) {
      if (row.scenarios === '—') continue;
      for (const file of row.scenarios.split(', ')) {
        const path = join(ROOT, file);
        if (!/^test\/scenarios\/[\w-]+\.test\.ts$/.test(file) || !existsSync(path)) problems.push(`${row.id}: ${file} is no scenario file`);
        else if (!readFileSync(path, 'utf8').includes(`rule: '${row.id}'`)) problems.push(`${row.id}: ${file} does not name the rule`);
      }
    }
    assert.deepEqual(problems, []);
  });
});
