/**
 * `umc cert inspect FILE... [--password-file F] [--fqdn NAME] [--purpose um|skype-frontend|oauth|gateway] [--json] [--lang en|fr]`:
 * offline inspection of certificate files, judged by the per-certificate rules.
 *
 * The PFX password comes from the first line of --password-file, never from the command line. Every
 * file is reported, readable or not. Exit codes: 0 every file read and no error finding, 1 some error
 * finding, 2 some file unreadable or a wrong call (one line on stderr), 130 interrupted.
 *
 * The files are read in a worker thread (services/certificates/inspect-runner.ts), as the Certificates
 * screen does; Ctrl+C (io.signal) terminates it: the files read so far are reported, the others say
 * `cancelled`, and nothing is left running.
 */
import { cliError, languageOption, scanArgs } from './cli-args';
import { readFile } from 'node:fs/promises';
import { CERT_PURPOSES, type CertPurpose, type FileInspection, type InspectedCertificate } from '../../shared/certificates/cert-model';
import type { MessageKey } from '../../shared/i18n/en';
import { formatDateTime, type Language, type Params, renderDiagnostic, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { startInspection } from '../services/certificates/inspect-runner';
import { INTERRUPTED, oneLine, requestedLanguage } from './capture';

export interface CertIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The time the rules judge at (tests); default now. */
  readonly now?: () => Date;
  /** Aborted on Ctrl+C: the inspection stops, exit 130. */
  readonly signal?: AbortSignal;
}

interface CertOptions {
  files: string[];
  passwordFile: string | null;
  fqdn: string | null;
  purpose: CertPurpose | null;
  json: boolean;
  lang: Language | null;
}

export function parseCertInspect(args: readonly string[]): CertOptions {
  const o: CertOptions = { files: [], passwordFile: null, fqdn: null, purpose: null, json: false, lang: null };
  scanArgs(args, {
    positional: (arg) => o.files.push(arg),
    option: (a) => {
      if (a.name === '--password-file') o.passwordFile = a.value();
      else if (a.name === '--fqdn') o.fqdn = a.value().trim() || null;
      else if (a.name === '--purpose') {
        const v = a.value();
        if (!(CERT_PURPOSES as readonly string[]).includes(v)) throw cliError('cli.cert.purposeValue', { value: v });
        o.purpose = v as CertPurpose;
      } else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else if (a.name === '--password') throw cliError('cli.cert.noPasswordOption');
      else return false;
      return true;
    },
  });
  if (o.files.length === 0) throw cliError('cli.cert.needsFile');
  return o;
}

async function readPassword(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const detail = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : e instanceof Error ? e.message : String(e);
    throw cliError('cli.cert.passwordFile', { file, detail });
  }
  return text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
}

function jsonCertificate(c: InspectedCertificate, language: Language) {
  return {
    subject: c.subject,
    issuer: c.issuer,
    thumbprint: c.thumbprint,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    keyAlgorithm: c.keyAlgorithm,
    keySize: c.keySize,
    signatureAlgorithm: c.signatureAlgorithm,
    subjectAltNames: c.subjectAltNames,
    extendedKeyUsage: c.extendedKeyUsage,
    isCA: c.isCA,
    selfSigned: c.selfSigned,
    hasPrivateKey: c.hasPrivateKey,
    findings: c.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: renderDiagnostic(language, f).message })),
  };
}

export function jsonCertReport(files: readonly FileInspection[], language: Language) {
  return { files: files.map((f) => ({ file: f.file, error: f.error, certificates: f.certificates.map((c) => jsonCertificate(c, language)) })) };
}

