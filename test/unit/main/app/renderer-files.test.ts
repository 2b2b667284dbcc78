/**
 * What app://umc/ answers (main/app/renderer-files.ts), under plain Node: the renderer's files with
 * the CSP, and for anything else a status — never an exception (a malformed `%` used to throw
 * URIError out of the protocol handler) and never a file outside the directory.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { rendererFileResponse } from '../../../../main/app/renderer-files';
import { CONTENT_SECURITY_POLICY } from '../../../../main/app/security';

const root = mkdtempSync(join(tmpdir(), 'umc-renderer-files-'));
const dir = join(root, 'renderer');
mkdirSync(join(dir, 'assets'), { recursive: true });
writeFileSync(join(dir, 'index.html'), '<!doctype html><title>UMC</title>');
writeFileSync(join(dir, 'assets', 'main.js'), 'console.log(1)');
writeFileSync(join(root, 'secret.txt'), 'not for the renderer');
after(() => rmSync(root, { recursive: true, force: true }));

test('the renderer files, with their type and the CSP', async () => {
  const index = await rendererFileResponse(dir, 'app://umc/');
  assert.equal(index.status, 200);
  assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
  assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
  assert.match(await index.text(), /UMC/);
  const js = await rendererFileResponse(dir, 'app://umc/assets/main.js');
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8');
});

test('a malformed percent-escape is a 404, not an exception', async () => {
  for (const url of ['app://umc/%', 'app://umc/%zz', 'app://umc/assets/%E0%A4%A', 'app://umc/index.html%']) {
    const r = await rendererFileResponse(dir, url);
    assert.equal(r.status, 404, url);
  }
});

test('nothing outside the directory, however the path is spelled', async () => {
  for (const url of ['app://umc/../secret.txt', 'app://umc/%2e%2e/secret.txt', 'app://umc/assets/%2e%2e%2f%2e%2e%2fsecret.txt', 'app://umc/..%2fsecret.txt']) {
    const r = await rendererFileResponse(dir, url);
    assert.ok(r.status === 403 || r.status === 404, `${url}: ${r.status}`);
    assert.doesNotMatch(await r.text(), /not for the renderer/, url);
  }
});

test('another host, another scheme or a missing file: 404', async () => {
  for (const url of ['app://evil/index.html', 'file:///etc/passwd', 'app://umc/missing.js', 'not a url']) {
    const r = await rendererFileResponse(dir, url);
    assert.equal(r.status, 404, url);
  }
});
