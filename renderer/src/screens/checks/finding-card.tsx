/**
 * One finding (a diagnostic of an org rule): what is wrong, what it breaks (users without voice mail, numbers unreachable, calls
 * dropped), on which objects (a click shows them on the map), why it matters and where that statement comes from, and the exact
 * cmdlets that fix it — with Fix… when the console can run them, or the Manual badge and its steps (docs/fixes.md, "On screen").
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { RuleInfo } from '../../../../shared/checks/check-channels';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import type { FindingImpact, FixKind } from '../../../../shared/fixes/fix-model';
import { renderDiagnostic, renderFix } from '../../../../shared/i18n/translate';
import { type ObjectRef, refKey } from '../../../../shared/model/org';
import { CmdletBlock } from '../../components/cmdlet-block';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { cardAction, impactLines } from './fix-view-model';

interface Props {
  readonly finding: Diagnostic;
  readonly rule: RuleInfo | undefined;
  readonly labels: Readonly<Record<string, string>>;
  readonly onShowObject: (ref: ObjectRef) => void;
  /** The Checks screen's fix actions (absent elsewhere, e.g. the certificate inventory: no Fix… there). */
  readonly fix?: FindingFix;
}

export interface FindingFix {
  /** The finding's key (findingKey), what it breaks and whether its fix is a cmdlet. */
  readonly key: string;
  readonly impact: FindingImpact | undefined;
  readonly kind: FixKind | undefined;
  /** False: the session may not write (helpdesk, snapshot): no Fix… button. */
  readonly writable: boolean;
  /** "Fix all of this kind (N)" on this card (the first of its rule shown), N ≥ 2. */
  readonly allCount: number;
  readonly onFix: (request: { findings: readonly string[] } | { rule: string }) => void;
}

const NO_FIX: FindingFix = { key: '', impact: undefined, kind: undefined, writable: false, allCount: 0, onFix: () => undefined };

