/**
 * A decoded org with its strings rewritten: the way to give the rules a model the decoder would never
 * make — a server FQDN with a line break, a pool FQDN with a quote — so the quoting of every fix
 * (shared/powershell/quote.ts) is tested on any model the rules may see, not only on what the decoder
 * lets through (docs/snapshot-format.md, "Host names", is the other defence).
 */
import type { OrgModel } from '../../../shared/model/org';

/**
 * The keys left as they are: a certificate's facts are what its DER bytes say (the certificate reader's,
 * not names of the org) and its bytes are base64.
 */
const KEPT = new Set(['facts', 'rawData']);

function rewrite(value: unknown, f: (s: string) => string): unknown {
  if (typeof value === 'string') return f(value);
  if (Array.isArray(value)) return value.map((v) => rewrite(v, f));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = KEPT.has(k) ? v : rewrite(v, f);
    return out;
  }
  return value;
}

/** `org` with every string of every object (certificate facts and bytes aside) passed through `f`. */
export function mapModelStrings(org: OrgModel, f: (s: string) => string): OrgModel {
  return rewrite(org, f) as OrgModel;
}
