/**
 * The inventory as the screen lays it out, pure: the worst severity of a certificate and of a
 * group, the order of the groups and of the certificates in them, the timeline's rows.
 */
import type { CertificateInventory, InventoryCertificate } from '../../../../shared/certificates/inventory-model';
import type { InspectedCertificate } from '../../../../shared/certificates/cert-model';
import { SEVERITY_RANK, worstSeverity } from '../../../../shared/diagnostics/diagnostic';
import type { Severity } from '../../../../shared/model/org';
import { refKey } from '../../../../shared/model/org';

/** The worst finding of a certificate; 'none' when it has none. An unreadable certificate is an error. */
export type Rollup = Severity | 'none';

export function certSeverity(c: InspectedCertificate | null): Rollup {
  if (!c) return 'none';
  return worstSeverity(c.findings.map((f) => f.severity)) ?? 'none';
}

export function entrySeverity(e: InventoryCertificate): Rollup {
  if (!e.certificate) return e.unreadable ? 'error' : 'none';
  return certSeverity(e.certificate);
}

export function rollup(severities: Iterable<Rollup>): Rollup {
  let worst: Rollup = 'none';
  for (const s of severities) if (rank(s) > rank(worst)) worst = s;
  return worst;
}

export function rank(s: Rollup): number {
  return s === 'none' ? 0 : SEVERITY_RANK[s];
}

/** Per-certificate findings sorted worst first (stable otherwise). */
export function sortFindings<T extends { readonly severity: Severity }>(findings: readonly T[]): T[] {
  return [...findings].sort((a, b) => SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity]);
}

export interface InventoryGroupView {
  readonly issuer: string;
  readonly severity: Rollup;
  readonly certificates: readonly InventoryCertificate[];
}

function expiryOf(e: InventoryCertificate): string {
  // Unreadable ones last: nothing to say about their expiry.
  return e.certificate?.notAfter ?? '\uffff';
}

/** Certificates by expiry (the soonest first), then product, server and usage. */
export function compareEntries(a: InventoryCertificate, b: InventoryCertificate): number {
  return expiryOf(a).localeCompare(expiryOf(b)) || a.product.localeCompare(b.product) || a.server.localeCompare(b.server) || a.usage.join(',').localeCompare(b.usage.join(','));
}

/** Groups with the worst findings first, then the larger ones, then by issuer name. */
export function orderGroups(inventory: CertificateInventory): InventoryGroupView[] {
  return inventory.groups
    .map((g) => {
      const certificates = [...g.certificates].sort(compareEntries);
      return { issuer: g.issuer, certificates, severity: rollup(certificates.map(entrySeverity)) };
    })
    .sort((a, b) => rank(b.severity) - rank(a.severity) || b.certificates.length - a.certificates.length || a.issuer.localeCompare(b.issuer));
}

/** The common name of a distinguished name ("CN=Litware Root CA, DC=…" → "Litware Root CA"), else the whole name. */
export function commonName(dn: string): string {
  const m = /(?:^|[,/]\s*)CN=((?:\\.|[^,+/])+)/i.exec(dn);
  return m ? m[1].trim().replace(/\\(.)/g, '$1') : dn;
}

/** The key the screen selects a certificate by (the org object it is). */
export function entryKey(e: InventoryCertificate): string {
  return refKey(e.ref);
}

export interface TimelineRow {
  /** The thumbprint: one row per certificate, however many servers use it. */
  readonly key: string;
  /** Where it is used, in the inventory's order (the first one opens on a click). */
  readonly entries: readonly InventoryCertificate[];
  readonly certificate: InspectedCertificate;
}

/** One row per distinct readable certificate in use, the soonest expiry on top. */
export function timelineRows(inventory: CertificateInventory): TimelineRow[] {
  const rows = new Map<string, { key: string; entries: InventoryCertificate[]; certificate: InspectedCertificate }>();
  const entries = inventory.groups.flatMap((g) => g.certificates).sort(compareEntries);
  for (const e of entries) {
    if (!e.certificate) continue;
    const key = e.certificate.thumbprint || entryKey(e);
    const row = rows.get(key);
    if (row) row.entries.push(e);
    else rows.set(key, { key, entries: [e], certificate: e.certificate });
  }
  return [...rows.values()];
}

/** A timeline row's label: the servers (short names) and the services or uses, each once. */
export function rowLabel(row: TimelineRow): string {
  const servers = [...new Set(row.entries.map((e) => e.server.split('.')[0]))];
  const usage = [...new Set(row.entries.flatMap((e) => e.usage))];
  return [servers.join(', '), usage.join(', ')].filter(Boolean).join(' · ');
}

export function allEntries(inventory: CertificateInventory): InventoryCertificate[] {
  return inventory.groups.flatMap((g) => g.certificates);
}
