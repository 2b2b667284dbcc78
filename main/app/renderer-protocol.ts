/**
 * Serves the renderer from app://umc/ (Electron's security checklist: no file://): a stable origin
 * for the sender checks and a place to send the CSP as a header. What each request gets is decided
 * by main/app/renderer-files.ts (only files under out/renderer).
 */
import { protocol } from 'electron';
import { rendererFileResponse } from './renderer-files';

/** Must run before app 'ready'. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle('app', (request) => rendererFileResponse(rendererDir, request.url));
}
