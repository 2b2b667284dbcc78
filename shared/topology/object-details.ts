/**
 * The properties panel of a selected object: its settings under the cmdlet property names an
 * admin knows (docs/remote-shapes.md), in the order the cmdlets print them. The rows come from the
 * object's field table (shared/model/exchange-fields.ts, skype-fields.ts): each row the table marks
 * `show`, named by its property (or its `label`). Written here only: the rows of a nested object
 * (`show: 'rows'`) and the facts other objects give (`more`: a server's certificates, a pool's media
 * configurations).
 */
import { dnsNamesOf } from '../certificates/cert-model';
import {
  EXCHANGE_CERTIFICATE_FIELDS,
  EXCHANGE_PARTNER_APPLICATION_FIELDS,
  EXCHANGE_SERVER_FIELDS,
  UM_AUTO_ATTENDANT_FIELDS,
  UM_DIAL_PLAN_FIELDS,
  UM_HUNT_GROUP_FIELDS,
  UM_IP_GATEWAY_FIELDS,
  UM_MAILBOX_POLICY_FIELDS,
  UM_SERVICE_FIELDS,
} from '../model/exchange-fields';
import { type AnyFieldRow, type FieldShow, fieldRows, type ObjectFields } from '../model/field-table';
import type {
  CertificateFacts,
  CsDialPlan,
  CsMediaConfiguration,
  ExchangeCertificate,
  ExchangePartnerApplication,
  ExchangeServer,
  ExchangeVersion,
  ExUmContact,
  MediationServer,
  OAuthConfiguration,
  ObjectKind,
  ObjectRef,
  OrgModel,
  PstnGateway,
  SkypeCertificate,
  SkypePartnerApplication,
  SkypePool,
  SkypeSite,
  UmAutoAttendant,
  UmDialPlan,
  UmHuntGroup,
  UmIpGateway,
  UmMailboxPolicy,
  UmServiceSettings,
} from '../model/org';
import {
  CS_DIAL_PLAN_FIELDS,
  CS_MEDIA_CONFIGURATION_FIELDS,
  EX_UM_CONTACT_FIELDS,
  MEDIATION_SERVER_FIELDS,
  OAUTH_CONFIGURATION_FIELDS,
  PSTN_GATEWAY_FIELDS,
  SKYPE_CERTIFICATE_FIELDS,
  SKYPE_PARTNER_APPLICATION_FIELDS,
  SKYPE_POOL_FIELDS,
  SKYPE_SITE_FIELDS,
} from '../model/skype-fields';

type Value = string | number | boolean | null | readonly string[] | ExchangeVersion;
/** One shown row: its name, its value, how it is shown. */
type Prop = readonly [string, Value, FieldShow];
type Props = readonly Prop[];

