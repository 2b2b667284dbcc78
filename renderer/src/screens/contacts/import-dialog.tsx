/**
 * The CSV import: every row of the file previewed — its line, what would happen
 * (create / update / skip: already in place / invalid: refused with its reasons), its issues and its
 * cmdlets — then, on Apply, run in the background by main with a progress bar and a result per row.
 * "Stop at the first error" or "continue"; warnings acknowledged once for the whole file.
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
import FormControlLabel from '@mui/material/FormControlLabel';
import LinearProgress from '@mui/material/LinearProgress';
import Radio from '@mui/material/Radio';
import RadioGroup from '@mui/material/RadioGroup';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useMemo, useRef, useState } from 'react';
import type { ImportPreview, ImportProgress } from '../../../../shared/contacts/contact-channels';
import { errorMessage, getApi } from '../../api';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { useMainEvent } from '../../use-main-event';
import { acknowledgedFor, unacknowledged } from './contact-form';
import { Acknowledgements, IssueLine, useTickedRules } from './contact-issues';
import { actionColor, IMPORT_OUTCOMES, importPercent, outcomeColor, outcomeCounts, resultsByLine, rowsToApply } from './import-model';

/** What the dialog shows: a file being read and previewed, its preview, or why it could not be. */
export type ImportState =
  | { readonly state: 'reading'; readonly fileName: string }
  | { readonly state: 'ready'; readonly preview: ImportPreview }
  | { readonly state: 'failed'; readonly fileName: string; readonly message: string };

interface Props {
  readonly importState: ImportState;
  readonly writable: boolean;
  /** `changed`: rows were applied (the list must be read again). */
  readonly onClose: (changed: boolean) => void;
}

