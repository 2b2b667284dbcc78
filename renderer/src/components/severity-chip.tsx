/** The translated severity as a coloured chip: same colours on the map, the panel and the list. */
import Chip from '@mui/material/Chip';
import type { Severity } from '../../../shared/model/org';
import { useT } from '../i18n';
import { SEVERITY_COLOR } from '../theme';

export function SeverityChip({ severity }: { severity: Severity }) {
  const t = useT();
  const c = SEVERITY_COLOR[severity];
  // Never shrunk by its row: a severity is short in every language but "Avertissement" needs its
  // whole width, and a chip cut to "Avertiss…" reads as nothing. The label never ellipsizes.
  return (
    <Chip
      label={t(`severity.${severity}`)}
      data-severity={severity}
      sx={{ bgcolor: c.main, color: c.text, fontWeight: 600, height: 20, fontSize: 11, flexShrink: 0, maxWidth: 'none', '& .MuiChip-label': { px: 0.75, overflow: 'visible', textOverflow: 'clip' } }}
    />
  );
}
