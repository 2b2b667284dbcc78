/** The Topology screen's channels: the laid-out map, the search over it, one object's details. */
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { OBJECT_KINDS, type ObjectKind, type ObjectRef } from '../model/org';
import type { TopologyGraphWire } from './graph-wire';

const objectRef = z.strictObject({ kind: z.enum(OBJECT_KINDS as [ObjectKind, ...ObjectKind[]]), id: z.string().min(1).max(2048) });

export interface ObjectDetails {
  readonly ref: ObjectRef;
  readonly title: string;
  /** `enum`: the value is one of the property's PowerShell values (Status: Disabled), glossed in the reader's language. */
  readonly properties: readonly { readonly name: string; readonly value: string; readonly enum?: boolean }[];
  readonly findings: readonly Diagnostic[];
  readonly related: readonly { readonly ref: ObjectRef; readonly label: string }[];
}

export interface TopologySearchResult {
  readonly matches: readonly { readonly ref: ObjectRef; readonly label: string; readonly nodeId: string; readonly groupKey: string | null }[];
}

export const TOPOLOGY_CHANNELS = {
  /** The laid-out graph packed as rows (graph-wire.ts); the renderer unpacks it. */
  'topology.graph': channel<TopologyGraphWire>()(
    z.strictObject({
      expandedGroups: z.array(z.string().max(200)).max(100),
      /** Node ids drawn on their own even inside a collapsed group (search results): the rest of the group stays one node. */
      reveal: z.array(z.string().max(2048)).max(200).optional(),
    }),
  ),
  'topology.search': channel<TopologySearchResult>()(z.strictObject({ query: z.string().max(200) })),
  'topology.object': channel<ObjectDetails>()(z.strictObject({ ref: objectRef })),
} as const;
