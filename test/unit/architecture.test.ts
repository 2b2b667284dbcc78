/**
 * The rooms of the code (DEVELOPERS.md, VS Code's common/node/electron-main layering), enforced:
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
