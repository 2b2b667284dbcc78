/**
 * One certificate's fields and its findings (cert.* rules), the same in the inventory's details and
 * in an inspected file: subject, issuer, thumbprint as Windows shows it, validity, key, SANs, EKU…
 */
import Box from '@mui/material/Box';
import Chip from '@mui/material/Chip';
import Typography from '@mui/material/Typography';
import { createContext, type ReactNode, useContext } from 'react';
import type { InspectedCertificate } from '../../../../shared/certificates/cert-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { renderDiagnostic } from '../../../../shared/i18n/translate';
import { SeverityChip } from '../../components/severity-chip';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { formatDate } from './format';
import { sortFindings } from './inventory-model';
import { daysLeft } from './timeline-scale';

/**
 * `dense`: two fields per line (label, value, label, value), the long ones across the line; otherwise
 * (the details panel, about 400 px wide) each label above its value, as certlm.msc's Details tab lists
 * them — a label column there would take the width from the values in French ("Points de distribution
 * de la liste de révocation") and break them over several lines. The label columns of the dense grid
 * are capped (fit-content) so a long label wraps instead of squeezing its value.
 */
export function CertificateFields({ cert, now, dense = false }: { cert: InspectedCertificate; now: Date; dense?: boolean }) {
  const { t, language } = useI18n();
  const none = (
    <Box component="span" sx={{ color: 'text.secondary' }}>
      {t('certificates.none')}
    </Box>
  );
  const key = cert.keySize !== null ? t('certificates.field.keyValue', { algorithm: cert.keyAlgorithm, bits: cert.keySize }) : cert.keyAlgorithm;
  const basic = cert.isCA ? (cert.pathLength !== null ? t('certificates.field.caPathLength', { length: cert.pathLength }) : t('certificates.field.ca')) : t('certificates.field.endEntity');
  const wide = dense;
  const stacked = !dense;
  return (
    <StackedFields.Provider value={stacked}>
      <Box
        component="dl"
        data-layout={stacked ? 'stacked' : 'grid'}
        sx={{
          display: 'grid',
          gridTemplateColumns: dense ? 'fit-content(11rem) minmax(0, 1fr) fit-content(11rem) minmax(0, 1fr)' : 'minmax(0, 1fr)',
          columnGap: 1.5,
          rowGap: stacked ? 0 : 0.4,
          m: 0,
          fontSize: 12.5,
        }}
      >
        <Field label={t('certificates.field.subject')} wide={wide}>
          {cert.subject || none}
        </Field>
        <Field label={t('certificates.field.issuer')} wide={wide}>
          {cert.issuer}
          {cert.selfSigned && <Chip label={t('certificates.selfSigned')} sx={{ ml: 0.75, height: 18, fontSize: 11 }} />}
        </Field>
        <Field label={t('certificates.field.thumbprint')} mono wide={wide}>
          {cert.thumbprint}
        </Field>
        {cert.sha256Thumbprint && (
          <Field label={t('certInspector.field.sha256')} mono wide={wide}>
            {cert.sha256Thumbprint}
          </Field>
        )}
        <Field label={t('certificates.field.serial')} mono wide={wide}>
          {cert.serialNumber}
        </Field>
        <Field label={t('certificates.field.validity')} wide={wide}>
          {t('certificates.field.validityValue', { from: formatDate(language, cert.notBefore), to: formatDate(language, cert.notAfter) })}
          <ExpiryText notAfter={cert.notAfter} now={now} />
        </Field>
        <Field label={t('certificates.field.key')}>{key}</Field>
        <Field label={t('certificates.field.signature')}>{cert.signatureAlgorithm}</Field>
        <Field label={t('certificates.field.basicConstraints')}>{basic}</Field>
        <Field label={t('certificates.field.privateKey')}>{cert.hasPrivateKey ? t('certificates.yes') : t('certificates.no')}</Field>
        {cert.keyUsage !== undefined && (
          <Field label={t('certInspector.field.keyUsage')} wide={wide}>
            {cert.keyUsage === null ? (
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {t('certInspector.field.keyUsageAbsent')}
              </Box>
            ) : cert.keyUsage.length > 0 ? (
              cert.keyUsage.join(', ')
            ) : (
              none
            )}
          </Field>
        )}
        <Field label={t('certificates.field.san')} wide={wide}>
          {cert.subjectAltNames.length > 0 ? <ChipList items={cert.subjectAltNames} mono /> : none}
        </Field>
        <Field label={t('certificates.field.eku')} wide={wide}>
          {cert.extendedKeyUsage === null ? (
            <Box component="span" sx={{ color: 'text.secondary' }}>
              {t('certificates.field.ekuAbsent')}
            </Box>
          ) : cert.extendedKeyUsage.length > 0 ? (
            <ChipList items={cert.extendedKeyUsage} />
          ) : (
            none
          )}
        </Field>
        <Field label={t('certificates.field.crl')} wide={wide}>
          {cert.crlDistributionPoints.length > 0 ? (
            <Box sx={{ display: 'flex', flexDirection: 'column' }}>
              {cert.crlDistributionPoints.map((u) => (
                <Box key={u} component="span" sx={{ fontFamily: MONO_FONT, fontSize: 12, wordBreak: 'break-all' }}>
                  {u}
                </Box>
              ))}
            </Box>
          ) : (
            none
          )}
        </Field>
      </Box>
    </StackedFields.Provider>
  );
}

