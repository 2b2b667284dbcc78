/**
 * The roots file R-X-01 judges with beside the org's own certificates (docs/rule-catalogue.md, R-X-01:
 * seed 001 asks for the same root certificate on both sides; a root the org does not hold cannot be
 * judged until the admin gives it). Choosing a file reads it in the main process's certificate worker
 * and judges the org again; the Checks list follows through the org version.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { TrustedRootsState } from '../../../../shared/checks/check-channels';
import { errorMessage, getApi } from '../../api';
import { useI18n } from '../../i18n';
import { useOrgChanged, useOrgVersion } from '../../org-version';
import { useAsync } from '../../use-async';

export function TrustedRootsBar() {
  const { t } = useI18n();
  const orgVersion = useOrgVersion();
  const orgChanged = useOrgChanged();
  const state = useAsync(() => getApi().checks.trustedRoots(), [orgVersion]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (action: () => Promise<TrustedRootsState | null>) => {
    setBusy(true);
    setError(null);
    try {
      if ((await action()) !== null) orgChanged();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  if (state.status !== 'ready') return null;
  const { file, count } = state.value;
  return (
    <Box data-testid="trusted-roots" data-count={count} sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, px: 2, py: 0.5, borderBottom: 1, borderColor: 'divider' }}>
      <Typography variant="body2" sx={{ color: 'text.secondary', overflowWrap: 'anywhere' }}>
        {file ? t('checks.roots.file', { count, file }) : t('checks.roots.none')}
      </Typography>
      <Button size="small" disabled={busy} data-testid="trusted-roots-choose" onClick={() => void act(() => getApi().checks.chooseTrustedRoots())}>
        {t(file ? 'checks.roots.change' : 'checks.roots.add')}
      </Button>
      {file && (
        <Button size="small" disabled={busy} data-testid="trusted-roots-clear" onClick={() => void act(() => getApi().checks.clearTrustedRoots())}>
          {t('checks.roots.clear')}
        </Button>
      )}
      {error && (
        <Alert severity="error" variant="outlined" data-testid="trusted-roots-error" sx={{ py: 0 }}>
          {error}
        </Alert>
      )}
    </Box>
  );
}
