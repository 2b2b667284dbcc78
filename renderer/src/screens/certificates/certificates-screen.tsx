/**
 * Certificates screen: the certificates in use across both products, grouped by issuing
 * CA, with the expiry timeline and the org rules on certificates and OAuth; and the offline
 * inspection of certificate files. Both tabs stay mounted: files being inspected survive a look at
 * the inventory.
 */
import Box from '@mui/material/Box';
import Tab from '@mui/material/Tab';
import Tabs from '@mui/material/Tabs';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import { getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { useOrgVersion } from '../../org-version';
import { useAsync } from '../../use-async';
import type { Navigate } from '../screens';
import { InspectView } from './inspect-view';
import { InventoryView } from './inventory-view';

type CertTab = 'inventory' | 'inspect';

/** The tab and the selected certificate outlive a visit to the map (like the Checks filters). */
const memory: { tab: CertTab; selected: string | null } = { tab: 'inventory', selected: null };

export default function CertificatesScreen({ navigate }: { navigate: Navigate }) {
  const { t } = useI18n();
  const orgVersion = useOrgVersion();
  const [tab, setTab] = useState<CertTab>(memory.tab);
  const [selected, setSelected] = useState<string | null>(memory.selected);
  const inventory = useAsync(() => getApi().certificates.inventory(), [orgVersion]);
  useEffect(() => {
    memory.tab = tab;
    memory.selected = selected;
  }, [tab, selected]);

  return (
    <Box data-testid="certificates-screen" data-tab={tab} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 2, px: 2, pt: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Typography variant="h1" component="h1" sx={{ pb: 1 }}>
          {t('certificates.title')}
        </Typography>
        <Tabs value={tab} onChange={(_, v: CertTab) => setTab(v)} aria-label={t('certificates.title')} sx={{ minHeight: 36, '& .MuiTab-root': { minHeight: 36, py: 0.5 } }}>
          <Tab value="inventory" label={t('certificates.tab.inventory')} data-testid="cert-tab-inventory" id="cert-tab-inventory" aria-controls="cert-panel-inventory" />
          <Tab value="inspect" label={t('certificates.tab.inspect')} data-testid="cert-tab-inspect" id="cert-tab-inspect" aria-controls="cert-panel-inspect" />
        </Tabs>
      </Box>
      <Box
        role="tabpanel"
        id="cert-panel-inventory"
        aria-labelledby="cert-tab-inventory"
        hidden={tab !== 'inventory'}
        sx={{ flex: 1, minHeight: 0, display: tab === 'inventory' ? 'flex' : 'none', flexDirection: 'column' }}
      >
        {inventory.status === 'loading' ? (
          <LoadingNotice />
        ) : inventory.status === 'failed' ? (
          <ErrorNotice message={inventory.message} />
        ) : (
          <InventoryView inventory={inventory.value} selected={selected} onSelect={setSelected} onShowOnMap={(ref) => navigate('topology', ref)} />
        )}
      </Box>
      <Box
        role="tabpanel"
        id="cert-panel-inspect"
        aria-labelledby="cert-tab-inspect"
        hidden={tab !== 'inspect'}
        sx={{ flex: 1, minHeight: 0, display: tab === 'inspect' ? 'flex' : 'none', flexDirection: 'column' }}
      >
        <InspectView />
      </Box>
    </Box>
  );
}
