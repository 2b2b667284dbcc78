/**
 * Electron's implementations of the platform ports: the OS key store for secrets (safeStorage:
 * DPAPI on Windows, Keychain on macOS, libsecret/kwallet on Linux — never Linux's fixed-key basic_text) and the snapshot file dialogs.
 */
import { BrowserWindow, dialog, safeStorage } from 'electron';
import type { SecretCipher } from '../services/secret-store';
import type { FileDialogs } from '../services/live/connections-service';
import { safeStorageCipherOf } from './safe-storage-cipher';

/** Refuses Linux's fixed-key `basic_text` backend (main/app/safe-storage-cipher.ts says why). */
export const safeStorageCipher: SecretCipher = safeStorageCipherOf(safeStorage, process.platform);

const SNAPSHOT_FILTERS = [{ name: 'UM Integration Console snapshot', extensions: ['json'] }];

export const electronDialogs: FileDialogs = {
  async chooseSavePath(defaultName) {
    const owner = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: defaultName, filters: SNAPSHOT_FILTERS };
    const r = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
    return r.canceled || !r.filePath ? null : r.filePath;
  },
  async chooseOpenPath() {
    const owner = BrowserWindow.getFocusedWindow();
    const options = { filters: SNAPSHOT_FILTERS, properties: ['openFile' as const] };
    const r = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
    return r.canceled || r.filePaths.length === 0 ? null : r.filePaths[0]!;
  },
};
