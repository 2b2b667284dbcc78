/**
 * The certificate inventory of the loaded org: every certificate in use on both sides —
 * Exchange per server with the services it is bound to, Skype per server and pool with its use —
 * as the snapshot decoder read it once from the RawData bytes the capture carries (docs/remote-shapes.md),
 * judged by the per-certificate rules, grouped by issuing CA, with the org rules on certificates and OAuth (R-X-…, R-O-…).
 * Pure: the rules are passed in.
 */
import type { CertificateInventory, InventoryCertificate } from './inventory-model';
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { CertificateRef, ObjectRef, OrgModel } from '../model/org';
import { refKey } from '../model/org';
import type { CertificateFacts, CertRuleId, InspectedCertificate } from './cert-model';

export interface InventoryDeps {
  /** The per-certificate rules. */
  readonly evaluate: (cert: CertificateFacts, ctx: { now: Date }) => InspectedCertificate['findings'];
  readonly now: Date;
  readonly labelOf: (ref: ObjectRef) => string;
}

/** Rules that need facts a printed Get-CsCertificate line does not carry (no RawData). */
const NEEDS_RAW: ReadonlySet<string> = new Set<CertRuleId>(['cert.key.weak', 'cert.signature.weak', 'cert.signature.pss', 'cert.eku.serverauth-missing', 'cert.crl-missing']);

/**
 * One certificate of the org, judged at `now`. Known from its printed fields only (no RawData):
 * what is unknown stays unknown, and the rules needing it are not applied.
 */
export function judgeOrgCertificate(c: CertificateRef, evaluate: InventoryDeps['evaluate'], now: Date): { certificate: InspectedCertificate | null; unreadable: string | null } {
  if (!c.facts) return { certificate: null, unreadable: c.unreadable ?? 'no RawData' };
  const findings = evaluate(c.facts, { now });
  return { certificate: { ...c.facts, findings: c.rawData ? findings : findings.filter((x) => !NEEDS_RAW.has(x.rule)) }, unreadable: null };
}

/**
 * Exchange's own "Microsoft Exchange Server Auth Certificate" is self-signed and has no CRL
 * distribution point by design: it signs OAuth tokens, its trust travels in the auth metadata
 * (Microsoft, "Assign certificates to Exchange Server services" / "Configure OAuth between Skype
 * for Business Server and Exchange"). Warning about it would teach admins to ignore the warning.
 */
const AUTH_CERT_BY_DESIGN: ReadonlySet<string> = new Set<CertRuleId>(['cert.self-signed', 'cert.crl-missing']);

function isExchangeAuthCertificate(c: InventoryCertificate): boolean {
  return c.certificate?.subjectCommonName === 'Microsoft Exchange Server Auth Certificate' && !c.usage.some((u) => /^(UM|UMCallRouter|IIS)$/i.test(u));
}

function withoutFindings(c: InventoryCertificate, rules: ReadonlySet<string>): InventoryCertificate {
  if (!c.certificate) return c;
  return { ...c, certificate: { ...c.certificate, findings: c.certificate.findings.filter((f) => !rules.has(f.rule)) } };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function buildInventory(org: OrgModel, orgFindings: readonly Diagnostic[], deps: InventoryDeps): CertificateInventory {
  const all: InventoryCertificate[] = [];
  for (const c of org.exchange.certificates) {
    const item: InventoryCertificate = {
      ref: { kind: 'exchangeCertificate', id: `${c.server}\\${c.facts?.thumbprint ?? '?'}` },
      product: 'exchange',
      server: c.server,
      pool: null,
      usage: c.services,
      usageComplete: c.servicesKnown,
      ...judgeOrgCertificate(c, deps.evaluate, deps.now),
    };
    all.push(isExchangeAuthCertificate(item) ? withoutFindings(item, AUTH_CERT_BY_DESIGN) : item);
  }
  for (const c of org.skype.certificates) {
    all.push({
      ref: { kind: 'skypeCertificate', id: `${c.server}|${c.use}` },
      product: 'skype',
      server: c.server,
      pool: c.pool,
      usage: [c.use],
      ...judgeOrgCertificate(c, deps.evaluate, deps.now),
    });
  }
  const byIssuer = new Map<string, InventoryCertificate[]>();
  for (const c of all) {
    const issuer = c.certificate?.issuer ?? '';
    byIssuer.set(issuer, [...(byIssuer.get(issuer) ?? []), c]);
  }
  const worst = (cs: readonly InventoryCertificate[]) => Math.min(3, ...cs.flatMap((c) => (c.certificate?.findings ?? []).map((f) => SEVERITY_ORDER[f.severity])));
  const groups = [...byIssuer.entries()]
    .map(([issuer, certificates]) => ({
      issuer,
      certificates: [...certificates].sort((a, b) => (a.certificate?.notAfter ?? '').localeCompare(b.certificate?.notAfter ?? '') || a.server.localeCompare(b.server)),
    }))
    // The groups with the worst findings first, then by size.
    .sort((a, b) => worst(a.certificates) - worst(b.certificates) || b.certificates.length - a.certificates.length || a.issuer.localeCompare(b.issuer));
  const findings = orgFindings.filter((f) => f.area === 'certificates' || f.area === 'oauth');
  const labels: Record<string, string> = {};
  for (const f of findings) for (const o of f.objects) labels[refKey(o)] = deps.labelOf(o);
  return { now: deps.now.toISOString(), groups, findings, labels };
}
