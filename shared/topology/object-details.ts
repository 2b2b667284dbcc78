/**
 * The properties panel of a selected object: its settings under the cmdlet property names an
 * admin knows (docs/remote-shapes.md), in the order the cmdlets print them.
 */
import type { ObjectRef, OrgModel } from '../model/org';

type Value = string | number | boolean | null | readonly string[];
type Props = readonly (readonly [string, Value])[];

function show(v: Value): string {
  if (v === null || v === '') return '—';
  if (Array.isArray(v)) return v.length === 0 ? '{}' : v.join(', ');
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return String(v);
}

const eq = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function find(org: OrgModel, ref: ObjectRef): { title: string; props: Props } | null {
  const { exchange: ex, skype: sk } = org;
  switch (ref.kind) {
    case 'exchangeServer': {
      const s = ex.servers.find((x) => x.name === ref.id);
      if (!s) return null;
      return {
        title: s.name,
        props: [
          ['Name', s.name],
          ['Fqdn', s.fqdn],
          ['Site', s.site],
          ['AdminDisplayVersion', s.version.text],
          ['ServerRole', s.roles],
          ['IsUnifiedMessagingServer', s.isUnifiedMessagingServer],
          ['UMStartupMode (Get-UMService)', s.umService?.startupMode ?? null],
          ['DialPlans (Get-UMService)', s.umService?.dialPlans ?? null],
          ['UMStartupMode (Get-UMCallRouterSettings)', s.callRouter?.startupMode ?? null],
          ['DialPlans (Get-UMCallRouterSettings)', s.callRouter?.dialPlans ?? null],
          ['SipTcpListeningPort / SipTlsListeningPort', s.callRouter ? `${s.callRouter.sipTcpPort ?? '—'} / ${s.callRouter.sipTlsPort ?? '—'}` : null],
          ['AutoDiscoverServiceInternalUri', s.autodiscoverInternalUri],
          // Over remoting only the UM bindings of a certificate are known: `?` marks the services not read.
          ['Get-ExchangeCertificate', ex.certificates.filter((c) => eq(c.server, s.fqdn) || eq(c.server, s.name)).map((c) => `${c.facts?.thumbprint.slice(0, 12) ?? '?'}… (${[...c.services, ...(c.servicesKnown ? [] : ['?'])].join(', ') || 'None'})`)],
        ],
      };
    }
    case 'umDialPlan': {
      const d = ex.dialPlans.find((x) => x.name === ref.id);
      if (!d) return null;
      return {
        title: d.name,
        props: [
          ['Name', d.name],
          ['URIType', d.uriType],
          ['VoIPSecurity', d.voipSecurity],
          ['PhoneContext', d.phoneContext],
          ['NumberOfDigitsInExtension', d.numberOfDigitsInExtension],
          ['AccessTelephoneNumbers', d.accessTelephoneNumbers],
          ['UMIPGateway', d.umIpGateways],
          ['UMAutoAttendants', d.umAutoAttendants],
          ['UMMailboxPolicies', d.umMailboxPolicies],
          ['UMServers', d.umServers],
          ['CountryOrRegionCode', d.countryOrRegionCode],
        ],
      };
    }
    case 'umIpGateway': {
      const g = ex.ipGateways.find((x) => x.name === ref.id);
      if (!g) return null;
      return {
        title: g.name,
        props: [
          ['Name', g.name],
          ['Address', g.address],
          ['Port', g.port],
          ['Status', g.status],
          ['OutcallsAllowed', g.outcallsAllowed],
          ['MessageWaitingIndicatorAllowed', g.messageWaitingIndicatorAllowed],
          ['IPAddressFamily', g.ipAddressFamily],
          ['HuntGroups', g.huntGroups],
        ],
      };
    }
    case 'umHuntGroup': {
      const h = ex.huntGroups.find((x) => x.id === ref.id);
      if (!h) return null;
      return { title: h.id, props: [['Identity', h.id], ['Name', h.name], ['UMIPGateway', h.gateway], ['UMDialPlan', h.dialPlan], ['PilotIdentifier', h.pilotIdentifier]] };
    }
    case 'umAutoAttendant': {
      const a = ex.autoAttendants.find((x) => x.name === ref.id);
      if (!a) return null;
      return { title: a.name, props: [['Name', a.name], ['UMDialPlan', a.dialPlan], ['Status', a.status], ['PilotIdentifierList', a.pilotIdentifierList], ['SpeechEnabled', a.speechEnabled]] };
    }
    case 'umMailboxPolicy': {
      const p = ex.mailboxPolicies.find((x) => x.name === ref.id);
      if (!p) return null;
      return { title: p.name, props: [['Name', p.name], ['UMDialPlan', p.dialPlan]] };
    }
    case 'exchangeOrganization':
      return {
        title: ex.organizationName,
        props: [
          ['Name', ex.organizationName],
          ['Get-PartnerApplication', ex.partnerApplications.map((a) => `${a.name}: ${a.authMetadataUrl || '—'}${a.enabled ? '' : ' (disabled)'}`)],
          ['Get-ADPermission', ex.permissions.map((p) => `${p.user} → ${p.object}: ${p.accessRights.join(', ')} (${p.inheritanceType})`)],
        ],
      };
    case 'skypeSite': {
      const s = sk.sites.find((x) => x.identity === ref.id);
      if (!s) return null;
      return { title: s.name, props: [['Identity', s.identity], ['SiteId', s.siteId], ['SiteType', s.kind], ['ParentSite', s.parentSite]] };
    }
    case 'skypePool': {
      const p = sk.pools.find((x) => x.fqdn === ref.id);
      if (!p) return null;
      const media = sk.mediaConfigurations.filter((m) => (m.scope === 'Service' && eq(m.target ?? '', p.fqdn)) || (m.scope === 'Site' && eq(`Site:${m.target}`, p.site)) || m.scope === 'Global');
      return {
        title: p.fqdn,
        props: [
          ['Fqdn', p.fqdn],
          ['Site', p.site],
          ['Role (Get-CsService)', p.role],
          ['Version (Get-CsService -Registrar)', p.product],
          ['Computers', p.computers],
          ['Services', p.services],
          ['EncryptionLevel (Get-CsMediaConfiguration)', media.map((m) => `${m.identity}: ${m.encryptionLevel}`)],
          ['Get-CsCertificate', sk.certificates.filter((c) => c.pool === p.fqdn).map((c) => `${c.server} ${c.use}: ${c.facts?.thumbprint.slice(0, 12) ?? '?'}…`)],
        ],
      };
    }
    case 'mediationServer': {
      const m = sk.mediationServers.find((x) => x.poolFqdn === ref.id);
      if (!m) return null;
      return { title: m.poolFqdn, props: [['PoolFqdn', m.poolFqdn], ['SiteId', m.site], ['Registrar', m.registrar], ['SipServerTlsPort', m.sipTlsPort], ['DependentServiceList', m.gateways]] };
    }
    case 'pstnGateway': {
      const g = sk.pstnGateways.find((x) => x.address === ref.id);
      if (!g) return null;
      return { title: g.address, props: [['PoolFqdn', g.address], ['SiteId', g.site], ['GatewaySipPort', g.port], ['GatewaySipProtocol', g.protocol], ['MediationServer', g.mediationServer]] };
    }
    case 'csDialPlan': {
      const d = sk.dialPlans.find((x) => x.identity === ref.id);
      if (!d) return null;
      return { title: d.identity, props: [['Identity', d.identity], ['Scope', d.scope], ['SimpleName', d.simpleName]] };
    }
    case 'csMediaConfiguration': {
      const m = sk.mediaConfigurations.find((x) => x.identity === ref.id);
      if (!m) return null;
      return { title: m.identity, props: [['Identity', m.identity], ['EncryptionLevel', m.encryptionLevel]] };
    }
    case 'exUmContact': {
      const c = sk.exUmContacts.find((x) => x.identity === ref.id);
      if (!c) return null;
      return {
        title: c.displayName || c.sipAddress,
        props: [
          ['Identity', c.identity],
          ['DisplayName', c.displayName],
          ['SipAddress', c.sipAddress],
          ['DisplayNumber', c.displayNumber],
          ['LineURI', c.lineUri],
          ['AutoAttendant', c.autoAttendant],
          ['IsSubscriberAccess', c.isSubscriberAccess],
          ['RegistrarPool', c.registrarPool],
          ['Enabled', c.enabled],
          ['EnterpriseVoiceEnabled', c.enterpriseVoiceEnabled],
          ['OU', c.ou],
          ['Description', c.description],
        ],
      };
    }
    case 'oauthConfiguration':
      return {
        title: 'Global',
        props: [
          ['ExchangeAutodiscoverUrl', sk.oauth?.exchangeAutodiscoverUrl ?? null],
          ['Realm', sk.oauth?.realm ?? null],
          ['Get-CsPartnerApplication', sk.partnerApplications.map((a) => `${a.identity}: ${a.metadataUrl || '—'} (${a.applicationTrustLevel})`)],
          ['Get-CsCertificate -Type OAuthTokenIssuer', sk.certificates.filter((c) => eq(c.use, 'OAuthTokenIssuer')).map((c) => `${c.server}: ${c.facts?.thumbprint ?? '?'} (${c.facts?.keySize ?? '?'})`)],
        ],
      };
    case 'skypePartnerApplication': {
      const a = sk.partnerApplications.find((x) => x.identity === ref.id);
      if (!a) return null;
      return { title: a.identity, props: [['Identity', a.identity], ['ApplicationIdentifier', a.applicationIdentifier], ['MetadataUrl', a.metadataUrl], ['ApplicationTrustLevel', a.applicationTrustLevel], ['Enabled', a.enabled]] };
    }
    case 'exchangePartnerApplication': {
      const a = ex.partnerApplications.find((x) => x.name === ref.id);
      if (!a) return null;
      return { title: a.name, props: [['Name', a.name], ['AuthMetadataUrl', a.authMetadataUrl], ['Enabled', a.enabled]] };
    }
    case 'exchangeCertificate': {
      const c = ex.certificates.find((x) => `${x.server}\\${x.facts?.thumbprint ?? '?'}` === ref.id);
      if (!c) return null;
      // Over remoting an ExchangeCertificate carries RawData only: its UM / UMCallRouter bindings come from
      // UMCertificateThumbprint, its other services are not known (docs/lab-endpoint.md).
      const services: [string, readonly string[]] = c.servicesKnown ? ['Services', c.services] : ['Services (UMCertificateThumbprint of Get-UMService / Get-UMCallRouterSettings)', c.services];
      return { title: c.facts?.subject ?? ref.id, props: certificateProps(c.facts, [['Server', c.server], services], c.unreadable) };
    }
    case 'skypeCertificate': {
      const c = org.skype.certificates.find((x) => `${x.server}|${x.use}` === ref.id);
      if (!c) return null;
      return { title: `${c.use} — ${c.server}`, props: certificateProps(c.facts, [['Server', c.server], ['Pool', c.pool], ['Use', c.use]], c.unreadable) };
    }
  }
}

function certificateProps(facts: import('../model/org').CertificateFacts | null, head: Props, unreadable: string | null): Props {
  if (!facts) return [...head, ['RawData', `✗ ${unreadable ?? '?'}`]];
  return [
    ...head,
    ['Subject', facts.subject],
    ['Issuer', facts.issuer],
    ['Thumbprint', facts.thumbprint],
    ['SerialNumber', facts.serialNumber],
    ['NotBefore', facts.notBefore],
    ['NotAfter', facts.notAfter],
    ['DnsNameList', facts.dnsNames],
    ['PublicKey', `${facts.keyAlgorithm} ${facts.keySize ?? '?'}`],
    ['IsSelfSigned', facts.isSelfSigned],
  ];
}

export function describeObject(org: OrgModel, ref: ObjectRef): { title: string; properties: { name: string; value: string }[] } | null {
  const found = find(org, ref);
  if (!found) return null;
  return { title: found.title, properties: found.props.map(([name, value]) => ({ name, value: show(value) })) };
}
