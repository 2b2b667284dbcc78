/**
 * The check of everyone (or of a CSV's users): its progress while it runs, then the
 * totals, the users per reason (rule, title, count, who fixes it) most frequent first, the failing
 * users (one click opens a user's verdict) and the CSV lines that matched no user; exported as CSV
 * or as a one-page HTML report by main (the save dialog is main's).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import LinearProgress from '@mui/material/LinearProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { memo, useMemo, useState } from 'react';
import type { UsersCheckProgress } from '../../../../shared/users/user-channels';
import { formatDateTime, hasMessage } from '../../../../shared/i18n/translate';
import type { FailingUser } from '../../../../shared/users/user-model';
import { ambiguousLine } from '../../../../shared/users/users-report';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { checkPercent, FAILING_PAGE, roleText, ruleCounts, ruleTitle } from './users-view-model';

export function CheckProgress({ progress }: { progress: UsersCheckProgress }) {
  const { t } = useI18n();
  return (
    <Box
      data-testid="users-check-progress"
      data-done={progress.done}
      data-total={progress.total}
      data-running={String(progress.running)}
      sx={{ display: 'flex', alignItems: 'center', gap: 1, minWidth: 260 }}
    >
      <LinearProgress
        variant="determinate"
        value={checkPercent(progress)}
        sx={{ flex: 1, '& .MuiLinearProgress-bar': { transition: 'none' } }}
        aria-label={t('users.check.progress', { done: progress.done, total: progress.total })}
      />
      <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: 'nowrap' }}>
        {t('users.check.progress', { done: progress.done, total: progress.total })}
      </Typography>
    </Box>
  );
}

export const ReportView = memo(function ReportView({ progress, onOpen }: { progress: UsersCheckProgress; onOpen: (sipAddress: string) => void }) {
  const { t, td, language } = useI18n();
  const s = progress.summary;
  const counts = useMemo(() => ruleCounts(s.byRule), [s.byRule]);
  return (
    <Box
      data-testid="users-report"
      data-running={String(progress.running)}
      data-checked={s.checked}
      data-working={s.working}
      data-failing={s.failing}
      data-at-risk={s.atRisk}
      sx={{ display: 'flex', flexDirection: 'column', gap: 2 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'baseline', gap: 1.5, flexWrap: 'wrap' }}>
        <Typography variant="h2" component="h2">
          {t('users.report.title')}
        </Typography>
        <Typography variant="body2" color="text.secondary">
          {progress.running ? t('users.report.running') : progress.finishedAt ? t('users.report.finished', { at: formatDateTime(language, progress.finishedAt) }) : ''}
        </Typography>
      </Box>
      <Box sx={{ display: 'flex', gap: 1.5, flexWrap: 'wrap' }}>
        <Total kind="checked" label={t('users.report.checked')} count={s.checked} color="text.primary" language={language} />
        <Total kind="working" label={t('users.report.working')} count={s.working} color="#2e7d32" language={language} />
        <Total kind="failing" label={t('users.report.failing')} count={s.failing} color={SEVERITY_COLOR.error.main} language={language} />
        <Total kind="atRisk" label={t('users.report.atRisk')} count={s.atRisk} color={SEVERITY_COLOR.warning.main} language={language} />
      </Box>

      <Box>
        <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
          {t('users.report.byRule')}
        </Typography>
        {counts.length === 0 ? (
          <Typography variant="body2" data-testid="users-report-no-reason">
            {t('users.report.noReasons')}
          </Typography>
        ) : (
          <Table size="small" data-testid="users-report-rules" sx={{ maxWidth: 900 }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('users.report.col.rule')}</TableCell>
                <TableCell>{t('users.report.col.reason')}</TableCell>
                <TableCell align="right">{t('users.report.col.users')}</TableCell>
                <TableCell>{t('users.report.col.role')}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {counts.map((c) => (
                <TableRow key={c.rule} data-testid="users-report-rule" data-rule={c.rule} data-count={c.count}>
                  <TableCell sx={{ fontFamily: MONO_FONT, fontWeight: 600, whiteSpace: 'nowrap' }}>{c.rule}</TableCell>
                  <TableCell>{ruleTitle(c.rule, td, hasMessage)}</TableCell>
                  <TableCell align="right">{c.count.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US')}</TableCell>
                  <TableCell>{c.role ? roleText(c.role, td, hasMessage) : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Box>

      {progress.failing.length > 0 && <FailingList failing={progress.failing} total={s.failing} onOpen={onOpen} />}

      {s.ambiguous.length > 0 && (
        <Box data-testid="users-report-ambiguous" data-count={s.ambiguous.length}>
          <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
            {t('helpdesk.report.ambiguous', { count: s.ambiguous.length })}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {s.ambiguous.slice(0, 200).map((a, i) => (
              <Box component="li" key={`${a.query}-${i}`} data-testid="users-report-ambiguous-line" data-query={a.query} data-count={a.count} sx={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {ambiguousLine(a, language)}
              </Box>
            ))}
          </Box>
        </Box>
      )}

      {s.notFound.length > 0 && (
        <Box data-testid="users-report-not-found" data-count={s.notFound.length}>
          <Typography variant="h3" component="h3" sx={{ mb: 0.5 }}>
            {t('helpdesk.report.notFound', { count: s.notFound.length })}
          </Typography>
          <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
            {s.notFound.slice(0, 200).map((q, i) => (
              <Box component="li" key={`${q}-${i}`} data-testid="users-report-not-found-line" sx={{ fontSize: 12, overflowWrap: 'anywhere' }}>
                {t('helpdesk.match.none', { query: q })}
              </Box>
            ))}
          </Box>
        </Box>
      )}
    </Box>
  );
});

function Total({ kind, label, count, color, language }: { kind: string; label: string; count: number; color: string; language: string }) {
  return (
    <Box
      data-testid="users-report-total"
      data-kind={kind}
      data-count={count}
      sx={{ border: 1, borderColor: 'divider', borderRadius: 1, px: 1.5, py: 0.75, minWidth: 130, bgcolor: 'background.paper' }}
    >
      <Typography variant="body2" color="text.secondary">
        {label}
      </Typography>
      <Typography sx={{ fontSize: 22, fontWeight: 600, color }}>{count.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US')}</Typography>
    </Box>
  );
}

function FailingList({ failing, total, onOpen }: { failing: readonly FailingUser[]; total: number; onOpen: (sip: string) => void }) {
  const { t } = useI18n();
  const [limit, setLimit] = useState(FAILING_PAGE);
  const shown = failing.slice(0, limit);
  const more = Math.min(FAILING_PAGE, failing.length - shown.length);
  return (
    <Box data-testid="users-report-failing" data-count={failing.length}>
      <Typography variant="h3" component="h3">
        {t('users.report.failingUsers')}
      </Typography>
      {shown.length < total && (
        <Typography variant="body2" color="text.secondary">
          {t('users.report.failingShown', { shown: shown.length, total })}
        </Typography>
      )}
      <Table size="small" sx={{ maxWidth: 900 }}>
        <TableHead>
          <TableRow>
            <TableCell>{t('users.report.col.user')}</TableCell>
            <TableCell>{t('users.report.col.reasons')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {shown.map((u) => (
            <TableRow key={u.sipAddress} hover data-testid="users-report-failing-user" data-sip={u.sipAddress} data-verdict={u.verdict} onClick={() => onOpen(u.sipAddress)} sx={{ cursor: 'pointer' }}>
              <TableCell>
                <Box
                  component="button"
                  type="button"
                  data-testid="users-report-open-user"
                  translate="no"
                  onClick={(e) => {
                    e.stopPropagation();
                    onOpen(u.sipAddress);
                  }}
                  sx={{ all: 'unset', cursor: 'pointer', fontWeight: 600, color: 'primary.main', '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main' } }}
                >
                  {u.displayName || u.sipAddress}
                </Box>
                <Box sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary', overflowWrap: 'anywhere' }}>{u.sipAddress}</Box>
              </TableCell>
              <TableCell sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>
                {u.verdict === 'at-risk' && (
                  <Box component="span" sx={{ fontFamily: 'inherit', color: SEVERITY_COLOR.warning.main, fontWeight: 600, mr: 0.75 }}>
                    {t('users.report.atRisk')}
                  </Box>
                )}
                {u.rules.join(', ')}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {more > 0 && (
        <Button size="small" variant="outlined" sx={{ mt: 1 }} data-testid="users-report-show-more" onClick={() => setLimit((l) => l + FAILING_PAGE)}>
          {t('users.report.showMore', { count: more })}
        </Button>
      )}
    </Box>
  );
}
