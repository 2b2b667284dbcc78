/**
 * Changes screen (docs/capture-history.md): every capture the console or `umc capture` kept, two of them
 * compared — objects added, removed and changed on both sides by cmdlet, property old → new in the
 * cmdlet's names, the findings that appeared or were resolved with the change that caused them
 * (docs/changes.md) — "since the last capture without errors" in one click, the findings count over
 * the captures as a timeline, and the retention setting.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Paper from '@mui/material/Paper';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type ChangeEvent, type ReactNode, useEffect, useState } from 'react';
import type { HistoryView } from '../../../../shared/history/history-channels';
import { hadErrors, type HistoryEntry, RETENTION_MAX_COUNT, RETENTION_MAX_DAYS } from '../../../../shared/history/history-model';
import { formatDateTime, renderDiagnostic } from '../../../../shared/i18n/translate';
import type { FindingChange, PropertyChange, SectionDiff, SnapshotDiffResult } from '../../../../shared/snapshot/snapshot-diff';
import { findingCauseLines } from '../../../../shared/snapshot/snapshot-diff-text';
import { errorMessage, getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { useAsync } from '../../use-async';
import { initialPair, type Pair, pairFromPoint, SEVERITIES, sectionsShown, timelineGeometry } from './changes-view-model';

/** A section's read status in words (the diff's own table, docs/changes.md). */
const STATUS_KEY = { read: 'diff.status.read', partial: 'diff.status.partial', 'not-read': 'diff.status.notRead', absent: 'diff.status.absent' } as const;

const CODE = { fontFamily: MONO_FONT, fontSize: 12, overflowWrap: 'anywhere' } as const;

export default function ChangesScreen() {
  const [reload, setReload] = useState(0);
  const history = useAsync(() => getApi().history.list(), [reload], true);
  if (history.status === 'loading') return <LoadingNotice />;
  if (history.status === 'failed') return <ErrorNotice message={history.message} />;
  return <ChangesView view={history.value} onChanged={() => setReload((n) => n + 1)} />;
}

function ChangesView({ view, onChanged }: { view: HistoryView; onChanged: () => void }) {
  const { t } = useI18n();
  const [pair, setPair] = useState<Pair | null>(() => initialPair(view.entries));
  // The list reloaded (retention applied): a pair naming a capture gone goes back to the newest two.
  useEffect(() => {
    setPair((p) => (p && view.entries.some((e) => e.id === p.older) && view.entries.some((e) => e.id === p.newer) ? p : initialPair(view.entries)));
  }, [view]);

  return (
    <Box data-testid="changes-screen" data-captures={view.entries.length} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.5, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: 1.5 }}>
          <Typography variant="h1" component="h1">
            {t('history.screen.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="changes-count">
            {t('history.count', { count: view.entries.length })}
          </Typography>
        </Box>
        <Typography variant="body2" color="text.secondary">
          {t('history.screen.intro')}
        </Typography>
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, overflowY: 'auto', overflowX: 'hidden', p: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
        {view.unreadable.length > 0 && (
          <Alert severity="warning" data-testid="changes-unreadable">
            <Typography variant="body2" sx={{ fontWeight: 600 }}>
              {t('history.unreadable.title', { count: view.unreadable.length })}
            </Typography>
            {view.unreadable.map((u, i) => (
              <Typography key={i} variant="body2">
                {u.reason}
              </Typography>
            ))}
          </Alert>
        )}
        {view.entries.length < 2 || !pair ? (
          <Paper variant="outlined" data-testid="changes-empty" sx={{ p: 2 }}>
            <Typography variant="h2" component="h2" sx={{ mb: 1 }}>
              {t('history.empty.title')}
            </Typography>
            <Typography variant="body2">{t('history.empty.body')}</Typography>
          </Paper>
        ) : (
          <>
            <PairPicker view={view} pair={pair} onPair={setPair} />
            <Timeline view={view} pair={pair} onPoint={(id) => setPair(pairFromPoint(view.entries, id))} />
            <Comparison pair={pair} numbers={numbering(view)} />
          </>
        )}
        <Retention view={view} onChanged={onChanged} />
      </Box>
    </Box>
  );
}

/** Captures numbered from the oldest (#1): two captures in the same minute stay apart in a list that shows minutes. */
function numbering(view: HistoryView): ReadonlyMap<string, number> {
  return new Map(view.timeline.map((p, i) => [p.id, i + 1]));
}

function useEntryLabel(view: HistoryView): (e: HistoryEntry) => string {
  const { t, language } = useI18n();
  const numbers = numbering(view);
  return (e) =>
    t('history.option', {
      n: numbers.get(e.id) ?? 0,
      time: formatDateTime(language, e.capturedAt),
      // The built-in lab endpoint (`lab:`, with or without a version profile) by name; servers and lab+ssh:// hosts as given.
      source: e.source.kind === 'lab' || e.source.label.startsWith('lab:') ? t('history.source.lab') : e.source.label,
      origin: e.origin,
    }) + (hadErrors(e) ? ` · ${t('history.withErrors')}` : '');
}

