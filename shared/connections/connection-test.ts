/**
 * Test connection: the prerequisites of a live connection, checked before they bite, each with what
 * was found and what to do. Pure: the main process gathers the facts (the local PowerShell, a TLS
 * handshake with the pool, its CRLs, the sessions' imports: main/services/live/connection-test.ts)
 * and this module judges them, in the order an admin fixes them.
 *
 * Sources (each check names its own):
 * - WSMan client: PowerShell 7 outside Windows has none ("This parameter set requires WSMan, and no
 *   supported WSMan client library was found", https://github.com/PowerShell/PowerShell/issues/12674,
 *   closed "By Design"; https://github.com/PowerShell/PowerShell/issues/17390).
 * - Kerberos, IP addresses, workgroup computers, TrustedHosts and the WinRM service:
 *   https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting
 * - Revocation: remoting over HTTPS checks the server certificate's revocation unless
 *   New-PSSessionOption -SkipRevocationCheck says otherwise
 *   (https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-pssessionoption).
 * - Roles: shared/powershell/cmdlet-reference.ts (each row names its page); Exchange role groups get
 *   members with Add-RoleGroupMember (https://learn.microsoft.com/powershell/module/exchangepowershell/add-rolegroupmember),
 *   Skype for Business RBAC roles are Active Directory universal security groups of the same name
 *   (https://learn.microsoft.com/powershell/module/skypeforbusiness/get-csadminrole).
 *
 * Every text is an i18n message (shared/i18n/connection-test.*.ts); the commands shown are built with
 * psQuote, every value a literal.
 */
import { isIpLiteral } from '../model/host-name';
import type { Message } from '../i18n/translate';
import { cmdletReference, PRODUCT_VERSION_LABEL, type ProductVersion } from '../powershell/cmdlet-reference';
import { psQuote } from '../powershell/quote';
import { EXCHANGE_READS, SKYPE_READS } from '../snapshot/capture-plan';
import { type Endpoint, resolveEndpoint, SHELLS, type ShellName } from './profile';

export type CheckStatus = 'ok' | 'warning' | 'error' | 'not-judged';
export const CHECK_STATUSES: readonly CheckStatus[] = ['ok', 'warning', 'error', 'not-judged'];

/** The checks, in the order they are shown (and fixed): nothing below works while one above fails. */
export type CheckId = 'wsman' | 'kerberos-ip' | 'jump-host' | 'certificate.exchange' | 'crl.exchange' | 'certificate.skype' | 'crl.skype' | 'rbac.exchange' | 'rbac.skype';

export interface ConnectionCheck {
  readonly id: CheckId;
  readonly status: CheckStatus;
  readonly title: Message;
  readonly detail: Message;
  /** One line per thing found (a missing cmdlet, a CRL, an endpoint given as an address). */
  readonly items: readonly Message[];
  /** What to do, in words; null when nothing is to be done. */
  readonly fix: Message | null;
  /** Commands that do it, complete and literal (shown to copy, never run). */
  readonly commands: readonly string[];
  /** The page the check is written from. */
  readonly source: string | null;
}

/** A check as the screen and the CLI show it: the same check, every text rendered in the console's language. */
export type ConnectionCheckView = Omit<ConnectionCheck, 'title' | 'detail' | 'items' | 'fix'> & {
  readonly title: string;
  readonly detail: string;
  readonly items: readonly string[];
  readonly fix: string | null;
};