export function FindingCard({ finding, rule, labels, onShowObject, fix = NO_FIX }: Props) {
  const { t, language } = useI18n();
  const text = renderDiagnostic(language, finding);
  const { key: findingKey, impact, kind: fixKind, writable, allCount: fixAllCount, onFix } = fix;
  const impacts = impactLines(impact);
  const action = cardAction(fixKind);
  return (
    <Paper
      variant="outlined"
      component="article"
      data-testid="finding-row"
      data-rule={finding.rule}
      data-severity={finding.severity}
      data-key={findingKey || undefined}
      data-fix-kind={fixKind ?? ''}
      data-users={impact?.users ?? 0}
      sx={{ borderLeft: `4px solid ${SEVERITY_COLOR[finding.severity].main}`, px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 0.9 }}
    >
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <SeverityChip severity={finding.severity} />
        <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary' }}>
          {finding.rule}
        </Box>
        <Typography variant="h2" component="h3" sx={{ fontSize: 14, flex: 1, minWidth: 200 }}>
          {text.title}
        </Typography>
        {action === 'manual' && <Chip data-testid="finding-manual" size="small" variant="outlined" label={t('fixes.ui.manualBadge')} title={t('fixes.ui.manualBadgeHelp')} sx={{ height: 22 }} />}
        {action === 'manual' && (
          <Button size="small" data-testid="finding-show-manual" onClick={() => onFix({ findings: [findingKey] })}>
            {t('fixes.ui.showManual')}
          </Button>
        )}
        {action === 'fix' && writable && fixAllCount >= 2 && (
          <Button
            size="small"
            variant="outlined"
            data-testid="finding-fix-all"
            aria-label={t('fixes.ui.fixAllAria', { rule: finding.rule, count: fixAllCount })}
            onClick={() => onFix({ rule: finding.rule })}
          >
            {t('fixes.ui.fixAll', { count: fixAllCount })}
          </Button>
        )}
        {action === 'fix' && writable && (
          <Button size="small" variant="contained" data-testid="finding-fix" aria-label={t('fixes.ui.fixAria', { rule: finding.rule })} onClick={() => onFix({ findings: [findingKey] })}>
            {t('fixes.ui.fix')}
          </Button>
        )}
      </Box>
      <Typography sx={{ lineHeight: 1.5 }}>{text.message}</Typography>
      {impacts.length > 0 && (
        <Box data-testid="finding-impact" sx={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 0.75 }}>
          <Typography component="span" sx={{ fontSize: 12, color: 'text.secondary' }}>
            {t('fixes.ui.impact.label')}
          </Typography>
          {impacts.map((m) => (
            <Box
              component="span"
              key={m.key}
              data-impact={m.key}
              sx={{ fontSize: 12.5, fontWeight: 600, color: SEVERITY_COLOR.error.main, bgcolor: SEVERITY_COLOR.error.soft, px: 0.9, py: 0.2, borderRadius: 1 }}
            >
              {t(m.key, m.params)}
            </Box>
          ))}
        </Box>
      )}
      {finding.objects.length > 0 && <ObjectChips objects={finding.objects} labels={labels} onShowObject={onShowObject} />}
      <Box sx={{ display: 'grid', gridTemplateColumns: 'minmax(0, 2fr) minmax(0, 3fr)', gap: 2, mt: 0.25 }}>
        <Block title={t('checks.why')}>
          <Typography sx={{ lineHeight: 1.5 }}>{text.why}</Typography>
          {rule && <SourceLine rule={rule} />}
        </Block>
        <Block title={t('checks.fix')}>
          {finding.fix.length > 0 ? (
            <>
              <CmdletBlock cmdlets={renderFix(language, finding)} copyable />
              <Typography sx={{ fontSize: 11.5, color: 'text.secondary', mt: 0.5 }}>{t('checks.fix.note')}</Typography>
            </>
          ) : (
            <Typography sx={{ color: 'text.secondary' }}>{t('checks.fix.none')}</Typography>
          )}
        </Block>
      </Box>
    </Paper>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box sx={{ minWidth: 0 }}>
      <Typography variant="h3" component="h4" sx={{ fontSize: 12, color: 'text.secondary', mb: 0.4 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}

/** Where the rule's statement comes from: source keys, how firm it is, the seed cases. */
function SourceLine({ rule }: { rule: RuleInfo }) {
  const { t } = useI18n();
  const parts = [rule.sources.join(', '), t(`checks.basis.${rule.basis}`)];
  if (rule.seeds.length > 0) parts.push(rule.seeds.map((s) => t('checks.seed', { id: s })).join(', '));
  return (
    <Typography data-testid="finding-source" sx={{ fontSize: 11.5, color: 'text.secondary', mt: 0.5 }}>
      {t('checks.sourceLine', { sources: parts.join(' · ') })}
    </Typography>
  );
}

function ObjectChips({ objects, labels, onShowObject }: { objects: readonly ObjectRef[]; labels: Readonly<Record<string, string>>; onShowObject: (ref: ObjectRef) => void }) {
  const { t } = useI18n();
  return (
    <Box sx={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: 0.75 }}>
      <Typography component="span" sx={{ fontSize: 12, color: 'text.secondary' }}>
        {t('checks.objects')}
      </Typography>
      {objects.map((o) => (
        <ButtonBase
          key={refKey(o)}
          data-testid="finding-object"
          data-ref-kind={o.kind}
          data-ref-id={o.id}
          onClick={() => onShowObject(o)}
          title={t(`kind.${o.kind}`)}
          sx={{
            gap: 0.6,
            px: 1,
            py: 0.25,
            borderRadius: 3,
            border: 1,
            borderColor: '#b9c6d8',
            bgcolor: '#f2f6fb',
            fontSize: 12,
            maxWidth: 420,
            '&:hover': { bgcolor: '#e3ecf7', borderColor: 'primary.main' },
            '&.Mui-focusVisible': { outline: '2px solid', outlineColor: 'primary.main' },
          }}
        >
          <Box component="span" sx={{ color: 'text.secondary', fontSize: 11, whiteSpace: 'nowrap' }}>
            {t(`kind.${o.kind}`)}
          </Box>
          <Box component="span" title={labels[refKey(o)] ?? o.id} sx={{ color: 'primary.main', fontWeight: 500, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
            {labels[refKey(o)] ?? o.id}
          </Box>
        </ButtonBase>
      ))}
    </Box>
  );
}
