/**
 * `umc capture`: reads the org through the two Management Shells (or the lab endpoint) and writes a
 * snapshot file, whole or not at all.
 *
 *   umc capture --endpoint lab [--lab-versions exchange=2016,skype=2015] [--lab-withhold Cmdlet,Cmdlet] --out FILE [--no-history]
 *   umc capture --exchange URI_OR_FQDN --skype URI_OR_FQDN --out FILE [--user DOMAIN\user] [--ssh-key FILE]
 *
 * A read that could be made, even partially (a cmdlet not available to the account or the version,
 * a server that did not answer), is written with its sections' status and notes, the notes go to
 * stderr, and the exit code is 0; `umc check --snapshot FILE` then says what could not be judged.
 *
 * Kerberos (the logged-on identity) unless --user; the password then comes from UMC_PASSWORD or a
 * prompt without echo on a terminal — never from the command line, never printed or logged.
 * Environment: UMC_PWSH (PowerShell), UMC_LAB_DATA (the org the lab endpoint serves),
 * UMC_LAB_MODULE (the lab endpoint module). The sessions are closed before returning, whatever
 * happens (failure, SIGINT through `signal`).
 */
import { cliError, orgSourceOption, scanArgs } from './cli-args';
import { stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import {
  type ConnectionProfile,
  LAB_EXCHANGE_VERSIONS,
  LAB_LOCAL,
  LAB_SKYPE_VERSIONS,
  LAB_WITHHOLD_MAX,
  LAB_WITHHOLD_NAME,
  labQueryText,
  type LabProfile,
  resolveEndpoint,
  USER_NAME,
} from '../../shared/connections/profile';
import { type Language, renderMessage, translate, UserError } from '../../shared/i18n/translate';
import { createProfileStore } from '../services/connection-profiles';
import { createConnectionsService, writeSnapshotFile } from '../services/live/connections-service';
import type { CaptureResult } from '../services/live/capture';
import { createOrgService } from '../services/org-service';
import { silentLogger, systemClock } from '../ports';
import { memorySettingsStore } from '../services/ports';
import { createSecretStore, processMemoryCipher } from '../services/secret-store';
import { labSnapshotPath } from '../services/snapshot-loader';
import { locatePowerShell, powerShellAssets } from '../powershell/powershell-locator';
import { hostKeyHint } from './host-key-hint';
import { knownHostsPath, userDataDir } from '../services/user-data';
import { createHistoryStore, historyDir } from '../services/history/history-store';
import { fileSettingsStore } from '../services/settings-file-store';
import { captureSourceOf } from '../../shared/history/history-model';

export interface CaptureIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly root: string;
  /** Defaults to process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Aborted on SIGINT: the sessions are closed and the command ends with 130. */
  readonly signal?: AbortSignal;
  /** Asks for the password without echo (a terminal only); null when the user cancelled. */
  readonly readPassword?: (prompt: string) => Promise<string | null>;
  readonly now?: () => number;
  /** Where the capture is (tests; a progress display). */
  readonly onPhase?: (phase: CapturePhase) => void;
}

export type CapturePhase = 'connecting' | 'reading' | 'writing';

interface CaptureOptions {
  lab: boolean;
  /** --lab-versions / --lab-withhold: the lab endpoint's version profile (null: the data file as it is). */
  labVersions: { exchange: LabProfile['exchange']; skype: LabProfile['skype'] } | null;
  labWithhold: string[] | null;
  exchange: string | null;
  skype: string | null;
  out: string | null;
  user: string | null;
  sshKey: string | null;
  lang: Language | null;
  /** --no-history: the capture is not kept in the user-data folder's history (docs/capture-history.md). */
  noHistory: boolean;
}

export const INTERRUPTED = 130;

/** `--name value` or `--name=value`. */
export function parseCapture(args: readonly string[]): CaptureOptions {
  const o: CaptureOptions = { lab: false, labVersions: null, labWithhold: null, exchange: null, skype: null, out: null, user: null, sshKey: null, lang: null, noHistory: false };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--endpoint') {
        const v = a.value();
        if (v !== 'lab' && v !== LAB_LOCAL) throw cliError('cli.capture.endpointValue', { value: v });
        o.lab = true;
      } else if (a.name === '--lab-versions') o.labVersions = parseLabVersions(a.value());
      else if (a.name === '--lab-withhold') o.labWithhold = parseLabWithhold(a.value());
      else if (a.name === '--out') o.out = a.value();
      else if (a.name === '--ssh-key') o.sshKey = a.value();
      else if (a.name === '--no-history') o.noHistory = a.flag();
      else return orgSourceOption(a, o);
      return true;
    },
  });
  return o;
}

