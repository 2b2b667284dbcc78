/**
 * The Inventory tab: the expiry timeline, every certificate in use grouped by issuing CA (a click
 * opens its details on the right), then the org rules on certificates and OAuth (R-X-…, R-O-…).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Paper from '@mui/material/Paper';
import Table from '@mui/material/Table';
import TableBody from '@mui/material/TableBody';
import TableCell from '@mui/material/TableCell';
import TableHead from '@mui/material/TableHead';
import TableRow from '@mui/material/TableRow';
import Typography from '@mui/material/Typography';
import { type ReactNode, useMemo } from 'react';
import type { CertificateInventory, InventoryCertificate } from '../../../../shared/certificates/inventory-model';
import { type ObjectRef, refKey } from '../../../../shared/model/org';
import { useI18n } from '../../i18n';
import { MONO_FONT, SIDE_COLOR } from '../../theme';
import { FindingCard } from '../checks/finding-card';
import { CertificateDetails } from './certificate-details';
import { ExpiryText } from './cert-fields';
import { ExpiryTimeline } from './expiry-timeline';
import { formatDate } from './format';
import { RollupChip, UsageChips } from './chips';
import { commonName, entryKey, entrySeverity, type InventoryGroupView, orderGroups, timelineRows } from './inventory-model';

interface Props {
  readonly inventory: CertificateInventory;
  readonly selected: string | null;
  readonly onSelect: (key: string | null) => void;
  readonly onShowOnMap: (ref: ObjectRef) => void;
}

export function InventoryView({ inventory, selected, onSelect, onShowOnMap }: Props) {
  const { t } = useI18n();
  const now = useMemo(() => new Date(inventory.now), [inventory.now]);
  const groups = useMemo(() => orderGroups(inventory), [inventory]);
  const rows = useMemo(() => timelineRows(inventory), [inventory]);
  const byKey = useMemo(() => new Map(groups.flatMap((g) => g.certificates.map((c) => [entryKey(c), c] as const))), [groups]);
  const current = selected ? (byKey.get(selected) ?? null) : null;
  const total = byKey.size;

  // An object chip of a finding: a certificate of this inventory opens here, anything else on the map.
  const showObject = (ref: ObjectRef) => {
    if (byKey.has(refKey(ref))) onSelect(refKey(ref));
    else onShowOnMap(ref);
  };

  return (
    <Box sx={{ display: 'flex', flex: 1, minHeight: 0 }}>
      <Box sx={{ flex: 1, minWidth: 0, overflowY: 'auto', px: 2, py: 1.5 }}>
        <Box sx={{ display: 'flex', flexDirection: 'column', gap: 1.5, maxWidth: 1400 }}>
          <Typography data-testid="certificates-count" role="status" sx={{ color: 'text.secondary' }}>
            {t('certificates.count', { count: total, groups: groups.length })}
          </Typography>
          {total === 0 ? (
            <Alert severity="info" variant="outlined">
              {t('certificates.empty')}
            </Alert>
          ) : (
            <>
              <Section title={t('certificates.timeline.title')}>
                {rows.length > 0 ? (
                  <ExpiryTimeline rows={rows} now={now} selected={selected} onSelect={onSelect} />
                ) : (
                  <Typography sx={{ color: 'text.secondary' }}>{t('certificates.timeline.empty')}</Typography>
                )}
              </Section>
              {groups.map((g) => (
                <GroupTable key={g.issuer} group={g} now={now} selected={selected} onSelect={onSelect} />
              ))}
            </>
          )}
          <Section title={t('certificates.orgFindings.title')} testId="org-findings">
            <Typography sx={{ color: 'text.secondary', mt: -0.5 }}>{t('certificates.orgFindings.intro')}</Typography>
            {inventory.findings.length === 0 ? (
              <Alert severity="success" variant="outlined">
                {t('certificates.orgFindings.none')}
              </Alert>
            ) : (
              inventory.findings.map((f, i) => (
                <Box key={`${f.rule}-${f.message.key}-${i}`} data-testid="org-finding" data-rule={f.rule} data-severity={f.severity}>
                  <FindingCard finding={f} rule={undefined} labels={inventory.labels} onShowObject={showObject} />
                </Box>
              ))
            )}
          </Section>
        </Box>
      </Box>
      {current && <CertificateDetails entry={current} inventory={inventory} now={now} onClose={() => onSelect(null)} onShowObject={showObject} />}
    </Box>
  );
}

function Section({ title, testId, children }: { title: string; testId?: string; children: ReactNode }) {
  return (
    <Paper variant="outlined" component="section" data-testid={testId} sx={{ px: 1.75, py: 1.25, display: 'flex', flexDirection: 'column', gap: 1 }}>
      <Typography variant="h2" component="h2">
        {title}
      </Typography>
      {children}
    </Paper>
  );
}

function GroupTable({ group, now, selected, onSelect }: { group: InventoryGroupView; now: Date; selected: string | null; onSelect: (key: string) => void }) {
  const { t } = useI18n();
  const selfSigned = group.certificates.length > 0 && group.certificates.every((c) => c.certificate?.selfSigned);
  const title = group.issuer ? commonName(group.issuer) : t('certificates.group.unreadable');
  return (
    <Paper variant="outlined" component="section" data-testid="cert-group" data-issuer={group.issuer} data-severity={group.severity} sx={{ overflow: 'hidden' }}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap', px: 1.75, py: 1, bgcolor: '#f7f8fa', borderBottom: 1, borderColor: 'divider' }}>
        <Typography variant="h2" component="h2">
          {t('certificates.group.title', { issuer: title })}
        </Typography>
        {selfSigned && <Chip label={t('certificates.selfSigned')} sx={{ height: 20, fontSize: 11 }} />}
        <RollupChip severity={group.severity} />
        <Typography sx={{ color: 'text.secondary', fontSize: 12, minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap', flex: 1 }} title={group.issuer}>
          {group.issuer}
        </Typography>
        <Typography sx={{ color: 'text.secondary', fontSize: 12 }}>{t('certificates.group.count', { count: group.certificates.length })}</Typography>
      </Box>
      {/*
        The table fits its pane at any width, the details open or not: below 900 px of pane (1366 px with
        the details open) the product and usage columns fold into the server cell and the thumbprint
        column narrows, so Expires and Thumbprint never leave the table (a CSS container query on the pane).
      */}
      <Box sx={{ containerType: 'inline-size' }}>
        <Table
          sx={{
            tableLayout: 'fixed',
            width: '100%',
            '& td, & th': { fontSize: 12.5, py: 0.6, px: 1 },
            '& .cert-col-folded': { display: 'none' },
            '@container (max-width: 899px)': {
              '& .cert-col-wide': { display: 'none' },
              '& .cert-col-folded': { display: 'block' },
              '& .cert-col-thumbprint': { width: 124 },
              '& .cert-col-expiry': { width: 112 },
            },
          }}
        >
          <TableHead>
            <TableRow>
              <TableCell className="cert-col-severity" sx={{ width: 112 }}>
                {t('certificates.column.severity')}
              </TableCell>
              <TableCell className="cert-col-wide" sx={{ width: 112 }}>
                {t('certificates.column.product')}
              </TableCell>
              <TableCell sx={{ width: '21%' }}>{t('certificates.column.server')}</TableCell>
              <TableCell className="cert-col-wide" sx={{ width: '13%' }}>
                {t('certificates.column.usage')}
              </TableCell>
              <TableCell>{t('certificates.column.subject')}</TableCell>
              <TableCell className="cert-col-thumbprint" sx={{ width: 176 }}>
                {t('certificates.column.thumbprint')}
              </TableCell>
              <TableCell className="cert-col-expiry" sx={{ width: 132 }}>
                {t('certificates.column.expiry')}
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {group.certificates.map((c) => (
              <CertRow key={entryKey(c)} entry={c} now={now} selected={selected === entryKey(c)} onSelect={() => onSelect(entryKey(c))} />
            ))}
          </TableBody>
        </Table>
      </Box>
    </Paper>
  );
}

