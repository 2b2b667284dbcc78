/**
 * Test connection's results: one row per check, in the order they are fixed — a status mark, the
 * title, what was found (with its items), what to do and the commands that do it (copyable, never
 * run), and the page the check is written from. Main renders every text in the console's language;
 * a language switch re-runs nothing, the next test speaks the new language.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { CheckStatus, ConnectionCheckView, ConnectionTestReport } from '../../../../shared/connections/connection-test';
import { formatDateTime } from '../../../../shared/i18n/translate';
import { CmdletBlock } from '../../components/cmdlet-block';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

/** The mark and colour of each status: green tick, amber bang, red cross, grey dash. */
export const CHECK_MARK: Readonly<Record<CheckStatus, { readonly symbol: string; readonly color: string; readonly soft: string }>> = {
  ok: { symbol: '✓', color: '#1b7f3b', soft: '#e8f5ec' },
  warning: { symbol: '!', color: '#b25e00', soft: '#fff4e5' },
  error: { symbol: '✕', color: '#c62828', soft: '#fdecea' },
  'not-judged': { symbol: '–', color: '#6b7380', soft: '#f1f2f4' },
};

export type TestState =
  | { readonly kind: 'running'; readonly name: string; readonly id: string }
  | { readonly kind: 'done'; readonly report: ConnectionTestReport }
  | { readonly kind: 'failed'; readonly name: string; readonly message: string };

export function ConnectionTestPanel({ state, onClose }: { state: TestState; onClose: () => void }) {
  const { t, language } = useI18n();
  const name = state.kind === 'done' ? state.report.profile : state.name;
  return (
    <Paper
      variant="outlined"
      component="section"
      data-testid="connection-test"
      data-state={state.kind}
      aria-label={t('connectTest.screen.title', { name })}
      aria-busy={state.kind === 'running'}
      sx={{ px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1.25 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="h2" component="h2" sx={{ mr: 'auto' }}>
          {t('connectTest.screen.title', { name })}
        </Typography>
        {state.kind === 'done' && (
          <Typography data-testid="connection-test-summary" sx={{ fontSize: 12.5, color: 'text.secondary' }}>
            {t('connectTest.screen.summary', { ok: state.report.counts.ok, warnings: state.report.counts.warning, errors: state.report.counts.error, notJudged: state.report.counts['not-judged'] })}
            {' · '}
            {t('connectTest.screen.testedAt', { time: formatDateTime(language, state.report.testedAt) })}
          </Typography>
        )}
        <Button size="small" data-testid="connection-test-close" onClick={onClose} disabled={state.kind === 'running'}>
          {t('connectTest.screen.close')}
        </Button>
      </Box>
      {state.kind === 'running' && (
        <Box role="status">
          <Typography sx={{ color: 'text.secondary' }}>{t('connectTest.screen.running', { name })}</Typography>
          <LinearProgress sx={{ mt: 0.5 }} />
        </Box>
      )}
      {state.kind === 'failed' && (
        <Alert severity="error" data-testid="connection-test-error">
          {t('connectTest.screen.error', { message: state.message })}
        </Alert>
      )}
      {state.kind === 'done' && (
        <Box component="ol" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
          {state.report.checks.map((c) => (
            <CheckRow key={c.id} check={c} />
          ))}
        </Box>
      )}
    </Paper>
  );
}

function CheckRow({ check }: { check: ConnectionCheckView }) {
  const { t } = useI18n();
  const mark = CHECK_MARK[check.status];
  return (
    <Box
      component="li"
      data-testid="connection-check"
      data-check-id={check.id}
      data-status={check.status}
      sx={{
        display: 'grid',
        gridTemplateColumns: '28px minmax(0, 1fr)',
        columnGap: 1.25,
        px: 1.25,
        py: 1,
        borderRadius: 1,
        borderLeft: `3px solid ${mark.color}`,
        bgcolor: check.status === 'ok' || check.status === 'not-judged' ? 'transparent' : mark.soft,
      }}
    >
      <Box
        aria-label={t(`connectTest.status.${check.status}`)}
        title={t(`connectTest.status.${check.status}`)}
        sx={{ width: 22, height: 22, mt: 0.1, borderRadius: '50%', bgcolor: mark.color, color: '#fff', fontWeight: 700, fontSize: 13, display: 'flex', alignItems: 'center', justifyContent: 'center' }}
      >
        {mark.symbol}
      </Box>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, minWidth: 0 }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1, flexWrap: 'wrap' }}>
          <Typography component="h3" data-testid="check-title" sx={{ fontWeight: 600, fontSize: 13.5 }}>
            {check.title}
          </Typography>
          <Box component="span" sx={{ fontSize: 11.5, fontWeight: 600, color: mark.color, textTransform: 'uppercase', letterSpacing: 0.3 }}>
            {t(`connectTest.status.${check.status}`)}
          </Box>
        </Box>
        <Typography data-testid="check-detail" sx={{ fontSize: 13, overflowWrap: 'anywhere' }}>
          {check.detail}
        </Typography>
        {check.items.length > 0 && (
          <Box component="ul" data-testid="check-items" sx={{ m: 0, pl: 2.5, fontSize: 12.5, '& li': { overflowWrap: 'anywhere' } }}>
            {check.items.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </Box>
        )}
        {check.fix && (
          <Box data-testid="check-fix" sx={{ display: 'flex', flexDirection: 'column', gap: 0.5 }}>
            <Typography sx={{ fontSize: 13 }}>
              <Box component="span" sx={{ fontWeight: 600 }}>
                {t('connectTest.screen.fix')}:
              </Box>{' '}
              {check.fix}
            </Typography>
            {check.commands.length > 0 && <CmdletBlock cmdlets={check.commands} copyable />}
          </Box>
        )}
        {check.source && (
          <Typography sx={{ fontSize: 11.5, color: 'text.secondary', fontFamily: MONO_FONT, overflowWrap: 'anywhere' }} data-testid="check-source">
            {t('connectTest.screen.source')}: {check.source}
          </Typography>
        )}
      </Box>
    </Box>
  );
}
