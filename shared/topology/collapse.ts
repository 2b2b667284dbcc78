/**
 * Large groups collapsed so a 1,000-gateway org stays readable: when one kind has more
 * than GROUP_LIMIT objects, they become one group node unless the user expanded that group.
 * Edges to members are redirected to the group node and deduplicated.
 */
import { type Diagnostic, worstSeverity } from '../diagnostics/diagnostic';
import type { ObjectKind, Severity } from '../model/org';
import type { EdgeKind, GraphSide } from './topology-graph';
import type { OrgGraph, RawNode } from './build-graph';
import { severityOf } from './build-graph';

export const GROUP_LIMIT = 24;

export interface CollapsedNode {
  readonly id: string;
  readonly node: RawNode | null;
  readonly kind: ObjectKind;
  readonly side: GraphSide;
  readonly column: number;
  readonly severity: Severity | null;
  readonly findingCount: number;
  readonly group: { readonly key: string; readonly count: number } | null;
}

export interface CollapsedGraph {
  readonly nodes: readonly CollapsedNode[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly kind: EdgeKind }[];
  readonly groups: readonly { readonly key: string; readonly kind: ObjectKind; readonly count: number; readonly expanded: boolean }[];
  /** Node id → the id it is drawn as (itself, or its group). */
  readonly drawnAs: ReadonlyMap<string, string>;
}

export const groupNodeId = (kind: ObjectKind) => `group:${kind}`;

/**
 * `reveal` draws the given members on their own while the rest of their group stays collapsed:
 * a search hit in a 1,000-gateway group shows that gateway without laying out the other 999.
 */
export function collapseGraph(graph: OrgGraph, expanded: ReadonlySet<string>, findings: ReadonlyMap<string, readonly Diagnostic[]>, reveal: ReadonlySet<string> = new Set()): CollapsedGraph {
  const byKind = new Map<ObjectKind, RawNode[]>();
  for (const n of graph.nodes) {
    const list = byKind.get(n.kind);
    if (list) list.push(n);
    else byKind.set(n.kind, [n]);
  }
  const drawnAs = new Map<string, string>();
  const nodes: CollapsedNode[] = [];
  const groups: CollapsedGraph['groups'][number][] = [];
  for (const [kind, members] of byKind) {
    const big = members.length > GROUP_LIMIT;
    const key = kind;
    if (big) groups.push({ key, kind, count: members.length, expanded: expanded.has(key) });
    let drawn = members;
    if (big && !expanded.has(key)) {
      const hidden = members.filter((m) => !reveal.has(m.id));
      drawn = members.filter((m) => reveal.has(m.id));
      const id = groupNodeId(kind);
      const memberFindings = hidden.flatMap((m) => findings.get(m.id) ?? []);
      const severity = worstSeverity(memberFindings.map((f) => f.severity));
      if (hidden.length > 0) {
        nodes.push({ id, node: null, kind, side: members[0].side, column: members[0].column, severity, findingCount: new Set(memberFindings).size, group: { key, count: hidden.length } });
      }
      for (const m of hidden) drawnAs.set(m.id, id);
    }
    for (const m of drawn) {
      const fs = findings.get(m.id);
      nodes.push({ id: m.id, node: m, kind, side: m.side, column: m.column, severity: severityOf(fs), findingCount: fs?.length ?? 0, group: null });
      drawnAs.set(m.id, m.id);
    }
  }
  const seen = new Set<string>();
  const edges: CollapsedGraph['edges'][number][] = [];
  for (const e of graph.edges) {
    const s = drawnAs.get(e.source);
    const t = drawnAs.get(e.target);
    if (!s || !t || s === t) continue;
    const id = `${s}->${t}`;
    if (seen.has(id)) continue;
    seen.add(id);
    edges.push({ id, source: s, target: t, kind: e.kind });
  }
  return { nodes, edges, groups, drawnAs };
}
