/** Small chips of the Certificates screen: a severity rollup (or "no finding"), usages. */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import type { Rollup } from './inventory-model';

export function RollupChip({ severity }: { severity: Rollup }) {
  const { t } = useI18n();
  if (severity !== 'none') return <SeverityChip severity={severity} />;
  return <Chip label={t('certificates.severity.none')} variant="outlined" color="success" sx={{ height: 20, fontSize: 11, '& .MuiChip-label': { px: 0.75 } }} />;
}

export function UsageChips({ usage }: { usage: readonly string[] }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.4 }}>
      {usage.map((u) => (
        <Chip key={u} label={u} data-testid="cert-usage" sx={{ height: 20, fontSize: 11, bgcolor: '#eef1f5', '& .MuiChip-label': { px: 0.75 } }} />
      ))}
    </Box>
  );
}
