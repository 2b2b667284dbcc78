/** One line under the map: which colour is which product, and how to read the badges. */
import Box from '@mui/material/Box';
import { useT } from '../../i18n';
import { SIDE_COLOR } from '../../theme';

export function TopologyLegend() {
  const t = useT();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 1.5, py: 0.6, fontSize: 12, color: 'text.secondary', borderTop: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
      <Swatch color={SIDE_COLOR.skype} label={t('topology.side.skype')} />
      <Swatch color={SIDE_COLOR.exchange} label={t('topology.side.exchange')} />
      <Box component="span" sx={{ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }} title={t('topology.legend')}>
        {t('topology.legend')}
      </Box>
    </Box>
  );
}

function Swatch({ color, label }: { color: string; label: string }) {
  return (
    <Box component="span" sx={{ display: 'inline-flex', alignItems: 'center', gap: 0.75, whiteSpace: 'nowrap' }}>
      <Box component="span" aria-hidden sx={{ width: 5, height: 14, borderRadius: 0.5, bgcolor: color }} />
      {label}
    </Box>
  );
}
