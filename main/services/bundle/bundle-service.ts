/**
 * Export support bundle… (docs/support-bundle.md): the bundle of the org the console shows — the lab
 * (the user's copy once written, else the shipped one), the snapshot file it was opened with or the
 * admin opened, or the last live read — written where the admin chooses, with the session's errors.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { BundleExportResult } from '../../../shared/bundle/bundle-channels';
import type { CertificateFacts } from '../../../shared/certificates/cert-model';
import type { Language } from '../../../shared/i18n/translate';
import { UserError } from '../../../shared/i18n/translate';
import type { Clock } from '../../ports';
import type { FileDialogs } from '../live/connections-service';
import type { OrgService } from '../org-service';
import type { SessionErrors } from './session-errors';
import { writeSupportBundle } from './support-bundle';

export interface BundleService {
  export(redact: boolean, language: Language): Promise<BundleExportResult>;
}

export interface BundleDeps {
  readonly org: OrgService;
  /** Where a non-lab org came from (ConnectionsService.shownSource). */
  readonly shownSource: () => { readonly raw: unknown } | { readonly path: string } | null;
  /** The snapshot the console was started on, if any. */
  readonly snapshotPath: string | null;
  /** The lab files: the user's copy (used once it exists), the shipped one. */
  readonly labPaths: readonly string[];
  readonly dialogs: Pick<FileDialogs, 'chooseSavePath'>;
  readonly sessionErrors: SessionErrors;
  readonly consoleVersion: string;
  readonly clock: Clock;
  readonly trustedRoots?: () => readonly CertificateFacts[];
}

export function createBundleService(deps: BundleDeps): BundleService {
  const rawShown = async (): Promise<{ raw: unknown; kind: 'lab' | 'snapshot' | 'live' }> => {
    const { org } = await deps.org.current();
    const source = deps.shownSource();
    const read = async (path: string) => JSON.parse(await readFile(path, 'utf8')) as unknown;
    if (org.source.kind === 'live' && source && 'raw' in source) return { raw: source.raw, kind: 'live' };
    if (org.source.kind === 'snapshot') {
      const path = source && 'path' in source ? source.path : deps.snapshotPath;
      if (path) return { raw: await read(path), kind: 'snapshot' };
    }
    if (org.source.kind === 'lab') {
      const lab = deps.labPaths.find((p) => existsSync(p));
      if (lab) return { raw: await read(lab), kind: 'lab' };
    }
    throw new UserError({ key: 'bundle.error.read', params: { reason: org.source.label } });
  };
  return {
    async export(redact, language) {
      const { raw, kind } = await rawShown();
      const now = deps.clock.now();
      const stamp = now.toISOString().replace(/[:.]/g, '-').slice(0, 19);
      const path = await deps.dialogs.chooseSavePath(`umc-support-bundle-${stamp}.zip`);
      if (!path) return { path: null, mappingPath: null, bytes: 0, files: 0, redacted: redact };
      const written = await writeSupportBundle(path, {
        raw,
        kind,
        redact,
        language,
        consoleVersion: deps.consoleVersion,
        now,
        sessionErrors: deps.sessionErrors.recent(),
        trustedRoots: deps.trustedRoots?.() ?? [],
      });
      return { path: written.path, mappingPath: written.mappingPath, bytes: written.bytes, files: written.files, redacted: redact };
    },
  };
}