/** "in 23 days" / "expired 5 days ago", coloured when it matters. */
export function ExpiryText({ notAfter, now }: { notAfter: string; now: Date }) {
  const { t } = useI18n();
  const days = daysLeft(notAfter, now);
  if (days === null) return null;
  const text = days < 0 ? t('certificates.expiry.ago', { days: -days }) : days === 0 ? t('certificates.expiry.today') : t('certificates.expiry.in', { days });
  const color = days < 0 ? 'error.main' : days <= 30 ? 'warning.dark' : days <= 60 ? 'text.primary' : 'text.secondary';
  return (
    <Box component="span" sx={{ ml: 0.75, color, fontWeight: days <= 30 ? 600 : 400 }}>
      ({text})
    </Box>
  );
}

/** Whether the fields around are stacked (label above value): set by CertificateFields. */
const StackedFields = createContext(false);

function Field({ label, mono, wide, children }: { label: string; mono?: boolean; wide?: boolean; children: ReactNode }) {
  const stacked = useContext(StackedFields);
  return (
    <>
      <Box component="dt" sx={{ color: 'text.secondary', ...(stacked ? { fontSize: 11.5, mt: 0.6 } : { overflowWrap: 'break-word' }) }}>
        {label}
      </Box>
      <Box component="dd" sx={{ m: 0, minWidth: 0, wordBreak: mono ? 'break-all' : 'break-word', ...(wide ? { gridColumn: 'span 3' } : {}), ...(mono ? { fontFamily: MONO_FONT, fontSize: 12 } : {}) }}>
        {children}
      </Box>
    </>
  );
}

function ChipList({ items, mono }: { items: readonly string[]; mono?: boolean }) {
  return (
    <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.5 }}>
      {items.map((s, i) => (
        <Chip key={`${s}-${i}`} label={s} variant="outlined" sx={{ height: 20, fontSize: 11.5, ...(mono ? { fontFamily: MONO_FONT } : {}) }} />
      ))}
    </Box>
  );
}

/** The per-certificate findings, worst first, in the language on screen. */
export function CertFindings({ findings }: { findings: readonly Diagnostic[] }) {
  const { t, language } = useI18n();
  if (findings.length === 0) {
    return <Typography sx={{ color: 'success.dark', fontSize: 12.5 }}>{t('certificates.findings.none')}</Typography>;
  }
  return (
    <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0, display: 'flex', flexDirection: 'column', gap: 0.5 }}>
      {sortFindings(findings).map((f, i) => (
        <Box
          component="li"
          key={`${f.rule}-${i}`}
          data-testid="cert-finding"
          data-rule={f.rule}
          data-severity={f.severity}
          sx={{ display: 'flex', alignItems: 'baseline', gap: 0.75, flexWrap: 'wrap' }}
        >
          <SeverityChip severity={f.severity} />
          <Box component="span" sx={{ fontFamily: MONO_FONT, fontSize: 11.5, color: 'text.secondary' }}>
            {f.rule}
          </Box>
          <Box component="span" sx={{ fontSize: 12.5 }}>
            {renderDiagnostic(language, f).message}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
