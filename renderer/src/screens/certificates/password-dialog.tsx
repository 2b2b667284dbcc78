/**
 * The PFX password, asked for one file. The password lives in this dialog's state until the user
 * submits it, is handed to one certificates.inspect call, and is cleared here at once: never
 * stored, never logged, never in a URL.
 */
import Alert from '@mui/material/Alert';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n';

interface Props {
  readonly file: string;
  /** The last try was wrong: say so. */
  readonly wrong: boolean;
  readonly onSubmit: (password: string) => void;
  readonly onCancel: () => void;
}

export function PasswordDialog({ file, wrong, onSubmit, onCancel }: Props) {
  const { t } = useI18n();
  const [password, setPassword] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const p = password;
    setPassword('');
    onSubmit(p);
  };
  const cancel = () => {
    setPassword('');
    onCancel();
  };
  return (
    <Dialog open onClose={cancel} maxWidth="xs" fullWidth aria-labelledby="pfx-password-title" data-testid="pfx-password-dialog" data-file={file}>
      <form onSubmit={submit} autoComplete="off">
        <DialogTitle id="pfx-password-title" sx={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
          {t('certificates.password.title', { file })}
        </DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
          <Typography sx={{ color: 'text.secondary' }}>{t('certificates.password.body')}</Typography>
          {wrong && (
            <Alert severity="error" data-testid="pfx-password-wrong">
              {t('certificates.password.wrong')}
            </Alert>
          )}
          <TextField
            type="password"
            autoFocus
            fullWidth
            label={t('certificates.password.label')}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            slotProps={{ htmlInput: { 'data-testid': 'pfx-password', autoComplete: 'off', spellCheck: false } }}
          />
        </DialogContent>
        <DialogActions>
          <Button data-testid="pfx-password-cancel" onClick={cancel}>
            {t('certificates.password.cancel')}
          </Button>
          <Button type="submit" variant="contained" data-testid="pfx-password-submit">
            {t('certificates.password.submit')}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
