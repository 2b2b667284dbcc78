/**
 * Topology screen: the integration drawn as a map (Skype side → Exchange side), a search, and the
 * details of the selected object. Also the target of "show on map" from the Checks screen.
 *
 * Bringing an object into view is a two-step affair when it sits in a collapsed group: ask for the
 * graph with that object revealed, wait until that graph is the one shown, then fit the viewport.
 * `focus` holds the request across those steps (focus.ts).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Typography from '@mui/material/Typography';
import type { Viewport } from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { TopologyGraph } from '../../../../shared/topology/topology-graph';
import { type ObjectRef, refKey } from '../../../../shared/model/org';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useT } from '../../i18n';
import { useOrgVersion } from '../../org-version';
import type { SelectionRequest } from '../screens';
import { groupHighlightKey } from './flow-elements';
import { type FocusTarget, resolveFocus } from './focus';
import { ObjectDetailsPanel } from './object-details-panel';
import { type TopologyActions, TopologyActionsContext } from './topology-actions';
import { TopologyLegend } from './topology-legend';
import { type FitRequest, TopologyMap } from './topology-map';
import { type SearchOutcome, TopologySearch } from './topology-search';
import { useTopologyGraph } from './use-topology-graph';

/**
 * What the screen keeps when the user visits another screen and comes back, for the org it was
 * kept for: groups and the selection of another org (a refresh, a snapshot) mean nothing.
 */
const memory: { orgVersion: number; expanded: readonly string[]; revealed: readonly string[]; selected: ObjectRef | null; viewport: Viewport | null } = {
  orgVersion: 0,
  expanded: [],
  revealed: [],
  selected: null,
  viewport: null,
};

const sameRef = (a: ObjectRef | null, b: ObjectRef | null) => a === b || (a !== null && b !== null && refKey(a) === refKey(b));

export default function TopologyScreen({ selection }: { selection: SelectionRequest | null }) {
  const orgVersion = useOrgVersion();
  if (memory.orgVersion !== orgVersion) Object.assign(memory, { orgVersion, expanded: [], revealed: [], selected: null, viewport: null });
  const [expanded, setExpanded] = useState<readonly string[]>(memory.expanded);
  const [revealed, setRevealed] = useState<readonly string[]>(memory.revealed);
  const { graph, current, error } = useTopologyGraph(expanded, revealed, orgVersion);
  const [selected, setSelected] = useState<ObjectRef | null>(memory.selected);
  const [search, setSearch] = useState<SearchOutcome | null>(null);
  const [focus, setFocus] = useState<FocusTarget | null>(null);
  const [fit, setFit] = useState<FitRequest | null>(null);
  const fitNonce = useRef(0);

  useEffect(() => {
    memory.expanded = expanded;
    memory.revealed = revealed;
    memory.selected = selected;
  }, [expanded, revealed, selected]);

  // Another org was loaded while the map was shown: the old groups and selection mean nothing now.
  const shownOrg = useRef(orgVersion);
  useEffect(() => {
    if (shownOrg.current === orgVersion) return;
    shownOrg.current = orgVersion;
    setExpanded([]);
    setRevealed([]);
    setSelected(null);
    setSearch(null);
    setFocus(null);
  }, [orgVersion]);

  const select = useCallback((ref: ObjectRef | null) => setSelected((prev) => (sameRef(prev, ref) ? prev : ref)), []);

  const expandGroups = useCallback((keys: readonly string[]) => {
    setExpanded((prev) => {
      const missing = keys.filter((k) => !prev.includes(k));
      return missing.length === 0 ? prev : [...prev, ...new Set(missing)];
    });
  }, []);

  // Selection sent by another screen (Checks → "show on the map").
  useEffect(() => {
    if (!selection) return;
    select(selection.ref);
    setFocus({ items: [{ ref: selection.ref, groupKey: null }] });
  }, [selection, select]);

  // Resolve a focus request against the graph actually shown.
  useEffect(() => {
    if (!focus || !graph || !current) return;
    const step = resolveFocus(graph, focus, expanded, revealed);
    if (step.kind === 'reveal') {
      // Keep `focus`: it resolves when the graph with these members drawn arrives.
      setRevealed(step.nodeIds);
      return;
    }
    setFocus(null);
    if (step.nodeIds === 'all' || step.nodeIds.length > 0) setFit({ nodeIds: step.nodeIds, nonce: ++fitNonce.current });
  }, [focus, graph, current, expanded, revealed]);

  const onFitDone = useCallback((nonce: number) => setFit((f) => (f && f.nonce === nonce ? null : f)), []);
  const onViewport = useCallback((v: Viewport) => {
    memory.viewport = v;
  }, []);

  const focusObject = useCallback(
    (ref: ObjectRef) => {
      select(ref);
      setFocus({ items: [{ ref, groupKey: null }] });
    },
    [select],
  );

  const onSearch = useCallback((outcome: SearchOutcome | null) => {
    setSearch(outcome);
    if (!outcome || outcome.matches.length === 0) return;
    // Matches folded in collapsed groups are revealed by the focus step (focus.ts).
    setFocus({ items: outcome.matches.map((m) => ({ ref: m.ref, groupKey: m.groupKey })) });
  }, []);

  const actions = useMemo<TopologyActions>(
    () => ({
      expandGroup: (key) => {
        expandGroups([key]);
        // Main places the members where the group was (shared/topology/expand-layout.ts): bring the first ones into view.
        setFocus({ expandedGroup: key });
      },
    }),
    [expandGroups],
  );

  const collapseGroup = useCallback((key: string) => {
    setExpanded((prev) => prev.filter((k) => k !== key));
    // Collapsing makes the graph small again: show all of it.
    setFocus({ all: true });
  }, []);

  // Matches by node id and ref key, and the groups holding matches (highlighted while collapsed).
  const highlighted = useMemo(() => (search ? new Set(search.matches.flatMap((m) => [m.nodeId, refKey(m.ref), ...(m.groupKey === null ? [] : [groupHighlightKey(m.groupKey)])])) : null), [search]);

  return (
    <TopologyActionsContext.Provider value={actions}>
      <Box sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
        <TopologyToolbar graph={graph} search={search} onSearch={onSearch} onCollapse={collapseGroup} />
        {/* The details panel lies over the map (position: absolute) instead of narrowing it: a map that
            changes size makes React Flow measure and draw every node in view again (docs/large-orgs.md). */}
        <Box sx={{ flex: 1, display: 'flex', minHeight: 0, position: 'relative' }}>
          <Box data-testid="topology-map" className={selected ? 'umc-map--beside-details' : undefined} sx={{ flex: 1, position: 'relative', minWidth: 0, bgcolor: '#fafbfc' }}>
            <MapArea
              graph={graph}
              current={current}
              error={error}
              selected={selected}
              detailsOpen={selected !== null}
              highlighted={highlighted}
              fit={fit}
              onSelect={select}
              onFitDone={onFitDone}
              onViewport={onViewport}
            />
          </Box>
          {selected && <ObjectDetailsPanel target={selected} onClose={() => select(null)} onSelect={focusObject} />}
        </Box>
        <TopologyLegend />
      </Box>
    </TopologyActionsContext.Provider>
  );
}

