/**
 * How a live capture reads each snapshot section from the Management Shells (the pipelines of
 * docs/snapshot-format.md, as plain command invocations: the Exchange endpoint runs in
 * no-language mode, so shaping — Select-Object, JSON — happens in the local host; docs/remote-shapes.md).
 *
 * Version-aware: Get-ExchangeServer is read first and the servers' versions choose the cmdlets of the
 * server-scoped sections (Exchange 2010 has Get-UMServer and Get-ClientAccessServer, 2013/2016
 * Get-UMService and Get-UMCallRouterSettings, 2016/2019 Get-ClientAccessService, 2019 no UM at all).
 * The sessions import every variant (commandsFor); a variant the session did not import is reported
 * by the executor, never guessed around.
 *
 * Pure data and pure functions: the executor is main/services/live/capture.ts.
 */
import type { ShellName } from '../connections/profile';
import { cmdletReference, PRODUCT_VERSION_LABEL } from '../powershell/cmdlet-reference';
import type { ExchangeSectionName, SkypeSectionName } from './format';

export type ReadStrategy =
  /** One call. */
  | { readonly kind: 'once' }
  /** One call per Exchange server (`-Server <name>`), the servers chosen from the servers section. */
  | { readonly kind: 'perServer'; readonly parameter: 'Server'; readonly which: 'all' | 'callRouter' }
  /** One call per identity. */
  | { readonly kind: 'perIdentity'; readonly identities: 'adContainers' }
  /** Prefix-partitioned pages (`-Filter "<key> -like 'p*'" -ResultSize n+1`), never one call for every user. */
  | { readonly kind: 'paged'; readonly key: string; readonly root: string };

/** The Exchange versions the plan tells apart (AdminDisplayVersion 14.x, 15.0, 15.1, 15.2). */
export type ExchangeMajor = '2010' | '2013' | '2016' | '2019';

export interface SectionRead {
  readonly shell: ShellName;
  readonly section: ExchangeSectionName | SkypeSectionName;
  readonly command: string;
  readonly parameters: Readonly<Record<string, string | boolean>>;
  readonly select?: readonly string[];
  readonly strategy: ReadStrategy;
  /**
   * Server-scoped variants: the Exchange versions whose servers this cmdlet answers for. The variant
   * is read when the org has such a server (or when the versions are unknown, if imported).
   */
  readonly forVersions?: readonly ExchangeMajor[];
  /**
   * This variant answers for every server of the section, whatever their version (Get-ClientAccessServer
   * "returns a summary list of all Exchange servers in your organization that have the Client Access
   * server role installed" and exists on Exchange 2010–2019:
   * https://learn.microsoft.com/powershell/module/exchange/get-clientaccessserver): when a variant the
   * versions call for is not imported, this one read instead leaves no gap.
   */
  readonly coversAll?: boolean;
  /**
   * One object may come back from several calls (two variants, overlapping pages): the first of these
   * properties present on an object identifies it; objects seen before are dropped.
   */
  readonly dedupeBy?: readonly string[];
}

const once = { kind: 'once' } as const;

/**
 * Get-ExchangeCertificate over remoting: an ExchangeCertificate arrives as a plain certificate —
 * RawData and what derives from it; Services, Status and Identity live in a SerializationData blob only
 * the Exchange assemblies read, and a client-side Select-Object cannot bring them back (samples
 * get-exchangecertificate-clixml-*.txt in test/fixtures/samples). The server is the one asked (-Server,
 * https://learn.microsoft.com/powershell/module/exchange/get-exchangecertificate), added by the executor
 * as QUERIED_SERVER_PROPERTY.
 */
export const EXCHANGE_CERTIFICATE_SELECT: readonly string[] = ['RawData', 'Thumbprint'];

/**
 * The UM certificate binding is kept on the UM service and the call router settings, not on the
 * certificate: `UMCertificateThumbprint` of UMServer (Get-UMService / Get-UMServer) and of
 * SIPFEServerConfiguration (Get-UMCallRouterSettings,
 * https://learn.microsoft.com/previous-versions/office/exchange-server-api/jj974338(v=exchg.150)).
 * Those reads take every property (no Select-Object), so it arrives with the rest.
 */
export const UM_CERTIFICATE_PROPERTY = 'UMCertificateThumbprint';

/**
 * Get-Mailbox / Get-UMMailbox -Filter "PrimarySmtpAddress -like …" also matches secondary addresses
 * ("Any filter that uses the PrimarySmtpAddress property will also search values in the EmailAddresses
 * property": https://learn.microsoft.com/powershell/exchange/filter-properties#primarysmtpaddress): a
 * mailbox can come back in two partitions. Guid identifies it (every AD object has one); the primary
 * address, unique in the org, when it is absent.
 */
