/**
 * What the snapshot diff (snapshot-diff.ts) treats as "the same object", "the same value" and "no change",
 * per section. Written down here and in docs/changes.md; a test reads both.
 */
import type { ObjectKind, SectionKey } from '../model/org';
import { QUERIED_SERVER_PROPERTY } from './format';

type Obj = Readonly<Record<string, unknown>>;

const text = (v: unknown): string | null => {
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
    // The object form of an AD id / SMTP address / enum (docs/snapshot-format.md, "Value forms").
    const r = v as Obj;
    for (const k of ['Name', 'Value', 'Address', 'AbsoluteUri', 'ProxyAddressString']) if (typeof r[k] === 'string') return r[k] as string;
  }
  return null;
};

const first =
  (...props: readonly string[]) =>
  (o: Obj): string | null => {
    for (const p of props) {
      const v = text(o[p]);
      if (v !== null) return v;
    }
    return null;
  };

/** The server a certificate was read on: the one the capture asked, else the session's (Get-CsCertificate), else an Identity's `server\thumbprint`. */
const certificateServer = (o: Obj): string | null => {
  const identity = text(o.Identity);
  return text(o[QUERIED_SERVER_PROPERTY]) ?? (identity?.includes('\\') ? identity.slice(0, identity.lastIndexOf('\\')) : null) ?? text(o.PSComputerName);
};

/**
 * The natural key of an object in its section, after the Guid (compared first, where both sides carry one:
 * Exchange's AD objects do — Get-UMIPGateway, Get-UMDialPlan… — so a renamed gateway or dial plan is one
 * object whose Name changed, not one removed and one added). Null: the object has no key, it is compared as
 * a whole (added / removed only).
 *
 * - Exchange AD objects (dial plans, gateways, auto attendants, mailbox policies, partner applications,
 *   servers): `Name` is unique in its container (New-UMIPGateway -Name, New-UMDialPlan -Name: "unique").
 * - Hunt groups: names are unique per gateway only; `Identity` is `gateway\name` (Get-UMHuntGroup).
 * - UM services and call router settings, client access services: `Identity` is the server.
 * - Exchange certificates: the same certificate is on several servers; over remoting there is no
 *   Identity (docs/snapshot-format.md, "Exchange certificates"), so server + Thumbprint (or the bytes).
 * - Permissions (Get-ADPermission): an access control entry has no identity — compared as a whole.
 * - Mailboxes and UM mailboxes: the primary SMTP address (the three user sections carry no Guid).
 * - Skype objects: `Identity` (Global, Site:Redmond, Registrar:pool.fqdn, tag:…), unique per cmdlet.
 * - Skype certificates: one per server and `Use` (Set-CsCertificate -Type), so a renewed certificate is
 *   the Default certificate of that Front End whose Thumbprint changed.
 * - Skype users: the SIP address.
 */
export const IDENTITY_RULES: Readonly<Record<SectionKey, (o: Obj) => string | null>> = {
  'exchange.organization': first('Name', 'Identity'),
  'exchange.servers': first('Name', 'Identity', 'Fqdn'),
  'exchange.umServices': first('Identity', 'Name'),
  'exchange.callRouters': first('Identity', QUERIED_SERVER_PROPERTY),
  'exchange.clientAccess': first('Identity', 'Name'),
  'exchange.dialPlans': first('Name', 'Identity'),
  'exchange.ipGateways': first('Name', 'Identity'),
  'exchange.huntGroups': first('Identity'),
  'exchange.autoAttendants': first('Name', 'Identity'),
  'exchange.mailboxPolicies': first('Name', 'Identity'),
  'exchange.certificates': (o) => {
    const id = first('Thumbprint')(o) ?? first('RawData')(o);
    return id === null ? null : `${certificateServer(o) ?? '?'}\\${id}`;
  },
  'exchange.partnerApplications': first('Name', 'Identity'),
  'exchange.permissions': () => null,
  'exchange.mailboxes': first('PrimarySmtpAddress'),
  'exchange.umMailboxes': first('PrimarySmtpAddress'),
  'skype.sipDomains': first('Identity', 'Name'),
  'skype.sites': first('Identity', 'SiteId'),
  'skype.pools': first('Identity', 'Fqdn'),
  'skype.registrars': first('Identity'),
  'skype.mediationServers': first('Identity'),
  'skype.pstnGateways': first('Identity'),
  'skype.dialPlans': first('Identity'),
  'skype.mediaConfigurations': first('Identity'),
  'skype.hostedVoicemailPolicies': first('Identity'),
  'skype.exUmContacts': first('Identity', 'SipAddress'),
  'skype.certificates': (o) => {
    const use = text(o.Use);
    const id = use ?? first('Thumbprint', 'SerialNumber')(o);
    return id === null ? null : `${certificateServer(o) ?? '?'}|${id}`;
  },
  'skype.oauth': first('Identity'),
  'skype.partnerApplications': first('Identity'),
  'skype.users': first('SipAddress'),
};

