/**
 * Add or edit a profile, in a dialog. Validation reads under the fields (resolveEndpoint's reasons,
 * USER_NAME) once a field was left or a save was tried; main's own refusal shows as an alert.
 * The password is write-only: empty keeps the stored one, "Remove password" sends ''.
 * Where no password can be kept (no OS key store, Linux without a keyring) the password field says why;
 * where this session may not make a profile admin (docs/live-sessions.md, "Roles and the policy file")
 * the role field says why — the main process refuses both anyway.
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import CircularProgress from '@mui/material/CircularProgress';
import Dialog from '@mui/material/Dialog';
import DialogActions from '@mui/material/DialogActions';
import DialogContent from '@mui/material/DialogContent';
import DialogTitle from '@mui/material/DialogTitle';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import { type FormEvent, type ReactNode, useMemo, useRef, useState } from 'react';
import type { ConnectionProfileView, ShellName } from '../../../../shared/connections/profile';
import type { ProfileInput } from '../../../../shared/connections/connection-channels';
import { errorMessage, getApi } from '../../api';
import { ConnectionTestPanel, type TestState } from './connection-test-panel';
import { useI18n } from '../../i18n';
import {
  draftFromProfile,
  dropsStoredPassword,
  emptyDraft,
  endpointPreview,
  type FieldMessage,
  hasErrors,
  type ProfileDraft,
  type ProfileField,
  toProfileInput,
  validateDraft,
  withLabEndpoint,
} from './profile-form-model';

interface Props {
  /** The profile to edit; null to add one. */
  readonly profile: ConnectionProfileView | null;
  readonly onSave: (input: ProfileInput) => Promise<unknown>;
  readonly onClose: () => void;
  /** Why no password can be stored or read here (main's words), or null. */
  readonly secretsUnavailable?: string | null;
  /** Why this session may not make a profile admin (main's words), or null. */
  readonly adminRoleRefusal?: string | null;
}