interface MapAreaProps {
  readonly graph: TopologyGraph | null;
  readonly current: boolean;
  readonly error: string | null;
  readonly selected: ObjectRef | null;
  readonly detailsOpen: boolean;
  readonly highlighted: ReadonlySet<string> | null;
  readonly fit: FitRequest | null;
  readonly onSelect: (ref: ObjectRef) => void;
  readonly onFitDone: (nonce: number) => void;
  readonly onViewport: (viewport: Viewport) => void;
}

function MapArea({ graph, current, error, selected, detailsOpen, highlighted, fit, onSelect, onFitDone, onViewport }: MapAreaProps) {
  const t = useT();
  if (!graph) return error ? <ErrorNotice message={error} /> : <LoadingNotice text={t('topology.layingOut')} />;
  if (graph.nodes.length === 0) return <Typography sx={{ p: 3, color: 'text.secondary' }}>{t('topology.empty')}</Typography>;
  return (
    <>
      <Box sx={{ position: 'absolute', inset: 0 }}>
        <TopologyMap
          graph={graph}
          selected={selected}
          detailsOpen={detailsOpen}
          highlighted={highlighted}
          fit={fit}
          onSelect={onSelect}
          onFitDone={onFitDone}
          viewport={memory.viewport}
          onViewport={onViewport}
        />
      </Box>
      {/* Re-layout after expanding or collapsing: keep the old map visible under a quiet notice. */}
      {!current && !error && (
        <Box
          role="status"
          sx={{
            position: 'absolute',
            top: 10,
            left: '50%',
            transform: 'translateX(-50%)',
            display: 'flex',
            alignItems: 'center',
            gap: 1,
            px: 1.5,
            py: 0.5,
            bgcolor: 'background.paper',
            border: 1,
            borderColor: 'divider',
            borderRadius: 1,
            fontSize: 12,
            zIndex: 10,
          }}
        >
          <CircularProgress size={12} />
          {t('topology.layingOut')}
        </Box>
      )}
      {error && (
        <Box sx={{ position: 'absolute', top: 0, left: 0, right: 0, zIndex: 10 }}>
          <ErrorNotice message={error} />
        </Box>
      )}
    </>
  );
}

interface ToolbarProps {
  readonly graph: TopologyGraph | null;
  readonly search: SearchOutcome | null;
  readonly onSearch: (o: SearchOutcome | null) => void;
  readonly onCollapse: (key: string) => void;
}

function TopologyToolbar({ graph, search, onSearch, onCollapse }: ToolbarProps) {
  const t = useT();
  const expandedGroups = graph?.groups.filter((g) => g.expanded) ?? [];
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5, px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Typography variant="h1" component="h1" sx={{ mr: 1 }}>
        {t('nav.topology')}
      </Typography>
      <TopologySearch outcome={search} onOutcome={onSearch} />
      {expandedGroups.length > 0 && (
        <Box sx={{ display: 'flex', gap: 0.75, flexWrap: 'wrap', ml: 'auto' }}>
          {expandedGroups.map((g) => (
            <Button key={g.key} variant="outlined" data-testid="group-collapse" data-group-key={g.key} onClick={() => onCollapse(g.key)}>
              {t('topology.group.collapse', { kind: t(`kind.${g.kind}`) })}
            </Button>
          ))}
        </Box>
      )}
    </Box>
  );
}
