/**
 * Checks screen: every finding of the rule engine, ranked by what it breaks (the service ranks:
 * users without voice mail, numbers unreachable, calls dropped), filterable, each with its reason,
 * source and fix — Fix… when the console can run it, "Fix all of this kind" per rule — then the
 * rules that could not be evaluated from this data.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { findingKey } from '../../../../shared/fixes/fix-model';
import type { ChecksList } from '../../../../shared/checks/check-channels';
import { SEVERITIES } from '../../../../shared/diagnostics/diagnostic';
import { type ObjectRef, refKey, type Severity } from '../../../../shared/model/org';
import { getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { useOrgVersion } from '../../org-version';
import { useAsync } from '../../use-async';
import type { Navigate, RuleFocusRequest, SelectionRequest } from '../screens';
import { ChecksFilters } from './checks-filters';
import { type ChecksFilter, filterFindings } from './filter-findings';
import { FindingCard } from './finding-card';
import { useFixDialog } from './fix-dialog';
import { fixAllCounts } from './fix-view-model';
import { TrustedRootsBar } from './trusted-roots-bar';
import { NotEvaluatedSection } from './not-evaluated-section';
import { useChecksExport } from './checks-export';

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
export default function ChecksScreen({ navigate, selection, ruleFocus }: { navigate: Navigate; selection?: SelectionRequest | null; ruleFocus?: RuleFocusRequest | null }) {
  const orgVersion = useOrgVersion();
  // keepValue: after a fix the list is read again under the closed dialog, without flashing away.
  const list = useAsync(() => getApi().checks.list({}), [orgVersion], true);
  if (list.status === 'loading') return <LoadingNotice />;
  if (list.status === 'failed') return <ErrorNotice message={list.message} />;
  return (
    <ChecksView
      key={`${selection?.nonce ?? 0}-${ruleFocus?.nonce ?? 0}`}
      list={list.value}
      focusOn={selection?.ref ?? null}
      ruleOn={ruleFocus?.rule ?? null}
      onShowObject={(ref) => navigate('topology', ref)}
    />
  );
}

function ChecksView({ list, focusOn, ruleOn, onShowObject }: { list: ChecksList; focusOn: ObjectRef | null; ruleOn: string | null; onShowObject: (ref: ObjectRef) => void }) {
  const { t, language } = useI18n();
  const [filter, setFilter] = useState<ChecksFilter>(memory.filter);
  const [focus, setFocus] = useState<ObjectRef | null>(focusOn);
  const [ruleFocus, setRuleFocus] = useState<string | null>(ruleOn);
  const fixDialog = useFixDialog();
  const exporter = useChecksExport();
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    memory.filter = filter;
  }, [filter]);
  // A new filter shows its results from the top: the scroll position of the longer list before it
  // would leave a short result (often a single finding) out of view. The first run is the visit's
  // restore (below), not a change.
  const filterChanged = useRef(false);
  useLayoutEffect(() => {
    if (!filterChanged.current) {
      filterChanged.current = true;
      return;
    }
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [filter, focus, ruleFocus]);
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    el.scrollTop = memory.scrollTop;
    return () => {
      memory.scrollTop = el.scrollTop;
    };
  }, []);
  const shown = useMemo(() => {
    const filtered = filterFindings(list, filter, language).filter((f) => ruleFocus === null || f.rule === ruleFocus);
    if (!focus) return filtered;
    const key = refKey(focus);
    return filtered.filter((f) => f.objects.some((o) => refKey(o) === key));
  }, [list, filter, language, focus, ruleFocus]);
  // "Fix all of this kind" counts every cmdlet finding of the rule in the org (what the plan will hold), shown on the first card of the rule.
  const fixAll = useMemo(() => fixAllCounts(list.findings, list.fixKinds ?? {}), [list]);
  const firstOfRule = useMemo(() => {
    const seen = new Set<string>();
    return shown.map((f) => {
      if (seen.has(f.rule)) return false;
      seen.add(f.rule);
      return true;
    });
  }, [shown]);
  const writable = list.access?.writable !== false;
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
        {ruleFocus && (
          <Chip data-testid="checks-rule-focus" data-rule={ruleFocus} label={t('fixes.ui.focusRule', { rule: ruleFocus })} onDelete={() => setRuleFocus(null)} color="primary" variant="outlined" />
        )}
        <Box sx={{ ml: 'auto', display: 'flex', alignItems: 'baseline', gap: 1.5 }}>
          <Typography variant="body2" data-testid="checks-ranked" sx={{ color: 'text.secondary' }}>
            {t('fixes.ui.ranked')}
          </Typography>
          <Typography data-testid="checks-count" role="status" sx={{ color: 'text.secondary', fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' }}>
            {t('checks.ui.count', { count: shown.length })}
          </Typography>
          {exporter.buttons}
        </Box>
      </Box>
      {exporter.notice}
      <TrustedRootsBar />
      <Box ref={scroller} data-testid="checks-scroller" sx={{ flex: 1, overflowY: 'auto', px: 2, py: 1.5 }}>
        <Box data-testid="checks-list" sx={{ display: 'flex', flexDirection: 'column', gap: 1.25, maxWidth: 1280 }}>
          {shown.length === 0 ? (
            <Alert severity="info" variant="outlined">
              {t('checks.none')}
            </Alert>
          ) : (
            shown.map((f, i) => {
              const key = findingKey(f);
              return (
                <FindingCard
                  key={`${f.rule}-${f.message.key}-${i}`}
                  finding={f}
                  rule={list.rules[f.rule]}
                  labels={list.labels}
                  onShowObject={onShowObject}
                  fix={{
                    key,
                    impact: list.impacts?.[key],
                    kind: list.fixKinds?.[key],
                    writable,
                    allCount: firstOfRule[i] ? (fixAll.get(f.rule) ?? 0) : 0,
                    onFix: (request) => fixDialog.open(request),
                  }}
                />
              );
            })
          )}
        </Box>
        <Box sx={{ maxWidth: 1280, mt: 1.5 }}>
          <NotEvaluatedSection items={list.notEvaluated} />
        </Box>
      </Box>
      {fixDialog.dialog}
    </Box>
  );
}
