/**
 * Connection profiles and shell status: what the Connections screen shows and edits.
 * Pure data and pure functions (no Node, no DOM): the main process, the CLI and the renderer share them.
 */
import type { HostKeyProblem } from './known-host';

export type ShellName = 'exchange' | 'skype';
export const SHELLS: readonly ShellName[] = ['exchange', 'skype'];

/** The life of one Management Shell session (connecting / open / reconnecting / broken / closed). */
export type ShellState = 'closed' | 'connecting' | 'open' | 'reconnecting' | 'broken';

/**
 * Kerberos (the jump host's logged-on Windows identity, no secret) is the default; a stored
 * credential is the exception (docs/live-sessions.md, "Secrets").
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
   * write channel; the write cmdlets are not even imported into its sessions.
   * Absent in profiles saved before roles existed: an admin profile.
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
  /** The open was refused on the server's SSH host key (lab+ssh://): approve it, or remove the old one (known-host.ts). */
  readonly hostKey?: HostKeyProblem;
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
  /**
   * What the last read of the live org could not read whole: one entry per section that is
   * `partial` or `not-read`, with its notes (a cmdlet not available to this account/version and who
   * provides it, a server that did not answer, an object the decoder skipped). Empty when all was read.
   */
  readonly readNotes: readonly SectionReadNote[];
  /**
   * Why no password can be stored or read on this machine (no OS key store; Linux without a
   * keyring), in the console's language; null (or absent) when one can. Shown at the password field.
   */
  readonly secretsUnavailable?: string | null;
  /**
   * Why a profile cannot be made admin from this console (a helpdesk session, the policy file), in the
   * console's language; null (or absent) when it can. The main process refuses such a save anyway.
   */
  readonly adminRoleRefusal?: string | null;
}

export interface SectionReadNote {
  /** `exchange.umServices`, `skype.certificates`… */
  readonly section: string;
  readonly status: 'partial' | 'not-read';
  readonly notes: readonly { readonly text: string; readonly cmdlet?: string; readonly providedBy?: string }[];
}

// ------------------------------------------------------------------ endpoints

/** The lab endpoint (assets/powershell/UmcLabEndpoint) in the host process: no server needed. */
export const LAB_LOCAL = 'lab:';
/** The lab endpoint over PowerShell remoting via SSH (PowerShell 7): `lab+ssh://user@host:port`. */
export const LAB_SSH_PREFIX = 'lab+ssh://';

/** The product versions the lab endpoint can stand for (Initialize-UmcLabEndpoint -ExchangeVersion / -SkypeVersion). */
export const LAB_EXCHANGE_VERSIONS = ['2010', '2013', '2016', '2019'] as const;
export const LAB_SKYPE_VERSIONS = ['2013', '2015', '2019'] as const;
export type LabExchangeVersion = (typeof LAB_EXCHANGE_VERSIONS)[number];
export type LabSkypeVersion = (typeof LAB_SKYPE_VERSIONS)[number];
/** Cmdlets the lab endpoint may be told to withhold, as a role assignment would: a cmdlet name, at most this many. */
export const LAB_WITHHOLD_NAME = /^[A-Za-z]+-[A-Za-z0-9]+$/;
export const LAB_WITHHOLD_MAX = 50;

/**
 * A version profile of the lab endpoint: `lab:?exchange=2010&skype=2013&withhold=Get-UMService,Get-CsCertificate`
 * (after the port for `lab+ssh://`). null = the data file as it is; `withhold` = cmdlets it does not import.
 */
export interface LabProfile {
  readonly exchange: LabExchangeVersion | null;
  readonly skype: LabSkypeVersion | null;
  readonly withhold: readonly string[];
}

export type Endpoint =
  /** `lab` is present only when the endpoint text names a version profile. */
  | { readonly kind: 'lab-local'; readonly display: string; readonly lab?: LabProfile }
  | { readonly kind: 'lab-ssh'; readonly display: string; readonly user: string; readonly host: string; readonly port: number; readonly lab?: LabProfile }
  | {
      readonly kind: 'wsman';
      readonly display: string;
      readonly uri: string;
      readonly configurationName: string | null;
      readonly authentication: 'Kerberos' | 'Negotiate';
      readonly allowRedirection: boolean;
    };

export type EndpointResult = { readonly ok: true; readonly endpoint: Endpoint } | { readonly ok: false; readonly reason: 'empty' | 'fqdn' | 'uri' | 'ssh' | 'lab' };

