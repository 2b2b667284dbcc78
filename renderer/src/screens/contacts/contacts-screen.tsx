/**
 * Contacts screen: on one side the Exchange UM SIP dial plans with their Outlook Voice
 * Access numbers and auto attendants' pilot numbers, each marked with how it is served; on the
 * other the Exchange UM contact objects with their status (OK, missing, orphan, duplicate,
 * mismatch), filtered as the admin types. Create (a missing row is one click, prefilled as
 * OcsUmUtil would), edit, move, remove — each previewed with its exact cmdlets before it runs —
 * CSV import / export, and the audit log of every change.
 *
 * A read-only profile (or no PowerShell, or an opened snapshot) shows why in a banner and has no
 * write control at all; main refuses the write channels for it anyway (WRITE_CHANNELS).
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
import Tab from '@mui/material/Tab';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tabs from '@mui/material/Tabs';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { Fragment, memo, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { ContactsLoad, WriteAccess } from '../../../../shared/contacts/contact-channels';
import { CONTACT_STATUSES, type ContactRow, type ContactsView, type ContactStatus, MAX_CSV_BYTES } from '../../../../shared/contacts/contact-model';
import { errorMessage, getApi } from '../../api';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { useFileDrop } from '../../components/use-file-drop';
import { useI18n } from '../../i18n';
import { useOrgChanged } from '../../org-version';
import { MONO_FONT } from '../../theme';
import { base64FromBytes } from '../certificates/base64';
import { megabytes } from '../certificates/format';
import { AuditView } from './audit-view';
import type { DialogMode } from './contact-form';
import { ContactDialog } from './contact-dialog';
import { IssueLine } from './contact-issues';
import { filterRows, indexRows, numberKey, numberStatuses, ouLabel, PAGE_SIZE, rowKind, statusColor, type StatusFilter, visibleRows } from './contact-rows';
import { ImportDialog, type ImportState } from './import-dialog';
import { isCsvTooLarge } from './import-model';
import { useContacts } from './use-contacts';

type ContactsTab = 'contacts' | 'audit';

/** The tab and the filters outlive a visit to another screen (like the Checks filters). */
const memory: { tab: ContactsTab; query: string; status: StatusFilter } = { tab: 'contacts', query: '', status: 'all' };

type T = ReturnType<typeof useI18n>['t'];