export interface ConnectionTestReport {
  /** The profile's name (or what was typed for an unsaved one). */
  readonly profile: string;
  readonly testedAt: string;
  readonly checks: readonly ConnectionCheckView[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
}

// ------------------------------------------------------------------ facts

/** What the local PowerShell said about itself and this computer (one short run of it). */
export interface LocalFacts {
  /** null: no PowerShell found. */
  readonly executable: string | null;
  /** Why it could not be asked (it did not start, did not answer); null when it answered. */
  readonly error: string | null;
  readonly version: string | null;
  /** `Desktop` (Windows PowerShell 5.1) or `Core` (PowerShell 7). */
  readonly edition: string | null;
  readonly os: 'windows' | 'linux' | 'macos' | 'other';
  /** `[RuntimeInformation]::OSDescription`. */
  readonly osDescription: string | null;
  /** Whether New-PSSession -ConnectionUri found a WSMan client library. */
  readonly wsman: 'present' | 'absent' | 'unknown';
  /** PowerShell's own words when it has none. */
  readonly wsmanMessage: string | null;
  /** Windows: the WinRM service's status (`Running`, `Stopped`…); null elsewhere or unreadable. */
  readonly winrmService: string | null;
  /** Windows: Win32_ComputerSystem.PartOfDomain; null elsewhere. */
  readonly partOfDomain: boolean | null;
  /** Windows: the domain, or the workgroup when not joined. */
  readonly domain: string | null;
  /** USERDNSDOMAIN: set only when signed in with a domain account. */
  readonly userDnsDomain: string | null;
  /** DOMAIN\user of the signed-in account (Windows). */
  readonly account: string | null;
  /** Windows: WSMan:\localhost\Client\TrustedHosts (null when it could not be read). */
  readonly trustedHosts: string | null;
}

export type CrlOutcome = 'ok' | 'unreachable' | 'timeout' | 'http-error' | 'not-a-crl' | 'not-fetched';

export interface CrlFacts {
  /** The subject of the certificate that names this distribution point. */
  readonly certificate: string;
  readonly url: string;
  readonly outcome: CrlOutcome;
  readonly httpStatus: number | null;
  readonly error: string | null;
  readonly bytes: number;
  /** The CRL's thisUpdate / nextUpdate (ISO); null when absent or not read. */
  readonly thisUpdate: string | null;
  readonly nextUpdate: string | null;
  /** The certificate's serial number is on the list. */
  readonly revoked: boolean;
}

/** A TLS handshake with an HTTPS endpoint (the pool's web services), verified as a client would. */
export interface TlsFacts {
  readonly shell: ShellName;
  readonly host: string;
  readonly port: number;
  /** `handshake`: TCP connected but TLS failed. */
  readonly outcome: 'ok' | 'unreachable' | 'timeout' | 'handshake';
  readonly error: string | null;
  /** The chain did not verify (OpenSSL's reason: UNABLE_TO_GET_ISSUER_CERT_LOCALLY, CERT_HAS_EXPIRED…). */
  readonly chainError: string | null;
  /** The certificate does not name the host. */
  readonly nameError: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly notAfter: string | null;
  readonly names: readonly string[];
  /** Where trust came from: the system store or a CA file given to the test. */
  readonly trust: 'system' | 'file';
  /** The chain's certificates with their CRL distribution points (leaf first, the root excluded). */
  readonly chain: readonly { readonly subject: string; readonly crlUrls: readonly string[] }[];
  readonly crls: readonly CrlFacts[];
}

export type OpenFailure = 'auth' | 'unreachable' | 'import' | 'no-wsman' | 'other';

/** One shell opened for the test (or the active one reused): what it imported. */
export interface ShellImportFacts {
  readonly shell: ShellName;
  readonly outcome: 'open' | 'failed' | 'not-tried';
  readonly error: Message | null;
  readonly failure: OpenFailure | null;
  /** The commands the console asks this shell for. */
  readonly requested: readonly string[];
  /** Those the endpoint did not import. */
  readonly missing: readonly string[];
  readonly serverVersion: string | null;
  /** The account the session runs as, when known (lab: Get-UmcLabEndpointInfo's Operator). */
  readonly account: string | null;
  /** The active profile's open shell was used instead of opening one. */
  readonly reused: boolean;
}

export interface TestedProfile {
  readonly name: string;
  readonly exchange: string;
  readonly skype: string;
  readonly authentication: 'kerberos' | 'credential';
  readonly userName: string | null;
  readonly role: 'admin' | 'helpdesk';
}

export interface ConnectionFacts {
  readonly local: LocalFacts;
  /** Per HTTPS endpoint (none for the lab or for http). */
  readonly tls: Readonly<Partial<Record<ShellName, TlsFacts>>>;
  readonly imports: Readonly<Record<ShellName, ShellImportFacts>>;
}

// ------------------------------------------------------------------ endpoints

/** The one IP-literal predicate (shared/model/host-name.ts): a TLS name check cannot match an address. */
export { isIpLiteral };

/** The host and port a WSMan endpoint talks to; null for the lab. */
export function endpointHost(e: Endpoint): { host: string; port: number; https: boolean } | null {
  if (e.kind !== 'wsman') return null;
  const url = new URL(e.uri);
  const https = url.protocol === 'https:';
  return { host: url.hostname.replace(/^\[|\]$/g, '').toLowerCase(), port: url.port ? Number(url.port) : https ? 443 : 80, https };
}

export function profileEndpoints(p: Pick<TestedProfile, 'exchange' | 'skype'>): Record<ShellName, Endpoint | null> {
  const out = {} as Record<ShellName, Endpoint | null>;
  for (const shell of SHELLS) {
    const r = resolveEndpoint(shell, shell === 'exchange' ? p.exchange : p.skype);
    out[shell] = r.ok ? r.endpoint : null;
  }
  return out;
}

/** Both shells on the lab endpoint (in-process or over SSH): no server, nothing of Windows remoting involved. */
function labOnly(endpoints: Record<ShellName, Endpoint | null>): boolean {
  return SHELLS.every((s) => endpoints[s] !== null && endpoints[s]!.kind !== 'wsman');
}

/** The endpoints that go through Windows remoting. */
function wsmanShells(endpoints: Record<ShellName, Endpoint | null>): ShellName[] {
  return SHELLS.filter((s) => endpoints[s]?.kind === 'wsman');
}

// ------------------------------------------------------------------ versions

/**
 * The product version a session reports → the command table's version. Exchange: AdminDisplayVersion
 * "Version 15.1 (Build 2507.6)" — 14.x 2010, 15.0 2013, 15.1 2016, 15.2 2019
 * (https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates). Skype:
 * Get-CsServerVersion's text names the product ("Skype for Business Server 2015 (6.0.9319.0)…").
 */
export function productVersionOf(shell: ShellName, text: string | null | undefined): ProductVersion | null {
  if (!text) return null;
  if (shell === 'exchange') {
    const m = /(\d+)\.(\d+)/.exec(text);
    if (!m) return null;
    const major = Number(m[1]);
    const minor = Number(m[2]);
    if (major === 14) return 'Exchange2010';
    if (major === 15) return minor === 0 ? 'Exchange2013' : minor === 1 ? 'Exchange2016' : minor === 2 ? 'Exchange2019' : null;
    return null;
  }
  if (/Lync Server 2013/i.test(text)) return 'Lync2013';
  if (/Skype for Business Server 2015/i.test(text)) return 'SfB2015';
  if (/Skype for Business Server 2019/i.test(text)) return 'SfB2019';
  const m = /\b(5|6|7)\.0\.\d+/.exec(text);
  return m ? ({ '5': 'Lync2013', '6': 'SfB2015', '7': 'SfB2019' } as const)[m[1] as '5' | '6' | '7'] : null;
}

export function versionLabel(v: ProductVersion): string {
  return PRODUCT_VERSION_LABEL[v];
}

// ------------------------------------------------------------------ building checks

const ABOUT_REMOTE_TROUBLESHOOTING = 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/about/about_remote_troubleshooting';
const WSMAN_LINUX = 'https://github.com/PowerShell/PowerShell/issues/12674';
const SESSION_OPTION = 'https://learn.microsoft.com/powershell/module/microsoft.powershell.core/new-pssessionoption';
const ADD_ROLE_GROUP_MEMBER = 'https://learn.microsoft.com/powershell/module/exchangepowershell/add-rolegroupmember';
const CS_ADMIN_ROLE = 'https://learn.microsoft.com/powershell/module/skypeforbusiness/get-csadminrole';
const SET_CS_CERTIFICATE = 'https://learn.microsoft.com/powershell/module/skypeforbusiness/set-cscertificate';

const m = (key: string, params?: Message['params']): Message => (params ? { key, params } : { key });

function check(
  id: CheckId,
  status: CheckStatus,
  detail: Message,
  o: { items?: readonly Message[]; fix?: Message | null; commands?: readonly string[]; source?: string | null; title?: Message } = {},
): ConnectionCheck {
  return { id, status, title: o.title ?? m(`connectTest.${id}.title`), detail, items: o.items ?? [], fix: o.fix ?? null, commands: o.commands ?? [], source: o.source ?? null };
}

const notJudgedLab = (id: CheckId): ConnectionCheck => check(id, 'not-judged', m('connectTest.lab'));

/** Windows, Linux, macOS: names, the same in every language; with what the OS calls itself. */
const OS_NAME: Readonly<Record<Exclude<LocalFacts['os'], 'other'>, string>> = { windows: 'Windows', linux: 'Linux', macos: 'macOS' };

function osLabel(l: LocalFacts): Message | string {
  const name = l.os === 'other' ? null : OS_NAME[l.os];
  if (!name) return l.osDescription ?? m('connectTest.os.other');
  return l.osDescription ? `${name} (${l.osDescription})` : name;
}

function powershellLabel(l: LocalFacts): Message {
  return m('connectTest.powershell', { version: l.version ?? '?', edition: l.edition ?? '?', os: osLabel(l) });
}

// 1. The WSMan client ----------------------------------------------------------

function wsmanCheck(l: LocalFacts, endpoints: Record<ShellName, Endpoint | null>): ConnectionCheck {
  const lab = labOnly(endpoints);
  if (!l.executable) return check('wsman', lab ? 'not-judged' : 'error', m('connectTest.wsman.noPowerShell'), { fix: m('connectTest.wsman.noPowerShell.fix') });
  if (l.error) return check('wsman', lab ? 'not-judged' : 'error', m('connectTest.wsman.notAsked', { executable: l.executable, error: l.error }), { fix: m('connectTest.wsman.notAsked.fix') });
  const ps = powershellLabel(l);
  const found =
    l.wsman === 'present'
      ? m('connectTest.wsman.present', { powershell: ps })
      : l.wsman === 'absent'
        ? m('connectTest.wsman.absent', { powershell: ps, message: l.wsmanMessage ?? '' })
        : m('connectTest.wsman.unknown', { powershell: ps, message: l.wsmanMessage ?? '' });
  if (lab) return check('wsman', 'not-judged', m('connectTest.wsman.lab', { found }), { source: WSMAN_LINUX });
  if (l.wsman === 'absent') return check('wsman', 'error', found, { fix: m('connectTest.wsman.absent.fix'), source: WSMAN_LINUX });
  if (l.wsman === 'unknown') return check('wsman', 'warning', found, { fix: m('connectTest.wsman.absent.fix'), source: WSMAN_LINUX });
  // The client needs the local WinRM service ("verify that the WinRM service is running… Start-Service WinRM").
  if (l.os === 'windows' && l.winrmService && l.winrmService !== 'Running') {
    return check('wsman', 'warning', m('connectTest.wsman.serviceStopped', { found, state: l.winrmService }), {
      fix: m('connectTest.wsman.serviceStopped.fix'),
      commands: ['Set-Service -Name WinRM -StartupType Automatic', 'Start-Service -Name WinRM'],
      source: ABOUT_REMOTE_TROUBLESHOOTING,
    });
  }
  return check('wsman', 'ok', l.os === 'windows' && l.winrmService ? m('connectTest.wsman.presentService', { found, state: l.winrmService }) : found, { source: WSMAN_LINUX });
}

// 2. Kerberos to an IP address ---------------------------------------------------

function kerberosIpCheck(p: TestedProfile, endpoints: Record<ShellName, Endpoint | null>): ConnectionCheck {
  const shells = wsmanShells(endpoints);
  if (shells.length === 0) return notJudgedLab('kerberos-ip');
  const items: Message[] = [];
  let status: CheckStatus = 'ok';
  for (const shell of shells) {
    const e = endpoints[shell]!;
    const h = endpointHost(e)!;
    if (!isIpLiteral(h.host)) continue;
    // Exchange's endpoint is opened with Kerberos only (profile.ts resolveEndpoint); Skype's with
    // Negotiate, which falls back to NTLM for an address: then only explicit credentials over HTTPS work.
    if (e.kind === 'wsman' && e.authentication === 'Kerberos') {
      status = 'error';
      items.push(m('connectTest.kerberos-ip.kerberos', { shell: m(`shell.${shell}`), host: h.host }));
    } else if (p.authentication === 'kerberos') {
      status = 'error';
      items.push(m('connectTest.kerberos-ip.noCredential', { shell: m(`shell.${shell}`), host: h.host }));
    } else {
      if (status === 'ok') status = 'warning';
      items.push(m('connectTest.kerberos-ip.ntlm', { shell: m(`shell.${shell}`), host: h.host }));
    }
  }
  const hosts = shells.map((s) => endpointHost(endpoints[s]!)!.host).join(', ');
  if (status === 'ok') return check('kerberos-ip', 'ok', m('connectTest.kerberos-ip.ok', { hosts }), { source: ABOUT_REMOTE_TROUBLESHOOTING });
  return check('kerberos-ip', status, m('connectTest.kerberos-ip.found'), { items, fix: m('connectTest.kerberos-ip.fix'), source: ABOUT_REMOTE_TROUBLESHOOTING });
}

// 3. The jump host in the domain -------------------------------------------------

/** TrustedHosts: a comma-separated list of names, addresses and wildcards (about_Remote_Troubleshooting). */
export function trustedHostsMatch(list: string | null, host: string): boolean {
  if (!list) return false;
  return list
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter(Boolean)
    .some((pattern) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i').test(host));
}

function jumpHostCheck(p: TestedProfile, l: LocalFacts, endpoints: Record<ShellName, Endpoint | null>): ConnectionCheck {
  const shells = wsmanShells(endpoints);
  if (shells.length === 0) return notJudgedLab('jump-host');
  if (!l.executable || l.error || l.os !== 'windows') return check('jump-host', 'not-judged', m('connectTest.jump-host.notWindows'), { source: ABOUT_REMOTE_TROUBLESHOOTING });
  const kerberos = p.authentication === 'kerberos';
  const account = l.account ?? '?';
  if (l.partOfDomain && l.userDnsDomain) {
    return check('jump-host', 'ok', m('connectTest.jump-host.ok', { domain: l.domain ?? l.userDnsDomain, userDomain: l.userDnsDomain, account }), { source: ABOUT_REMOTE_TROUBLESHOOTING });
  }
  if (l.partOfDomain && kerberos) {
    // In the domain, signed in with a local account: no Kerberos ticket for the servers.
    return check('jump-host', 'error', m('connectTest.jump-host.localAccount', { domain: l.domain ?? '?', account }), {
      fix: m('connectTest.jump-host.localAccount.fix'),
      source: ABOUT_REMOTE_TROUBLESHOOTING,
    });
  }
  if (!l.partOfDomain && kerberos) {
    return check('jump-host', 'error', m('connectTest.jump-host.workgroup', { workgroup: l.domain ?? '?' }), { fix: m('connectTest.jump-host.workgroup.fix'), source: ABOUT_REMOTE_TROUBLESHOOTING });
  }
  // A stored credential from outside the domain (or a local sign-in): HTTPS, or the server in TrustedHosts.
  const httpHosts = shells
    .map((s) => endpointHost(endpoints[s]!)!)
    .filter((h) => !h.https)
    .map((h) => h.host);
  const untrusted = httpHosts.filter((h) => !trustedHostsMatch(l.trustedHosts, h));
  const where = l.partOfDomain ? m('connectTest.jump-host.where.local', { account }) : m('connectTest.jump-host.where.workgroup', { workgroup: l.domain ?? '?' });
  if (untrusted.length === 0) {
    return check('jump-host', 'ok', m('connectTest.jump-host.credentialOk', { where, trusted: l.trustedHosts ?? '' }), { source: ABOUT_REMOTE_TROUBLESHOOTING });
  }
  // The list is replaced, not appended to: the command carries the current value with the new names.
  const value = [
    ...(l.trustedHosts
      ? l.trustedHosts
          .split(',')
          .map((e) => e.trim())
          .filter(Boolean)
      : []),
    ...untrusted,
  ].join(', ');
  return check(
    'jump-host',
    'warning',
    m(l.trustedHosts === null ? 'connectTest.jump-host.trustedHostsUnread' : 'connectTest.jump-host.notTrusted', { where, hosts: untrusted.join(', '), trusted: l.trustedHosts ?? '' }),
    {
      fix: m('connectTest.jump-host.notTrusted.fix', { hosts: untrusted.join(', ') }),
      commands: [`Set-Item -Path ${psQuote('WSMan:\\localhost\\Client\\TrustedHosts')} -Value ${psQuote(value)}`],
      source: ABOUT_REMOTE_TROUBLESHOOTING,
    },
  );
}

// 4. The web certificate, 5. its CRLs --------------------------------------------

function certificateCheck(shell: ShellName, e: Endpoint | null, t: TlsFacts | undefined): ConnectionCheck | null {
  const id = `certificate.${shell}` as const;
  const h = e ? endpointHost(e) : null;
  if (e && e.kind !== 'wsman') return shell === 'skype' ? notJudgedLab(id) : null;
  if (!h || !h.https) return null;
  if (!t) return check(id, 'not-judged', m('connectTest.certificate.notTried', { host: h.host }));
  const where = { host: t.host, port: t.port };
  const trust = m(`connectTest.trust.${t.trust}`);
  if (t.outcome === 'unreachable' || t.outcome === 'timeout') {
    return check(id, 'error', m(`connectTest.certificate.${t.outcome}`, { ...where, error: t.error ?? '' }), { fix: m('connectTest.certificate.unreachable.fix', where) });
  }
  if (t.outcome === 'handshake') return check(id, 'error', m('connectTest.certificate.handshake', { ...where, error: t.error ?? '' }), { fix: m('connectTest.certificate.handshake.fix', where) });
  const found = m('connectTest.certificate.found', { ...where, subject: t.subject ?? '?', issuer: t.issuer ?? '?', notAfter: t.notAfter ?? '?', names: t.names.join(', ') || '—' });
  if (t.nameError) {
    return check(id, 'error', m('connectTest.certificate.name', { found, host: t.host }), { fix: m('connectTest.certificate.name.fix', { host: t.host }), source: SET_CS_CERTIFICATE });
  }
  if (t.chainError) {
    const expired = /EXPIRED|NOT_YET_VALID/i.test(t.chainError);
    return check(id, 'error', m(expired ? 'connectTest.certificate.expired' : 'connectTest.certificate.untrusted', { found, reason: t.chainError, trust }), {
      fix: m(expired ? 'connectTest.certificate.expired.fix' : 'connectTest.certificate.untrusted.fix', { issuer: t.issuer ?? '?' }),
      source: SESSION_OPTION,
    });
  }
  return check(id, 'ok', m('connectTest.certificate.ok', { found, trust }), { source: SESSION_OPTION });
}

function crlCheck(shell: ShellName, e: Endpoint | null, t: TlsFacts | undefined): ConnectionCheck | null {
  const id = `crl.${shell}` as const;
  const h = e ? endpointHost(e) : null;
  if (e && e.kind !== 'wsman') return shell === 'skype' ? notJudgedLab(id) : null;
  if (!h || !h.https) return null;
  if (!t || t.outcome !== 'ok') return check(id, 'not-judged', m('connectTest.crl.noCertificate', { host: h.host }));
  const leaf = t.chain[0];
  if (!leaf || leaf.crlUrls.length === 0) {
    return check(id, 'warning', m('connectTest.crl.none', { subject: leaf?.subject ?? t.subject ?? '?' }), { fix: m('connectTest.crl.none.fix'), source: SESSION_OPTION });
  }
  const items = t.crls.map((c) =>
    m(`connectTest.crl.item.${c.outcome}`, {
      url: c.url,
      subject: c.certificate,
      status: c.httpStatus ?? '',
      error: c.error ?? '',
      bytes: c.bytes,
      nextUpdate: c.nextUpdate ?? '—',
    }),
  );
  const revoked = t.crls.filter((c) => c.revoked);
  if (revoked.length > 0) {
    return check(id, 'error', m('connectTest.crl.revoked', { subjects: [...new Set(revoked.map((c) => c.certificate))].join(', ') }), {
      items,
      fix: m('connectTest.crl.revoked.fix'),
      source: SET_CS_CERTIFICATE,
    });
  }
  const fetched = t.crls.filter((c) => c.outcome !== 'not-fetched');
  const failed = fetched.filter((c) => c.outcome !== 'ok');
  if (failed.length > 0) {
    // A certificate whose every HTTP distribution point failed cannot be checked at all.
    const subjects = [...new Set(failed.map((c) => c.certificate))].filter((s) => !t.crls.some((c) => c.certificate === s && c.outcome === 'ok'));
    const hosts = [...new Set(failed.map((c) => hostOf(c.url)))].join(', ');
    return check(
      id,
      subjects.length > 0 ? 'error' : 'warning',
      m(subjects.length > 0 ? 'connectTest.crl.unreachable' : 'connectTest.crl.someUnreachable', { count: failed.length, subjects: subjects.join(', ') }),
      {
        items,
        fix: m('connectTest.crl.unreachable.fix', { hosts }),
        source: SESSION_OPTION,
      },
    );
  }
  if (fetched.length === 0) return check(id, 'not-judged', m('connectTest.crl.onlyLdap'), { items, source: SESSION_OPTION });
  return check(id, 'ok', m('connectTest.crl.ok', { count: fetched.length }), { items, source: SESSION_OPTION });
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

// 6. RBAC: the cmdlets each shell imports ----------------------------------------

const SECTION_BY_COMMAND: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const r of [...EXCHANGE_READS, ...SKYPE_READS]) {
    const key = r.command.toLowerCase();
    map.set(key, [...(map.get(key) ?? []), `${r.shell}.${r.section}`]);
  }
  return map;
})();