/** `exchange=2010,skype=2013` (either or both, each once), versions from the lab endpoint's fixed sets. */
export function parseLabVersions(value: string): { exchange: LabProfile['exchange']; skype: LabProfile['skype'] } {
  const out: { exchange: LabProfile['exchange']; skype: LabProfile['skype'] } = { exchange: null, skype: null };
  const bad = () => cliError('cli.capture.badLabVersions', { value });
  if (value === '') throw bad();
  for (const part of value.split(',')) {
    const m = /^(exchange|skype)=(\d{4})$/.exec(part);
    if (!m) throw bad();
    if (m[1] === 'exchange') {
      if (out.exchange !== null || !(LAB_EXCHANGE_VERSIONS as readonly string[]).includes(m[2]!)) throw bad();
      out.exchange = m[2] as LabProfile['exchange'];
    } else {
      if (out.skype !== null || !(LAB_SKYPE_VERSIONS as readonly string[]).includes(m[2]!)) throw bad();
      out.skype = m[2] as LabProfile['skype'];
    }
  }
  return out;
}

/** `Get-UMService,Get-CsCertificate`: cmdlet names, at most LAB_WITHHOLD_MAX, none twice. */
export function parseLabWithhold(value: string): string[] {
  const names = value.split(',');
  if (value === '' || names.length > LAB_WITHHOLD_MAX || names.some((n) => !LAB_WITHHOLD_NAME.test(n)) || new Set(names.map((n) => n.toLowerCase())).size !== names.length) {
    throw cliError('cli.capture.badLabWithhold', { value });
  }
  return names;
}

/** The lead-in language before --lang is known: what the arguments ask for, if they parse that far. */
export function requestedLanguage(args: readonly string[]): Language | null {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a === '--lang' ? args[i + 1] : a.startsWith('--lang=') ? a.slice(7) : undefined;
    if (v === 'en' || v === 'fr') return v;
  }
  return null;
}

async function validate(o: CaptureOptions): Promise<{ exchange: string; skype: string; out: string; servers: boolean }> {
  if (o.lab && (o.exchange !== null || o.skype !== null)) throw cliError('cli.capture.endpointConflict');
  if (!o.lab && (o.exchange === null || o.skype === null)) throw cliError('cli.capture.needsEndpoint');
  if (!o.lab && (o.labVersions !== null || o.labWithhold !== null)) throw cliError('cli.capture.labOptionsNeedLab');
  // Both shells open the lab endpoint with the same profile: `lab:?exchange=…&skype=…&withhold=…`.
  const lab = `${LAB_LOCAL}${labQueryText({ exchange: o.labVersions?.exchange ?? null, skype: o.labVersions?.skype ?? null, withhold: o.labWithhold ?? [] })}`;
  const exchange = o.lab ? lab : o.exchange!;
  const skype = o.lab ? lab : o.skype!;
  let ssh = false;
  let servers = false;
  for (const [option, shell, text] of [
    ['--exchange', 'exchange', exchange],
    ['--skype', 'skype', skype],
  ] as const) {
    const r = resolveEndpoint(shell, text);
    if (!r.ok) throw cliError('cli.capture.badEndpoint', { option, value: text });
    if (r.endpoint.kind === 'lab-ssh') ssh = true;
    if (r.endpoint.kind === 'wsman') servers = true;
  }
  if (o.user !== null && !USER_NAME.test(o.user)) throw cliError('cli.capture.badUser', { user: o.user });
  if (ssh && o.sshKey === null) throw cliError('cli.capture.needsSshKey');
  if (o.sshKey !== null) {
    const key = await stat(o.sshKey).catch(() => null);
    if (!key?.isFile()) throw cliError('cli.capture.sshKeyNotFound', { file: o.sshKey });
  }
  if (o.out === null || o.out === '') throw cliError('cli.capture.needsOut');
  const out = resolve(o.out);
  const target = await stat(out).catch(() => null);
  if (target?.isDirectory()) throw cliError('cli.capture.outIsDirectory', { file: o.out });
  const dir = await stat(dirname(out)).catch(() => null);
  if (!dir?.isDirectory()) throw cliError('cli.capture.outDirectory', { file: o.out, dir: dirname(out) });
  return { exchange, skype, out, servers };
}

/** One line: PowerShell messages may span several. */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}

/**
 * Keeps the capture in the user-data folder's history (docs/capture-history.md), as the console does, with the
 * retention the console's settings hold (settings.json of the same folder, read only). Silent when kept; a failure
 * is one line on stderr and never fails the capture: the snapshot file the admin asked for is written.
 */
async function recordCliCapture(result: CaptureResult, profile: ConnectionProfile, env: Readonly<Record<string, string | undefined>>, language: Language, io: CaptureIo): Promise<void> {
  const data = userDataDir(env);
  const settings = fileSettingsStore(join(data, 'settings.json'));
  const store = createHistoryStore({
    dir: historyDir(data),
    settings: { read: () => settings.read(), write: async () => undefined },
    clock: systemClock,
    logger: silentLogger,
  });
  try {
    await store.record({ snapshot: result.snapshot, source: captureSourceOf(result.snapshot.source.kind, profile.exchange, profile.skype), origin: 'cli' });
  } catch (e) {
    const reason = e instanceof UserError ? e.render(language) : e instanceof Error ? e.message : String(e);
    io.err(`umc: ${oneLine(translate(language, 'history.cli.notRecorded', { reason }))}\n`);
  }
}