export default function ContactsScreen() {
  const { t, td } = useI18n();
  const contacts = useContacts();
  const orgChanged = useOrgChanged();
  const [tab, setTab] = useState<ContactsTab>(memory.tab);
  const [auditVersion, setAuditVersion] = useState(0);
  const [dialog, setDialog] = useState<{ mode: DialogMode; n: number } | null>(null);
  const [importState, setImportState] = useState<{ state: ImportState; n: number } | null>(null);
  const [confirmReset, setConfirmReset] = useState(false);
  const [notice, setNotice] = useState<{ severity: 'success' | 'error' | 'info'; text: string; testId: string } | null>(null);
  const counter = useRef(0);
  const fileInput = useRef<HTMLInputElement>(null);

  useEffect(() => {
    memory.tab = tab;
  }, [tab]);

  /** Something was written: every screen reads the org again (this list and the audit log too). */
  const afterWrite = () => {
    orgChanged();
    contacts.reload();
    setAuditVersion((v) => v + 1);
  };

  const openCsv = async (file: File) => {
    const n = ++counter.current;
    const fileName = file.name.slice(0, 260) || 'contacts.csv';
    if (isCsvTooLarge(file.size)) {
      setImportState({ n, state: { state: 'failed', fileName, message: t('contacts.import.tooLarge', { size: megabytes(file.size), max: megabytes(MAX_CSV_BYTES) }) } });
      return;
    }
    setImportState({ n, state: { state: 'reading', fileName } });
    try {
      const dataBase64 = base64FromBytes(await file.arrayBuffer());
      const preview = await getApi().contacts.importPreview({ fileName, dataBase64 });
      setImportState((s) => (s?.n === n ? { n, state: { state: 'ready', preview } } : s));
    } catch (e) {
      setImportState((s) => (s?.n === n ? { n, state: { state: 'failed', fileName, message: errorMessage(e) } } : s));
    }
  };

  // One CSV at a time: the first file picked or dropped.
  const { dragOver, onDragOver, onDragLeave, onDrop, onPick } = useFileDrop((files) => {
    if (files[0]) void openCsv(files[0]);
  });

  const onExport = async () => {
    try {
      const r = await getApi().contacts.export();
      setNotice(
        r.path === null
          ? { severity: 'info', text: t('contacts.export.cancelled'), testId: 'contacts-export-result' }
          : { severity: 'success', text: t('contacts.export.done', { path: r.path, rows: r.rows }), testId: 'contacts-export-result' },
      );
    } catch (e) {
      setNotice({ severity: 'error', text: t('contacts.dialog.error', { message: errorMessage(e) }), testId: 'contacts-export-result' });
    }
  };

  const onReset = async () => {
    setConfirmReset(false);
    try {
      await getApi().lab.reset();
      setNotice({ severity: 'success', text: t('contacts.lab.resetDone'), testId: 'contacts-lab-reset-result' });
      afterWrite();
    } catch (e) {
      setNotice({ severity: 'error', text: t('contacts.dialog.error', { message: errorMessage(e) }), testId: 'contacts-lab-reset-result' });
    }
  };

  if (contacts.state.status === 'loading') return <LoadingNotice text={phaseText(contacts.phase, t, false)} />;
  if (contacts.state.status === 'failed') return <ErrorNotice message={contacts.state.message} />;
  const { view, access } = contacts.state.value;
  // Until main knows whether changes may be made (access null), the list shows without write controls.
  const writable = access?.writable ?? false;
  const open = (mode: DialogMode) => setDialog({ mode, n: ++counter.current });

  return (
    <Box data-testid="contacts-screen" data-tab={tab} data-writable={String(writable)} sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1, px: 2, pt: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5 }}>
          <Typography variant="h1" component="h1">
            {t('contacts.title')}
          </Typography>
          <Box sx={{ flex: 1 }} />
          {writable && (
            <Button variant="contained" size="small" data-testid="contact-create" onClick={() => open({ op: 'create', prefill: null })}>
              {t('contacts.create')}
            </Button>
          )}
          <Button variant="outlined" size="small" data-testid="contacts-import" onClick={() => fileInput.current?.click()}>
            {t('contacts.import.button')}
          </Button>
          <input ref={fileInput} type="file" accept=".csv,text/csv,text/plain" hidden data-testid="contacts-import-input" onChange={onPick} />
          <Button variant="outlined" size="small" data-testid="contacts-export" onClick={() => void onExport()}>
            {t('contacts.export.button')}
          </Button>
          {writable && access?.target === 'lab' && (
            <Button variant="outlined" color="warning" size="small" data-testid="contacts-lab-reset" onClick={() => setConfirmReset(true)}>
              {t('contacts.lab.reset')}
            </Button>
          )}
        </Box>
        {(access || contacts.refreshing) && (
          <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1.5, minHeight: 20 }}>
            {access && <AccessLine access={access} t={t} />}
            {!access ? (
              <Box role="status" data-testid="contacts-access-pending" data-phase={contacts.phase} sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}>
                <CircularProgress size={12} />
                <Typography variant="body2">{phaseText(contacts.phase, t, true)}</Typography>
              </Box>
            ) : (
              contacts.refreshing && (
                <Box role="status" data-testid="contacts-refreshing" sx={{ display: 'flex', alignItems: 'center', gap: 0.75, color: 'text.secondary' }}>
                  <CircularProgress size={12} />
                  <Typography variant="body2">{t('contacts.refreshing')}</Typography>
                </Box>
              )
            )}
          </Box>
        )}
        {!writable && access?.reason && (
          <Alert severity="info" data-testid="contacts-readonly-banner" sx={{ py: 0 }}>
            {t('contacts.readOnly', { reason: td(access.reason.key, access.reason.params) })}
          </Alert>
        )}
        {notice && (
          <Alert severity={notice.severity} data-testid={notice.testId} onClose={() => setNotice(null)} sx={{ py: 0 }}>
            {notice.text}
          </Alert>
        )}
        <Tabs value={tab} onChange={(_, v: ContactsTab) => setTab(v)} aria-label={t('contacts.title')} sx={{ minHeight: 36, '& .MuiTab-root': { minHeight: 36, py: 0.5 } }}>
          <Tab value="contacts" label={t('contacts.tab.contacts')} data-testid="contacts-tab" id="contacts-tab-contacts" aria-controls="contacts-panel-contacts" />
          <Tab value="audit" label={t('contacts.tab.audit')} data-testid="audit-tab" id="contacts-tab-audit" aria-controls="contacts-panel-audit" />
        </Tabs>
      </Box>
      {tab === 'contacts' ? (
        <Box
          role="tabpanel"
          id="contacts-panel-contacts"
          aria-labelledby="contacts-tab-contacts"
          data-testid="contacts-drop-zone"
          data-drag={String(dragOver)}
          onDragOver={onDragOver}
          onDragLeave={onDragLeave}
          onDrop={onDrop}
          sx={{
            flex: 1,
            minHeight: 0,
            display: 'grid',
            gridTemplateColumns: 'clamp(200px, 16vw, 260px) minmax(0, 1fr)',
            outline: dragOver ? '2px dashed' : 'none',
            outlineColor: 'primary.main',
            outlineOffset: -4,
          }}
        >
          <DialPlansPanel view={view} />
          <ContactsList view={view} writable={writable} onOpen={open} />
        </Box>
      ) : (
        <Box role="tabpanel" id="contacts-panel-audit" aria-labelledby="contacts-tab-audit" sx={{ flex: 1, minHeight: 0, display: 'flex', flexDirection: 'column' }}>
          <AuditView version={auditVersion} />
        </Box>
      )}
      {dialog && (
        <ContactDialog
          key={dialog.n}
          mode={dialog.mode}
          view={view}
          onClose={(changed) => {
            setDialog(null);
            if (changed) afterWrite();
          }}
        />
      )}
      {importState && (
        <ImportDialog
          key={importState.n}
          importState={importState.state}
          writable={writable}
          onClose={(changed) => {
            setImportState(null);
            if (changed) afterWrite();
          }}
        />
      )}
      {confirmReset && (
        <Dialog open onClose={() => setConfirmReset(false)} maxWidth="xs" fullWidth aria-labelledby="lab-reset-title" data-testid="lab-reset-dialog">
          <DialogTitle id="lab-reset-title" sx={{ fontSize: 16, fontWeight: 600 }}>
            {t('contacts.lab.resetTitle')}
          </DialogTitle>
          <DialogContent>
            <Typography>{t('contacts.lab.resetBody')}</Typography>
          </DialogContent>
          <DialogActions>
            <Button data-testid="lab-reset-cancel" onClick={() => setConfirmReset(false)}>
              {t('contacts.dialog.cancel')}
            </Button>
            <Button variant="contained" color="warning" data-testid="lab-reset-confirm" onClick={() => void onReset()}>
              {t('contacts.lab.resetConfirm')}
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}

/** What the read under way is doing, in words (contacts.loadProgress); `listShown`: the list is on screen already. */
function phaseText(phase: ContactsLoad['phase'], t: T, listShown: boolean): string {
  switch (phase) {
    case 'powershell':
      return t('contactEditor.loading.powershell');
    case 'directory':
      return t('contactEditor.loading.directory');
    case 'org':
      return t('contactEditor.loading.org');
    default:
      return listShown ? t('contactEditor.loading.listShown') : t('contactEditor.loading.org');
  }
}

function AccessLine({ access, t }: { access: WriteAccess; t: T }) {
  const target = access.target === 'lab' ? t('contacts.target.lab') : access.target === 'live' ? t('contacts.target.live') : null;
  if (!target && !access.operator) return null;
  return (
    <Typography variant="body2" color="text.secondary" data-testid="contacts-access" data-target={access.target ?? ''}>
      {target ? t('contacts.access.target', { target }) : ''}
      {target && access.operator ? ' · ' : ''}
      {access.operator ? t('contacts.access.operator', { operator: access.operator }) : ''}
    </Typography>
  );
}

/** The Exchange side: each SIP dial plan's OVA numbers and auto attendants, with how each number is served. */
function DialPlansPanel({ view }: { view: ContactsView }) {
  const { t, td } = useI18n();
  const served = useMemo(() => numberStatuses(view.rows), [view.rows]);
  const numberChip = (dialPlan: string, number: string) => {
    const status: ContactStatus = served.get(numberKey(dialPlan, number)) ?? 'missing';
    return (
      <Box key={number} data-testid="dialplan-number" data-number={number} data-status={status} sx={{ display: 'flex', alignItems: 'center', gap: 0.75, py: 0.125 }}>
        <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>
          {number}
        </Box>
        <Chip size="small" color={statusColor(status)} label={td(`contacts.status.${status}`)} sx={{ height: 18, fontSize: 11 }} />
      </Box>
    );
  };
  return (
    <Box data-testid="contacts-dialplans" sx={{ borderRight: 1, borderColor: 'divider', overflow: 'auto', minHeight: 0, p: 1.5, bgcolor: 'background.paper' }}>
      <Typography variant="h2" sx={{ mb: 1 }}>
        {t('contacts.dialPlans.title')}
      </Typography>
      {view.dialPlans.length === 0 && (
        <Typography variant="body2" color="text.secondary">
          {t('contacts.dialPlans.empty')}
        </Typography>
      )}
      {view.dialPlans.map((dp) => (
        <Box key={dp.dialPlan} data-testid="dialplan" data-dialplan={dp.dialPlan} sx={{ mb: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
          <Typography variant="h3" sx={{ wordBreak: 'break-word' }}>
            {dp.dialPlan}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
            {t('contacts.dialPlans.context', { context: dp.phoneContext })}
          </Typography>
          <Typography variant="body2" color="text.secondary" sx={{ wordBreak: 'break-word' }}>
            {dp.pool ? t('contacts.dialPlans.pool', { pool: dp.pool }) : t('contacts.dialPlans.noPool')}
          </Typography>
          <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600 }}>
            {t('contacts.dialPlans.ova')}
          </Typography>
          {dp.ovaNumbers.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {t('contacts.dialPlans.none')}
            </Typography>
          ) : (
            dp.ovaNumbers.map((n) => numberChip(dp.dialPlan, n))
          )}
          {dp.autoAttendants.map((aa) => (
            <Box key={aa.name} data-testid="dialplan-aa" data-aa={aa.name}>
              <Typography variant="body2" sx={{ mt: 0.5, fontWeight: 600, wordBreak: 'break-word' }}>
                {t('contacts.dialPlans.aa', { name: aa.name })}
              </Typography>
              {aa.pilotNumbers.length === 0 ? (
                <Typography variant="body2" color="text.secondary">
                  {t('contacts.dialPlans.none')}
                </Typography>
              ) : (
                aa.pilotNumbers.map((n) => numberChip(dp.dialPlan, n))
              )}
            </Box>
          ))}
        </Box>
      ))}
    </Box>
  );
}

