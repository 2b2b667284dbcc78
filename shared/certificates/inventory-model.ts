/** The certificates in use in the org, as the Certificates screen lists them (shared/certificates/inventory.ts builds it). */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ObjectRef } from '../model/org';
import type { InspectedCertificate } from './cert-model';

/** One certificate in use in the org (Certificates screen). */
export interface InventoryCertificate {
  /** The object the org rules name (exchangeCertificate `server\\thumbprint`, skypeCertificate `server|use`). */
  readonly ref: ObjectRef;
  readonly product: 'exchange' | 'skype';
  readonly server: string;
  /** Skype: the pool; Exchange: null. */
  readonly pool: string | null;
  /** Exchange: the services it is bound to (UM, UMCallRouter, IIS, SMTP…); Skype: its use (Default, OAuthTokenIssuer…). */
  readonly usage: readonly string[];
  /** Exchange: false when `usage` lists only the UM bindings, the other services being unknown over remoting (ExchangeCertificate.servicesKnown). Absent: complete. */
  readonly usageComplete?: boolean;
  /** Null when RawData could not be read (then `unreadable` says why). */
  readonly certificate: InspectedCertificate | null;
  readonly unreadable: string | null;
}

export interface CertificateInventory {
  /** The time the per-certificate rules were judged at (ISO). */
  readonly now: string;
  /** Grouped by issuing CA (the issuer name; a self-signed certificate is its own group). */
  readonly groups: readonly { readonly issuer: string; readonly certificates: readonly InventoryCertificate[] }[];
  /** The org rules on certificates and OAuth (R-X-…, R-O-…): across certificates and servers. */
  readonly findings: readonly Diagnostic[];
  /** Display labels of the objects the findings name. */
  readonly labels: Readonly<Record<string, string>>;
}
