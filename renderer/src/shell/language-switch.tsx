/**
 * System / English / Français. The choice is stored by main (settings.update); the context then
 * re-renders every screen in the new language.
 */
import Box from '@mui/material/Box';
import { type ChangeEvent, useId, useState } from 'react';
import type { LanguageSetting } from '../../../shared/app/app-channels';
import { errorMessage } from '../api';
import { useI18n } from '../i18n';

const SETTINGS: readonly LanguageSetting[] = ['system', 'en', 'fr'];

export function LanguageSwitch() {
  const { t, setting, systemLanguage, changeSetting } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);

  const onChange = (e: ChangeEvent<HTMLSelectElement>) => {
    const next = e.target.value as LanguageSetting;
    setError(null);
    changeSetting(next).catch((err: unknown) => setError(errorMessage(err)));
  };

  const label = (s: LanguageSetting) => (s === 'system' ? t('language.system', { language: t(`language.${systemLanguage}`) }) : t(`language.${s}`));

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      <Box component="label" htmlFor={id} sx={{ fontSize: 11, opacity: 0.75 }}>
        {t('language.label')}
      </Box>
      <Box
        component="select"
        id={id}
        data-testid="language-select"
        value={setting}
        onChange={onChange}
        sx={{ font: 'inherit', fontSize: 13, px: 0.75, py: 0.5, borderRadius: 1, border: '1px solid rgba(255,255,255,0.25)', bgcolor: '#2a3a4d', color: 'inherit' }}
      >
        {SETTINGS.map((s) => (
          <option key={s} value={s}>
            {label(s)}
          </option>
        ))}
      </Box>
      {error && (
        <Box role="alert" sx={{ fontSize: 11, color: '#ffb4ab' }}>
          {t('app.error', { message: error })}
        </Box>
      )}
    </Box>
  );
}
