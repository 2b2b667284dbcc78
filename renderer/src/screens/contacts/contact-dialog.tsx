/**
 * Create / edit / move / remove one contact: the form, validated as it is typed
 * (contacts.validate, debounced; errors block Next, warnings must each be ticked), then the preview
 * — the exact cmdlets, the object as read just now, what stops working on a removal — then Apply,
 * and the result: applied (the object after), stale (nothing written: what changed since it was
 * shown), refused / failed (the server's words). Back from a refusal keeps everything typed.
 */
import Alert from '@mui/material/Alert';
import Autocomplete from '@mui/material/Autocomplete';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Checkbox from '@mui/material/Checkbox';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import FormControlLabel from '@mui/material/FormControlLabel';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { type ReactNode, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ContactApplyResult, ContactPreview } from '../../../../shared/contacts/contact-channels';
import type { ContactsView } from '../../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { errorMessage, getApi } from '../../api';
import { CmdletBlock } from '../../components/cmdlet-block';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import {
  acknowledgedFor,
  applyPilot,
  canApply,
  canGoNext,
  changedFields,
  type ContactForm,
  type DialogMode,
  type FormField,
  generalIssues,
  initialForm,
  issuesFor,
  operationFor,
  optionsWith,
  pilotValue,
  VALIDATE_DEBOUNCE_MS,
  warningRules,
} from './contact-form';
import { Acknowledgements, IssueLine, IssueList, useTickedRules } from './contact-issues';
import { ContactObject, useFieldLabel } from './contact-object-table';

type Step = 'form' | 'preview' | 'result';

interface Props {
  readonly mode: DialogMode;
  readonly view: ContactsView;
  /** `changed`: something was written (the list must be read again). */
  readonly onClose: (changed: boolean) => void;
}

