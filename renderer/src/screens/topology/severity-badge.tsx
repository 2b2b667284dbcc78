/** The worst finding on a node, as a coloured pill carrying the number of findings. */
import type { Severity } from '../../../../shared/model/org';
import { useT } from '../../i18n';

export function SeverityBadge({ severity, count }: { severity: Severity; count: number }) {
  const t = useT();
  return (
    <span className={`umc-badge umc-badge--${severity}`} data-testid="severity-badge" data-severity={severity} title={t(`severity.${severity}`)}>
      {count}
    </span>
  );
}
