/**
 * Certificate rules R-X-* (docs/sources.md, seed 001) and Autodiscover / OAuth rules R-O-*
 * (docs/sources.md, seed 003). The per-certificate rules (`cert.*`) live in shared/certificates/cert-rules.ts.
 */
import { type CertificateFacts, dnsNamesOf } from '../certificates/cert-model';
import { rootOf, type RootOutcome, sameAnchor } from '../certificates/chain';
import { dnsNameMatches } from '../certificates/cert-rules';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExchangeCertificate, ExchangeServer, SkypeCertificate } from '../model/org';
import { commentedCommand, fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import type { RuleContext } from './context';
import { restartServiceOn } from './dial-plan-rules';
import { eqi, makeDiagnostic, ref, type OrgRuleDefinition } from './rule';

const certId = (c: ExchangeCertificate) => `${c.server}\\${c.facts?.thumbprint ?? '?'}`;
export const skypeCertId = (c: SkypeCertificate) => `${c.server}|${c.use}`;
const isUmCert = (c: ExchangeCertificate) => c.services.some((s) => eqi(s, 'UM') || eqi(s, 'UMCallRouter'));
/** The UM services of a certificate as Enable-ExchangeCertificate -Services values: the two known names, never the org's text. */
const umServices = (c: ExchangeCertificate) => (['UM', 'UMCallRouter'] as const).filter((v) => c.services.some((s) => eqi(s, v))).join(',') || 'UM';

/**
 * A certificate request for the server. -RequestFile exists in Exchange 2013 only (removed from 2016
 * and 2019 by the 2022 H1 cumulative updates); without it the cmdlet returns the Base64 request, which
 * is shown on screen (https://learn.microsoft.com/powershell/module/exchange/new-exchangecertificate,
 * -RequestFile and Examples 3 and 4). So no file, on every version.
 */
function certificateRequest(server: string, fqdn: string, exportable: boolean): string {
  return commentedCommand(
    `New-ExchangeCertificate -Server ${psQuote(server)} -GenerateRequest -SubjectName ${psQuote('CN=' + fqdn)} -DomainName ${psQuote(fqdn)}${exportable ? ' -PrivateKeyExportable $true' : ''}`,
    'fix.comment.requestToCa',
  );
}

function serverOf(ctx: RuleContext, c: ExchangeCertificate): ExchangeServer | undefined {
  return ctx.org.exchange.servers.find((s) => eqi(s.fqdn, c.server) || eqi(s.name, c.server));
}

/** Whether the integration is in use at all: certificate and OAuth rules say nothing to an org without SIP dial plans. */
const integrated = (ctx: RuleContext) => ctx.lyncSipDialPlans.length > 0;

/**
 * How an admin supplies the roots the snapshot does not carry: on each server they are in the machine
 * store; exported as a PEM bundle they are given to the console.
 */
const TRUSTED_ROOTS_HINT = commentedCommand(
  "Get-ChildItem Cert:\\LocalMachine\\Root | ForEach-Object { '-----BEGIN CERTIFICATE-----'; [Convert]::ToBase64String($_.RawData, 'InsertLineBreaks'); '-----END CERTIFICATE-----' } | Set-Content roots.pem",
  'fix.comment.thenTrustedRoots',
);

/**
 * Seed 001: "Les serveurs d’accès au client et de boîtes aux lettres doivent avoir le même certificat
 * racine que les serveurs Lync 2010 ou Lync 2013." — the same ROOT, not the same issuer: a two-tier
 * PKI whose Exchange and Skype certificates come from two intermediates of one root is correct.
 * And "vous devez utiliser un certificat valide et signé par une autorité de certification tierce,
 * publique ou privée": a self-signed UM certificate is an error whatever the Skype side holds.
 *
 * The chains are built from what the console holds (shared/certificates/chain.ts): the certificates of
 * the snapshot (Exchange's, Skype's, any issuer among them) and the roots an admin adds
 * (OrgModel.trustedRoots: `umc check --trusted-roots FILE`, the setting trustedRootsFile). On the
 * servers the roots are the Windows machine store (Cert:\LocalMachine\Root), which the capture does
 * not read; where a chain ends at an issuer not held, the rule says "cannot judge the root"
 * (info, with what is missing) rather than raise an error. Skype's certificates that carry the SIP
 * traffic are compared (every use but OAuthTokenIssuer, which signs tokens: seed 003).
 */
export const R_X_01: OrgRuleDefinition = {
  id: 'R-X-01',
  severity: 'error',
  family: 'org',
  area: 'certificates',
  sources: ['LYNC13-GUIDE', 'EX13-OVERVIEW'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => {
    if (!integrated(ctx)) return [];
    const skypeSip = ctx.org.skype.certificates.filter((c) => c.facts && !eqi(c.use, 'OAuthTokenIssuer'));
    const pool: CertificateFacts[] = [
      ...ctx.org.exchange.certificates.flatMap((c) => (c.facts ? [c.facts] : [])),
      ...ctx.org.skype.certificates.flatMap((c) => (c.facts ? [c.facts] : [])),
      ...(ctx.org.trustedRoots ?? []),
    ];
    const skypeOutcomes = skypeSip.map((c) => rootOf(c.facts!, pool));
    const out: Diagnostic[] = [];
    for (const c of ctx.org.exchange.certificates) {
      if (!isUmCert(c) || !c.facts) continue;
      const s = serverOf(ctx, c);
      const objects = [ref('exchangeCertificate', certId(c)), ...(s ? [ref('exchangeServer', s.name)] : [])];
      const params = { server: s?.name ?? c.server, thumbprint: c.facts.thumbprint, subject: c.facts.subject, issuer: c.facts.issuer, services: c.services.join(', ') };
      const fix = [
        certificateRequest(s?.name ?? c.server, s?.fqdn ?? c.server, true),
        `Enable-ExchangeCertificate -Server ${psQuote(s?.name ?? c.server)} -Thumbprint '${fixPlaceholder('fix.placeholder.caIssuedThumbprint')}' -Services ${umServices(c)}`,
      ];
      if (c.facts.selfSigned && !c.facts.isCA) {
        out.push(makeDiagnostic(R_X_01, 'selfSigned', objects, params, fix));
        continue;
      }
      // Nothing to compare with: no Skype certificate was read with its bytes.
      if (skypeSip.length === 0) continue;
      const exchange = rootOf(c.facts, pool);
      const verdicts = skypeOutcomes.map((o) => sameAnchor(exchange, o));
      if (verdicts.includes(true)) continue;
      if (verdicts.includes(null)) {
        // A chain ends at an issuer whose certificate is not held: a fact the console cannot see, not a fault (info).
        const unseen = [exchange, ...skypeOutcomes.filter((_, i) => verdicts[i] === null)].flatMap((o) => (o.kind === 'unknown' ? [o.missingIssuer] : []));
        out.push(makeDiagnostic(R_X_01, 'rootUnknown', objects, { ...params, missing: [...new Set(unseen)].join('; ') }, [TRUSTED_ROOTS_HINT], 'info'));
        continue;
      }
      const rootName = (o: RootOutcome) => (o.kind === 'root' ? o.root.subject : o.missingIssuer);
      out.push(makeDiagnostic(R_X_01, 'otherRoot', objects, { ...params, root: rootName(exchange), skypeRoots: [...new Set(skypeOutcomes.map(rootName))].join('; ') }, fix));
    }
    return out;
  },
};

/** A name matches when it is the FQDN, or a SAN wildcard standing for exactly one label. */
export function certificateNames(c: ExchangeCertificate): string[] {
  return [...(c.facts ? dnsNamesOf(c.facts) : []), ...(c.facts?.subjectCommonName ? [c.facts.subjectCommonName] : [])];
}

export const R_X_02: OrgRuleDefinition = {
  id: 'R-X-02',
  severity: 'error',
  family: 'org',
  area: 'certificates',
  sources: ['EX13-OVERVIEW'],
  basis: 'DOC',
  seeds: ['001'],
  evaluate: (ctx) => {
    if (!integrated(ctx)) return [];
    const out: Diagnostic[] = [];
    for (const c of ctx.org.exchange.certificates) {
      if (!isUmCert(c) || !c.facts) continue;
      const s = serverOf(ctx, c);
      const cn = c.facts.subjectCommonName ?? '';
      const objects = [ref('exchangeCertificate', certId(c)), ...(s ? [ref('exchangeServer', s.name)] : [])];
      const params = { server: s?.name ?? c.server, fqdn: s?.fqdn ?? c.server, thumbprint: c.facts.thumbprint, subject: c.facts.subject };
      const fix = [certificateRequest(s?.name ?? c.server, s?.fqdn ?? c.server, false)];
      // Seed 001: "Pour la messagerie unifiée d’Exchange, l’utilisation de caractères génériques dans le nom
      // de certificat n’est pas prise en charge. Toutefois, vous pouvez mettre un caractère générique dans le SAN."
      // and "avec le nom de domaine complet de l’ordinateur local présent dans le nom commun sujet ou la liste des SAN".
      if (cn.includes('*')) out.push(makeDiagnostic(R_X_02, 'wildcard', objects, params, fix));
      else if (s && !eqi(cn, s.fqdn) && !dnsNamesOf(c.facts).some((n) => dnsNameMatches(n, s.fqdn))) out.push(makeDiagnostic(R_X_02, 'name', objects, params, fix));
    }
    return out;
  },
};

export const R_X_03: OrgRuleDefinition = {
  id: 'R-X-03',
  severity: 'error',
  family: 'org',
  area: 'certificates',
  sources: ['SFB-UMVM'],
  basis: 'DOC',
  // Seed 000 « Télécharger et installer des certificats pour chaque serveur de messagerie unie Exchange … »;
  // seed 002 names only « le déploiement des certificats pour l’authentification TLS ».
  seeds: ['000', '002'],
  evaluate: (ctx) => {
    if (!integrated(ctx)) return [];
    const out: Diagnostic[] = [];
    for (const s of ctx.umServers) {
      const certs = ctx.org.exchange.certificates.filter((c) => eqi(c.server, s.fqdn) || eqi(c.server, s.name));
      const needs: string[] = [];
      if (s.version.product === '2010' || s.isMailboxServer) needs.push('UM');
      if (s.version.product !== '2010' && s.isClientAccessServer) needs.push('UMCallRouter');
      for (const service of needs) {
        if (certs.some((c) => c.services.some((x) => eqi(x, service)))) continue;
        out.push(
          makeDiagnostic(R_X_03, 'default', [ref('exchangeServer', s.name)], { server: s.name, service }, [
            `Enable-ExchangeCertificate -Server ${psQuote(s.name)} -Thumbprint '${fixPlaceholder('fix.placeholder.thumbprint')}' -Services ${service}`,
            restartServiceOn(s.fqdn || s.name, service === 'UM' ? 'MSExchangeUM' : 'MSExchangeUMCR'),
          ]),
        );
      }
    }
    return out;
  },
};

// ---------------------------------------------------------------- OAuth

/** Server-to-server authentication exists only between Lync 2013+/SfB and Exchange 2013+ (docs/sources.md). */
function oauthApplies(ctx: RuleContext): boolean {
  const exchangeModern = ctx.org.exchange.servers.some((s) => s.version.product === '2013' || s.version.product === '2016' || s.version.product === '2019');
  const skypeModern = ctx.org.skype.pools.some((p) => p.product === 'Lync2013' || p.product === 'SfB2015' || p.product === 'SfB2019');
  return exchangeModern && skypeModern;
}

function autodiscoverHost(ctx: RuleContext): string {
  const urls = [ctx.org.skype.oauth?.exchangeAutodiscoverUrl ?? '', ...ctx.org.exchange.servers.map((s) => s.autodiscoverInternalUri ?? '')];
  for (const u of urls) {
    const m = /^https?:\/\/([^/:]+)/i.exec(u);
    if (m) return m[1].toLowerCase();
  }
  return `autodiscover.${ctx.org.skype.defaultSipDomain || 'contoso.com'}`;
}

export const R_O_01: OrgRuleDefinition = {
  id: 'R-O-01',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['SFB-PLANEX'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx)) return [];
    const host = autodiscoverHost(ctx);
    return ctx.org.exchange.servers
      .filter((s) => s.isClientAccessServer && !s.autodiscoverInternalUri)
      .map((s) => {
        // *-ClientAccessServer on 2010/2013, *-ClientAccessService on 2016 (docs/sources.md).
        const cmdlet = s.version.product === '2016' || s.version.product === '2019' ? 'Set-ClientAccessService' : 'Set-ClientAccessServer';
        return makeDiagnostic(R_O_01, 'default', [ref('exchangeServer', s.name)], { server: s.name }, [
          `${cmdlet} -Identity ${psQuote(s.name)} -AutoDiscoverServiceInternalUri ${psQuote(`https://${host}/Autodiscover/Autodiscover.xml`)}`,
        ]);
      });
  },
};

