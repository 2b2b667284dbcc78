/**
 * `umc cert inspect FILE... [--password-file F] [--trusted-roots PEM] [--fqdn NAME] [--purpose um|skype-frontend|oauth|gateway] [--json] [--lang en|fr]`:
 * offline inspection of certificate files, judged by the per-certificate rules, each file's chain as a
 * tree with its verdict (shared/certificates/chain.ts) and, with --purpose, what stops when the
 * certificate expires and how to renew it (shared/certificates/renewal.ts).
 * `umc cert export FILE [--index N] --format pem|der --out OUT [--password-file F]`: one certificate of
 * FILE written to OUT (atomically), as PEM or DER.
 *
 * The PFX password comes from the first line of --password-file or the UMC_PFX_PASSWORD environment
 * variable, never from the command line; without either, on a terminal it is asked for without echo
 * (password-prompt.ts), and without a terminal one line on stderr says how to give it. Every
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
import { formatDateTime, type Language, type Params, renderDiagnostic, renderFixText, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { startInspection } from '../services/certificates/inspect-runner';
import { readTrustedRoots } from '../services/certificates/trusted-roots';
import { writeFileAtomic } from '../services/atomic-write';
import { type ChainNode, type ChainReport, chainVerdictMessage } from '../../shared/certificates/chain';
import { EXPORT_FORMATS, type ExportFormat, pemFromBase64 } from '../../shared/certificates/export';
import { purposeOfUsage, renewalPlan } from '../../shared/certificates/renewal';
import { INTERRUPTED, oneLine, requestedLanguage } from './capture';

export interface CertIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The time the rules judge at (tests); default now. */
  readonly now?: () => Date;
  /** Aborted on Ctrl+C: the inspection stops, exit 130. */
  readonly signal?: AbortSignal;
  /** Asks for a PFX password without echo; given by umc.ts only where stdin is a terminal. */
  readonly readPassword?: (prompt: string) => Promise<string | null>;
  /** The environment (UMC_PFX_PASSWORD); default none. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

interface CertOptions {
  files: string[];
  passwordFile: string | null;
  fqdn: string | null;
  purpose: CertPurpose | null;
  json: boolean;
  lang: Language | null;
  trustedRoots: string | null;
}

export function parseCertInspect(args: readonly string[]): CertOptions {
  const o: CertOptions = { files: [], passwordFile: null, fqdn: null, purpose: null, json: false, lang: null, trustedRoots: null };
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
      else if (a.name === '--trusted-roots') o.trustedRoots = a.value();
      else if (a.name === '--password') throw cliError('cli.cert.noPasswordOption');
      else return false;
      return true;
    },
  });
  if (o.files.length === 0) throw cliError('cli.cert.needsFile');
  return o;
}

interface ExportOptions {
  file: string | null;
  index: number;
  format: ExportFormat | null;
  out: string | null;
  passwordFile: string | null;
  lang: Language | null;
}

export function parseCertExport(args: readonly string[]): ExportOptions {
  const o: ExportOptions = { file: null, index: 1, format: null, out: null, passwordFile: null, lang: null };
  let indexText: string | null = null;
  scanArgs(args, {
    positional: (arg) => {
      if (o.file !== null) throw cliError('cli.unknownOption', { option: arg });
      o.file = arg;
    },
    option: (a) => {
      if (a.name === '--index') indexText = a.value();
      else if (a.name === '--format') {
        const v = a.value().toLowerCase();
        if (!(EXPORT_FORMATS as readonly string[]).includes(v)) throw cliError('cli.cert.export.format', { value: v });
        o.format = v as ExportFormat;
      } else if (a.name === '--out') o.out = a.value();
      else if (a.name === '--password-file') o.passwordFile = a.value();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else if (a.name === '--password') throw cliError('cli.cert.noPasswordOption');
      else return false;
      return true;
    },
  });
  if (o.file === null) throw cliError('cli.cert.export.needsFile');
  if (o.format === null) throw cliError('cli.cert.export.format', { value: '' });
  if (o.out === null) throw cliError('cli.cert.export.needsOut');
  if (indexText !== null) {
    const n = /^\d{1,4}$/.test(indexText) ? Number(indexText) : NaN;
    if (!(n >= 1)) throw cliError('cli.cert.export.index', { value: indexText, count: '…' });
    o.index = n;
  }
  return o;
}

/** The environment variable a PFX password may come from (never the command line, never logged). */
export const PFX_PASSWORD_ENV = 'UMC_PFX_PASSWORD';

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
    sha256Thumbprint: c.sha256Thumbprint ?? null,
    serialNumber: c.serialNumber,
    notBefore: c.notBefore,
    notAfter: c.notAfter,
    keyAlgorithm: c.keyAlgorithm,
    keySize: c.keySize,
    signatureAlgorithm: c.signatureAlgorithm,
    subjectAltNames: c.subjectAltNames,
    extendedKeyUsage: c.extendedKeyUsage,
    keyUsage: c.keyUsage ?? null,
    isCA: c.isCA,
    pathLength: c.pathLength,
    selfSigned: c.selfSigned,
    hasPrivateKey: c.hasPrivateKey,
    findings: c.findings.map((f) => ({ rule: f.rule, severity: f.severity, message: renderDiagnostic(language, f).message })),
  };
}

