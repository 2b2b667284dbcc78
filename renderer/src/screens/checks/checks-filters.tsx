/** Severity toggles (with how many findings each has), area select and text filter. */
import Box from '@mui/material/Box';
import TextField from '@mui/material/TextField';
import ToggleButton from '@mui/material/ToggleButton';
import type { ChangeEvent } from 'react';
import { RULE_AREAS, type RuleArea, SEVERITIES } from '../../../../shared/diagnostics/diagnostic';
import type { Severity } from '../../../../shared/model/org';
import { useT } from '../../i18n';
import { SEVERITY_COLOR } from '../../theme';
import type { ChecksFilter } from './filter-findings';

interface Props {
  readonly filter: ChecksFilter;
  readonly counts: Readonly<Record<Severity, number>>;
  readonly onChange: (filter: ChecksFilter) => void;
}

export function ChecksFilters({ filter, counts, onChange }: Props) {
  const t = useT();

  const toggle = (s: Severity) => {
    const next = new Set(filter.severities);
    if (next.has(s)) next.delete(s);
    else next.add(s);
    onChange({ ...filter, severities: next });
  };

  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
      <Box sx={{ display: 'flex', gap: 0.5 }} role="group" aria-label={t('checks.column.severity')}>
        {SEVERITIES.map((s) => (
          <ToggleButton
            key={s}
            value={s}
            selected={filter.severities.has(s)}
            onChange={() => toggle(s)}
            data-testid={`filter-severity-${s}`}
            sx={{ gap: 0.75, px: 1.25, py: 0.35, fontSize: 12, '&.Mui-selected': { bgcolor: SEVERITY_COLOR[s].soft, borderColor: SEVERITY_COLOR[s].main, color: 'text.primary' } }}
          >
            <Box component="span" aria-hidden sx={{ width: 9, height: 9, borderRadius: '50%', bgcolor: SEVERITY_COLOR[s].main, opacity: filter.severities.has(s) ? 1 : 0.35 }} />
            {t(`severity.${s}`)}
            <Box component="span" sx={{ color: 'text.secondary', fontVariantNumeric: 'tabular-nums' }}>
              {counts[s]}
            </Box>
          </ToggleButton>
        ))}
      </Box>
      <Box
        component="select"
        data-testid="filter-area"
        aria-label={t('checks.filter.area')}
        value={filter.area}
        onChange={(e: ChangeEvent<HTMLSelectElement>) => onChange({ ...filter, area: e.target.value as RuleArea | 'all' })}
        sx={{ font: 'inherit', fontSize: 13, height: 30, px: 0.75, borderRadius: 1, border: 1, borderColor: '#c4cad3', bgcolor: 'background.paper', color: 'text.primary' }}
      >
        <option value="all">{t('area.all')}</option>
        {RULE_AREAS.map((a) => (
          <option key={a} value={a}>
            {t(`area.${a}`)}
          </option>
        ))}
      </Box>
      <TextField
        type="search"
        value={filter.text}
        placeholder={t('checks.filter.search')}
        onChange={(e) => onChange({ ...filter, text: e.target.value })}
        slotProps={{ htmlInput: { 'data-testid': 'filter-text', 'aria-label': t('checks.filter.search') } }}
        sx={{ width: 280, '& .MuiInputBase-input': { py: 0.6, fontSize: 13 } }}
      />
    </Box>
  );
}