/** What an admin recognises an object by, in this order. */
export const LABEL_PROPERTIES: readonly string[] = ['Name', 'Identity', 'Fqdn', 'PoolFqdn', 'SipAddress', 'PrimarySmtpAddress', 'DisplayName', 'Subject', 'User'];

/** The model object a raw object is (what a finding names, shared/rules/*: ref(kind, id)), by section. */
export const SECTION_OBJECT_KIND: Readonly<Partial<Record<SectionKey, { readonly kind: ObjectKind; readonly id: (o: Obj) => string | null }>>> = {
  'exchange.organization': { kind: 'exchangeOrganization', id: first('Name') },
  'exchange.servers': { kind: 'exchangeServer', id: first('Name') },
  'exchange.dialPlans': { kind: 'umDialPlan', id: first('Name') },
  'exchange.ipGateways': { kind: 'umIpGateway', id: first('Name') },
  'exchange.huntGroups': { kind: 'umHuntGroup', id: first('Identity') },
  'exchange.autoAttendants': { kind: 'umAutoAttendant', id: first('Name') },
  'exchange.mailboxPolicies': { kind: 'umMailboxPolicy', id: first('Name') },
  'exchange.certificates': { kind: 'exchangeCertificate', id: (o) => (text(o.Thumbprint) ? `${certificateServer(o) ?? '?'}\\${text(o.Thumbprint)}` : null) },
  'exchange.partnerApplications': { kind: 'exchangePartnerApplication', id: first('Name') },
  'skype.sites': { kind: 'skypeSite', id: first('Identity') },
  'skype.pools': { kind: 'skypePool', id: first('Fqdn', 'Identity') },
  'skype.mediationServers': { kind: 'mediationServer', id: first('PoolFqdn') },
  'skype.pstnGateways': { kind: 'pstnGateway', id: first('PoolFqdn') },
  'skype.dialPlans': { kind: 'csDialPlan', id: first('Identity') },
  'skype.mediaConfigurations': { kind: 'csMediaConfiguration', id: first('Identity') },
  'skype.exUmContacts': { kind: 'exUmContact', id: first('Identity') },
  'skype.certificates': { kind: 'skypeCertificate', id: (o) => (text(o.Use) ? `${certificateServer(o) ?? '?'}|${text(o.Use)}` : null) },
  'skype.oauth': { kind: 'oauthConfiguration', id: first('Identity') },
  'skype.partnerApplications': { kind: 'skypePartnerApplication', id: first('Identity') },
};

/**
 * Noise: properties that change on every read or say how the object was read, not what it is. Never
 * compared, in any section (docs/changes.md, "Noise").
 * - PSComputerName, RunspaceId, PSShowComputerName: remoting adds them; they name the session.
 * - UmcQueriedServer: the server a per-server read asked (format.ts) — how it was read.
 * - SerializationData: Exchange's serialized blob, read only by its assemblies (docs/snapshot-format.md).
 * - WhenChanged, WhenChangedUTC: AD bumps them on any write, replication included; the property that
 *   changed is what the diff shows.
 * - ObjectState: the session's object state (Unchanged, New…), not the configuration.
 * - OriginatingServer: the domain controller that answered this read.
 * - RemainingTrialPeriod (Get-ExchangeServer): a counter that runs down every day.
 * - CurrentDomainControllers, CurrentGlobalCatalogs, CurrentConfigDomainController (Get-ExchangeServer
 *   -Status): the DCs the server uses at this moment.
 */
export const NOISE_PROPERTIES: readonly string[] = [
  'PSComputerName',
  'RunspaceId',
  'PSShowComputerName',
  QUERIED_SERVER_PROPERTY,
  'SerializationData',
  'WhenChanged',
  'WhenChangedUTC',
  'ObjectState',
  'OriginatingServer',
  'RemainingTrialPeriod',
  'CurrentDomainControllers',
  'CurrentGlobalCatalogs',
  'CurrentConfigDomainController',
];

/** Also not compared: the capture's own run metadata (`capturedAt`, `source`, each section's `command` and `notes`). */
export const NOISE_SNAPSHOT_FIELDS: readonly string[] = ['capturedAt', 'source', 'command', 'notes'];

const NOISE = new Set(NOISE_PROPERTIES.map((p) => p.toLowerCase()));

export function isNoise(property: string): boolean {
  return NOISE.has(property.toLowerCase());
}

/**
 * Multi-valued properties whose order is meaningful, compared as lists; every other array is a set
 * (UMServers, AccessTelephoneNumbers, EmailAddresses, AlternativeNames, PilotIdentifierList… —
 * reordering is no change).
 * - Get-CsDialPlan NormalizationRules: the rules are tried in their order, the first match wins
 *   (https://learn.microsoft.com/en-us/powershell/module/skype/new-csvoicenormalizationrule, -Priority).
 * - Get-CsOAuthConfiguration PartnerApplications / OAuthServers: sets.
 */
export const ORDERED_PROPERTIES: Readonly<Partial<Record<SectionKey, readonly string[]>>> = {
  'skype.dialPlans': ['NormalizationRules'],
};