export const RECIPIENT_DEDUPE: readonly string[] = ['Guid', 'ExchangeGuid', 'DistinguishedName', 'PrimarySmtpAddress'];

export const EXCHANGE_READS: readonly SectionRead[] = [
  { shell: 'exchange', section: 'organization', command: 'Get-OrganizationConfig', parameters: {}, select: ['Name'], strategy: once },
  { shell: 'exchange', section: 'servers', command: 'Get-ExchangeServer', parameters: {}, strategy: once },
  // The UM service: Get-UMService on Exchange 2013/2016 Mailbox servers, Get-UMServer on Exchange 2010 UM
  // servers (https://learn.microsoft.com/powershell/module/exchange/get-umservice, …/get-umserver).
  { shell: 'exchange', section: 'umServices', command: 'Get-UMService', parameters: {}, strategy: once, forVersions: ['2013', '2016'], dedupeBy: ['Identity', 'Name'] },
  { shell: 'exchange', section: 'umServices', command: 'Get-UMServer', parameters: {}, strategy: once, forVersions: ['2010'], dedupeBy: ['Identity', 'Name'] },
  // Get-UMCallRouterSettings answers for one server (the one the session is on, or -Server): ask each
  // server running the call router (callRouterServers).
  {
    shell: 'exchange',
    section: 'callRouters',
    command: 'Get-UMCallRouterSettings',
    parameters: {},
    strategy: { kind: 'perServer', parameter: 'Server', which: 'callRouter' },
    forVersions: ['2013', '2016'],
  },
  // Get-ClientAccessService exists from Exchange 2016; on 2010/2013 it is Get-ClientAccessServer
  // (https://learn.microsoft.com/powershell/module/exchange/get-clientaccessservice, …/get-clientaccessserver).
  { shell: 'exchange', section: 'clientAccess', command: 'Get-ClientAccessService', parameters: {}, strategy: once, forVersions: ['2016', '2019'], dedupeBy: ['Identity', 'Name'] },
  { shell: 'exchange', section: 'clientAccess', command: 'Get-ClientAccessServer', parameters: {}, strategy: once, forVersions: ['2010', '2013'], coversAll: true, dedupeBy: ['Identity', 'Name'] },
  { shell: 'exchange', section: 'dialPlans', command: 'Get-UMDialPlan', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'ipGateways', command: 'Get-UMIPGateway', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'huntGroups', command: 'Get-UMHuntGroup', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'autoAttendants', command: 'Get-UMAutoAttendant', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'mailboxPolicies', command: 'Get-UMMailboxPolicy', parameters: {}, strategy: once },
  {
    shell: 'exchange',
    section: 'certificates',
    command: 'Get-ExchangeCertificate',
    parameters: {},
    select: EXCHANGE_CERTIFICATE_SELECT,
    strategy: { kind: 'perServer', parameter: 'Server', which: 'all' },
  },
  { shell: 'exchange', section: 'partnerApplications', command: 'Get-PartnerApplication', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'permissions', command: 'Get-ADPermission', parameters: {}, strategy: { kind: 'perIdentity', identities: 'adContainers' } },
  {
    shell: 'exchange',
    section: 'mailboxes',
    command: 'Get-Mailbox',
    parameters: {},
    select: ['DisplayName', 'PrimarySmtpAddress', 'ServerName', 'AccountDisabled', 'UMEnabled', 'EmailAddresses', 'Guid'],
    strategy: { kind: 'paged', key: 'PrimarySmtpAddress', root: '' },
    dedupeBy: RECIPIENT_DEDUPE,
  },
  {
    shell: 'exchange',
    section: 'umMailboxes',
    command: 'Get-UMMailbox',
    parameters: {},
    select: ['PrimarySmtpAddress', 'UMEnabled', 'UMDialPlan', 'UMMailboxPolicy', 'Extensions', 'SIPResourceIdentifier'],
    strategy: { kind: 'paged', key: 'PrimarySmtpAddress', root: '' },
    dedupeBy: RECIPIENT_DEDUPE,
  },
];