function CertRow({ entry, now, selected, onSelect }: { entry: InventoryCertificate; now: Date; selected: boolean; onSelect: () => void }) {
  const { t, language } = useI18n();
  const cert = entry.certificate;
  const severity = entrySeverity(entry);
  return (
    <TableRow
      hover
      selected={selected}
      data-testid="cert-row"
      data-thumbprint={cert?.thumbprint ?? ''}
      data-severity={severity}
      data-product={entry.product}
      data-server={entry.server}
      tabIndex={0}
      aria-selected={selected}
      onClick={onSelect}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          onSelect();
        }
      }}
      sx={{ cursor: 'pointer', '& td': { verticalAlign: 'top' }, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 } }}
    >
      <TableCell>
        <RollupChip severity={severity} />
      </TableCell>
      <TableCell className="cert-col-wide">
        <Box component="span" sx={{ color: SIDE_COLOR[entry.product], fontWeight: 600, fontSize: 12 }}>
          {t(`topology.side.${entry.product}`)}
        </Box>
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-word' }}>
        <Box component="span" className="cert-col-folded" sx={{ color: SIDE_COLOR[entry.product], fontWeight: 600, fontSize: 11.5 }}>
          {t(`topology.side.${entry.product}`)}
        </Box>
        {entry.server}
        {entry.pool && entry.pool !== entry.server && <Box sx={{ color: 'text.secondary', fontSize: 11.5 }}>{t('certificates.pool', { pool: entry.pool })}</Box>}
        <Box className="cert-col-folded" sx={{ mt: 0.25 }}>
          <UsageChips usage={entry.usage} complete={entry.usageComplete !== false} />
        </Box>
      </TableCell>
      <TableCell className="cert-col-wide">
        <UsageChips usage={entry.usage} complete={entry.usageComplete !== false} />
      </TableCell>
      <TableCell sx={{ wordBreak: 'break-word' }}>
        {cert ? (
          <>
            <Box sx={{ fontWeight: 500 }}>{cert.subjectCommonName ?? cert.subject}</Box>
            {cert.subjectCommonName && cert.subject !== `CN=${cert.subjectCommonName}` && <Box sx={{ color: 'text.secondary', fontSize: 11.5 }}>{cert.subject}</Box>}
          </>
        ) : (
          <Box component="span" sx={{ color: 'error.main' }}>
            {t('certificates.unreadable', { message: entry.unreadable ?? '' })}
          </Box>
        )}
      </TableCell>
      <TableCell sx={{ fontFamily: MONO_FONT, fontSize: '11.5px !important', wordBreak: 'break-all', lineHeight: 1.45 }} title={cert?.thumbprint}>
        {cert?.thumbprint ?? ''}
      </TableCell>
      <TableCell>
        {cert && (
          <>
            <Box>{formatDate(language, cert.notAfter)}</Box>
            <Box sx={{ fontSize: 11.5, ml: -0.75 }}>
              <ExpiryText notAfter={cert.notAfter} now={now} />
            </Box>
          </>
        )}
      </TableCell>
    </TableRow>
  );
}
