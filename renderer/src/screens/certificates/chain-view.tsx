/**
 * An inspected file's certificates as KeyStore Explorer and certlm.msc show a chain: a tree from the
 * root down (each node its subject, validity, and whether its issuer's key verifies its signature) with
 * the verdict above it (shared/certificates/chain.ts); the export of any certificate as PEM or DER; and,
 * judged for a purpose, what stops when it expires and the renewal steps (shared/certificates/renewal.ts).
 */
import Alert from '@mui/material/Alert';
import Box from '@mui/material/Box';
import Button from '@mui/material/Button';
import Typography from '@mui/material/Typography';
import type { InspectedCertificate } from '../../../../shared/certificates/cert-model';
import { type ChainNode, type ChainReport, chainVerdictMessage } from '../../../../shared/certificates/chain';
import { exportFileName, type ExportFormat, pemFromBase64 } from '../../../../shared/certificates/export';
import { type RenewalTarget, renewalPlan } from '../../../../shared/certificates/renewal';
import type { CertPurpose } from '../../../../shared/certificates/cert-model';
import { renderFixText } from '../../../../shared/i18n/translate';
import { useI18n } from '../../i18n';
import { MONO_FONT } from '../../theme';
import { bytesFromBase64 } from './base64';
import { formatDate } from './format';

const VERDICT_SEVERITY = { complete: 'success', 'wrong-order': 'warning', 'root-missing': 'error', 'broken-signature': 'error' } as const;

