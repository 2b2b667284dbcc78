/**
 * Connections screen: the profiles (add, edit, delete, connect), one card per Management Shell
 * session, and the data actions: Refresh from the live shells, Capture and Open a snapshot. The
 * view is polled every second while the screen is shown; when another org is loaded, the rest of
 * the console reads it again (org-version.tsx).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import LinearProgress from '@mui/material/LinearProgress';
import Paper from '@mui/material/Paper';
import Tooltip from '@mui/material/Tooltip';
import Typography from '@mui/material/Typography';
import { type ReactNode, useRef, useState } from 'react';
import { type ConnectionProfileView, type ConnectionsView, SHELLS } from '../../../../shared/connections/profile';
import type { MessageKey } from '../../../../shared/i18n/en';
import type { Params } from '../../../../shared/i18n/translate';
import { errorMessage, getApi } from '../../api';
import { LoadingNotice } from '../../components/notice';
import { useI18n } from '../../i18n';
import { useOrgChanged } from '../../org-version';
import { ConnectionTestPanel, type TestState } from './connection-test-panel';
import { ProfileFormDialog } from './profile-form';
import { ReadNotesPanel } from './read-notes-panel';
import { ProfileList } from './profile-list';
import { ShellCard } from './shell-card';
import { canRefresh, connectionPhase, kilobytes, shellStatus, totalObjects } from './shell-status';
import { useConnections } from './use-connections';

type Action = 'save' | 'delete' | 'connect' | 'disconnect' | 'refresh' | 'capture' | 'open';

/** Kept as key + params, so a language switch re-renders it in the new language. */
interface Said {
  readonly key: MessageKey;
  readonly params: Params;
  readonly testId: 'connections-error' | 'snapshot-result' | 'refresh-result';
}

/** null: closed; { profile: null }: adding; { profile }: editing. */
type FormState = { readonly profile: ConnectionProfileView | null } | null;

export default function ConnectionsScreen() {
  const { t } = useI18n();
  const { view, pollError, run } = useConnections();
  const onOrgChanged = useOrgChanged();
  const [busy, setBusy] = useState<Action | null>(null);
  const [said, setSaid] = useState<Said | null>(null);
  const [form, setForm] = useState<FormState>(null);
  const [deleting, setDeleting] = useState<ConnectionProfileView | null>(null);
  const [test, setTest] = useState<TestState | null>(null);
  /** Bumped by each test: an answer for an older one (closed, replaced) is dropped. */
  const testTicket = useRef(0);

  /** One action at a time; its failure (main's message) or its outcome replaces the last one. */
  const act = async (action: Action, work: () => Promise<Said | null>) => {
    if (busy) return;
    setBusy(action);
    setSaid(null);
    try {
      setSaid(await work());
    } catch (e) {
      setSaid({ key: `connections.error.${action}`, params: { message: errorMessage(e) }, testId: 'connections-error' });
    } finally {
      setBusy(null);
    }
  };

  const api = () => getApi().connections;
  const connect = (p: ConnectionProfileView) =>
    act('connect', async () => {
      await run(() => api().connect({ id: p.id })); // returns at once: the cards follow the shells
      return null;
    });
  const disconnect = () =>
    act('disconnect', async () => {
      await run(() => api().disconnect());
      onOrgChanged(); // back to the lab org
      return null;
    });
  const remove = (p: ConnectionProfileView) =>
    act('delete', async () => {
      await run(() => api().delete({ id: p.id }));
      return null;
    });
  const refresh = () =>
    act('refresh', async () => {
      const summary = await api().refresh();
      onOrgChanged();
      return { key: 'connections.refresh.done', params: { objects: totalObjects(summary.objects) }, testId: 'refresh-result' };
    });
  const capture = () =>
    act('capture', async () => {
      const r = await getApi().snapshot.capture();
      if (r.path === null) return null; // the user cancelled the dialog
      return { key: 'connections.capture.done', params: { objects: r.objects, path: r.path, size: kilobytes(r.bytes) }, testId: 'snapshot-result' };
    });
  const open = () =>
    act('open', async () => {
      const r = await getApi().snapshot.open();
      if (r.path === null) return null;
      onOrgChanged();
      return { key: 'connections.open.done', params: { path: r.path, objects: r.objects }, testId: 'snapshot-result' };
    });

  const runTest = async (p: ConnectionProfileView) => {
    const ticket = ++testTicket.current;
    setTest({ kind: 'running', name: p.name, id: p.id });
    try {
      const report = await api().test({ id: p.id });
      if (ticket === testTicket.current) setTest({ kind: 'done', report });
    } catch (e) {
      if (ticket === testTicket.current) setTest({ kind: 'failed', name: p.name, message: errorMessage(e) });
    }
  };
  const closeTest = () => {
    testTicket.current++;
    setTest(null);
  };

  const dataBusy = busy !== null || !!view?.reading;
  const activeOrphan = view !== null && view.activeProfileId !== null && !view.profiles.some((p) => p.id === view.activeProfileId);

  return (
    <Box data-testid="connections-screen" sx={{ display: 'flex', flexDirection: 'column', height: '100%', minHeight: 0 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 1, px: 2, py: 1, borderBottom: 1, borderColor: 'divider', bgcolor: 'background.paper' }}>
        <Typography variant="h1" component="h1" sx={{ mr: 'auto' }}>
          {t('connections.title')}
        </Typography>
        <ActionButton testId="refresh" hint={t('connections.refresh.hint')} variant="contained" disabled={dataBusy || !canRefresh(view)} running={busy === 'refresh'} onClick={refresh}>
          {t('connections.refresh')}
        </ActionButton>
        <ActionButton testId="capture-snapshot" hint={t('connections.capture.hint')} disabled={dataBusy} running={busy === 'capture'} onClick={capture}>
          {t('connections.capture')}
        </ActionButton>
        <ActionButton testId="open-snapshot" hint={t('connections.open.hint')} disabled={dataBusy} running={busy === 'open'} onClick={open}>
          {t('connections.open')}
        </ActionButton>
      </Box>
      <Box sx={{ flex: 1, overflowY: 'auto', px: 2, py: 1.5 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2, maxWidth: 1280 }}>
          <Typography sx={{ color: 'text.secondary' }}>{t('connections.intro')}</Typography>
          {/* While the form is open its own alert speaks; one error line at a time. */}
          {said && !form && (
            <Alert
              severity={said.testId === 'connections-error' ? 'error' : 'success'}
              data-testid={said.testId}
              role={said.testId === 'connections-error' ? 'alert' : 'status'}
              onClose={() => setSaid(null)}
            >
              {t(said.key, said.params)}
            </Alert>
          )}
          {pollError && !said && !form && (
            <Alert severity="error" data-testid="connections-error">
              {t('connections.error.list', { message: pollError })}
            </Alert>
          )}
          {view === null ? (
            !pollError && <LoadingNotice />
          ) : (
            <>
              <Section
                title={t('connections.profiles.title')}
                action={
                  <Button variant="outlined" data-testid="profile-add" disabled={busy !== null} onClick={() => setForm({ profile: null })}>
                    {t('connections.profiles.add')}
                  </Button>
                }
              >
                <ProfileList
                  profiles={view.profiles}
                  activeProfileId={view.activeProfileId}
                  busy={busy !== null}
                  onConnect={connect}
                  onDisconnect={disconnect}
                  onEdit={(p) => setForm({ profile: p })}
                  onDelete={setDeleting}
                  onTest={(p) => void runTest(p)}
                  testing={test?.kind === 'running' ? test.id : null}
                />
              </Section>
              {test && <ConnectionTestPanel state={test} onClose={closeTest} />}
              <Section
                title={t('connections.shells.title')}
                action={
                  activeOrphan && (
                    <Button variant="outlined" color="warning" data-testid="disconnect" disabled={busy !== null} onClick={disconnect}>
                      {t('connections.disconnect')}
                    </Button>
                  )
                }
              >
                <PhaseLine view={view} />
                <Box sx={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(380px, 1fr))', gap: 1.5 }}>
                  {SHELLS.map((shell) => (
                    <ShellCard key={shell} status={shellStatus(view, shell)} />
                  ))}
                </Box>
              </Section>
              <ReadNotesPanel notes={view.readNotes} />
            </>
          )}
        </Box>
      </Box>
      {form && (
        <ProfileFormDialog
          profile={form.profile}
          secretsUnavailable={view?.secretsUnavailable ?? null}
          adminRoleRefusal={view?.adminRoleRefusal ?? null}
          onSave={(profile) => run(() => api().save({ profile }))}
          onClose={() => setForm(null)}
        />
      )}
      {deleting && (
        <DeleteDialog
          profile={deleting}
          onCancel={() => setDeleting(null)}
          onConfirm={() => {
            const p = deleting;
            setDeleting(null);
            void remove(p);
          }}
        />
      )}
    </Box>
  );
}

