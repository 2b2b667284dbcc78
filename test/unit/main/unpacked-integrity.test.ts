/**
 * The files a package runs from outside app.asar are checked against the hashes the build put in
 * the main bundle: untouched → accepted; changed, missing or unlisted → refused, naming the file;
 * no manifest (running from the sources) → skipped, explicitly. Checked on the functions and on a
 * real bundle: the CLI and its certificate worker built by esbuild with the manifest, then tampered.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { UNPACKED, unpackedManifest } from '../../../scripts/unpacked-manifest.mjs';
import { assertUnpackedIntact, builtManifest, IntegrityError, logUnpackedIntegrity, sha256File, type UnpackedManifest, verifyUnpackedFile, verifyUnpackedTree } from '../../../main/unpacked-integrity';
import { certFixtures } from '../../support/cert-fixtures';
import { ROOT } from '../../support/paths';
import { NO_PWSH, PWSH } from '../../support/powershell';
import { labSnapshotPath } from '../../../main/services/snapshot-loader';

const scratch = mkdtempSync(join(tmpdir(), 'umc-integrity-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

/** An installation: app.asar.unpacked with a worker and the PowerShell assets. */
function install(name: string): { root: string; manifest: UnpackedManifest; file: (rel: string) => string } {
  const root = join(scratch, name, 'resources', 'app.asar.unpacked');
  const files: Record<string, string> = {
    'out/main/cert-inspect-worker.cjs': 'worker();\n',
    'assets/powershell/umc-host.ps1': 'Write-Output host\n',
    'assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psm1': 'function Get-UmcLabEndpointInfo {}\n',
  };
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  const manifest = unpackedManifest(root, ['out/main/cert-inspect-worker.cjs', 'assets/powershell/**']);
  return { root, manifest, file: (rel) => join(root, rel) };
}

