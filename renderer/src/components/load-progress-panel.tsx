/**
 * While a large snapshot is read or the org is captured: every section with its count and state, and the time
 * elapsed, over whatever screen is open (docs/large-orgs.md, "First screen while reading"). The screens show
 * the partial org meanwhile; the panel says the users follow. It can be hidden; the status bar still says
 * what is being read.
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import { useEffect, useState } from 'react';
import type { LoadProgress, SectionLoadState } from '../../../shared/snapshot/load-progress';
import { useI18n } from '../i18n';
import { MONO_FONT } from '../theme';

const STATE_COLOR: Readonly<Record<SectionLoadState, string>> = {
  waiting: '#5f6b7a',
  reading: '#1565c0',
  read: '#1b7f3b',
  partial: '#b25e00',
  'not-read': '#c62828',
};

/** Whether a run is under way (the panel and the status bar's "reading" show only then). */
export function isReading(p: LoadProgress | null): p is LoadProgress {
  return p !== null && (p.phase === 'reading' || p.phase === 'partial');
}

/** Seconds since the run started: main's figure at the last change, counted on here between changes. */
function useElapsedSeconds(elapsedMs: number): number {
  const [seconds, setSeconds] = useState(() => Math.floor(elapsedMs / 1000));
  useEffect(() => {
    const at = performance.now();
    const count = () => setSeconds(Math.floor((elapsedMs + performance.now() - at) / 1000));
    count();
    const timer = setInterval(count, 1000);
    return () => clearInterval(timer);
  }, [elapsedMs]);
  return seconds;
}

export function LoadProgressPanel({ progress, onHide }: { progress: LoadProgress; onHide: () => void }) {
  const { t, language } = useI18n();
  const count = new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-US');
  const seconds = useElapsedSeconds(progress.elapsedMs);
  const cell = { px: 1, py: 0.25, fontSize: 12, borderBottom: '1px solid #eceef1', whiteSpace: 'nowrap' } as const;
  return (
    <Paper
      elevation={6}
      component="section"
      data-testid="load-progress"
      data-phase={progress.phase}
      data-run={progress.run ?? ''}
      aria-label={t(progress.run === 'capture' ? 'large.progress.title.capture' : 'large.progress.title.load')}
      sx={{ position: 'fixed', right: 12, bottom: 36, zIndex: 1300, width: 440, maxWidth: 'calc(100vw - 24px)', maxHeight: 'calc(100vh - 96px)', display: 'flex', flexDirection: 'column' }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, px: 1.5, pt: 1, pb: 0.5 }}>
        <Box component="h2" sx={{ m: 0, fontSize: 14, fontWeight: 600 }}>
          {t(progress.run === 'capture' ? 'large.progress.title.capture' : 'large.progress.title.load')}
        </Box>
        <Box component="span" sx={{ fontSize: 12, color: 'text.secondary', overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }} title={progress.label}>
          {progress.label}
        </Box>
        <Box component="span" data-testid="load-progress-elapsed" sx={{ fontSize: 12, color: 'text.secondary', whiteSpace: 'nowrap' }}>
          {t('large.progress.elapsed', { seconds })}
        </Box>
        <Button size="small" onClick={onHide} sx={{ minWidth: 0, py: 0 }}>
          {t('large.progress.hide')}
        </Button>
      </Box>
      {progress.phase === 'partial' && (
        <Box data-testid="load-progress-partial" sx={{ px: 1.5, pb: 0.5, fontSize: 12, color: '#1b5e20' }}>
          {t('large.progress.partial')}
        </Box>
      )}
      <Box sx={{ overflow: 'auto', minHeight: 0, px: 0.5, pb: 1 }}>
        <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse' }}>
          <thead>
            <tr>
              <Box component="th" sx={{ ...cell, textAlign: 'left', fontWeight: 600 }}>
                {t('large.progress.section')}
              </Box>
              <Box component="th" sx={{ ...cell, textAlign: 'right', fontWeight: 600 }}>
                {t('large.progress.objects')}
              </Box>
              <Box component="th" sx={{ ...cell, textAlign: 'left', fontWeight: 600 }}>
                {t('large.progress.stateHeader')}
              </Box>
            </tr>
          </thead>
          <tbody>
            {progress.sections.map((s) => (
              <tr key={s.key} data-testid="load-progress-section" data-section={s.key} data-state={s.state} data-objects={s.objects}>
                {/* The cmdlet, as PowerShell names it: shown as is. */}
                <Box component="td" translate="no" sx={{ ...cell, fontFamily: MONO_FONT }} title={s.key}>
                  {s.cmdlet}
                </Box>
                <Box component="td" sx={{ ...cell, textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>
                  {count.format(s.objects)}
                </Box>
                <Box component="td" sx={{ ...cell, color: STATE_COLOR[s.state], fontWeight: s.state === 'reading' ? 600 : 400 }}>
                  {t(`large.progress.state.${s.state}`)}
                </Box>
              </tr>
            ))}
          </tbody>
        </Box>
      </Box>
    </Paper>
  );
}
