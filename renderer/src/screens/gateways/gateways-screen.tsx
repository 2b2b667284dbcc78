/**
 * Gateways screen: every SIP peer of the topology plus typed targets, "Probe all" with
 * live progress, and per row the status, the SIP answer, the round trip, the Server header, the
 * resolved addresses, the explanation in plain words and, over TLS, the peer's certificate judged by
 * the certificate rules. "Monitor" sweeps every N seconds: each row then gains its availability, a
 * latency sparkline and the flags a single probe cannot show (R-G-08 / event 1175, an address that
 * changed, R-G-10). On the lab org the topology's hosts are listed and never probed (they do not
 * exist); typed targets still are.
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
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useEffect, useState } from 'react';
import type { GatewayHistoryView, GatewayTarget } from '../../../../shared/sip/gateway-channels';
import { sparkline } from '../../../../shared/sip/monitor-model';
import { formatDateTime } from '../../../../shared/i18n/translate';
import { errorMessage } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { filledColumns, type GatewayRow, gatewayRows, MONITOR_INTERVALS, percentDone, probeableCount, type ResultColumn, secondsUntil, sparkPath, statusColor, uriBreakPieces } from './gateway-rows';
import { TlsProfileDialog } from './tls-profile-dialog';
import { useGateways } from './use-gateways';

export default function GatewaysScreen() {
  const { t, td, language } = useI18n();
  const g = useGateways();
  const [text, setText] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [probeError, setProbeError] = useState<string | null>(null);
  const [intervalS, setIntervalS] = useState<number>(MONITOR_INTERVALS[1]);
  const [clock, setClock] = useState(() => Date.now());
  /** The TLS target whose profile is being edited. */
  const [profileFor, setProfileFor] = useState<GatewayTarget | null>(null);
  const monitoring = g.progress?.monitor.active ?? false;
  // A one-second tick for the "next in N s" countdown, only while monitoring.
  useEffect(() => {
    if (!monitoring) return;
    const timer = setInterval(() => setClock(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [monitoring]);

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

  const onMonitor = async () => {
    try {
      setProbeError(null);
      if (monitoring) await g.stopMonitor();
      else await g.startMonitor(intervalS);
    } catch (err) {
      setProbeError(errorMessage(err));
    }
  };

  if (g.loadError) return <ErrorNotice message={g.loadError} />;
  if (!g.view) return <LoadingNotice />;
  const rows = gatewayRows(g.view.targets, g.progress);
  const running = g.progress?.running ?? false;
  const canProbe = probeableCount(g.view.targets) > 0 && !running;
  const monitor = g.progress?.monitor;
  const nextIn = secondsUntil(monitor?.nextAt ?? null, clock);
  const shown = filledColumns(rows, g.history);

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
          <TextField
            select
            size="small"
            label={t('gateways.monitor.interval')}
            value={intervalS}
            disabled={monitoring}
            onChange={(e) => setIntervalS(Number(e.target.value))}
            slotProps={{ htmlInput: { 'data-testid': 'gateways-monitor-interval' } }}
            sx={{ minWidth: 110 }}
          >
            {MONITOR_INTERVALS.map((s) => (
              <MenuItem key={s} value={s}>
                {t('gateways.monitor.seconds', { seconds: s })}
              </MenuItem>
            ))}
          </TextField>
          <Button
            variant={monitoring ? 'contained' : 'outlined'}
            color={monitoring ? 'warning' : 'primary'}
            size="small"
            data-testid="gateways-monitor"
            data-active={String(monitoring)}
            disabled={!monitoring && probeableCount(g.view.targets) === 0}
            onClick={() => void onMonitor()}
          >
            {t(monitoring ? 'gateways.monitor.stop' : 'gateways.monitor.start')}
          </Button>
          {monitor?.active && (
            <Typography variant="body2" color="text.secondary" data-testid="gateways-monitor-state" data-rounds={monitor.rounds}>
              {t('gateways.monitor.state', { seconds: monitor.intervalS ?? 0, rounds: monitor.rounds })}
              {nextIn !== null ? ` · ${t('gateways.monitor.next', { seconds: nextIn })}` : ''}
            </Typography>
          )}
          {g.progress && g.progress.total > 0 && (
            <Box
              data-testid="gateways-progress"
              data-done={g.progress.done}
              data-total={g.progress.total}
              data-running={String(running)}
              sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 240 }}
            >
              <LinearProgress
                variant="determinate"
                value={percentDone(g.progress)}
                sx={{ flex: 1, '& .MuiLinearProgress-bar': { transition: 'none' } }}
                aria-label={t('gateways.progress', { done: g.progress.done, total: g.progress.total })}
              />
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
            sx={{ width: 420, maxWidth: '100%' }}
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
        {g.progressError && <Alert severity="warning">{g.progressError}</Alert>}
        {g.progress && g.progress.total === 0 && keptSummary(g.history) && (
          // Before any probe of this run: the history shown was kept from earlier runs (main/services/sip/monitor-history-store.ts).
          <Typography variant="body2" color="text.secondary" data-testid="gateways-history-kept">
            {t('gatewayHistory.kept', { count: keptSummary(g.history)!.count, time: formatDateTime(language, new Date(keptSummary(g.history)!.lastAt).toISOString()) })}
          </Typography>
        )}
        {g.progress?.historyNotice && (
          <Alert severity="warning" data-testid="gateways-history-notice" sx={{ py: 0 }}>
            {td(g.progress.historyNotice.key, g.progress.historyNotice.params)}
          </Alert>
        )}
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {rows.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary">
            {t('gateways.empty')}
          </Typography>
        ) : (
          <Table size="small" stickyHeader data-testid="gateways-table" data-columns={RESULT_COLUMNS.filter((c) => shown.has(c)).join(' ')}>
            <TableHead>
              <TableRow>
                <TableCell>{t('gateways.col.object')}</TableCell>
                <TableCell>{t('gateways.col.target')}</TableCell>
                <TableCell>{t('gateways.col.transport')}</TableCell>
                <TableCell>{t('gateways.col.status')}</TableCell>
                {RESULT_COLUMNS.filter((c) => shown.has(c)).map((c) => (
                  <TableCell key={c}>{t(`gateways.col.${c}`)}</TableCell>
                ))}
                <TableCell sx={ACTION_CELL} />
              </TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row) => (
                <Row
                  key={row.target.raw}
                  row={row}
                  shown={shown}
                  history={g.history[row.target.raw] ?? null}
                  onRemove={() => void g.removeTarget(row.target.raw)}
                  onProfile={() => setProfileFor(row.target)}
                  t={t}
                  td={td}
                />
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
      {profileFor && (
        <TlsProfileDialog
          target={profileFor}
          onSave={(ca, pfx, password) => g.setTlsProfile(profileFor.raw, ca, pfx, password)}
          onRemove={() => g.clearTlsProfile(profileFor.raw)}
          onChoose={g.chooseTlsFile}
          onClose={() => setProfileFor(null)}
        />
      )}
    </Box>
  );
}

/** How many targets have kept samples, and the time of the newest; null when none. */
function keptSummary(history: Readonly<Record<string, GatewayHistoryView>>): { count: number; lastAt: number } | null {
  const lasts = Object.values(history)
    .map((h) => h.recent[h.recent.length - 1]?.at)
    .filter((x): x is number => x !== undefined);
  return lasts.length ? { count: lasts.length, lastAt: Math.max(...lasts) } : null;
}

/** The two TLS failures a target's TLS profile cures say so here (the CLI's words name --ca / --client-cert instead). */
const SCREEN_EXPLANATIONS: Readonly<Record<string, string>> = {
  'probe.explain.tlsUntrusted': 'gatewayHistory.explain.tlsUntrusted',
  'probe.explain.tlsClientCert': 'gatewayHistory.explain.tlsClientCert',
};

type T = ReturnType<typeof useI18n>['t'];
type TD = ReturnType<typeof useI18n>['td'];

/** The probe's and the monitor's columns, in their order; each hidden while no row fills it. */
const RESULT_COLUMNS: readonly ResultColumn[] = ['answer', 'rtt', 'server', 'address', 'availability', 'history'];

/** The action column stays in view at the right edge of the pane, whatever the other columns need. */
const ACTION_CELL = { position: 'sticky', right: 0, bgcolor: 'background.paper', whiteSpace: 'nowrap', width: '1%' } as const;

/** A SIP URI that wraps only between its parts (uriBreakPieces), never inside a host label. */
function BreakableUri({ uri }: { uri: string }) {
  return (
    <>
      {uriBreakPieces(uri).map((piece, i) => (
        <span key={i} style={{ whiteSpace: 'nowrap' }}>
          {piece}
          <wbr />
        </span>
      ))}
    </>
  );
}

function Row({
  row,
  shown,
  history,
  onRemove,
  onProfile,
  t,
  td,
}: {
  row: GatewayRow;
  shown: ReadonlySet<ResultColumn>;
  history: GatewayHistoryView | null;
  onRemove: () => void;
  onProfile: () => void;
  t: T;
  td: TD;
}) {
  const { target, result, status } = row;
  const chipLabel = status === 'not-probed' && target.notProbeableReason === 'lab' ? t('gateways.notProbedLab') : td(`gateways.status.${status}`);
  const flags = history?.flags ?? [];
  const detail = result !== null || flags.length > 0;
  return (
    <>
      <TableRow data-testid="gateway-row" data-target={target.raw} data-status={status} data-flags={flags.map((f) => f.id).join(' ')} sx={{ '& td': { borderBottom: detail ? 0 : undefined } }}>
        <TableCell>
          {/* The object says where the target comes from: a topology object, or "Typed target". */}
          {target.label ?? t('gateways.typed')}
          {target.ref && (
            <Typography variant="caption" component="div" color="text.secondary">
              {td(`kind.${target.ref.kind}`)}
            </Typography>
          )}
        </TableCell>
        <TableCell data-testid="gateway-target" sx={{ fontFamily: 'monospace', minWidth: 160 }}>
          <BreakableUri uri={target.raw} />
          {target.transport === 'tls' && target.probeable && (
            // Which TLS profile the probe uses: the bundle and client certificate, or the system's roots.
            <Typography
              variant="caption"
              component="div"
              color="text.secondary"
              data-testid="gateway-tls-profile-summary"
              data-profile={String(target.tlsProfile !== null)}
              sx={{ fontFamily: 'inherit' }}
            >
              {target.tlsProfile
                ? [
                    target.tlsProfile.caFile ? t('gatewayHistory.profile.summaryCa', { file: target.tlsProfile.caFile, count: target.tlsProfile.caCount }) : null,
                    target.tlsProfile.clientPfxFile ? t('gatewayHistory.profile.summaryPfx', { file: target.tlsProfile.clientPfxFile }) : null,
                  ]
                    .filter(Boolean)
                    .join(' · ')
                : t('gatewayHistory.profile.none')}
            </Typography>
          )}
          {target.transport === 'tls' && target.probeable && (
            // Under the target, not in the pinned action column: the table keeps its width at 1366 px in French.
            <Button size="small" data-testid="gateway-tls-profile" onClick={onProfile} sx={{ whiteSpace: 'nowrap', px: 0, minWidth: 0 }}>
              {t('gatewayHistory.profile.button')}
            </Button>
          )}
        </TableCell>
        <TableCell>{target.transport.toUpperCase()}</TableCell>
        <TableCell>
          <Chip size="small" data-testid="gateway-status" color={statusColor(status)} label={chipLabel} variant={status === 'not-probed' ? 'outlined' : 'filled'} />
        </TableCell>
        {shown.has('answer') && <TableCell data-testid="gateway-answer">{result?.code != null ? `${result.code} ${result.reason ?? ''}`.trim() : ''}</TableCell>}
        {shown.has('rtt') && <TableCell sx={{ whiteSpace: 'nowrap' }}>{result?.rttMs != null ? t('gateways.rtt', { ms: Math.round(result.rttMs) }) : ''}</TableCell>}
        {/* A Server header is free text (vendor, model, version): it may wrap at its spaces. */}
        {shown.has('server') && <TableCell sx={{ minWidth: 120 }}>{result?.server ?? ''}</TableCell>}
        {shown.has('address') && (
          // An address and port is short and read whole: it never wraps.
          <TableCell sx={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
            {result?.address ? `${result.address.includes(':') ? `[${result.address}]` : result.address}${result.port != null ? `:${result.port}` : ''}` : ''}
          </TableCell>
        )}
        {shown.has('availability') && (
          <TableCell data-testid="gateway-availability" data-percent={history?.availability.percent ?? ''}>
            {history && history.availability.percent !== null ? t('gateways.availability', { percent: history.availability.percent, total: history.availability.total }) : ''}
          </TableCell>
        )}
        {shown.has('history') && <TableCell>{history && history.recent.length > 0 ? <Sparkline history={history} t={t} /> : null}</TableCell>}
        <TableCell padding="none" sx={ACTION_CELL}>
          {target.source === 'typed' && (
            <IconButton size="small" aria-label={t('gateways.remove', { target: target.raw })} data-testid="gateway-remove" onClick={onRemove}>
              ×
            </IconButton>
          )}
        </TableCell>
      </TableRow>
      {detail && (
        <TableRow>
          <TableCell colSpan={5 + shown.size} sx={{ pt: 0, color: status === 'ok' ? 'text.secondary' : 'text.primary' }}>
            {result && (
              <Typography variant="body2" data-testid="gateway-explanation" data-target={target.raw}>
                {td(SCREEN_EXPLANATIONS[result.explanationKey] ?? result.explanationKey, result.explanationParams)}
              </Typography>
            )}
            {result && result.addresses.length > 1 && (
              <Typography variant="body2" color="text.secondary" data-testid="gateway-addresses">
                {t('gateways.addresses', { addresses: result.addresses.join(', ') })}
              </Typography>
            )}
            {result?.tls && (
              <Box data-testid="gateway-tls" data-verified={String(result.tls.verified)}>
                <Typography variant="body2" color="text.secondary">
                  {t('gateways.tls', {
                    subject: result.tls.peerSubject ?? '—',
                    names: result.tls.peerSubjectAltNames.join(', ') || '—',
                    verified: td(result.tls.verified ? 'cli.probe.verified' : 'cli.probe.notVerified'),
                  })}
                  {result.tls.peerIssuer && result.tls.peerNotAfter ? ` · ${t('gateways.tlsIssuer', { issuer: result.tls.peerIssuer, notAfter: result.tls.peerNotAfter.slice(0, 10) })}` : ''}
                </Typography>
                {result.tls.findings.map((f) => (
                  <Box key={f.rule} data-testid="gateway-cert-finding" data-rule={f.rule} sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 0.25 }}>
                    <Chip size="small" color={f.severity === 'error' ? 'error' : f.severity === 'warning' ? 'warning' : 'default'} label={td(`severity.${f.severity}`)} />
                    <Typography variant="body2">
                      <code>{f.rule}</code> {td(f.message.key, f.message.params)}
                    </Typography>
                  </Box>
                ))}
              </Box>
            )}
            {flags.map((f) => (
              <Alert key={f.id} severity={f.severity === 'error' ? 'error' : 'warning'} data-testid="gateway-flag" data-flag={f.id} sx={{ py: 0, mt: 0.5 }}>
                {td(f.key, f.params)}
              </Alert>
            ))}
          </TableCell>
        </TableRow>
      )}
    </>
  );
}

const SPARK_W = 96;
const SPARK_H = 22;

/** Round trips of the recent probes; a red tick on the baseline for a probe without answer. */
function Sparkline({ history, t }: { history: GatewayHistoryView; t: T }) {
  const points = sparkline(history.recent, SPARK_W, SPARK_H);
  const last = points[points.length - 1];
  const failed = history.recent.filter((s) => s.rttMs === null).length;
  const label = t('gateways.sparkline', {
    count: history.recent.length,
    min: history.latency.minMs === null ? '—' : Math.round(history.latency.minMs),
    median: history.latency.medianMs === null ? '—' : Math.round(history.latency.medianMs),
    max: history.latency.maxMs === null ? '—' : Math.round(history.latency.maxMs),
    failed,
  });
  return (
    <svg width={SPARK_W} height={SPARK_H} role="img" aria-label={label} data-testid="gateway-sparkline" data-samples={history.recent.length}>
      <title>{label}</title>
      <path d={sparkPath(points)} fill="none" stroke="currentColor" strokeWidth={1.5} />
      {points.map((p, i) => (p.y === null ? <rect key={i} x={p.x - 1} y={SPARK_H - 5} width={2} height={5} fill="#d32f2f" /> : null))}
      {last && last.y !== null && <circle cx={last.x} cy={last.y} r={2} fill="currentColor" />}
    </svg>
  );
}
