/**
 * The Checklist's end-to-end proof (docs/voicemail-tests.md): on the step after which UM works end to end, run
 * Test-CsExUMConnectivity as the first stored test user — a real call, not a reading of the configuration. It
 * leaves nothing behind, so it runs without a confirmation; without a stored test user it says where to add one.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { SyntheticTestResult } from '../../../../shared/voicemail/task-output';
import { errorMessage, getApi } from '../../api';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { useAsync } from '../../use-async';

/** The step whose completion means a call reaches voice mail end to end. */
export const END_TO_END_STEP = 'um.enable-users';

export function VoicemailProof() {
  const { t, td } = useI18n();
  const credentials = useAsync(() => getApi().voicemailTest.credentials({}), []);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SyntheticTestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (credentials.status !== 'ready') return null;
  const first = credentials.value[0];
  if (!first)
    return (
      <Typography variant="body2" color="text.secondary" data-testid="voicemail-proof-hint">
        {t('voicemailTest.checklist.noCredential')}
      </Typography>
    );
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await getApi().voicemailTest.run({ kind: 'connectivity', credential: first.name, confirmed: false }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box data-testid="voicemail-proof" sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Button size="small" variant="outlined" data-testid="voicemail-proof-run" disabled={busy} onClick={() => void run()}>
          {busy ? t('voicemailTest.ui.running') : t('voicemailTest.checklist.run')}
        </Button>
        <Typography variant="body2" color="text.secondary">
          {t('voicemailTest.checklist.hint', { name: first.name })}
        </Typography>
      </Box>
      {error && <Alert severity="error">{error}</Alert>}
      {result && (
        <Alert severity={result.facts.passed ? 'success' : 'error'} data-testid="voicemail-proof-result" data-passed={String(result.facts.passed)} data-hop={result.placement.hop ?? ''}>
          <Box sx={{ fontWeight: 600 }}>
            {result.facts.passed
              ? t('voicemailTest.result.passed', { cmdlet: result.cmdlet, sip: result.sipAddress, latency: result.facts.latencyMs ?? 0 })
              : result.placement.hop
                ? t('voicemailTest.result.failedAt', { hop: td(`users.hop.kind.${result.placement.hop}`), title: td(`voicemailTest.kind.${result.placement.kind}.title`) })
                : t('voicemailTest.result.failedNoHop', { title: td(`voicemailTest.kind.${result.placement.kind}.title`) })}
          </Box>
          {!result.facts.passed && <Box sx={{ mt: 0.5 }}>{td(`voicemailTest.kind.${result.placement.kind}.explain`)}</Box>}
          <Box component="pre" translate="no" sx={{ m: 0, mt: 0.5, fontFamily: MONO_FONT, fontSize: 12, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {result.raw}
          </Box>
        </Alert>
      )}
    </Box>
  );
}
