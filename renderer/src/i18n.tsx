/**
 * Language for the whole renderer. The setting lives in the main process (settings.get/update);
 * "system" follows the OS locale main reports (app.info), not the browser's, so the console and
 * the CLI agree. Every string goes through shared/i18n: this file only decides which language.
 */
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import type { AppInfo, LanguageSetting } from '../../shared/app/app-channels';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, languageFromLocale, type Params, translate, translateDynamic } from '../../shared/i18n/translate';
import { errorMessage, getApi } from './api';

export interface I18n {
  readonly language: Language;
  readonly setting: LanguageSetting;
  /** What "system" resolves to, for the language switch label. */
  readonly systemLanguage: Language;
  readonly appInfo: AppInfo;
  readonly t: (key: MessageKey, params?: Params) => string;
  /** For keys built at run time (rule ids, `role.<role>`, `checks.needs.<needs>`). */
  readonly td: (key: string, params?: Params) => string;
  changeSetting(setting: LanguageSetting): Promise<void>;
}

const I18nContext = createContext<I18n | null>(null);

export function resolveLanguage(setting: LanguageSetting, systemLocale: string): Language {
  return setting === 'system' ? languageFromLocale(systemLocale) : setting;
}

type Startup = { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; setting: LanguageSetting; appInfo: AppInfo };

export function I18nProvider({ children }: { children: ReactNode }) {
  const [startup, setStartup] = useState<Startup>({ state: 'loading' });

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        const api = getApi();
        const [settings, appInfo] = await Promise.all([api.settings.get(), api.app.info()]);
        if (live) setStartup({ state: 'ready', setting: settings.language, appInfo });
      } catch (e) {
        if (live) setStartup({ state: 'failed', message: errorMessage(e) });
      }
    })();
    return () => {
      live = false;
    };
  }, []);

  const changeSetting = useCallback(async (setting: LanguageSetting) => {
    // The answer is the stored value: show what main kept, not what we asked for.
    const saved = await getApi().settings.update({ language: setting });
    setStartup((s) => (s.state === 'ready' ? { ...s, setting: saved.language } : s));
  }, []);

  const value = useMemo<I18n | null>(() => {
    if (startup.state !== 'ready') return null;
    const systemLanguage = languageFromLocale(startup.appInfo.systemLocale);
    const language = startup.setting === 'system' ? systemLanguage : startup.setting;
    return {
      language,
      setting: startup.setting,
      systemLanguage,
      appInfo: startup.appInfo,
      t: (key, params) => translate(language, key, params),
      td: (key, params) => translateDynamic(language, key, params),
      changeSetting,
    };
  }, [startup, changeSetting]);

  useEffect(() => {
    if (!value) return;
    document.documentElement.lang = value.language;
    document.title = value.t('app.title');
  }, [value]);

  if (startup.state !== 'ready' || !value) return <StartupFallback startup={startup} />;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

/** Before the settings arrive we only have the browser's locale: good enough for two lines. */
function StartupFallback({ startup }: { startup: Startup }) {
  const language = languageFromLocale(navigator.language);
  const text = startup.state === 'failed' ? translate(language, 'status.error', { message: startup.message }) : translate(language, 'status.loading');
  return (
    <div role={startup.state === 'failed' ? 'alert' : 'status'} style={{ padding: 24, font: '14px system-ui, "Segoe UI", sans-serif', color: startup.state === 'failed' ? '#b3261e' : '#444' }}>
      {text}
    </div>
  );
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n() outside <I18nProvider>');
  return value;
}

export function useT(): I18n['t'] {
  return useI18n().t;
}
