/**
 * What each fix command does to the org model, as Microsoft's cmdlet reference describes its effect on
 * the objects the Get- cmdlets return (learn.microsoft.com/powershell/module/exchange/<cmdlet> and
 * .../module/skype/<cmdlet>): the planner's tests apply a plan here and judge the org again, to show the
 * plan changes exactly what its rule reads. Imported by test/unit/shared/fixes/fix-planner.test.ts. The lab
 * endpoint (assets/powershell/UmcLabEndpoint) is the faithful double the service's tests run against;
 * this is only the model-level statement of each command's effect.
 */
import type { FixCommand, FixValue } from '../../shared/fixes/fix-model';
import type { CsMediaConfiguration, ExchangeServer, OrgModel, UmDialPlan, UmHuntGroup, UmIpGateway } from '../../shared/model/org';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
const eqi = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function arg(cmd: FixCommand, name: string): FixValue | undefined {
  return cmd.parameters.find((p) => p.name === name)?.value;
}
const str = (cmd: FixCommand, name: string): string => {
  const v = arg(cmd, name);
  if (typeof v !== 'string') throw new Error(`${cmd.cmdlet}: -${name} is not a string: ${JSON.stringify(v)}`);
  return v;
};
const list = (cmd: FixCommand, name: string): string[] => {
  const v = arg(cmd, name);
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return [...v];
  throw new Error(`${cmd.cmdlet}: -${name} is not a list: ${JSON.stringify(v)}`);
};