export function textCertReport(files: readonly FileInspection[], language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines: string[] = [];
  const field = (label: MessageKey, value: string) => lines.push(`    ${t(label).padEnd(32)} ${value}`);
  const list = (xs: readonly string[] | null) => (xs && xs.length ? xs.join(', ') : t('cli.cert.noneValue'));
  let certificates = 0;
  const counts = { error: 0, warning: 0, info: 0 };
  let unreadable = 0;
  for (const f of files) {
    lines.push(f.file);
    if (f.error) {
      unreadable++;
      lines.push(`  ${t('cli.cert.fileError', { code: f.error.code, message: oneLine(f.error.message) })}`);
    }
    if (!f.error && f.certificates.length === 0) lines.push(`  ${t('cli.cert.none')}`);
    f.certificates.forEach((c, i) => {
      certificates++;
      lines.push(`  ${t('cli.cert.certificate', { index: i + 1, subject: c.subject || c.thumbprint })}`);
      field('cli.cert.issuer', c.issuer);
      field('cli.cert.thumbprint', c.thumbprint);
      field('cli.cert.serial', c.serialNumber);
      field('cli.cert.validity', t('cli.cert.validityRange', { from: formatDateTime(language, c.notBefore), to: formatDateTime(language, c.notAfter) }));
      field('cli.cert.key', c.keySize === null ? c.keyAlgorithm : `${c.keyAlgorithm} ${c.keySize}`);
      field('cli.cert.signature', c.signatureAlgorithm);
      field('cli.cert.san', list(c.subjectAltNames));
      field('cli.cert.eku', list(c.extendedKeyUsage));
      field('cli.cert.basic', c.isCA ? `${t('cli.cert.ca')}${c.pathLength !== null ? ` (pathlen ${c.pathLength})` : ''}` : t('cli.cert.endEntity'));
      if (c.selfSigned) lines[lines.length - 1] += `, ${t('cli.cert.selfSigned')}`;
      field('cli.cert.crl', list(c.crlDistributionPoints));
      field('cli.cert.privateKey', t(c.hasPrivateKey ? 'cli.cert.yes' : 'cli.cert.no'));
      if (c.findings.length === 0) lines.push(`    ${t('cli.cert.noFindings')}`);
      for (const x of c.findings) {
        counts[x.severity]++;
        lines.push(`    ${translateDynamic(language, `severity.${x.severity}`).toUpperCase().padEnd(13)} ${x.rule.padEnd(28)} ${renderDiagnostic(language, x).message}`);
      }
    });
    lines.push('');
  }
  lines.push(t('cli.cert.summary', { files: files.length, certificates, errors: counts.error, warnings: counts.warning, infos: counts.info, unreadable }));
  return lines.join('\n') + '\n';
}

export function certExitCode(files: readonly FileInspection[]): number {
  if (files.some((f) => f.error !== null)) return 2;
  return files.some((f) => f.certificates.some((c) => c.findings.some((x) => x.severity === 'error'))) ? 1 : 0;
}

/** `umc cert …`. */
export async function runCert(args: readonly string[], io: CertIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  try {
    const [sub, ...rest] = args;
    if (sub !== 'inspect') throw cliError('cli.cert.unknownCommand', { command: sub ?? '' });
    const o = parseCertInspect(rest);
    language = o.lang ?? systemLanguage;
    const password = o.passwordFile !== null ? await readPassword(o.passwordFile) : undefined;
    const now = io.now?.() ?? new Date();
    const run = startInspection(
      o.files.map((file) => ({ name: file, path: file, password })),
      { now, fqdn: o.fqdn ?? undefined, purpose: o.purpose ?? undefined, language: o.json ? (o.lang ?? 'en') : language },
      { signal: io.signal },
    );
    const { files, done, cancelled } = await run.outcome;
    if (o.json) io.out(JSON.stringify(jsonCertReport(files, o.lang ?? 'en'), null, 2) + '\n');
    else io.out(textCertReport(files, language));
    if (cancelled > 0) {
      io.err(`umc: ${translate(language, 'cli.cert.interrupted', { done, cancelled })}\n`);
      return INTERRUPTED;
    }
    return certExitCode(files);
  } catch (e) {
    if (e instanceof UserError) io.err(`umc: ${oneLine(e.render(language))}\n`);
    else io.err(`umc: internal error: ${oneLine(e instanceof Error ? e.message : String(e))}\n`);
    return 2;
  }
}
