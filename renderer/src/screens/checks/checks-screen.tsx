/**
 * Checks screen: every finding of the rule engine, filterable, each with its reason, source and
 * fix; then the rules that could not be evaluated from this data.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { ChecksList } from '../../../../shared/checks/check-channels';
import { SEVERITIES } from '../../../../shared/diagnostics/diagnostic';
import { type ObjectRef, refKey, type Severity } from '../../../../shared/model/org';
import { getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { useOrgVersion } from '../../org-version';
import { useAsync } from '../../use-async';
import type { Navigate, SelectionRequest } from '../screens';
import { ChecksFilters } from './checks-filters';
import { type ChecksFilter, filterFindings } from './filter-findings';
import { FindingCard } from './finding-card';
import { TrustedRootsBar } from './trusted-roots-bar';
import { NotEvaluatedSection } from './not-evaluated-section';

const ALL_SEVERITIES: ReadonlySet<Severity> = new Set(SEVERITIES);

/**
 * The view state outlives the screen: an admin jumps to the map from a finding and comes back to
 * the same filters and the same place in the list. (The list itself is fetched again per visit.)
 */
const memory: { filter: ChecksFilter; scrollTop: number } = {
  filter: { severities: ALL_SEVERITIES, area: 'all', text: '' },
  scrollTop: 0,
};

/**
 * `selection`: another screen asked for the findings on one object (the Users screen's "Open in Checks"
 * on a hop's finding): only the findings naming it are shown, under a chip that clears the focus.
 */
export default function ChecksScreen({ navigate, selection }: { navigate: Navigate; selection?: SelectionRequest | null }) {
  const orgVersion = useOrgVersion();
  const list = useAsync(() => getApi().checks.list({}), [orgVersion]);
  if (list.status === 'loading') return <LoadingNotice />;
  if (list.status === 'failed') return <ErrorNotice message={list.message} />;
  return <ChecksView key={selection?.nonce ?? 0} list={list.value} focusOn={selection?.ref ?? null} onShowObject={(ref) => navigate('topology', ref)} />;
}

function ChecksView({ list, focusOn, onShowObject }: { list: ChecksList; focusOn: ObjectRef | null; onShowObject: (ref: ObjectRef) => void }) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState<ChecksFilter>(memory.filter);
  const [focus, setFocus] = useState<ObjectRef | null>(focusOn);
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    memory.filter = filter;
  }, [filter]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = memory.scrollTop;
    return () => {
      memory.scrollTop = el.scrollTop;
    };
  }, []);
  const shown = useMemo(() => {
    const filtered = filterFindings(list, filter, language);
    if (!focus) return filtered;
    const key = refKey(focus);
    return filtered.filter((f) => f.objects.some((o) => refKey(o) === key));
  }, [list, filter, language, focus]);
  const counts = useMemo(() => {
    const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
    for (const f of list.findings) c[f.severity] += 1;
    return c;
  }, [list]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Typography variant="h1" component="h1">
          {t('checks.title')}
        </Typography>
        <ChecksFilters filter={filter} counts={counts} onChange={setFilter} />
        {focus && <Chip data-testid="checks-focus" label={t('checks.focus', { object: list.labels[refKey(focus)] ?? focus.id })} onDelete={() => setFocus(null)} color="primary" variant="outlined" />}
        <Typography data-testid="checks-count" role="status" sx={{ ml: 'auto', color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
          {t('checks.count', { count: shown.length })}
        </Typography>
      </Box>
      <TrustedRootsBar />
      <Box ref={scroller} sx={{ flex: 1, overflowY: 'auto', px: 2, py: 1.5 }}>
        <Box data-testid="checks-list" sx={{ display: 'flex', flexDirection: 'column', gap: 1.25, maxWidth: 1280 }}>
          {shown.length === 0 ? (
            <Alert severity="info" variant="outlined">
              {t('checks.none')}
            </Alert>
          ) : (
            shown.map((f, i) => <FindingCard key={`${f.rule}-${f.message.key}-${i}`} finding={f} rule={list.rules[f.rule]} labels={list.labels} onShowObject={onShowObject} />)
          )}
        </Box>
        <Box sx={{ maxWidth: 1280, mt: 1.5 }}>
          <NotEvaluatedSection items={list.notEvaluated} />
        </Box>
      </Box>
    </Box>
  );
}