/** The org after `commands`, in order (a deep copy: the input is left as it was). Throws on a command it does not know or an object that does not exist, as the real cmdlet would fail. */
export function applyCommands(org: OrgModel, commands: readonly FixCommand[]): OrgModel {
  const o = structuredClone(org) as unknown as {
    exchange: Mutable<OrgModel['exchange']>;
    skype: Mutable<OrgModel['skype']>;
    users: Mutable<OrgModel['users'][number]>[];
    mailboxes: Mutable<OrgModel['mailboxes'][number]>[];
  } & OrgModel;
  const ex = o.exchange as unknown as {
    servers: Mutable<ExchangeServer>[];
    dialPlans: Mutable<UmDialPlan>[];
    ipGateways: Mutable<UmIpGateway>[];
    huntGroups: UmHuntGroup[];
    mailboxPolicies: { name: string; dialPlan: string }[];
    permissions: OrgModel['exchange']['permissions'][number][];
    certificates: Mutable<OrgModel['exchange']['certificates'][number]>[];
  };
  const sk = o.skype as unknown as {
    mediaConfigurations: Mutable<CsMediaConfiguration>[];
    dialPlans: OrgModel['skype']['dialPlans'][number][];
    exUmContacts: Mutable<OrgModel['skype']['exUmContacts'][number]>[];
    partnerApplications: Mutable<OrgModel['skype']['partnerApplications'][number]>[];
    certificates: Mutable<OrgModel['skype']['certificates'][number]>[];
    oauth: Mutable<NonNullable<OrgModel['skype']['oauth']>> | null;
  };
  const serverOf = (name: string) => {
    const s = ex.servers.find((x) => eqi(x.name, name) || eqi(x.fqdn, name));
    if (!s) throw new Error(`no server ${name}`);
    return s;
  };
  const gatewayOf = (name: string) => {
    const g = ex.ipGateways.find((x) => eqi(x.name, name));
    if (!g) throw new Error(`no gateway ${name}`);
    return g;
  };
  const dialPlanOf = (name: string) => {
    const d = ex.dialPlans.find((x) => eqi(x.name, name));
    if (!d) throw new Error(`no dial plan ${name}`);
    return d;
  };
  for (const cmd of commands) {
    switch (cmd.cmdlet) {
      case 'New-UMDialPlan': {
        const name = str(cmd, 'Name');
        if (ex.dialPlans.some((d) => eqi(d.name, name))) throw new Error(`dial plan ${name} exists`);
        const domain = o.skype.defaultSipDomain || 'contoso.com';
        // New-UMDialPlan also creates the default UM mailbox policy `<name> Default Policy`.
        ex.dialPlans.push({
          name,
          uriType: str(cmd, 'URIType'),
          voipSecurity: str(cmd, 'VoIPSecurity'),
          phoneContext: `${name}.${domain}`,
          numberOfDigitsInExtension: arg(cmd, 'NumberOfDigitsInExtension') as number,
          accessTelephoneNumbers: [],
          pilotIdentifierList: [],
          umIpGateways: [],
          umAutoAttendants: [],
          umMailboxPolicies: [`${name} Default Policy`],
          umServers: [],
          countryOrRegionCode: str(cmd, 'CountryOrRegionCode'),
        });
        ex.mailboxPolicies.push({ name: `${name} Default Policy`, dialPlan: name });
        break;
      }
      case 'Set-UMDialPlan':
        dialPlanOf(str(cmd, 'Identity')).voipSecurity = str(cmd, 'VoIPSecurity');
        break;
      case 'Set-UMService':
      case 'Set-UMServer':
      case 'Set-UMCallRouterSettings': {
        const s = serverOf(str(cmd, cmd.cmdlet === 'Set-UMCallRouterSettings' ? 'Server' : 'Identity'));
        const key = cmd.cmdlet === 'Set-UMCallRouterSettings' ? 'callRouter' : 'umService';
        const cur = s[key];
        if (!cur) throw new Error(`${s.name} has no ${key}`);
        const next = { ...cur };
        if (arg(cmd, 'DialPlans') !== undefined) {
          const dps = list(cmd, 'DialPlans');
          for (const d of dps) dialPlanOf(d);
          next.dialPlans = dps;
        }
        if (arg(cmd, 'UMStartupMode') !== undefined) next.startupMode = str(cmd, 'UMStartupMode');
        s[key] = next;
        break;
      }
      case 'Remove-UMHuntGroup': {
        const id = str(cmd, 'Identity');
        const i = ex.huntGroups.findIndex((h) => eqi(h.id, id));
        if (i < 0) throw new Error(`no hunt group ${id}`);
        const [h] = ex.huntGroups.splice(i, 1);
        const g = gatewayOf(h.gateway);
        g.huntGroups = g.huntGroups.filter((n) => !eqi(n, h.name));
        break;
      }
      case 'New-UMHuntGroup': {
        const g = gatewayOf(str(cmd, 'UMIPGateway'));
        const d = dialPlanOf(str(cmd, 'UMDialPlan'));
        const name = str(cmd, 'Name');
        if (ex.huntGroups.some((h) => eqi(h.gateway, g.name) && eqi(h.name, name))) throw new Error(`hunt group ${g.name}\\${name} exists`);
        ex.huntGroups.push({ id: `${g.name}\\${name}`, name, gateway: g.name, dialPlan: d.name, pilotIdentifier: str(cmd, 'PilotIdentifier') });
        g.huntGroups = [...g.huntGroups, name];
        if (!d.umIpGateways.some((n) => eqi(n, g.name))) d.umIpGateways = [...d.umIpGateways, g.name];
        break;
      }
      case 'New-UMIPGateway': {
        const name = str(cmd, 'Name');
        if (ex.ipGateways.some((g) => eqi(g.name, name))) throw new Error(`gateway ${name} exists`);
        // Defaults of a new UM IP gateway: enabled, outcalls and MWI allowed, port 5060, IPv4 only.
        ex.ipGateways.push({
          name,
          address: str(cmd, 'Address'),
          addressIsIpLiteral: false,
          port: 5060,
          status: 'Enabled',
          outcallsAllowed: true,
          messageWaitingIndicatorAllowed: true,
          ipAddressFamily: 'IPv4Only',
          huntGroups: [],
        });
        break;
      }
      case 'Set-UMIPGateway': {
        const g = gatewayOf(str(cmd, 'Identity'));
        if (arg(cmd, 'OutcallsAllowed') !== undefined) g.outcallsAllowed = arg(cmd, 'OutcallsAllowed') as boolean;
        if (arg(cmd, 'MessageWaitingIndicatorAllowed') !== undefined) g.messageWaitingIndicatorAllowed = arg(cmd, 'MessageWaitingIndicatorAllowed') as boolean;
        break;
      }
      case 'Enable-UMIPGateway':
        gatewayOf(str(cmd, 'Identity')).status = 'Enabled';
        break;
      case 'Add-ADPermission':
        ex.permissions.push({ object: str(cmd, 'Identity'), user: str(cmd, 'User'), accessRights: list(cmd, 'AccessRights'), inheritanceType: str(cmd, 'InheritanceType'), deny: false });
        break;
      case 'Enable-ExchangeCertificate': {
        const s = serverOf(str(cmd, 'Server'));
        const c = ex.certificates.find((x) => (eqi(x.server, s.fqdn) || eqi(x.server, s.name)) && x.facts?.thumbprint === str(cmd, 'Thumbprint'));
        if (!c) throw new Error(`no certificate ${str(cmd, 'Thumbprint')} on ${s.name}`);
        // The services are added to the certificate's, not replaced (Enable-ExchangeCertificate -Services).
        c.services = [...new Set([...c.services, ...list(cmd, 'Services')])];
        break;
      }
      case 'Set-ClientAccessService':
      case 'Set-ClientAccessServer':
        serverOf(str(cmd, 'Identity')).autodiscoverInternalUri = str(cmd, 'AutoDiscoverServiceInternalUri');
        break;
      case 'Set-CsMediaConfiguration': {
        const id = str(cmd, 'Identity');
        const m = sk.mediaConfigurations.find((x) => eqi(x.identity, id));
        if (m) m.encryptionLevel = str(cmd, 'EncryptionLevel');
        else if (eqi(id, 'Global')) sk.mediaConfigurations.push({ identity: 'Global', scope: 'Global', target: null, encryptionLevel: str(cmd, 'EncryptionLevel') });
        else throw new Error(`no media configuration ${id}`);
        break;
      }
      case 'Set-CsOAuthConfiguration':
        sk.oauth = { exchangeAutodiscoverUrl: str(cmd, 'ExchangeAutodiscoverUrl'), realm: sk.oauth?.realm ?? '' };
        break;
      case 'Set-CsCertificate': {
        // -Identity Global -Type OAuthTokenIssuer: the global certificate is copied to every Front End.
        const source = sk.certificates.find((c) => c.facts?.thumbprint === str(cmd, 'Thumbprint'));
        if (!source) throw new Error(`no certificate ${str(cmd, 'Thumbprint')}`);
        for (const c of sk.certificates) if (eqi(c.use, 'OAuthTokenIssuer')) Object.assign(c, { facts: source.facts, rawData: source.rawData, unreadable: source.unreadable });
        break;
      }
      case 'New-CsPartnerApplication':
        sk.partnerApplications.push({
          identity: str(cmd, 'Identity'),
          applicationIdentifier: '00000002-0000-0ff1-ce00-000000000000',
          metadataUrl: str(cmd, 'MetadataUrl'),
          applicationTrustLevel: str(cmd, 'ApplicationTrustLevel'),
          enabled: true,
        });
        break;
      case 'Set-CsPartnerApplication': {
        const a = sk.partnerApplications.find((x) => eqi(x.identity, str(cmd, 'Identity')));
        if (!a) throw new Error('no partner application');
        if (arg(cmd, 'MetadataUrl') !== undefined) a.metadataUrl = str(cmd, 'MetadataUrl');
        if (arg(cmd, 'ApplicationTrustLevel') !== undefined) a.applicationTrustLevel = str(cmd, 'ApplicationTrustLevel');
        break;
      }
      case 'New-CsDialPlan': {
        const id = str(cmd, 'Identity');
        sk.dialPlans.push({ identity: id, scope: 'User', name: id, simpleName: id });
        break;
      }
      case 'Move-CsExUmContact':
      case 'Set-CsExUmContact': {
        const c = sk.exUmContacts.find((x) => eqi(x.identity, str(cmd, 'Identity')));
        if (!c) throw new Error('no contact');
        if (cmd.cmdlet === 'Move-CsExUmContact') c.registrarPool = str(cmd, 'Target');
        for (const [param, key] of [
          ['Enabled', 'enabled'],
          ['EnterpriseVoiceEnabled', 'enterpriseVoiceEnabled'],
          ['AutoAttendant', 'autoAttendant'],
        ] as const)
          if (arg(cmd, param) !== undefined) c[key] = arg(cmd, param) as boolean;
        if (arg(cmd, 'SipAddress') !== undefined) c.sipAddress = str(cmd, 'SipAddress');
        if (arg(cmd, 'DisplayNumber') !== undefined) c.displayNumber = str(cmd, 'DisplayNumber');
        break;
      }
      case 'New-CsExUmContact':
        sk.exUmContacts.push({
          identity: `CN={new-${sk.exUmContacts.length}},${str(cmd, 'OU')}`,
          displayName: '',
          sipAddress: str(cmd, 'SipAddress'),
          displayNumber: str(cmd, 'DisplayNumber'),
          lineUri: `tel:${str(cmd, 'DisplayNumber')}`,
          autoAttendant: arg(cmd, 'AutoAttendant') === true,
          isSubscriberAccess: arg(cmd, 'AutoAttendant') !== true,
          registrarPool: str(cmd, 'RegistrarPool'),
          enabled: true,
          enterpriseVoiceEnabled: true,
          ou: str(cmd, 'OU'),
          description: '',
        });
        break;
      case 'Set-CsUser':
      case 'Grant-CsHostedVoicemailPolicy': {
        const u = o.users.find((x) => eqi(x.sipAddress, str(cmd, 'Identity')));
        if (!u) throw new Error('no user');
        if (arg(cmd, 'Enabled') !== undefined) u.enabled = arg(cmd, 'Enabled') as boolean;
        if (arg(cmd, 'EnterpriseVoiceEnabled') !== undefined) u.enterpriseVoiceEnabled = arg(cmd, 'EnterpriseVoiceEnabled') as boolean;
        if (arg(cmd, 'PolicyName') !== undefined) u.hostedVoicemailPolicy = str(cmd, 'PolicyName');
        break;
      }
      case 'Enable-UMMailbox':
      case 'Set-UMMailbox': {
        const m = o.mailboxes.find((x) => eqi(x.primarySmtpAddress, str(cmd, 'Identity')));
        if (!m) throw new Error('no mailbox');
        const policy = ex.mailboxPolicies.find((p) => eqi(p.name, str(cmd, 'UMMailboxPolicy')));
        if (!policy) throw new Error('no policy');
        // A policy belongs to one dial plan: Set-UMMailbox keeps the mailbox on its own (moving needs Disable-/Enable-UMMailbox).
        if (cmd.cmdlet === 'Set-UMMailbox' && !eqi(policy.dialPlan, m.umDialPlan)) throw new Error(`${policy.name} is not a policy of ${m.umDialPlan}`);
        m.umMailboxPolicy = policy.name;
        m.umDialPlan = policy.dialPlan;
        if (cmd.cmdlet === 'Enable-UMMailbox') {
          m.umEnabled = true;
          m.sipResourceIdentifier = str(cmd, 'SIPResourceIdentifier');
          m.extensions = list(cmd, 'Extensions');
        }
        break;
      }
      default:
        throw new Error(`the simulator does not know ${cmd.cmdlet}`);
    }
  }
  return o;
}
