/**
 * The renderer in Debian's Chromium, driven by Playwright, against the real main-process services.
 * The page gets `window.umc` exactly as the preload defines it: one named function per contract
 * channel, calling the same dispatcher (sender check + schema check) through a Playwright binding,
 * and `umc.on(event, listener)`: a second binding opens the stream in the dispatcher, and each
 * payload is delivered by calling the page's `__umcDeliver` (defined by the init script), as
 * webContents.send delivers to the preload.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';
import { API_GLOBAL } from '../../shared/contract/api';
import { CHANNELS, EVENT_NAMES } from '../../shared/contract/channels';
import type { OrgModel } from '../../shared/model/org';
import { createMainServices, type MainOptions, type MainServices } from '../../main/compose';
import { memorySettingsStore } from '../../main/services/ports';
import { serveDirectory, type StaticServer } from './static-server';

export const ROOT = join(__dirname, '..', '..');

/** Chromium flags for a machine without network: without the background-networking ones Chromium floods the closed network. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

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
  /** The capture history's folder; default: a fresh folder in the temp directory removed on close. */
  readonly historyDir?: string;
  /** The settings store (default: a fresh one in memory); give the same one to two consoles to keep the settings across a restart. */
  readonly settings?: MainOptions['settings'];
  /** The gateway monitor's history file (kept across restarts); default: a fresh file in the temp directory removed on close. */
  readonly monitorHistoryPath?: string;
  /** The OS key store stand-in (a cipher reporting why it cannot keep a password) and the role policy file. */
  readonly secretCipher?: MainOptions['secretCipher'];
  readonly rolePolicyFile?: string;
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
    historyDir: options.historyDir ?? join(scratch, 'history'),
    monitorHistoryPath: options.monitorHistoryPath ?? join(scratch, 'gateways', 'monitor-history.json'),
    root: ROOT,
    allowedOrigins: [server.origin],
    settings: options.settings ?? memorySettingsStore(),
    systemLocale: () => locale,
    snapshotPath: options.snapshotPath,
    org: options.org,
    powershell: options.powershell,
    dialogs: options.dialogs,
    clock: options.clock,
    secretCipher: options.secretCipher,
    rolePolicyFile: options.rolePolicyFile,
  });
  let browser: Browser | null = null;
  try {
    browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS, headless: true });
    const context = await browser.newContext({ viewport: options.viewport ?? { width: 1440, height: 900 }, locale });
    const senderOf = (frame: Frame) => ({ url: frame.url(), isMainFrame: frame === frame.page().mainFrame(), trustedContents: true });
    await context.exposeBinding('__umcInvoke', (source, channel: unknown, payload: unknown) => services.dispatcher.dispatch(senderOf(source.frame), channel, payload));
    // The streams each frame opened, by event: what closes them (a reloaded page subscribes again and replaces its own).
    const frameStreams = new Map<Frame, Map<string, () => void>>();
    const closeStream = (frame: Frame, event: unknown) => {
      const close = typeof event === 'string' ? frameStreams.get(frame)?.get(event) : undefined;
      if (!close) return;
      frameStreams.get(frame)!.delete(event as string);
      close();
    };
    await context.exposeBinding('__umcSubscribe', (source, event: unknown) => {
      const frame = source.frame;
      closeStream(frame, event);
      const subscribed = services.dispatcher.subscribe(senderOf(frame), event, undefined, (payload) => {
        frame
          .evaluate(([e, p]) => (window as unknown as { __umcDeliver: (e: string, p: unknown) => void }).__umcDeliver(e, p), [event as string, payload] as const)
          // A page gone (closed, navigated) closes its stream.
          .catch(() => closeStream(frame, event));
      });
      if (!subscribed.ok) return subscribed;
      if (!frameStreams.has(frame)) frameStreams.set(frame, new Map());
      frameStreams.get(frame)!.set(event as string, subscribed.value);
      return { ok: true, value: null };
    });
    await context.exposeBinding('__umcUnsubscribe', (source, event: unknown) => closeStream(source.frame, event));
    await context.addInitScript(
      ({ channels, events, global }) => {
        type Env = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
        const bridge = window as unknown as {
          __umcInvoke: (c: string, p: unknown) => Promise<Env>;
          __umcSubscribe: (e: string) => Promise<Env>;
          __umcUnsubscribe: (e: string) => Promise<void>;
        };
        const invoke = bridge.__umcInvoke;
        const api: Record<string, unknown> = {};
        for (const channel of channels) {
          const [ns, method] = channel.split('.');
          const methods = (api[ns] ??= {}) as Record<string, (p?: unknown) => Promise<unknown>>;
          methods[method] = async (p?: unknown) => {
            const env = await invoke(channel, p);
            if (env.ok) return env.value;
            const e = new Error(env.error.message);
            e.name = env.error.code;
            throw e;
          };
        }
        // One stream per event shared by its listeners, the latest payload replayed to a listener that joins (as createApi does).
        const streams = new Map<string, { listeners: Set<(p: unknown) => void>; latest: { value: unknown } | null }>();
        // Functions are assigned to members, never written as object-literal values or named constants: tsx
        // would wrap those in its `__name` helper, which does not exist in the page this function runs in.
        const delivery: { deliver?: (event: string, payload: unknown) => void } = {};
        delivery.deliver = (event: string, payload: unknown) => {
          const stream = streams.get(event);
          if (!stream) return;
          stream.latest = { value: payload };
          for (const l of [...stream.listeners]) l(payload);
        };
        Object.defineProperty(window, '__umcDeliver', { value: delivery.deliver, writable: false });
        api.on = (event: string, listener: (p: unknown) => void) => {
          if (!events.includes(event)) throw new Error(`unknown event ${event}`);
          let stream = streams.get(event);
          if (stream) {
            stream.listeners.add(listener);
            if (stream.latest) listener(stream.latest.value);
          } else {
            stream = { listeners: new Set([listener]), latest: null };
            streams.set(event, stream);
            void bridge.__umcSubscribe(event).then((env) => {
              if (!env.ok) console.error(`umc: ${event}: ${env.error.message}`);
            });
          }
          const joined = stream;
          let closed = false;
          return () => {
            if (closed) return;
            closed = true;
            joined.listeners.delete(listener);
            if (joined.listeners.size === 0 && streams.get(event) === joined) {
              streams.delete(event);
              void bridge.__umcUnsubscribe(event);
            }
          };
        };
        Object.defineProperty(window, global, { value: Object.freeze(api), writable: false });
      },
      { channels: CHANNELS as string[], events: EVENT_NAMES as string[], global: API_GLOBAL },
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
