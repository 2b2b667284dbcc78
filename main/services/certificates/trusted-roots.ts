/**
 * The certificates an admin adds to judge the UM certificate's root (R-X-01, seed 001: "le même
 * certificat racine"): a file of root (and intermediate) certificates — a PEM bundle, or any container
 * the one file reader opens (cert-file-reader.ts). The real servers trust their machine store (the
 * Trusted Root Certification Authorities store, Cert:\LocalMachine\Root); the capture does not read it, so the admin exports it (the rule's fix prints the command) and gives
 * the file to `umc check --trusted-roots FILE` or the setting `trustedRootsFile`.
 */
import type { CertificateFacts } from '../../../shared/certificates/cert-model';
import type { TrustedRootsState } from '../../../shared/checks/check-channels';
import type { Language } from '../../../shared/i18n/translate';
import { UserError } from '../../../shared/i18n/translate';
import type { OrgModel } from '../../../shared/model/org';
import type { Logger } from '../../ports';
import type { SettingsStore } from '../ports';
import { type InspectHooks, startInspection } from './inspect-runner';

/**
 * The certificates of the file, facts only. Throws UserError naming the file when it cannot be read or
 * holds none. Read in the inspection worker, as every certificate file is: the main process never
 * parses one (docs/security.md, "Certificate files").
 */
export async function readTrustedRoots(path: string, language: Language = 'en', hooks: InspectHooks = {}): Promise<(CertificateFacts & { readonly derBase64?: string })[]> {
  const [inspection] = (await startInspection([{ name: path, path }], { now: new Date(), language }, hooks).outcome).files;
  if (!inspection) throw new UserError({ key: 'certificates.trustedRoots.empty', params: { file: path } });
  if (inspection.error) throw new UserError({ key: 'certificates.trustedRoots.unreadable', params: { file: path, detail: inspection.error.message } });
  if (inspection.certificates.length === 0) throw new UserError({ key: 'certificates.trustedRoots.empty', params: { file: path } });
  return inspection.certificates.map(({ findings: _findings, ...facts }) => facts);
}

/** The org with the admin's certificates beside the snapshot's (never written back to the snapshot). */
export function withTrustedRoots(org: OrgModel, roots: readonly CertificateFacts[]): OrgModel {
  return roots.length === 0 ? org : { ...org, trustedRoots: [...(org.trustedRoots ?? []), ...roots] };
}

/** The settings key: the path of the trusted-roots file, beside the other preferences (never a secret). */
export const TRUSTED_ROOTS_SETTING = 'trustedRootsFile';

/**
 * The certificates of the file the setting names; none without the setting. A file that cannot be
 * read is logged and skipped: R-X-01 then says "cannot judge the root" with how to supply it, and the
 * console still opens the org.
 */
export async function trustedRootsOfSettings(settings: SettingsStore, logger: Logger): Promise<readonly TrustedRoot[]> {
  const file = (await settings.read())[TRUSTED_ROOTS_SETTING];
  if (typeof file !== 'string' || file.trim() === '') return [];
  try {
    return await readTrustedRoots(file);
  } catch (e) {
    logger.log('warn', 'trusted-roots file not read', { file, detail: e instanceof Error ? e.message : String(e) });
    return [];
  }
}

/**
 * The roots an admin adds, kept for the org service: read from the setting at each initial load,
 * replaced when the admin chooses another file (read first, in the worker: a file that cannot be
 * read is refused and the setting left as it was), cleared on request.
 */
/** A trusted root as read from the bundle, with its DER so an inspection worker can check signatures against it. */
export type TrustedRoot = CertificateFacts & { readonly derBase64?: string };

export interface TrustedRootsSource {
  /** The certificates to judge with now (what the last load or change read). */
  current(): readonly TrustedRoot[];
  state(): TrustedRootsState;
  /** Re-reads the file the setting names (an initial load). */
  refresh(): Promise<void>;
  /** Reads `path`, then stores it as the setting; throws UserError naming the file when it cannot be used. */
  use(path: string, language: Language): Promise<TrustedRootsState>;
  clear(): Promise<TrustedRootsState>;
}

export function createTrustedRootsSource(settings: SettingsStore, logger: Logger): TrustedRootsSource {
  let roots: readonly TrustedRoot[] = [];
  let file: string | null = null;
  const state = (): TrustedRootsState => ({ file, count: roots.length });
  return {
    current: () => roots,
    state,
    async refresh() {
      const named = (await settings.read())[TRUSTED_ROOTS_SETTING];
      file = typeof named === 'string' && named.trim() !== '' ? named : null;
      roots = await trustedRootsOfSettings(settings, logger);
    },
    async use(path, language) {
      const read = await readTrustedRoots(path, language);
      await settings.write({ ...(await settings.read()), [TRUSTED_ROOTS_SETTING]: path });
      roots = read;
      file = path;
      return state();
    },
    async clear() {
      const values = { ...(await settings.read()) };
      delete values[TRUSTED_ROOTS_SETTING];
      await settings.write(values);
      roots = [];
      file = null;
      return state();
    },
  };
}
