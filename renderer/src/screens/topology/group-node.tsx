/** A collapsed group of many objects of one kind, with the button that expands it in place. */
import { Handle, type NodeProps, Position } from '@xyflow/react';
import { memo } from 'react';
import { useT } from '../../i18n';
import type { GroupFlowNode } from './flow-elements';
import { SeverityBadge } from './severity-badge';
import { useTopologyActions } from './topology-actions';

function GroupNodeView({ data }: NodeProps<GroupFlowNode>) {
  const t = useT();
  const { expandGroup } = useTopologyActions();
  const n = data.graphNode;
  const group = n.group;
  if (!group) return null;
  const classes = ['umc-node', 'umc-node--group', `umc-node--${n.side}`];
  if (data.highlighted) classes.push('umc-node--highlighted');
  if (data.dimmed) classes.push('umc-node--dimmed');
  return (
    <div className={classes.join(' ')} data-testid="topology-group" data-group-key={group.key} data-kind={n.kind}>
      <Handle type="target" position={Position.Left} isConnectable={false} className="umc-handle" />
      <div className="umc-node__top">
        <span className="umc-node__label">{t('topology.group.label', { count: group.count, kind: t(`kind.${n.kind}`) })}</span>
        {n.severity && <SeverityBadge severity={n.severity} count={n.findingCount} />}
      </div>
      {/* nodrag/nopan: a click on the button must not start a pan of the map. */}
      <button
        type="button"
        className="umc-node__expand nodrag nopan"
        data-testid="group-expand"
        onClick={(e) => {
          e.stopPropagation();
          expandGroup(group.key);
        }}
      >
        {t('topology.group.expand', { count: group.count })}
      </button>
      <Handle type="source" position={Position.Right} isConnectable={false} className="umc-handle" />
    </div>
  );
}

export const GroupNode = memo(GroupNodeView);