export const R_O_02: OrgRuleDefinition = {
  id: 'R-O-02',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['SFB-PLANEX'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx)) return [];
    const url = ctx.org.skype.oauth?.exchangeAutodiscoverUrl ?? '';
    if (/\/autodiscover\/autodiscover\.svc$/i.test(url)) return [];
    const fix = [`Set-CsOAuthConfiguration -Identity Global -ExchangeAutodiscoverUrl ${psQuote(`https://${autodiscoverHost(ctx)}/autodiscover/autodiscover.svc`)}`];
    return [makeDiagnostic(R_O_02, url ? 'wrong' : 'empty', [ref('oauthConfiguration', 'Global')], { url }, fix)];
  },
};

const oauthCerts = (ctx: RuleContext) => ctx.org.skype.certificates.filter((c) => eqi(c.use, 'OAuthTokenIssuer'));

export const R_O_04: OrgRuleDefinition = {
  id: 'R-O-04',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['LYNC13-S2SCERT'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx) || oauthCerts(ctx).length > 0) return [];
    return [
      makeDiagnostic(R_O_04, 'default', [ref('oauthConfiguration', 'Global')], {}, [`Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint '${fixPlaceholder('fix.placeholder.oauthThumbprint')}'`]),
    ];
  },
};

export const R_O_05: OrgRuleDefinition = {
  id: 'R-O-05',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['LYNC13-S2SCERT', 'SFB-PLANEX'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx)) return [];
    const certs = oauthCerts(ctx).filter((c) => c.facts);
    const byThumb = new Map<string, SkypeCertificate[]>();
    for (const c of certs) {
      const t = c.facts!.thumbprint;
      byThumb.set(t, [...(byThumb.get(t) ?? []), c]);
    }
    if (byThumb.size <= 1) return [];
    const majority = [...byThumb.entries()].sort((a, b) => b[1].length - a[1].length)[0];
    return [
      makeDiagnostic(
        R_O_05,
        'default',
        certs.map((c) => ref('skypeCertificate', skypeCertId(c))),
        {
          count: byThumb.size,
          servers: [...byThumb.entries()].map(([t, cs]) => `${t.slice(0, 8)}…: ${cs.map((c) => c.server).join(', ')}`).join('; '),
          majority: majority[0],
        },
        [commentedCommand(`Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint ${psQuote(majority[0])}`, 'fix.comment.oauthGlobal')],
      ),
    ];
  },
};

