/**
 * `umc probe TARGET... [--timeout MS] [--concurrency N] [--ca FILE] [--client-cert FILE --client-key FILE] [--json] [--lang en|fr]`:
 * SIP OPTIONS reachability of each target.
 *
 * Exit codes: 0 every target ok, 1 some target not ok, 2 a malformed target or option (one line on
 * stderr; the well-formed targets are still probed when only targets are malformed).
 */
import { cliError, languageOption, scanArgs } from './cli-args';
import { readFile } from 'node:fs/promises';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, renderDiagnostic, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { DEFAULT_PROBE_CONCURRENCY, DEFAULT_PROBE_TIMEOUT_MS, parseTarget, type ProbeResult, type ProbeTarget } from '../../shared/sip/probe-model';
import { type ProbeResolver, sweepTargets } from '../services/sip/sip-prober';
import { oneLine, requestedLanguage } from './capture';

export interface ProbeIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly signal?: AbortSignal;
  /** Tests: a resolver instead of the system's. */
  readonly resolve?: ProbeResolver;
}

interface ProbeCliOptions {
  targets: string[];
  timeoutMs: number;
  concurrency: number;
  ca: string | null;
  clientCert: string | null;
  clientKey: string | null;
  json: boolean;
  lang: Language | null;
}

function integer(option: string, v: string, min: number, max: number): number {
  if (!/^[0-9]+$/.test(v) || Number(v) < min || Number(v) > max) throw cliError('cli.probe.badNumber', { option, value: v, min: String(min), max: String(max) });
  return Number(v);
}

export function parseProbeArgs(args: readonly string[]): ProbeCliOptions {
  const o: ProbeCliOptions = { targets: [], timeoutMs: DEFAULT_PROBE_TIMEOUT_MS, concurrency: DEFAULT_PROBE_CONCURRENCY, ca: null, clientCert: null, clientKey: null, json: false, lang: null };
  scanArgs(args, {
    positional: (arg) => o.targets.push(arg),
    option: (a) => {
      if (a.name === '--timeout') o.timeoutMs = integer(a.name, a.value(), 100, 600_000);
      else if (a.name === '--concurrency') o.concurrency = integer(a.name, a.value(), 1, 1024);
      else if (a.name === '--ca') o.ca = a.value();
      else if (a.name === '--client-cert') o.clientCert = a.value();
      else if (a.name === '--client-key') o.clientKey = a.value();
      else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else return false;
      return true;
    },
  });
  if (o.targets.length === 0) throw cliError('cli.probe.needsTarget');
  if ((o.clientCert === null) !== (o.clientKey === null)) throw cliError('cli.probe.keyPair');
  return o;
}

async function readOption(file: string, option: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    const detail = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'a directory' : e instanceof Error ? e.message : String(e);
    throw cliError('cli.probe.readFile', { file, option, detail });
  }
}

/** The JSON of the issue: results in the order given, and a summary. */
export function jsonProbeReport(results: readonly ProbeResult[], language: Language) {
  return {
    results: results.map((r) => ({
      target: r.target,
      transport: r.transport,
      address: r.address,
      addresses: [...r.addresses],
      port: r.port,
      status: r.status,
      code: r.code,
      reason: r.reason,
      rttMs: r.rttMs,
      server: r.server,
      explanation: language === 'en' ? r.explanation : translateDynamic(language, r.explanationKey, r.explanationParams),
      // The issue's four fields, then the certificate as the certificate rules judge it.
      tls: r.tls
        ? {
            peerSubject: r.tls.peerSubject,
            peerSubjectAltNames: [...r.tls.peerSubjectAltNames],
            verified: r.tls.verified,
            error: r.tls.error,
            peerIssuer: r.tls.peerIssuer,
            peerNotAfter: r.tls.peerNotAfter,
            peerThumbprint: r.tls.peerThumbprint,
            findings: r.tls.findings.map((f) => ({
              rule: f.rule,
              severity: f.severity,
              message: renderDiagnostic(language, f).message,
            })),
          }
        : null,
    })),
    summary: { ok: results.filter((r) => r.status === 'ok').length, failed: results.filter((r) => r.status !== 'ok').length },
  };
}