/** Role groups (Exchange) and RBAC roles (Skype), least privilege first: the fix proposes the first that grants a cmdlet. */
const ROLE_PREFERENCE: readonly string[] = [
  'View-Only Organization Management',
  'UM Management',
  'Recipient Management',
  'Server Management',
  'Organization Management',
  'CsViewOnlyAdministrator',
  'CsHelpDesk',
  'CsUserAdministrator',
  'CsVoiceAdministrator',
  'CsServerAdministrator',
  'CsAdministrator',
  'RTCUniversalUserAdmins',
  'RTCUniversalServerAdmins',
];

function preferred(roles: readonly string[]): string | null {
  const ranked = [...roles].sort((a, b) => rank(a) - rank(b));
  return ranked[0] ?? null;
}
function rank(role: string): number {
  const i = ROLE_PREFERENCE.indexOf(role);
  return i < 0 ? ROLE_PREFERENCE.length : i;
}

export interface MissingCommand {
  readonly cmdlet: string;
  /**
   * `version`: this product version has no such cmdlet; `role`: the version has it, the account's
   * roles do not grant it; `either`: the server's version is not known, so either; `unknown`: not in
   * the command table.
   */
  readonly why: 'version' | 'role' | 'either' | 'unknown';
  readonly roles: readonly string[];
  readonly versions: readonly ProductVersion[];
  readonly sections: readonly string[];
}

