/**
 * What app://umc/<path> answers (main/app/renderer-protocol.ts hands every request here): the files
 * under out/renderer and nothing else, each with the CSP as a header. No Electron import, so it runs
 * and is tested under plain Node: a malformed percent-escape, a path that climbs out of the
 * directory (`..`, `%2e%2e`, an encoded separator) or another host never reach the file system.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { CONTENT_SECURITY_POLICY } from './security';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.woff2': 'font/woff2',
};

/** The answer to one app:// request for the renderer files under `rendererDir`. */
export async function rendererFileResponse(rendererDir: string, requestUrl: string): Promise<Response> {
  const base = normalize(rendererDir + sep);
  let url: URL;
  let path: string;
  try {
    url = new URL(requestUrl);
    // decodeURIComponent throws URIError on a malformed escape (`%`, `%zz`, a cut UTF-8 sequence): no such file.
    path = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  } catch {
    return new Response(null, { status: 404 });
  }
  if (url.protocol !== 'app:' || url.host !== 'umc') return new Response(null, { status: 404 });
  const file = normalize(join(base, path));
  if (!file.startsWith(base)) return new Response(null, { status: 403 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}
