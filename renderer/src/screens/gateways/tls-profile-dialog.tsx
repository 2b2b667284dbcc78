/**
 * A TLS target's profile: the CA bundle to trust and the client certificate (PFX) for mutual TLS
 * (main/services/sip/tls-profiles.ts). The PFX password lives in this dialog's state until Save hands
 * it to one gateways.setTlsProfile call (main keeps it in the secret store) and is cleared at once;
 * it is never shown again — the dialog only learns that one is kept.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import type { GatewayTarget } from '../../../../shared/sip/gateway-channels';
import { errorMessage } from '../../api';
import { useI18n } from '../../i18n';

interface Props {
  readonly target: GatewayTarget;
  readonly onSave: (caFile: string | null, clientPfxFile: string | null, pfxPassword: string | null | undefined) => Promise<void>;
  readonly onRemove: () => Promise<void>;
  readonly onChoose: () => Promise<string | null>;
  readonly onClose: () => void;
}

export function TlsProfileDialog({ target, onSave, onRemove, onChoose, onClose }: Props) {
  const { t } = useI18n();
  const profile = target.tlsProfile;
  const [caFile, setCaFile] = useState(profile?.caFile ?? '');
  const [pfxFile, setPfxFile] = useState(profile?.clientPfxFile ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    try {
      await action();
      onClose();
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const save = (e: FormEvent) => {
    e.preventDefault();
    const p = password;
    setPassword('');
    // An empty field keeps the kept password (when there is one); a typed one replaces it.
    void run(() => onSave(caFile.trim() || null, pfxFile.trim() || null, p !== '' ? p : profile?.hasPassword ? undefined : null));
  };
  const choose = async (set: (v: string) => void) => {
    const path = await onChoose();
    if (path) set(path);
  };

  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="tls-profile-title" data-testid="tls-profile-dialog" data-target={target.raw}>
      <form onSubmit={save} autoComplete="off">
        <DialogTitle id="tls-profile-title" sx={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
          {t('gatewayHistory.profile.title', { target: target.raw })}
        </DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <Typography sx={{ color: 'text.secondary' }}>{t('gatewayHistory.profile.help')}</Typography>
          {error && (
            <Alert severity="error" data-testid="tls-profile-error">
              {error}
            </Alert>
          )}
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start', mt: 0.5 }}>
            <TextField
              fullWidth
              size="small"
              label={t('gatewayHistory.profile.caFile')}
              value={caFile}
              onChange={(e) => setCaFile(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'tls-profile-ca', spellCheck: false }, inputLabel: { shrink: true } }}
            />
            <Button data-testid="tls-profile-choose-ca" onClick={() => void choose(setCaFile)} sx={{ whiteSpace: 'nowrap' }}>
              {t('gatewayHistory.profile.choose')}
            </Button>
          </Box>
          <Box sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
            <TextField
              fullWidth
              size="small"
              label={t('gatewayHistory.profile.clientPfx')}
              value={pfxFile}
              onChange={(e) => setPfxFile(e.target.value)}
              slotProps={{ htmlInput: { 'data-testid': 'tls-profile-pfx', spellCheck: false }, inputLabel: { shrink: true } }}
            />
            <Button data-testid="tls-profile-choose-pfx" onClick={() => void choose(setPfxFile)} sx={{ whiteSpace: 'nowrap' }}>
              {t('gatewayHistory.profile.choose')}
            </Button>
          </Box>
          <TextField
            type="password"
            size="small"
            label={t('gatewayHistory.profile.password')}
            helperText={profile?.hasPassword ? t('gatewayHistory.profile.passwordKept') : undefined}
            value={password}
            disabled={pfxFile.trim() === ''}
            onChange={(e) => setPassword(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'tls-profile-password', autoComplete: 'off', spellCheck: false } }}
          />
        </DialogContent>
        <DialogActions>
          {profile && (
            <Button color="warning" data-testid="tls-profile-remove" disabled={busy} onClick={() => void run(onRemove)} sx={{ mr: 'auto' }}>
              {t('gatewayHistory.profile.remove')}
            </Button>
          )}
          <Button data-testid="tls-profile-cancel" onClick={onClose}>
            {t('gatewayHistory.profile.cancel')}
          </Button>
          <Button type="submit" variant="contained" data-testid="tls-profile-save" disabled={busy}>
            {t('gatewayHistory.profile.save')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