export async function runCapture(args: readonly string[], io: CaptureIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const env = io.env ?? process.env;
  const now = io.now ?? (() => performance.now());
  const fail = (e: unknown): number => {
    if (e instanceof UserError) io.err(`umc: ${oneLine(e.render(language))}\n`);
    else io.err(`umc: ${translate(language, 'cli.internalError', { message: oneLine(e instanceof Error ? e.message : String(e)) })}\n`);
    // A lab+ssh:// host key refused: the command that approves it (or removes the changed one).
    const hint = hostKeyHint(e, language);
    if (hint) io.err(`umc: ${hint}\n`);
    return 2;
  };
  const interrupted = (): number => {
    io.err(`umc: ${translate(language, 'cli.interrupted')}\n`);
    return INTERRUPTED;
  };

  let target: Awaited<ReturnType<typeof validate>>;
  let profile: ConnectionProfile;
  let password: string | undefined;
  let executable: string;
  let sshKeyFile: string | undefined;
  let keepInHistory: boolean;
  try {
    const o = parseCapture(args);
    keepInHistory = !o.noHistory;
    language = o.lang ?? systemLanguage;
    target = await validate(o);
    const located = locatePowerShell(io.root, env as NodeJS.ProcessEnv);
    if (!located) throw new UserError({ key: 'ps.missing' });
    executable = located.executable;
    const fromEnv = env.UMC_PASSWORD;
    // The PowerShell hosts inherit this process's environment: the password must not travel there.
    if (env === process.env) delete process.env.UMC_PASSWORD;
    // The lab endpoints take no password; servers do when --user is given.
    if (o.user !== null && target.servers) {
      if (fromEnv !== undefined && fromEnv !== '') password = fromEnv;
      else if (io.readPassword) {
        const typed = await io.readPassword(translate(language, 'cli.capture.passwordPrompt', { user: o.user! }));
        if (typed === null) return interrupted();
        if (typed === '') throw cliError('cli.capture.noPassword', { user: o.user! });
        password = typed;
      } else throw cliError('cli.capture.noPassword', { user: o.user! });
    }
    profile = {
      id: 'cli',
      name: o.lab ? 'lab endpoint' : target.exchange,
      exchange: target.exchange,
      skype: target.skype,
      authentication: o.user !== null ? 'credential' : 'kerberos',
      userName: o.user,
      forest: null,
    };
    sshKeyFile = o.sshKey === null ? undefined : resolve(o.sshKey);
  } catch (e) {
    return fail(e);
  }
  if (io.signal?.aborted) return interrupted();

  const assets = powerShellAssets(io.root);
  const settings = memorySettingsStore();
  const service = createConnectionsService({
    profiles: createProfileStore(settings),
    secrets: createSecretStore(settings, processMemoryCipher()),
    runtime: {
      executable,
      hostScript: assets.hostScript,
      labModule: resolve(env.UMC_LAB_MODULE || assets.labModule),
      labData: resolve(env.UMC_LAB_DATA || labSnapshotPath(io.root)),
      sshKeyFile,
      knownHostsFile: knownHostsPath(userDataDir(env)),
      env: env.UMC_LAB_FAULT_FILE ? { UMC_LAB_FAULT_FILE: env.UMC_LAB_FAULT_FILE } : undefined,
      heartbeatMs: 0,
    },
    org: createOrgService(async () => {
      throw new Error('the CLI capture does not load an org');
    }),
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    clock: systemClock,
    logger: silentLogger,
  });

  // SIGINT: close the sessions at once; the steps below see the signal and stop.
  const onAbort = () => void service.dispose().catch(() => undefined);
  io.signal?.addEventListener('abort', onAbort, { once: true });
  const t0 = now();
  try {
    io.onPhase?.('connecting');
    await service.connectAndWait(profile, password);
    if (io.signal?.aborted) return interrupted();
    io.onPhase?.('reading');
    const result: CaptureResult = await service.capture();
    if (io.signal?.aborted) return interrupted();
    io.onPhase?.('writing');
    // Streamed: the snapshot is never held a second time as one string (docs/large-orgs.md, "Capture").
    await writeSnapshotFile(target.out, result.snapshot);
    if (keepInHistory) await recordCliCapture(result, profile, env, language, io);
    // What could not be read whole, section by section, in the user's language (the snapshot keeps it too).
    for (const n of result.notes) {
      const text = renderMessage(language, n.message);
      const line =
        n.status === 'read'
          ? translate(language, 'cli.capture.note', { section: n.section, text })
          : translate(language, 'cli.capture.section', { section: n.section, status: translate(language, `capture.status.${n.status}`), text });
      io.err(`umc: ${oneLine(line)}\n`);
    }
    const seconds = Math.round((now() - t0) / 100) / 10;
    io.out(translate(language, 'cli.capture.done', { objects: result.objects, calls: result.calls, seconds, file: target.out }) + '\n');
    return 0;
  } catch (e) {
    return io.signal?.aborted ? interrupted() : fail(e);
  } finally {
    io.signal?.removeEventListener('abort', onAbort);
    await service.dispose().catch(() => undefined);
  }
}
