/**
 * What stops working when a certificate in use expires, and how to renew it, per purpose — the
 * Certificates screen (inventory details, an inspected file judged for a purpose) and `umc cert inspect
 * --purpose` show the same plan. Pure data: each step is an i18n key with its parameters and, where a
 * cmdlet does it, the exact command (built with psQuote: certificate names never become code).
 *
 * Sources (docs/certificates.md, "Expiry and renewal"):
 * - UM / UMCallRouter: seed 001 asks for a CA certificate both sides trust (« le même certificat racine »)
 *   and, after binding it, the restart of MSExchangeUM on each Mailbox server and MSExchangeUMCR on each
 *   Client Access server (the same restart as R-X-03, docs/fixes.md). Import-ExchangeCertificate -FileData
 *   works on 2010 to 2016 (-FileName is 2013+); Enable-ExchangeCertificate -Services UM / UMCallRouter
 *   (https://learn.microsoft.com/powershell/module/exchange/import-exchangecertificate,
 *   https://learn.microsoft.com/powershell/module/exchange/enable-exchangecertificate).
 * - Skype Front End (Default): Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal,
 *   then Set-CsCertificate -Type … -Thumbprint on each Front End
 *   (https://learn.microsoft.com/powershell/module/skype/set-cscertificate).
 * - OAuth: Skype's OAuthTokenIssuer is one certificate for every Front End (Set-CsCertificate -Identity
 *   Global replicates it; -Roll -EffectiveDate schedules the change); Exchange's side is the self-signed
 *   "Microsoft Exchange Server Auth Certificate" (seed 003), renewed with New-ExchangeCertificate and
 *   Set-AuthConfig (https://learn.microsoft.com/exchange/troubleshoot/administration/cannot-access-owa-or-ecp-if-oauth-expired).
 * - Gateway: its certificate is renewed on the gateway itself (the vendor's tool); nothing changes on
 *   Exchange or Skype unless its root changes.
 */
import { fixPlaceholder } from '../i18n/translate';
import { psQuote } from '../powershell/quote';
import { restartServiceOn } from '../rules/dial-plan-rules';
import type { CertificateFacts, CertPurpose } from './cert-model';

export type RenewalSide = 'ca' | 'exchange' | 'skype' | 'gateway';

export interface RenewalStep {
  readonly side: RenewalSide;
  /** The step, as an i18n key of shared/i18n/cert-inspector.*.ts, with its parameters. */
  readonly key: string;
  readonly params: Readonly<Record<string, string>>;
  /** The exact command, or null for a step done elsewhere (the CA, the gateway's own tool). */
  readonly command: string | null;
  /** A restart the step needs (it drops the calls in progress): the restart steps are marked so. */
  readonly restart?: boolean;
}

export interface RenewalPlan {
  readonly purpose: CertPurpose;
  /** What stops working when it expires: an i18n key. */
  readonly impactKey: string;
  readonly steps: readonly RenewalStep[];
}

/** Where a certificate is used, as far as the plan needs it. */
export interface RenewalTarget {
  /** The server it is on (name), and its FQDN when known. */
  readonly server?: string;
  readonly fqdn?: string;
  /** Exchange UM bindings (UM on a Mailbox / 2010 UM server, UMCallRouter on a 2013+ Client Access server). */
  readonly services?: readonly ('UM' | 'UMCallRouter')[];
  /** OAuth: which side's certificate it is. */
  readonly side?: 'exchange' | 'skype';
}

const NEW_THUMBPRINT = fixPlaceholder('fix.placeholder.newThumbprint');
const step = (side: RenewalSide, key: string, params: Readonly<Record<string, string>>, command: string | null, restart = false): RenewalStep => ({
  side,
  key,
  params,
  command,
  ...(restart ? { restart } : {}),
});

/** The subject's FQDN to ask for again: the CN, else the first DNS name. */
function nameOf(cert: Pick<CertificateFacts, 'subjectCommonName' | 'subjectAltNames'> | null, target: RenewalTarget): string {
  return cert?.subjectCommonName ?? cert?.subjectAltNames.find((n) => n.startsWith('DNS:'))?.slice(4) ?? target.fqdn ?? target.server ?? '<fqdn>';
}

