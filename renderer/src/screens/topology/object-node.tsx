/** One object on the map: name, translated kind (and pool role), technical sublabel, side colour, badge. */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useI18n } from '../../i18n';
import type { ObjectFlowNode } from './flow-elements';
import { useNodeSelected } from './selected-node';
import { SeverityBadge } from './severity-badge';

function ObjectNodeView({ id, data }: NodeProps<ObjectFlowNode>) {
  const { t, td } = useI18n();
  // From the map's selection store, not the node data: a click re-renders this node and the one left only.
  const selected = useNodeSelected(id);
  const n = data.graphNode;
  const kind = t(`kind.${n.kind}`);
  const role = n.role ? td(`role.${n.role}`) : null;
  // The technical sublabel as is, then the facts that read in the reader's language.
  const facts = n.facts.map((f) => (f.kind === 'computers' ? t('layout.topology.computers', { count: f.count }) : td(`layout.enum.${f.value}`)));
  const sub = [n.sublabel, ...facts].filter((s) => s !== '').join(' · ');
  const classes = ['umc-node', `umc-node--${n.side}`];
  if (selected) classes.push('umc-node--selected');
  if (data.highlighted) classes.push('umc-node--highlighted');
  if (data.dimmed) classes.push('umc-node--dimmed');
  return (
    <div
      className={classes.join(' ')}
      data-testid="topology-node"
      data-node-id={id}
      data-kind={n.kind}
      data-side={n.side}
      data-selected={selected ? 'true' : undefined}
      data-highlighted={data.highlighted ? 'true' : undefined}
      title={`${n.label}\n${kind}${role ? ` · ${role}` : ''}\n${sub}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="umc-handle" />
      <div className="umc-node__top">
        <span className="umc-node__label">{n.label}</span>
        {n.severity && <SeverityBadge severity={n.severity} count={n.findingCount} />}
      </div>
      <div className="umc-node__kind">{role ? `${kind} · ${role}` : kind}</div>
      {sub && <div className="umc-node__sub">{sub}</div>}
      <Handle type="source" position={Position.Right} isConnectable={false} className="umc-handle" />
    </div>
  );
}

export const ObjectNode = memo(ObjectNodeView);