function PairPicker({ view, pair, onPair }: { view: HistoryView; pair: Pair; onPair: (p: Pair) => void }) {
  const { t } = useI18n();
  const label = useEntryLabel(view);
  const newest = view.entries[0]!.id;
  const select = (which: keyof Pair, testId: string, text: string) => (
    <Box component="label" sx={{ display: 'flex', flexDirection: 'column', gap: 0.25, minWidth: 0, flex: '1 1 320px' }}>
      <Typography variant="body2" color="text.secondary">
        {text}
      </Typography>
      <Box
        component="select"
        data-testid={testId}
        value={pair[which]}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onPair({ ...pair, [which]: e.target.value })}
        sx={{
          font: 'inherit',
          fontSize: 13,
          height: 30,
          px: 0.75,
          borderRadius: 1,
          border: 1,
          borderColor: '#c4cad3',
          bgcolor: 'background.paper',
          color: 'text.primary',
          minWidth: 0,
          maxWidth: '100%',
        }}
      >
        {view.entries.map((e) => (
          <option key={e.id} value={e.id}>
            {label(e)}
          </option>
        ))}
      </Box>
    </Box>
  );
  return (
    <Box sx={{ display: 'flex', alignItems: 'flex-end', flexWrap: 'wrap', gap: 1.5 }}>
      {select('older', 'changes-older', t('history.pick.older'))}
      <Box aria-hidden sx={{ pb: 0.75 }}>
        →
      </Box>
      {select('newer', 'changes-newer', t('history.pick.newer'))}
      <Button
        variant="outlined"
        size="small"
        data-testid="changes-since-clean"
        disabled={view.lastClean === null}
        title={t('history.sinceClean.hint')}
        onClick={() => view.lastClean && onPair({ older: view.lastClean, newer: newest })}
        sx={{ flexShrink: 0 }}
      >
        {view.lastClean === null ? t('history.sinceClean.none') : t('history.sinceClean')}
      </Button>
    </Box>
  );
}

const TIMELINE_W = 640;
const TIMELINE_H = 120;