export function ChainTree({ chain, certs }: { chain: ChainReport; certs: readonly InspectedCertificate[] }) {
  const { t, td } = useI18n();
  const verdict = chainVerdictMessage(chain, certs);
  const severity = chain.verdict === 'complete' && chain.trustedRoot === false ? 'warning' : VERDICT_SEVERITY[chain.verdict];
  return (
    <Box component="section" data-testid="chain" sx={{ borderTop: 1, borderColor: 'divider', pt: 1, display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Typography variant="h3" component="h4" sx={{ fontSize: 12, color: 'text.secondary' }}>
        {t('certInspector.chain.title')}
      </Typography>
      <Alert severity={severity} data-testid="chain-verdict" data-verdict={chain.verdict} sx={{ py: 0, fontSize: 12.5 }}>
        {td(verdict.key, verdict.params)}
        {!chain.orderJudged && chain.tops.length > 0 && (
          <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}>
            {t('certInspector.verdict.orderNotJudged')}
          </Box>
        )}
      </Alert>
      <Box component="ul" role="tree" aria-label={t('certInspector.chain.title')} sx={{ listStyle: 'none', m: 0, p: 0 }}>
        {chain.tops.map((n, i) => (
          <TreeNode key={`${n.thumbprint ?? n.subject}-${i}`} node={n} depth={0} />
        ))}
      </Box>
    </Box>
  );
}

function TreeNode({ node, depth }: { node: ChainNode; depth: number }) {
  const { t, language } = useI18n();
  const signatureColor = node.signature === 'valid' ? 'success.dark' : node.signature === 'invalid' ? 'error.main' : 'text.secondary';
  return (
    <Box
      component="li"
      role="treeitem"
      aria-expanded={node.children.length > 0 ? true : undefined}
      data-testid="chain-node"
      data-index={node.index ?? ''}
      data-source={node.source}
      data-signature={node.signature}
      sx={{ pl: depth === 0 ? 0 : 2, borderLeft: depth === 0 ? 0 : 1, borderColor: 'divider', ml: depth === 0 ? 0 : 0.75 }}
    >
      <Box sx={{ py: 0.25, fontSize: 12.5, minWidth: 0 }}>
        <Box component="span" sx={{ fontWeight: 600, wordBreak: 'break-word', color: node.source === 'missing' ? 'error.main' : 'text.primary' }}>
          {node.source === 'missing' ? t('certInspector.node.missing', { subject: node.subject }) : node.subject}
        </Box>
        <Box component="span" sx={{ display: 'block', color: 'text.secondary', fontSize: 12 }}>
          {node.source === 'trusted' ? t('certInspector.node.trusted') : node.index !== null ? t('certInspector.node.position', { position: node.index + 1 }) : ''}
          {node.notBefore && node.notAfter && <> · {t('certInspector.node.validity', { from: formatDate(language, node.notBefore), to: formatDate(language, node.notAfter) })}</>}
          {node.source !== 'missing' && (
            <Box component="span" sx={{ color: signatureColor }}>
              {' '}
              · {t(`certInspector.signature.${node.signature}`)}
            </Box>
          )}
        </Box>
      </Box>
      {node.children.length > 0 && (
        <Box component="ul" role="group" sx={{ listStyle: 'none', m: 0, p: 0 }}>
          {node.children.map((c, i) => (
            <TreeNode key={`${c.thumbprint ?? c.subject}-${i}`} node={c} depth={depth + 1} />
          ))}
        </Box>
      )}
    </Box>
  );
}

/** Saves the certificate as a file: a download in the browser, Electron's save dialog in the app. */
function download(cert: InspectedCertificate, format: ExportFormat) {
  if (!cert.derBase64) return;
  const body = format === 'pem' ? pemFromBase64(cert.derBase64) : bytesFromBase64(cert.derBase64);
  const blob = new Blob([body as BlobPart], { type: format === 'pem' ? 'application/x-pem-file' : 'application/pkix-cert' });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = exportFileName(cert.subjectCommonName, cert.thumbprint, format);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ExportButtons({ cert, position }: { cert: InspectedCertificate; position: number }) {
  const { t } = useI18n();
  if (!cert.derBase64) return null;
  const label = t('certInspector.export.label', { position, subject: cert.subjectCommonName ?? cert.subject });
  return (
    <Box role="group" aria-label={label} sx={{ display: 'inline-flex', gap: 0.5 }}>
      {(['pem', 'der'] as const).map((f) => (
        <Button key={f} size="small" variant="outlined" data-testid={`export-${f}`} onClick={() => download(cert, f)} sx={{ py: 0, minHeight: 24, fontSize: 12 }}>
          {t(`certInspector.export.${f}`)}
        </Button>
      ))}
    </Box>
  );
}

/** What stops when the certificate expires, and the steps to renew it (with the exact commands). */
export function RenewalView({ purpose, cert, target }: { purpose: CertPurpose; cert: Pick<InspectedCertificate, 'subjectCommonName' | 'subjectAltNames'>; target: RenewalTarget }) {
  const { t, td, language } = useI18n();
  const plan = renewalPlan(purpose, cert, { server: t('certInspector.placeholder.server'), ...target });
  return (
    <Box data-testid="renewal" data-purpose={purpose} sx={{ display: 'flex', flexDirection: 'column', gap: 0.75 }}>
      <Box>
        <Typography variant="h3" component="h4" sx={{ fontSize: 12, color: 'text.secondary', mb: 0.25 }}>
          {t('certInspector.expiry.title')}
        </Typography>
        <Typography data-testid="expiry-impact" sx={{ fontSize: 12.5 }}>
          {td(plan.impactKey)}
        </Typography>
      </Box>
      <Box>
        <Typography variant="h3" component="h4" sx={{ fontSize: 12, color: 'text.secondary', mb: 0.25 }}>
          {t('certInspector.renewal.title')}
        </Typography>
        <Box component="ol" sx={{ m: 0, pl: 2.5, display: 'flex', flexDirection: 'column', gap: 0.5, fontSize: 12.5 }}>
          {plan.steps.map((s, i) => (
            <Box component="li" key={i} data-testid="renewal-step" data-side={s.side} data-restart={s.restart ? 'true' : 'false'}>
              <Box component="span" sx={{ color: 'text.secondary' }}>
                {td(`certInspector.side.${s.side}`)} —{' '}
              </Box>
              {td(s.key, s.params)}
              {s.command && (
                <Box
                  component="code"
                  data-testid="renewal-command"
                  sx={{ display: 'block', fontFamily: MONO_FONT, fontSize: 11.5, bgcolor: '#f3f4f6', px: 0.75, py: 0.25, mt: 0.25, borderRadius: 0.5, wordBreak: 'break-word', whiteSpace: 'pre-wrap' }}
                >
                  {renderFixText(language, s.command)}
                </Box>
              )}
            </Box>
          ))}
        </Box>
      </Box>
    </Box>
  );
}