/** Why each missing cmdlet is missing: the product version (per the command table) or the roles. */
export function explainMissing(shell: ShellName, missing: readonly string[], serverVersion: string | null): MissingCommand[] {
  const version = productVersionOf(shell, serverVersion);
  return [...missing].sort().map((cmdlet) => {
    const ref = cmdletReference(cmdlet);
    const sections = SECTION_BY_COMMAND.get(cmdlet.toLowerCase()) ?? [];
    if (!ref) return { cmdlet, why: 'unknown', roles: [], versions: [], sections };
    const why = !version ? 'either' : ref.versions.includes(version) ? 'role' : 'version';
    return { cmdlet, why, roles: ref.roles, versions: ref.versions, sections };
  });
}

/** The fewest roles, least privilege first, that grant every cmdlet missing for lack of a role. */
export function rolesToGrant(missing: readonly MissingCommand[]): string[] {
  const chosen: string[] = [];
  for (const c of missing) {
    if ((c.why !== 'role' && c.why !== 'either') || c.roles.length === 0 || c.roles.some((r) => chosen.includes(r))) continue;
    const role = preferred(c.roles);
    if (role) chosen.push(role);
  }
  return chosen.sort((a, b) => rank(a) - rank(b));
}

/**
 * Add-ADGroupMember names a member by DN, GUID, SID or SAM account name — not DOMAIN\user
 * (https://learn.microsoft.com/powershell/module/activedirectory/add-adgroupmember): DOMAIN\sam → sam;
 * a UPN gives no SAM account name to write, so the fix is said in words only.
 */