export function ContactDialog({ mode, view, onClose }: Props) {
  const { t } = useI18n();
  const original = useMemo(() => initialForm(mode, view.ous, view.pools), [mode, view.ous, view.pools]);
  const [form, setForm] = useState<ContactForm>(original);
  const [targetPool, setTargetPool] = useState('');
  const [issues, setIssues] = useState<readonly Diagnostic[]>([]);
  const [validatedKey, setValidatedKey] = useState<string | null>(null);
  const [ticked, toggle] = useTickedRules();
  const [step, setStep] = useState<Step>(mode.op === 'remove' ? 'preview' : 'form');
  const [preview, setPreview] = useState<ContactPreview | null>(null);
  const [result, setResult] = useState<ContactApplyResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const changed = useRef(false);

  const operation = useMemo(() => operationFor(mode, form, targetPool), [mode, form, targetPool]);
  const opKey = JSON.stringify(operation);

  // Validation as the admin types: one call per pause, a late answer for an older form is dropped.
  useEffect(() => {
    if (mode.op === 'remove' || operation === null || step !== 'form') return;
    let live = true;
    const timer = window.setTimeout(() => {
      getApi()
        .contacts.validate({ operation })
        .then(
          (r) => {
            if (!live) return;
            setIssues(r.issues);
            setValidatedKey(opKey);
            setError(null);
          },
          (e: unknown) => live && setError(errorMessage(e)),
        );
    }, VALIDATE_DEBOUNCE_MS);
    return () => {
      live = false;
      window.clearTimeout(timer);
    };
    // opKey stands for the operation's content
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [opKey, step, mode.op]);

  const runPreview = useCallback(async () => {
    const op = operation;
    if (!op) return;
    setBusy(true);
    setError(null);
    try {
      setPreview(await getApi().contacts.preview({ operation: op }));
      setStep('preview');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }, [operation]);

  // A removal has no form: its preview (with what stops working) is the first thing shown.
  const started = useRef(false);
  useEffect(() => {
    if (mode.op !== 'remove' || started.current) return;
    started.current = true;
    void runPreview();
  }, [mode.op, runPreview]);

  const apply = async () => {
    if (!preview) return;
    setBusy(true);
    setError(null);
    try {
      const r = await getApi().contacts.apply({ token: preview.token, acknowledged: acknowledgedFor(preview.acknowledge, ticked) });
      // Applied, or sent and settled by reading the contact back after an answer that never came
      // (docs/live-sessions.md, "The audit log"): the list shows the contact as the server holds it.
      if (r.outcome === 'applied' || r.outcome === 'unknown' || (r.outcome === 'failed' && r.after !== null)) changed.current = true;
      setResult(r);
      setStep('result');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  const back = () => {
    setStep('form');
    setPreview(null);
    setResult(null);
    setError(null);
  };
  const close = () => onClose(changed.current);

  const validated = validatedKey === opKey;
  const unchanged = mode.op === 'edit' && changedFields(original, form).length === 0;
  const samePool = mode.op === 'move' && targetPool.trim().toLowerCase() === mode.contact.registrarPool.toLowerCase();
  const nextEnabled = operation !== null && validated && canGoNext(issues, ticked) && !unchanged && !samePool && !busy;

  const title =
    mode.op === 'create'
      ? t('contacts.dialog.create')
      : mode.op === 'edit'
        ? t('contacts.dialog.edit', { name: mode.contact.displayName || mode.contact.sipAddress })
        : mode.op === 'move'
          ? t('contacts.dialog.move', { name: mode.contact.displayName || mode.contact.sipAddress })
          : t('contacts.dialog.remove', { name: mode.contact.displayName || mode.contact.sipAddress });

  return (
    <Dialog open onClose={busy ? undefined : close} maxWidth="md" fullWidth aria-labelledby="contact-dialog-title" data-testid="contact-dialog" data-op={mode.op} data-step={step}>
      <DialogTitle id="contact-dialog-title" sx={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
        {title}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {step === 'form' && mode.op !== 'remove' && mode.op !== 'move' && <FormStep form={form} setForm={setForm} view={view} issues={issues} edit={mode.op === 'edit'} />}
        {step === 'form' && mode.op === 'move' && <MoveStep current={mode.contact.registrarPool} pools={view.pools} targetPool={targetPool} setTargetPool={setTargetPool} issues={issues} />}
        {step === 'form' && mode.op !== 'remove' && (
          <>
            <Acknowledgements rules={warningRules(issues)} issues={issues} ticked={ticked} onToggle={toggle} />
            {unchanged && (
              <Typography variant="body2" color="text.secondary" data-testid="contact-unchanged">
                {t('contacts.dialog.unchanged')}
              </Typography>
            )}
          </>
        )}
        {step === 'preview' && !preview && !error && <CircularProgress size={18} />}
        {step === 'preview' && preview && <PreviewStep preview={preview} ticked={ticked} onToggle={toggle} />}
        {step === 'result' && result && <ResultStep result={result} />}
        {error && (
          <Alert severity="error" data-testid="contact-dialog-error">
            {t('contacts.dialog.error', { message: error })}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {busy && <CircularProgress size={16} sx={{ mr: 1 }} />}
        {step === 'form' && (
          <>
            <Button data-testid="contact-cancel" onClick={close}>
              {t('contacts.dialog.cancel')}
            </Button>
            <Button variant="contained" data-testid="contact-next" disabled={!nextEnabled} onClick={() => void runPreview()}>
              {t('contacts.dialog.next')}
            </Button>
          </>
        )}
        {step === 'preview' && (
          <>
            {mode.op !== 'remove' && (
              <Button data-testid="contact-back" onClick={back} disabled={busy}>
                {t('contacts.dialog.back')}
              </Button>
            )}
            <Button data-testid="contact-cancel" onClick={close} disabled={busy}>
              {t('contacts.dialog.cancel')}
            </Button>
            {preview && (
              <Button variant="contained" color={mode.op === 'remove' ? 'error' : 'primary'} data-testid="contact-apply" disabled={busy || !canApply(preview, ticked)} onClick={() => void apply()}>
                {t(mode.op === 'remove' ? 'contacts.dialog.applyRemove' : 'contacts.dialog.apply')}
              </Button>
            )}
          </>
        )}
        {step === 'result' && result && (
          <>
            {(result.outcome === 'refused' || result.outcome === 'failed') && mode.op !== 'remove' && (
              <Button data-testid="contact-back" onClick={back}>
                {t('contacts.dialog.backToForm')}
              </Button>
            )}
            {result.outcome === 'stale' ? (
              <Button variant="contained" data-testid="contact-reload" onClick={() => onClose(true)}>
                {t('contacts.dialog.reload')}
              </Button>
            ) : (
              <Button variant="contained" data-testid="contact-close" onClick={close}>
                {t('contacts.dialog.close')}
              </Button>
            )}
          </>
        )}
      </DialogActions>
    </Dialog>
  );
}

const FIELDS_SHOWN: readonly FormField[] = ['ou', 'sipAddress', 'registrarPool', 'displayNumber', 'kind', 'description', 'enabled', 'enterpriseVoiceEnabled'];

function FieldIssues({ issues, field }: { issues: readonly Diagnostic[]; field: FormField }) {
  const mine = issuesFor(issues, field);
  if (mine.length === 0) return null;
  return (
    <Box sx={{ mt: 0.25 }}>
      {mine.map((i, n) => (
        <IssueLine key={`${i.rule}-${n}`} issue={i} dense />
      ))}
    </Box>
  );
}

function Field({ field, issues, children }: { field: FormField; issues: readonly Diagnostic[]; children: ReactNode }) {
  return (
    <Box data-field={field}>
      {children}
      <FieldIssues issues={issues} field={field} />
    </Box>
  );
}

function testIdInput(field: FormField): Record<string, string> {
  return { 'data-testid': `contact-field-${field}`, spellCheck: 'false' };
}

function FormStep({
  form,
  setForm,
  view,
  issues,
  edit,
}: {
  form: ContactForm;
  setForm: (f: (prev: ContactForm) => ContactForm) => void;
  view: ContactsView;
  issues: readonly Diagnostic[];
  edit: boolean;
}) {
  const { t } = useI18n();
  const set = <K extends keyof ContactForm>(key: K, value: ContactForm[K]) => setForm((f) => ({ ...f, [key]: value }));
  const hasErr = (field: FormField) => issuesFor(issues, field).some((i) => i.severity === 'error');
  const pools = optionsWith(view.pools, form.registrarPool);
  const general = generalIssues(issues, FIELDS_SHOWN);
  const pilotChoice = view.pilotNumbers.find((p) => p.number === form.displayNumber && p.kind === form.kind);

  return (
    <Box data-testid="contact-form" sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <Field field="ou" issues={issues}>
          <Autocomplete
            freeSolo
            options={view.ous as string[]}
            inputValue={form.ou}
            onInputChange={(_, v) => set('ou', v)}
            renderInput={(params) => (
              <TextField
                {...params}
                size="small"
                label={t('contacts.field.ou')}
                helperText={t('contacts.field.ouHelp')}
                error={hasErr('ou')}
                slotProps={{ ...params.slotProps, htmlInput: { ...params.slotProps.htmlInput, ...testIdInput('ou') } }}
              />
            )}
          />
        </Field>
      </Box>
      {/* No *-CsExUmContact cmdlet takes a display name (their reference pages, docs/contact-objects.md §2): an edit shows the server's, read-only; a creation has none to type. */}
      {edit && (
        <TextField
          fullWidth
          size="small"
          label={t('contactEditor.field.displayName')}
          value={form.name}
          helperText={t('contactEditor.field.displayNameHelp')}
          slotProps={{ input: { readOnly: true }, htmlInput: { 'data-testid': 'contact-display-name', tabIndex: -1 } }}
        />
      )}
      <Field field="sipAddress" issues={issues}>
        <TextField
          fullWidth
          size="small"
          label={t('contacts.field.sipAddress')}
          placeholder="sip:exum-sa@contoso.com"
          value={form.sipAddress}
          onChange={(e) => set('sipAddress', e.target.value)}
          error={hasErr('sipAddress')}
          slotProps={{ htmlInput: testIdInput('sipAddress') }}
        />
      </Field>
      <Field field="registrarPool" issues={issues}>
        <TextField
          select
          fullWidth
          size="small"
          label={t('contacts.field.registrarPool')}
          value={form.registrarPool}
          onChange={(e) => set('registrarPool', e.target.value)}
          error={hasErr('registrarPool')}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: testIdInput('registrarPool') }}
        >
          <option value="">{t('contacts.field.choose')}</option>
          {pools.map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
        </TextField>
      </Field>
      <Field field="kind" issues={issues}>
        <TextField
          select
          fullWidth
          size="small"
          label={t('contacts.field.kind')}
          value={form.kind}
          onChange={(e) => set('kind', e.target.value === 'autoAttendant' ? 'autoAttendant' : 'subscriberAccess')}
          error={hasErr('kind')}
          slotProps={{ select: { native: true }, htmlInput: testIdInput('kind') }}
        >
          <option value="subscriberAccess">{t('contacts.kind.subscriberAccess')}</option>
          <option value="autoAttendant">{t('contacts.kind.autoAttendant')}</option>
        </TextField>
      </Field>
      <Field field="displayNumber" issues={issues}>
        <TextField
          fullWidth
          size="small"
          label={t('contacts.field.displayNumber')}
          placeholder="+14255550100"
          value={form.displayNumber}
          onChange={(e) => set('displayNumber', e.target.value)}
          error={hasErr('displayNumber')}
          slotProps={{ htmlInput: testIdInput('displayNumber') }}
        />
      </Field>
      <TextField
        select
        fullWidth
        size="small"
        label={t('contacts.field.pilot')}
        value={pilotChoice ? pilotValue(pilotChoice) : ''}
        onChange={(e) => {
          const pilot = view.pilotNumbers.find((p) => pilotValue(p) === e.target.value);
          if (pilot) setForm((f) => applyPilot(f, pilot));
        }}
        disabled={view.pilotNumbers.length === 0}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'contact-pilot-select' } }}
      >
        <option value="">{view.pilotNumbers.length === 0 ? t('contacts.field.noPilot') : t('contacts.field.choose')}</option>
        {view.pilotNumbers.map((p) => (
          <option key={pilotValue(p)} value={pilotValue(p)}>
            {p.autoAttendant
              ? t('contacts.field.pilotAa', { number: p.number, dialPlan: p.dialPlan, autoAttendant: p.autoAttendant })
              : t('contacts.field.pilotOva', { number: p.number, dialPlan: p.dialPlan })}
          </option>
        ))}
      </TextField>
      <Box sx={{ gridColumn: '1 / -1' }}>
        <Field field="description" issues={issues}>
          <TextField
            fullWidth
            size="small"
            multiline
            minRows={1}
            maxRows={4}
            label={t('contacts.field.description')}
            value={form.description}
            onChange={(e) => set('description', e.target.value)}
            error={hasErr('description')}
            slotProps={{ htmlInput: testIdInput('description') }}
          />
        </Field>
      </Box>
      {edit && (
        <Field field="enabled" issues={issues}>
          <FormControlLabel
            control={<Checkbox size="small" checked={form.enabled} onChange={(e) => set('enabled', e.target.checked)} slotProps={{ input: testIdInput('enabled') }} />}
            label={t('contacts.field.enabled')}
          />
        </Field>
      )}
      {edit && (
        <Field field="enterpriseVoiceEnabled" issues={issues}>
          <FormControlLabel
            control={
              <Checkbox
                size="small"
                checked={form.enterpriseVoiceEnabled}
                onChange={(e) => set('enterpriseVoiceEnabled', e.target.checked)}
                slotProps={{ input: testIdInput('enterpriseVoiceEnabled') }}
              />
            }
            label={t('contactEditor.field.enterpriseVoiceEnabled')}
          />
        </Field>
      )}
      {general.length > 0 && (
        <Box sx={{ gridColumn: '1 / -1' }} data-testid="contact-general-issues">
          <IssueList issues={general} />
        </Box>
      )}
    </Box>
  );
}

function MoveStep({
  current,
  pools,
  targetPool,
  setTargetPool,
  issues,
}: {
  current: string;
  pools: readonly string[];
  targetPool: string;
  setTargetPool: (p: string) => void;
  issues: readonly Diagnostic[];
}) {
  const { t } = useI18n();
  return (
    <Box data-testid="contact-form" sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Typography variant="body2">{t('contacts.move.current', { pool: current })}</Typography>
      <TextField
        select
        size="small"
        label={t('contacts.move.target')}
        value={targetPool}
        onChange={(e) => setTargetPool(e.target.value)}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'contact-field-targetPool' } }}
      >
        <option value="">{t('contacts.field.choose')}</option>
        {pools
          .filter((p) => p.toLowerCase() !== current.toLowerCase())
          .map((p) => (
            <option key={p} value={p}>
              {p}
            </option>
          ))}
      </TextField>
      <IssueList issues={issues} />
    </Box>
  );
}

