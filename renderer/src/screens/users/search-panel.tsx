/**
 * The search box and its results: results while typing, ↓/↑ move the highlight, Enter
 * opens the highlighted user (the first one when none is). Its own state, so a keystroke re-renders
 * this panel and its (at most 50, memoised) rows, never the verdict or the report beside it: typing
 * stays responsive on 100,000 users.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type KeyboardEvent, memo, useEffect, useRef, useState } from 'react';
import type { UserMatch, VerdictOutcome } from '../../../../shared/users/user-model';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { resultKey } from './users-view-model';
import { useUserSearch } from './use-users';

export const SearchPanel = memo(function SearchPanel({ selected, onSelect }: { selected: string | null; onSelect: (sipAddress: string) => void }) {
  const { t, td } = useI18n();
  const search = useUserSearch();
  const [active, setActive] = useState(-1);
  const list = useRef<HTMLDivElement>(null);
  const matches = search.result?.matches ?? [];

  // New results: nothing highlighted until an arrow key says so.
  useEffect(() => setActive(-1), [search.result]);
  // Keep the highlighted row in view.
  useEffect(() => {
    if (active < 0) return;
    list.current?.querySelector(`[data-index="${active}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  const onKeyDown = (e: KeyboardEvent) => {
    const r = resultKey(e.key, active, matches.length);
    if (!r.handled) return;
    e.preventDefault();
    setActive(r.active);
    if (r.select !== null) onSelect(matches[r.select].sipAddress);
  };

  const activeId = active >= 0 && matches[active] ? `user-result-${active}` : undefined;
  return (
    <Box data-testid="users-search-panel" sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, borderRight: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Box sx={{ p: 1.5, pb: 1 }}>
        <TextField
          fullWidth
          autoFocus
          label={t('users.search.label')}
          placeholder={t('users.search.placeholder')}
          value={search.query}
          onChange={(e) => search.setQuery(e.target.value)}
          onKeyDown={onKeyDown}
          slotProps={{
            htmlInput: {
              'data-testid': 'users-search',
              role: 'combobox',
              'aria-expanded': matches.length > 0,
              'aria-controls': 'users-results',
              'aria-activedescendant': activeId,
              'aria-autocomplete': 'list',
              autoComplete: 'off',
              spellCheck: false,
              maxLength: 200,
            },
            input: { endAdornment: search.busy ? <CircularProgress size={14} data-testid="users-search-busy" /> : undefined },
          }}
        />
      </Box>
      {search.error && (
        <Alert severity="error" sx={{ mx: 1.5, mb: 1 }} data-testid="users-search-error">
          {t('users.search.error', { message: search.error })}
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }} ref={list}>
        {search.result === null ? (
          <Typography variant="body2" color="text.secondary" sx={{ px: 1.5 }}>
            {t('users.search.hint')}
          </Typography>
        ) : matches.length === 0 ? (
          <Typography variant="body2" color="text.secondary" sx={{ px: 1.5 }} data-testid="users-search-none">
            {t('users.search.none', { query: search.result.query })}
          </Typography>
        ) : (
          <Box component="ul" id="users-results" role="listbox" aria-label={t('users.search.results')} data-testid="users-results" data-count={matches.length} sx={{ listStyle: 'none', m: 0, p: 0 }}>
            {matches.map((m, i) => (
              <ResultRow key={m.sipAddress} match={m} index={i} active={i === active} selected={m.sipAddress === selected} matchedOn={td(`users.match.${m.matchedOn}`)} onSelect={onSelect} />
            ))}
          </Box>
        )}
        {search.result?.truncated && (
          <Typography variant="body2" color="text.secondary" sx={{ p: 1.5 }} data-testid="users-search-truncated">
            {t('users.search.truncated', { count: matches.length })}
          </Typography>
        )}
      </Box>
    </Box>
  );
});

const ResultRow = memo(function ResultRow({
  match,
  index,
  active,
  selected,
  matchedOn,
  onSelect,
}: {
  match: UserMatch;
  index: number;
  active: boolean;
  selected: boolean;
  matchedOn: string;
  onSelect: (sip: string) => void;
}) {
  const detail = match.matchedOn === 'email' ? match.email : match.matchedOn === 'extension' ? match.extension : match.matchedOn === 'phone' ? match.phone : null;
  return (
    <Box
      component="li"
      id={`user-result-${index}`}
      role="option"
      aria-selected={selected}
      data-testid="user-result"
      data-sip={match.sipAddress}
      data-index={index}
      data-active={String(active)}
      onMouseDown={(e) => e.preventDefault() /* keep the focus in the box */}
      onClick={() => onSelect(match.sipAddress)}
      sx={{
        px: 1.5,
        py: 0.75,
        cursor: 'pointer',
        borderLeft: 3,
        borderColor: selected ? 'primary.main' : 'transparent',
        bgcolor: active ? 'action.selected' : selected ? 'action.hover' : 'transparent',
        '&:hover': { bgcolor: 'action.hover' },
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, minWidth: 0 }}>
        <Box translate="no" sx={{ fontWeight: 600, overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
          {match.displayName || match.sipAddress}
        </Box>
        <ResultVerdict verdict={match.verdict} />
      </Box>
      <Box sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary', overflowWrap: 'anywhere' }}>{match.sipAddress}</Box>
      {detail && (
        <Box sx={{ fontSize: 12, color: 'text.secondary', overflowWrap: 'anywhere' }}>
          {matchedOn} ·{' '}
          <Box component="span" sx={{ fontFamily: MONO_FONT }}>
            {detail}
          </Box>
        </Box>
      )}
    </Box>
  );
});

const RESULT_VERDICT = {
  works: { symbol: '✓', key: 'helpdesk.result.works', color: '#2e7d32' },
  fails: { symbol: '✗', key: 'helpdesk.result.fails', color: SEVERITY_COLOR.error.main },
  'at-risk': { symbol: '⚠', key: 'helpdesk.result.atRisk', color: SEVERITY_COLOR.warning.main },
} as const;

/** The result's verdict as a symbol and a word (a screen reader and the layout test read the word; the symbol is decoration). */
function ResultVerdict({ verdict }: { verdict: VerdictOutcome | null }) {
  const { t } = useI18n();
  const v = verdict ? RESULT_VERDICT[verdict] : null;
  const word = t(v ? v.key : 'helpdesk.result.unknown');
  return (
    <Box
      component="span"
      data-testid="user-result-verdict"
      data-verdict={verdict ?? 'unknown'}
      title={t('helpdesk.result.label', { verdict: word })}
      sx={{ flexShrink: 0, fontSize: 12, fontWeight: 600, color: v?.color ?? 'text.secondary', whiteSpace: 'nowrap' }}
    >
      {v && (
        <Box component="span" aria-hidden sx={{ mr: 0.375 }}>
          {v.symbol}
        </Box>
      )}
      {word}
    </Box>
  );
}
