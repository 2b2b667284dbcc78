/**
 * Gateways screen (issue 5): every SIP peer of the topology plus typed targets, "Probe all" with
 * live progress, and per row the status, the SIP answer, the round trip, the Server header, the
 * resolved address and the explanation in plain words. On the lab org the topology's hosts are
 * listed and never probed (they do not exist); typed targets still are.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { type GatewayRow, gatewayRows, percentDone, probeableCount, statusColor } from './gateway-rows';
import { useGateways } from './use-gateways';

export default function GatewaysScreen() {
  const { t, td } = useI18n();
  const g = useGateways();
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);

  const onAdd = async (e: FormEvent) => {
    e.preventDefault();
    if (text.trim() === '') return;
    try {
      await g.addTarget(text);
      setText('');
      setAddError(null);
    } catch (err) {
      setAddError(errorMessage(err));
    }
  };

  const onProbe = async () => {
    try {
      setProbeError(null);
      await g.probeAll();
    } catch (err) {
      setProbeError(errorMessage(err));
    }
  };

  if (g.loadError) return <ErrorNotice message={g.loadError} />;
  if (!g.view) return <LoadingNotice />;
  const rows = gatewayRows(g.view.targets, g.progress);
  const running = g.progress?.running ?? false;
  const canProbe = probeableCount(g.view.targets) > 0 && !running;

  return (
    <Box data-testid="gateways-screen" sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2 }}>
          <Typography variant="h1" component="h1">
            {t('gateways.title')}
          </Typography>
          <Button variant="contained" size="small" data-testid="gateways-probe-all" disabled={!canProbe} onClick={() => void onProbe()}>
            {t('gateways.probeAll')}
          </Button>
          {g.progress && g.progress.total > 0 && (
            <Box data-testid="gateways-progress" data-done={g.progress.done} data-total={g.progress.total} data-running={String(running)} sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 240 }}>
              <LinearProgress variant="determinate" value={percentDone(g.progress)} sx={{ flex: 1, '& .MuiLinearProgress-bar': { transition: 'none' } }} aria-label={t('gateways.progress', { done: g.progress.done, total: g.progress.total })} />
              <Typography variant="body2" color="text.secondary">
                {t('gateways.progress', { done: g.progress.done, total: g.progress.total })}
              </Typography>
            </Box>
          )}
        </Box>
        <Typography variant="body2" color="text.secondary">
          {t('gateways.intro')}
        </Typography>
        {g.view.lab && (
          <Alert severity="info" data-testid="gateways-lab-notice" sx={{ py: 0 }}>
            {t('gateways.labNotice')}
          </Alert>
        )}
        <Box component="form" onSubmit={(e) => void onAdd(e)} sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
          <TextField
            size="small"
            label={t('gateways.add.label')}
            placeholder={t('gateways.add.placeholder')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            error={addError !== null}
            slotProps={{ htmlInput: { 'data-testid': 'gateway-add-input', spellCheck: false } }}
            sx={{ minWidth: 420 }}
          />
          <Button type="submit" variant="outlined" data-testid="gateway-add" sx={{ mt: 0.25 }}>
            {t('gateways.add.button')}
          </Button>
        </Box>
        {addError && (
          <Alert severity="error" data-testid="gateway-add-error" sx={{ py: 0 }}>
            {addError}
          </Alert>
        )}
        {probeError && <Alert severity="error">{probeError}</Alert>}
        {g.pollError && <Alert severity="warning">{g.pollError}</Alert>}
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {rows.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('gateways.empty')}
          </Typography>
        ) : (
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell>{t('gateways.col.object')}</TableCell>
                <TableCell>{t('gateways.col.target')}</TableCell>
                <TableCell>{t('gateways.col.transport')}</TableCell>
                <TableCell>{t('gateways.col.source')}</TableCell>
                <TableCell>{t('gateways.col.status')}</TableCell>
                <TableCell>{t('gateways.col.answer')}</TableCell>
                <TableCell>{t('gateways.col.rtt')}</TableCell>
                <TableCell>{t('gateways.col.server')}</TableCell>
                <TableCell>{t('gateways.col.address')}</TableCell>
                <TableCell />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <Row key={row.target.raw} row={row} onRemove={() => void g.removeTarget(row.target.raw)} t={t} td={td} />
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}

type T = ReturnType<typeof useI18n>['t'];
type TD = ReturnType<typeof useI18n>['td'];

function Row({ row, onRemove, t, td }: { row: GatewayRow; onRemove: () => void; t: T; td: TD }) {
  const { target, result, status } = row;
  const chipLabel = status === 'not-probed' && target.notProbeableReason === 'lab' ? t('gateways.notProbedLab') : td(`gateways.status.${status}`);
  return (
    <>
      <TableRow data-testid="gateway-row" data-target={target.raw} data-status={status} sx={{ '& td': { borderBottom: result ? 0 : undefined } }}>
        <TableCell>
          {target.label ?? t('gateways.typed')}
          {target.ref && (
            <Typography variant="caption" component="div" color="text.secondary">
              {td(`kind.${target.ref.kind}`)}
            </Typography>
          )}
        </TableCell>
        <TableCell sx={{ fontFamily: 'monospace', wordBreak: 'break-all' }}>{target.raw}</TableCell>
        <TableCell>{target.transport.toUpperCase()}</TableCell>
        <TableCell>{t(target.source === 'typed' ? 'gateways.source.typed' : 'gateways.source.topology')}</TableCell>
        <TableCell>
          <Chip size="small" data-testid="gateway-status" color={statusColor(status)} label={chipLabel} variant={status === 'not-probed' ? 'outlined' : 'filled'} />
        </TableCell>
        <TableCell data-testid="gateway-answer">{result?.code != null ? `${result.code} ${result.reason ?? ''}`.trim() : ''}</TableCell>
        <TableCell>{result?.rttMs != null ? t('gateways.rtt', { ms: Math.round(result.rttMs) }) : ''}</TableCell>
        <TableCell>{result?.server ?? ''}</TableCell>
        <TableCell sx={{ fontFamily: 'monospace' }}>{result?.address ? `${result.address}${result.port != null ? `:${result.port}` : ''}` : ''}</TableCell>
        <TableCell padding="none">
          {target.source === 'typed' && (
            <IconButton size="small" aria-label={t('gateways.remove', { target: target.raw })} data-testid="gateway-remove" onClick={onRemove}>
              ×
            </IconButton>
          )}
        </TableCell>
      </TableRow>
      {result && (
        <TableRow>
          <TableCell colSpan={10} sx={{ pt: 0, color: status === 'ok' ? 'text.secondary' : 'text.primary' }}>
            <Typography variant="body2" data-testid="gateway-explanation" data-target={target.raw}>
              {td(result.explanationKey, result.explanationParams)}
            </Typography>
            {result.tls && (
              <Typography variant="body2" color="text.secondary">
                {t('gateways.tls', {
                  subject: result.tls.peerSubject ?? '—',
                  names: result.tls.peerSubjectAltNames.join(', ') || '—',
                  verified: td(result.tls.verified ? 'cli.probe.verified' : 'cli.probe.notVerified'),
                })}
              </Typography>
            )}
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