export const R_O_06: OrgRuleDefinition = {
  id: 'R-O-06',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['LYNC13-S2SCERT', 'SFB-PLANEX'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) =>
    oauthApplies(ctx)
      ? oauthCerts(ctx)
          // Modulus bits (RSA, DSA): an EC or EdDSA key's bits are not on that scale.
          .filter((c) => c.facts?.keySize != null && c.facts.keySize < 2048 && /^(RSA|DSA)/.test(c.facts.keyAlgorithm))
          .map((c) =>
            makeDiagnostic(R_O_06, 'default', [ref('skypeCertificate', skypeCertId(c))], { server: c.server, thumbprint: c.facts!.thumbprint, bits: c.facts!.keySize ?? 0 }, [
              `Request-CsCertificate -New -Type OAuthTokenIssuer -KeySize 2048 -CA '${fixPlaceholder('fix.placeholder.caName')}'`,
            ]),
          )
      : [],
};

export const R_O_07: OrgRuleDefinition = {
  id: 'R-O-07',
  severity: 'warning',
  family: 'org',
  area: 'oauth',
  sources: ['SFB-PLANEX'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    const domain = ctx.org.skype.defaultSipDomain.toLowerCase();
    if (!oauthApplies(ctx) || !domain) return [];
    // Seed 003: any web server certificate may serve — "votre certificat par défaut peut également être
    // utilisé comme certificat OAuthTokenIssuer" — "à condition que : Le certificat inclut le nom de votre
    // domaine SIP dans le champ Objet." The condition holds for the Default certificate too.
    return oauthCerts(ctx)
      .filter((c) => c.facts && !c.facts.subject.toLowerCase().includes(domain))
      .map((c) =>
        makeDiagnostic(R_O_07, 'default', [ref('skypeCertificate', skypeCertId(c))], { server: c.server, subject: c.facts!.subject, domain }, [
          `Set-CsCertificate -Type OAuthTokenIssuer -Thumbprint ${psQuote(fixPlaceholder('fix.placeholder.thumbprintWithSubject', { domain }))}`,
        ]),
      );
  },
};

