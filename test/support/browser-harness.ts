/**
 * The renderer in Debian's Chromium, driven by Playwright, against the real main-process services
 * (engineering anchors §2.3). The page gets `window.umc` exactly as the preload defines it: one
 * named function per contract channel, calling the same dispatcher (sender check + schema check)
 * through a Playwright binding.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { API_GLOBAL } from '../../shared/contract/api';
import { CHANNELS } from '../../shared/contract/channels';
import type { OrgModel } from '../../shared/model/org';
import { createMainServices, type MainOptions, type MainServices } from '../../main/compose';
import { memorySettingsStore } from '../../main/services/ports';
import { serveDirectory, type StaticServer } from './static-server';

export const ROOT = join(__dirname, '..', '..');

/** Flags from the machine notes: without the background-networking ones Chromium floods the closed network. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) throw new Error(`Chromium not found (tried ${candidates.join(', ')}); install Debian's chromium: apt-get install -y chromium`);
  return found;
}

export interface ConsoleSession {
  readonly page: Page;
  readonly browser: Browser;
  readonly services: MainServices;
  readonly origin: string;
  /** Console errors and page errors seen so far (tests assert there are none). */
  readonly errors: string[];
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly locale?: string;
  readonly snapshotPath?: string;
  readonly org?: OrgModel;
  readonly viewport?: { width: number; height: number };
  /** Live sessions: where PowerShell is, the SSH key of `lab+ssh://` endpoints… */
  readonly powershell?: MainOptions['powershell'];
  readonly dialogs?: MainOptions['dialogs'];
  /** A fixed time, for screens that judge dates (certificate expiry). */
  readonly clock?: MainOptions['clock'];
  /** The lab org's writable copy and the audit log; default: fresh files in a temp directory removed on close. */
  readonly userLabPath?: string;
  readonly auditPath?: string;
}

export async function openConsole(options: OpenOptions = {}): Promise<ConsoleSession> {
  const rendererDir = join(ROOT, 'out', 'renderer');
  if (!existsSync(join(rendererDir, 'index.html'))) throw new Error('out/renderer is missing: run `npm run build` first');
  const server: StaticServer = await serveDirectory(rendererDir);
  const locale = options.locale ?? 'en-US';
  // Writes never touch the shipped lab org: each console gets its own copy (made on first write).
  const scratch = mkdtempSync(join(tmpdir(), 'umc-console-'));
  const services = createMainServices({
    userLabPath: options.userLabPath ?? join(scratch, 'lab.umcsnap.json'),
    auditPath: options.auditPath ?? join(scratch, 'audit.jsonl'),
    root: ROOT,
    allowedOrigins: [server.origin],
    settings: memorySettingsStore(),
    systemLocale: () => locale,
    snapshotPath: options.snapshotPath,
    org: options.org,
    powershell: options.powershell,
    dialogs: options.dialogs,
    clock: options.clock,
  });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale });
    await context.exposeBinding('__umcInvoke', (source, channel: unknown, payload: unknown) =>
      services.dispatcher.dispatch({ url: source.frame.url(), isMainFrame: source.frame === source.page.mainFrame(), trustedContents: true }, channel, payload),
    );
    await context.addInitScript(
      ({ channels, global }) => {
        type Env = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
        const invoke = (window as unknown as { __umcInvoke: (c: string, p: unknown) => Promise<Env> }).__umcInvoke;
        const api: Record<string, Record<string, (p?: unknown) => Promise<unknown>>> = {};
        for (const channel of channels) {
          const [ns, method] = channel.split('.');
          api[ns] ??= {};
          api[ns][method] = async (p?: unknown) => {
            const env = await invoke(channel, p);
            if (env.ok) return env.value;
            const e = new Error(env.error.message);
            e.name = env.error.code;
            throw e;
          };
        }
        Object.defineProperty(window, global, { value: Object.freeze(api), writable: false });
      },
      { channels: CHANNELS as string[], global: API_GLOBAL },
    );
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    await page.goto(`${server.origin}/index.html`);
    const b = browser;
    return {
      page,
      browser: b,
      services,
      origin: server.origin,
      errors,
      async close() {
        await b.close();
        await server.close();
        await services.dispose();
        rmSync(scratch, { recursive: true, force: true });
      },
    };
  } catch (e) {
    await browser?.close();
    await server.close();
    throw e;
  }
}