export const SKYPE_READS: readonly SectionRead[] = [
  { shell: 'skype', section: 'sipDomains', command: 'Get-CsSipDomain', parameters: {}, strategy: once },
  { shell: 'skype', section: 'sites', command: 'Get-CsSite', parameters: {}, strategy: once },
  { shell: 'skype', section: 'pools', command: 'Get-CsPool', parameters: {}, strategy: once },
  { shell: 'skype', section: 'registrars', command: 'Get-CsService', parameters: { Registrar: true }, strategy: once },
  { shell: 'skype', section: 'mediationServers', command: 'Get-CsService', parameters: { MediationServer: true }, strategy: once },
  { shell: 'skype', section: 'pstnGateways', command: 'Get-CsService', parameters: { PstnGateway: true }, strategy: once },
  { shell: 'skype', section: 'dialPlans', command: 'Get-CsDialPlan', parameters: {}, strategy: once },
  { shell: 'skype', section: 'mediaConfigurations', command: 'Get-CsMediaConfiguration', parameters: {}, strategy: once },
  // Global, site and per-user policies: a site policy covers the users homed on that site (New-CsHostedVoicemailPolicy).
  { shell: 'skype', section: 'hostedVoicemailPolicies', command: 'Get-CsHostedVoicemailPolicy', parameters: {}, strategy: once },
  { shell: 'skype', section: 'exUmContacts', command: 'Get-CsExUmContact', parameters: {}, strategy: once },
  // Get-CsCertificate has no -Server: it "returns information about certificates on the local computers"
  // (https://learn.microsoft.com/powershell/module/skype/get-cscertificate) — the server the session
  // is on, named by remoting's PSComputerName. The executor says so in a note (localCertificateNote).
  { shell: 'skype', section: 'certificates', command: 'Get-CsCertificate', parameters: {}, strategy: once },
  { shell: 'skype', section: 'oauth', command: 'Get-CsOAuthConfiguration', parameters: {}, strategy: once },
  { shell: 'skype', section: 'partnerApplications', command: 'Get-CsPartnerApplication', parameters: {}, strategy: once },
  {
    shell: 'skype',
    section: 'users',
    command: 'Get-CsUser',
    parameters: {},
    select: [
      'SipAddress',
      'DisplayName',
      'UserPrincipalName',
      'Enabled',
      'RegistrarPool',
      'EnterpriseVoiceEnabled',
      'LineURI',
      'DialPlan',
      'VoicePolicy',
      'HostedVoiceMail',
      'HostedVoicemailPolicy',
      'ExUmEnabled',
    ],
    strategy: { kind: 'paged', key: 'SipAddress', root: 'sip:' },
  },
];

/** Commands each shell imports: every variant the plan may use, and nothing else (Import-PSSession -CommandName). */
export function commandsFor(shell: ShellName, extra: readonly string[] = []): string[] {
  const reads = shell === 'exchange' ? EXCHANGE_READS : SKYPE_READS;
  return [...new Set([...reads.map((r) => r.command), ...extra])].sort();
}

/** The AD containers whose permissions rule R-X checks (the org container, the UM containers). */
export function adContainers(organizationName: string): string[] {
  return [organizationName, 'UM DialPlan Container', 'UM AutoAttendant Container'];
}

/** The text a snapshot section records as its pipeline (informational: the decoder keys on the section name). */
export function pipelineText(reads: readonly SectionRead[]): string {
  return reads
    .map((r) => {
      const params = Object.entries(r.parameters).map(([k, v]) => (v === true ? ` -${k}` : ` -${k} ${String(v)}`));
      const s = r.strategy;
      const target =
        s.kind === 'perServer' ? ` -${s.parameter} <each>` : s.kind === 'perIdentity' ? ' -Identity <each>' : s.kind === 'paged' ? ` -Filter "${s.key} -like '<prefix>*'" -ResultSize <page>` : '';
      return `${r.command}${params.join('')}${target}${r.select?.length ? ` | Select-Object ${r.select.join(',')}` : ''}`;
    })
    .join('; ');
}

// ------------------------------------------------------------------ versions and servers

/** What the plan needs to know of one Get-ExchangeServer object. */
export interface ExchangeServerFacts {
  readonly name: string;
  /**
   * What per-server reads pass to -Server: the FQDN (else the name). -Server takes "any value that
   * uniquely identifies the server", FQDN included, and an Exchange certificate's Identity is
   * `ServerFQDN\Thumbprint` (https://learn.microsoft.com/powershell/module/exchange/get-exchangecertificate):
   * the server a certificate is labelled with is the one Exchange itself would name.
   */
  readonly target?: string;
  readonly version: ExchangeMajor | null;
  readonly mailbox: boolean;
  readonly clientAccess: boolean;
}

/** A property that may arrive deserialized (its ToString()) or rehydrated ({value, Value} for an enum). */
function text(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return v.map(text).join(', ');
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if (typeof o.Value === 'string' || typeof o.value === 'string') return String(o.Value ?? o.value);
    if (typeof o.Name === 'string') return o.Name;
  }
  return '';
}