function Section({ title, action, children }: { title: string; action?: ReactNode; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" sx={{ px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1.25 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <Typography variant="h2" component="h2" sx={{ mr: 'auto' }}>
          {title}
        </Typography>
        {action}
      </Box>
      {children}
    </Paper>
  );
}

/** A toolbar button with its explanation as a tooltip (kept on a disabled button through a span). */
function ActionButton(props: { testId: string; hint: string; disabled: boolean; running: boolean; variant?: 'contained' | 'outlined'; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip title={props.hint}>
      <span>
        <Button
          variant={props.variant ?? 'outlined'}
          data-testid={props.testId}
          disabled={props.disabled}
          aria-busy={props.running}
          onClick={props.onClick}
          startIcon={props.running ? <CircularProgress size={12} color="inherit" /> : undefined}
        >
          {props.children}
        </Button>
      </span>
    </Tooltip>
  );
}

/** One line on what the console is doing with the sessions; a bar while it reads the org. */
function PhaseLine({ view }: { view: ConnectionsView }) {
  const { t } = useI18n();
  const phase = connectionPhase(view);
  if (!phase) return null;
  const name = view.profiles.find((p) => p.id === view.activeProfileId)?.name ?? view.activeProfileId ?? '';
  return (
    <Box data-testid="connection-phase" data-phase={phase} role="status">
      <Typography sx={{ color: phase === 'liveLoaded' ? 'success.dark' : 'text.secondary' }}>{t(`connections.status.${phase}`, { name })}</Typography>
      {phase === 'reading' && <LinearProgress sx={{ mt: 0.5 }} />}
    </Box>
  );
}

function DeleteDialog({ profile, onCancel, onConfirm }: { profile: ConnectionProfileView; onCancel: () => void; onConfirm: () => void }) {
  const { t } = useI18n();
  return (
    <Dialog open onClose={onCancel} maxWidth="xs" fullWidth aria-labelledby="profile-delete-title">
      <DialogTitle id="profile-delete-title" sx={{ fontSize: 16, fontWeight: 600 }}>
        {t('connections.delete.title', { name: profile.name })}
      </DialogTitle>
      <DialogContent>
        <Typography>{t('connections.delete.body')}</Typography>
      </DialogContent>
      <DialogActions sx={{ px: 3, pb: 2 }}>
        <Button onClick={onCancel} data-testid="profile-delete-cancel" autoFocus>
          {t('connections.cancel')}
        </Button>
        <Button variant="contained" color="error" data-testid="profile-delete-confirm" onClick={onConfirm}>
          {t('connections.delete')}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
