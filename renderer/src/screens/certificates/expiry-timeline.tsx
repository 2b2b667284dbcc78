/**
 * The expiry timeline: one row per certificate in use, its validity as a bar on a time axis, its
 * expiry as a dot coloured by status; today as a vertical line. Hand-written SVG, sized to its box.
 */
import Box from '@mui/material/Box';
import { type KeyboardEvent, type RefObject, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useI18n } from '../../i18n';
import { formatDate, formatMonth } from './format';
import { entryKey, rowLabel, type TimelineRow } from './inventory-model';
import { EXPIRY_STATUSES, expiryStatus, markGeometry, monthTicks, STATUS_COLOR, timeWindow, xOf } from './timeline-scale';

const ROW = 20;
const TOP = 22; // the "today" label
const AXIS = 24; // month labels under the rows
const LABEL_W = 280;
const RIGHT = 20; // room for the off-scale arrows

interface Props {
  readonly rows: readonly TimelineRow[];
  readonly now: Date;
  readonly selected: string | null;
  readonly onSelect: (key: string) => void;
}

export function ExpiryTimeline({ rows, now, selected, onSelect }: Props) {
  const { t, language } = useI18n();
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const window = useMemo(
    () =>
      timeWindow(
        rows.map((r) => r.certificate),
        now,
      ),
    [rows, now],
  );
  const ticks = useMemo(() => monthTicks(window, Math.max(3, Math.floor((width - LABEL_W) / 80))), [window, width]);
  const counts = useMemo(() => {
    const c = { expired: 0, 'expiring-30': 0, 'expiring-60': 0, valid: 0 };
    for (const r of rows) c[expiryStatus(r.certificate.notAfter, now)] += 1;
    return c;
  }, [rows, now]);

  const x0 = LABEL_W + 12;
  const x1 = Math.max(x0 + 100, width - RIGHT);
  const height = TOP + rows.length * ROW + AXIS;
  const xNow = xOf(now.getTime(), window, x0, x1);
  const maxChars = Math.floor(LABEL_W / 6.6);

  return (
    <Box
      ref={box}
      data-testid="expiry-timeline"
      sx={{
        width: '100%',
        '& .umc-timeline-row:hover .umc-timeline-bg': { fill: '#eef3fa' },
        '& .umc-timeline-row:focus-visible .umc-timeline-bg': { stroke: '#1f5fa8', strokeWidth: 1.5 },
      }}
    >
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, mb: 0.75, fontSize: 12, color: 'text.secondary' }} data-testid="timeline-legend">
        {EXPIRY_STATUSES.map((s) => (
          <Box key={s} component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.6 }}>
            <Box component="span" aria-hidden sx={{ width: 10, height: 10, borderRadius: '50%', bgcolor: STATUS_COLOR[s] }} />
            {t(`certificates.status.${s}`)}
            <Box component="span" sx={{ color: 'text.primary', fontVariantNumeric: 'tabular-nums' }}>
              {counts[s]}
            </Box>
          </Box>
        ))}
      </Box>
      {width > 0 && (
        <svg width={width} height={height} role="img" aria-label={t('certificates.timeline.title')} style={{ display: 'block', fontFamily: 'inherit' }}>
          {/* month grid and labels */}
          {ticks.map((d) => {
            const x = xOf(d.getTime(), window, x0, x1);
            const january = d.getUTCMonth() === 0;
            return (
              <g key={d.getTime()}>
                <line x1={x} x2={x} y1={TOP - 4} y2={TOP + rows.length * ROW} stroke={january ? '#c4cad3' : '#e6e9ed'} />
                <text x={x} y={height - 8} textAnchor="middle" fontSize={11} fill="#5a6270">
                  {formatMonth(language, d)}
                </text>
              </g>
            );
          })}
          <line x1={x0} x2={x1} y1={TOP + rows.length * ROW} y2={TOP + rows.length * ROW} stroke="#9aa3ae" />
          {rows.map((r, i) => {
            const y = TOP + i * ROW;
            const status = expiryStatus(r.certificate.notAfter, now);
            const g = markGeometry(r.certificate.notBefore, r.certificate.notAfter, window, x0, x1);
            const color = STATUS_COLOR[status];
            const label = rowLabel(r);
            const first = entryKey(r.entries[0]);
            const title = t('certificates.timeline.mark', {
              subject: r.certificate.subject,
              server: label,
              from: formatDate(language, r.certificate.notBefore),
              to: formatDate(language, r.certificate.notAfter),
              status: t(`certificates.status.${status}`),
            });
            const isSelected = selected !== null && r.entries.some((e) => entryKey(e) === selected);
            const onKey = (e: KeyboardEvent) => {
              if (e.key === 'Enter' || e.key === ' ') {
                e.preventDefault();
                onSelect(first);
              }
            };
            return (
              <g
                key={r.key}
                data-testid="timeline-mark"
                data-thumbprint={r.certificate.thumbprint}
                data-status={status}
                data-selected={isSelected}
                role="button"
                tabIndex={0}
                aria-label={title}
                onClick={() => onSelect(first)}
                onKeyDown={onKey}
                style={{ cursor: 'pointer', outline: 'none' }}
                className="umc-timeline-row"
              >
                <title>{title}</title>
                <rect x={0} y={y} width={x1 + RIGHT} height={ROW} fill={isSelected ? '#e3ecf7' : i % 2 ? '#fafbfc' : '#ffffff'} className="umc-timeline-bg" />
                <text x={LABEL_W} y={y + ROW / 2 + 4} textAnchor="end" fontSize={11.5} fill="#1d2125">
                  {label.length > maxChars ? `${label.slice(0, maxChars - 1)}…` : label}
                </text>
                <rect x={g.from} y={y + 6} width={Math.max(1, g.to - g.from)} height={8} rx={2} fill={color} fillOpacity={0.28} stroke={color} strokeOpacity={0.6} />
                {g.offLeft && <polygon points={`${x0 - 2},${y + 10} ${x0 + 5},${y + 5} ${x0 + 5},${y + 15}`} fill={color} data-testid="timeline-off-left" />}
                {g.offRight ? (
                  <polygon points={`${x1 + 9},${y + 10} ${x1 + 2},${y + 5} ${x1 + 2},${y + 15}`} fill={color} data-testid="timeline-off-right" />
                ) : (
                  <circle cx={g.end} cy={y + 10} r={5} fill={color} stroke="#ffffff" strokeWidth={1.5} />
                )}
              </g>
            );
          })}
          <g data-testid="timeline-today" data-date={now.toISOString()}>
            <line x1={xNow} x2={xNow} y1={TOP - 6} y2={TOP + rows.length * ROW + 4} stroke="#1f5fa8" strokeWidth={2} />
            <text x={xNow} y={12} textAnchor={xNow > x1 - 80 ? 'end' : 'middle'} fontSize={11.5} fontWeight={600} fill="#1f5fa8">
              {t('certificates.timeline.today', { date: formatDate(language, now) })}
            </text>
          </g>
        </svg>
      )}
    </Box>
  );
}

/** The box's width, followed as the window resizes. */
function useWidth(ref: RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}
