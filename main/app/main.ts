/**
 * The Electron main process: the only file tree (with the preload) that imports `electron`.
 * It wires the platform (window, protocol, IPC, settings) to the services of main/compose.ts.
 */
import { app, BrowserWindow, ipcMain, type IpcMainInvokeEvent, session, type WebContents } from 'electron';
import { join } from 'node:path';
import { IPC_PREFIX, IPC_SUBSCRIBE, IPC_UNSUBSCRIBE } from '../../shared/contract/api';
import { CHANNELS } from '../../shared/contract/channels';
import { createMainServices, type MainServices } from '../compose';
import type { SenderInfo } from '../ipc/sender-policy';
import { jsonLogger } from '../ports';
import { logUnpackedIntegrity } from '../unpacked-integrity';
import { auditLogPath, knownHostsPath, userLabPath } from '../services/user-data';
import { historyDir } from '../services/history/history-store';
import { monitorHistoryPath } from '../services/sip/monitor-history-store';
import { electronSettingsStore } from './electron-settings-store';
import { electronDialogs, safeStorageCipher } from './electron-platform';
import { locatePowerShell, powerShellAssets } from '../powershell/powershell-locator';
import { labSnapshotPath } from '../services/snapshot-loader';
import { registerAppScheme, serveRenderer } from './renderer-protocol';
import { APP_ORIGIN, lockDownContents, lockDownSession, secureWebPreferences } from './security';

app.enableSandbox();
registerAppScheme();

/** WebContents this process created: the only senders IPC accepts (GitHub Desktop's trusted ids). */
const trustedContents = new Set<number>();
let services: MainServices | null = null;

function snapshotArgument(): string | undefined {
  const a = process.argv.find((x) => x.startsWith('--snapshot='));
  return a ? a.slice('--snapshot='.length) : undefined;
}

/** Who sent an IPC message, as the sender policy judges it. */
function senderOf(event: IpcMainInvokeEvent): SenderInfo {
  return { url: event.senderFrame?.url ?? '', isMainFrame: !!event.senderFrame && event.senderFrame.parent === null, trustedContents: trustedContents.has(event.sender.id) };
}

/**
 * The event streams each window opened (main/preload/preload.ts): by WebContents id, then event
 * name, what closes the stream. Payloads go to the window that subscribed and to no other; a
 * window that goes away closes its streams.
 */
const windowStreams = new Map<number, Map<string, () => void>>();

function closeStream(contents: WebContents, name: unknown): void {
  const streams = windowStreams.get(contents.id);
  const close = typeof name === 'string' ? streams?.get(name) : undefined;
  if (!close) return;
  streams!.delete(name as string);
  close();
}

function openStream(dispatcher: MainServices['dispatcher'], event: IpcMainInvokeEvent, name: unknown) {
  const contents = event.sender;
  // A reloaded page subscribes again: its previous stream of the same event is replaced.
  closeStream(contents, name);
  const subscribed = dispatcher.subscribe(senderOf(event), name, undefined, (payload) => {
    if (!contents.isDestroyed()) contents.send(IPC_PREFIX + String(name), payload);
  });
  if (!subscribed.ok) return subscribed;
  let streams = windowStreams.get(contents.id);
  if (!streams) {
    const created = new Map<string, () => void>();
    streams = created;
    windowStreams.set(contents.id, created);
    contents.once('destroyed', () => {
      for (const close of created.values()) close();
      windowStreams.delete(contents.id);
    });
  }
  streams.set(name as string, subscribed.value);
  return { ok: true as const, value: null };
}

function createWindow(): void {
  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 640,
    title: 'UM Integration Console',
    show: false,
    webPreferences: secureWebPreferences(join(__dirname, '..', 'preload', 'preload.cjs')),
  });
  const id = window.webContents.id;
  trustedContents.add(id);
  window.on('closed', () => trustedContents.delete(id));
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => lockDownContents(contents));

app.whenReady().then(() => {
  lockDownSession(session.defaultSession);
  const root = app.getAppPath();
  serveRenderer(join(root, 'out', 'renderer'));
  // The files outside the asar, against the hashes the build put inside it (main/unpacked-integrity.ts).
  logUnpackedIntegrity(
    root.replace(/app\.asar$/, 'app.asar.unpacked'),
    jsonLogger((line) => process.stderr.write(line)),
  );
  services = createMainServices({
    root,
    allowedOrigins: [APP_ORIGIN],
    settings: electronSettingsStore(),
    systemLocale: () => app.getLocale(),
    snapshotPath: snapshotArgument(),
    logger: jsonLogger((line) => process.stderr.write(line)),
    secretCipher: safeStorageCipher,
    dialogs: electronDialogs,
    // The contact editor's writable copy of the lab org and the audit log of changes.
    userLabPath: userLabPath(app.getPath('userData')),
    auditPath: auditLogPath(app.getPath('userData')),
    // Every capture the Connections screen makes, kept with its findings counts (docs/capture-history.md).
    historyDir: historyDir(app.getPath('userData')),
    // The gateway monitor's history, kept across restarts (docs/live-sessions.md "Gateways over time").
    monitorHistoryPath: monitorHistoryPath(app.getPath('userData')),
    // PowerShell reads the host script, the lab module and the lab data from disk: in a packaged
    // app they sit in app.asar.unpacked (electron-builder.yml asarUnpack), not inside the archive.
    powershell: (() => {
      const unpacked = root.replace(/app\.asar$/, 'app.asar.unpacked');
      const assets = powerShellAssets(unpacked);
      return {
        executable: locatePowerShell(unpacked)?.executable ?? null,
        hostScript: assets.hostScript,
        labModule: assets.labModule,
        labData: labSnapshotPath(unpacked),
        // lab+ssh:// host keys: checked strictly against the console's own file (docs/live-sessions.md, "SSH host keys").
        knownHostsFile: knownHostsPath(app.getPath('userData')),
      };
    })(),
  });
  const dispatcher = services.dispatcher;
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) => dispatcher.dispatch(senderOf(event), channel, payload));
  }
  ipcMain.handle(IPC_SUBSCRIBE, (event, name: unknown) => openStream(dispatcher, event, name));
  ipcMain.handle(IPC_UNSUBSCRIBE, (event, name: unknown) => {
    closeStream(event.sender, name);
    return { ok: true, value: null };
  });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

let disposed = false;
app.on('will-quit', (event) => {
  // Remove-PSSession before leaving: Exchange allows a user only a few shells at a time.
  if (disposed || !services) return;
  event.preventDefault();
  disposed = true;
  void services.dispose().finally(() => app.quit());
});