export function jsonCertReport(files: readonly FileInspection[], language: Language) {
  return {
    summary: batchCounts(files),
    files: files.map((f) => ({ file: f.file, error: f.error, certificates: f.certificates.map((c) => jsonCertificate(c, language)), chain: f.chain ?? null })),
  };
}

/** "12 files: 10 read, 2 refused": the batch at a glance (the Certificates screen shows the same line). */
export function batchCounts(files: readonly FileInspection[]): { files: number; read: number; refused: number } {
  const refused = files.filter((f) => f.error !== null).length;
  return { files: files.length, read: files.length - refused, refused };
}

/** The chain tree, drawn as `tree` draws a directory: the root first, each certificate under its issuer. */
export function chainLines(chain: ChainReport, certificates: readonly InspectedCertificate[], language: Language): string[] {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines: string[] = [];
  const walk = (n: ChainNode, prefix: string, last: boolean, top: boolean) => {
    const branch = top ? '' : last ? '└─ ' : '├─ ';
    const where =
      n.source === 'missing'
        ? t('certInspector.node.missing', { subject: n.subject })
        : `${n.subject}  [${n.source === 'trusted' ? t('certInspector.node.trusted') : `#${(n.index ?? 0) + 1}`}; ${t(`certInspector.signature.${n.signature}`)}]`;
    lines.push(`    ${prefix}${branch}${where}`);
    if (n.notBefore && n.notAfter)
      lines.push(`    ${prefix}${top ? '' : last ? '   ' : '│  '}   ${t('certInspector.node.validity', { from: formatDateTime(language, n.notBefore), to: formatDateTime(language, n.notAfter) })}`);
    const childPrefix = prefix + (top ? '' : last ? '   ' : '│  ');
    n.children.forEach((c, i) => walk(c, childPrefix, i === n.children.length - 1, false));
  };
  chain.tops.forEach((top) => walk(top, '', true, true));
  lines.push(`    ${t('cli.cert.verdictLine', { verdict: chainVerdictText(chain, certificates, language) })}`);
  if (!chain.orderJudged && chain.tops.length > 0) lines.push(`    ${t('certInspector.verdict.orderNotJudged')}`);
  return lines;
}

/** The verdict as a sentence (the screen says the same: chainVerdictMessage). */
export function chainVerdictText(chain: ChainReport, certificates: readonly InspectedCertificate[], language: Language): string {
  const m = chainVerdictMessage(chain, certificates);
  return translateDynamic(language, m.key, m.params);
}

