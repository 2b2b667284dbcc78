/**
 * The Checks screen's export: every finding of the org (not only those the filters show) as the
 * one-page HTML report or the CSV for Excel — the same files `umc check --out` writes
 * (shared/checks/checks-report.ts), saved where the save dialog says.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import { useState } from 'react';
import type { ReportFormat } from '../../../../shared/checks/check-channels';
import { errorMessage, getApi } from '../../api';
import { useT } from '../../i18n';

type ExportResult = { readonly kind: 'done'; readonly path: string; readonly findings: number } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

export function useChecksExport() {
  const t = useT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult | null>(null);
  const run = async (format: ReportFormat) => {
    setBusy(true);
    try {
      const r = await getApi().checks.export({ format });
      setResult(r.path === null ? { kind: 'cancelled' } : { kind: 'done', path: r.path, findings: r.findings });
    } catch (e) {
      setResult({ kind: 'failed', message: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  };
  const buttons = (
    <Box sx={{ display: 'flex', gap: 0.75 }} role="group" aria-label={t('checks.ui.export')}>
      <Button variant="outlined" size="small" data-testid="checks-export-html" disabled={busy} onClick={() => void run('html')} sx={{ whiteSpace: 'nowrap' }}>
        {t('checks.ui.exportHtml')}
      </Button>
      <Button variant="outlined" size="small" data-testid="checks-export-csv" disabled={busy} onClick={() => void run('csv')} sx={{ whiteSpace: 'nowrap' }}>
        {t('checks.ui.exportCsv')}
      </Button>
    </Box>
  );
  const notice = result && (
    <Alert
      severity={result.kind === 'done' ? 'success' : result.kind === 'cancelled' ? 'info' : 'error'}
      data-testid="checks-export-result"
      data-kind={result.kind}
      onClose={() => setResult(null)}
      sx={{ mx: 2, mt: 1, py: 0, overflowWrap: 'anywhere' }}
    >
      {result.kind === 'done'
        ? t('checks.ui.exported', { count: result.findings, path: result.path })
        : result.kind === 'cancelled'
          ? t('checks.ui.exportCancelled')
          : t('checks.ui.exportFailed', { message: result.message })}
    </Alert>
  );
  return { buttons, notice };
}
