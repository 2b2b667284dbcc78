/**
 * The repository stands on its own: code, tests, scripts and docs cite the project's own docs/ pages
 * or public pages (Microsoft's, an RFC, a public tracker's URL), never an issue number of the
 * project's tracker (history belongs to the commit messages) and never a document that lives outside
 * the repository, which a reader of the repository cannot open.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/paths';

const SCANNED = ['main', 'renderer', 'shared', 'test', 'bench', 'scripts', 'assets', 'docs', 'bin', 'README.md'];
/** Data kept byte for byte (the lab org, captured cmdlet output): not prose anyone wrote here. */
const NOT_SCANNED = new Set(['assets/lab', 'test/fixtures']);
const TEXT = /\.(ts|tsx|mts|cts|mjs|cjs|js|md|ps1|psm1|psd1|cs|css|html|ya?ml)$/;

function files(path: string): string[] {
  if (NOT_SCANNED.has(path) || path.split('/').some((part) => part.startsWith('.') || part === 'node_modules')) return [];
  const full = join(ROOT, path);
  if (!statSync(full, { throwIfNoEntry: false })) return [];
  if (statSync(full).isDirectory()) return readdirSync(full).flatMap((name) => files(`${path}/${name}`));
  return TEXT.test(path) ? [path] : [];
}

/** The citations that point outside the repository, each with what to write instead. */
const OUTSIDE: readonly { readonly pattern: RegExp; readonly instead: string }[] = [
  { pattern: /\bissues?\s+#?\d+/i, instead: 'say what the code does and why; the history is in the commit messages' },
  { pattern: /\bDEVELOPERS\.md\b/i, instead: 'docs/architecture.md' },
  { pattern: /\bcmdlet[- ]shapes\b/i, instead: 'docs/remote-shapes.md or docs/cmdlet-reference.md' },
  { pattern: /\bdomain[- ]um[- ]integration\b/i, instead: 'docs/sources.md, docs/user-rules.md or the Microsoft page' },
  { pattern: /\b(engineering[- ])?anchors\s*§|\bengineering[- ]anchors\b/i, instead: 'the docs/ page or the vendor page that says it' },
  { pattern: /\bfield[- ]tools\b/i, instead: 'the docs/ page or the vendor page that says it' },
  { pattern: /\bmachine[- ]notes\b/i, instead: 'the docs/ page or the vendor page that says it' },
  { pattern: /\.\.\/shared\/[\w.-]*\.md\b|\.\.\/shared\b(?!\/)/, instead: 'a docs/ page of this repository' },
];

test('no file cites an issue number or a document outside the repository', () => {
  const self = relative(ROOT, __filename).split('\\').join('/');
  const scanned = SCANNED.flatMap(files).filter((f) => f !== self);
  assert.ok(scanned.length > 100, `the scan found only ${scanned.length} files: the walk is broken`);
  const found: string[] = [];
  for (const file of scanned) {
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .forEach((line, i) => {
        for (const { pattern, instead } of OUTSIDE) {
          const m = pattern.exec(line);
          if (m) found.push(`${file}:${i + 1}: "${m[0]}" (cite instead: ${instead})`);
        }
      });
  }
  assert.deepEqual(found, []);
});

test('the scan recognises each kind of outside citation', () => {
  // Guards the patterns themselves: each sample must be caught, each public source left alone.
  const caught = [
    '(issue 12)',
    'Issue #3',
    'see DEVELOPERS.md',
    'cmdlet-shapes 2.10',
    'domain-um-integration §4',
    'engineering anchors §5.3',
    'anchors §4.1',
    'field-tools',
    'the machine notes',
    '../shared/notes.md',
    'in ../shared',
  ];
  const allowed = [
    'https://github.com/PowerShell/PowerShell/issues/12674',
    "import { x } from '../shared/model/org';",
    'PKCS #12',
    'RFC 3261 §18.3',
    'docs/contact-objects.md §2.1',
    'a row’s issues are drawn',
  ];
  for (const text of caught)
    assert.ok(
      OUTSIDE.some((o) => o.pattern.test(text)),
      `not caught: ${text}`,
    );
  for (const text of allowed) assert.ok(!OUTSIDE.some((o) => o.pattern.test(text)), `caught by mistake: ${text}`);
});