/** A value as the panel prints it (field-table.ts FieldShow). */
function format(v: Value, how: FieldShow): string {
  if (v === null || v === '') return '—';
  if (how === 'version' && typeof v === 'object' && 'text' in v) return v.text;
  if (Array.isArray(v)) return v.length === 0 ? '{}' : v.join(', ');
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const nameOf = (row: AnyFieldRow) => row.label ?? row.property ?? '';

/** How the panel shows one kind of object. */
interface KindView<M> {
  readonly fields: ObjectFields<M>;
  readonly find: (org: OrgModel, id: string) => M | undefined;
  readonly title: (item: M, ref: ObjectRef) => string;
  /** The rows of each `show: 'rows'` field. */
  readonly rows?: { readonly [K in keyof M]?: (item: M) => Props };
  /** Facts from other objects, after the object's own rows. */
  readonly more?: (item: M, org: OrgModel) => Props;
}

/** The rows a table shows for one object (a nested object's, with `suffix` after each name). */
function tableProps<M>(view: Pick<KindView<M>, 'fields' | 'rows'>, item: M, suffix = ''): Prop[] {
  const out: Prop[] = [];
  for (const [field, row] of fieldRows(view.fields)) {
    if (!row.show) continue;
    if (row.show === 'rows') out.push(...(view.rows?.[field]?.(item) ?? []));
    else out.push([nameOf(row) + suffix, item[field] as Value, row.show]);
  }
  return out;
}

/** The UM service's rows on its server's panel, named after the cmdlet that gives them; `—` when the server has none. */
function umServiceProps(settings: UmServiceSettings | null, cmdlet: string): Prop[] {
  if (settings) return tableProps<UmServiceSettings>({ fields: UM_SERVICE_FIELDS }, settings, ` (${cmdlet})`);
  return fieldRows(UM_SERVICE_FIELDS)
    .filter(([, row]) => row.show)
    .map(([, row]): Prop => [`${nameOf(row)} (${cmdlet})`, null, row.show!]);
}

/**
 * A certificate's facts, named as Get-ExchangeCertificate / X509Certificate2 print them: they are read
 * from its RawData by the certificate reader (shared/certificates/cert-model.ts), not from a cmdlet property.
 */
function certificateProps(facts: CertificateFacts | null, unreadable: string | null): Props {
  if (!facts) return [['RawData', `✗ ${unreadable ?? '?'}`, 'text']];
  return [
    ['Subject', facts.subject, 'text'],
    ['Issuer', facts.issuer, 'text'],
    ['Thumbprint', facts.thumbprint, 'text'],
    ['SerialNumber', facts.serialNumber, 'text'],
    ['NotBefore', facts.notBefore, 'date'],
    ['NotAfter', facts.notAfter, 'date'],
    ['DnsNameList', dnsNamesOf(facts), 'list'],
    ['PublicKey', `${facts.keyAlgorithm} ${facts.keySize ?? '?'}`, 'text'],
    ['IsSelfSigned', facts.selfSigned, 'bool'],
  ];
}

const view = <M>(v: KindView<M>) => v as unknown as KindView<unknown>;

/** The kinds a panel shows one model object of (the organization and OAuth panels are written below). */
const VIEWS: Readonly<Record<Exclude<ObjectKind, 'exchangeOrganization' | 'oauthConfiguration'>, KindView<unknown>>> = {
  exchangeServer: view<ExchangeServer>({
    fields: EXCHANGE_SERVER_FIELDS,
    find: (org, id) => org.exchange.servers.find((x) => x.name === id),
    title: (s) => s.name,
    rows: {
      umService: (s) => umServiceProps(s.umService, 'Get-UMService'),
      callRouter: (s) => [
        ...umServiceProps(s.callRouter, 'Get-UMCallRouterSettings'),
        ['SipTcpListeningPort / SipTlsListeningPort', s.callRouter ? `${s.callRouter.sipTcpPort ?? '—'} / ${s.callRouter.sipTlsPort ?? '—'}` : null, 'text'],
      ],
    },
    // Over remoting only the UM bindings of a certificate are known: `?` marks the services not read.
    more: (s, org) => [
      [
        'Get-ExchangeCertificate',
        org.exchange.certificates
          .filter((c) => eq(c.server, s.fqdn) || eq(c.server, s.name))
          .map((c) => `${c.facts?.thumbprint.slice(0, 12) ?? '?'}… (${[...c.services, ...(c.servicesKnown ? [] : ['?'])].join(', ') || 'None'})`),
        'list',
      ],
    ],
  }),
  umDialPlan: view<UmDialPlan>({ fields: UM_DIAL_PLAN_FIELDS, find: (org, id) => org.exchange.dialPlans.find((x) => x.name === id), title: (d) => d.name }),
  umIpGateway: view<UmIpGateway>({ fields: UM_IP_GATEWAY_FIELDS, find: (org, id) => org.exchange.ipGateways.find((x) => x.name === id), title: (g) => g.name }),
  umHuntGroup: view<UmHuntGroup>({ fields: UM_HUNT_GROUP_FIELDS, find: (org, id) => org.exchange.huntGroups.find((x) => x.id === id), title: (h) => h.id }),
  umAutoAttendant: view<UmAutoAttendant>({ fields: UM_AUTO_ATTENDANT_FIELDS, find: (org, id) => org.exchange.autoAttendants.find((x) => x.name === id), title: (a) => a.name }),
  umMailboxPolicy: view<UmMailboxPolicy>({ fields: UM_MAILBOX_POLICY_FIELDS, find: (org, id) => org.exchange.mailboxPolicies.find((x) => x.name === id), title: (p) => p.name }),
  exchangePartnerApplication: view<ExchangePartnerApplication>({
    fields: EXCHANGE_PARTNER_APPLICATION_FIELDS,
    find: (org, id) => org.exchange.partnerApplications.find((x) => x.name === id),
    title: (a) => a.name,
  }),
  exchangeCertificate: view<ExchangeCertificate>({
    fields: EXCHANGE_CERTIFICATE_FIELDS,
    find: (org, id) => org.exchange.certificates.find((x) => `${x.server}\\${x.facts?.thumbprint ?? '?'}` === id),
    title: (c, ref) => c.facts?.subject ?? ref.id,
    rows: {
      // Over remoting an ExchangeCertificate carries RawData only: its UM / UMCallRouter bindings come from
      // UMCertificateThumbprint, its other services are not known (docs/lab-endpoint.md).
      services: (c) => [[c.servicesKnown ? 'Services' : 'Services (UMCertificateThumbprint of Get-UMService / Get-UMCallRouterSettings)', c.services, 'list']],
      facts: (c) => certificateProps(c.facts, c.unreadable),
    },
  }),
  skypeSite: view<SkypeSite>({ fields: SKYPE_SITE_FIELDS, find: (org, id) => org.skype.sites.find((x) => x.identity === id), title: (s) => s.name }),
  skypePool: view<SkypePool>({
    fields: SKYPE_POOL_FIELDS,
    find: (org, id) => org.skype.pools.find((x) => x.fqdn === id),
    title: (p) => p.fqdn,
    more: (p, org) => [
      [
        'EncryptionLevel (Get-CsMediaConfiguration)',
        org.skype.mediaConfigurations
          .filter((m) => (m.scope === 'Service' && eq(m.target ?? '', p.fqdn)) || (m.scope === 'Site' && eq(`Site:${m.target}`, p.site)) || m.scope === 'Global')
          .map((m) => `${m.identity}: ${m.encryptionLevel}`),
        'list',
      ],
      ['Get-CsCertificate', org.skype.certificates.filter((c) => c.pool === p.fqdn).map((c) => `${c.server} ${c.use}: ${c.facts?.thumbprint.slice(0, 12) ?? '?'}…`), 'list'],
    ],
  }),
  mediationServer: view<MediationServer>({ fields: MEDIATION_SERVER_FIELDS, find: (org, id) => org.skype.mediationServers.find((x) => x.poolFqdn === id), title: (m) => m.poolFqdn }),
  pstnGateway: view<PstnGateway>({ fields: PSTN_GATEWAY_FIELDS, find: (org, id) => org.skype.pstnGateways.find((x) => x.address === id), title: (g) => g.address }),
  csDialPlan: view<CsDialPlan>({ fields: CS_DIAL_PLAN_FIELDS, find: (org, id) => org.skype.dialPlans.find((x) => x.identity === id), title: (d) => d.identity }),
  csMediaConfiguration: view<CsMediaConfiguration>({
    fields: CS_MEDIA_CONFIGURATION_FIELDS,
    find: (org, id) => org.skype.mediaConfigurations.find((x) => x.identity === id),
    title: (m) => m.identity,
  }),
  exUmContact: view<ExUmContact>({ fields: EX_UM_CONTACT_FIELDS, find: (org, id) => org.skype.exUmContacts.find((x) => x.identity === id), title: (c) => c.displayName || c.sipAddress }),
  skypeCertificate: view<SkypeCertificate>({
    fields: SKYPE_CERTIFICATE_FIELDS,
    find: (org, id) => org.skype.certificates.find((x) => `${x.server}|${x.use}` === id),
    title: (c) => `${c.use} — ${c.server}`,
    rows: { facts: (c) => certificateProps(c.facts, c.unreadable) },
  }),
  skypePartnerApplication: view<SkypePartnerApplication>({
    fields: SKYPE_PARTNER_APPLICATION_FIELDS,
    find: (org, id) => org.skype.partnerApplications.find((x) => x.identity === id),
    title: (a) => a.identity,
  }),
};

function find(org: OrgModel, ref: ObjectRef): { title: string; props: Props } | null {
  const { exchange: ex, skype: sk } = org;
  switch (ref.kind) {
    case 'exchangeOrganization':
      return {
        title: ex.organizationName,
        props: [
          ['Name', ex.organizationName, 'text'],
          ['Get-PartnerApplication', ex.partnerApplications.map((a) => `${a.name}: ${a.authMetadataUrl || '—'}${a.enabled ? '' : ' (disabled)'}`), 'list'],
          ['Get-ADPermission', ex.permissions.map((p) => `${p.user} → ${p.object}: ${p.accessRights.join(', ')} (${p.inheritanceType})`), 'list'],
        ],
      };
    case 'oauthConfiguration':
      return {
        title: 'Global',
        props: [
          // No OAuth configuration read: its rows show `—`.
          ...tableProps<OAuthConfiguration>({ fields: OAUTH_CONFIGURATION_FIELDS }, sk.oauth ?? { exchangeAutodiscoverUrl: '', realm: '' }),
          ['Get-CsPartnerApplication', sk.partnerApplications.map((a) => `${a.identity}: ${a.metadataUrl || '—'} (${a.applicationTrustLevel})`), 'list'],
          [
            'Get-CsCertificate -Type OAuthTokenIssuer',
            sk.certificates.filter((c) => eq(c.use, 'OAuthTokenIssuer')).map((c) => `${c.server}: ${c.facts?.thumbprint ?? '?'} (${c.facts?.keySize ?? '?'})`),
            'list',
          ],
        ],
      };
    default: {
      const v = VIEWS[ref.kind];
      const item = v.find(org, ref.id);
      if (item === undefined) return null;
      return { title: v.title(item, ref), props: [...tableProps(v, item), ...(v.more?.(item, org) ?? [])] };
    }
  }
}

export function describeObject(org: OrgModel, ref: ObjectRef): { title: string; properties: { name: string; value: string; enum?: boolean }[] } | null {
  const found = find(org, ref);
  if (!found) return null;
  return {
    title: found.title,
    properties: found.props.map(([name, value, how]) => ({ name, value: format(value, how), ...(how === 'enum' && typeof value === 'string' && value !== '' ? { enum: true } : {}) })),
  };
}