function ContactsList({ view, writable, onOpen }: { view: ContactsView; writable: boolean; onOpen: (mode: DialogMode) => void }) {
  const { t } = useI18n();
  const [query, setQuery] = useState(memory.query);
  const [status, setStatus] = useState<StatusFilter>(memory.status);
  const [limit, setLimit] = useState(PAGE_SIZE);
  const deferredQuery = useDeferredValue(query);
  const index = useMemo(() => indexRows(view.rows), [view.rows]);
  const filtered = useMemo(() => filterRows(index, deferredQuery, status), [index, deferredQuery, status]);
  const { shown, hidden } = visibleRows(filtered, limit);
  useEffect(() => {
    memory.query = query;
    memory.status = status;
    setLimit(PAGE_SIZE);
  }, [query, status]);

  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', minHeight: 0, minWidth: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, px: 1.5, py: 1, borderBottom: 1, borderColor: 'divider' }}>
        <TextField
          size="small"
          type="search"
          label={t('contacts.filter.label')}
          placeholder={t('contacts.filter.placeholder')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          slotProps={{ htmlInput: { 'data-testid': 'contacts-filter', spellCheck: false } }}
          sx={{ minWidth: 280 }}
        />
        {(['all', ...CONTACT_STATUSES] as const).map((s) => {
          const count = s === 'all' ? view.rows.length : view.counts[s];
          const active = status === s;
          return (
            <Chip
              key={s}
              size="small"
              clickable
              color={s === 'all' ? 'primary' : statusColor(s)}
              variant={active ? 'filled' : 'outlined'}
              aria-pressed={active}
              data-testid="contacts-status-filter"
              data-status={s}
              data-count={count}
              label={`${s === 'all' ? t('contacts.status.all') : t(`contacts.status.${s}`)} · ${count}`}
              onClick={() => setStatus(s)}
            />
          );
        })}
        <Typography variant="body2" color="text.secondary" data-testid="contacts-shown" data-count={filtered.length}>
          {t('contacts.shown', { shown: filtered.length, total: view.rows.length })}
        </Typography>
      </Box>
      <Box data-testid="contacts-table-box" sx={{ flex: 1, minHeight: 0, overflow: 'auto' }}>
        {filtered.length === 0 ? (
          <Typography sx={{ p: 2 }} color="text.secondary" data-testid="contacts-empty">
            {view.rows.length === 0 ? t('contacts.empty') : t('contacts.noMatch')}
          </Typography>
        ) : (
          // Fits a 1366×768 window in both languages: narrow cell padding, columns that wrap their values, and the
          // actions stacked in a column pinned to the right edge, so they are never clipped or scrolled away.
          <Table size="small" stickyHeader data-testid="contacts-table" sx={{ '& th, & td': { px: 1 }, '& th': { whiteSpace: 'nowrap' } }}>
            <TableHead>
              <TableRow>
                <TableCell>{t('contacts.col.status')}</TableCell>
                <TableCell>{t('contacts.col.contact')}</TableCell>
                <TableCell>{t('contacts.col.number')}</TableCell>
                <TableCell>{t('contacts.col.pool')}</TableCell>
                <TableCell>{t('contacts.col.enabled')}</TableCell>
                <TableCell>{t('contacts.col.serves')}</TableCell>
                {writable && <TableCell sx={{ ...ACTIONS_CELL, zIndex: 3 }} data-testid="contacts-actions-head" />}
              </TableRow>
            </TableHead>
            <TableBody>
              {shown.map((row) => (
                <Row key={row.key} row={row} writable={writable} onOpen={onOpen} />
              ))}
            </TableBody>
          </Table>
        )}
        {hidden > 0 && (
          <Box sx={{ p: 1.5 }}>
            <Button size="small" variant="outlined" data-testid="contacts-show-more" onClick={() => setLimit((l) => l + PAGE_SIZE)}>
              {t('contacts.showMore', { count: Math.min(PAGE_SIZE, hidden), hidden })}
            </Button>
          </Box>
        )}
      </Box>
    </Box>
  );
}

