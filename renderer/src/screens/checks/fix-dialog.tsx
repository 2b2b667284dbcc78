/**
 * The Fix… dialog (docs/fixes.md, "On screen"), opened from a finding, a rule ("Fix all of this kind")
 * or a checklist step: `fixes.preview` shows each plan — the finding and what it breaks, what happens
 * meanwhile (first, prominent), the exact commands (copyable), what changes (now → after), the
 * server's -WhatIf answer, the steps to do by hand after — and the objects as they are now. A read-only
 * session (helpdesk profile, snapshot file) sees why and no apply button. Confirm → `fixes.apply`; the
 * run follows `fixes.progress`: each step's outcome with its audit entry, Stop between steps, and the
 * org read again at the end (each finding gone, or still there with why).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { type ReactNode, useCallback, useEffect, useRef, useState } from 'react';
import type { FixPreview, FixPreviewPlan, FixProgress } from '../../../../shared/fixes/fix-channels';
import type { ManualStep } from '../../../../shared/fixes/fix-model';
import { errorMessage, getApi } from '../../api';
import { CmdletBlock } from '../../components/cmdlet-block';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { useMainEvent } from '../../use-main-event';
import { useOrgChanged } from '../../org-version';
import { canApply, changeRows, previewRequest, dialogTitle, impactLines, isStale, OUTCOME_LOOK, phaseLine, runRows, type UiMessage, whatIfFor, wroteSomething } from './fix-view-model';

/** What to fix: findings by key (a card, a checklist step) or every finding of a rule. */
export type FixDialogRequest = { readonly findings: readonly string[] } | { readonly rule: string };

interface Props {
  readonly request: FixDialogRequest;
  /** `changed`: something was written; the screens behind read the org again. */
  readonly onClose: (changed: boolean) => void;
}

type Stage =
  | { readonly at: 'loading' }
  | { readonly at: 'failed'; readonly message: string }
  | { readonly at: 'preview'; readonly preview: FixPreview }
  | { readonly at: 'run'; readonly preview: FixPreview; readonly progress: FixProgress };

/**
 * The Fix dialog as a screen hosts it (Checks, Checklist): `open(request)` shows it (a new dialog each
 * time), and when it closes after writing something every screen reads the org again.
 */
export function useFixDialog(): { readonly open: (request: FixDialogRequest) => void; readonly dialog: ReactNode } {
  const orgChanged = useOrgChanged();
  const [fix, setFix] = useState<{ request: FixDialogRequest; n: number } | null>(null);
  const open = useCallback((request: FixDialogRequest) => setFix((d) => ({ request, n: (d?.n ?? 0) + 1 })), []);
  const dialog = fix && (
    <FixDialog
      key={fix.n}
      request={fix.request}
      onClose={(changed) => {
        setFix(null);
        // Something was written: the org is read again, and every screen (this one included) with it.
        if (changed) orgChanged();
      }}
    />
  );
  return { open, dialog };
}

