/**
 * The connection profiles: what each points at and how it signs in, with Connect (Disconnect on
 * the active one), Edit and Delete.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Chip from '@mui/material/Chip';
import CircularProgress from '@mui/material/CircularProgress';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Tooltip from '@mui/material/Tooltip';
import type { ConnectionProfileView } from '../../../../shared/connections/profile';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';

interface Props {
  readonly profiles: readonly ConnectionProfileView[];
  readonly activeProfileId: string | null;
  /** An action is running: the buttons wait. */
  readonly busy: boolean;
  readonly onConnect: (p: ConnectionProfileView) => void;
  readonly onDisconnect: () => void;
  readonly onEdit: (p: ConnectionProfileView) => void;
  readonly onDelete: (p: ConnectionProfileView) => void;
  /** Test connection: checks what a live connection to this profile needs (nothing is changed). */
  readonly onTest: (p: ConnectionProfileView) => void;
  /** The profile being tested (its button waits). */
  readonly testing: string | null;
}

export function ProfileList({ profiles, activeProfileId, busy, onConnect, onDisconnect, onEdit, onDelete, onTest, testing }: Props) {
  const { t } = useI18n();
  if (profiles.length === 0) {
    return (
      <Alert severity="info" variant="outlined" data-testid="profiles-empty">
        {t('connections.profiles.empty')}
      </Alert>
    );
  }
  const mono = { fontFamily: MONO_FONT, fontSize: 12, overflowWrap: 'anywhere' } as const;
  return (
    <Table data-testid="profile-list" sx={{ '& td, & th': { verticalAlign: 'top' } }}>
      <TableHead>
        <TableRow>
          <TableCell>{t('connections.column.name')}</TableCell>
          <TableCell>{t('connections.column.exchange')}</TableCell>
          <TableCell>{t('connections.column.skype')}</TableCell>
          <TableCell>{t('connections.column.authentication')}</TableCell>
          <TableCell>{t('connections.column.forest')}</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {profiles.map((p) => {
          const active = p.id === activeProfileId;
          return (
            <TableRow key={p.id} data-testid="profile-row" data-profile-id={p.id} data-active={active ? 'true' : 'false'} selected={active}>
              <TableCell sx={{ fontWeight: 500 }}>
                <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, flexWrap: 'wrap' }}>
                  {p.name}
                  {active && <Chip label={t('connections.profile.active')} color="primary" sx={{ height: 18, fontSize: 11 }} />}
                </Box>
              </TableCell>
              <TableCell sx={mono}>{p.exchange}</TableCell>
              <TableCell sx={mono}>{p.skype}</TableCell>
              <TableCell>
                {p.authentication === 'kerberos' ? (
                  t('connections.auth.kerberos')
                ) : (
                  <>
                    {t('connections.auth.credentialOf', { user: p.userName ?? '' })}
                    <Box component="div" data-testid="profile-secret" data-has-secret={p.hasSecret ? 'true' : 'false'} sx={{ fontSize: 12, color: 'text.secondary' }}>
                      {t(p.hasSecret ? 'connections.auth.passwordStored' : 'connections.auth.noPassword')}
                    </Box>
                  </>
                )}
              </TableCell>
              <TableCell>{p.forest ?? '—'}</TableCell>
              <TableCell align="right" sx={{ whiteSpace: 'nowrap' }}>
                <Box sx={{ display: 'inline-flex', gap: 0.75 }}>
                  {active ? (
                    <Button variant="outlined" color="warning" data-testid="disconnect" disabled={busy} onClick={onDisconnect}>
                      {t('connections.disconnect')}
                    </Button>
                  ) : (
                    <Button variant="contained" data-testid="connect" disabled={busy} onClick={() => onConnect(p)}>
                      {t('connections.connect')}
                    </Button>
                  )}
                  <Tooltip title={t('connectTest.screen.hint')}>
                    <span>
                      <Button
                        variant="outlined"
                        data-testid="profile-test"
                        disabled={testing !== null}
                        aria-busy={testing === p.id}
                        startIcon={testing === p.id ? <CircularProgress size={12} color="inherit" /> : undefined}
                        onClick={() => onTest(p)}
                      >
                        {t('connectTest.screen.button')}
                      </Button>
                    </span>
                  </Tooltip>
                  <Button data-testid="profile-edit" disabled={busy} onClick={() => onEdit(p)}>
                    {t('connections.edit')}
                  </Button>
                  <Button color="error" data-testid="profile-delete" disabled={busy} onClick={() => onDelete(p)}>
                    {t('connections.delete')}
                  </Button>
                </Box>
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
