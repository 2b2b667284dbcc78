/** The console itself: its name and version, and the user's settings (the language). */
import { z } from 'zod';
import { channel, noPayload } from '../contract/channel';

export const LanguageSetting = z.enum(['system', 'en', 'fr']);
export type LanguageSetting = z.infer<typeof LanguageSetting>;

export interface AppInfo {
  readonly name: string;
  readonly version: string;
  /** The operating system's locale (Electron app.getLocale(), else the environment). */
  readonly systemLocale: string;
}

/** The PowerShell this console runs on this computer (main/services/local-powershell.ts). */
export interface LocalPowerShellInfo {
  readonly found: boolean;
  readonly version: string | null;
  readonly edition: string | null;
}

export interface Settings {
  readonly language: LanguageSetting;
}

export const APP_CHANNELS = {
  'app.info': channel<AppInfo>()(noPayload),
  'app.powershell': channel<LocalPowerShellInfo>()(noPayload),
  'settings.get': channel<Settings>()(noPayload),
  'settings.update': channel<Settings>()(z.strictObject({ language: LanguageSetting })),
} as const;
