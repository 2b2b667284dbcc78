/**
 * Always visible: where the data comes from (lab, snapshot file, live session), when it was read,
 * which PowerShell this console runs, and how many findings it raised. An admin must never mistake lab data for
 * their org.
 */
import Box from '@mui/material/Box';
import type { OrgSummary } from '../../../shared/model/org-channels';
import { formatDateTime } from '../../../shared/i18n/translate';
import type { Severity } from '../../../shared/model/org';
import { getApi } from '../api';
import { useI18n } from '../i18n';
import { useOrgChanged, useOrgVersion } from '../org-version';
import { useEffect, useRef, useState } from 'react';
import { currentSection, type LoadProgress, objectsRead } from '../../../shared/snapshot/load-progress';
import { isReading, LoadProgressPanel } from '../components/load-progress-panel';
import { useMainEvent } from '../use-main-event';
import { SEVERITY_COLOR } from '../theme';
import { useAsync } from '../use-async';
import { READ_NOTES_ANCHOR } from '../screens/connections/shell-status';

/**
 * `screen`: the summary is read again (a small call) on each change of screen, so an org loaded
 * while the Connections screen was not shown (connecting reads the org in the background) still
 * reaches the bar; the last summary stays up meanwhile.
 */
export function StatusBar({ screen, onReadIssues }: { screen?: string; onReadIssues?: () => void }) {
  const { t } = useI18n();
  // Read again whenever another org is loaded (Connections: refresh, snapshot, disconnect).
  const orgVersion = useOrgVersion();
  const summary = useAsync(() => getApi().org.summary(), [orgVersion, screen], true);
  const progress = useLoadProgress();
  const [hidden, setHidden] = useState(false);
  // A new run shows the panel again, even if the last one was hidden.
  const run = isReading(progress) ? progress.run : null;
  useEffect(() => setHidden(false), [run]);
  return (
    <Box
      component="footer"
      role="status"
      data-testid="status-bar"
      data-source-kind={summary.status === 'ready' ? summary.value.source.kind : undefined}
      sx={{
        gridArea: 'status',
        display: 'flex',
        alignItems: 'center',
        gap: 2,
        px: 1.5,
        height: 28,
        fontSize: 12,
        borderTop: 1,
        borderColor: 'divider',
        bgcolor: '#eceef1',
        color: 'text.secondary',
        whiteSpace: 'nowrap',
        overflow: 'hidden',
      }}
    >
      {summary.status === 'loading' && <span>{t('status.loading')}</span>}
      {summary.status === 'failed' && <Box sx={{ color: SEVERITY_COLOR.error.main }}>{t('status.error', { message: summary.message })}</Box>}
      {isReading(progress) && <ReadingNow progress={progress} hidden={hidden} onShow={() => setHidden(false)} />}
      {summary.status === 'ready' && <SummaryLine summary={summary.value} onReadIssues={onReadIssues} />}
      {isReading(progress) && !hidden && <LoadProgressPanel progress={progress} onHide={() => setHidden(true)} />}
    </Box>
  );
}

/**
 * The progress of reading the org (shared/snapshot/load-progress.ts), null before any large read. When main
 * replaces the org by itself (the partial org shown, then the whole one in its place), the screens read it again.
 */
function useLoadProgress(): LoadProgress | null {
  const orgChanged = useOrgChanged();
  const [progress, setProgress] = useState<LoadProgress | null>(null);
  const seen = useRef<number | null>(null);
  useMainEvent(
    'org.loadProgress',
    true,
    (p) => {
      if (seen.current !== null && p.generation !== seen.current) orgChanged();
      seen.current = p.generation;
      setProgress(p);
    },
    () => undefined,
  );
  return progress;
}

/** "Reading — Get-CsUser 43,000…": the section objects are arriving in; a button brings a hidden panel back. */
function ReadingNow({ progress, hidden, onShow }: { progress: LoadProgress; hidden: boolean; onShow: () => void }) {
  const { t } = useI18n();
  const now = currentSection(progress);
  const text = now ? t('large.progress.status', { cmdlet: now.cmdlet, count: now.objects }) : t('large.progress.statusDone', { count: objectsRead(progress) });
  return (
    <Box
      component={hidden ? 'button' : 'span'}
      type={hidden ? 'button' : undefined}
      onClick={hidden ? onShow : undefined}
      title={hidden ? t('large.progress.show') : undefined}
      data-testid="status-reading"
      data-phase={progress.phase}
      sx={{ border: 0, p: 0, bgcolor: 'transparent', font: 'inherit', color: '#1565c0', fontWeight: 600, cursor: hidden ? 'pointer' : 'default', textDecoration: hidden ? 'underline' : 'none' }}
    >
      {text}
    </Box>
  );
}

