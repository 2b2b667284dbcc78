/**
 * How a live capture reads each snapshot section from the Management Shells (the pipelines of
 * docs/snapshot-format.md, as plain command invocations: the Exchange endpoint runs in
 * no-language mode, so shaping — Select-Object, JSON — happens in the local host; cmdlet-shapes §0.4).
 *
 * Pure data and pure functions: the executor is main/services/live/capture.ts.
 */
import type { ShellName } from '../connections/profile';
import type { ExchangeSectionName, SkypeSectionName } from './format';

export type ReadStrategy =
  /** One call. */
  | { readonly kind: 'once' }
  /** One call per Exchange server (`-Server <name>`), servers filtered by a predicate on the servers section. */
  | { readonly kind: 'perServer'; readonly parameter: 'Server'; readonly which: 'all' | 'clientAccess2013+' }
  /** One call per identity. */
  | { readonly kind: 'perIdentity'; readonly identities: 'adContainers' }
  /** Prefix-partitioned pages (`-Filter "<key> -like 'p*'" -ResultSize n+1`), never one call for every user. */
  | { readonly kind: 'paged'; readonly key: string; readonly root: string };

export interface SectionRead {
  readonly shell: ShellName;
  readonly section: ExchangeSectionName | SkypeSectionName;
  readonly command: string;
  readonly parameters: Readonly<Record<string, string | boolean>>;
  readonly select?: readonly string[];
  readonly strategy: ReadStrategy;
}

const once = { kind: 'once' } as const;

export const EXCHANGE_READS: readonly SectionRead[] = [
  { shell: 'exchange', section: 'organization', command: 'Get-OrganizationConfig', parameters: {}, select: ['Name'], strategy: once },
  { shell: 'exchange', section: 'servers', command: 'Get-ExchangeServer', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'umServices', command: 'Get-UMService', parameters: {}, strategy: once },
  // Get-UMCallRouterSettings answers for one server (the one the session is on, or -Server): ask each 2013+ Client Access server.
  { shell: 'exchange', section: 'callRouters', command: 'Get-UMCallRouterSettings', parameters: {}, strategy: { kind: 'perServer', parameter: 'Server', which: 'clientAccess2013+' } },
  { shell: 'exchange', section: 'clientAccess', command: 'Get-ClientAccessService', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'dialPlans', command: 'Get-UMDialPlan', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'ipGateways', command: 'Get-UMIPGateway', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'huntGroups', command: 'Get-UMHuntGroup', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'autoAttendants', command: 'Get-UMAutoAttendant', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'mailboxPolicies', command: 'Get-UMMailboxPolicy', parameters: {}, strategy: once },
  // Over remoting an ExchangeCertificate carries RawData only unless projected (cmdlet-shapes §0.2).
  {
    shell: 'exchange',
    section: 'certificates',
    command: 'Get-ExchangeCertificate',
    parameters: {},
    select: ['Identity', 'Thumbprint', 'Services', 'Status', 'RootCAType', 'IsSelfSigned', 'HasPrivateKey', 'NotAfter', 'RawData'],
    strategy: { kind: 'perServer', parameter: 'Server', which: 'all' },
  },
  { shell: 'exchange', section: 'partnerApplications', command: 'Get-PartnerApplication', parameters: {}, strategy: once },
  { shell: 'exchange', section: 'permissions', command: 'Get-ADPermission', parameters: {}, strategy: { kind: 'perIdentity', identities: 'adContainers' } },
  {
    shell: 'exchange',
    section: 'mailboxes',
    command: 'Get-Mailbox',
    parameters: {},
    select: ['DisplayName', 'PrimarySmtpAddress', 'ServerName', 'AccountDisabled', 'UMEnabled', 'EmailAddresses'],
    strategy: { kind: 'paged', key: 'PrimarySmtpAddress', root: '' },
  },
  {
    shell: 'exchange',
    section: 'umMailboxes',
    command: 'Get-UMMailbox',
    parameters: {},
    select: ['PrimarySmtpAddress', 'UMEnabled', 'UMDialPlan', 'UMMailboxPolicy', 'Extensions', 'SIPResourceIdentifier'],
    strategy: { kind: 'paged', key: 'PrimarySmtpAddress', root: '' },
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
  { shell: 'skype', section: 'exUmContacts', command: 'Get-CsExUmContact', parameters: {}, strategy: once },
  { shell: 'skype', section: 'certificates', command: 'Get-CsCertificate', parameters: {}, strategy: once },
  { shell: 'skype', section: 'oauth', command: 'Get-CsOAuthConfiguration', parameters: {}, strategy: once },
  { shell: 'skype', section: 'partnerApplications', command: 'Get-CsPartnerApplication', parameters: {}, strategy: once },
  {
    shell: 'skype',
    section: 'users',
    command: 'Get-CsUser',
    parameters: {},
    select: ['SipAddress', 'DisplayName', 'UserPrincipalName', 'Enabled', 'RegistrarPool', 'EnterpriseVoiceEnabled', 'LineURI', 'DialPlan', 'VoicePolicy', 'HostedVoiceMail', 'HostedVoicemailPolicy', 'ExUmEnabled'],
    strategy: { kind: 'paged', key: 'SipAddress', root: 'sip:' },
  },
];

/** Commands each shell imports: only what the console uses (Import-PSSession -CommandName). */
export function commandsFor(shell: ShellName, extra: readonly string[] = []): string[] {
  const reads = shell === 'exchange' ? EXCHANGE_READS : SKYPE_READS;
  return [...new Set([...reads.map((r) => r.command), ...extra])].sort();
}

/** The AD containers whose permissions rule R-X checks (the org container, the UM containers). */
export function adContainers(organizationName: string): string[] {
  return [organizationName, 'UM DialPlan Container', 'UM AutoAttendant Container'];
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
    if (/['"*?\[\]`$]/.test(s)) throw new Error(`unsafe filter prefix ${JSON.stringify(s)}`);
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
