/**
 * The support bundle (docs/support-bundle.md): a raw snapshot in; a zip of the snapshot (redacted by
 * default), the findings as JSON and as the Checks screen's HTML report, the checklist, the capture
 * notes, the versions and the session's last errors, with a README.txt saying what is inside; and,
 * when redacted, the mapping (original → pseudonym) written beside the zip, never inside it.
 *
 * Everything in the zip is computed from the redacted snapshot (decoded and judged again), so no
 * original value can reach a findings message or a report label; the bundle is refused if the
 * redacted snapshot does not decode. Written whole or not at all (main/services/atomic-write.ts).
 */
import { createHash, randomBytes } from 'node:crypto';
import { unlink } from 'node:fs/promises';
import { basename } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { BUNDLE_FILES, type BundleFile, bundleReadme, mappingFileOf } from '../../../shared/bundle/bundle-contents';
import { type PseudonymEntry, redactSnapshot } from '../../../shared/bundle/pseudonymise';
import { checksReport } from '../../../shared/checks/checks-report';
import { type Language, renderDiagnostic, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { CertificateFacts } from '../../../shared/certificates/cert-model';
import { writeFileAtomic } from '../atomic-write';
import { checklistOf } from '../checklist/checklist-service';
import { checksReportInput } from '../checks-service';
import { withTrustedRoots } from '../certificates/trusted-roots';
import { analyseOrg, labelOf } from '../org-service';
import { parseSnapshotText, SnapshotLoadError } from '../snapshot-loader';
import { createResigner } from './resign';
import type { SessionErrorRecord } from './session-errors';

export interface BundleInput {
  /** The raw snapshot (as umc capture writes it). */
  readonly raw: unknown;
  readonly kind: 'lab' | 'snapshot' | 'live';
  readonly redact: boolean;
  readonly language: Language;
  readonly consoleVersion: string;
  readonly now: Date;
  readonly sessionErrors: readonly SessionErrorRecord[];
  /** The roots the admin added (R-X-01), judged with the org as the Checks screen does. */
  readonly trustedRoots?: readonly CertificateFacts[];
  /** The pseudonyms' seed; default 32 random bytes (each bundle its own pseudonyms). */
  readonly seed?: string;
}

export interface BuiltBundle {
  readonly files: Readonly<Record<BundleFile, Uint8Array>>;
  /** Null when not redacted. */
  readonly mapping: { readonly keptDomains: readonly string[]; readonly entries: readonly PseudonymEntry[] } | null;
  readonly findings: number;
}

export interface WrittenBundle {
  readonly path: string;
  readonly bytes: number;
  readonly files: number;
  /** Where the mapping was written (null: not redacted). */
  readonly mappingPath: string | null;
  readonly replaced: number;
}

const sha1 = (der: Uint8Array) => createHash('sha1').update(der).digest('hex').toUpperCase();
const json = (value: unknown) => strToU8(JSON.stringify(value, null, 2) + '\n');

/** The bundle's files; `mappingName` is the mapping file's name the README gives. */
export function buildSupportBundle(input: BundleInput, mappingName: string): BuiltBundle {
  const redaction = input.redact ? redactSnapshot(input.raw, { seed: input.seed ?? randomBytes(32).toString('hex'), thumbprintOf: sha1, resign: createResigner() }) : null;
  const raw = redaction ? redaction.snapshot : input.raw;
  const text = JSON.stringify(raw);
  let org;
  try {
    org = parseSnapshotText(text, 'snapshot.umcsnap.json', input.kind);
  } catch (e) {
    // A pseudonym that broke the decoder is a defect of the redaction: refuse rather than ship a bundle the rules cannot read.
    if (redaction && e instanceof SnapshotLoadError) throw new UserError({ key: 'bundle.error.redacted', params: { reason: e.render('en') } });
    throw e;
  }
  const l = analyseOrg(withTrustedRoots(org, input.trustedRoots ?? []));
  const generatedAt = input.now.toISOString();
  const scrub = (s: string) => (redaction ? redaction.text(s) : s);
  const lang = input.language;
  const { checklist } = checklistOf(l);
  const files: Record<BundleFile, Uint8Array> = {
    'README.txt': strToU8(
      bundleReadme(lang, {
        generatedAt,
        consoleVersion: input.consoleVersion,
        source: l.org.source.label,
        readAt: l.org.source.readAt,
        redaction: redaction ? { replaced: redaction.entries.length, keptDomains: redaction.keptDomains, mappingFile: mappingName } : null,
      }),
    ),
    'snapshot.umcsnap.json': strToU8(text),
    'findings.json': json({
      source: l.org.source,
      counts: l.counts,
      findings: l.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        area: f.area,
        objects: f.objects.map((o) => ({ kind: o.kind, id: o.id, label: labelOf(l, o) })),
        message: renderDiagnostic(lang, f).message,
      })),
    }),
    'findings.html': strToU8(checksReport(checksReportInput(l, generatedAt), 'html', lang)),
    'checklist.json': json({
      exchange: checklist.exchange,
      skype: checklist.skype,
      done: checklist.done,
      total: checklist.total,
      steps: checklist.steps.map((s) => ({ id: s.id, title: renderMessage(lang, s.title), role: s.role, status: s.status, rules: s.rules })),
    }),
    'capture-notes.json': json(
      Object.entries(l.org.readState ?? {}).map(([section, state]) => ({
        section,
        status: state.status,
        notes: state.notes.map((n) => (n.message ? renderMessage(lang, n.message) : n.text)),
      })),
    ),
    'versions.json': json({
      console: input.consoleVersion,
      exchange: checklist.exchange,
      skype: checklist.skype,
      exchangeServers: l.org.exchange.servers.map((s) => ({ name: s.name, version: s.version })),
      powerShell: l.org.source.powerShellVersion,
      capturedAt: l.org.source.readAt,
    }),
    // The session's records went through the ring's scrubbing; redacted, their values are pseudonymised too.
    'session-errors.json': json(
      input.sessionErrors.map((r) => ({
        ...r,
        message: scrub(r.message),
        fields: Object.fromEntries(Object.entries(r.fields).map(([k, v]) => [k, typeof v === 'string' ? scrub(v) : v])),
      })),
    ),
  };
  return { files, mapping: redaction ? { keptDomains: redaction.keptDomains, entries: redaction.entries } : null, findings: l.findings.length };
}

