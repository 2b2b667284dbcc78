/**
 * The rooms of the code (docs/architecture.md; VS Code's common/node/electron-main layering), enforced:
 * shared/ imports no Node, no DOM-only code and no Electron; only main/app and main/preload
 * import electron; the renderer imports neither Node nor main/.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { ROOT } from '../support/paths';

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const p = join(dir, name);
    if (name.startsWith('.')) return [];
    return statSync(join(ROOT, p)).isDirectory() ? sources(p) : /\.tsx?$/.test(name) ? [p] : [];
  });
}

function imports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), 'utf8');
  // `import type` is erased at build time: it loads nothing at run time, so it does not count.
  return [...text.matchAll(/(?:^|\n)\s*((?:import|export)\s[^'";]*?)from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)]
    .filter((m) => !(m[1] ?? '').startsWith('import type'))
    .map((m) => m[2] ?? m[3] ?? m[4]);
}

const NODE_BUILTIN = /^(node:|fs$|path$|os$|child_process$|crypto$|http$|net$|tls$|dgram$|zlib$|url$)/;

test('shared/ runs anywhere: no Node built-ins, no electron, nothing from main/ or renderer/', () => {
  for (const f of sources('shared')) {
    for (const i of imports(f)) {
      assert.doesNotMatch(i, NODE_BUILTIN, `${f} imports ${i}`);
      assert.notEqual(i, 'electron', `${f} imports electron`);
      assert.ok(!/\/(main|renderer)\//.test(i) && !i.startsWith('../../main') && !i.startsWith('../main'), `${f} imports ${i}`);
    }
    assert.doesNotMatch(readFileSync(join(ROOT, f), 'utf8'), /\b(window|document)\./, `${f} touches the DOM`);
  }
});

test('only main/app and main/preload import electron', () => {
  for (const dir of ['main', 'shared', 'renderer', 'test', 'bench', 'scripts']) {
    for (const f of sources(dir)) {
      if (/^main\/(app|preload)\//.test(relative(ROOT, join(ROOT, f)))) continue;
      const bad = imports(f).filter((i) => i === 'electron' || i === 'electron-store');
      assert.deepEqual(bad, [], `${f} imports ${bad.join(', ')}`);
    }
  }
});

test('the renderer talks to main only through the contract: no Node, no main/', () => {
  for (const f of sources('renderer')) {
    for (const i of imports(f)) {
      assert.doesNotMatch(i, NODE_BUILTIN, `${f} imports ${i}`);
      assert.ok(!/(^|\/)main\//.test(i), `${f} imports ${i}`);
    }
  }
});

test('the contract points at the features, never back: the domain does not import shared/contract, handlers only delegate', () => {
  /** Every module a file names, `import type` included: a type import is still an arrow between rooms. */
  const resolvedImports = (file: string): string[] =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/g)].map((m) => relative(ROOT, join(ROOT, file, '..', m[1]!)));
  const isChannelFile = (f: string) => /-channels\.ts$/.test(f);
  for (const f of sources('shared')) {
    if (f.startsWith('shared/contract/')) continue;
    for (const i of resolvedImports(f)) {
      // A feature's channel file declares its channels with the machinery (shared/contract/channel.ts), nothing more of the contract.
      if (isChannelFile(f)) assert.ok(!i.startsWith('shared/contract/') || i === 'shared/contract/channel', `${f} imports ${i}`);
      else {
        assert.ok(!i.startsWith('shared/contract/'), `${f} (domain) imports ${i}`);
        assert.ok(!/-channels$/.test(i), `${f} (domain) imports the channel file ${i}: the channel file imports the domain, not the reverse`);
      }
    }
  }
  // The handlers map channels to services: what a channel computes (rules, topology, the model) lives in a service.
  for (const i of resolvedImports('main/ipc/handlers.ts')) {
    if (!i.startsWith('shared/')) continue;
    assert.ok(i.startsWith('shared/contract/') || i.startsWith('shared/i18n/'), `main/ipc/handlers.ts imports ${i}: move that work into a service`);
  }
  assert.ok(
    resolvedImports('main/ipc/handlers.ts').some((i) => i.startsWith('main/services/')),
    'the rule reads the handlers file',
  );
});

test('the PowerShell layer stands alone, and the org builder stays outside the shipped code', () => {
  /** Every module a file names (`import type`, `import()`, `require()` included), as a path from the repository root. */
  const namedModules = (file: string): string[] =>
    [...readFileSync(join(ROOT, file), 'utf8').matchAll(/(?:^|\n)\s*(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)|require\(\s*['"](\.[^'"]+)['"]\s*\)/g)].map(
      (m) => relative(ROOT, join(ROOT, file, '..', (m[1] ?? m[2] ?? m[3])!)),
    );
  // main/powershell is below the services: both take the clock and the logger from main/ports.ts.
  for (const f of sources('main/powershell')) for (const i of namedModules(f)) assert.ok(!i.startsWith('main/services/'), `${f} imports ${i}`);
  for (const i of namedModules('main/ports.ts')) assert.ok(!i.startsWith('main/services/'), `main/ports.ts imports ${i}`);
  assert.ok(namedModules('main/powershell/shell-session.ts').includes('main/ports'), 'the rule reads the PowerShell layer');
  // Orgs are built by test/support/org-builder (tests, bench/, scripts/make-lab.ts); the shipped code reads snapshots only.
  assert.deepEqual(
    sources('shared').filter((f) => f.startsWith('shared/lab/')),
    [],
    'no org builder in shared/',
  );
  for (const dir of ['main', 'renderer', 'shared']) {
    for (const f of sources(dir)) for (const i of namedModules(f)) assert.ok(!i.startsWith('test/'), `${f} imports ${i}: the org builder and test support stay outside the shipped code`);
  }
});