// RFC 1123 host names, at least two labels (an FQDN, not a NetBIOS name).
const FQDN = /^(?=.{4,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

/**
 * The query of a lab endpoint (`exchange=…&skype=…&withhold=A,B`), strictly: known keys once each,
 * versions from the fixed sets, withheld names shaped like cmdlet names, at most LAB_WITHHOLD_MAX of
 * them, none twice. null when anything is off (the text is refused, never half-read).
 */
export function parseLabQuery(query: string): LabProfile | null {
  if (query === '' || query.length > 4000) return null;
  let exchange: LabExchangeVersion | null = null;
  let skype: LabSkypeVersion | null = null;
  let withhold: string[] = [];
  const seen = new Set<string>();
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (seen.has(key) || value === '') return null;
    seen.add(key);
    if (key === 'exchange') {
      if (!(LAB_EXCHANGE_VERSIONS as readonly string[]).includes(value)) return null;
      exchange = value as LabExchangeVersion;
    } else if (key === 'skype') {
      if (!(LAB_SKYPE_VERSIONS as readonly string[]).includes(value)) return null;
      skype = value as LabSkypeVersion;
    } else if (key === 'withhold') {
      withhold = value.split(',');
      if (withhold.length > LAB_WITHHOLD_MAX || withhold.some((n) => !LAB_WITHHOLD_NAME.test(n))) return null;
      if (new Set(withhold.map((n) => n.toLowerCase())).size !== withhold.length) return null;
    } else return null;
  }
  return { exchange, skype, withhold };
}

/** The canonical text of a lab profile's query (what the endpoint displays). */
export function labQueryText(lab: LabProfile): string {
  const parts = [lab.exchange ? `exchange=${lab.exchange}` : '', lab.skype ? `skype=${lab.skype}` : '', lab.withhold.length ? `withhold=${lab.withhold.join(',')}` : ''].filter(Boolean);
  return parts.length ? `?${parts.join('&')}` : '';
}

/**
 * What the admin typed → the session endpoint. Exchange: `http://<fqdn>/PowerShell/`,
 * configuration `Microsoft.Exchange`, Kerberos (Microsoft: "Connect to Exchange servers using
 * remote PowerShell" — http, not https: Kerberos protects the payload). Skype:
 * `https://<pool>/OcsPowershell`, Negotiate, redirection allowed (the pool's web services).
 * The lab endpoint: `lab:` or `lab+ssh://user@host:port`, each optionally followed by a version
 * profile query (`?exchange=2010&skype=2013&withhold=Get-UMService`).
 */
export function resolveEndpoint(shell: ShellName, input: string): EndpointResult {
  const text = input.trim();
  if (text === '') return { ok: false, reason: 'empty' };
  if (text === LAB_LOCAL) return { ok: true, endpoint: { kind: 'lab-local', display: LAB_LOCAL } };
  if (text.toLowerCase().startsWith(LAB_LOCAL)) {
    const lab = text.startsWith(`${LAB_LOCAL}?`) ? parseLabQuery(text.slice(LAB_LOCAL.length + 1)) : null;
    if (!lab) return { ok: false, reason: 'lab' };
    return { ok: true, endpoint: { kind: 'lab-local', display: `${LAB_LOCAL}${labQueryText(lab)}`, lab } };
  }
  if (text.startsWith(LAB_SSH_PREFIX)) {
    const m = /^lab\+ssh:\/\/([a-z_][a-z0-9_.-]{0,31})@([a-z0-9.-]{1,253}|\[[0-9a-f:]+\]):(\d{1,5})(?:\?(.*))?$/i.exec(text);
    const port = m ? Number(m[3]) : 0;
    if (!m || port < 1 || port > 65535) return { ok: false, reason: 'ssh' };
    const base = `${LAB_SSH_PREFIX}${m[1]!}@${m[2]!}:${m[3]!}`;
    if (m[4] === undefined) return { ok: true, endpoint: { kind: 'lab-ssh', display: text, user: m[1]!, host: m[2]!, port } };
    const lab = parseLabQuery(m[4]);
    if (!lab) return { ok: false, reason: 'lab' };
    return { ok: true, endpoint: { kind: 'lab-ssh', display: `${base}${labQueryText(lab)}`, user: m[1]!, host: m[2]!, port, lab } };
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
      endpoint: {
        kind: 'wsman',
        display: url.href,
        uri: url.href,
        configurationName: exchange ? 'Microsoft.Exchange' : null,
        authentication: exchange ? 'Kerberos' : 'Negotiate',
        allowRedirection: !exchange,
      },
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