export function FixDialog({ request, onClose }: Props) {
  const { t } = useI18n();
  const [stage, setStage] = useState<Stage>({ at: 'loading' });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [stopAsked, setStopAsked] = useState(false);
  const changed = useRef(false);

  useEffect(() => {
    let live = true;
    getApi()
      .fixes.preview(previewRequest(request))
      .then(
        (preview) => live && setStage({ at: 'preview', preview }),
        (e: unknown) => live && setStage({ at: 'failed', message: errorMessage(e) }),
      );
    return () => {
      live = false;
    };
    // The request is fixed for the dialog's life (a new request opens a new dialog).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // The run's progress: only after this dialog started one, so an earlier run's last state never shows here.
  const running = stage.at === 'run';
  useMainEvent(
    'fixes.progress',
    running,
    (progress) => {
      setStage((s) => (s.at === 'run' ? { ...s, progress } : s));
      if (wroteSomething(progress)) changed.current = true;
    },
    (message) => message && setError(message),
  );

  const apply = async () => {
    if (stage.at !== 'preview' || !stage.preview.token) return;
    setBusy(true);
    setError(null);
    try {
      const progress = await getApi().fixes.apply({ token: stage.preview.token });
      if (wroteSomething(progress)) changed.current = true;
      setStage({ at: 'run', preview: stage.preview, progress });
    } catch (e) {
      setError(t('fixes.ui.applyError', { message: errorMessage(e) }));
    } finally {
      setBusy(false);
    }
  };

  const stop = async () => {
    setStopAsked(true);
    try {
      const progress = await getApi().fixes.stop();
      setStage((s) => (s.at === 'run' ? { ...s, progress } : s));
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const runActive = stage.at === 'run' && stage.progress.running;
  // A run that started may have written even when it stopped early: the screens behind read again.
  const close = () => onClose(changed.current || stage.at === 'run');
  const title = titleText(stage, request, t);

  return (
    <Dialog
      open
      onClose={runActive || busy ? undefined : close}
      maxWidth="lg"
      fullWidth
      aria-labelledby="fix-dialog-title"
      data-testid="fix-dialog"
      data-stage={stage.at}
      data-phase={stage.at === 'run' ? stage.progress.phase : ''}
      data-running={String(runActive)}
    >
      <DialogTitle id="fix-dialog-title" sx={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
        {title}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {stage.at === 'loading' && (
          <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, color: 'text.secondary' }}>
            <CircularProgress size={16} />
            <span>{t('fixes.ui.dialog.loading')}</span>
          </Box>
        )}
        {stage.at === 'failed' && (
          <Alert severity="error" data-testid="fix-preview-error">
            {t('fixes.ui.dialog.error', { message: stage.message })}
          </Alert>
        )}
        {stage.at === 'preview' && <PreviewView preview={stage.preview} />}
        {stage.at === 'run' && <RunView preview={stage.preview} progress={stage.progress} stopping={stopAsked && stage.progress.running} />}
        {error && (
          <Alert severity="error" data-testid="fix-error">
            {error}
          </Alert>
        )}
      </DialogContent>
      <DialogActions>
        {busy && <CircularProgress size={16} sx={{ mr: 1 }} />}
        {stage.at === 'preview' && (
          <>
            <Button data-testid="fix-cancel" onClick={close} disabled={busy} autoFocus={!canApply(stage.preview)}>
              {t('fixes.ui.cancel')}
            </Button>
            {canApply(stage.preview) && (
              <Button variant="contained" data-testid="fix-apply" disabled={busy} onClick={() => void apply()} autoFocus>
                {stage.preview.commandCount === 1 ? t('fixes.ui.confirm.one') : t('fixes.ui.confirm.other', { count: stage.preview.commandCount })}
              </Button>
            )}
          </>
        )}
        {runActive && (
          <Button variant="outlined" color="warning" data-testid="fix-stop" disabled={stopAsked} onClick={() => void stop()}>
            {t('fixes.ui.stop')}
          </Button>
        )}
        {(stage.at === 'failed' || stage.at === 'loading' || (stage.at === 'run' && !runActive)) && (
          <Button variant={stage.at === 'run' ? 'contained' : 'text'} data-testid="fix-close" onClick={close} autoFocus>
            {t('fixes.ui.close')}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}

type T = ReturnType<typeof useI18n>['t'];

function titleText(stage: Stage, request: FixDialogRequest, t: T): string {
  const preview = stage.at === 'preview' || stage.at === 'run' ? stage.preview : null;
  const requested = 'findings' in request ? request.findings.length : 2;
  const m = dialogTitle(preview, requested);
  if (m.key === 'fixes.ui.dialog.title.one') {
    const plan = preview?.plans[0];
    return t(m.key, { title: plan ? `${plan.rule} — ${plan.message}` : 'rule' in request ? request.rule : '' });
  }
  if (preview === null && 'rule' in request) return t('fixes.ui.focusRule', { rule: request.rule });
  return t(m.key, m.params);
}

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Box data-testid={testId} sx={{ minWidth: 0 }}>
      <Typography variant="h3" component="h4" sx={{ fontSize: 12.5, color: 'text.secondary', mb: 0.5 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

function Messages({ items }: { items: readonly UiMessage[] }) {
  const { t } = useI18n();
  return (
    <>
      {items.map((m) => (
        <Box component="li" key={m.key}>
          {t(m.key, m.params)}
        </Box>
      ))}
    </>
  );
}

function PreviewView({ preview }: { preview: FixPreview }) {
  const { t, td } = useI18n();
  const writable = canApply(preview);
  return (
    <Box data-testid="fix-preview" data-writable={String(writable)} data-plans={preview.plans.length} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
      {!preview.access.writable && (
        <Alert severity="info" data-testid="fix-readonly">
          {t('fixes.ui.dialog.readOnly', { reason: preview.access.reason ? td(preview.access.reason.key, preview.access.reason.params) : '' })}
        </Alert>
      )}
      {preview.access.writable && preview.commandCount === 0 && (
        <Alert severity="info" data-testid="fix-nothing">
          {t('fixes.ui.dialog.nothing')}
        </Alert>
      )}
      {writable && (
        <Typography variant="body2" color="text.secondary" data-testid="fix-target" data-target={preview.access.target ?? ''}>
          {preview.access.target === 'lab' ? t('fixes.ui.dialog.target.lab') : t('fixes.ui.dialog.target.live')}
          {preview.access.operator ? ` ${t('fixes.ui.dialog.operator', { operator: preview.access.operator })}` : ''}{' '}
          {preview.commandCount === 1 ? t('fixes.ui.dialog.commandCount.one') : t('fixes.ui.dialog.commandCount.other', { count: preview.commandCount })}
        </Typography>
      )}
      {preview.plans.map((plan, i) => (
        <PlanView key={`${plan.finding}-${i}`} plan={plan} index={i} preview={preview} />
      ))}
      {preview.objects.length > 0 && (
        <Section title={t('fixes.ui.objects.title')} testId="fix-objects">
          <Table size="small">
            <TableBody>
              {preview.objects.map((o) => (
                <TableRow key={`${o.kind}:${o.id}`} data-testid="fix-object" data-kind={o.kind} data-id={o.id}>
                  <TableCell sx={{ width: '28%', verticalAlign: 'top' }}>
                    <Box sx={{ fontSize: 11, color: 'text.secondary' }}>{td(`kind.${o.kind}`)}</Box>
                    <Box sx={{ fontWeight: 500, wordBreak: 'break-word' }}>{o.label}</Box>
                  </TableCell>
                  <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-word' }}>
                    {o.properties === null
                      ? t('fixes.ui.objects.missing')
                      : Object.entries(o.properties).map(([k, v]) => (
                          <Box key={k}>
                            {k}: {v === '' ? t('fixes.ui.plan.empty') : v}
                          </Box>
                        ))}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Section>
      )}
    </Box>
  );
}

function PlanView({ plan, index, preview }: { plan: FixPreviewPlan; index: number; preview: FixPreview }) {
  const { t, td } = useI18n();
  const impact = impactLines(plan.impact);
  const rows = changeRows(plan, preview.objects);
  const valueText = (v: string | null) => (v === null ? t('fixes.ui.plan.none') : v === '' ? t('fixes.ui.plan.empty') : v);
  return (
    <Box
      component="section"
      data-testid="fix-plan"
      data-rule={plan.rule}
      data-kind={plan.kind}
      data-finding={plan.finding}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, p: 1.5, display: 'flex', flexDirection: 'column', gap: 1.25 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary' }}>
          {plan.rule}
        </Box>
        <Typography sx={{ fontWeight: 600, flex: 1, minWidth: 200 }}>{plan.message}</Typography>
        {plan.kind === 'manual' && <Chip size="small" variant="outlined" label={t('fixes.ui.manualBadge')} />}
        <Typography variant="body2" color="text.secondary">
          {t('fixes.ui.plan.role', { role: td(`users.role.${plan.role}`) })}
        </Typography>
      </Box>
      {impact.length > 0 && (
        <Box component="ul" data-testid="fix-impact" sx={{ m: 0, pl: 2.5, color: 'error.dark', fontWeight: 500 }}>
          <Messages items={impact} />
        </Box>
      )}
      {plan.meanwhile.length > 0 && (
        <Alert severity="warning" variant="filled" data-testid="fix-meanwhile">
          <Typography sx={{ fontWeight: 600 }}>{t('fixes.ui.plan.meanwhile')}</Typography>
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {plan.meanwhile.map((m, i) => (
              <li key={i}>{td(m.key, m.params)}</li>
            ))}
          </Box>
        </Alert>
      )}
      {plan.kind === 'manual' && plan.whyManual && (
        <Alert severity="info" data-testid="fix-why-manual">
          {t('fixes.ui.plan.whyManual', { why: td(plan.whyManual.key, plan.whyManual.params) })}
        </Alert>
      )}
      {plan.commandText.length > 0 && (
        <Section title={t('fixes.ui.plan.commands')} testId="fix-commands">
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
            {plan.commandText.map((text, c) => {
              const w = whatIfFor(preview.whatIf, index, c);
              const cmd = plan.commands[c];
              return (
                <Box key={c} data-testid="fix-command" data-cmdlet={cmd?.cmdlet ?? ''}>
                  <Typography sx={{ fontSize: 11, color: 'text.secondary' }}>{cmd ? t(`fixes.ui.plan.shell.${cmd.shell}` as const) : ''}</Typography>
                  <CmdletBlock cmdlets={[text]} copyable />
                  <Box data-testid="fix-whatif" data-ok={w ? String(w.ok) : ''} sx={{ mt: 0.25 }}>
                    {w ? (
                      <Typography variant="body2" sx={{ color: w.ok ? 'success.dark' : 'error.main', wordBreak: 'break-word' }}>
                        {w.ok ? '✓ ' : '✕ '}
                        {w.ok ? t('fixes.ui.whatIf.ok', { message: w.message }) : t('fixes.ui.whatIf.refused', { message: w.message })}
                      </Typography>
                    ) : cmd && !cmd.whatIf ? (
                      <Typography variant="body2" color="text.secondary">
                        {t('fixes.ui.whatIf.none')}
                      </Typography>
                    ) : null}
                  </Box>
                </Box>
              );
            })}
          </Box>
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5, fontSize: 11.5 }}>
            {t('fixes.ui.plan.commandsNote')}
          </Typography>
        </Section>
      )}
      {plan.commands.length > 0 && (
        <Section title={t('fixes.ui.plan.changes')} testId="fix-changes">
          {rows.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('fixes.ui.plan.noChanges')}
            </Typography>
          ) : (
            <Table size="small">
              <TableHead>
                <TableRow>
                  <TableCell>{t('fixes.ui.plan.object')}</TableCell>
                  <TableCell>{t('fixes.ui.plan.property')}</TableCell>
                  <TableCell>{t('fixes.ui.plan.before')}</TableCell>
                  <TableCell>{t('fixes.ui.plan.after')}</TableCell>
                </TableRow>
              </TableHead>
              <TableBody>
                {rows.map((r, i) => (
                  <TableRow key={i} data-testid="fix-change" data-property={r.property}>
                    <TableCell sx={{ wordBreak: 'break-word' }}>{r.object ?? t('fixes.ui.plan.new')}</TableCell>
                    <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>{r.property}</TableCell>
                    <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-word' }}>{valueText(r.before)}</TableCell>
                    <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-word', fontWeight: 600 }}>→ {valueText(r.after)}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>
      )}
      {plan.manual.length > 0 && <ManualSteps steps={plan.manual} title={plan.kind === 'manual' ? t('fixes.ui.plan.manualSteps') : t('fixes.ui.plan.followUps')} />}
    </Box>
  );
}

/** Steps done by hand, each with the cmdlet that checks it (copyable, never run). */
export function ManualSteps({ steps, title }: { steps: readonly ManualStep[]; title: string }) {
  const { t, td } = useI18n();
  return (
    <Section title={title} testId="fix-manual">
      <Box component="ol" sx={{ m: 0, pl: 2.5, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
        {steps.map((s, i) => (
          <li key={i} data-testid="fix-manual-step">
            <Typography sx={{ lineHeight: 1.5 }}>{td(s.message.key, s.message.params)}</Typography>
            {s.check && (
              <Box sx={{ mt: 0.5 }}>
                <Typography sx={{ fontSize: 11, color: 'text.secondary' }}>{t('fixes.ui.plan.check')}</Typography>
                <CmdletBlock cmdlets={[s.check]} copyable />
              </Box>
            )}
          </li>
        ))}
      </Box>
    </Section>
  );
}

function RunView({ preview, progress, stopping }: { preview: FixPreview; progress: FixProgress; stopping: boolean }) {
  const { t } = useI18n();
  const rows = runRows(preview, progress);
  const phase = phaseLine(progress);
  const percent = progress.total > 0 ? Math.round((progress.done / progress.total) * 100) : progress.phase === 'done' ? 100 : 0;
  const stale = isStale(progress);
  return (
    <Box data-testid="fix-run" data-phase={progress.phase} data-stopped={String(progress.stopped)} sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
      <Box role="status" aria-live="polite">
        <Typography data-testid="fix-phase" sx={{ fontWeight: 600 }}>
          {t(phase.key, phase.params)}
        </Typography>
        {stopping && (
          <Typography variant="body2" color="text.secondary">
            {t('fixes.ui.stopping')}
          </Typography>
        )}
      </Box>
      <LinearProgress variant={progress.running && progress.total === 0 ? 'indeterminate' : 'determinate'} value={percent} aria-label={t(phase.key, phase.params)} />
      {stale && !progress.message && (
        <Alert severity="warning" data-testid="fix-stale">
          {t('fixes.ui.stale')}
        </Alert>
      )}
      {progress.message && (
        <Alert severity={stale ? 'warning' : progress.stopped ? 'error' : 'info'} data-testid={stale ? 'fix-stale' : 'fix-run-message'}>
          {progress.message}
        </Alert>
      )}
      {progress.stopped && !stale && (
        <Alert severity="warning" data-testid="fix-stopped">
          {t('fixes.ui.stopped')}
        </Alert>
      )}
      <Box component="ol" data-testid="fix-steps" sx={{ m: 0, pl: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.75 }}>
        {rows.map((r) => {
          const look = OUTCOME_LOOK[r.outcome];
          return (
            <Box component="li" key={`${r.plan}:${r.command}`} data-testid="fix-step" data-outcome={r.outcome} sx={{ display: 'flex', gap: 1, alignItems: 'flex-start' }}>
              <Chip size="small" color={look.color} label={`${look.glyph} ${t(`fixes.ui.outcome.${r.outcome}` as const)}`} sx={{ minWidth: 118, fontWeight: 600 }} />
              <Box sx={{ minWidth: 0, flex: 1 }}>
                <Box component="pre" sx={{ m: 0, fontFamily: MONO_FONT, fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                  {r.text}
                </Box>
                {r.message && (
                  <Typography variant="body2" sx={{ color: look.color === 'error' ? 'error.main' : 'text.secondary', wordBreak: 'break-word' }} data-testid="fix-step-message">
                    {r.message}
                  </Typography>
                )}
                {r.auditId && (
                  <Typography variant="body2" color="text.secondary" sx={{ fontSize: 11 }} data-testid="fix-step-audit">
                    {t('fixes.ui.audited', { id: r.auditId })}
                  </Typography>
                )}
              </Box>
            </Box>
          );
        })}
      </Box>
      {progress.verification && <Verification verification={progress.verification} preview={preview} />}
    </Box>
  );
}

function Verification({ verification, preview }: { verification: NonNullable<FixProgress['verification']>; preview: FixPreview }) {
  const { t } = useI18n();
  const label = (finding: string) => {
    const plan = preview.plans.find((p) => p.finding === finding);
    return plan ? `${plan.rule} — ${plan.message}` : finding;
  };
  const n = verification.gone.length;
  return (
    <Section title={t('fixes.ui.verification.title')} testId="fix-verification">
      {verification.remaining.length === 0 && n > 0 && (
        <Alert severity="success" data-testid="fix-all-gone">
          {n === 1 ? t('fixes.ui.verification.allGone.one') : t('fixes.ui.verification.allGone.other', { count: n })}
        </Alert>
      )}
      <Box component="ul" sx={{ m: 0, pl: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: 0.5, mt: 0.75 }}>
        {verification.gone.map((f) => (
          <Box component="li" key={f} data-testid="fix-gone" data-finding={f} sx={{ display: 'flex', gap: 1 }}>
            <Chip size="small" color="success" label={`✓ ${t('fixes.ui.verification.gone')}`} />
            <Typography variant="body2">{label(f)}</Typography>
          </Box>
        ))}
        {verification.remaining.map((r) => (
          <Box component="li" key={r.finding} data-testid="fix-remaining" data-finding={r.finding} sx={{ display: 'flex', gap: 1 }}>
            <Chip size="small" color="error" label={`✕ ${t('fixes.ui.verification.remaining')}`} />
            <Typography variant="body2" sx={{ wordBreak: 'break-word' }}>
              {r.message}
            </Typography>
          </Box>
        ))}
      </Box>
    </Section>
  );
}
