/**
 * What the last read of the live org could not read whole (ConnectionsView.readNotes): per section,
 * partial or not read, and each note — the cmdlet concerned and who provides it (a management role,
 * a product version). The status bar's "N sections partial or not read: details" leads here
 * (`#read-notes`).
 */
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { useEffect, useRef } from 'react';
import type { SectionReadNote } from '../../../../shared/connections/profile';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { READ_NOTES_ANCHOR, withoutProvider } from './shell-status';

const STATUS_COLOR: Readonly<Record<SectionReadNote['status'], string>> = { partial: '#b25e00', 'not-read': '#c62828' };

export function ReadNotesPanel({ notes }: { notes: readonly SectionReadNote[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLElement>(null);
  // Sent here by the status bar (from this screen or another): bring the panel into view once drawn.
  useEffect(() => {
    const reveal = () => {
      if (window.location.hash !== `#${READ_NOTES_ANCHOR}` || !ref.current) return;
      ref.current.scrollIntoView({ block: 'start' });
      ref.current.focus({ preventScroll: true });
      history.replaceState(null, '', window.location.pathname + window.location.search);
    };
    reveal();
    window.addEventListener('hashchange', reveal);
    return () => window.removeEventListener('hashchange', reveal);
  }, [notes.length]);
  if (notes.length === 0) return null;
  const mono = { fontFamily: MONO_FONT, fontSize: 12, overflowWrap: 'anywhere' } as const;
  return (
    <Paper
      variant="outlined"
      component="section"
      id={READ_NOTES_ANCHOR}
      ref={ref}
      tabIndex={-1}
      data-testid="read-notes"
      aria-label={t('readNotes.title')}
      sx={{ px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1, borderTop: '3px solid #b25e00', outline: 'none' }}
    >
      <Typography variant="h2" component="h2">
        {t('readNotes.title')}
      </Typography>
      <Typography sx={{ color: 'text.secondary', fontSize: 13 }}>{t('readNotes.intro')}</Typography>
      <Table size="small" sx={{ '& td, & th': { verticalAlign: 'top' } }}>
        <TableHead>
          <TableRow>
            <TableCell sx={{ width: 220 }}>{t('readNotes.section')}</TableCell>
            <TableCell sx={{ width: 100 }} />
            <TableCell>{t('readNotes.note')}</TableCell>
            <TableCell sx={{ width: 180 }}>{t('readNotes.cmdlet')}</TableCell>
            <TableCell sx={{ width: 260 }}>{t('readNotes.providedBy')}</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {notes.flatMap((s) =>
            (s.notes.length > 0 ? s.notes : [{ text: '' }]).map((n, i) => (
              <TableRow key={`${s.section}#${i}`} data-testid="read-note" data-section={s.section} data-status={s.status} data-cmdlet={n.cmdlet ?? ''}>
                {i === 0 && (
                  <>
                    <TableCell rowSpan={Math.max(1, s.notes.length)} sx={mono}>
                      {s.section}
                    </TableCell>
                    <TableCell rowSpan={Math.max(1, s.notes.length)}>
                      <Chip label={t(`readNotes.status.${s.status}`)} sx={{ bgcolor: STATUS_COLOR[s.status], color: '#fff', fontWeight: 600, height: 20, fontSize: 11 }} />
                    </TableCell>
                  </>
                )}
                <TableCell sx={{ fontSize: 13, overflowWrap: 'anywhere' }}>{withoutProvider(n.text, n.providedBy)}</TableCell>
                <TableCell sx={mono}>{n.cmdlet ?? '—'}</TableCell>
                <TableCell sx={{ fontSize: 12.5 }}>{n.providedBy ?? '—'}</TableCell>
              </TableRow>
            )),
          )}
        </TableBody>
      </Table>
    </Paper>
  );
}