function samAccountName(account: string): string | null {
  const m2 = /^[^\\]+\\([^\\]+)$/.exec(account);
  return m2 ? m2[1]! : null;
}

function grantCommands(shell: ShellName, roles: readonly string[], account: string | null): string[] {
  if (!account) return [];
  if (shell === 'exchange') return roles.map((r) => `Add-RoleGroupMember -Identity ${psQuote(r)} -Member ${psQuote(account)}`);
  const sam = samAccountName(account);
  return sam ? roles.map((r) => `Add-ADGroupMember -Identity ${psQuote(r)} -Members ${psQuote(sam)}`) : [];
}

function rbacCheck(shell: ShellName, p: TestedProfile, l: LocalFacts, e: Endpoint | null, f: ShellImportFacts): ConnectionCheck {
  const id = `rbac.${shell}` as const;
  const shellName = m(`shell.${shell}`);
  if (f.outcome === 'not-tried') {
    return check(id, 'not-judged', m('connectTest.rbac.notTried', { shell: shellName, reason: f.error ?? m('connectTest.rbac.notTried.above') }));
  }
  if (f.outcome === 'failed') {
    return check(id, 'error', m('connectTest.rbac.failed', { shell: shellName, error: f.error ?? '' }), { fix: m(`connectTest.rbac.failed.fix.${f.failure ?? 'other'}`, { shell: shellName }) });
  }
  const account = f.account ?? (p.authentication === 'credential' ? p.userName : e?.kind === 'wsman' ? l.account : null);
  const version = productVersionOf(shell, f.serverVersion);
  const who = account ?? m('connectTest.rbac.theAccount');
  const on = m('connectTest.rbac.on', { version: version ? versionLabel(version) : (f.serverVersion ?? m('connectTest.rbac.versionUnknown')), account: who });
  const explained = explainMissing(shell, f.missing, f.serverVersion);
  const byRole = explained.filter((c) => c.why !== 'version');
  const items = explained.map((c) =>
    m(`connectTest.rbac.item.${c.why}`, {
      cmdlet: c.cmdlet,
      roles: c.roles.join(', ') || '—',
      versions: c.versions.map(versionLabel).join(', ') || '—',
      version: version ? versionLabel(version) : m('connectTest.rbac.versionUnknown'),
      sections: c.sections.join(', ') || '—',
    }),
  );
  const requested = f.requested.length;
  if (explained.length === 0) return check(id, 'ok', m('connectTest.rbac.ok', { shell: shellName, count: requested, on }), { source: shell === 'exchange' ? ADD_ROLE_GROUP_MEMBER : CS_ADMIN_ROLE });
  if (byRole.length === 0) {
    return check(id, 'ok', m('connectTest.rbac.versionOnly', { shell: shellName, count: explained.length, total: requested, on }), {
      items,
      source: shell === 'exchange' ? ADD_ROLE_GROUP_MEMBER : CS_ADMIN_ROLE,
    });
  }
  const roles = rolesToGrant(byRole);
  const commands = grantCommands(shell, roles, account);
  return check(id, 'warning', m('connectTest.rbac.missing', { shell: shellName, count: byRole.length, total: requested, on }), {
    items,
    fix: m(`connectTest.rbac.fix.${shell}`, { roles: roles.join(', ') || '—', account: who }),
    commands,
    source: shell === 'exchange' ? ADD_ROLE_GROUP_MEMBER : CS_ADMIN_ROLE,
  });
}

