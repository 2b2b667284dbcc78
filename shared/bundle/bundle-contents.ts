/**
 * What a support bundle holds, and its README.txt (docs/support-bundle.md, "Contents"). Pure: the
 * service (main/services/bundle/) fills the files, this says what they are in the bundle's language.
 */
import { formatDateTime, type Language, translate, translateDynamic } from '../i18n/translate';

/** Every file of a bundle, in the order the README lists them. */
export const BUNDLE_FILES = ['README.txt', 'snapshot.umcsnap.json', 'findings.json', 'findings.html', 'checklist.json', 'capture-notes.json', 'versions.json', 'session-errors.json'] as const;

export type BundleFile = (typeof BUNDLE_FILES)[number];

/** The mapping's file beside the bundle: never inside the zip. */
export const mappingFileOf = (zipPath: string): string => `${zipPath}.mapping.json`;

export interface ReadmeFacts {
  readonly generatedAt: string;
  readonly consoleVersion: string;
  /** Where the org came from (its label, already redacted) and when it was read. */
  readonly source: string;
  readonly readAt: string;
  /** Null: not redacted. */
  readonly redaction: { readonly replaced: number; readonly keptDomains: readonly string[]; readonly mappingFile: string } | null;
}

export function bundleReadme(language: Language, facts: ReadmeFacts): string {
  const lines = [
    translate(language, 'bundle.readme.title'),
    '',
    translate(language, 'bundle.readme.made', {
      time: formatDateTime(language, facts.generatedAt),
      version: facts.consoleVersion,
      source: facts.source,
      readAt: formatDateTime(language, facts.readAt),
    }),
    '',
  ];
  if (facts.redaction) {
    lines.push(translate(language, 'bundle.readme.redacted', { count: facts.redaction.replaced, domains: facts.redaction.keptDomains.join(', ') || '-' }));
    lines.push(translate(language, 'bundle.readme.mapping', { file: facts.redaction.mappingFile }));
  } else lines.push(translate(language, 'bundle.readme.notRedacted'));
  lines.push('', translate(language, 'bundle.readme.files'));
  for (const f of BUNDLE_FILES) lines.push(`  ${f.padEnd(22)} ${translateDynamic(language, `bundle.file.${f}`)}`);
  lines.push('', translate(language, 'bundle.readme.never'), translate(language, 'bundle.readme.again'), '');
  // Windows Notepad of a jump host reads CRLF.
  return lines.join('\r\n');
}