function flag(v: unknown): boolean | null {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v)) return v.toLowerCase() === 'true';
  return null;
}

/**
 * AdminDisplayVersion: `Version 15.1 (Build 2507.6)` as a string (deserialized) or a ServerVersion
 * object `{Major, Minor, Build, Revision}` (rehydrated). 14 = 2010, 15.0 = 2013, 15.1 = 2016, 15.2 = 2019
 * (https://learn.microsoft.com/exchange/new-features/build-numbers-and-release-dates).
 */
export function exchangeMajorOf(adminDisplayVersion: unknown): ExchangeMajor | null {
  let major: number;
  let minor: number;
  if (adminDisplayVersion && typeof adminDisplayVersion === 'object' && !Array.isArray(adminDisplayVersion)) {
    const o = adminDisplayVersion as Record<string, unknown>;
    major = Number(o.Major);
    minor = Number(o.Minor);
  } else {
    const m = /(?:Version\s+)?(\d+)\.(\d+)/.exec(text(adminDisplayVersion));
    if (!m) return null;
    major = Number(m[1]);
    minor = Number(m[2]);
  }
  if (major === 14) return '2010';
  if (major === 15 && minor === 0) return '2013';
  if (major === 15 && minor === 1) return '2016';
  if (major === 15 && minor >= 2) return '2019';
  return null;
}

/** One Get-ExchangeServer object → the facts the plan uses (null when it names no server). */
export function exchangeServerFacts(raw: unknown): ExchangeServerFacts | null {
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) return null;
  const o = raw as Record<string, unknown>;
  const name = text(o.Name) || text(o.Identity);
  if (!name) return null;
  const roles = text(o.ServerRole);
  const hasRole = (r: string) => new RegExp(`\\b${r}\\b`, 'i').test(roles);
  const fqdn = text(o.Fqdn);
  return {
    name,
    ...(fqdn ? { target: fqdn } : {}),
    version: exchangeMajorOf(o.AdminDisplayVersion),
    mailbox: flag(o.IsMailboxServer) ?? hasRole('Mailbox'),
    clientAccess: flag(o.IsClientAccessServer) ?? hasRole('ClientAccess'),
  };
}

/**
 * The servers running the UM Call Router: Exchange 2013 Client Access servers, and Exchange 2016
 * Mailbox servers — Exchange 2016 reports ServerRole `Mailbox` because "the Client Access services are
 * part of the Mailbox server" (https://learn.microsoft.com/exchange/architecture/client-access/client-access;
 * IsClientAccessServer is true). Exchange 2019 has no UM ("Unified Messaging was removed from Exchange
 * Server 2019": https://learn.microsoft.com/powershell/exchange/filter-properties; Get-UMCallRouterSettings
 * lists Exchange 2013 and 2016 only); Exchange 2010 routes calls in its UM role. A server of unknown
 * version is asked when it is Client Access.
 */
export function callRouterServers(servers: readonly ExchangeServerFacts[]): string[] {
  return servers
    .filter((s) => (s.version === '2013' && s.clientAccess) || (s.version === '2016' && (s.clientAccess || s.mailbox)) || (s.version === null && s.clientAccess))
    .map((s) => s.target ?? s.name);
}

/** One call the executor makes for a section (per-server reads: one per server). */
export interface PlannedRead {
  readonly read: SectionRead;
  /** perServer reads: the servers to ask. */
  readonly servers: readonly string[] | null;
  /**
   * Whether the org needs this variant: a required variant the session did not import makes the
   * section partial or not read. A variant planned only because the versions are unknown is skipped
   * quietly when absent, as long as another variant of the section ran.
   */
  readonly required: boolean;
  /** A coversAll variant the versions do not call for: read only when a required variant of the section is not imported. */
  readonly fallback?: boolean;
}

/**
 * The calls for one section, given its variants and the org's Exchange servers (null: not known —
 * the servers section was not read). No call at all means the org has nothing there for the
 * section (an Exchange 2010 org has no call router): it is read, empty.
 */
export function planSection(variants: readonly SectionRead[], servers: readonly ExchangeServerFacts[] | null): PlannedRead[] {
  const out: PlannedRead[] = [];
  for (const read of variants) {
    const s = read.strategy;
    if (s.kind === 'perServer') {
      if (servers === null) {
        out.push({ read, servers: null, required: true });
        continue;
      }
      const chosen = s.which === 'all' ? servers.map((x) => x.target ?? x.name) : callRouterServers(servers);
      if (chosen.length > 0) out.push({ read, servers: chosen, required: true });
      continue;
    }
    const versions = read.forVersions;
    if (!versions) {
      out.push({ read, servers: null, required: true });
      continue;
    }
    const needed = servers !== null && servers.some((x) => x.version !== null && versions.includes(x.version));
    // Versions not (all) known: try the variant when imported, but its absence is no gap by itself.
    if (servers === null || servers.some((x) => x.version === null)) out.push({ read, servers: null, required: needed });
    else if (needed) out.push({ read, servers: null, required: true });
    else if (read.coversAll) out.push({ read, servers: null, required: false, fallback: true });
  }
  return out;
}