/** The zip's bytes: every file, dated with the bundle's time. */
export function zipBundle(built: BuiltBundle, now: Date): Uint8Array {
  return zipSync(Object.fromEntries(BUNDLE_FILES.map((f) => [f, [built.files[f], { mtime: now }]])) as Parameters<typeof zipSync>[0], { level: 6 });
}

/** Writes the mapping (user-only, beside the zip) then the zip; a failure leaves neither. */
export async function writeSupportBundle(path: string, input: BundleInput): Promise<WrittenBundle> {
  const mappingPath = mappingFileOf(path);
  const built = buildSupportBundle(input, basename(mappingPath));
  const zip = zipBundle(built, input.now);
  if (built.mapping) {
    const mapping = { format: 'umc-bundle-mapping', bundle: basename(path), generatedAt: input.now.toISOString(), keptDomains: built.mapping.keptDomains, entries: built.mapping.entries };
    await writeFileAtomic(mappingPath, JSON.stringify(mapping, null, 2) + '\n', { mode: 0o600 });
  }
  try {
    await writeFileAtomic(path, zip);
  } catch (e) {
    if (built.mapping) await unlink(mappingPath).catch(() => undefined);
    throw e;
  }
  return { path, bytes: zip.length, files: BUNDLE_FILES.length, mappingPath: built.mapping ? mappingPath : null, replaced: built.mapping?.entries.length ?? 0 };
}
