/**
 * "Test with a real call" on the Users screen (docs/voicemail-tests.md): Skype for Business's synthetic
 * transaction against the selected user's voice mail, as a test user stored once (its password goes to the
 * main process and the OS key store, never back here). Test-CsExUMVoiceMail leaves a voice mail: the exact
 * command is shown and confirmed first. The result is placed on the call path above (the hop that failed is
 * marked), explained in plain words, with the cmdlet's raw output in code font, never translated.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import MenuItem from '@mui/material/MenuItem';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { useEffect, useState } from 'react';
import type { HopKind, UserVerdict } from '../../../../shared/users/user-model';
import type { TestCredentialView, VoicemailPreviewView } from '../../../../shared/voicemail/voicemail-channels';
import type { SyntheticTestResult } from '../../../../shared/voicemail/task-output';
import { errorMessage, getApi } from '../../api';
import { CmdletBlock } from '../../components/cmdlet-block';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { VerdictView } from './verdict-view';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';

type Kind = 'voicemail' | 'connectivity';

/** The verdict with the test panel under it; a failed test marks its hop on the verdict's call path. */
export function VerdictWithTest({ verdict, onOpenFinding }: { verdict: UserVerdict; onOpenFinding?: (finding: Diagnostic) => void }) {
  const [result, setResult] = useState<SyntheticTestResult | null>(null);
  useEffect(() => setResult(null), [verdict.sipAddress]);
  // The hop marks the path of the user the result is about (Test-CsExUMConnectivity tests the test user's own path).
  const failedHop: HopKind | null = result && !result.facts.passed && result.sipAddress.toLowerCase() === verdict.sipAddress.toLowerCase() ? result.placement.hop : null;
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      <VerdictView verdict={verdict} onOpenFinding={onOpenFinding} failedHop={failedHop} />
      <VoicemailTestPanel sipAddress={verdict.sipAddress} result={result} onResult={setResult} />
    </Box>
  );
}

