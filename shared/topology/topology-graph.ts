/**
 * The topology map as main lays it out: nodes with their place and size, edges, and the groups
 * that can be expanded. shared/topology/build-graph.ts and collapse.ts build it; the Topology
 * screen draws it.
 */
import type { ObjectKind, ObjectRef, Severity } from '../model/org';

export type GraphSide = 'skype' | 'exchange';

/**
 * A fact of a node's second line that reads differently per language, translated where it is shown
 * (the sublabel keeps what reads the same everywhere: addresses, PowerShell settings and values).
 * `status`: the object's Status value when it is not Enabled (Disabled, NoNewCalls).
 */
export type NodeFact = { readonly kind: 'computers'; readonly count: number } | { readonly kind: 'status'; readonly value: string };

export interface GraphNode {
  readonly id: string;
  /** The object behind the node; null for a collapsed group. */
  readonly ref: ObjectRef | null;
  readonly kind: ObjectKind;
  readonly side: GraphSide;
  /** The object's name, as the cmdlets print it. */
  readonly label: string;
  /** Technical facts (setting values, addresses): the same in every language. */
  readonly sublabel: string;
  /** A pool's role, translated by the renderer (`role.*`). */
  readonly role: string | null;
  /** Translated by the renderer, after the sublabel. */
  readonly facts: readonly NodeFact[];
  readonly severity: Severity | null;
  readonly findingCount: number;
  /** For a collapsed group: how many objects it stands for, and its key to expand it. */
  readonly group: { readonly key: string; readonly count: number } | null;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export type EdgeKind =
  | 'pool-gateway'
  | 'gateway-huntgroup'
  | 'huntgroup-dialplan'
  | 'dialplan-server'
  | 'dialplan-autoattendant'
  | 'dialplan-policy'
  | 'locationprofile-dialplan'
  | 'contact-target'
  | 'contact-pool'
  | 'site-pool'
  | 'pool-mediation'
  | 'mediation-pstn';

export interface GraphEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: EdgeKind;
}

export interface TopologyGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  /** Groups that can be expanded, with their size (for the legend and the search). */
  readonly groups: readonly { readonly key: string; readonly kind: ObjectKind; readonly count: number; readonly expanded: boolean }[];
  /** Milliseconds the main process spent laying the graph out. */
  readonly layoutMs: number;
  /**
   * How: `elk` laid every node out (the collapsed map, search hits revealed in it); `incremental`
   * placed an expanded group's members in its slot and moved the rest aside (expand-layout.ts).
   */
  readonly layout: 'elk' | 'incremental';
}
