/**
 * The Electron main process: the only file tree (with the preload) that imports `electron`.
 * It wires the platform (window, protocol, IPC, settings) to the services of main/compose.ts.
 */
import { app, BrowserWindow, ipcMain, session } from 'electron';
import { join } from 'node:path';
import { IPC_PREFIX } from '../../shared/contract/api';
import { CHANNELS } from '../../shared/contract/channels';
import { createMainServices, type MainServices } from '../compose';
import { jsonLogger } from '../services/ports';
import { auditLogPath, userLabPath } from '../services/user-data';
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
    // PowerShell reads the host script, the lab module and the lab data from disk: in a packaged
    // app they sit in app.asar.unpacked (electron-builder.yml asarUnpack), not inside the archive.
    powershell: (() => {
      const unpacked = root.replace(/app\.asar$/, 'app.asar.unpacked');
      const assets = powerShellAssets(unpacked);
      return { executable: locatePowerShell(unpacked)?.executable ?? null, hostScript: assets.hostScript, labModule: assets.labModule, labData: labSnapshotPath(unpacked) };
    })(),
  });
  const dispatcher = services.dispatcher;
  for (const channel of CHANNELS) {
    ipcMain.handle(IPC_PREFIX + channel, (event, payload: unknown) =>
      dispatcher.dispatch(
        { url: event.senderFrame?.url ?? '', isMainFrame: !!event.senderFrame && event.senderFrame.parent === null, trustedContents: trustedContents.has(event.sender.id) },
        channel,
        payload,
      ),
    );
  }
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
