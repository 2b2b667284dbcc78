/**
 * `umc bundle [--snapshot FILE | --lab | --exchange X --skype Y [--user DOMAIN\user]] --out FILE.zip [--no-redact] [--lang en|fr]`:
 * the support bundle (docs/support-bundle.md) of a snapshot file, of the lab org read through the lab
 * endpoint (real PowerShell, as `umc capture --endpoint lab` reads it; the default), or of live servers.
 * Redacted by default; the mapping is written beside the zip (FILE.zip.mapping.json, mode 0600).
 *
 * Exit codes: 0 written; 1 the org could not be read (a connection or a capture failed: nothing
 * written, the servers may answer later); 2 bad input (an option, a missing or unreadable snapshot, an
 * output that cannot be written) — one line on stderr.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { mappingFileOf } from '../../shared/bundle/bundle-contents';
import { type ConnectionProfile, LAB_LOCAL } from '../../shared/connections/profile';
import { type Language, translate, UserError } from '../../shared/i18n/translate';
import { createMainServices } from '../compose';
import { silentLogger, systemClock } from '../ports';
import { createSessionErrors } from '../services/bundle/session-errors';
import { writeSupportBundle } from '../services/bundle/support-bundle';
import { memorySettingsStore } from '../services/ports';
import { SnapshotLoadError } from '../services/snapshot-loader';
import { auditLogPath, userDataDir, userLabPath } from '../services/user-data';
import { oneLine, requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';
import type { CliServicesIo } from './cli-services';

export interface BundleIo extends CliServicesIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** The pseudonyms' seed (tests); default random per bundle. */
  readonly seed?: string;
}

export interface BundleOptions extends OrgSourceArgs {
  snapshot: string | null;
  lab: boolean;
  out: string | null;
  redact: boolean;
}

export function parseBundle(args: readonly string[]): BundleOptions {
  const o: BundleOptions = { snapshot: null, lab: false, out: null, redact: true, exchange: null, skype: null, user: null, lang: null };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--snapshot') o.snapshot = a.value();
      else if (a.name === '--lab') o.lab = a.flag();
      else if (a.name === '--out') o.out = a.value();
      else if (a.name === '--no-redact') o.redact = !a.flag();
      else return orgSourceOption(a, o);
      return true;
    },
  });
  checkServerOptions(o, 'bundle.error.sources');
  if ([o.snapshot !== null, o.lab, o.exchange !== null].filter(Boolean).length > 1) throw cliError('bundle.error.sources');
  if (o.out === null || o.out === '') throw cliError('bundle.error.out');
  if (!o.out.toLowerCase().endsWith('.zip')) throw cliError('bundle.error.outZip', { file: o.out });
  return o;
}

/** The output's folder exists and the output is no folder: checked before anything is read. */
async function checkOut(out: string): Promise<string> {
  const path = resolve(out);
  const dir = await stat(dirname(path)).catch(() => null);
  if (!dir?.isDirectory()) throw cliError('bundle.error.outDirectory', { file: out, dir: dirname(path) });
  if ((await stat(path).catch(() => null))?.isDirectory()) throw cliError('cli.capture.outIsDirectory', { file: out });
  return path;
}

class ReadFailure extends Error {}

export async function runBundle(args: readonly string[], io: BundleIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const env = io.env ?? process.env;
  const fail = (e: unknown): number => {
    const text = e instanceof UserError ? e.render(language) : translate(language, 'cli.internalError', { message: e instanceof Error ? e.message : String(e) });
    io.err(`umc: ${oneLine(text)}\n`);
    return e instanceof ReadFailure ? 1 : 2;
  };
  try {
    const o = parseBundle(args);
    language = o.lang ?? systemLanguage;
    const out = await checkOut(o.out!);
    const data = userDataDir(env);
    const sessionErrors = createSessionErrors(silentLogger, systemClock);
    const services = createMainServices({
      root: io.root,
      allowedOrigins: [],
      settings: memorySettingsStore(),
      logger: sessionErrors.logger,
      userLabPath: userLabPath(data),
      auditPath: auditLogPath(data),
    });
    const pkg = JSON.parse(await readFile(resolve(io.root, 'package.json'), 'utf8')) as { version: string };
    try {
      let raw: unknown;
      let kind: 'lab' | 'snapshot' | 'live';
      if (o.snapshot !== null) {
        kind = 'snapshot';
        const text = await readFile(o.snapshot, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw new SnapshotLoadError({ key: 'snapshot.error.read', params: { file: o.snapshot!, reason: e.code === 'ENOENT' ? { key: 'snapshot.error.noFile' } : e.message } });
        });
        try {
          raw = JSON.parse(text);
        } catch (e) {
          throw new SnapshotLoadError({ key: 'snapshot.error.json', params: { file: basename(o.snapshot), reason: e instanceof Error ? e.message : String(e) } });
        }
      } else {
        kind = o.exchange !== null ? 'live' : 'lab';
        let password: string | undefined;
        if (o.user !== null) {
          password = env.UMC_PASSWORD || (io.readPassword ? ((await io.readPassword(translate(language, 'cli.capture.passwordPrompt', { user: o.user }))) ?? undefined) : undefined);
          if (!password) throw cliError('cli.capture.noPassword', { user: o.user });
        }
        const profile: ConnectionProfile = {
          id: 'cli',
          name: o.exchange ?? 'lab endpoint',
          exchange: o.exchange ?? LAB_LOCAL,
          skype: o.skype ?? LAB_LOCAL,
          authentication: o.user ? 'credential' : 'kerberos',
          userName: o.user,
          forest: null,
        };
        try {
          await services.connections.connectAndWait(profile, password);
          raw = (await services.connections.capture()).snapshot;
        } catch (e) {
          const reason = e instanceof UserError ? e.render(language) : e instanceof Error ? e.message : String(e);
          throw Object.assign(new ReadFailure(), { render: () => translate(language, 'bundle.error.read', { reason }) });
        }
      }
      const written = await writeSupportBundle(out, {
        raw,
        kind,
        redact: o.redact,
        language,
        consoleVersion: pkg.version,
        now: new Date(),
        sessionErrors: sessionErrors.recent(),
        seed: io.seed,
      });
      io.out(translate(language, 'bundle.cli.written', { file: o.out!, files: written.files, bytes: written.bytes }) + '\n');
      if (written.mappingPath) io.out(translate(language, 'bundle.cli.mapping', { count: written.replaced, file: mappingFileOf(o.out!) }) + '\n');
      else io.err(`umc: ${translate(language, 'bundle.cli.notRedacted')}\n`);
      return 0;
    } finally {
      await services.dispose();
    }
  } catch (e) {
    if (e instanceof ReadFailure) {
      io.err(`umc: ${oneLine((e as ReadFailure & { render: () => string }).render())}\n`);
      return 1;
    }
    return fail(e);
  }
}