/** The plan for a certificate used for `purpose` (the certificate's facts give the names to request again). */
export function renewalPlan(purpose: CertPurpose, cert: Pick<CertificateFacts, 'subjectCommonName' | 'subjectAltNames'> | null, target: RenewalTarget = {}): RenewalPlan {
  const server = target.server ?? fixPlaceholder('fix.placeholder.server');
  const fqdn = target.fqdn ?? target.server ?? '<fqdn>';
  const name = nameOf(cert, target);
  const dnsNames = cert ? cert.subjectAltNames.filter((n) => n.startsWith('DNS:')).map((n) => n.slice(4)) : [];
  const domains = (dnsNames.length ? dnsNames : [name]).map(psQuote).join(',');
  switch (purpose) {
    case 'um': {
      const services = target.services?.length ? target.services : (['UM', 'UMCallRouter'] as const);
      return {
        purpose,
        impactKey: 'certInspector.impact.um',
        steps: [
          step(
            'exchange',
            'certInspector.step.um.request',
            { server },
            `New-ExchangeCertificate -Server ${psQuote(server)} -GenerateRequest -SubjectName ${psQuote(`CN=${name}`)} -DomainName ${domains} -PrivateKeyExportable $true | Set-Content -Path 'C:\\umc\\um-renewal.req'`,
          ),
          step('ca', 'certInspector.step.um.issue', {}, null),
          step(
            'exchange',
            'certInspector.step.um.import',
            { server },
            `Import-ExchangeCertificate -Server ${psQuote(server)} -FileData ([Byte[]](Get-Content -Path 'C:\\umc\\um-renewal.cer' -Encoding Byte -ReadCount 0))`,
          ),
          step(
            'exchange',
            'certInspector.step.um.enable',
            { server, services: services.join(', ') },
            `Enable-ExchangeCertificate -Server ${psQuote(server)} -Thumbprint '${NEW_THUMBPRINT}' -Services ${services.join(',')}`,
          ),
          ...services.map((s) =>
            step(
              'exchange',
              'certInspector.step.restart',
              { service: s === 'UM' ? 'MSExchangeUM' : 'MSExchangeUMCR', server },
              restartServiceOn(fqdn, s === 'UM' ? 'MSExchangeUM' : 'MSExchangeUMCR'),
              true,
            ),
          ),
        ],
      };
    }
    case 'skype-frontend':
      return {
        purpose,
        impactKey: 'certInspector.impact.skype-frontend',
        steps: [
          step(
            'skype',
            'certInspector.step.fe.request',
            { server },
            `Request-CsCertificate -New -Type Default,WebServicesInternal,WebServicesExternal -CA '${fixPlaceholder('fix.placeholder.caName')}'`,
          ),
          step('skype', 'certInspector.step.fe.assign', { server }, `Set-CsCertificate -Type Default,WebServicesInternal,WebServicesExternal -Thumbprint '${NEW_THUMBPRINT}'`),
          step('exchange', 'certInspector.step.fe.trust', {}, null),
        ],
      };
    case 'oauth':
      if (target.side === 'exchange')
        return {
          purpose,
          impactKey: 'certInspector.impact.oauth',
          steps: [
            step(
              'exchange',
              'certInspector.step.oauth.exchangeNew',
              {},
              `New-ExchangeCertificate -KeySize 2048 -PrivateKeyExportable $true -SubjectName 'cn=Microsoft Exchange Server Auth Certificate' -FriendlyName 'Microsoft Exchange Server Auth Certificate' -DomainName @()`,
            ),
            step('exchange', 'certInspector.step.oauth.exchangeSet', {}, `Set-AuthConfig -NewCertificateThumbprint '${NEW_THUMBPRINT}' -NewCertificateEffectiveDate (Get-Date)`),
            step('exchange', 'certInspector.step.oauth.exchangePublish', {}, 'Set-AuthConfig -PublishCertificate'),
            step('exchange', 'certInspector.step.oauth.exchangeClear', {}, 'Set-AuthConfig -ClearPreviousCertificate'),
            step(
              'exchange',
              'certInspector.step.restart',
              { service: 'MSExchangeServiceHost', server },
              `Get-Service -ComputerName ${psQuote(fqdn)} -Name MSExchangeServiceHost | Restart-Service`,
              true,
            ),
          ],
        };
      return {
        purpose,
        impactKey: 'certInspector.impact.oauth',
        steps: [
          step('skype', 'certInspector.step.oauth.skypeRequest', {}, `Request-CsCertificate -New -Type OAuthTokenIssuer -CA '${fixPlaceholder('fix.placeholder.caName')}'`),
          step(
            'skype',
            'certInspector.step.oauth.skypeAssign',
            {},
            `Set-CsCertificate -Identity Global -Type OAuthTokenIssuer -Thumbprint '${NEW_THUMBPRINT}' -Roll -EffectiveDate (Get-Date).AddHours(1)`,
          ),
        ],
      };
    case 'gateway':
      return {
        purpose,
        impactKey: 'certInspector.impact.gateway',
        steps: [step('gateway', 'certInspector.step.gateway.renew', {}, null), step('ca', 'certInspector.step.gateway.root', {}, null)],
      };
  }
}

/** The purpose a certificate in use serves, from its bindings (Exchange services, Skype uses); null when none the console judges. */
export function purposeOfUsage(product: 'exchange' | 'skype', usage: readonly string[], subjectCommonName: string | null): { purpose: CertPurpose; target: RenewalTarget } | null {
  const has = (u: string) => usage.some((x) => x.toLowerCase() === u.toLowerCase());
  if (product === 'exchange') {
    const services = (['UM', 'UMCallRouter'] as const).filter(has);
    if (services.length) return { purpose: 'um', target: { services } };
    if (subjectCommonName === 'Microsoft Exchange Server Auth Certificate') return { purpose: 'oauth', target: { side: 'exchange' } };
    return null;
  }
  if (has('OAuthTokenIssuer')) return { purpose: 'oauth', target: { side: 'skype' } };
  if (has('Default')) return { purpose: 'skype-frontend', target: {} };
  return null;
}
