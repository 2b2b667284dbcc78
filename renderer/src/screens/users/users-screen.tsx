/**
 * Users screen: the helpdesk's question — will this user's voice mail
 * work? — answered in one lookup: a search box with results while typing, the selected user's two
 * halves, the path of a call to voice mail, the verdict in one sentence, every reason with its fix
 * and who must apply it; and the check of everyone (or of a CSV's users) with its report and
 * exports. Fixes are shown to be handed over, never run. The one thing run from here is the synthetic
 * voice-mail test (voicemail-test-panel.tsx), behind its own button, previewed and confirmed when it leaves a voice mail.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import { useCallback, useRef, useState } from 'react';
import { MAX_CSV_BYTES } from '../../../../shared/contacts/contact-model';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useFileDrop } from '../../components/use-file-drop';
import { useI18n } from '../../i18n';
import { megabytes } from '../certificates/format';
import { CheckProgress, ReportView } from './report-view';
import { SearchPanel } from './search-panel';
import { hasReport } from './users-view-model';
import { type ExportResult, useUsersCheck, useVerdict } from './use-users';
import { VerdictWithTest } from './voicemail-test-panel';
import type { Navigate } from '../screens';

type Pane = 'user' | 'report';

/** The selected user and the pane outlive a visit to another screen (like the Contacts filters). */
const memory: { selected: string | null; pane: Pane } = { selected: null, pane: 'user' };

/** `navigate`: a hop's org finding opens the Checks screen on the object it names. */
export default function UsersScreen({ navigate }: { navigate?: Navigate } = {}) {
  const { t } = useI18n();
  const [selected, setSelected] = useState<string | null>(memory.selected);
  const [pane, setPaneState] = useState<Pane>(memory.pane);
  const [exported, setExported] = useState<ExportResult | null>(null);
  const check = useUsersCheck();
  const verdict = useVerdict(selected);
  const fileInput = useRef<HTMLInputElement>(null);

  const setPane = useCallback((p: Pane) => {
    memory.pane = p;
    setPaneState(p);
  }, []);
  const open = useCallback(
    (sip: string) => {
      memory.selected = sip;
      setSelected(sip);
      setPane('user');
    },
    [setPane],
  );

  const { dragOver, onDragOver, onDragLeave, onDrop, onPick } = useFileDrop((files) => {
    if (!files[0]) return;
    setPane('report');
    void check.checkCsv(files[0]);
  });

  const checkAll = () => {
    setPane('report');
    setExported(null);
    void check.checkAll();
  };
  const onExport = async (format: 'csv' | 'html') => {
    setExported(await check.exportReport(format));
  };

  const progress = check.progress;
  const running = progress?.running ?? false;
  const reportReady = hasReport(progress);

  return (
    <Box
      data-testid="users-screen"
      data-pane={pane}
      data-drag={String(dragOver)}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0, outline: dragOver ? '2px dashed' : 'none', outlineColor: 'primary.main', outlineOffset: -4 }}
    >
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
          <Typography variant="h1" component="h1">
            {t('users.title')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          <Button variant="contained" size="small" data-testid="users-check-all" disabled={running || check.starting} onClick={checkAll}>
            {t('users.check.all')}
          </Button>
          <Button variant="outlined" size="small" data-testid="users-check-csv" disabled={running || check.starting} onClick={() => fileInput.current?.click()}>
            {t('users.check.csv')}
          </Button>
          <input ref={fileInput} type="file" accept=".csv,text/csv,text/plain" hidden data-testid="users-check-csv-input" onChange={onPick} />
          {reportReady && (
            <Button variant={pane === 'report' ? 'contained' : 'text'} color="inherit" size="small" data-testid="users-show-report" onClick={() => setPane('report')} disabled={pane === 'report'}>
              {t('users.report.show')}
            </Button>
          )}
          {progress && (running || progress.total > 0) && <CheckProgress progress={progress} />}
        </Box>
        <Typography variant="body2" color="text.secondary" data-testid="users-readonly-note">
          {t('voicemailTest.ui.screenNote')} {t('users.check.dropHint')}
        </Typography>
        {check.error && (
          <Alert severity="error" data-testid="users-check-error" sx={{ py: 0 }}>
            {check.error.key === 'tooLarge'
              ? t('users.check.tooLarge', { size: megabytes(check.error.size), max: megabytes(MAX_CSV_BYTES) })
              : t('users.check.error', { message: check.error.message })}
          </Alert>
        )}
        {check.progressError && (
          <Alert severity="warning" sx={{ py: 0 }}>
            {t('users.check.progressError', { message: check.progressError })}
          </Alert>
        )}
      </Box>
      <Box sx={{ flex: 1, minHeight: 0, display: 'grid', gridTemplateColumns: '320px minmax(0, 1fr)' }}>
        <SearchPanel selected={selected} onSelect={open} />
        <Box sx={{ minHeight: 0, overflow: 'auto', p: 2 }}>
          {pane === 'report' ? (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
              {reportReady && progress && (
                <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', alignItems: 'center' }}>
                  <Button variant="outlined" size="small" data-testid="users-export-csv" disabled={running} onClick={() => void onExport('csv')}>
                    {t('users.export.csv')}
                  </Button>
                  <Button variant="outlined" size="small" data-testid="users-export-html" disabled={running} onClick={() => void onExport('html')}>
                    {t('users.export.html')}
                  </Button>
                  {selected && (
                    <Button size="small" data-testid="users-back-to-user" onClick={() => setPane('user')}>
                      {selected}
                    </Button>
                  )}
                </Box>
              )}
              {exported && (
                <Alert
                  severity={exported.kind === 'done' ? 'success' : exported.kind === 'cancelled' ? 'info' : 'error'}
                  data-testid="users-export-result"
                  data-kind={exported.kind}
                  onClose={() => setExported(null)}
                  sx={{ py: 0 }}
                >
                  {exported.kind === 'done'
                    ? t('users.export.done', { users: exported.users, path: exported.path })
                    : exported.kind === 'cancelled'
                      ? t('users.export.cancelled')
                      : t('users.export.error', { message: exported.message })}
                </Alert>
              )}
              {reportReady && progress ? (
                <ReportView progress={progress} onOpen={open} />
              ) : (
                <Typography color="text.secondary" data-testid="users-report-empty">
                  {t('users.report.none')}
                </Typography>
              )}
            </Box>
          ) : (
            <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5 }}>
              {reportReady && (
                <Box>
                  <Button size="small" data-testid="users-back-to-report" onClick={() => setPane('report')}>
                    ← {t('users.report.back')}
                  </Button>
                </Box>
              )}
              {verdict === null ? (
                <Typography color="text.secondary" data-testid="users-empty">
                  {t('users.empty')}
                </Typography>
              ) : verdict.status === 'loading' ? (
                <LoadingNotice text={t('users.verdict.loading', { sip: selected ?? '' })} />
              ) : verdict.status === 'failed' ? (
                <ErrorNotice message={t('users.verdict.error', { message: verdict.message })} />
              ) : (
                <VerdictWithTest verdict={verdict.value} onOpenFinding={navigate ? (f) => navigate('checks', f.objects[0]) : undefined} />
              )}
            </Box>
          )}
        </Box>
      </Box>
    </Box>
  );
}