// ------------------------------------------------------------------ who provides a cmdlet

/**
 * The product versions and the roles that provide a cmdlet, from the command table
 * (shared/powershell/cmdlet-reference.ts, written from Microsoft's reference): "Exchange 2013,
 * Exchange 2016; roles: UM Management, …". null for a cmdlet the table does not list.
 */
export function providedBy(cmdlet: string): string | null {
  const parts = providedByParts(cmdlet);
  if (!parts) return null;
  return parts.roles ? `${parts.versions}; roles: ${parts.roles}` : parts.versions;
}

/** The same in two parts, for a message in the reader's language (the roles are RBAC role names, never translated). */
export function providedByParts(cmdlet: string): { readonly versions: string; readonly roles: string | null } | null {
  const ref = cmdletReference(cmdlet);
  if (!ref) return null;
  return { versions: ref.versions.map((v) => PRODUCT_VERSION_LABEL[v]).join(', '), roles: ref.roles.length ? ref.roles.join(', ') : null };
}

// ------------------------------------------------------------------ de-duplication

/** Drops the objects already seen, by the first of `keys` an object has (case-insensitive text); objects with none are kept. */
export function dedupeObjects(objects: readonly unknown[], keys: readonly string[], seen: Set<string> = new Set()): unknown[] {
  const out: unknown[] = [];
  for (const o of objects) {
    const rec = o && typeof o === 'object' ? (o as Record<string, unknown>) : null;
    let id: string | null = null;
    for (const k of keys) {
      const v = rec ? text(rec[k]) : '';
      if (v) {
        id = `${k}:${v.toLowerCase()}`;
        break;
      }
    }
    if (id !== null) {
      if (seen.has(id)) continue;
      seen.add(id);
    }
    out.push(o);
  }
  return out;
}

// ------------------------------------------------------------------ paging

/** Characters a partition is split on; anything else falls in the partition's remainder. */
export const PAGE_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789.-_@';

/** A prefix partition: keys that start with `prefix` and with none of `except`. */
export interface Partition {
  readonly prefix: string;
  readonly except: readonly string[];
}

/** The -Filter text of a partition (OPATH / Skype filter: `-like`, `-notlike`, `-and`). */
export function partitionFilter(key: string, p: Partition): string {
  for (const s of [p.prefix, ...p.except]) {
    // Prefixes are built from PAGE_ALPHABET and the root only: nothing in them needs quoting.
    if (/['"*?[\]`$]/.test(s)) throw new Error(`unsafe filter prefix ${JSON.stringify(s)}`);
  }
  return [`${key} -like '${p.prefix}*'`, ...p.except.map((e) => `${key} -notlike '${e}*'`)].join(' -and ');
}

/**
 * A partition that overflowed one page is split: one child per next character seen in the page
 * (from PAGE_ALPHABET), and the remainder (everything else under the prefix). A remainder that
 * overflows again is split on the rest of the alphabet; past that it is read unpaged (reported).
 */
export function splitPartition(p: Partition, keysSeen: readonly string[]): { children: Partition[]; remainder: Partition | null } {
  const next = new Set<string>();
  const taken = new Set(p.except);
  for (const k of keysSeen) {
    const lower = k.toLowerCase();
    if (!lower.startsWith(p.prefix) || lower.length <= p.prefix.length) continue;
    const c = lower[p.prefix.length]!;
    if (PAGE_ALPHABET.includes(c) && !taken.has(p.prefix + c)) next.add(c);
  }
  const children = [...next].sort().map((c) => ({ prefix: p.prefix + c, except: [] as string[] }));
  if (children.length === 0) {
    // Nothing new to split on from the sample: split on the rest of the alphabet, once.
    const rest = [...PAGE_ALPHABET].map((c) => p.prefix + c).filter((s) => !taken.has(s));
    if (rest.length === 0) return { children: [], remainder: null };
    return { children: rest.map((prefix) => ({ prefix, except: [] })), remainder: { prefix: p.prefix, except: [...p.except, ...rest] } };
  }
  return { children, remainder: { prefix: p.prefix, except: [...p.except, ...children.map((c) => c.prefix)] } };
}