function PreviewStep({ preview, ticked, onToggle }: { preview: ContactPreview; ticked: ReadonlySet<string>; onToggle: (rule: string, on: boolean) => void }) {
  const { t, td } = useI18n();
  return (
    <Box data-testid="contact-preview" data-blocked={String(preview.blocked)} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      <Box>
        <Typography variant="h3" sx={{ mb: 0.5 }}>
          {t('contacts.preview.commands')}
        </Typography>
        <Box data-testid="contact-command">
          <CmdletBlock cmdlets={preview.commandText} copyable />
        </Box>
        <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
          {t('contacts.preview.commandsNote')}
        </Typography>
      </Box>
      {preview.consequences.length > 0 && (
        <Alert severity="warning" data-testid="contact-consequences">
          <Typography variant="h3">{t('contacts.preview.consequences')}</Typography>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {preview.consequences.map((c, i) => (
              <li key={i}>{td(c.key, c.params)}</li>
            ))}
          </Box>
        </Alert>
      )}
      {preview.blocked && (
        <Alert severity="error" data-testid="contact-blocked">
          {t('contacts.preview.blocked')}
        </Alert>
      )}
      <IssueList issues={preview.issues} />
      <Acknowledgements rules={preview.acknowledge} issues={preview.issues} ticked={ticked} onToggle={onToggle} />
      {preview.changes.length > 0 && <ChangesTable changes={preview.changes} />}
      {preview.before && (
        <Box>
          <Typography variant="h3">{t('contacts.preview.before')}</Typography>
          <ContactObject contact={preview.before} testId="contact-before" />
        </Box>
      )}
    </Box>
  );
}