function VoicemailTestPanel({ sipAddress, result, onResult }: { sipAddress: string; result: SyntheticTestResult | null; onResult: (r: SyntheticTestResult | null) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [credentials, setCredentials] = useState<readonly TestCredentialView[] | null>(null);
  const [credential, setCredential] = useState('');
  const [kind, setKind] = useState<Kind>('voicemail');
  const [adding, setAdding] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<VoicemailPreviewView | null>(null);

  useEffect(() => {
    if (!open || credentials) return;
    getApi()
      .voicemailTest.credentials({})
      .then(
        (list) => {
          setCredentials(list);
          setCredential((c) => c || list[0]?.name || '');
        },
        (e: unknown) => setError(errorMessage(e)),
      );
  }, [open, credentials]);

  if (!open)
    return (
      <Box>
        <Button variant="outlined" size="small" data-testid="voicemail-test-open" onClick={() => setOpen(true)}>
          {t('voicemailTest.ui.section')}
        </Button>
      </Box>
    );

  const request = { kind, credential, sipAddress };
  const run = async (confirmed: boolean) => {
    setBusy(true);
    setError(null);
    try {
      onResult(await getApi().voicemailTest.run({ ...request, confirmed }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };
  const start = async () => {
    setError(null);
    onResult(null);
    try {
      const preview = await getApi().voicemailTest.preview(request);
      if (preview.leavesVoiceMail) setConfirm(preview);
      else await run(false);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <Box data-testid="voicemail-test" sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="h3" component="h3">
        {t('voicemailTest.ui.section')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('voicemailTest.ui.intro')}
      </Typography>
      <Box sx={{ display: 'flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
        {credentials && credentials.length > 0 ? (
          <TextField
            select
            size="small"
            label={t('voicemailTest.ui.credential')}
            value={credential}
            onChange={(e) => setCredential(e.target.value)}
            sx={{ minWidth: 220 }}
            slotProps={{ htmlInput: { 'data-testid': 'voicemail-test-credential' } }}
          >
            {credentials.map((c) => (
              <MenuItem key={c.name} value={c.name} translate="no">
                {c.name} ({c.sipAddress})
              </MenuItem>
            ))}
          </TextField>
        ) : (
          <Typography variant="body2" color="text.secondary" data-testid="voicemail-test-no-credential">
            {t('voicemailTest.ui.noCredential')}
          </Typography>
        )}
        <Button size="small" data-testid="voicemail-test-add-credential" onClick={() => setAdding(true)}>
          {t('voicemailTest.ui.addCredential')}
        </Button>
      </Box>
      {adding && (
        <CredentialForm
          onCancel={() => setAdding(false)}
          onSaved={(list, name) => {
            setCredentials(list);
            setCredential(name);
            setAdding(false);
          }}
        />
      )}
      <RadioGroup row value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <FormControlLabel value="voicemail" control={<Radio size="small" />} label={t('voicemailTest.ui.kind.voicemail')} data-testid="voicemail-test-kind-voicemail" />
        <FormControlLabel value="connectivity" control={<Radio size="small" />} label={t('voicemailTest.ui.kind.connectivity')} data-testid="voicemail-test-kind-connectivity" />
      </RadioGroup>
      <Box>
        <Button variant="contained" size="small" data-testid="voicemail-test-run" disabled={busy || !credential} onClick={() => void start()}>
          {busy ? t('voicemailTest.ui.running') : t('voicemailTest.ui.run')}
        </Button>
      </Box>
      {error && (
        <Alert severity="error" data-testid="voicemail-test-error">
          {error}
        </Alert>
      )}
      {result && <ResultView result={result} />}
      <Dialog open={confirm !== null} onClose={() => setConfirm(null)} maxWidth="md" fullWidth>
        <DialogTitle>{t('voicemailTest.ui.confirmTitle')}</DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
          <Typography variant="body2">{confirm && t('voicemailTest.ui.confirmText', { target: confirm.target, sip: confirm.sipAddress })}</Typography>
          <Box translate="no" data-testid="voicemail-test-preview-command">
            {confirm && <CmdletBlock cmdlets={[confirm.command]} />}
          </Box>
        </DialogContent>
        <DialogActions>
          <Button data-testid="voicemail-test-cancel" onClick={() => setConfirm(null)}>
            {t('voicemailTest.ui.form.cancel')}
          </Button>
          <Button
            variant="contained"
            data-testid="voicemail-test-confirm"
            onClick={() => {
              setConfirm(null);
              void run(true);
            }}
          >
            {t('voicemailTest.ui.confirm')}
          </Button>
        </DialogActions>
      </Dialog>
    </Box>
  );
}

function CredentialForm({ onCancel, onSaved }: { onCancel: () => void; onSaved: (list: readonly TestCredentialView[], name: string) => void }) {
  const { t } = useI18n();
  const [v, setV] = useState({ name: '', userName: '', sipAddress: '', password: '' });
  const [error, setError] = useState<string | null>(null);
  const field = (key: keyof typeof v, label: string, type = 'text') => (
    <TextField
      size="small"
      type={type}
      label={label}
      value={v[key]}
      onChange={(e) => setV({ ...v, [key]: e.target.value })}
      autoComplete={type === 'password' ? 'new-password' : 'off'}
      slotProps={{ htmlInput: { 'data-testid': `voicemail-test-form-${key}` } }}
    />
  );
  const save = async () => {
    setError(null);
    try {
      const list = await getApi().voicemailTest.saveCredential(v);
      onSaved(list, v.name.trim());
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <Box data-testid="voicemail-test-form" sx={{ display: 'flex', flexDirection: 'column', gap: 1, p: 1, bgcolor: '#f7f8fa', borderRadius: 1 }}>
      <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))', gap: 1 }}>
        {field('name', t('voicemailTest.ui.form.name'))}
        {field('userName', t('voicemailTest.ui.form.account'))}
        {field('sipAddress', t('voicemailTest.ui.form.sip'))}
        {field('password', t('voicemailTest.ui.form.password'), 'password')}
      </Box>
      <Typography variant="body2" color="text.secondary">
        {t('voicemailTest.ui.form.note')}
      </Typography>
      {error && (
        <Alert severity="error" data-testid="voicemail-test-form-error">
          {error}
        </Alert>
      )}
      <Box sx={{ display: 'flex', gap: 1 }}>
        <Button variant="contained" size="small" data-testid="voicemail-test-form-save" onClick={() => void save()}>
          {t('voicemailTest.ui.form.save')}
        </Button>
        <Button size="small" data-testid="voicemail-test-form-cancel" onClick={onCancel}>
          {t('voicemailTest.ui.form.cancel')}
        </Button>
      </Box>
    </Box>
  );
}

/** The result: passed, or the hop that failed with the plain-words explanation; then the command and the raw output. */
function ResultView({ result }: { result: SyntheticTestResult }) {
  const { t, td } = useI18n();
  const k = result.placement.kind;
  const title = td(`voicemailTest.kind.${k}.title`);
  const passed = result.facts.passed;
  const headline = passed
    ? t('voicemailTest.result.passed', { cmdlet: result.cmdlet, sip: result.sipAddress, latency: result.facts.latencyMs ?? 0 })
    : result.placement.hop
      ? t('voicemailTest.result.failedAt', { hop: td(`users.hop.kind.${result.placement.hop}`), title })
      : t('voicemailTest.result.failedNoHop', { title });
  return (
    <Box data-testid="voicemail-test-result" data-passed={String(passed)} data-hop={result.placement.hop ?? ''} data-kind={k} sx={{ display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Alert severity={passed ? 'success' : 'error'} data-testid="voicemail-test-headline">
        <Box sx={{ fontWeight: 600 }}>{headline}</Box>
        {!passed && (
          <Box data-testid="voicemail-test-explanation" sx={{ mt: 0.5 }}>
            {td(`voicemailTest.kind.${k}.explain`)}
          </Box>
        )}
        {!passed && result.placement.hop && (
          <Box sx={{ mt: 0.5, fontStyle: 'italic' }}>{t(result.placement.pathAgrees ? 'voicemailTest.result.pathAgrees' : 'voicemailTest.result.pathDisagrees')}</Box>
        )}
      </Alert>
      <Typography variant="caption" color="text.secondary">
        {t('voicemailTest.ui.command')}
      </Typography>
      <Box translate="no">
        <CmdletBlock cmdlets={[result.command]} />
      </Box>
      <Typography variant="caption" color="text.secondary">
        {t('voicemailTest.ui.raw')}
      </Typography>
      <Box
        component="pre"
        translate="no"
        data-testid="voicemail-test-raw"
        sx={{
          m: 0,
          p: 1,
          fontFamily: MONO_FONT,
          fontSize: 12,
          whiteSpace: 'pre-wrap',
          overflowWrap: 'anywhere',
          bgcolor: '#f3f4f6',
          borderRadius: 1,
          borderLeft: 3,
          borderLeftColor: passed ? '#2e7d32' : SEVERITY_COLOR.error.main,
        }}
      >
        {result.raw}
      </Box>
    </Box>
  );
}