/** What stops when the certificate expires, and the renewal steps with their commands (--purpose). */
function renewalLines(purpose: CertPurpose, c: InspectedCertificate, language: Language, fqdn: string | null): string[] {
  const t = (k: string, p?: Params) => translateDynamic(language, k, p);
  const where = fqdn ? { server: fqdn, fqdn } : { server: t('certInspector.placeholder.server') };
  const target = purpose === 'oauth' ? { ...where, ...(purposeOfUsage('exchange', [], c.subjectCommonName)?.target ?? { side: 'skype' as const }) } : where;
  const plan = renewalPlan(purpose, c, target);
  const out = [`    ${t('cli.cert.expiry')}`, `      ${t(plan.impactKey)}`, `    ${t('cli.cert.renewal')}`];
  plan.steps.forEach((s, i) => {
    out.push(`      ${i + 1}. [${t(`certInspector.side.${s.side}`)}] ${t(s.key, s.params)}`);
    if (s.command) out.push(`         ${renderFixText(language, s.command)}`);
  });
  return out;
}

export function textCertReport(files: readonly FileInspection[], language: Language, purpose: CertPurpose | null = null, fqdn: string | null = null): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines: string[] = [t('certInspector.summary', batchCounts(files)), ''];
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
      if (c.sha256Thumbprint) field('certInspector.field.sha256', c.sha256Thumbprint);
      field('cli.cert.serial', c.serialNumber);
      field('cli.cert.validity', t('cli.cert.validityRange', { from: formatDateTime(language, c.notBefore), to: formatDateTime(language, c.notAfter) }));
      field('cli.cert.key', c.keySize === null ? c.keyAlgorithm : `${c.keyAlgorithm} ${c.keySize}`);
      field('cli.cert.signature', c.signatureAlgorithm);
      field('cli.cert.san', list(c.subjectAltNames));
      field('cli.cert.eku', list(c.extendedKeyUsage));
      if (c.keyUsage !== undefined) field('certInspector.field.keyUsage', c.keyUsage === null ? t('certInspector.field.keyUsageAbsent') : list(c.keyUsage));
      field('cli.cert.basic', c.isCA ? `${t('cli.cert.ca')}${c.pathLength !== null ? ` (pathlen ${c.pathLength})` : ''}` : t('cli.cert.endEntity'));
      if (c.selfSigned) lines[lines.length - 1] += `, ${t('cli.cert.selfSigned')}`;
      field('cli.cert.crl', list(c.crlDistributionPoints));
      field('cli.cert.privateKey', t(c.hasPrivateKey ? 'cli.cert.yes' : 'cli.cert.no'));
      if (c.findings.length === 0) lines.push(`    ${t('cli.cert.noFindings')}`);
      for (const x of c.findings) {
        counts[x.severity]++;
        lines.push(`    ${translateDynamic(language, `severity.${x.severity}`).toUpperCase().padEnd(13)} ${x.rule.padEnd(28)} ${renderDiagnostic(language, x).message}`);
      }
      if (purpose && !c.isCA) lines.push(...renewalLines(purpose, c, language, fqdn));
    });
    if (f.chain && f.certificates.length > 0) {
      lines.push(`  ${t('cli.cert.chain')}`);
      lines.push(...chainLines(f.chain, f.certificates, language));
    }
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
    if (sub === 'export') return await runExport(rest, io, systemLanguage);
    if (sub !== 'inspect') throw cliError('cli.cert.unknownCommand', { command: sub ?? '' });
    const o = parseCertInspect(rest);
    language = o.lang ?? systemLanguage;
    const password = o.passwordFile !== null ? await readPassword(o.passwordFile) : passwordFromEnv(io);
    const trustedRoots = o.trustedRoots !== null ? await trustedRootsOf(o.trustedRoots, language) : [];
    const now = io.now?.() ?? new Date();
    const options = { now, fqdn: o.fqdn ?? undefined, purpose: o.purpose ?? undefined, language: o.json ? (o.lang ?? 'en') : language, trustedRoots };
    const run = startInspection(
      o.files.map((file) => ({ name: file, path: file, password })),
      options,
      { signal: io.signal },
    );
    const outcome = await run.outcome;
    const { done, cancelled } = outcome;
    let files = outcome.files;
    if (password === undefined && cancelled === 0) files = await askForPasswords(files, io, language, (file, pw) => inspectOne(file, pw, options, io));
    if (o.json) io.out(JSON.stringify(jsonCertReport(files, o.lang ?? 'en'), null, 2) + '\n');
    else io.out(textCertReport(files, language, o.purpose, o.fqdn));
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