const EXCHANGE_APP_ID = '00000002-0000-0ff1-ce00-000000000000';

export const R_O_08: OrgRuleDefinition = {
  id: 'R-O-08',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['SFB-PARTNER', 'PS-New-CsPartnerApplication'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx)) return [];
    const expected = `https://${autodiscoverHost(ctx)}/autodiscover/metadata/json/1`;
    const apps = ctx.org.skype.partnerApplications.filter((a) => eqi(a.applicationIdentifier, EXCHANGE_APP_ID) || /exchange/i.test(a.identity));
    const create = `New-CsPartnerApplication -Identity Exchange -ApplicationTrustLevel Full -MetadataUrl ${psQuote(expected)}`;
    if (apps.length === 0) return [makeDiagnostic(R_O_08, 'missing', [ref('oauthConfiguration', 'Global')], { expected }, [create])];
    const out: Diagnostic[] = [];
    for (const a of apps) {
      const r = [ref('skypePartnerApplication', a.identity)];
      if (!eqi(a.metadataUrl, expected))
        out.push(makeDiagnostic(R_O_08, 'url', r, { app: a.identity, url: a.metadataUrl, expected }, [`Set-CsPartnerApplication -Identity ${psQuote(a.identity)} -MetadataUrl ${psQuote(expected)}`]));
      if (!eqi(a.applicationTrustLevel, 'Full'))
        out.push(
          makeDiagnostic(R_O_08, 'trust', r, { app: a.identity, trust: a.applicationTrustLevel }, [`Set-CsPartnerApplication -Identity ${psQuote(a.identity)} -ApplicationTrustLevel Full`], 'warning'),
        );
    }
    return out;
  },
};

