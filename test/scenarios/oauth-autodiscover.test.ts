/**
 * Autodiscover, server-to-server authentication and partner applications (R-O-…), as seed 003 says
 * them. Each fault beside a correct configuration that is unusual but must stay silent. Baseline:
 * healthySpec() (Exchange 2016 + Skype for Business Server 2015), test/support/org-builder/small-org.ts.
 */
import { buildOrg, CERT, exchange2019, server } from '../support/org-builder/org-spec';
import { DALLAS, FE, orgWith } from '../support/org-builder/small-org';
import { exchange2010Lync2013Spec, exchange2013Lync2013Spec } from './baselines';
import { runScenarios, type Scenario } from './scenario-harness';
import { SEED_SENTENCES as S } from './seed-sentences';

const V = 'Exchange 2016 + Skype for Business Server 2015';
const oauthOn = (subjectOf: (computer: string, i: number) => string) =>
  orgWith((s) => {
    s.skype.certificates = s.skype.certificates.map((c, i) => (c.use === 'OAuthTokenIssuer' ? { ...c, subject: subjectOf(c.computer, i) } : c));
  });

export const OAUTH_SCENARIOS: readonly Scenario[] = [
  // ------------------------------------------------------------ Autodiscover on Exchange (R-O-01)
  {
    id: 'oauth-autodiscover-internal-uri-empty',
    seed: '003',
    quote: S.autodiscoverEmpty,
    versions: V,
    change: 'ATL-EX-001 (Client Access) has no AutoDiscoverServiceInternalUri',
    build: () => orgWith((s) => (server(s, 'ATL-EX-001').autodiscoverInternalUri = null)),
    exactly: true,
    mustFire: [{ rule: 'R-O-01', object: 'exchangeServer:ATL-EX-001', fix: "Set-ClientAccessService -Identity 'ATL-EX-001' -AutoDiscoverServiceInternalUri" }],
    mustNotFire: [{ rule: 'R-O-01', object: 'exchangeServer:ATL-EX-002' }],
  },
  {
    id: 'oauth-autodiscover-2013-internal-uri-empty',
    seed: '003',
    quote: S.autodiscoverEmpty,
    versions: 'Exchange 2013 + Lync Server 2013',
    change: 'on the Exchange 2013 baseline, ATL-EX-002 (Client Access) has no AutoDiscoverServiceInternalUri: Set-ClientAccessServer on 2013 (Set-ClientAccessService exists from 2016)',
    build: () => {
      const s = exchange2013Lync2013Spec();
      server(s, 'ATL-EX-002').autodiscoverInternalUri = null;
      return buildOrg(s);
    },
    exactly: true,
    mustFire: [{ rule: 'R-O-01', object: 'exchangeServer:ATL-EX-002', fix: "Set-ClientAccessServer -Identity 'ATL-EX-002' -AutoDiscoverServiceInternalUri" }],
    mustNotFire: [{ rule: 'R-O-01', fix: 'Set-ClientAccessService' }],
  },
  {
    id: 'oauth-autodiscover-internal-uri-other-host',
    seed: '003',
    quote: S.autodiscoverEmpty,
    versions: V,
    change: 'both servers publish Autodiscover under mail.litwareinc.com instead of autodiscover.litwareinc.com (a value, not empty)',
    build: () =>
      orgWith((s) => {
        for (const x of s.exchange.servers) x.autodiscoverInternalUri = 'https://mail.litwareinc.com/autodiscover/autodiscover.xml';
      }),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-01' }],
  },
  {
    id: 'oauth-autodiscover-2019-mailbox-server-empty',
    seed: '003',
    quote: S.autodiscoverEmpty,
    versions: `${V} + an Exchange 2019 Mailbox server`,
    change: 'an Exchange 2019 Mailbox server (which runs the Client Access services, Get-ClientAccessService lists it) without AutoDiscoverServiceInternalUri joins the org; no UM mailbox on it',
    build: () => orgWith((s) => s.exchange.servers.push(exchange2019('ATL-EX-019', 'atl-exchange-019.litwareinc.com'))),
    exactly: true,
    mustFire: [{ rule: 'R-O-01', object: 'exchangeServer:ATL-EX-019' }],
    mustNotFire: [{ rule: 'R-D-05' }, { rule: 'R-D-09' }, { rule: 'R-O-01', object: 'exchangeServer:ATL-EX-001' }],
  },
  {
    id: 'oauth-autodiscover-2013-mailbox-role-only',
    seed: '003',
    quote: S.autodiscoverEmpty,
    versions: 'Exchange 2013 + Lync Server 2013',
    change: 'ATL-EX-002 holds the Exchange 2013 Mailbox role only (no Client Access role, so no call router and no Autodiscover URI to set)',
    build: () => {
      const s = exchange2013Lync2013Spec();
      Object.assign(server(s, 'ATL-EX-002'), { roles: 'Mailbox', callRouter: null, autodiscoverInternalUri: null });
      return buildOrg(s);
    },
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-01' }, { rule: 'R-D-05' }],
  },
  // ------------------------------------------------------------ Autodiscover URL in Skype's OAuth configuration (R-O-02)
  {
    id: 'oauth-autodiscover-url-xml',
    seed: '003',
    quote: S.autodiscoverSvc,
    versions: V,
    change: 'Set-CsOAuthConfiguration -ExchangeAutodiscoverUrl points at autodiscover.xml instead of autodiscover.svc',
    build: () => orgWith((s) => (s.skype.oauth = { autodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml', realm: s.domain })),
    exactly: true,
    mustFire: [{ rule: 'R-O-02', object: 'oauthConfiguration:Global' }],
    mustNotFire: [{ rule: 'R-O-01' }],
  },
  {
    id: 'oauth-autodiscover-url-empty',
    seed: '003',
    quote: S.autodiscoverBeforeIntegration,
    versions: V,
    change: 'Skype’s OAuth configuration has no ExchangeAutodiscoverUrl',
    build: () => orgWith((s) => (s.skype.oauth = { autodiscoverUrl: '', realm: s.domain })),
    exactly: true,
    mustFire: [{ rule: 'R-O-02', object: 'Global' }],
    mustNotFire: [],
  },
  {
    id: 'oauth-autodiscover-url-svc-other-case',
    seed: '003',
    quote: S.autodiscoverSvc,
    versions: V,
    change: 'the ExchangeAutodiscoverUrl is autodiscover.svc written in mixed case (URL paths of IIS are case-insensitive)',
    build: () => orgWith((s) => (s.skype.oauth = { autodiscoverUrl: 'https://Autodiscover.Litwareinc.com/AutoDiscover/AutoDiscover.svc', realm: s.domain })),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-02' }],
  },
  // ------------------------------------------------------------ the OAuthTokenIssuer certificate (R-O-04 … R-O-07)
  {
    id: 'oauth-no-token-issuer',
    seed: '003',
    quote: S.s2sCertificates,
    versions: V,
    change: 'no Front End has an OAuthTokenIssuer certificate',
    build: () => orgWith((s) => (s.skype.certificates = s.skype.certificates.filter((c) => c.use !== 'OAuthTokenIssuer'))),
    exactly: true,
    mustFire: [{ rule: 'R-O-04', object: 'oauthConfiguration:Global' }],
    mustNotFire: [{ rule: 'R-O-05' }, { rule: 'R-O-06' }, { rule: 'R-O-07' }],
  },
  {
    id: 'oauth-default-certificate-as-token-issuer',
    seed: '003',
    quote: S.defaultCertAsOAuth,
    versions: V,
    change: 'the pool’s Default certificate (atl-cs-001) is also the OAuthTokenIssuer on every Front End',
    build: () => oauthOn(() => CERT.atlPool),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-04' }, { rule: 'R-O-05' }, { rule: 'R-O-06' }, { rule: 'R-O-07' }],
  },
  {
    id: 'oauth-token-issuer-differs-on-one-front-end',
    seed: '003',
    quote: S.oauthSameOnEveryFrontEnd,
    versions: V,
    change: `${FE[2]} holds another OAuthTokenIssuer certificate (mail.litwareinc.com) than the two other Front Ends`,
    build: () => oauthOn((computer) => (computer === FE[2] ? CERT.mail : CERT.oauth)),
    exactly: true,
    mustFire: [{ rule: 'R-O-05', object: `skypeCertificate:${FE[2]}|OAuthTokenIssuer` }],
    mustNotFire: [{ rule: 'R-O-06' }],
  },
  {
    id: 'oauth-token-issuer-same-on-a-second-pool',
    seed: '003',
    quote: S.oauthSameOnEveryFrontEnd,
    versions: `${V}, two Front End pools`,
    change: 'a second Front End pool in Dallas whose Front Ends hold the same OAuthTokenIssuer certificate (the certificate is global)',
    build: () =>
      orgWith((s) => {
        s.skype.sites.push({ ...DALLAS });
        s.skype.pools.push({
          fqdn: 'dal-cs-002.litwareinc.com',
          site: DALLAS.name,
          services: ['Registrar:dal-cs-002.litwareinc.com', 'UserServer:dal-cs-002.litwareinc.com', 'WebServer:dal-cs-002.litwareinc.com'],
          computers: ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'],
          registrarVersion: 6,
        });
        for (const computer of ['dal-fe-01.litwareinc.com', 'dal-fe-02.litwareinc.com'])
          s.skype.certificates.push({ computer, use: 'Default', subject: CERT.dalPool }, { computer, use: 'OAuthTokenIssuer', subject: CERT.oauth });
      }),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-05' }, { rule: 'R-O-04' }],
  },
  {
    id: 'oauth-token-issuer-1024-bits',
    seed: '003',
    quote: S.oauthKey2048,
    versions: V,
    change: 'every Front End’s OAuthTokenIssuer is the 1024-bit oauth-old.litwareinc.com certificate',
    build: () => oauthOn(() => CERT.oauthOld1024),
    exactly: true,
    mustFire: [{ rule: 'R-O-06', object: `skypeCertificate:${FE[0]}|OAuthTokenIssuer` }],
    mustNotFire: [{ rule: 'R-O-05' }, { rule: 'R-O-07' }],
  },
  {
    id: 'oauth-token-issuer-subject-without-sip-domain',
    seed: '003',
    quote: S.oauthSubjectSipDomain,
    versions: V,
    change: 'the OAuthTokenIssuer on every Front End is the Microsoft Exchange Server Auth Certificate (subject without litwareinc.com)',
    build: () => oauthOn(() => CERT.exchangeAuth),
    exactly: true,
    mustFire: [{ rule: 'R-O-07', object: `skypeCertificate:${FE[0]}|OAuthTokenIssuer` }],
    mustNotFire: [{ rule: 'R-O-05' }, { rule: 'R-O-06' }],
  },
  {
    id: 'oauth-token-issuer-subject-host-in-sip-domain',
    seed: '003',
    quote: S.oauthSubjectSipDomain,
    versions: V,
    change: 'the OAuthTokenIssuer is a web server certificate whose subject is mail.litwareinc.com (the SIP domain inside a host name)',
    build: () => oauthOn(() => CERT.mail),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-07' }, { rule: 'R-O-05' }, { rule: 'R-O-06' }],
  },
  // ------------------------------------------------------------ partner applications (R-O-08, R-O-09)
  {
    id: 'oauth-skype-partner-application-missing',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Skype has no partner application for Exchange (New-CsPartnerApplication never ran)',
    build: () => orgWith((s) => (s.skype.partnerApplications = [])),
    exactly: true,
    mustFire: [{ rule: 'R-O-08', object: 'oauthConfiguration:Global' }],
    mustNotFire: [{ rule: 'R-O-09' }],
  },
  {
    id: 'oauth-skype-partner-application-url-case',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Skype’s Exchange partner application metadata URL is written in upper case',
    build: () => orgWith((s) => (s.skype.partnerApplications[0].metadataUrl = 'HTTPS://AUTODISCOVER.LITWAREINC.COM/AUTODISCOVER/METADATA/JSON/1')),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-08' }],
  },
  {
    id: 'oauth-skype-partner-application-wrong-metadata',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Skype’s Exchange partner application reads its metadata from mail.litwareinc.com/metadata/json/1 (not Autodiscover’s)',
    build: () => orgWith((s) => (s.skype.partnerApplications[0].metadataUrl = 'https://mail.litwareinc.com/metadata/json/1')),
    exactly: true,
    mustFire: [{ rule: 'R-O-08', object: 'skypePartnerApplication:Exchange' }],
    mustNotFire: [],
  },
  {
    id: 'oauth-exchange-partner-application-missing',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Exchange has no partner application for Skype (Configure-EnterprisePartnerApplication.ps1 never ran)',
    build: () => orgWith((s) => (s.exchange.partnerApplications = [])),
    exactly: true,
    mustFire: [{ rule: 'R-O-09', object: 'exchangeOrganization:Litware' }],
    mustNotFire: [{ rule: 'R-O-08' }],
  },
  {
    id: 'oauth-exchange-partner-application-beside-sharepoint',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Exchange also trusts SharePoint (its metadata under /_layouts/15/) beside the Skype pool’s application',
    build: () => orgWith((s) => s.exchange.partnerApplications.push({ name: 'SharePoint', metadataUrl: 'https://sp.litwareinc.com/_layouts/15/metadata/json/1', enabled: true })),
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-09' }],
  },
  {
    id: 'oauth-exchange-partner-application-director',
    seed: '003',
    quote: S.partnerApplications,
    versions: V,
    change: 'Exchange’s Skype partner application reads its metadata from a host that is no Front End pool (atl-dir-001)',
    build: () => orgWith((s) => (s.exchange.partnerApplications[0].metadataUrl = 'https://atl-dir-001.litwareinc.com/metadata/json/1')),
    exactly: true,
    mustFire: [{ rule: 'R-O-09', object: 'exchangePartnerApplication:LyncEnterprise-ApplicationAccount' }],
    mustNotFire: [],
  },
  // ------------------------------------------------------------ versions without server-to-server authentication
  {
    id: 'oauth-2013-lync2013-autodiscover-url-xml',
    seed: '003',
    quote: S.autodiscoverSvc,
    versions: 'Exchange 2013 + Lync Server 2013',
    change: 'on the Exchange 2013 + Lync 2013 baseline, the ExchangeAutodiscoverUrl points at autodiscover.xml',
    build: () => {
      const s = exchange2013Lync2013Spec();
      s.skype.oauth = { autodiscoverUrl: 'https://autodiscover.litwareinc.com/autodiscover/autodiscover.xml', realm: s.domain };
      return buildOrg(s);
    },
    exactly: true,
    mustFire: [{ rule: 'R-O-02', object: 'oauthConfiguration:Global' }],
    mustNotFire: [],
  },
  {
    id: 'oauth-2010-autodiscover-internal-uri-empty',
    seed: '003',
    quote: S.integrationVersions,
    versions: 'Exchange 2010 SP3 + Lync Server 2013',
    change: 'on the Exchange 2010 baseline, neither server has an AutoDiscoverServiceInternalUri (server-to-server authentication needs Exchange 2013 or later)',
    build: () => {
      const s = exchange2010Lync2013Spec();
      for (const x of s.exchange.servers) x.autodiscoverInternalUri = null;
      return buildOrg(s);
    },
    exactly: true,
    mustFire: [],
    mustNotFire: [{ rule: 'R-O-01' }],
  },
  {
    id: 'oauth-exchange-2010-no-oauth',
    seed: '003',
    quote: S.integrationVersions,
    versions: 'Exchange 2010 SP3 + Lync Server 2013',
    change: 'on the Exchange 2010 baseline: no OAuth configuration, no partner application, no OAuthTokenIssuer (Exchange 2010 has no server-to-server authentication)',
    build: () => {
      const s = exchange2010Lync2013Spec();
      s.skype.oauth = null;
      s.skype.partnerApplications = [];
      s.exchange.partnerApplications = [];
      s.skype.certificates = s.skype.certificates.filter((c) => c.use !== 'OAuthTokenIssuer');
      return buildOrg(s);
    },
    exactly: true,
    mustFire: [],
    mustNotFire: ['R-O-01', 'R-O-02', 'R-O-04', 'R-O-05', 'R-O-06', 'R-O-07', 'R-O-08', 'R-O-09'].map((rule) => ({ rule })),
  },
];

runScenarios('Autodiscover, server-to-server authentication and partner applications (seed 003)', OAUTH_SCENARIOS);
