/** Certificate rules R-X-* and Autodiscover / OAuth rules R-O-* on small orgs, the healthy spec and the lab. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CERTIFICATE_RULES, OAUTH_RULES } from '../../../../shared/rules/certificate-oauth-rules';
import { evaluateRules } from '../../../../shared/rules/engine';
import { buildOrg, CERT, dialPlan, directorPool, exchange2016, exchange2019, labCertificate, server, V2013 } from '../../../support/org-builder/org-spec';
import { FE, findingsOf, healthySpec, expectOne, ruleBaselines, objectKeys, only, orgWith, POOL } from '../../../support/org-builder/small-org';
import { labOrg } from '../../../support/lab';
import { variantOf } from '../../../support/diagnostics';

const healthy = buildOrg(healthySpec());
const DP = 'Litware-SIP';
const OAUTH_TP = labCertificate(CERT.oauth).facts.thumbprint;
const OLD_TP = labCertificate(CERT.oauthOld1024).facts.thumbprint;
const SELF_TP = labCertificate(CERT.selfSignedAtl002).facts.thumbprint;
const AUTODISCOVER_SVC = 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.svc';
const METADATA = 'https://autodiscover.litwareinc.com/autodiscover/metadata/json/1';
const ENTERPRISE_APP = (pool: string) =>
  `& "$env:ExchangeInstallPath\\Scripts\\Configure-EnterprisePartnerApplication.ps1" -AuthMetaDataUrl 'https://${pool}/metadata/json/1' -ApplicationType Lync; iisreset`;

describe('R-X-* and R-O-*: baselines', () => {
  const expected: Record<string, string[]> = {
    // The self-signed certificate Exchange setup creates, enabled for UM on ATL-EX-002.
    'R-X-01': [`selfSigned|exchangeCertificate:atl-exchange-002.litwareinc.com\\${SELF_TP} + exchangeServer:ATL-EX-002`],
    // *.litwareinc.com enabled for UM and UMCallRouter on DAL-EX-003.
    'R-X-02': [`wildcard|exchangeCertificate:dal-exchange-003.litwareinc.com\\${labCertificate(CERT.wildcard).facts.thumbprint} + exchangeServer:DAL-EX-003`],
    // ATL-EX-002's only UM certificate lacks UMCallRouter.
    'R-X-03': ['default|exchangeServer:ATL-EX-002'],
    // ATL-EX-002's AutoDiscoverServiceInternalUri was never set.
    'R-O-01': ['default|exchangeServer:ATL-EX-002'],
    // The Autodiscover URL points at the XML file.
    'R-O-02': ['wrong|oauthConfiguration:Global'],
    'R-O-04': [],
    // atl-fe-03 still holds the stale OAuth certificate.
    'R-O-05': ['default|skypeCertificate:atl-fe-01.litwareinc.com|OAuthTokenIssuer + skypeCertificate:atl-fe-02.litwareinc.com|OAuthTokenIssuer'],
    'R-O-06': ['default|skypeCertificate:atl-fe-03.litwareinc.com|OAuthTokenIssuer'],
    'R-O-07': [],
    'R-O-08': [],
    'R-O-09': [],
  };
  ruleBaselines('R-X-* and R-O-*', [...CERTIFICATE_RULES, ...OAUTH_RULES], expected);
  test("R-X-03 names the lab's missing service: UMCallRouter", () => {
    assert.deepEqual(
      findingsOf('R-X-03', labOrg()).map((f) => f.message.params.service),
      ['UMCallRouter'],
    );
  });
});

// ---------------------------------------------------------------- certificates

describe('R-X-01 UM certificate not trusted by the Skype servers', () => {
  test('selfSigned: the self-signed certificate enabled for UM and UMCallRouter', () => {
    const org = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.fqdn = 'atl-exchange-002.litwareinc.com';
      sv.certificates = [{ subject: CERT.selfSignedAtl002, services: 'IMAP, POP, UM, IIS, SMTP, UMCallRouter' }];
    });
    const f = only(findingsOf('R-X-01', org));
    assert.equal(f.severity, 'error');
    assert.equal(f.area, 'certificates');
    assert.equal(variantOf(f), 'selfSigned');
    assert.deepEqual(objectKeys(f), [`exchangeCertificate:atl-exchange-002.litwareinc.com\\${SELF_TP}`, 'exchangeServer:ATL-EX-002']);
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002', thumbprint: SELF_TP, subject: 'CN=ATL-EX-002', issuer: 'CN=ATL-EX-002', services: 'IMAP, POP, UM, IIS, SMTP, UMCallRouter' });
    assert.deepEqual(f.fix, [
      // No -RequestFile: Exchange 2013 only (https://learn.microsoft.com/powershell/module/exchange/new-exchangecertificate).
      "New-ExchangeCertificate -Server 'ATL-EX-002' -GenerateRequest -SubjectName 'CN=atl-exchange-002.litwareinc.com' -DomainName 'atl-exchange-002.litwareinc.com' -PrivateKeyExportable $true   # prints the request: send it to the CA",
      "Enable-ExchangeCertificate -Server 'ATL-EX-002' -Thumbprint '<thumbprint of the CA-issued certificate>' -Services UM,UMCallRouter",
    ]);
  });

  test('rootUnknown: the Skype servers name another issuer whose certificate is not held (printed Get-CsCertificate fields)', () => {
    // Seed 001 asks for "le même certificat racine": another issuer name may still chain to the same
    // root, and neither root certificate is in the snapshot: "cannot judge the root", info, never an error.
    const org = orgWith((s) => {
      for (const c of s.skype.certificates) c.issuer = 'CN=Fabrikam Root CA';
    });
    const fs = findingsOf('R-X-01', org);
    assert.deepEqual(
      fs.map((f) => `${variantOf(f)}:${f.severity}`),
      ['rootUnknown:info', 'rootUnknown:info'],
    );
    assert.deepEqual(fs.map((f) => f.objects[1]?.id).sort(), ['ATL-EX-001', 'ATL-EX-002']);
    const f = fs.find((x) => x.message.params.server === 'ATL-EX-001')!;
    assert.equal(f.message.params.issuer, 'CN=Litware Root CA, DC=litwareinc, DC=com');
    assert.equal(f.message.params.missing, 'CN=Litware Root CA, DC=litwareinc, DC=com; CN=Fabrikam Root CA');
    assert.match(f.fix[0], /^Get-ChildItem Cert:\\LocalMachine\\Root .*umc check --trusted-roots roots\.pem$/);
  });

  test('is silent for a self-signed certificate not enabled for UM (Exchange Auth, SMTP)', () => {
    assert.ok(healthy.exchange.certificates.some((c) => c.facts?.selfSigned && c.services.join() === 'SMTP'));
    assert.deepEqual(findingsOf('R-X-01', healthy), []);
  });

  test('stays silent with no Skype certificate to compare with', () => {
    const org = orgWith((s) => (s.skype.certificates = []));
    assert.deepEqual(findingsOf('R-X-01', org), []);
  });

  test('is silent when there is no SIP dial plan (integration not in use)', () => {
    const org = orgWith((s) => {
      dialPlan(s, DP).uriType = 'TelExtn';
      server(s, 'ATL-EX-002').certificates = [{ subject: CERT.selfSignedAtl002, services: 'UM, UMCallRouter' }];
    });
    assert.deepEqual(findingsOf('R-X-01', org), []);
  });
});

describe('R-X-02 UM certificate subject', () => {
  test('wildcard: *.litwareinc.com enabled for UM', () => {
    const tp = labCertificate(CERT.wildcard).facts.thumbprint;
    const org = orgWith((s) => (server(s, 'ATL-EX-002').certificates = [{ subject: CERT.wildcard, services: 'UM, UMCallRouter' }]));
    const f = expectOne(org, 'R-X-02', { severity: 'error', variant: 'wildcard', objects: [`exchangeCertificate:mail.litwareinc.com\\${tp}`, 'exchangeServer:ATL-EX-002'] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002', fqdn: 'mail.litwareinc.com', thumbprint: tp, subject: 'CN=*.litwareinc.com' });
    assert.deepEqual(f.fix, [
      "New-ExchangeCertificate -Server 'ATL-EX-002' -GenerateRequest -SubjectName 'CN=mail.litwareinc.com' -DomainName 'mail.litwareinc.com'   # prints the request: send it to the CA",
    ]);
  });

  test('name: a CA-issued certificate that does not name the server', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-001').certificates = [{ subject: CERT.mail, services: 'UM, UMCallRouter' }]));
    const f = only(findingsOf('R-X-02', org));
    assert.equal(variantOf(f), 'name');
    assert.deepEqual(objectKeys(f), [`exchangeCertificate:atl-exchange-001.litwareinc.com\\${labCertificate(CERT.mail).facts.thumbprint}`, 'exchangeServer:ATL-EX-001']);
    assert.equal(f.message.params.fqdn, 'atl-exchange-001.litwareinc.com');
    assert.equal(f.message.params.subject, 'CN=mail.litwareinc.com');
  });

  test('is silent when the server FQDN is in the SAN only', () => {
    const org = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.fqdn = 'autodiscover.litwareinc.com';
    });
    assert.deepEqual(findingsOf('R-X-02', org), []);
  });
});

describe('R-X-03 no certificate for UM / UMCallRouter', () => {
  test('fires for UMCallRouter with the enable + restart fix', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').certificates = [{ subject: CERT.mail, services: 'IIS, SMTP, UM' }]));
    const f = expectOne(org, 'R-X-03', { severity: 'error', variant: 'default', objects: ['exchangeServer:ATL-EX-002'] });
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002', service: 'UMCallRouter' });
    assert.deepEqual(f.fix, [
      "Enable-ExchangeCertificate -Server 'ATL-EX-002' -Thumbprint '<thumbprint>' -Services UMCallRouter",
      "Get-Service -ComputerName 'mail.litwareinc.com' -Name MSExchangeUMCR | Restart-Service",
    ]);
  });

  test('fires for UM and UMCallRouter when neither is enabled', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-001').certificates = [{ subject: CERT.umAtl001, services: 'IIS, SMTP' }]));
    const fs = findingsOf('R-X-03', org);
    assert.deepEqual(fs.map((f) => f.message.params.service).sort(), ['UM', 'UMCallRouter']);
    assert.deepEqual(fs.find((f) => f.message.params.service === 'UM')!.fix, [
      "Enable-ExchangeCertificate -Server 'ATL-EX-001' -Thumbprint '<thumbprint>' -Services UM",
      "Get-Service -ComputerName 'atl-exchange-001.litwareinc.com' -Name MSExchangeUM | Restart-Service",
    ]);
  });

  test('a Mailbox-only Exchange 2013 server needs UM only; a 2016 Mailbox server runs the call router too', () => {
    const mailbox2013 = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.version = 'Version 15.0 (Build 1497.2)';
      sv.roles = 'Mailbox';
      sv.callRouter = null;
      sv.certificates = [];
    });
    assert.deepEqual(
      findingsOf('R-X-03', mailbox2013).map((f) => f.message.params.service),
      ['UM'],
    );
    // Exchange 2016: ServerRole says Mailbox, and the Client Access services (the call router) are part of it.
    const mailbox2016 = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.roles = 'Mailbox';
      sv.certificates = [];
    });
    assert.deepEqual(
      findingsOf('R-X-03', mailbox2016)
        .map((f) => f.message.params.service)
        .sort(),
      ['UM', 'UMCallRouter'],
    );
  });

  test('never asks an Exchange 2019 server', () => {
    const org = orgWith((s) => s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com')));
    assert.deepEqual(findingsOf('R-X-03', org), []);
  });
});

// ---------------------------------------------------------------- Autodiscover / OAuth

describe('R-O-01 AutoDiscoverServiceInternalUri empty', () => {
  test('fires on a 2016 CAS with Set-ClientAccessService and the Autodiscover host', () => {
    const org = orgWith((s) => (server(s, 'ATL-EX-002').autodiscoverInternalUri = null));
    const f = only(findingsOf('R-O-01', org));
    assert.equal(f.severity, 'error');
    assert.equal(f.area, 'oauth');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-002']);
    assert.deepEqual(f.message.params, { server: 'ATL-EX-002' });
    assert.deepEqual(f.fix, ["Set-ClientAccessService -Identity 'ATL-EX-002' -AutoDiscoverServiceInternalUri 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml'"]);
  });

  test('an empty string is empty too; a 2013 CAS gets Set-ClientAccessServer', () => {
    const org = orgWith((s) => {
      const sv = server(s, 'ATL-EX-002');
      sv.version = V2013;
      sv.autodiscoverInternalUri = '';
    });
    const f = only(findingsOf('R-O-01', org));
    assert.equal(f.fix[0], "Set-ClientAccessServer -Identity 'ATL-EX-002' -AutoDiscoverServiceInternalUri 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml'");
  });

  test('is silent when the Skype side is Lync 2010 (no server-to-server authentication)', () => {
    const org = orgWith((s) => {
      s.skype.pools[0].registrarVersion = 4;
      server(s, 'ATL-EX-002').autodiscoverInternalUri = null;
    });
    assert.deepEqual(findingsOf('R-O-01', org), []);
  });

  test('fires on an Exchange 2019 Client Access server too (catalogue: empty on any CAS)', () => {
    const org = orgWith((s) => s.exchange.servers.push({ ...exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'), roles: 'Mailbox, ClientAccess', autodiscoverInternalUri: null }));
    const f = only(findingsOf('R-O-01', org));
    assert.deepEqual(objectKeys(f), ['exchangeServer:ATL-EX-019']);
    assert.match(f.fix[0], /^Set-ClientAccessService -Identity 'ATL-EX-019' /);
  });
});

describe('R-O-02 Skype ExchangeAutodiscoverUrl', () => {
  test('wrong: the URL points at autodiscover.xml', () => {
    const org = orgWith((s) => (s.skype.oauth!.autodiscoverUrl = 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml'));
    const f = expectOne(org, 'R-O-02', { severity: 'error', variant: 'wrong', objects: ['oauthConfiguration:Global'] });
    assert.deepEqual(f.message.params, { url: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml' });
    assert.deepEqual(f.fix, [`Set-CsOAuthConfiguration -Identity Global -ExchangeAutodiscoverUrl '${AUTODISCOVER_SVC}'`]);
  });

  test('empty: the URL is empty; the host then comes from the CAS Autodiscover URI', () => {
    const org = orgWith((s) => (s.skype.oauth!.autodiscoverUrl = ''));
    const f = only(findingsOf('R-O-02', org));
    assert.equal(variantOf(f), 'empty');
    assert.deepEqual(f.message.params, { url: '' });
    assert.deepEqual(f.fix, [`Set-CsOAuthConfiguration -Identity Global -ExchangeAutodiscoverUrl '${AUTODISCOVER_SVC}'`]);
  });

  test('empty: no OAuth configuration captured at all', () => {
    const org = orgWith((s) => (s.skype.oauth = null));
    assert.equal(variantOf(only(findingsOf('R-O-02', org))), 'empty');
  });

  test('the .svc ending compares case-insensitively', () => {
    const org = orgWith((s) => (s.skype.oauth!.autodiscoverUrl = 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.svc'));
    assert.deepEqual(findingsOf('R-O-02', org), []);
  });

  test('applies to Exchange 2019 with SfB too (OAuth exists between Exchange 2013 and later and Lync 2013+/SfB)', () => {
    const org = orgWith((s) => {
      s.exchange.servers = [
        {
          ...exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'),
          roles: 'Mailbox, ClientAccess',
          autodiscoverInternalUri: 'https://autodiscover.litwareinc.com/Autodiscover/Autodiscover.xml',
        },
      ];
      s.skype.oauth!.autodiscoverUrl = 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml';
    });
    assert.equal(variantOf(only(findingsOf('R-O-02', org))), 'wrong');
  });
});

describe('R-O-04 no OAuthTokenIssuer certificate', () => {
  test('fires once, on the global OAuth configuration', () => {
    const org = orgWith((s) => (s.skype.certificates = s.skype.certificates.filter((c) => c.use !== 'OAuthTokenIssuer')));
    const f = expectOne(org, 'R-O-04', { severity: 'error', variant: 'default', objects: ['oauthConfiguration:Global'] });
    assert.deepEqual(f.message.params, {});
    assert.match(f.fix[0], /^Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '</);
  });
});

describe('R-O-05 OAuthTokenIssuer differs between Front Ends', () => {
  test('fires naming every OAuth certificate and proposing the majority thumbprint', () => {
    const org = orgWith((s) => (s.skype.certificates.find((c) => c.computer === FE[2] && c.use === 'OAuthTokenIssuer')!.subject = CERT.oauthOld1024));
    const f = only(findingsOf('R-O-05', org));
    assert.equal(f.severity, 'error');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(
      objectKeys(f),
      FE.map((c) => `skypeCertificate:${c}|OAuthTokenIssuer`),
    );
    assert.equal(f.message.params.count, 2);
    assert.equal(f.message.params.majority, OAUTH_TP);
    assert.equal(f.message.params.servers, `${OAUTH_TP.slice(0, 8)}…: ${FE[0]}, ${FE[1]}; ${OLD_TP.slice(0, 8)}…: ${FE[2]}`);
    assert.deepEqual(f.fix, [`Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '${OAUTH_TP}'   # the OAuth certificate is global: import it on every Front End first`]);
  });

  test('is silent when one Front End reports the same certificate without RawData (printed thumbprint)', () => {
    const org = orgWith((s) => (s.skype.certificates.find((c) => c.computer === FE[1] && c.use === 'OAuthTokenIssuer')!.printedOnly = true));
    assert.deepEqual(findingsOf('R-O-05', org), []);
  });
});

describe('R-O-06 OAuthTokenIssuer key below 2048 bits', () => {
  test('1024 bits fires', () => {
    const org = orgWith((s) => (s.skype.certificates.find((c) => c.computer === FE[2] && c.use === 'OAuthTokenIssuer')!.subject = CERT.oauthOld1024));
    const f = expectOne(org, 'R-O-06', { severity: 'error', variant: 'default', objects: [`skypeCertificate:${FE[2]}|OAuthTokenIssuer`] });
    assert.deepEqual(f.message.params, { server: FE[2], thumbprint: OLD_TP, bits: 1024 });
    assert.deepEqual(f.fix, ["Request-CsCertificate -New -Type OAuthTokenIssuer -KeySize 2048 -CA '<CA FQDN\\CA name>'"]);
  });

  test('2048 bits is silent', () => {
    assert.equal(labCertificate(CERT.oauth).facts.keySize, 2048);
    assert.deepEqual(findingsOf('R-O-06', healthy), []);
  });

  test('an unknown key size (printed fields only) is not judged', () => {
    const org = orgWith((s) => {
      for (const c of s.skype.certificates) if (c.use === 'OAuthTokenIssuer') Object.assign(c, { subject: CERT.oauthOld1024, printedOnly: true });
    });
    assert.deepEqual(findingsOf('R-O-06', org), []);
  });
});

describe('R-O-07 OAuthTokenIssuer subject lacks the SIP domain', () => {
  test('fires on a separate certificate whose subject lacks litwareinc.com', () => {
    const org = orgWith((s) => {
      for (const c of s.skype.certificates) if (c.use === 'OAuthTokenIssuer') c.subject = CERT.selfSignedAtl002;
    });
    const fs = findingsOf('R-O-07', org);
    assert.equal(fs.length, 3);
    const f = fs[0];
    assert.equal(f.severity, 'warning');
    assert.equal(variantOf(f), 'default');
    assert.deepEqual(objectKeys(f), [`skypeCertificate:${FE[0]}|OAuthTokenIssuer`]);
    assert.deepEqual(f.message.params, { server: FE[0], subject: 'CN=ATL-EX-002', domain: 'litwareinc.com' });
    assert.deepEqual(f.fix, ["Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '<thumbprint of a certificate whose subject contains litwareinc.com>'"]);
  });

  test('the Default certificate used as OAuthTokenIssuer: judged by the same condition (seed 003)', () => {
    // Seed 003: « votre certificat par défaut peut également être utilisé comme certificat OAuthTokenIssuer »,
    // « à condition que : Le certificat inclut le nom de votre domaine SIP dans le champ Objet. »
    const without = orgWith((s) => {
      for (const c of s.skype.certificates) c.subject = CERT.selfSignedAtl002;
    });
    assert.equal(findingsOf('R-O-07', without).length, 3);
    const withDomain = orgWith((s) => {
      for (const c of s.skype.certificates) c.subject = CERT.atlPool;
    });
    assert.deepEqual(findingsOf('R-O-07', withDomain), []);
  });
});

describe('R-O-08 Skype partner application for Exchange', () => {
  test('missing: no partner application', () => {
    const org = orgWith((s) => (s.skype.partnerApplications = []));
    const f = expectOne(org, 'R-O-08', { severity: 'error', variant: 'missing', objects: ['oauthConfiguration:Global'] });
    assert.deepEqual(f.message.params, { expected: METADATA });
    assert.deepEqual(f.fix, [`New-CsPartnerApplication -Identity Exchange -ApplicationTrustLevel Full -MetadataUrl '${METADATA}'`]);
  });

  test('url: the metadata URL is not the Autodiscover metadata document', () => {
    const org = orgWith((s) => (s.skype.partnerApplications[0].metadataUrl = 'https://mail.litwareinc.com/autodiscover/metadata/json/1'));
    const f = expectOne(org, 'R-O-08', { severity: 'error', variant: 'url', objects: ['skypePartnerApplication:Exchange'] });
    assert.deepEqual(f.message.params, { app: 'Exchange', url: 'https://mail.litwareinc.com/autodiscover/metadata/json/1', expected: METADATA });
    assert.deepEqual(f.fix, [`Set-CsPartnerApplication -Identity 'Exchange' -MetadataUrl '${METADATA}'`]);
  });

  test('trust: trust level not Full is a warning', () => {
    const org = orgWith((s) => (s.skype.partnerApplications[0].trust = 'Application'));
    const f = only(findingsOf('R-O-08', org));
    assert.equal(variantOf(f), 'trust');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(objectKeys(f), ['skypePartnerApplication:Exchange']);
    assert.deepEqual(f.message.params, { app: 'Exchange', trust: 'Application' });
    assert.deepEqual(f.fix, ["Set-CsPartnerApplication -Identity 'Exchange' -ApplicationTrustLevel Full"]);
  });

  test('url and trust both wrong: two findings', () => {
    const org = orgWith((s) => Object.assign(s.skype.partnerApplications[0], { metadataUrl: 'https://x/metadata/json/1', trust: 'User' }));
    assert.deepEqual(
      findingsOf('R-O-08', org).map((f) => `${variantOf(f)}:${f.severity}`),
      ['url:error', 'trust:warning'],
    );
  });
});

describe('R-O-09 Exchange partner application for Skype', () => {
  test('missing: no partner application, fixed with Configure-EnterprisePartnerApplication on the Front End pool', () => {
    const org = orgWith((s) => (s.exchange.partnerApplications = []));
    const f = expectOne(org, 'R-O-09', { severity: 'error', variant: 'missing', objects: ['exchangeOrganization:Litware'] });
    assert.deepEqual(f.message.params, { pool: POOL });
    assert.deepEqual(f.fix, [ENTERPRISE_APP(POOL)]);
  });

  test('url: the metadata URL names a Director, not a Front End pool', () => {
    const org = orgWith((s) => {
      s.skype.pools.push(directorPool('atl-dir-001.litwareinc.com', 'Atlanta', ['atl-dir-01.litwareinc.com']));
      s.exchange.partnerApplications[0].metadataUrl = 'https://atl-dir-001.litwareinc.com/metadata/json/1';
    });
    const f = only(findingsOf('R-O-09', org));
    assert.equal(variantOf(f), 'url');
    assert.deepEqual(objectKeys(f), ['exchangePartnerApplication:LyncEnterprise-ApplicationAccount']);
    assert.deepEqual(f.message.params, { app: 'LyncEnterprise-ApplicationAccount', url: 'https://atl-dir-001.litwareinc.com/metadata/json/1', pool: POOL });
    assert.deepEqual(f.fix, [ENTERPRISE_APP(POOL)]);
  });

  test("ignores Exchange's partner applications for other products (SharePoint's /_layouts/15/metadata/json/1)", () => {
    const org = orgWith((s) => s.exchange.partnerApplications.push({ name: 'SharePoint', metadataUrl: 'https://sharepoint.litwareinc.com/_layouts/15/metadata/json/1', enabled: true }));
    assert.deepEqual(findingsOf('R-O-09', org), []);
  });
});

describe('OAuth rules apply only when both sides are 2013 or later', () => {
  test('a Lync 2010 Skype side silences every R-O rule even on a broken OAuth setup', () => {
    const org = orgWith((s) => {
      s.skype.pools[0].registrarVersion = 4;
      s.skype.oauth = null;
      s.skype.partnerApplications = [];
      s.exchange.partnerApplications = [];
      s.skype.certificates = [];
    });
    assert.deepEqual(evaluateRules(org, OAUTH_RULES), []);
  });

  test('a 2013 Exchange server is enough on the Exchange side', () => {
    const org = orgWith((s) => {
      s.exchange.servers = [{ ...exchange2016('ATL-EX-013', 'atl-exchange-001.litwareinc.com', [DP], []), version: V2013 }];
      s.skype.partnerApplications = [];
    });
    assert.equal(variantOf(only(findingsOf('R-O-08', org))), 'missing');
  });
});
