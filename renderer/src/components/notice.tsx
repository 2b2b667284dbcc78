/** Loading and error lines: a request never leaves a blank area behind. */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import CircularProgress from '@mui/material/CircularProgress';
import { useT } from '../i18n';

export function LoadingNotice({ text }: { text?: string }) {
  const t = useT();
  return (
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2, color: 'text.secondary' }}>
      <CircularProgress size={14} />
      <span>{text ?? t('status.loading')}</span>
    </Box>
  );
}

/** `message` is already readable (the bridge rejects with Error(message)); shown as is. */
export function ErrorNotice({ message }: { message: string }) {
  const t = useT();
  return (
    <Alert severity="error" sx={{ m: 2 }}>
      {t('app.error', { message })}
    </Alert>
  );
}