/**
 * One contact on two table rows: its facts, then (when there are any) its issues across the whole
 * width — rule IDs and messages need room more than a column. Memoised so a keystroke in the filter
 * re-renders only the rows that appear or go.
 */
const Row = memo(function Row({ row, writable, onOpen }: { row: ContactRow; writable: boolean; onOpen: (mode: DialogMode) => void }) {
  const { t } = useI18n();
  const c = row.contact;
  const p = row.prefill;
  const kind = rowKind(row);
  const proposed = c ? {} : ({ color: 'text.secondary', fontStyle: 'italic' } as const);
  const ou = c ? c.ou : (p?.ou ?? '');
  const hasIssues = row.issues.length > 0;
  const columns = writable ? 7 : 6;
  return (
    <>
      <TableRow
        data-testid="contact-row"
        data-status={row.status}
        data-key={row.key}
        data-sip={c?.sipAddress ?? p?.sipAddress ?? ''}
        sx={{ verticalAlign: 'top', '& > td': { borderBottom: hasIssues ? 0 : undefined } }}
      >
        <TableCell sx={{ width: '1%', whiteSpace: 'nowrap' }}>
          <Chip size="small" color={statusColor(row.status)} label={t(`contacts.status.${row.status}`)} data-testid="contact-status" />
        </TableCell>
        <TableCell sx={{ minWidth: 150, ...proposed }}>
          <Box sx={{ fontWeight: c ? 600 : 400 }}>{c ? c.displayName : (p?.name ?? '')}</Box>
          <Box sx={{ fontFamily: MONO_FONT, fontSize: 12, overflowWrap: 'break-word' }}>
            <Breakable text={c ? c.sipAddress : (p?.sipAddress ?? '')} />
          </Box>
        </TableCell>
        <TableCell sx={{ whiteSpace: 'nowrap' }}>
          <Box sx={{ fontFamily: MONO_FONT, fontSize: 12 }}>{c ? c.displayNumber : (row.serves?.number ?? p?.displayNumber ?? '')}</Box>
          <Typography variant="caption" color="text.secondary">
            {kind ? t(`contacts.kind.${kind}`) : t('contacts.kind.none')}
          </Typography>
        </TableCell>
        <TableCell sx={{ minWidth: 130, ...proposed }}>
          <Box sx={{ overflowWrap: 'break-word' }}>
            <Breakable text={c ? c.registrarPool : (p?.registrarPool ?? '')} />
          </Box>
          <Typography variant="caption" color="text.secondary" component="div" title={ou} sx={{ overflowWrap: 'anywhere' }}>
            {ouLabel(ou)}
          </Typography>
        </TableCell>
        <TableCell>{c ? t(c.enabled ? 'contacts.yes' : 'contacts.no') : ''}</TableCell>
        <TableCell sx={{ minWidth: 100 }}>{servesText(row, t)}</TableCell>
        {writable && (
          <TableCell sx={ACTIONS_CELL} data-testid="contact-actions">
            {c ? (
              <Box sx={{ display: 'flex', flexDirection: 'column', alignItems: 'flex-start', gap: 0.25 }}>
                <Button size="small" data-testid="contact-edit" onClick={() => onOpen({ op: 'edit', contact: c })} sx={{ minWidth: 0 }}>
                  {t('contacts.action.edit')}
                </Button>
                <Button size="small" data-testid="contact-move" onClick={() => onOpen({ op: 'move', contact: c })} sx={{ minWidth: 0 }}>
                  {t('contacts.action.move')}
                </Button>
                <Button size="small" color="error" data-testid="contact-remove" onClick={() => onOpen({ op: 'remove', contact: c })} sx={{ minWidth: 0 }}>
                  {t('contacts.action.remove')}
                </Button>
              </Box>
            ) : (
              <Button size="small" variant="contained" data-testid="contact-row-create" onClick={() => onOpen({ op: 'create', prefill: p })}>
                {t('contacts.action.create')}
              </Button>
            )}
          </TableCell>
        )}
      </TableRow>
      {hasIssues && (
        <TableRow data-testid="contact-row-issues" data-key={row.key}>
          <TableCell />
          <TableCell colSpan={columns - 1} sx={{ pt: 0 }}>
            {row.issues.map((i, n) => (
              <IssueLine key={`${i.rule}-${n}`} issue={i} dense />
            ))}
          </TableCell>
        </TableRow>
      )}
    </>
  );
});

/** A SIP address or an FQDN that may wrap after its `@` and its dots only, never inside a label of it. */
function Breakable({ text }: { text: string }) {
  const parts = text.split(/(?<=[.@])/);
  return (
    <>
      {parts.map((part, i) => (
        <Fragment key={i}>
          <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </>
  );
}

/** The actions column: as wide as its longest label, pinned to the right edge of the scrolling table. */
const ACTIONS_CELL = { width: '1%', whiteSpace: 'nowrap', position: 'sticky', right: 0, bgcolor: 'background.paper', borderLeft: 1, borderLeftColor: 'divider' } as const;

function servesText(row: ContactRow, t: T): string {
  const s = row.serves;
  if (!s) return t('contacts.serves.nothing');
  return s.autoAttendant ? t('contacts.serves.aa', { autoAttendant: s.autoAttendant, dialPlan: s.dialPlan }) : t('contacts.serves.ova', { dialPlan: s.dialPlan });
}
