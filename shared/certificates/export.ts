/**
 * Exporting one certificate of an inspected file, as KeyStore Explorer does: PEM (RFC 7468 §5: the
 * "CERTIFICATE" label, base64 in lines of 64 characters) or DER (the bytes themselves). Pure: the
 * renderer (a download) and `umc cert export` (a file) both take the text or name from here.
 */

export type ExportFormat = 'pem' | 'der';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['pem', 'der'];

/** The PEM text of a certificate given as base64 DER (any line breaks in it are dropped). */
export function pemFromBase64(derBase64: string): string {
  const body = derBase64.replace(/\s+/g, '');
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += 64) lines.push(body.slice(i, i + 64));
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

/**
 * A file name for the export: the subject's CN (else the thumbprint's first 16 digits), with only
 * letters, digits, '.', '-' and '_' (a wildcard CN gives "wildcard"), and the extension Windows opens:
 * .pem or .cer (certmgr reads DER as .cer).
 */
export function exportFileName(subjectCommonName: string | null, thumbprint: string, format: ExportFormat): string {
  const base = (subjectCommonName ?? '')
    .replace(/^\*\./, 'wildcard.')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 80);
  return `${base || thumbprint.slice(0, 16)}.${format === 'pem' ? 'pem' : 'cer'}`;
}
