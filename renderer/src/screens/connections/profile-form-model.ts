/**
 * The profile form without React: the draft the user edits, its validation (as i18n keys, shown
 * under the fields) and the ProfileInput it becomes. Pure, so it is unit-tested on its own.
 */
import { type ConnectionProfileView, LAB_LOCAL, resolveEndpoint, type ShellName, USER_NAME } from '../../../../shared/connections/profile';
import type { ProfileInput } from '../../../../shared/connections/connection-channels';
import type { MessageKey } from '../../../../shared/i18n/en';
import type { Params } from '../../../../shared/i18n/translate';

export interface ProfileDraft {
  /** null for a new profile: main gives it its id. */
  readonly id: string | null;
  readonly name: string;
  readonly exchange: string;
  readonly skype: string;
  readonly authentication: 'kerberos' | 'credential';
  readonly userName: string;
  /** Write-only: empty keeps the stored password (if any). */
  readonly password: string;
  /** The user asked to remove the stored password. */
  readonly removePassword: boolean;
  /** The profile being edited has a stored password. */
  readonly hasSecret: boolean;
  readonly forest: string;
  /** helpdesk: read-only everywhere (no write control; the main process refuses writes). */
  readonly role: 'admin' | 'helpdesk';
}

export type ProfileField = 'name' | 'exchange' | 'skype' | 'userName' | 'password' | 'forest';

export interface FieldMessage {
  readonly key: MessageKey;
  readonly params?: Params;
}

export type ProfileErrors = Partial<Record<ProfileField, FieldMessage>>;

/** The contract's limits (ProfileInput), checked here so the user reads them under the field. */
export const LIMITS: Readonly<Record<ProfileField, number>> = { name: 100, exchange: 400, skype: 400, userName: 256, password: 1024, forest: 100 };

export function emptyDraft(): ProfileDraft {
  return { id: null, name: '', exchange: '', skype: '', authentication: 'kerberos', userName: '', password: '', removePassword: false, hasSecret: false, forest: '', role: 'admin' };
}

export function draftFromProfile(p: ConnectionProfileView): ProfileDraft {
  return {
    id: p.id,
    name: p.name,
    exchange: p.exchange,
    skype: p.skype,
    authentication: p.authentication,
    userName: p.userName ?? '',
    password: '',
    removePassword: false,
    hasSecret: p.hasSecret,
    forest: p.forest ?? '',
    role: p.role ?? 'admin',
  };
}

/** The "Lab endpoint" shortcut: both shells on the built-in lab endpoint; a name if there is none. */
export function withLabEndpoint(d: ProfileDraft, labName: string): ProfileDraft {
  return { ...d, exchange: LAB_LOCAL, skype: LAB_LOCAL, name: d.name.trim() === '' ? labName : d.name };
}

const ENDPOINT_REASON: Readonly<Record<'empty' | 'fqdn' | 'uri' | 'ssh' | 'lab', MessageKey>> = {
  lab: 'connections.form.error.lab',
  empty: 'connections.form.error.empty',
  fqdn: 'connections.form.error.fqdn',
  uri: 'connections.form.error.uri',
  ssh: 'connections.form.error.ssh',
};

function tooLong(field: ProfileField, value: string): FieldMessage | null {
  return value.length > LIMITS[field] ? { key: 'connections.form.error.tooLong', params: { max: LIMITS[field] } } : null;
}

function endpointError(shell: ShellName, value: string): FieldMessage | null {
  const long = tooLong(shell, value.trim());
  if (long) return long;
  const r = resolveEndpoint(shell, value);
  return r.ok ? null : { key: ENDPOINT_REASON[r.reason] };
}

/**
 * A credential profile needs a password typed unless one is stored. Removing the stored one is a
 * deliberate action ("Remove password") and is allowed without typing another.
 */
function needsPassword(d: ProfileDraft): boolean {
  return d.authentication === 'credential' && d.password === '' && !d.hasSecret;
}

export function validateDraft(d: ProfileDraft): ProfileErrors {
  const errors: { -readonly [F in ProfileField]?: FieldMessage } = {};
  const name = d.name.trim();
  if (name === '') errors.name = { key: 'connections.form.error.name' };
  else if (tooLong('name', name)) errors.name = tooLong('name', name)!;
  const exchange = endpointError('exchange', d.exchange);
  if (exchange) errors.exchange = exchange;
  const skype = endpointError('skype', d.skype);
  if (skype) errors.skype = skype;
  if (d.authentication === 'credential') {
    const user = d.userName.trim();
    if (user === '') errors.userName = { key: 'connections.form.error.userRequired' };
    else if (tooLong('userName', user)) errors.userName = tooLong('userName', user)!;
    else if (!USER_NAME.test(user)) errors.userName = { key: 'connections.form.error.userName' };
    if (needsPassword(d)) errors.password = { key: 'connections.form.error.passwordRequired' };
    else if (tooLong('password', d.password)) errors.password = tooLong('password', d.password)!;
  }
  const forest = tooLong('forest', d.forest.trim());
  if (forest) errors.forest = forest;
  return errors;
}

export function hasErrors(errors: ProfileErrors): boolean {
  return Object.keys(errors).length > 0;
}

/**
 * What a save sends. The password is write-only: a new one replaces the stored one, `''` removes
 * it (the user asked to, or Kerberos needs none), absent keeps it.
 */
export function toProfileInput(d: ProfileDraft): ProfileInput {
  const credential = d.authentication === 'credential';
  const forest = d.forest.trim();
  const input: { -readonly [K in keyof ProfileInput]: ProfileInput[K] } = {
    name: d.name.trim(),
    exchange: d.exchange.trim(),
    skype: d.skype.trim(),
    authentication: d.authentication,
    userName: credential ? d.userName.trim() : null,
    forest: forest === '' ? null : forest,
    role: d.role,
  };
  if (d.id !== null) input.id = d.id;
  const password = passwordChange(d);
  if (password !== undefined) input.password = password;
  return input;
}

function passwordChange(d: ProfileDraft): string | undefined {
  if (d.authentication === 'credential') {
    if (d.password !== '') return d.password;
    return d.hasSecret && d.removePassword ? '' : undefined;
  }
  return d.hasSecret ? '' : undefined;
}

/** Whether saving drops the stored password (for the note under the field). */
export function dropsStoredPassword(d: ProfileDraft): boolean {
  return d.hasSecret && passwordChange(d) === '';
}

/** Under a valid endpoint field: where the session will go, in the user's language. */
export function endpointPreview(shell: ShellName, value: string): FieldMessage | null {
  const r = resolveEndpoint(shell, value);
  if (!r.ok) return null;
  const e = r.endpoint;
  if (e.kind === 'lab-local') return { key: 'connections.form.resolvedLab' };
  if (e.kind === 'lab-ssh') return { key: 'connections.form.resolvedSsh', params: { user: e.user, host: e.host, port: String(e.port) } };
  return { key: 'connections.form.resolved', params: { uri: e.uri } };
}
