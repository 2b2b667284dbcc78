/**
 * Connection profiles and shell status: what the Connections screen shows and edits.
 * Pure data and pure functions (no Node, no DOM): the main process, the CLI and the renderer share them.
 */

export type ShellName = 'exchange' | 'skype';
export const SHELLS: readonly ShellName[] = ['exchange', 'skype'];

/** The life of one Management Shell session (issue 3: connecting / open / reconnecting / broken / closed). */
export type ShellState = 'closed' | 'connecting' | 'open' | 'reconnecting' | 'broken';

/**
 * Kerberos (the jump host's logged-on Windows identity, no secret) is the default; a stored
 * credential is the exception (engineering anchors §3.4).
 */
export type AuthenticationMode = 'kerberos' | 'credential';

export interface ConnectionProfile {
  readonly id: string;
  readonly name: string;
  /** Exchange server FQDN or the full PowerShell URI. */
  readonly exchange: string;
  /** Skype for Business pool FQDN or the full OcsPowershell URI. */
  readonly skype: string;
  readonly authentication: AuthenticationMode;
  /** DOMAIN\user or UPN, for `credential`; never a password (that lives in the secret store). */
  readonly userName: string | null;
  /** Resource-forest deployments: a label only (which account forest the users live in). */
  readonly forest: string | null;
  /**
   * `helpdesk`: read-only — the console shows no write control and the main process refuses every
   * write channel (issues 6 and 7); the write cmdlets are not even imported into its sessions.
   * Absent in profiles saved before issue 6: an admin profile.
   */
  readonly role?: ProfileRole;
}

export type ProfileRole = 'admin' | 'helpdesk';

/** A profile as the renderer sees it: whether a password is stored, never the password. */
export interface ConnectionProfileView extends ConnectionProfile {
  readonly hasSecret: boolean;
}

export interface ShellStatus {
  readonly shell: ShellName;
  readonly state: ShellState;
  /** The URI (or lab endpoint) this shell talks to. */
  readonly endpoint: string;
  /** Exchange: AdminDisplayVersion; Skype: Get-CsServerVersion; lab: the lab endpoint's. */
  readonly serverVersion: string | null;
  /** The local PowerShell that hosts the session (5.1 or 7.x). */
  readonly psVersion: string | null;
  /** Round trip of the last heartbeat or call through the session, milliseconds. */
  readonly latencyMs: number | null;
  /** The last error in plain words (rendered in the console's language), or null. */
  readonly lastError: string | null;
  /** Reconnection attempts since the session was last open. */
  readonly attempt: number;
  /** When reconnecting: milliseconds until the next attempt. */
  readonly nextRetryInMs: number | null;
  /** Calls waiting for this shell, and running now. */
  readonly queued: number;
  readonly running: number;
  /** ISO time of the last state change. */
  readonly since: string;
}

export interface ConnectionsView {
  readonly profiles: readonly ConnectionProfileView[];
  /** The profile whose shells are open or opening; null when disconnected. */
  readonly activeProfileId: string | null;
  readonly shells: readonly ShellStatus[];
  /** Whether the org on screen was read from the active profile's shells. */
  readonly liveDataLoaded: boolean;
  /** Set while the org is being read from the shells. */
  readonly reading: boolean;
}

// ------------------------------------------------------------------ endpoints

/** The lab endpoint (assets/powershell/UmcLabEndpoint) in the host process: no server needed. */
export const LAB_LOCAL = 'lab:';
/** The lab endpoint over PowerShell remoting via SSH (PowerShell 7): `lab+ssh://user@host:port`. */
export const LAB_SSH_PREFIX = 'lab+ssh://';

export type Endpoint =
  | { readonly kind: 'lab-local'; readonly display: string }
  | { readonly kind: 'lab-ssh'; readonly display: string; readonly user: string; readonly host: string; readonly port: number }
  | { readonly kind: 'wsman'; readonly display: string; readonly uri: string; readonly configurationName: string | null; readonly authentication: 'Kerberos' | 'Negotiate'; readonly allowRedirection: boolean };

export type EndpointResult = { readonly ok: true; readonly endpoint: Endpoint } | { readonly ok: false; readonly reason: 'empty' | 'fqdn' | 'uri' | 'ssh' };

// RFC 1123 host names, at least two labels (an FQDN, not a NetBIOS name).
const FQDN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * What the admin typed → the session endpoint. Exchange: `http://<fqdn>/PowerShell/`,
 * configuration `Microsoft.Exchange`, Kerberos (Microsoft: "Connect to Exchange servers using
 * remote PowerShell" — http, not https: Kerberos protects the payload). Skype:
 * `https://<pool>/OcsPowershell`, Negotiate, redirection allowed (the pool's web services).
 */
export function resolveEndpoint(shell: ShellName, input: string): EndpointResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text === LAB_LOCAL) return { ok: true, endpoint: { kind: 'lab-local', display: LAB_LOCAL } };
  if (text.startsWith(LAB_SSH_PREFIX)) {
    const m = /^lab\+ssh:\/\/([a-z_][a-z0-9_.-]{0,31})@([a-z0-9.-]{1,253}|\[[0-9a-f:]+\]):(\d{1,5})$/i.exec(text);
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535) return { ok: false, reason: 'ssh' };
    return { ok: true, endpoint: { kind: 'lab-ssh', display: text, user: m[1]!, host: m[2]!, port } };
  }
  const exchange = shell === 'exchange';
  if (/^https?:\/\//i.test(text)) {
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return { ok: false, reason: 'uri' };
    }
    if (!FQDN.test(url.hostname) && !/^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname)) return { ok: false, reason: 'uri' };
    if (url.username || url.password || url.search || url.hash) return { ok: false, reason: 'uri' };
    return {
      ok: true,
      endpoint: { kind: 'wsman', display: url.href, uri: url.href, configurationName: exchange ? 'Microsoft.Exchange' : null, authentication: exchange ? 'Kerberos' : 'Negotiate', allowRedirection: !exchange },
    };
  }
  if (!FQDN.test(text)) return { ok: false, reason: 'fqdn' };
  const host = text.toLowerCase();
  const uri = exchange ? `http://${host}/PowerShell/` : `https://${host}/OcsPowershell`;
  return {
    ok: true,
    endpoint: { kind: 'wsman', display: uri, uri, configurationName: exchange ? 'Microsoft.Exchange' : null, authentication: exchange ? 'Kerberos' : 'Negotiate', allowRedirection: !exchange },
  };
}

/** DOMAIN\user or user@domain (UPN). */
export const USER_NAME = /^(?:[A-Za-z0-9][A-Za-z0-9._-]{0,62}\\[^\\/"[\]:;|=,+*?<>@\s]{1,104}|[^\\/"[\]:;|=,+*?<>@\s]{1,64}@[A-Za-z0-9.-]{1,253})$/;
