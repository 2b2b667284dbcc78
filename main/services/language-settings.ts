/** The console's language setting: `system` (the OS locale), or English or French chosen by the user. */
import type { LanguageSetting, Settings } from '../../shared/app/app-channels';
import type { SettingsStore } from './ports';

export interface LanguageSettings {
  get(): Promise<Settings>;
  /** Writes the choice beside the other settings (the saved profiles live in the same store). */
  update(language: LanguageSetting): Promise<Settings>;
}

function readLanguage(values: Readonly<Record<string, unknown>>): LanguageSetting {
  const v = values.language;
  return v === 'en' || v === 'fr' ? v : 'system';
}

export function createLanguageSettings(settings: SettingsStore): LanguageSettings {
  return {
    async get() {
      return { language: readLanguage(await settings.read()) };
    },
    async update(language) {
      const current = await settings.read();
      await settings.write({ ...current, language });
      return { language };
    },
  };
}
