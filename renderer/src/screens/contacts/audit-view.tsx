/**
 * The audit log tab: every change, newest first — when, who, which profile, the
 * cmdlet with its parameters, the outcome and the server's message — with the objects before and
 * after on demand. Lines that are not whole entries (a torn write after a crash, an edited line)
 * are listed as such: never dropped silently. "Export…" saves the log where the user chooses.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import IconButton from '@mui/material/IconButton';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useState } from 'react';
import type { AuditRecord } from '../../../../shared/audit/audit-model';
import { formatDateTime } from '../../../../shared/i18n/translate';
import { errorMessage, getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { useAsync } from '../../use-async';
import { commandLine, objectText } from './audit-format';
import { outcomeColor } from './import-model';

/** `version` moves when a change was applied here: the log is read again. */
export function AuditView({ version }: { version: number }) {
  const { t } = useI18n();
  const [tick, setTick] = useState(0);
  const audit = useAsync(() => getApi().audit.list({}), [version, tick], true);
  const [exported, setExported] = useState<{ path: string | null; entries: number } | null>(null);
  const [exportError, setExportError] = useState<string | null>(null);

  const onExport = async () => {
    setExportError(null);
    try {
      setExported(await getApi().audit.export());
    } catch (e) {
      setExportError(errorMessage(e));
    }
  };

  if (audit.status === 'loading') return <LoadingNotice />;
  if (audit.status === 'failed') return <ErrorNotice message={audit.message} />;
  const log = audit.value;

  return (
    <Box data-testid="audit-view" data-total={log.total} sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, flex: 1 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5, px: 2, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="body2" color="text.secondary" data-testid="audit-summary">
          {t('contacts.audit.summary', { shown: log.entries.length, total: log.total, path: log.path })}
        </Typography>
        <Button size="small" variant="outlined" data-testid="audit-refresh" onClick={() => setTick((n) => n + 1)}>
          {t('contacts.audit.refresh')}
        </Button>
        <Button size="small" variant="outlined" data-testid="audit-export" onClick={() => void onExport()}>
          {t('contacts.audit.export')}
        </Button>
        {exported && (
          <Typography variant="body2" data-testid="audit-export-result">
            {exported.path === null ? t('contacts.export.cancelled') : t('contacts.audit.exported', { path: exported.path, entries: exported.entries })}
          </Typography>
        )}
      </Box>
      {exportError && (
        <Alert severity="error" sx={{ m: 1 }}>
          {t('contacts.dialog.error', { message: exportError })}
        </Alert>
      )}
      {log.damaged.length > 0 && (
        <Alert severity="warning" data-testid="audit-damaged" data-count={log.damaged.length} sx={{ m: 1 }}>
          {t('contacts.audit.damaged', { count: log.damaged.length })}
          <Box component="ul" sx={{ m: 0, pl: 2 }}>
            {log.damaged.map((d) => (
              <li key={d.line}>{t('contacts.audit.damagedLine', { line: d.line, reason: d.reason })}</li>
            ))}
          </Box>
        </Alert>
      )}
      <Box sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {log.entries.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary" data-testid="audit-empty">
            {t('contacts.audit.empty')}
          </Typography>
        ) : (
          <Table size="small" stickyHeader>
            <TableHead>
              <TableRow>
                <TableCell />
                <TableCell>{t('contacts.audit.col.time')}</TableCell>
                <TableCell>{t('contacts.audit.col.operator')}</TableCell>
                <TableCell>{t('contacts.audit.col.profile')}</TableCell>
                <TableCell>{t('contacts.audit.col.command')}</TableCell>
                <TableCell>{t('contacts.audit.col.outcome')}</TableCell>
                <TableCell>{t('contacts.audit.col.message')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {log.entries.map((e) => (
                <AuditRow key={e.id} entry={e} />
              ))}
            </TableBody>
          </Table>
        )}
      </Box>
    </Box>
  );
}

function AuditRow({ entry }: { entry: AuditRecord }) {
  const { t, language } = useI18n();
  const [open, setOpen] = useState(false);
  return (
    <>
      <TableRow data-testid="audit-entry" data-outcome={entry.outcome} data-cmdlet={entry.cmdlet} data-id={entry.id} sx={{ verticalAlign: 'top', '& td': { borderBottom: open ? 0 : undefined } }}>
        <TableCell padding="none" sx={{ pl: 1 }}>
          <IconButton size="small" aria-expanded={open} aria-label={t(open ? 'contacts.audit.hide' : 'contacts.audit.show')} data-testid="audit-expand" onClick={() => setOpen((o) => !o)}>
            {open ? '▾' : '▸'}
          </IconButton>
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>{formatDateTime(language, entry.at)}</TableCell>
        <TableCell>{entry.operator}</TableCell>
        <TableCell>
          {entry.profile}
          <Typography variant="caption" component="div" color="text.secondary">
            {t(entry.target === 'lab' ? 'contacts.target.lab' : 'contacts.target.live')}
          </Typography>
        </TableCell>
        <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-word', whiteSpace: 'pre-wrap', maxWidth: 520 }} data-testid="audit-command">
          {commandLine(entry)}
        </TableCell>
        <TableCell>
          <Chip size="small" color={outcomeColor(entry.outcome)} label={t(`contacts.audit.outcome.${entry.outcome}`)} />
          {entry.settlement && (
            // The answer never came: unknown, then settled from the contact read back (docs/live-sessions.md, "The audit log").
            <Chip
              size="small"
              sx={{ mt: 0.5, display: 'flex', width: 'fit-content' }}
              data-testid="audit-settlement"
              data-settled={entry.settlement.outcome}
              color={outcomeColor(entry.settlement.outcome)}
              label={t(`contacts.audit.settled.${entry.settlement.outcome}`)}
            />
          )}
        </TableCell>
        <TableCell sx={{ wordBreak: 'break-word', maxWidth: 360 }}>{entry.message}</TableCell>
      </TableRow>
      {open && (
        <TableRow data-testid="audit-entry-details">
          <TableCell />
          <TableCell colSpan={6}>
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 1.5 }}>
              {(['before', 'after'] as const).map((side) => (
                <Box key={side}>
                  <Typography variant="h3">{t(side === 'before' ? 'contacts.audit.before' : 'contacts.audit.after')}</Typography>
                  <Box
                    component="pre"
                    data-testid={`audit-${side}`}
                    sx={{ m: 0, p: 1, bgcolor: '#f3f4f6', borderRadius: 1, fontFamily: MONO_FONT, fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                  >
                    {objectText(entry[side])}
                  </Box>
                </Box>
              ))}
            </Box>
            {entry.finishedAt && (
              <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                {t('contacts.audit.finished', { at: formatDateTime(language, entry.finishedAt) })}
              </Typography>
            )}
            {entry.settlement && (
              <Box sx={{ mt: 1 }}>
                <Typography variant="body2" data-testid="audit-settled-message">
                  {t('contacts.audit.settledAt', { at: formatDateTime(language, entry.settlement.at), message: entry.settlement.message })}
                </Typography>
                <Typography variant="h3">{t('contacts.audit.read')}</Typography>
                <Box
                  component="pre"
                  data-testid="audit-read"
                  sx={{ m: 0, p: 1, bgcolor: '#f3f4f6', borderRadius: 1, fontFamily: MONO_FONT, fontSize: 11, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
                >
                  {objectText(entry.settlement.read)}
                </Box>
              </Box>
            )}
          </TableCell>
        </TableRow>
      )}
    </>
  );
}