function Timeline({ view, pair, onPoint }: { view: HistoryView; pair: Pair; onPoint: (id: string) => void }) {
  const { t, language } = useI18n();
  const g = timelineGeometry(view.timeline, TIMELINE_W, TIMELINE_H);
  return (
    <Paper variant="outlined" sx={{ p: 1.5 }}>
      <Box sx={{ display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', gap: 1.5, mb: 0.5 }}>
        <Typography variant="h2" component="h2">
          {t('history.timeline.title')}
        </Typography>
        {SEVERITIES.map((s) => (
          <Box key={s} sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.5, fontSize: 12 }}>
            <Box component="span" aria-hidden sx={{ width: 10, height: 3, bgcolor: SEVERITY_COLOR[s].main }} />
            {t(`severity.${s}`)}
          </Box>
        ))}
        <Typography variant="body2" color="text.secondary">
          {t('history.timeline.select')}
        </Typography>
      </Box>
      <Box
        component="svg"
        data-testid="changes-timeline"
        role="group"
        aria-label={t('history.timeline.label')}
        viewBox={`0 0 ${g.width} ${g.height}`}
        preserveAspectRatio="none"
        sx={{ width: '100%', height: TIMELINE_H, display: 'block' }}
      >
        <line x1={0} x2={g.width} y1={g.height - 14} y2={g.height - 14} stroke="#dde1e6" />
        {SEVERITIES.map((s) => (
          <polyline key={s} points={g.lines[s]} fill="none" stroke={SEVERITY_COLOR[s].main} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        ))}
        {g.points.map((p, i) => {
          const point = view.timeline[i]!;
          const text = t('history.timeline.point', { n: i + 1, time: formatDateTime(language, point.capturedAt), ...point.counts });
          const selected = p.id === pair.older || p.id === pair.newer;
          return (
            <g
              key={p.id}
              data-testid="timeline-point"
              data-id={p.id}
              data-selected={selected}
              role="button"
              tabIndex={0}
              aria-label={text}
              onClick={() => onPoint(p.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && onPoint(p.id)}
              style={{ cursor: 'pointer' }}
            >
              <title>{text}</title>
              {/* A wide transparent band: the whole column is the click target, not a 4 px dot. */}
              <rect x={p.x - 8} y={0} width={16} height={g.height} fill={selected ? 'rgba(31,95,168,0.10)' : 'transparent'} />
              {SEVERITIES.map((s) => (
                <circle key={s} cx={p.x} cy={p.y[s]} r={3.5} fill={SEVERITY_COLOR[s].main} vectorEffect="non-scaling-stroke" />
              ))}
            </g>
          );
        })}
      </Box>
    </Paper>
  );
}

function Comparison({ pair, numbers }: { pair: Pair; numbers: ReadonlyMap<string, number> }) {
  const { t } = useI18n();
  const result = useAsync(() => getApi().history.compare(pair), [pair.older, pair.newer]);
  if (result.status === 'loading') return <LoadingNotice />;
  if (result.status === 'failed') return <ErrorNotice message={result.message} />;
  const { diff, older, newer } = result.value;
  const sections = sectionsShown(diff.sections);
  return (
    <Box data-testid="changes-result" data-older={older.id} data-newer={newer.id} data-has-changes={diff.hasChanges} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <ComparisonHeading diff={diff} older={numbers.get(older.id) ?? 0} newer={numbers.get(newer.id) ?? 0} />
      {!diff.hasChanges && diff.counts.notCompared === 0 ? (
        <Alert severity="success">{t('history.result.none')}</Alert>
      ) : (
        <>
          <FindingsBlock title={t('history.findings.appeared')} testId="changes-appeared" changes={diff.findings.appeared} side="appeared" diff={diff} />
          <FindingsBlock title={t('history.findings.resolved')} testId="changes-resolved" changes={diff.findings.resolved} side="resolved" diff={diff} />
          {sections.map((s) => (
            <SectionBlock key={s.section} section={s} />
          ))}
        </>
      )}
    </Box>
  );
}

function ComparisonHeading({ diff, older, newer }: { diff: SnapshotDiffResult; older: number; newer: number }) {
  const { t, language } = useI18n();
  return (
    <Box>
      <Typography variant="h2" component="h2">
        {t('history.result.heading', { older, newer, olderTime: formatDateTime(language, diff.old.capturedAt), newerTime: formatDateTime(language, diff.new.capturedAt) })}
      </Typography>
      <Typography variant="body2" color="text.secondary" data-testid="changes-counts">
        {t('history.result.counts', diff.counts)}
      </Typography>
    </Box>
  );
}

function FindingsBlock({ title, testId, changes, side, diff }: { title: string; testId: string; changes: readonly FindingChange[]; side: 'appeared' | 'resolved'; diff: SnapshotDiffResult }) {
  const { t, language } = useI18n();
  return (
    <Paper variant="outlined" data-testid={testId} data-count={changes.length} sx={{ p: 1.5 }}>
      <Typography variant="h3" component="h3" sx={{ mb: 0.75 }}>
        {title} ({changes.length})
      </Typography>
      {changes.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('history.findings.none')}
        </Typography>
      )}
      <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1 }}>
        {changes.map((f) => {
          const text = renderDiagnostic(language, f.finding);
          return (
            <Box component="li" key={f.key} data-testid="changes-finding" data-rule={f.finding.rule} sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
              <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
                <SeverityChip severity={f.finding.severity} />
                <Box component="span" translate="no" sx={{ ...CODE, fontWeight: 600 }}>
                  {f.finding.rule}
                </Box>
                <Typography variant="body2" sx={{ fontWeight: 600, minWidth: 0 }}>
                  {text.title}
                </Typography>
              </Box>
              <Typography variant="body2">{text.message}</Typography>
              {findingCauseLines(language, f, side, diff).map((line, i) => (
                <Typography key={i} variant="body2" data-testid="changes-cause" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
                  {line}
                </Typography>
              ))}
            </Box>
          );
        })}
      </Box>
    </Paper>
  );
}

function SectionBlock({ section: s }: { section: SectionDiff }) {
  const { t, td } = useI18n();
  return (
    <Paper variant="outlined" data-testid="changes-section" data-section={s.section} sx={{ p: 1.5 }}>
      <Typography variant="h3" component="h3" translate="no" sx={{ ...CODE, fontSize: 13, mb: 0.5 }}>
        {s.cmdlet}
      </Typography>
      {s.status === 'not-compared' && (
        <Typography variant="body2" color="text.secondary">
          {t('history.section.notCompared', { oldStatus: td(STATUS_KEY[s.oldStatus]), newStatus: td(STATUS_KEY[s.newStatus]) })}
        </Typography>
      )}
      {s.status === 'partial' && (
        <Typography variant="body2" color="text.secondary">
          {t('history.section.partial')}
        </Typography>
      )}
      <ObjectList title={t('history.section.added')} kind="added">
        {s.added.map((o) => (
          <ObjectName key={o.key} label={o.label} />
        ))}
      </ObjectList>
      <ObjectList title={t('history.section.removed')} kind="removed">
        {s.removed.map((o) => (
          <ObjectName key={o.key} label={o.label} />
        ))}
      </ObjectList>
      <ObjectList title={t('history.section.changed')} kind="changed">
        {s.changed.map((o) => (
          <Box key={o.key} data-testid="changes-object" sx={{ mb: 0.5 }}>
            <ObjectName label={o.oldLabel ? `${o.oldLabel} → ${o.label}` : o.label} />
            <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
              {o.properties.map((p) => (
                <PropertyLine key={p.property} p={p} />
              ))}
            </Box>
          </Box>
        ))}
      </ObjectList>
    </Paper>
  );
}

