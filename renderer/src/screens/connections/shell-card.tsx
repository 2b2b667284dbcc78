/**
 * One Management Shell session: its state as a coloured chip (with a spinner and the retry line
 * while it connects), where it goes, what answers there, how fast, how busy, and what went wrong.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ShellStatus } from '../../../../shared/connections/profile';
import { formatDateTime } from '../../../../shared/i18n/translate';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { HostKeyAction } from './host-key-action';
import { isTransitional, retryLine, SHELL_STATE_COLOR } from './shell-status';

export function ShellCard({ status }: { status: ShellStatus }) {
  const { t, language } = useI18n();
  const color = SHELL_STATE_COLOR[status.state];
  const retry = retryLine(status);
  const unknown = (
    <Box component="span" sx={{ color: 'text.secondary', fontStyle: 'italic', fontFamily: (theme) => theme.typography.fontFamily, fontSize: 12 }}>
      {t('connections.shell.unknown')}
    </Box>
  );
  return (
    <Paper
      variant="outlined"
      component="section"
      data-testid="shell-card"
      data-shell={status.shell}
      data-state={status.state}
      aria-label={t(`connections.shell.${status.shell}`)}
      sx={{ borderTop: `3px solid ${color}`, px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1, minWidth: 0 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Typography variant="h2" component="h3" sx={{ fontSize: 14, flex: '1 1 auto', minWidth: 0, lineHeight: 1.6 }}>
          {t(`connections.shell.${status.shell}`)}
        </Typography>
        <Chip
          data-testid="shell-state"
          icon={isTransitional(status.state) ? <CircularProgress size={10} thickness={6} aria-label={t(`connections.state.${status.state}`)} sx={{ color: 'inherit !important' }} /> : undefined}
          label={t(`connections.state.${status.state}`)}
          sx={{ flexShrink: 0, bgcolor: color, color: '#fff', fontWeight: 600, height: 22, fontSize: 11.5, '& .MuiChip-icon': { color: '#fff', ml: 0.75 } }}
        />
      </Box>
      {(retry || status.since) && (
        <Typography sx={{ fontSize: 12, color: 'text.secondary', mt: -0.5 }}>
          {retry && (
            <Box component="span" data-testid="shell-retry" sx={{ color, fontWeight: 500 }}>
              {t(retry.key, retry.params)}
            </Box>
          )}
          {retry && status.since && ' · '}
          {status.since && t('connections.shell.since', { time: formatDateTime(language, status.since) })}
        </Typography>
      )}
      <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 2, rowGap: 0.5, m: 0 }}>
        <Fact label={t('connections.shell.endpoint')} testId="shell-endpoint" mono>
          {status.endpoint || unknown}
        </Fact>
        <Fact label={t('connections.shell.serverVersion')} testId="shell-version" mono>
          {status.serverVersion ?? unknown}
        </Fact>
        <Fact label={t('connections.shell.psVersion')} testId="shell-ps-version" mono>
          {status.psVersion ?? unknown}
        </Fact>
        <Fact label={t('connections.shell.latency')} testId="shell-latency">
          {status.latencyMs === null ? unknown : t('connections.shell.latencyValue', { ms: Math.round(status.latencyMs) })}
        </Fact>
        <Fact label={t('connections.shell.calls')} testId="shell-calls">
          {t('connections.shell.callsValue', { queued: status.queued, running: status.running })}
        </Fact>
      </Box>
      {/* lastError is already plain words in the console's language (main renders it). */}
      {status.lastError && (
        <Alert severity="error" data-testid="shell-error" sx={{ py: 0.25 }}>
          {status.lastError}
        </Alert>
      )}
      {status.hostKey && <HostKeyAction key={`${status.hostKey.kind} ${status.hostKey.fingerprint}`} problem={status.hostKey} />}
    </Paper>
  );
}

function Fact({ label, testId, mono, children }: { label: string; testId: string; mono?: boolean; children: ReactNode }) {
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary', fontSize: 12 }}>
        {label}
      </Box>
      <Box component="dd" data-testid={testId} sx={{ m: 0, fontSize: mono ? 12 : 13, fontFamily: mono ? MONO_FONT : undefined, overflowWrap: 'anywhere', fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Box>
    </>
  );
}
