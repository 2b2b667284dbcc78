/**
 * Right-hand panel for the selected object: its properties as the cmdlets name them, the findings
 * on it with their fix cmdlets, and the linked objects (a click selects them on the map).
 */
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import ButtonBase from '@mui/material/ButtonBase';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { ObjectDetails } from '../../../../shared/topology/topology-channels';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { renderDiagnostic, renderFix } from '../../../../shared/i18n/translate';
import { type ObjectRef, refKey } from '../../../../shared/model/org';
import { getApi } from '../../api';
import { CmdletBlock } from '../../components/cmdlet-block';
import { ErrorNotice, LoadingNotice } from '../../components/notice';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n, useT } from '../../i18n';
import { MONO_FONT, SEVERITY_COLOR } from '../../theme';
import { useAsync } from '../../use-async';

/** The panel's width: the map's fits keep this much clear on the right (topology-map.tsx). */
export const DETAILS_WIDTH = 420;

interface Props {
  readonly target: ObjectRef;
  readonly onClose: () => void;
  readonly onSelect: (ref: ObjectRef) => void;
}

export function ObjectDetailsPanel({ target, onClose, onSelect }: Props) {
  const t = useT();
  const details = useAsync(() => getApi().topology.object({ ref: { kind: target.kind, id: target.id } }), [refKey(target)]);
  return (
    <Box
      component="aside"
      data-testid="object-details"
      data-ref-kind={target.kind}
      data-ref-id={target.id}
      aria-label={t('details.title')}
      // Over the map's right side, not beside it: opening it must not resize the map (topology-screen.tsx).
      sx={{
        position: 'absolute',
        top: 0,
        right: 0,
        bottom: 0,
        zIndex: 20,
        width: DETAILS_WIDTH,
        borderLeft: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        boxShadow: '-2px 0 6px rgba(0, 0, 0, 0.08)',
        display: 'flex',
        flexDirection: 'column',
        minHeight: 0,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1, px: 2, pt: 1.5, pb: 1, borderBottom: 1, borderColor: 'divider' }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontSize: 11, color: 'text.secondary', textTransform: 'uppercase', letterSpacing: 0.4 }}>{t(`kind.${target.kind}`)}</Typography>
          <Typography variant="h2" component="h2" sx={{ wordBreak: 'break-word' }}>
            {details.status === 'ready' ? details.value.title : target.id}
          </Typography>
        </Box>
        <Button variant="outlined" color="inherit" onClick={onClose} data-testid="details-close" sx={{ flexShrink: 0 }}>
          {t('details.close')}
        </Button>
      </Box>
      <Box sx={{ flex: 1, overflowY: 'auto', px: 2, py: 1.5 }}>
        {details.status === 'loading' && <LoadingNotice />}
        {details.status === 'failed' && <ErrorNotice message={details.message} />}
        {details.status === 'ready' && <DetailsBody details={details.value} onSelect={onSelect} />}
      </Box>
    </Box>
  );
}

function DetailsBody({ details, onSelect }: { details: ObjectDetails; onSelect: (ref: ObjectRef) => void }) {
  const t = useT();
  return (
    <Box sx={{ display: 'flex', flexDirection: 'column', gap: 2.25 }}>
      <Section title={t('details.findings')} count={details.findings.length}>
        {details.findings.length === 0 ? (
          <Typography sx={{ color: 'text.secondary' }}>{t('details.noFindings')}</Typography>
        ) : (
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.25 }}>
            {details.findings.map((f, i) => (
              <DetailsFinding key={`${f.rule}-${i}`} finding={f} />
            ))}
          </Box>
        )}
      </Section>
      <Section title={t('details.properties')}>
        <PropertiesTable properties={details.properties} />
      </Section>
      {details.related.length > 0 && (
        <Section title={t('details.related')} count={details.related.length}>
          <RelatedList related={details.related} onSelect={onSelect} />
        </Section>
      )}
    </Box>
  );
}