export function textProbeReport(results: readonly ProbeResult[], language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  // English keeps the status token of --json (ok, refused, timeout…); French says it in words, as the Gateways screen does.
  const rows = results.map((r) => [
    language === 'en' ? r.status : translateDynamic(language, `gateways.status.${r.status}`),
    r.target,
    r.address === null ? '-' : `${r.address.includes(':') ? `[${r.address}]` : r.address}:${r.port ?? '-'}`,
    r.code === null ? '-' : `${r.code} ${r.reason ?? ''}`.trim(),
    r.rttMs === null ? '-' : `${r.rttMs} ms`,
    r.server ?? '-',
  ]);
  const head = [t('cli.probe.colStatus'), t('cli.probe.colTarget'), t('cli.probe.colAddress'), t('cli.probe.colAnswer'), t('cli.probe.colRtt'), t('cli.probe.colServer')];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const fmt = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const lines = [fmt(head)];
  results.forEach((r, i) => {
    lines.push(fmt(rows[i]!));
    lines.push(`    ${translateDynamic(language, r.explanationKey, r.explanationParams)}`);
    if (r.addresses.length > 1) lines.push(`    ${t('cli.probe.addresses', { addresses: r.addresses.join(', ') })}`);
    if (r.tls)
      lines.push(
        `    ${t('cli.probe.tls', {
          subject: r.tls.peerSubject ?? '-',
          names: r.tls.peerSubjectAltNames.join(', ') || '-',
          verified: r.tls.verified ? t('cli.probe.verified') : `${t('cli.probe.notVerified')}${r.tls.error ? ` (${r.tls.error})` : ''}`,
        })}`,
      );
    for (const f of r.tls?.findings ?? []) lines.push(`    ${translateDynamic(language, `severity.${f.severity}`).toUpperCase()} ${f.rule}: ${renderDiagnostic(language, f).message}`);
  });
  const ok = results.filter((r) => r.status === 'ok').length;
  lines.push('', t('cli.probe.summary', { ok, failed: results.length - ok }));
  return lines.join('\n') + '\n';
}

export async function runProbe(args: readonly string[], io: ProbeIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = (e: unknown): number => {
    if (e instanceof UserError) io.err(`umc: ${oneLine(e.render(language))}\n`);
    else io.err(`umc: ${translate(language, 'cli.internalError', { message: oneLine(e instanceof Error ? e.message : String(e)) })}\n`);
    return 2;
  };
  let o: ProbeCliOptions;
  let ca: Buffer[] | undefined;
  let clientCert: Buffer | undefined;
  let clientKey: Buffer | undefined;
  try {
    o = parseProbeArgs(args);
    language = o.lang ?? language;
    if (o.ca !== null) {
      const pem = (await readOption(o.ca, '--ca')).toString('utf8');
      const blocks = pem.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
      if (!blocks) throw cliError('cli.probe.noCertificate', { file: o.ca, option: '--ca' });
      ca = blocks.map((b) => Buffer.from(b + '\n'));
    }
    if (o.clientCert !== null) clientCert = await readOption(o.clientCert, '--client-cert');
    if (o.clientKey !== null) clientKey = await readOption(o.clientKey, '--client-key');
  } catch (e) {
    return fail(e);
  }
  const targets: ProbeTarget[] = [];
  let malformed = false;
  for (const raw of o.targets) {
    const p = parseTarget(raw);
    if (p.ok) targets.push(p.target);
    else {
      malformed = true;
      io.err(`umc: ${oneLine(translate(language, 'cli.probe.badTarget', { reason: translateDynamic(language, p.key, p.params) }))}\n`);
    }
  }
  let results: ProbeResult[];
  try {
    results = await sweepTargets(targets, { concurrency: o.concurrency, timeoutMs: o.timeoutMs, ca, clientCert, clientKey, signal: io.signal, resolve: io.resolve });
  } catch (e) {
    return fail(e);
  }
  if (o.json) io.out(JSON.stringify(jsonProbeReport(results, o.lang ?? 'en'), null, 2) + '\n');
  else if (results.length > 0) io.out(textProbeReport(results, language));
  if (malformed) return 2;
  return results.every((r) => r.status === 'ok') ? 0 : 1;
}
