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

/**
 * The services or use of a certificate. `complete` false: an Exchange certificate read over remoting,
 * where only the UM bindings are known (from Get-UMService / Get-UMCallRouterSettings
 * UMCertificateThumbprint) and the other services cannot be read (docs/lab-endpoint.md).
 */
export function UsageChips({ usage, complete = true }: { usage: readonly string[]; complete?: boolean }) {
  const { t } = useI18n();
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.4 }}>
      {usage.map((u) => (
        <Chip key={u} label={u} data-testid="cert-usage" sx={{ height: 20, fontSize: 11, bgcolor: '#eef1f5', '& .MuiChip-label': { px: 0.75 } }} />
      ))}
      {!complete && (
        <Chip
          label={t('certificates.usage.unknownOverRemoting')}
          title={t('certificates.usage.unknownOverRemotingWhy')}
          variant="outlined"
          data-testid="cert-usage-unknown"
          sx={{ height: 20, fontSize: 11, '& .MuiChip-label': { px: 0.75 } }}
        />
      )}
    </Box>
  );
}
