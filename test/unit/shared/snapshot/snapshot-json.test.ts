/**
 * The snapshot's JSON in pieces: joined, exactly JSON.stringify — so a streamed snapshot file and one
 * written whole are the same bytes — and a section's objects one piece each, never the section at once.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { snapshotJsonPieces } from '../../../../shared/snapshot/snapshot-json';
import { LAB_PATH } from '../../../support/lab';

const joined = (v: unknown) => [...snapshotJsonPieces(v)].join('');

describe('snapshot JSON in pieces', () => {
  it('joins to JSON.stringify of the lab snapshot, one piece per object of a section', () => {
    const lab = JSON.parse(readFileSync(LAB_PATH, 'utf8')) as { skype: { users: { objects: unknown[] } } };
    assert.equal(joined(lab), JSON.stringify(lab));
    const pieces = [...snapshotJsonPieces(lab)];
    for (const user of lab.skype.users.objects.slice(0, 20)) assert.ok(pieces.includes(JSON.stringify(user)), 'each user is its own piece');
    // No piece is longer than the longest single object: sections are never stringified whole.
    const sections = Object.values(lab as unknown as Record<string, unknown>).flatMap((v) => (v && typeof v === 'object' ? Object.values(v as Record<string, { objects?: unknown[] }>) : []));
    const longestObject = Math.max(...sections.flatMap((s) => (s.objects ?? []).map((o) => JSON.stringify(o).length)));
    assert.equal(Math.max(...pieces.map((p) => p.length)), longestObject);
  });

  it('follows JSON.stringify on what it leaves out or rewrites, at every depth', () => {
    const cases: unknown[] = [
      {},
      [],
      { a: undefined, b: () => 1, c: Symbol('s'), d: null, e: [undefined, () => 1, 1] },
      { exchange: { s: { command: 'Get-X', objects: [{ when: new Date(Date.UTC(2026, 0, 2)) }, { nested: { deep: [1, { x: undefined }] } }], status: undefined } } },
      { when: new Date(Date.UTC(2026, 0, 2)), text: 'é « guillemets » \u2028 "quoted" \\ \n', n: -0, big: 1e21, nan: Number.NaN },
      [[[[['deep']]]]],
      { 'key "quoted"': { é: ['x'] } },
      'plain string',
      42,
      null,
    ];
    for (const c of cases) assert.equal(joined(c), JSON.stringify(c), JSON.stringify(c));
  });

  it('a toJSON at the top or in a section is honoured as JSON.stringify does', () => {
    const withToJson = { exchange: { s: { toJSON: () => ({ replaced: true }) } } };
    assert.equal(joined(withToJson), JSON.stringify(withToJson));
    const classed = new (class Section {
      readonly objects = [1, 2];
    })();
    assert.equal(joined({ skype: { users: classed } }), JSON.stringify({ skype: { users: classed } }));
  });
});