function ObjectList({ title, kind, children }: { title: string; kind: string; children: ReactNode[] }) {
  if (children.length === 0) return null;
  return (
    <Box data-testid={`changes-${kind}`} sx={{ mt: 0.5 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {title} ({children.length})
      </Typography>
      <Box sx={{ pl: 1 }}>{children}</Box>
    </Box>
  );
}

function ObjectName({ label }: { label: string }) {
  return (
    <Box translate="no" sx={{ ...CODE, fontWeight: 600 }}>
      {label}
    </Box>
  );
}

/** Property old → new in the cmdlet's names and values, as PowerShell prints them (never translated). */
function PropertyLine({ p }: { p: PropertyChange }) {
  const none = '—';
  const value = (v: string | null) => (
    <Box component="code" translate="no" sx={CODE}>
      {v ?? none}
    </Box>
  );
  return (
    <Box component="li" data-testid="changes-property" data-property={p.property} sx={{ fontSize: 12 }}>
      <Box component="code" translate="no" sx={{ ...CODE, fontWeight: 600 }}>
        {p.property}
      </Box>{' '}
      {p.kind === 'set' ? (
        <>
          {p.added && p.added.length > 0 && <>+ {value(p.added.join(', '))} </>}
          {p.removed && p.removed.length > 0 && <>− {value(p.removed.join(', '))}</>}
        </>
      ) : (
        <>
          {value(p.old)} → {value(p.new)}
        </>
      )}
    </Box>
  );
}

function Retention({ view, onChanged }: { view: HistoryView; onChanged: () => void }) {
  const { t } = useI18n();
  const [count, setCount] = useState(view.retention.keepCount?.toString() ?? '');
  const [days, setDays] = useState(view.retention.keepDays?.toString() ?? '');
  const [notice, setNotice] = useState<{ severity: 'success' | 'error'; text: string } | null>(null);
  const parse = (text: string, max: number): number | null | undefined => {
    if (text.trim() === '') return null;
    const n = Number(text);
    return Number.isInteger(n) && n >= 1 && n <= max ? n : undefined;
  };
  const keepCount = parse(count, RETENTION_MAX_COUNT);
  const keepDays = parse(days, RETENTION_MAX_DAYS);
  const apply = async () => {
    if (keepCount === undefined || keepDays === undefined) return;
    try {
      await getApi().history.setRetention({ keepCount, keepDays });
      setNotice({ severity: 'success', text: t('history.retention.saved') });
      onChanged();
    } catch (e) {
      setNotice({ severity: 'error', text: errorMessage(e) });
    }
  };
  return (
    <Paper variant="outlined" data-testid="changes-retention" sx={{ p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="h2" component="h2">
        {t('history.retention.title')}
      </Typography>
      <Box sx={{ display: 'flex', alignItems: 'flex-start', flexWrap: 'wrap', gap: 1.5 }}>
        <TextField
          size="small"
          label={t('history.retention.keepCount')}
          value={count}
          onChange={(e) => setCount(e.target.value)}
          error={keepCount === undefined}
          helperText={keepCount === undefined ? t('history.retention.invalid', { max: RETENTION_MAX_COUNT }) : t('history.retention.off')}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'retention-count' } }}
          sx={{ width: 240 }}
        />
        <TextField
          size="small"
          label={t('history.retention.keepDays')}
          value={days}
          onChange={(e) => setDays(e.target.value)}
          error={keepDays === undefined}
          helperText={keepDays === undefined ? t('history.retention.invalid', { max: RETENTION_MAX_DAYS }) : t('history.retention.off')}
          slotProps={{ htmlInput: { inputMode: 'numeric', 'data-testid': 'retention-days' } }}
          sx={{ width: 240 }}
        />
        <Button variant="outlined" size="small" data-testid="retention-apply" disabled={keepCount === undefined || keepDays === undefined} onClick={apply} sx={{ mt: 0.5 }}>
          {t('history.retention.save')}
        </Button>
      </Box>
      {notice && <Alert severity={notice.severity}>{notice.text}</Alert>}
      <Typography variant="body2" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
        {t('history.folder', { folder: view.folder })}
      </Typography>
    </Paper>
  );
}
