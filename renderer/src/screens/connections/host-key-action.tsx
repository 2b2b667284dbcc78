/**
 * A shell refused on its SSH host key (`lab+ssh://`; docs/live-sessions.md, "SSH host keys"): the
 * admin approves the key the refusal showed, or — when the key changed — removes the old one first.
 * Each is a change to the console's known-hosts file: asked in a dialog that shows exactly what will be
 * trusted or forgotten, then confirmed; main checks the key again and audits the change. The active
 * profile then connects again (after a removal, that shows the server's new key for approval).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import { useState } from 'react';
import type { HostKeyProblem } from '../../../../shared/connections/known-host';
import { errorMessage, getApi } from '../../api';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

type Outcome = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly text: string };

export function HostKeyAction({ problem }: { problem: HostKeyProblem }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const where = problem.host.includes(':') ? `[${problem.host}]:${problem.port}` : `${problem.host}:${problem.port}`;
  const approve = problem.kind === 'unknown';

  const confirm = async () => {
    setBusy(true);
    try {
      if (approve) {
        const key = await getApi().connections.approveHostKey({ host: problem.host, port: problem.port, fingerprint: problem.fingerprint });
        setOutcome({ ok: true, text: t('knownHosts.ui.approved', { fingerprint: key.fingerprint, host: where }) });
      } else {
        await getApi().connections.removeHostKey({ host: problem.host, port: problem.port });
        setOutcome({ ok: true, text: t('knownHosts.ui.removed', { host: where }) });
      }
      const active = (await getApi().connections.list()).activeProfileId;
      if (active) await getApi().connections.connect({ id: active });
    } catch (e) {
      setOutcome({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
      setAsking(false);
    }
  };

  return (
    <Box data-testid="host-key" data-kind={problem.kind} sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      {!outcome?.ok && (
        <Box>
          <Button size="small" variant="outlined" color={approve ? 'primary' : 'error'} data-testid={approve ? 'host-key-approve' : 'host-key-remove'} onClick={() => setAsking(true)}>
            {t(approve ? 'knownHosts.ui.approve' : 'knownHosts.ui.remove')}
          </Button>
        </Box>
      )}
      {outcome && (
        <Alert severity={outcome.ok ? 'success' : 'error'} data-testid="host-key-result" sx={{ py: 0.25 }}>
          {outcome.text}
        </Alert>
      )}
      {asking && (
        <Dialog open onClose={() => !busy && setAsking(false)} maxWidth="sm" fullWidth aria-labelledby="host-key-title">
          <DialogTitle id="host-key-title" sx={{ fontSize: 16, fontWeight: 600 }}>
            {t(approve ? 'knownHosts.ui.approve' : 'knownHosts.ui.remove')}
          </DialogTitle>
          <DialogContent data-testid="host-key-question" sx={{ fontSize: 14, '& code': { fontFamily: MONO_FONT, fontSize: 12.5, overflowWrap: 'anywhere' } }}>
            {approve ? t('knownHosts.ui.approveQuestion', { fingerprint: problem.fingerprint, host: where }) : t('knownHosts.ui.removeQuestion', { host: where })}
          </DialogContent>
          <DialogActions sx={{ px: 3, pb: 2 }}>
            <Button onClick={() => setAsking(false)} disabled={busy}>
              {t('knownHosts.ui.cancel')}
            </Button>
            <Button variant="contained" color={approve ? 'primary' : 'error'} data-testid="host-key-confirm" onClick={() => void confirm()} disabled={busy}>
              {t('knownHosts.ui.confirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}
