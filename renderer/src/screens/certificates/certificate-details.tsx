/** The details of one certificate in use, on the right of the inventory: where it is used, every field, its findings. */
import Box from '@mui/material/Box';
import ButtonBase from '@mui/material/ButtonBase';
import IconButton from '@mui/material/IconButton';
import Typography from '@mui/material/Typography';
import type { ReactNode } from 'react';
import type { CertificateInventory, InventoryCertificate } from '../../../../shared/certificates/inventory-model';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import { type ObjectRef, refKey } from '../../../../shared/model/org';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { CertFindings, CertificateFields } from './cert-fields';
import { UsageChips } from './chips';
import { RenewalView } from './chain-view';
import { purposeOfUsage } from '../../../../shared/certificates/renewal';

interface Props {
  readonly entry: InventoryCertificate;
  readonly inventory: CertificateInventory;
  readonly now: Date;
  readonly onClose: () => void;
  readonly onShowObject: (ref: ObjectRef) => void;
}

export function CertificateDetails({ entry, inventory, now, onClose, onShowObject }: Props) {
  const { t, language } = useI18n();
  const key = refKey(entry.ref);
  // The org rules that name this certificate (or its server, for a missing one).
  const orgFindings = inventory.findings.filter((f) => f.objects.some((o) => refKey(o) === key));
  const cert = entry.certificate;
  // What it is used for decides what stops when it expires and how it is renewed.
  const usedFor = cert ? purposeOfUsage(entry.product, entry.usage, cert.subjectCommonName) : null;
  return (
    <Box
      component="aside"
      data-testid="cert-details"
      data-thumbprint={cert?.thumbprint ?? ''}
      aria-label={t('certificates.details.title')}
      sx={{
        width: 'clamp(300px, 32vw, 440px)',
        flexShrink: 0,
        borderLeft: 1,
        borderColor: 'divider',
        bgcolor: 'background.paper',
        overflowY: 'auto',
        px: 2,
        py: 1.5,
        display: 'flex',
        flexDirection: 'column',
        gap: 1.5,
      }}
    >
      <Box sx={{ display: 'flex', alignItems: 'flex-start', gap: 1 }}>
        <Box sx={{ flex: 1, minWidth: 0 }}>
          <Typography sx={{ fontSize: 11.5, color: 'text.secondary' }}>{t('certificates.details.title')}</Typography>
          <Typography variant="h2" component="h2" sx={{ wordBreak: 'break-word' }}>
            {cert?.subjectCommonName ?? cert?.subject ?? entry.server}
          </Typography>
        </Box>
        <IconButton aria-label={t('certificates.details.close')} data-testid="cert-details-close" onClick={onClose}>
          <Box component="span" aria-hidden sx={{ fontSize: 18, lineHeight: 1, width: 18 }}>
            ×
          </Box>
        </IconButton>
      </Box>
      <Part title={t('certificates.details.usedBy')}>
        <Box component="dl" sx={{ display: 'grid', gridTemplateColumns: 'max-content minmax(0, 1fr)', columnGap: 1.5, rowGap: 0.4, m: 0, fontSize: 12.5 }}>
          <Box component="dt" sx={{ color: 'text.secondary' }}>
            {t('certificates.column.product')}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            {t(`topology.side.${entry.product}`)}
          </Box>
          <Box component="dt" sx={{ color: 'text.secondary' }}>
            {t('certificates.column.server')}
          </Box>
          <Box component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>
            {entry.server}
          </Box>
          {entry.pool && (
            <>
              <Box component="dt" sx={{ color: 'text.secondary' }}>
                {t('certificates.field.pool')}
              </Box>
              <Box component="dd" sx={{ m: 0, wordBreak: 'break-word' }}>
                {entry.pool}
              </Box>
            </>
          )}
          <Box component="dt" sx={{ color: 'text.secondary' }}>
            {t('certificates.column.usage')}
          </Box>
          <Box component="dd" sx={{ m: 0 }}>
            <UsageChips usage={entry.usage} complete={entry.usageComplete !== false} />
          </Box>
        </Box>
      </Part>
      {cert ? (
        <>
          <Part title={t('certificates.findings.title')}>
            <CertFindings findings={cert.findings} />
          </Part>
          <Part title={t('certificates.details.fields')}>
            <CertificateFields cert={cert} now={now} />
          </Part>
          {usedFor && (
            <Part title={t('certInspector.renewal.title')}>
              <RenewalView purpose={usedFor.purpose} cert={cert} target={{ ...usedFor.target, server: entry.server, fqdn: entry.server }} />
            </Part>
          )}
        </>
      ) : (
        <Typography sx={{ color: 'error.main' }}>{t('certificates.unreadable', { message: entry.unreadable ?? '' })}</Typography>
      )}
      {orgFindings.length > 0 && (
        <Part title={t('certificates.details.orgFindings')}>
          <Box sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
            {orgFindings.map((f, i) => {
              const text = renderDiagnostic(language, f);
              return (
                <Box key={`${f.rule}-${i}`} data-testid="details-org-finding" data-rule={f.rule} sx={{ display: 'flex', flexDirection: 'column', gap: 0.25 }}>
                  <Box sx={{ display: 'flex', alignItems: 'center', gap: 0.75 }}>
                    <SeverityChip severity={f.severity} />
                    <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 11.5, color: 'text.secondary' }}>
                      {f.rule}
                    </Box>
                    <Box component="span" sx={{ fontWeight: 600, fontSize: 12.5 }}>
                      {text.title}
                    </Box>
                  </Box>
                  <Typography sx={{ fontSize: 12.5 }}>{text.message}</Typography>
                  {f.objects
                    .filter((o) => refKey(o) !== key)
                    .map((o) => (
                      <ButtonBase key={refKey(o)} onClick={() => onShowObject(o)} sx={{ alignSelf: 'flex-start', color: 'primary.main', fontSize: 12, textDecoration: 'underline' }}>
                        {inventory.labels[refKey(o)] ?? o.id}
                      </ButtonBase>
                    ))}
                </Box>
              );
            })}
          </Box>
        </Part>
      )}
    </Box>
  );
}

function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Box component="section">
      <Typography variant="h3" component="h3" sx={{ fontSize: 12, color: 'text.secondary', mb: 0.5, textTransform: 'uppercase', letterSpacing: 0.3 }}>
        {title}
      </Typography>
      {children}
    </Box>
  );
}