export function ImportDialog({ importState, writable, onClose }: Props) {
  const { t } = useI18n();
  const [stopOnError, setStopOnError] = useState(true);
  const [ticked, toggle] = useTickedRules();
  const [progress, setProgress] = useState<ImportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [progressError, setProgressError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const started = useRef(false);

  // Listened to once this dialog's run has started (before, the stream holds an earlier import's
  // state): its current state replaces the start's answer, then every change follows.
  useMainEvent('contacts.importProgress', progress !== null, setProgress, setProgressError);

  const preview = importState.state === 'ready' ? importState.preview : null;
  const byLine = useMemo(() => resultsByLine(progress?.results ?? []), [progress]);
  const running = progress?.running ?? false;

  const apply = async () => {
    if (!preview) return;
    setStarting(true);
    setError(null);
    try {
      started.current = true;
      setProgress(await getApi().contacts.importApply({ token: preview.token, stopOnError, acknowledged: acknowledgedFor(preview.acknowledge, ticked) }));
    } catch (e) {
      started.current = false;
      setError(errorMessage(e));
    } finally {
      setStarting(false);
    }
  };

  const fileName = importState.state === 'ready' ? importState.preview.fileName : importState.fileName;
  const canStart = preview !== null && writable && progress === null && !starting && rowsToApply(preview) > 0 && unacknowledged(preview.acknowledge, ticked).length === 0;
  const counts = progress ? outcomeCounts(progress.results) : null;

  return (
    <Dialog open onClose={running || starting ? undefined : () => onClose(started.current)} maxWidth="lg" fullWidth aria-labelledby="import-dialog-title" data-testid="import-dialog">
      <DialogTitle id="import-dialog-title" sx={{ fontSize: 16, fontWeight: 600, wordBreak: 'break-word' }}>
        {t('contacts.import.title', { file: fileName })}
      </DialogTitle>
      <DialogContent dividers sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
        {importState.state === 'reading' && (
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
            <CircularProgress size={16} />
            <Typography variant="body2">{t('contacts.import.reading')}</Typography>
          </Box>
        )}
        {importState.state === 'failed' && (
          <Alert severity="error" data-testid="import-error">
            {t('contacts.import.failed', { message: importState.message })}
          </Alert>
        )}
        {preview && (
          <Box data-testid="import-preview" data-separator={preview.separator} sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
            <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1 }}>
              <Typography variant="body2">{t('contacts.import.summary', { rows: preview.rows.length, separator: preview.separator })}</Typography>
              {(['create', 'update', 'skip', 'invalid'] as const).map((a) => (
                <Chip
                  key={a}
                  size="small"
                  color={actionColor(a)}
                  variant={preview.counts[a] === 0 ? 'outlined' : 'filled'}
                  data-testid="import-count"
                  data-action={a}
                  data-count={preview.counts[a]}
                  label={t(`contacts.import.action.${a}`) + ` · ${preview.counts[a]}`}
                />
              ))}
            </Box>
            {writable && progress === null && (
              <>
                <RadioGroup row value={stopOnError ? 'stop' : 'continue'} onChange={(e) => setStopOnError(e.target.value === 'stop')}>
                  <FormControlLabel
                    value="stop"
                    control={<Radio size="small" slotProps={{ input: { 'data-testid': 'import-stop-on-error' } as Record<string, string> }} />}
                    label={t('contacts.import.stopOnError')}
                  />
                  <FormControlLabel
                    value="continue"
                    control={<Radio size="small" slotProps={{ input: { 'data-testid': 'import-continue' } as Record<string, string> }} />}
                    label={t('contacts.import.continue')}
                  />
                </RadioGroup>
                <Acknowledgements rules={preview.acknowledge} issues={preview.rows.flatMap((r) => r.issues)} ticked={ticked} onToggle={toggle} />
              </>
            )}
            {!writable && <Alert severity="info">{t('contacts.import.readOnly')}</Alert>}
            {progress && (
              <Box
                data-testid="import-progress"
                data-done={progress.done}
                data-total={progress.total}
                data-running={String(progress.running)}
                data-stopped={String(progress.stopped)}
                sx={{ display: 'flex', alignItems: 'center', gap: 1 }}
              >
                <LinearProgress
                  variant="determinate"
                  value={importPercent(progress)}
                  sx={{ flex: 1, '& .MuiLinearProgress-bar': { transition: 'none' } }}
                  aria-label={t('contacts.import.progress', { done: progress.done, total: progress.total })}
                />
                <Typography variant="body2" color="text.secondary">
                  {t('contacts.import.progress', { done: progress.done, total: progress.total })}
                </Typography>
              </Box>
            )}
            {progress && !progress.running && counts && (
              <Alert severity={counts.refused + counts.failed + counts.stale > 0 ? 'warning' : 'success'} data-testid="import-done">
                {progress.stopped ? t('contacts.import.stopped') + ' ' : ''}
                {IMPORT_OUTCOMES.filter((o) => counts[o] > 0)
                  .map((o) => `${t(`contacts.import.outcome.${o}`)} ${counts[o]}`)
                  .join(' · ')}
              </Alert>
            )}
            {error && <Alert severity="error">{t('contacts.dialog.error', { message: error })}</Alert>}
            {progressError && <Alert severity="warning">{progressError}</Alert>}
            <Table size="small" stickyHeader>
              <TableHead>
                <TableRow>
                  <TableCell>{t('contacts.import.col.line')}</TableCell>
                  <TableCell>{t('contacts.import.col.action')}</TableCell>
                  <TableCell>{t('contacts.import.col.contact')}</TableCell>
                  <TableCell>{t('contacts.import.col.details')}</TableCell>
                  {progress && <TableCell>{t('contacts.import.col.result')}</TableCell>}
                </TableRow>
              </TableHead>
              <TableBody>
                {preview.rows.map((row) => {
                  const result = byLine.get(row.line);
                  return (
                    <TableRow key={row.line} data-testid="import-row" data-line={row.line} data-action={row.action} data-outcome={result?.outcome ?? ''} sx={{ verticalAlign: 'top' }}>
                      <TableCell>{row.line}</TableCell>
                      <TableCell>
                        <Chip size="small" color={actionColor(row.action)} label={t(`contacts.import.action.${row.action}`)} />
                      </TableCell>
                      <TableCell sx={{ minWidth: 220 }}>
                        {row.draft ? (
                          <>
                            <div>{row.draft.name}</div>
                            <Typography variant="body2" sx={{ fontFamily: MONO_FONT, wordBreak: 'break-all' }}>
                              {row.draft.sipAddress}
                            </Typography>
                            <Typography variant="body2" color="text.secondary">
                              {row.draft.displayNumber} · {t(`contacts.kind.${row.draft.kind}`)} · {row.draft.registrarPool}
                            </Typography>
                          </>
                        ) : (
                          <Typography variant="body2" color="text.secondary">
                            {row.identity ?? '—'}
                          </Typography>
                        )}
                      </TableCell>
                      <TableCell>
                        {row.issues.map((i, n) => (
                          <IssueLine key={`${i.rule}-${n}`} issue={i} dense />
                        ))}
                        {row.commandText.map((c, n) => (
                          <Box
                            key={n}
                            component="pre"
                            data-testid="import-command"
                            sx={{ m: 0, mt: 0.25, fontFamily: MONO_FONT, fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-word', color: 'text.secondary' }}
                          >
                            {c}
                          </Box>
                        ))}
                      </TableCell>
                      {progress && (
                        <TableCell data-testid="import-result" data-outcome={result?.outcome ?? ''}>
                          {result && (
                            <>
                              <Chip size="small" color={outcomeColor(result.outcome)} label={t(`contacts.import.outcome.${result.outcome}`)} />
                              {result.message && (
                                <Typography variant="body2" sx={{ mt: 0.25 }}>
                                  {result.message}
                                </Typography>
                              )}
                            </>
                          )}
                        </TableCell>
                      )}
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </Box>
        )}
      </DialogContent>
      <DialogActions>
        <Button data-testid="import-close" disabled={running || starting} onClick={() => onClose(started.current)}>
          {t(progress ? 'contacts.dialog.close' : 'contacts.dialog.cancel')}
        </Button>
        {writable && preview && progress === null && (
          <Button variant="contained" data-testid="import-apply" disabled={!canStart} onClick={() => void apply()}>
            {t('contacts.import.apply', { rows: rowsToApply(preview) })}
          </Button>
        )}
      </DialogActions>
    </Dialog>
  );
}
