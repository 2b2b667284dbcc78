/**
 * The Electron security settings, checked without Electron: main/app/security.ts only *types*
 * against electron, so its functions run here on fakes shaped like WebContents and Session.
 */
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { test } from 'node:test';
import type { Session, WebContents } from 'electron';
import { CONTENT_SECURITY_POLICY, isAppUrl, lockDownContents, lockDownSession, secureWebPreferences } from '../../../../main/app/security';

test('window preferences: sandboxed, isolated, no Node, no webview', () => {
  const p = secureWebPreferences('/app/out/preload/preload.cjs');
  assert.equal(p.sandbox, true);
  assert.equal(p.contextIsolation, true);
  assert.equal(p.nodeIntegration, false);
  assert.equal(p.nodeIntegrationInSubFrames, false);
  assert.equal(p.webSecurity, true);
  assert.equal(p.allowRunningInsecureContent, false);
  assert.equal(p.webviewTag, false);
  assert.equal(p.preload, '/app/out/preload/preload.cjs');
});

test('the CSP allows only our own scripts and no network', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';')
      .map((d) => d.trim().split(/\s+/))
      .map(([k, ...v]) => [k, v.join(' ')]),
  );
  assert.equal(directives.get('default-src'), "'none'");
  assert.equal(directives.get('script-src'), "'self'");
  assert.equal(directives.get('connect-src'), "'self'");
  assert.equal(directives.get('object-src'), "'none'");
  assert.equal(directives.get('frame-ancestors'), "'none'");
  assert.doesNotMatch(directives.get('script-src') ?? '', /unsafe/);
});

test('app URLs are recognised by parsing, not by prefix', () => {
  assert.ok(isAppUrl('app://umc/index.html'));
  for (const url of ['app://umc.evil/index.html', 'app://umcx/', 'https://umc/', 'app:umc', 'file:///app/out/renderer/index.html', 'not a url', 'javascript:alert(1)']) {
    assert.ok(!isAppUrl(url), url);
  }
});

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
}

function fire(contents: FakeContents, event: string, url?: string): boolean {
  let prevented = false;
  contents.emit(event, { preventDefault: () => (prevented = true) }, url);
  return prevented;
}

test('navigation away from the app, redirects, webviews and new windows are refused', () => {
  const contents = new FakeContents();
  lockDownContents(contents as unknown as WebContents);
  assert.equal(fire(contents, 'will-navigate', 'https://evil.example/'), true);
  assert.equal(fire(contents, 'will-navigate', 'app://umc.evil/'), true);
  assert.equal(fire(contents, 'will-navigate', 'app://umc/index.html'), false);
  assert.equal(fire(contents, 'will-redirect', 'http://127.0.0.1:8080/'), true);
  assert.equal(fire(contents, 'will-attach-webview'), true);
  assert.deepEqual(contents.windowOpenHandler?.({ url: 'app://umc/index.html' }), { action: 'deny' });
});

test('every permission request and check is denied', () => {
  let requestHandler: ((c: unknown, p: string, cb: (ok: boolean) => void) => void) | null = null;
  let checkHandler: ((...a: unknown[]) => boolean) | null = null;
  const session = {
    setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
    setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
  };
  lockDownSession(session as unknown as Session);
  for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) {
    let answer: boolean | null = null;
    requestHandler!(null, permission, (ok) => (answer = ok));
    assert.equal(answer, false, permission);
    assert.equal(checkHandler!(null, permission), false, permission);
  }
});