function passwordFromEnv(io: CertIo): string | undefined {
  const v = io.env?.[PFX_PASSWORD_ENV];
  return v === undefined || v === '' ? undefined : v;
}

async function trustedRootsOf(file: string, language: Language): Promise<string[]> {
  try {
    return (await readTrustedRoots(file, language)).map((c) => c.derBase64).filter((b): b is string => b !== undefined);
  } catch (e) {
    throw cliError('cli.cert.trustedRoots', { file, detail: e instanceof UserError ? e.render(language) : e instanceof Error ? e.message : String(e) });
  }
}

async function inspectOne(file: string, password: string | undefined, options: Parameters<typeof startInspection>[1], io: CertIo): Promise<FileInspection> {
  const { files } = await startInspection([{ name: file, path: file, password }], options, { signal: io.signal }).outcome;
  return files[0]!;
}

/**
 * The PFX files that need a password and got none: on a terminal (io.readPassword) each is asked for
 * without echo and read again with it — once; without a terminal, one line on stderr per file says how
 * to give it. The password is used for that file only and never printed.
 */
export async function askForPasswords(
  files: readonly FileInspection[],
  io: Pick<CertIo, 'readPassword' | 'err' | 'signal'>,
  language: Language,
  again: (file: string, password: string) => Promise<FileInspection>,
): Promise<FileInspection[]> {
  const out = [...files];
  for (let i = 0; i < out.length; i++) {
    if (out[i].error?.code !== 'password-required') continue;
    if (!io.readPassword) {
      io.err(`umc: ${translate(language, 'cli.cert.passwordHow', { file: out[i].file })}\n`);
      continue;
    }
    if (io.signal?.aborted) break;
    const typed = await io.readPassword(translate(language, 'cli.cert.passwordPrompt', { file: out[i].file }));
    if (typed === null) continue;
    out[i] = await again(out[i].file, typed);
  }
  return out;
}

/** `umc cert export FILE [--index N] --format pem|der --out OUT`: one certificate of the file, written whole or not at all. */
async function runExport(args: readonly string[], io: CertIo, systemLanguage: Language): Promise<number> {
  const o = parseCertExport(args);
  const language = o.lang ?? systemLanguage;
  const password = o.passwordFile !== null ? await readPassword(o.passwordFile) : passwordFromEnv(io);
  const options = { now: io.now?.() ?? new Date(), language };
  const file = o.file!;
  const [inspection] = await askForPasswords([await inspectOne(file, password, options, io)], password === undefined ? io : { ...io, readPassword: undefined }, language, (f, pw) =>
    inspectOne(f, pw, options, io),
  );
  if (inspection.error) throw cliError('cli.cert.export.unreadable', { file, message: oneLine(inspection.error.message) });
  const cert = inspection.certificates[o.index - 1];
  if (!cert?.derBase64) throw cliError('cli.cert.export.index', { value: String(o.index), count: inspection.certificates.length });
  const data = o.format === 'pem' ? pemFromBase64(cert.derBase64) : Buffer.from(cert.derBase64, 'base64');
  await writeFileAtomic(o.out!, data);
  io.out(translate(language, 'cli.cert.export.written', { index: o.index, file, subject: cert.subject || cert.thumbprint, out: o.out!, format: o.format!.toUpperCase() }) + '\n');
  return 0;
}