describe('the rule', () => {
  test('untouched: accepted', () => {
    const i = install('untouched');
    assert.deepEqual(Object.keys(i.manifest).sort(), ['assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psm1', 'assets/powershell/umc-host.ps1', 'out/main/cert-inspect-worker.cjs']);
    assert.equal(i.manifest['out/main/cert-inspect-worker.cjs'], sha256File(i.file('out/main/cert-inspect-worker.cjs')));
    assert.deepEqual(verifyUnpackedFile(i.file('out/main/cert-inspect-worker.cjs'), i.manifest), {
      kind: 'accepted',
      file: i.file('out/main/cert-inspect-worker.cjs'),
      entry: 'out/main/cert-inspect-worker.cjs',
    });
    assert.equal(assertUnpackedIntact(i.file('assets/powershell/umc-host.ps1'), { withSiblings: true, manifest: i.manifest }).kind, 'accepted');
    assert.ok(verifyUnpackedTree(i.root, i.manifest).every((v) => v.kind === 'accepted'));
  });

  test('a changed byte: refused, and the message names the file (English and French)', () => {
    const i = install('changed');
    const worker = i.file('out/main/cert-inspect-worker.cjs');
    appendFileSync(worker, '// injected\n');
    assert.deepEqual(verifyUnpackedFile(worker, i.manifest), { kind: 'refused', file: worker, reason: 'changed', entry: 'out/main/cert-inspect-worker.cjs' });
    assert.throws(
      () => assertUnpackedIntact(worker, { manifest: i.manifest }),
      (e: unknown) => e instanceof IntegrityError && e.message.includes(worker) && /SHA-256 differs/.test(e.message) && e.render('fr').includes(worker) && /SHA-256 diffère/.test(e.render('fr')),
    );
  });

  test('missing or not in the manifest: refused', () => {
    const i = install('missing');
    rmSync(i.file('out/main/cert-inspect-worker.cjs'));
    assert.equal(verifyUnpackedFile(i.file('out/main/cert-inspect-worker.cjs'), i.manifest).kind, 'refused');
    assert.throws(() => assertUnpackedIntact(i.file('out/main/cert-inspect-worker.cjs'), { manifest: i.manifest }), /missing from the installation/);
    const stranger = i.file('out/main/other-worker.cjs');
    writeFileSync(stranger, 'x');
    assert.throws(() => assertUnpackedIntact(stranger, { manifest: i.manifest }), /not one of the files this version of the console ships/);
  });

  test('the PowerShell host: its script is accepted only with the lab module beside it untouched', () => {
    const i = install('host');
    appendFileSync(i.file('assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psm1'), 'Invoke-Evil\n');
    assert.equal(assertUnpackedIntact(i.file('assets/powershell/umc-host.ps1'), { manifest: i.manifest }).kind, 'accepted');
    assert.throws(() => assertUnpackedIntact(i.file('assets/powershell/umc-host.ps1'), { withSiblings: true, manifest: i.manifest }), /UmcLabEndpoint\.psm1 is not the file/);
  });

  test('at start, every refused file is logged by name', () => {
    const i = install('start');
    appendFileSync(i.file('assets/powershell/umc-host.ps1'), '#');
    const logged: { level: string; message: string }[] = [];
    const verdicts = logUnpackedIntegrity(i.root, { log: (level, message) => logged.push({ level, message }) }, i.manifest);
    assert.deepEqual(
      verdicts.filter((v) => v.kind === 'refused').map((v) => v.file),
      [i.file('assets/powershell/umc-host.ps1')],
    );
    assert.equal(verdicts.length, 3);
    assert.equal(logged.length, 1);
    assert.equal(logged[0].level, 'error');
    assert.ok(logged[0].message.includes(i.file('assets/powershell/umc-host.ps1')));
  });

  test('from the sources (tsx, tests): no manifest, and verification says it was skipped', () => {
    assert.equal(builtManifest(), null);
    const i = install('sources');
    appendFileSync(i.file('out/main/cert-inspect-worker.cjs'), '// dev edit');
    assert.deepEqual(verifyUnpackedFile(i.file('out/main/cert-inspect-worker.cjs')), { kind: 'skipped', file: i.file('out/main/cert-inspect-worker.cjs'), reason: 'no-manifest' });
    const logged: string[] = [];
    assert.deepEqual(logUnpackedIntegrity(i.root, { log: (_l, m) => logged.push(m) }), []);
    assert.match(logged[0], /not checked: no manifest/);
  });

  test('the build hashes exactly what electron-builder.yml leaves outside the asar', () => {
    const yml = readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8');
    const section = yml
      .slice(yml.indexOf('\nasarUnpack:') + 1)
      .split('\n')
      .slice(1);
    const listed = section
      .slice(
        0,
        section.findIndex((l) => !/^\s+(-|#)/.test(l)),
      )
      .filter((l) => /^\s+-/.test(l))
      .map((l) => l.replace(/^\s+-\s*/, '').trim());
    assert.deepEqual([...listed].sort(), [...UNPACKED].sort());
  });
});

describe('a real bundle: the CLI with its manifest, and its certificate worker', () => {
  let app: string;
  before(async () => {
    // The layout of a package: out/cli/umc.cjs inside the asar, out/main/cert-inspect-worker.cjs unpacked.
    app = join(scratch, 'bundle');
    const common = { bundle: true, platform: 'node' as const, format: 'cjs' as const, logLevel: 'warning' as const, target: 'es2022' };
    await build({ ...common, entryPoints: [join(ROOT, 'main/services/certificates/inspect-worker.ts')], outfile: join(app, 'out/main/cert-inspect-worker.cjs') });
    cpSync(join(ROOT, 'assets/powershell'), join(app, 'assets/powershell'), { recursive: true });
    const manifest = unpackedManifest(app, ['out/main/cert-inspect-worker.cjs', 'assets/powershell/**']);
    await build({ ...common, entryPoints: [join(ROOT, 'main/cli/umc.ts')], outfile: join(app, 'out/cli/umc.cjs'), define: { __UMC_UNPACKED_MANIFEST__: JSON.stringify(JSON.stringify(manifest)) } });
    mkdirSync(join(app, 'bin'));
    cpSync(join(ROOT, 'bin/umc.cjs'), join(app, 'bin/umc.cjs'));
  });
  const umc = (...args: string[]) =>
    spawnSync(process.execPath, [join(app, 'bin/umc.cjs'), ...args], { encoding: 'utf8', env: { ...process.env, LANG: 'en_US.UTF-8', UMC_PWSH: PWSH ?? '', UMC_LAB_DATA: labSnapshotPath(ROOT) } });

  test('untouched: the worker runs and reads the certificate', () => {
    const r = umc('cert', 'inspect', certFixtures().path('leaf-good.cer'));
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /um01\.contoso\.com/);
  });

  test('the worker changed after the build: refused before it starts, naming the file, exit 2', () => {
    const worker = join(app, 'out/main/cert-inspect-worker.cjs');
    appendFileSync(worker, "\nrequire('node:fs').writeFileSync(require('node:path').join(__dirname, 'ran'), 'x');\n");
    const r = umc('cert', 'inspect', certFixtures().path('leaf-good.cer'));
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(worker), r.stderr);
    assert.match(r.stderr, /SHA-256 differs/);
    assert.throws(() => readFileSync(join(app, 'out/main/ran')), /ENOENT/, 'the tampered worker never ran');
  });

  test('the lab endpoint module changed after the build: the PowerShell host is not started', { skip: NO_PWSH }, () => {
    const module = join(app, 'assets/powershell/UmcLabEndpoint/UmcLabEndpoint.psm1');
    appendFileSync(module, '\nSet-Content -Path (Join-Path $PSScriptRoot ran) -Value x\n');
    const r = umc('capture', '--endpoint', 'lab', '--out', join(scratch, 'capture.json'));
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.ok(r.stderr.includes(module), r.stderr);
    assert.match(r.stderr, /is not the file this version of the console was built with/);
    assert.throws(() => readFileSync(join(app, 'assets/powershell/UmcLabEndpoint/ran')), /ENOENT/, 'the tampered module never ran');
  });
});