function SummaryLine({ summary, onReadIssues }: { summary: OrgSummary; onReadIssues?: () => void }) {
  const { t, language } = useI18n();
  const { source, counts } = summary;
  const unread = (summary.readIssues?.partial ?? 0) + (summary.readIssues?.notRead ?? 0);
  return (
    <>
      <SourceTag kind={source.kind} label={t(`status.source.${source.kind}`)} />
      {/* The source label (org, file, profile) is a name: shown as is. */}
      <Box component="span" sx={{ color: 'text.primary', fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis' }} title={source.label}>
        {source.label}
      </Box>
      <span>{t('status.readAt', { time: formatDateTime(language, source.readAt) })}</span>
      <PowerShellVersion live={source.kind === 'live' ? source.powerShellVersion : null} />
      {/* Sections not read whole: the Connections screen says which and why (ReadNotesPanel). */}
      {unread > 0 && (
        <Box
          component="button"
          type="button"
          data-testid="status-read-issues"
          data-partial={summary.readIssues?.partial ?? 0}
          data-not-read={summary.readIssues?.notRead ?? 0}
          onClick={() => {
            window.location.hash = READ_NOTES_ANCHOR;
            onReadIssues?.();
          }}
          sx={{ border: 0, p: 0, bgcolor: 'transparent', font: 'inherit', color: SEVERITY_COLOR.warning.main, fontWeight: 600, textDecoration: 'underline', cursor: 'pointer' }}
        >
          {t('status.readIssues', { count: unread })}
        </Box>
      )}
      <Box component="span" sx={{ ml: 'auto', display: 'flex', alignItems: 'center', gap: 0.75 }}>
        <CountDots counts={counts} />
        <span>{t('status.findings', { errors: counts.error, warnings: counts.warning, infos: counts.info })}</span>
      </Box>
    </>
  );
}

/**
 * The PowerShell in use. Live: the one that read the org (the session's host, on this computer).
 * Lab and snapshot: the version written in the file is the capture's (the lab says 5.1), not the
 * PowerShell this console would start, so main asks the local one (app.powershell); nothing is
 * claimed until it answers.
 */
function PowerShellVersion({ live }: { live: string | null }) {
  const { t } = useI18n();
  const local = useAsync(() => (live ? Promise.resolve(null) : getApi().app.powershell()), [live === null]);
  if (live) return <span data-testid="status-powershell">{t('status.powershell', { version: live })}</span>;
  if (local.status !== 'ready' || !local.value) return null;
  const info = local.value;
  const text = !info.found ? t('layout.status.noPowerShell') : info.version ? t('layout.status.localPowerShell', { version: info.version }) : null;
  if (!text) return null;
  return (
    <span data-testid="status-powershell" data-state={info.found ? 'found' : 'missing'} data-version={info.version ?? ''}>
      {text}
    </span>
  );
}

/** Live data gets a strong colour; lab and snapshot data a quieter one. */
function SourceTag({ kind, label }: { kind: 'lab' | 'snapshot' | 'live'; label: string }) {
  const color = kind === 'live' ? '#1b7f3b' : kind === 'snapshot' ? '#6a4fb3' : '#8a6100';
  return (
    <Box component="span" sx={{ px: 0.75, py: 0.1, borderRadius: 0.75, border: `1px solid ${color}`, color, fontWeight: 600, fontSize: 11 }}>
      {label}
    </Box>
  );
}

function CountDots({ counts }: { counts: Readonly<Record<Severity, number>> }) {
  const worst: Severity | null = counts.error ? 'error' : counts.warning ? 'warning' : counts.info ? 'info' : null;
  if (!worst) return null;
  return <Box component="span" aria-hidden sx={{ width: 8, height: 8, borderRadius: '50%', bgcolor: SEVERITY_COLOR[worst].main }} />;
}
