/** The SettingsStore port over electron-store (preferences only; secrets use safeStorage). */
import Store from 'electron-store';
import type { SettingsStore } from '../services/ports';

export function electronSettingsStore(): SettingsStore {
  // clearInvalidConfig stays false: a corrupt file must never be wiped silently.
  const store = new Store<Record<string, unknown>>({ name: 'settings', clearInvalidConfig: false });
  return {
    read: async () => ({ ...store.store }),
    write: async (values) => {
      store.store = { ...values };
    },
  };
}