// ------------------------------------------------------------------ the report

/** Every check, in order; the certificate checks of an http endpoint are left out (no TLS involved). */
export function judgeConnection(p: TestedProfile, facts: ConnectionFacts): ConnectionCheck[] {
  const endpoints = profileEndpoints(p);
  const out: ConnectionCheck[] = [wsmanCheck(facts.local, endpoints), kerberosIpCheck(p, endpoints), jumpHostCheck(p, facts.local, endpoints)];
  for (const shell of SHELLS) {
    const c = certificateCheck(shell, endpoints[shell], facts.tls[shell]);
    if (c) out.push(c);
    const r = crlCheck(shell, endpoints[shell], facts.tls[shell]);
    if (r) out.push(r);
  }
  for (const shell of SHELLS) out.push(rbacCheck(shell, p, facts.local, endpoints[shell], facts.imports[shell]));
  return out;
}

export function countStatuses(checks: readonly { readonly status: CheckStatus }[]): Record<CheckStatus, number> {
  const counts: Record<CheckStatus, number> = { ok: 0, warning: 0, error: 0, 'not-judged': 0 };
  for (const c of checks) counts[c.status]++;
  return counts;
}

/** The CLI's exit code: 0 every check ok (or not judged), 1 some warning or error. */
export function exitCodeOf(checks: readonly { readonly status: CheckStatus }[]): 0 | 1 {
  return checks.some((c) => c.status === 'warning' || c.status === 'error') ? 1 : 0;
}

/**
 * Whether opening the sessions is worth trying: not when no PowerShell could be asked or when the
 * profile needs WSMan and this PowerShell has none (the open would only repeat that).
 */
export function canOpenSessions(l: LocalFacts, p: Pick<TestedProfile, 'exchange' | 'skype'>, shell: ShellName): Message | null {
  const e = profileEndpoints(p)[shell];
  if (!e) return m('connectTest.rbac.badEndpoint');
  if (!l.executable) return m('connectTest.wsman.noPowerShell');
  if (e.kind === 'wsman' && l.wsman === 'absent') return m('connectTest.rbac.noWsman');
  return null;
}