export function ProfileFormDialog({ profile, onSave, onClose, secretsUnavailable = null, adminRoleRefusal = null }: Props) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<ProfileDraft>(() => (profile ? draftFromProfile(profile) : { ...emptyDraft(), role: adminRoleRefusal ? 'helpdesk' : 'admin' }));
  // A profile already admin stays selectable as admin (keeping a role is no lift); making one admin is not.
  const adminLocked = adminRoleRefusal !== null && (profile?.role ?? (profile ? 'admin' : null)) !== 'admin';
  const [touched, setTouched] = useState<ReadonlySet<ProfileField>>(new Set());
  const [tried, setTried] = useState(false);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const errors = useMemo(() => validateDraft(draft), [draft]);
  // Test connection on the fields as typed, saved or not (the stored password when none is typed).
  const [test, setTest] = useState<TestState | null>(null);
  const testTicket = useRef(0);
  const runTest = async () => {
    setTried(true);
    if (hasErrors(errors)) return;
    const ticket = ++testTicket.current;
    const name = draft.name.trim() || t('connections.form.addTitle');
    setTest({ kind: 'running', name, id: draft.id ?? '' });
    try {
      const report = await getApi().connections.test({ profile: toProfileInput({ ...draft, name }) });
      if (ticket === testTicket.current) setTest({ kind: 'done', report });
    } catch (err) {
      if (ticket === testTicket.current) setTest({ kind: 'failed', name, message: errorMessage(err) });
    }
  };

  const set = <K extends keyof ProfileDraft>(key: K, value: ProfileDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const touch = (field: ProfileField) => setTouched((s) => (s.has(field) ? s : new Set(s).add(field)));
  const shown = (field: ProfileField): FieldMessage | undefined => (tried || touched.has(field) ? errors[field] : undefined);
  const say = (m: FieldMessage | null | undefined) => (m ? t(m.key, m.params) : undefined);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (hasErrors(errors) || saving) return;
    setSaving(true);
    setFailure(null);
    try {
      await onSave(toProfileInput(draft));
      onClose();
    } catch (err) {
      setFailure(t('connections.error.save', { message: errorMessage(err) }));
      setSaving(false);
    }
  };

  const endpointField = (shell: ShellName) => {
    const error = shown(shell);
    const preview = endpointPreview(shell, draft[shell]);
    return (
      <TextField
        label={t(`connections.form.${shell}`)}
        value={draft[shell]}
        onChange={(e) => set(shell, e.target.value)}
        onBlur={() => touch(shell)}
        error={!!error}
        helperText={say(error) ?? say(preview) ?? t(`connections.form.${shell}.hint`)}
        required
        fullWidth
        slotProps={{ htmlInput: { 'data-testid': `profile-${shell}`, spellCheck: false, autoComplete: 'off' } }}
      />
    );
  };

  const credential = draft.authentication === 'credential';
  const passwordError = shown('password');
  let passwordNote: ReactNode = t(draft.hasSecret ? 'connections.form.password.stored' : 'connections.form.password.new');
  if (draft.hasSecret && draft.removePassword) passwordNote = t('connections.form.password.removing');

  return (
    <Dialog open onClose={saving ? undefined : onClose} maxWidth="sm" fullWidth aria-labelledby="profile-form-title">
      <Box component="form" data-testid="profile-form" data-profile-id={profile?.id} noValidate onSubmit={submit}>
        <DialogTitle id="profile-form-title" sx={{ fontSize: 16, fontWeight: 600, pb: 1 }}>
          {profile ? t('connections.form.editTitle', { name: profile.name }) : t('connections.form.addTitle')}
        </DialogTitle>
        <DialogContent sx={{ display: 'flex', flexDirection: 'column', gap: 2, pt: '8px !important' }}>
          {failure && (
            <Alert severity="error" data-testid="connections-error">
              {failure}
            </Alert>
          )}
          <TextField
            label={t('connections.form.name')}
            value={draft.name}
            onChange={(e) => set('name', e.target.value)}
            onBlur={() => touch('name')}
            error={!!shown('name')}
            helperText={say(shown('name'))}
            required
            fullWidth
            autoFocus
            slotProps={{ htmlInput: { 'data-testid': 'profile-name', maxLength: 200 } }}
          />
          <Box sx={{ display: 'flex', alignItems: 'center', gap: 1.5, mt: -0.5 }}>
            <Button variant="outlined" data-testid="profile-lab" sx={{ flexShrink: 0, whiteSpace: 'nowrap' }} onClick={() => setDraft((d) => withLabEndpoint(d, t('connections.form.labName')))}>
              {t('connections.form.lab')}
            </Button>
            <Box component="span" sx={{ fontSize: 12, color: 'text.secondary' }}>
              {t('connections.form.lab.hint')}
            </Box>
          </Box>
          {endpointField('exchange')}
          {endpointField('skype')}
          <TextField
            select
            label={t('connections.form.authentication')}
            value={draft.authentication}
            onChange={(e) => set('authentication', e.target.value === 'credential' ? 'credential' : 'kerberos')}
            helperText={!credential && dropsStoredPassword(draft) ? t('connections.form.password.kerberosDrops') : undefined}
            fullWidth
            slotProps={{ select: { native: true }, htmlInput: { 'data-testid': 'profile-auth' } }}
          >
            <option value="kerberos">{t('connections.auth.kerberos')}</option>
            <option value="credential">{t('connections.auth.credential')}</option>
          </TextField>
          {credential && (
            <Box sx={{ display: 'grid', gridTemplateColumns: '1fr 1fr', gap: 2, alignItems: 'start' }}>
              <TextField
                label={t('connections.form.userName')}
                value={draft.userName}
                onChange={(e) => set('userName', e.target.value)}
                onBlur={() => touch('userName')}
                error={!!shown('userName')}
                helperText={say(shown('userName')) ?? t('connections.form.userName.hint')}
                required
                slotProps={{ htmlInput: { 'data-testid': 'profile-user', spellCheck: false, autoComplete: 'off' } }}
              />
              <Box>
                <TextField
                  label={t('connections.form.password')}
                  type="password"
                  value={draft.password}
                  onChange={(e) => set('password', e.target.value)}
                  onBlur={() => touch('password')}
                  error={!!passwordError}
                  helperText={secretsUnavailable ? say(passwordError) : (say(passwordError) ?? <span data-testid="profile-password-note">{passwordNote}</span>)}
                  required={!draft.hasSecret && !secretsUnavailable}
                  disabled={!!secretsUnavailable}
                  fullWidth
                  slotProps={{ htmlInput: { 'data-testid': 'profile-password', autoComplete: 'new-password' } }}
                />
                {draft.hasSecret && (
                  <Button
                    size="small"
                    data-testid={draft.removePassword ? 'profile-password-keep' : 'profile-password-remove'}
                    onClick={() => setDraft((d) => ({ ...d, removePassword: !d.removePassword, password: '' }))}
                    sx={{ mt: 0.25, px: 0.5 }}
                  >
                    {t(draft.removePassword ? 'connections.form.password.keep' : 'connections.form.password.remove')}
                  </Button>
                )}
              </Box>
            </Box>
          )}
          {credential && secretsUnavailable && (
            <Alert severity="warning" data-testid="profile-password-unavailable">
              {secretsUnavailable}
            </Alert>
          )}
          <TextField
            label={t('connections.form.forest')}
            value={draft.forest}
            onChange={(e) => set('forest', e.target.value)}
            onBlur={() => touch('forest')}
            error={!!shown('forest')}
            helperText={say(shown('forest')) ?? t('connections.form.forest.hint')}
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'profile-forest' } }}
          />
          <TextField
            select
            label={t('connections.form.role')}
            value={draft.role}
            onChange={(e) => set('role', e.target.value === 'helpdesk' ? 'helpdesk' : 'admin')}
            helperText={
              adminRoleRefusal ? (
                <span data-testid="profile-role-locked">{adminRoleRefusal}</span>
              ) : (
                t(draft.role === 'helpdesk' ? 'connections.form.role.helpdesk.hint' : 'connections.form.role.admin.hint')
              )
            }
            fullWidth
            slotProps={{ htmlInput: { 'data-testid': 'profile-role' } }}
          >
            <MenuItem value="admin" disabled={adminLocked}>
              {t('connections.form.role.admin')}
            </MenuItem>
            <MenuItem value="helpdesk">{t('connections.form.role.helpdesk')}</MenuItem>
          </TextField>
          {test && (
            <ConnectionTestPanel
              state={test}
              onClose={() => {
                testTicket.current++;
                setTest(null);
              }}
            />
          )}
        </DialogContent>
        <DialogActions sx={{ px: 3, pb: 2 }}>
          <Button
            variant="outlined"
            data-testid="profile-form-test"
            sx={{ mr: 'auto' }}
            disabled={saving || test?.kind === 'running'}
            startIcon={test?.kind === 'running' ? <CircularProgress size={12} color="inherit" /> : undefined}
            onClick={() => void runTest()}
          >
            {t('connectTest.screen.button')}
          </Button>
          <Button onClick={onClose} disabled={saving} data-testid="profile-cancel">
            {t('connections.cancel')}
          </Button>
          <Button type="submit" variant="contained" data-testid="profile-save" disabled={saving} startIcon={saving ? <CircularProgress size={12} color="inherit" /> : undefined}>
            {t('connections.form.save')}
          </Button>
        </DialogActions>
      </Box>
    </Dialog>
  );
}
