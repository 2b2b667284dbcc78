/**
 * Search box of the map. The search runs in main (`topology.search`) over every object, also those
 * folded into groups; the screen expands those groups and highlights the matches.
 */
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import { useEffect, useRef, useState } from 'react';
import type { TopologySearchResult } from '../../../../shared/topology/topology-channels';
import { errorMessage, getApi } from '../../api';
import { useT } from '../../i18n';
import { SEVERITY_COLOR } from '../../theme';

export interface SearchOutcome {
  readonly query: string;
  readonly matches: TopologySearchResult['matches'];
}

const DEBOUNCE_MS = 300;

export function TopologySearch({ outcome, onOutcome }: { outcome: SearchOutcome | null; onOutcome: (o: SearchOutcome | null) => void }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Only the latest request may answer: typing fast must not show an older result last.
  const sequence = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const run = (text: string) => {
    window.clearTimeout(timer.current);
    const q = text.trim();
    const mine = ++sequence.current;
    setError(null);
    if (q === '') {
      onOutcome(null);
      return;
    }
    getApi()
      .topology.search({ query: q.slice(0, 200) })
      .then(
        (result) => mine === sequence.current && onOutcome({ query: q, matches: result.matches }),
        (e: unknown) => mine === sequence.current && setError(errorMessage(e)),
      );
  };

  useEffect(() => () => window.clearTimeout(timer.current), []);

  const onChange = (text: string) => {
    setQuery(text);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => run(text), DEBOUNCE_MS);
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.25, minWidth: 0 }}>
      <TextField
        type="search"
        value={query}
        placeholder={t('topology.search')}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') run(query);
          if (e.key === 'Escape') {
            setQuery('');
            run('');
          }
        }}
        slotProps={{ htmlInput: { 'data-testid': 'topology-search', 'aria-label': t('topology.search'), maxLength: 200 } }}
        sx={{ width: 280, '& .MuiInputBase-input': { py: 0.6, fontSize: 13 } }}
      />
      {outcome && (
        <Box
          component="span"
          role="status"
          data-testid="topology-search-status"
          sx={{ fontSize: 12, color: outcome.matches.length ? 'text.secondary' : SEVERITY_COLOR.warning.main, whiteSpace: 'nowrap' }}
        >
          {outcome.matches.length > 0 ? t('topology.searchMatches', { count: outcome.matches.length }) : t('topology.searchNoMatch', { query: outcome.query })}
        </Box>
      )}
      {error && (
        <Box component="span" role="alert" sx={{ fontSize: 12, color: SEVERITY_COLOR.error.main }}>
          {t('app.error', { message: error })}
        </Box>
      )}
    </Box>
  );
}