export const R_O_09: OrgRuleDefinition = {
  id: 'R-O-09',
  severity: 'error',
  family: 'org',
  area: 'oauth',
  sources: ['SFB-PARTNER', 'EX13-OAUTH-LYNC'],
  basis: 'DOC',
  seeds: ['003'],
  evaluate: (ctx) => {
    if (!oauthApplies(ctx)) return [];
    const fePools = ctx.org.skype.pools.filter((p) => p.role === 'FrontEnd' || p.role === 'StandardEdition');
    const pool = fePools[0]?.fqdn ?? fixPlaceholder('fix.placeholder.poolFqdn');
    const script = (p: string) =>
      `& "$env:ExchangeInstallPath\\Scripts\\Configure-EnterprisePartnerApplication.ps1" -AuthMetaDataUrl ${psQuote(`https://${p}/metadata/json/1`)} -ApplicationType Lync; iisreset`;
    // The Skype pool publishes its metadata at the site root (https://<pool>/metadata/json/1);
    // SharePoint's lives under /_layouts/15/ and is another product's application.
    const apps = ctx.org.exchange.partnerApplications.filter((a) => /^https?:\/\/[^/]+\/metadata\/json\/1$/i.test(a.authMetadataUrl) && !/autodiscover/i.test(a.authMetadataUrl));
    if (apps.length === 0) return [makeDiagnostic(R_O_09, 'missing', [ref('exchangeOrganization', ctx.org.exchange.organizationName)], { pool }, [script(pool)])];
    const out: Diagnostic[] = [];
    for (const a of apps) {
      const host = /^https:\/\/([^/:]+)\/metadata\/json\/1$/i.exec(a.authMetadataUrl)?.[1] ?? '';
      if (!fePools.some((p) => eqi(p.fqdn, host))) out.push(makeDiagnostic(R_O_09, 'url', [ref('exchangePartnerApplication', a.name)], { app: a.name, url: a.authMetadataUrl, pool }, [script(pool)]));
    }
    return out;
  },
};

export const CERTIFICATE_RULES = [R_X_01, R_X_02, R_X_03];
export const OAUTH_RULES = [R_O_01, R_O_02, R_O_04, R_O_05, R_O_06, R_O_07, R_O_08, R_O_09];