function Section({ title, count, children }: { title: string; count?: number; children: ReactNode }) {
  return (
    <Box component="section">
      <Typography variant="h3" component="h3" sx={{ mb: 0.75, color: 'text.secondary', display: 'flex', gap: 0.75 }}>
        {title}
        {count !== undefined && (
          <Box component="span" sx={{ fontWeight: 400 }}>
            ({count})
          </Box>
        )}
      </Typography>
      {children}
    </Box>
  );
}

function DetailsFinding({ finding }: { finding: Diagnostic }) {
  const { language } = useI18n();
  const text = renderDiagnostic(language, finding);
  return (
    <Box data-testid="details-finding" data-rule={finding.rule} data-severity={finding.severity} sx={{ borderLeft: `3px solid ${SEVERITY_COLOR[finding.severity].main}`, pl: 1.25 }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75, mb: 0.25 }}>
        <SeverityChip severity={finding.severity} />
        <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12, color: 'text.secondary' }}>
          {finding.rule}
        </Box>
      </Box>
      <Typography sx={{ fontWeight: 600, lineHeight: 1.35 }}>{text.title}</Typography>
      <Typography sx={{ mb: finding.fix.length ? 0.75 : 0, lineHeight: 1.45 }}>{text.message}</Typography>
      {finding.fix.length > 0 && <CmdletBlock cmdlets={renderFix(language, finding)} />}
    </Box>
  );
}

/**
 * The properties as Get-… | Format-List prints them: names and values are PowerShell's (translate="no"),
 * in every language. An enum value the i18n tables know (Status: Disabled) gets its gloss beside it.
 */
function PropertiesTable({ properties }: { properties: ObjectDetails['properties'] }) {
  const { td } = useI18n();
  const gloss = (value: string) => {
    const key = `layout.enum.${value}`;
    const text = td(key);
    return text === key || text.toLowerCase() === value.toLowerCase() ? null : text;
  };
  return (
    <Box component="table" sx={{ width: '100%', borderCollapse: 'collapse', fontSize: 12, tableLayout: 'fixed' }}>
      <tbody>
        {properties.map((p, i) => (
          <Box component="tr" key={`${p.name}-${i}`} sx={{ '&:nth-of-type(odd)': { bgcolor: '#f7f8fa' } }}>
            <Box
              component="th"
              scope="row"
              translate="no"
              sx={{ width: '38%', textAlign: 'left', fontWeight: 500, color: 'text.secondary', verticalAlign: 'top', px: 0.75, py: 0.5, wordBreak: 'break-word' }}
            >
              {p.name}
            </Box>
            <Box component="td" sx={{ verticalAlign: 'top', px: 0.75, py: 0.5, wordBreak: 'break-word' }}>
              <span translate="no">{p.value}</span>
              {p.enum && gloss(p.value) && (
                <Box component="span" data-testid="details-enum-gloss" sx={{ color: 'text.secondary' }}>
                  {' '}
                  ({gloss(p.value)})
                </Box>
              )}
            </Box>
          </Box>
        ))}
      </tbody>
    </Box>
  );
}

function RelatedList({ related, onSelect }: { related: ObjectDetails['related']; onSelect: (ref: ObjectRef) => void }) {
  const t = useT();
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 0.25 }}>
      {related.map((r) => (
        <li key={refKey(r.ref)}>
          <ButtonBase
            data-testid="details-related"
            data-ref-kind={r.ref.kind}
            data-ref-id={r.ref.id}
            onClick={() => onSelect(r.ref)}
            sx={{ width: '100%', justifyContent: 'flex-start', textAlign: 'left', gap: 1, px: 0.75, py: 0.5, borderRadius: 1, '&:hover': { bgcolor: '#eef3fa' } }}
          >
            <Box component="span" sx={{ color: 'primary.main', fontWeight: 500, wordBreak: 'break-word' }}>
              {r.label}
            </Box>
            <Box component="span" sx={{ color: 'text.secondary', fontSize: 11, ml: 'auto', flexShrink: 0 }}>
              {t(`kind.${r.ref.kind}`)}
            </Box>
          </ButtonBase>
        </li>
      ))}
    </Box>
  );
}
