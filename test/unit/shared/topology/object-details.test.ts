import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { EXCHANGE_PARTNER_APPLICATION_FIELDS, UM_IP_GATEWAY_FIELDS } from '../../../../shared/model/exchange-fields';
import { fieldRows } from '../../../../shared/model/field-table';
import type { ObjectKind, OrgModel } from '../../../../shared/model/org';
import { SKYPE_PARTNER_APPLICATION_FIELDS } from '../../../../shared/model/skype-fields';
import { describeObject } from '../../../../shared/topology/object-details';
import { labOrg } from '../../../support/lab';

const org: OrgModel = labOrg();
const names = (kind: ObjectKind, id: string) => describeObject(org, { kind, id })!.properties.map((p) => p.name);
const value = (kind: ObjectKind, id: string, name: string) => describeObject(org, { kind, id })!.properties.find((p) => p.name === name)?.value;

describe('object details: the rows of the field tables, as the cmdlets print them', () => {
  test('each kind shows its table rows marked `show`, in order, then what other objects say of it', () => {
    const expected: [ObjectKind, string, string[]][] = [
      ['skypeSite', 'Site:Atlanta', ['Identity', 'SiteId', 'SiteType', 'ParentSite']],
      [
        'skypePool',
        'atl-cs-001.litwareinc.com',
        ['Fqdn', 'Site', 'Role (Get-CsService)', 'Version (Get-CsService -Registrar)', 'Computers', 'Services', 'EncryptionLevel (Get-CsMediaConfiguration)', 'Get-CsCertificate'],
      ],
      ['oauthConfiguration', 'Global', ['ExchangeAutodiscoverUrl', 'Realm', 'Get-CsPartnerApplication', 'Get-CsCertificate -Type OAuthTokenIssuer']],
      ['mediationServer', 'atl-cs-001.litwareinc.com', ['PoolFqdn', 'SiteId', 'Registrar', 'SipServerTlsPort', 'DependentServiceList']],
      ['pstnGateway', 'atl-pstn-gw01.litwareinc.com', ['PoolFqdn', 'SiteId', 'GatewaySipPort', 'GatewaySipProtocol', 'MediationServer']],
      ['csDialPlan', 'Global', ['Identity', 'Scope', 'SimpleName']],
      ['umIpGateway', '1:1', ['Name', 'Address', 'Port', 'Status', 'OutcallsAllowed', 'MessageWaitingIndicatorAllowed', 'IPAddressFamily', 'HuntGroups']],
      ['umHuntGroup', '1:1\\Litware-SIP-Secured', ['Identity', 'Name', 'UMIPGateway', 'UMDialPlan', 'PilotIdentifier']],
      [
        'umDialPlan',
        'Litware-SIP-Secured',
        [
          'Name',
          'URIType',
          'VoIPSecurity',
          'PhoneContext',
          'NumberOfDigitsInExtension',
          'AccessTelephoneNumbers',
          'UMIPGateway',
          'UMAutoAttendants',
          'UMMailboxPolicies',
          'UMServers',
          'CountryOrRegionCode',
        ],
      ],
      [
        'exchangeServer',
        'ATL-EX-001',
        [
          'Name',
          'Fqdn',
          'Site',
          'AdminDisplayVersion',
          'ServerRole',
          'IsUnifiedMessagingServer',
          'UMStartupMode (Get-UMService)',
          'DialPlans (Get-UMService)',
          'UMStartupMode (Get-UMCallRouterSettings)',
          'DialPlans (Get-UMCallRouterSettings)',
          'SipTcpListeningPort / SipTlsListeningPort',
          'AutoDiscoverServiceInternalUri',
          'Get-ExchangeCertificate',
        ],
      ],
      ['umAutoAttendant', 'Litware Main AA', ['Name', 'UMDialPlan', 'Status', 'PilotIdentifierList', 'SpeechEnabled']],
      ['umMailboxPolicy', 'Litware-SIP-Secured Default Policy', ['Name', 'UMDialPlan']],
      ['exchangeOrganization', 'Litware', ['Name', 'Get-PartnerApplication', 'Get-ADPermission']],
      [
        'exUmContact',
        'CN={4f1b2c3d-1111-4a5b-9c8d-000000000001},OU=RTC Special Accounts,DC=litwareinc,DC=com',
        ['Identity', 'DisplayName', 'SipAddress', 'DisplayNumber', 'LineURI', 'AutoAttendant', 'IsSubscriberAccess', 'RegistrarPool', 'Enabled', 'EnterpriseVoiceEnabled', 'OU', 'Description'],
      ],
    ];
    for (const [kind, id, rows] of expected) assert.deepEqual(names(kind, id), rows, kind);
    const a = org.exchange.partnerApplications[0];
    assert.deepEqual(
      names('exchangePartnerApplication', a.name),
      fieldRows(EXCHANGE_PARTNER_APPLICATION_FIELDS).map(([, row]) => row.property),
    );
    const s = org.skype.partnerApplications[0];
    assert.deepEqual(
      names('skypePartnerApplication', s.identity),
      fieldRows(SKYPE_PARTNER_APPLICATION_FIELDS).map(([, row]) => row.property),
    );
  });

  test('a row named in the table names the row in the panel', () => {
    const g = org.exchange.ipGateways[0];
    const shown = fieldRows(UM_IP_GATEWAY_FIELDS).filter(([, row]) => row.show);
    assert.deepEqual(
      names('umIpGateway', g.name),
      shown.map(([, row]) => row.label ?? row.property),
    );
    assert.ok(!names('umIpGateway', g.name).includes('addressIsIpLiteral'), 'a derived row without `show` is not shown');
  });

  test('values as PowerShell prints them: True / False, a list comma-separated, {} for none, — for empty', () => {
    assert.equal(value('umIpGateway', '1:2', 'Address'), 'atl-dir-001.litwareinc.com');
    assert.match(value('umIpGateway', '1:2', 'OutcallsAllowed') ?? '', /^(True|False)$/);
    assert.equal(value('umIpGateway', '1:2', 'Port'), String(org.exchange.ipGateways.find((g) => g.name === '1:2')!.port));
    const server = org.exchange.servers.find((x) => x.name === 'ATL-EX-001')!;
    assert.equal(value('exchangeServer', server.name, 'AdminDisplayVersion'), server.version.text);
    assert.equal(value('exchangeServer', server.name, 'ServerRole'), server.roles.join(', '));
    const noHuntGroups = org.exchange.ipGateways.find((g) => g.huntGroups.length === 0);
    if (noHuntGroups) assert.equal(value('umIpGateway', noHuntGroups.name, 'HuntGroups'), '{}');
    const global = org.skype.sites.find((x) => x.parentSite === null)!;
    assert.equal(value('skypeSite', global.identity, 'ParentSite'), '—');
  });

  test('a server without a UM service or call router shows — for their rows; no OAuth configuration shows —', () => {
    const first = org.exchange.servers[0];
    const bare: OrgModel = { ...org, exchange: { ...org.exchange, servers: [{ ...first, umService: null, callRouter: null }] }, skype: { ...org.skype, oauth: null } };
    const d = describeObject(bare, { kind: 'exchangeServer', id: first.name })!;
    for (const name of [
      'UMStartupMode (Get-UMService)',
      'DialPlans (Get-UMService)',
      'UMStartupMode (Get-UMCallRouterSettings)',
      'DialPlans (Get-UMCallRouterSettings)',
      'SipTcpListeningPort / SipTlsListeningPort',
    ]) {
      assert.equal(d.properties.find((p) => p.name === name)?.value, '—', name);
    }
    const o = describeObject(bare, { kind: 'oauthConfiguration', id: 'Global' })!;
    assert.deepEqual(o.properties.slice(0, 2), [
      { name: 'ExchangeAutodiscoverUrl', value: '—' },
      { name: 'Realm', value: '—' },
    ]);
  });

  test('certificates: their server, services and facts; an unreadable one says why', () => {
    const c = org.exchange.certificates.find((x) => x.facts)!;
    const d = describeObject(org, { kind: 'exchangeCertificate', id: `${c.server}\\${c.facts!.thumbprint}` })!;
    assert.deepEqual(
      d.properties.map((p) => p.name),
      ['Server', 'Services', 'Subject', 'Issuer', 'Thumbprint', 'SerialNumber', 'NotBefore', 'NotAfter', 'DnsNameList', 'PublicKey', 'IsSelfSigned'],
    );
    const sc = org.skype.certificates[0];
    const bad: OrgModel = { ...org, skype: { ...org.skype, certificates: [{ ...sc, facts: null, unreadable: 'not DER' }] } };
    assert.deepEqual(describeObject(bad, { kind: 'skypeCertificate', id: `${sc.server}|${sc.use}` })!.properties, [
      { name: 'Server', value: sc.server },
      { name: 'Pool', value: sc.pool },
      { name: 'Use', value: sc.use },
      { name: 'RawData', value: '✗ not DER' },
    ]);
  });
});
