/**
 * Checklist screen (docs/checklist.md, docs/fixes.md "On screen"): the seeds' deployment steps in
 * order for the org's product versions, each with what it does, who must do it, its status judged from
 * the org (done / not done / partly, naming what is missing / not judged), the rules it rests on (a
 * click shows their findings on the Checks screen) and its action — Fix… (the Fix dialog with the
 * step's findings) or the steps done by hand with the cmdlet that checks them. Progress at the top,
 * the change plan exportable as HTML or CSV. After a fix the org is read again and the list with it.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import { visuallyHidden } from '@mui/utils';
import { useState } from 'react';
import type { Checklist, ChecklistStep } from '../../../../shared/checklist/checklist-model';
import { errorMessage, getApi } from '../../api';
import { CmdletBlock } from '../../components/cmdlet-block';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { useOrgVersion } from '../../org-version';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { useAsync } from '../../use-async';
import { type FixDialogRequest, useFixDialog } from '../checks/fix-dialog';
import { impactLines } from '../checks/fix-view-model';
import type { Navigate } from '../screens';
import { END_TO_END_STEP, VoicemailProof } from './voicemail-proof';
import { firstUndone, MISSING_SHOWN, progressPercent, roleKey, STATUS_LOOK, stepAction, visibleMissing } from './checklist-view-model';

export default function ChecklistScreen({ navigate }: { navigate: Navigate }) {
  const orgVersion = useOrgVersion();
  // keepValue: after a fix the list is read again under the closed dialog, without flashing away.
  const checklist = useAsync(() => getApi().checklist.view(), [orgVersion], true);
  if (checklist.status === 'loading') return <LoadingNotice />;
  if (checklist.status === 'failed') return <ErrorNotice message={checklist.message} />;
  return <ChecklistView checklist={checklist.value} onShowRule={(rule) => navigate('checks', undefined, rule)} />;
}

type Notice = { readonly severity: 'success' | 'info' | 'error'; readonly text: string };

function ChecklistView({ checklist, onShowRule }: { checklist: Checklist; onShowRule: (rule: string) => void }) {
  const { t } = useI18n();
  const fixDialog = useFixDialog();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [exporting, setExporting] = useState(false);
  const next = firstUndone(checklist.steps);

  const onExport = async (format: 'html' | 'csv') => {
    setExporting(true);
    try {
      const r = await getApi().checklist.export({ format });
      setNotice(r.path === null ? { severity: 'info', text: t('checklist.ui.export.cancelled') } : { severity: 'success', text: t('checklist.ui.export.done', { path: r.path }) });
    } catch (e) {
      setNotice({ severity: 'error', text: t('checklist.ui.export.error', { message: errorMessage(e) }) });
    } finally {
      setExporting(false);
    }
  };

  const goToNext = () => {
    if (!next) return;
    const el = document.querySelector<HTMLElement>(`[data-testid="checklist-step"][data-order="${next.order}"]`);
    el?.scrollIntoView({ block: 'start', behavior: 'smooth' });
    el?.focus();
  };

  return (
    <Box data-testid="checklist-screen" data-done={checklist.done} data-total={checklist.total} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.75, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
          <Typography variant="h1" component="h1">
            {t('checklist.ui.title')}
          </Typography>
          <Typography variant="body2" color="text.secondary" data-testid="checklist-versions">
            {t('checklist.ui.versions', { exchange: checklist.exchange, skype: checklist.skype })}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {exporting && <CircularProgress size={14} />}
          <Button size="small" variant="outlined" data-testid="checklist-export-html" disabled={exporting} onClick={() => void onExport('html')}>
            {t('checklist.ui.export.html')}
          </Button>
          <Button size="small" variant="outlined" data-testid="checklist-export-csv" disabled={exporting} onClick={() => void onExport('csv')}>
            {t('checklist.ui.export.csv')}
          </Button>
        </Box>
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, flexWrap: 'wrap' }}>
          <Typography data-testid="checklist-progress" role="status" sx={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums', minWidth: 150 }}>
            {t('checklist.ui.progress', { done: checklist.done, total: checklist.total })}
          </Typography>
          <LinearProgress
            variant="determinate"
            value={progressPercent(checklist)}
            color={checklist.done === checklist.total ? 'success' : 'primary'}
            aria-label={t('checklist.ui.progress', { done: checklist.done, total: checklist.total })}
            sx={{ flex: 1, minWidth: 160, maxWidth: 520, height: 8, borderRadius: 4 }}
          />
          {next ? (
            <Button size="small" data-testid="checklist-next" onClick={goToNext}>
              {t('checklist.ui.firstUndone', { order: next.order })}
            </Button>
          ) : (
            <Typography variant="body2" data-testid="checklist-all-done" sx={{ color: 'success.dark', fontWeight: 600 }}>
              ✓ {t('checklist.ui.allDone')}
            </Typography>
          )}
        </Box>
        {notice && (
          <Alert severity={notice.severity} data-testid="checklist-export-result" onClose={() => setNotice(null)}>
            {notice.text}
          </Alert>
        )}
      </Box>
      <Box sx={{ flex: 1, overflowY: 'auto', px: 2, py: 1.5 }}>
        <Box component="ol" data-testid="checklist-steps" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 1.25, maxWidth: 1280 }}>
          {checklist.steps.map((step) => (
            <Box component="li" key={step.id}>
              <StepCard step={step} onShowRule={onShowRule} onFix={(request) => fixDialog.open(request)} />
            </Box>
          ))}
        </Box>
      </Box>
      {fixDialog.dialog}
    </Box>
  );
}

function StepCard({ step, onShowRule, onFix }: { step: ChecklistStep; onShowRule: (rule: string) => void; onFix: (request: FixDialogRequest) => void }) {
  const { t, td } = useI18n();
  const look = STATUS_LOOK[step.status];
  const action = stepAction(step);
  const findings = step.action?.findings ?? [];
  const [showManual, setShowManual] = useState(false);
  const [allMissing, setAllMissing] = useState(false);
  const missing = visibleMissing(step.missing, allMissing);
  // A manual step's instructions are shown while it is not done; once done, on demand.
  const manualShown = step.instructions !== null && (step.status !== 'done' || showManual);
  const borderColor = look.color === 'default' ? 'grey.500' : `${look.color}.main`;
  return (
    <Paper
      variant="outlined"
      component="article"
      tabIndex={-1}
      data-testid="checklist-step"
      data-id={step.id}
      data-order={step.order}
      data-status={step.status}
      data-manual={String(step.manual)}
      data-action={action ?? ''}
      aria-labelledby={`step-title-${step.id}`}
      sx={{ borderLeft: 4, borderLeftColor: borderColor, px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 0.9, outline: 'none', '&:focus-visible': { boxShadow: 2 } }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Box
          aria-hidden
          sx={{ width: 26, height: 26, borderRadius: '50%', bgcolor: '#e8edf3', display: 'flex', alignItems: 'center', justifyContent: 'center', fontWeight: 700, fontSize: 12, flexShrink: 0 }}
        >
          {step.order}
        </Box>
        <Typography id={`step-title-${step.id}`} variant="h2" component="h2" sx={{ fontSize: 14, flex: 1, minWidth: 220 }}>
          {/* Read by screen readers only; sx would read width: 1 as 100 %, which widened the page by a whole pane. */}
          <Box component="span" sx={visuallyHidden}>
            {t('checklist.ui.step', { order: step.order })}:{' '}
          </Box>
          {td(step.title.key, step.title.params)}
        </Typography>
        <Chip
          data-testid="checklist-status"
          data-status={step.status}
          size="small"
          color={look.color}
          variant={step.status === 'not-judged' ? 'outlined' : 'filled'}
          label={`${look.glyph} ${td(`checklist.ui.status.${step.status}`)}`}
          sx={{ fontWeight: 600 }}
        />
        {step.manual && <Chip size="small" variant="outlined" data-testid="checklist-manual" label={t('checklist.ui.manual')} />}
        {action === 'fix' && (
          <Button size="small" variant="contained" data-testid="checklist-fix" aria-label={t('checklist.ui.fixAria', { order: step.order })} onClick={() => onFix({ findings })}>
            {t('checklist.ui.fix')}
          </Button>
        )}
        {action === 'manual' && findings.length > 0 && (
          <Button size="small" variant="outlined" data-testid="checklist-show-manual" onClick={() => onFix({ findings })}>
            {t('checklist.ui.showManual')}
          </Button>
        )}
        {step.status === 'done' && step.instructions !== null && (
          <Button size="small" data-testid="checklist-toggle-manual" aria-expanded={showManual} onClick={() => setShowManual((v) => !v)}>
            {showManual ? t('checklist.ui.hideManual') : t('checklist.ui.showManual')}
          </Button>
        )}
      </Box>
      <Typography sx={{ lineHeight: 1.5 }}>{td(step.what.key, step.what.params)}</Typography>
      {step.id === END_TO_END_STEP && <VoicemailProof />}
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Chip size="small" data-testid="checklist-role" data-role={step.role} label={t('checklist.ui.role', { role: td(roleKey(step.role)) })} sx={{ bgcolor: '#eef1f6' }} />
        {step.rules.length > 0 && (
          <>
            <Typography component="span" sx={{ fontSize: 12, color: 'text.secondary' }}>
              {t('checklist.ui.rules')}
            </Typography>
            {step.rules.map((rule) => (
              <ButtonBase
                key={rule}
                data-testid="checklist-rule"
                data-rule={rule}
                aria-label={t('checklist.ui.ruleAria', { rule })}
                onClick={() => onShowRule(rule)}
                sx={{
                  px: 0.9,
                  py: 0.2,
                  borderRadius: 3,
                  border: 1,
                  borderColor: '#b9c6d8',
                  bgcolor: '#f2f6fb',
                  fontFamily: MONO_FONT,
                  fontSize: 11.5,
                  color: 'primary.main',
                  '&:hover': { bgcolor: '#e3ecf7', borderColor: 'primary.main' },
                  '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
                }}
              >
                {rule}
              </ButtonBase>
            ))}
          </>
        )}
        <Typography component="span" sx={{ fontSize: 11.5, color: 'text.secondary', ml: 'auto' }}>
          {t('checklist.ui.seed', { seed: step.seed })}
        </Typography>
      </Box>
      {step.status !== 'done' && impactLines(step.impact ?? undefined).length > 0 && (
        <Box data-testid="checklist-impact" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.75 }}>
          {impactLines(step.impact ?? undefined).map((m) => (
            <Box
              component="span"
              key={m.key}
              data-impact={m.key}
              sx={{ fontSize: 12.5, fontWeight: 600, color: SEVERITY_COLOR.error.main, bgcolor: SEVERITY_COLOR.error.soft, px: 0.9, py: 0.2, borderRadius: 1 }}
            >
              {t(m.key, m.params)}
            </Box>
          ))}
        </Box>
      )}
      {step.missing.length > 0 && step.status !== 'done' && (
        <Box data-testid="checklist-missing">
          <Typography variant="h3" component="h3" sx={{ fontSize: 12, color: 'text.secondary' }}>
            {step.status === 'not-judged' ? t('checklist.ui.notRead') : t('checklist.ui.missing')}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {missing.shown.map((m, i) => (
              <li key={i}>{td(m.key, m.params)}</li>
            ))}
          </Box>
          {(missing.more > 0 || allMissing) && step.missing.length > MISSING_SHOWN && (
            <Button size="small" data-testid="checklist-missing-more" aria-expanded={allMissing} onClick={() => setAllMissing((v) => !v)}>
              {allMissing ? t('checklist.ui.missingLess') : t('checklist.ui.missingMore', { count: missing.more })}
            </Button>
          )}
        </Box>
      )}
      {manualShown && step.instructions && (
        <Box data-testid="checklist-instructions" sx={{ bgcolor: '#f7f8fa', border: 1, borderColor: 'divider', borderRadius: 1, p: 1 }}>
          <Typography sx={{ lineHeight: 1.5, whiteSpace: 'pre-line' }}>{td(step.instructions.key, step.instructions.params)}</Typography>
          {step.check && (
            <Box sx={{ mt: 0.75 }} data-testid="checklist-check">
              <Typography sx={{ fontSize: 11, color: 'text.secondary', mb: 0.25 }}>{t('checklist.ui.check')}</Typography>
              <CmdletBlock cmdlets={[step.check]} copyable />
            </Box>
          )}
        </Box>
      )}
      {!manualShown && step.check && step.status !== 'done' && (
        <Box data-testid="checklist-check">
          <Typography sx={{ fontSize: 11, color: 'text.secondary', mb: 0.25 }}>{t('checklist.ui.check')}</Typography>
          <CmdletBlock cmdlets={[step.check]} copyable />
        </Box>
      )}
      {action === null && step.status !== 'done' && !step.manual && step.instructions === null && (
        <Typography variant="body2" color="text.secondary">
          {t('checklist.ui.noAction')}
        </Typography>
      )}
    </Paper>
  );
}