/** Each property the commands change: its value now → after (a creation has no "now", a removal no "after"). */
function ChangesTable({ changes }: { changes: ContactPreview['changes'] }) {
  const { t } = useI18n();
  const label = useFieldLabel();
  const show = (v: string | boolean | null, missing: string) => (v === null ? missing : typeof v === 'boolean' ? t(v ? 'contacts.yes' : 'contacts.no') : v === '' ? '""' : v);
  const mono = { fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-all' } as const;
  return (
    <Box>
      <Typography variant="h3">{t('contactEditor.preview.changes')}</Typography>
      <Table size="small" data-testid="contact-changes">
        <TableHead>
          <TableRow>
            <TableCell>{t('contactEditor.preview.property')}</TableCell>
            <TableCell>{t('contactEditor.preview.now')}</TableCell>
            <TableCell />
            <TableCell>{t('contactEditor.preview.after')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {changes.map((c) => (
            <TableRow key={c.field} data-testid="contact-change" data-field={c.field}>
              <TableCell sx={{ color: 'text.secondary' }}>{label(c.field)}</TableCell>
              <TableCell sx={mono} data-testid="contact-change-now">
                {show(c.now, t('contactEditor.preview.absent'))}
              </TableCell>
              <TableCell aria-hidden sx={{ px: 0.5 }}>
                →
              </TableCell>
              <TableCell sx={mono} data-testid="contact-change-after">
                {show(c.after, t('contactEditor.preview.removed'))}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
}

function ResultStep({ result }: { result: ContactApplyResult }) {
  const { t } = useI18n();
  const label = useFieldLabel();
  return (
    <Box data-testid="contact-result" data-outcome={result.outcome} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {/* The message says it all ("Applied: 1 cmdlet ran…"): no second "Applied." before it. */}
      {result.outcome === 'applied' && <Alert severity="success">{result.message}</Alert>}
      {result.outcome === 'stale' && <Alert severity="warning">{t('contacts.result.stale', { message: result.message })}</Alert>}
      {result.outcome === 'refused' && <Alert severity="error">{t('contacts.result.refused', { message: result.message })}</Alert>}
      {result.outcome === 'failed' && <Alert severity="error">{t('contacts.result.failed', { message: result.message })}</Alert>}
      {result.outcome === 'unknown' && <Alert severity="warning">{t('contacts.result.unknown', { message: result.message })}</Alert>}
      {result.differences.length > 0 && (
        <Table size="small" data-testid="contact-differences">
          <TableHead>
            <TableRow>
              <TableCell>{t('contacts.result.field')}</TableCell>
              <TableCell>{t('contacts.result.shown')}</TableCell>
              <TableCell>{t('contacts.result.now')}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {result.differences.map((d) => (
              <TableRow key={d.field} data-testid="contact-difference" data-field={d.field}>
                <TableCell>{label(d.field)}</TableCell>
                <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>{d.shown}</TableCell>
                <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>{d.now}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {result.after && (
        <Box>
          <Typography variant="h3">{t('contacts.result.after')}</Typography>
          <ContactObject contact={result.after} testId="contact-after" />
        </Box>
      )}
      {result.auditId && (
        <Typography variant="body2" color="text.secondary" data-testid="contact-audit-id">
          {t('contacts.result.audited', { id: result.auditId })}
        </Typography>
      )}
    </Box>
  );
}
