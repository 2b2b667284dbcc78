/**
 * Export support bundle… (docs/support-bundle.md): reachable from every screen (the navigation rail).
 * The dialog says what goes in, that redaction is on by default and what it replaces, where the mapping
 * is kept (beside the zip, never in it), then asks main to write the bundle where the admin chooses and
 * shows the result line.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Checkbox from '@mui/material/Checkbox';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import { BUNDLE_FILES } from '../../../shared/bundle/bundle-contents';
import type { BundleExportResult } from '../../../shared/bundle/bundle-channels';
import { errorMessage, getApi } from '../api';
import { useI18n } from '../i18n';
import { useAsync } from '../use-async';

type State = { kind: 'idle' } | { kind: 'working' } | { kind: 'done'; result: BundleExportResult } | { kind: 'failed'; message: string };

/** The rail's entry: a quiet button that opens the dialog. */
export function SupportBundleEntry() {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <ButtonBase
        disableRipple
        data-testid="support-bundle-open"
        onClick={() => setOpen(true)}
        sx={{
          width: '100%',
          justifyContent: 'flex-start',
          textAlign: 'left',
          px: 1,
          py: 0.6,
          mb: 1,
          borderRadius: 1,
          fontSize: 12,
          color: 'inherit',
          opacity: 0.85,
          '&:hover': { bgcolor: 'rgba(255,255,255,0.07)', opacity: 1 },
          '&.Mui-focusVisible': { outline: '2px solid #7fb3ff', outlineOffset: -2 },
        }}
      >
        {t('bundle.dialog.open')}
      </ButtonBase>
      {open && <SupportBundleDialog onClose={() => setOpen(false)} />}
    </>
  );
}

export function SupportBundleDialog({ onClose }: { readonly onClose: () => void }) {
  const { t } = useI18n();
  const [redact, setRedact] = useState(true);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const summary = useAsync(() => getApi().org.summary(), [], true);
  const source = summary.status === 'ready' ? summary.value.source.label : '…';
  const run = async () => {
    setState({ kind: 'working' });
    try {
      setState({ kind: 'done', result: await getApi().bundle.export({ redact }) });
    } catch (e) {
      setState({ kind: 'failed', message: errorMessage(e) });
    }
  };
  return (
    <Dialog open onClose={onClose} maxWidth="sm" fullWidth aria-labelledby="support-bundle-title" data-testid="support-bundle-dialog">
      <DialogTitle id="support-bundle-title" sx={{ fontSize: 16, fontWeight: 600 }}>
        {t('bundle.dialog.title')}
      </DialogTitle>
      <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
        <Typography sx={{ fontSize: 13 }}>{t('bundle.dialog.intro', { source })}</Typography>
        <Typography sx={{ fontSize: 13, fontWeight: 600 }}>{t('bundle.dialog.contents')}</Typography>
        <Box component="ul" data-testid="support-bundle-contents" sx={{ m: 0, pl: 2.5, fontSize: 12.5, display: 'flex', flexDirection: 'column', gap: 0.25 }}>
          {BUNDLE_FILES.map((f) => (
            <li key={f}>
              {/* A file name is shown as written in the zip. */}
              <Box component="code" translate="no" sx={{ fontSize: 12 }}>
                {f}
              </Box>{' '}
              {t(`bundle.file.${f}`)}
            </li>
          ))}
        </Box>
        <FormControlLabel
          control={<Checkbox checked={redact} onChange={(e) => setRedact(e.target.checked)} slotProps={{ input: { 'data-testid': 'support-bundle-redact' } as object }} />}
          label={<Typography sx={{ fontSize: 13, fontWeight: 600 }}>{t('bundle.dialog.redact')}</Typography>}
        />
        {redact ? (
          <>
            <Typography sx={{ fontSize: 12.5, color: 'text.secondary' }}>{t('bundle.dialog.redactHelp')}</Typography>
            <Typography sx={{ fontSize: 12.5, color: 'text.secondary' }}>{t('bundle.dialog.mapping')}</Typography>
          </>
        ) : (
          <Alert severity="warning" data-testid="support-bundle-not-redacted">
            {t('bundle.dialog.notRedacted')}
          </Alert>
        )}
        <Typography sx={{ fontSize: 12.5, color: 'text.secondary' }}>{t('bundle.dialog.never')}</Typography>
        <Box data-testid="support-bundle-result" role="status" sx={{ minHeight: 24 }}>
          {state.kind === 'working' && <Typography sx={{ fontSize: 13 }}>{t('bundle.dialog.working')}</Typography>}
          {state.kind === 'failed' && <Alert severity="error">{t('bundle.dialog.failed', { message: state.message })}</Alert>}
          {state.kind === 'done' && state.result.path === null && <Typography sx={{ fontSize: 13 }}>{t('bundle.dialog.cancelled')}</Typography>}
          {state.kind === 'done' && state.result.path !== null && (
            <Alert severity="success" sx={{ overflowWrap: 'anywhere' }}>
              <div data-testid="support-bundle-written">{t('bundle.dialog.done', { file: state.result.path, files: state.result.files, kb: Math.max(1, Math.round(state.result.bytes / 1024)) })}</div>
              {state.result.mappingPath && <div data-testid="support-bundle-mapping">{t('bundle.dialog.doneMapping', { file: state.result.mappingPath })}</div>}
            </Alert>
          )}
        </Box>
      </DialogContent>
      <DialogActions>
        <Button data-testid="support-bundle-close" onClick={onClose}>
          {t('bundle.dialog.close')}
        </Button>
        <Button variant="contained" data-testid="support-bundle-export" disabled={state.kind === 'working'} onClick={() => void run()}>
          {t('bundle.dialog.export')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
