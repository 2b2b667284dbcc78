/** The SettingsStore port over electron-store (preferences only; secrets use safeStorage). */
import Store from 'electron-store';
import type { SettingsStore } from '../services/ports';
import { SETTINGS_STORE_OPTIONS } from './settings-store-options';

export function electronSettingsStore(): SettingsStore {
  const store = new Store<Record<string, unknown>>(SETTINGS_STORE_OPTIONS);
  return {
    read: async () => ({ ...store.store }),
    write: async (values) => {
      store.store = { ...values };
    },
  };
}
