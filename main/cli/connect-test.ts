/**
 * `umc connect-test --exchange S --skype P [--user DOMAIN\user] [--ca FILE] [--ssh-key FILE] [--json] [--lang en|fr]`:
 * what a live connection needs, checked before it bites (shared/connections/connection-test.ts),
 * each check with what was found and its fix.
 *
 * Exit codes: 0 every check ok or not judged, 1 some warning or error, 2 bad input (one line on
 * stderr). Kerberos unless --user; the password then comes from UMC_PASSWORD or a prompt without
 * echo on a terminal, never from the command line. The sessions opened for the test are closed
 * before returning.
 */
import { readFile, stat } from 'node:fs/promises';
import type { LookupFunction } from 'node:net';
import { resolve } from 'node:path';
import { type CheckStatus, type ConnectionTestReport, exitCodeOf } from '../../shared/connections/connection-test';
import { type ConnectionProfile, resolveEndpoint, USER_NAME } from '../../shared/connections/profile';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { locatePowerShell, powerShellAssets } from '../powershell/powershell-locator';
import { createProfileStore } from '../services/connection-profiles';
import { createConnectionTester, importsThrough } from '../services/live/connection-test';
import { createConnectionsService } from '../services/live/connections-service';
import { createOrgService } from '../services/org-service';
import { silentLogger, systemClock } from '../ports';
import { memorySettingsStore } from '../services/ports';
import { createSecretStore, processMemoryCipher } from '../services/secret-store';
import { labSnapshotPath } from '../services/snapshot-loader';
import { oneLine, requestedLanguage } from './capture';
import { cliError, orgSourceOption, scanArgs } from './cli-args';
import { hostKeyHintsFor } from './host-key-hint';
import { knownHostsPath, userDataDir } from '../services/user-data';

export interface ConnectTestIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly root: string;
  /** Defaults to process.env (UMC_PWSH, UMC_PASSWORD, UMC_LAB_DATA, UMC_LAB_MODULE, UMC_LAB_FAULT_FILE). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly readPassword?: (prompt: string) => Promise<string | null>;
  /** Tests: resolve the endpoints' names (and the CRLs') to loopback. */
  readonly lookup?: LookupFunction;
  /** Tests: per TLS handshake and CRL download (default 5 s). */
  readonly timeoutMs?: number;
}

interface Options {
  exchange: string | null;
  skype: string | null;
  user: string | null;
  ca: string | null;
  sshKey: string | null;
  json: boolean;
  help: boolean;
  lang: Language | null;
}

export function parseConnectTestArgs(args: readonly string[]): Options {
  const o: Options = { exchange: null, skype: null, user: null, ca: null, sshKey: null, json: false, help: false, lang: null };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--ca') o.ca = a.value();
      else if (a.name === '--ssh-key') o.sshKey = a.value();
      else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--help') o.help = a.flag();
      else return orgSourceOption(a, o);
      return true;
    },
  });
  return o;
}

export function textConnectTestReport(r: ConnectionTestReport, language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines: string[] = [];
  const icon = (s: CheckStatus) => translateDynamic(language, `cli.status.${s}`);
  for (const c of r.checks) {
    lines.push(`${icon(c.status).padEnd(6)} ${c.title}`);
    lines.push(`       ${oneLine(c.detail)}`);
    for (const i of c.items) lines.push(`         - ${oneLine(i)}`);
    if (c.fix) lines.push(`       ${t('cli.connectTest.fix')} ${oneLine(c.fix)}`);
    for (const cmd of c.commands) lines.push(`         ${cmd}`);
    if (c.source) lines.push(`       ${t('cli.connectTest.source')} ${c.source}`);
    lines.push('');
  }
  lines.push(t('cli.connectTest.summary', { profile: r.profile, ok: r.counts.ok, warnings: r.counts.warning, errors: r.counts.error, notJudged: r.counts['not-judged'] }));
  return lines.join('\n') + '\n';
}

export async function runConnectTest(args: readonly string[], io: ConnectTestIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const env = io.env ?? process.env;
  const fail = (e: unknown): number => {
    if (e instanceof UserError) io.err(`umc: ${oneLine(e.render(language))}\n`);
    else io.err(`umc: ${translate(language, 'cli.internalError', { message: oneLine(e instanceof Error ? e.message : String(e)) })}\n`);
    return 2;
  };

  let profile: ConnectionProfile;
  let password: string | undefined;
  let ca: string[] | undefined;
  let o: Options;
  try {
    o = parseConnectTestArgs(args);
    language = o.lang ?? systemLanguage;
    if (o.help) {
      io.out(translate(language, 'cli.connectTest.usage') + '\n');
      return 0;
    }
    if (o.exchange === null || o.skype === null) throw cliError('cli.connectTest.needsEndpoints');
    let servers = false;
    for (const [option, shell, value] of [
      ['--exchange', 'exchange', o.exchange],
      ['--skype', 'skype', o.skype],
    ] as const) {
      const r = resolveEndpoint(shell, value);
      if (!r.ok) throw cliError('cli.connectTest.badEndpoint', { option, value, reason: translate(language, `profile.error.${shell}.${r.reason}` as MessageKey) });
      if (r.endpoint.kind === 'wsman') servers = true;
      if (r.endpoint.kind === 'lab-ssh' && o.sshKey === null) throw cliError('cli.capture.needsSshKey');
    }
    if (o.user !== null && !USER_NAME.test(o.user)) throw cliError('cli.capture.badUser', { user: o.user });
    if (o.sshKey !== null && !(await stat(o.sshKey).catch(() => null))?.isFile()) throw cliError('cli.capture.sshKeyNotFound', { file: o.sshKey });
    if (o.ca !== null) {
      const file = o.ca;
      ca = [
        await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
          throw cliError('cli.connectTest.readCa', { file, detail: e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'a directory' : e.message });
        }),
      ];
      if (!/-----BEGIN CERTIFICATE-----/.test(ca[0]!)) throw cliError('cli.connectTest.readCa', { file, detail: 'no PEM certificate in it' });
    }
    const fromEnv = env.UMC_PASSWORD;
    if (env === process.env) delete process.env.UMC_PASSWORD;
    if (o.user !== null && servers) {
      if (fromEnv) password = fromEnv;
      else if (io.readPassword) {
        const typed = await io.readPassword(translate(language, 'cli.capture.passwordPrompt', { user: o.user }));
        if (!typed) throw cliError('cli.capture.noPassword', { user: o.user });
        password = typed;
      } else throw cliError('cli.capture.noPassword', { user: o.user });
    }
    profile = {
      id: 'cli',
      name: `${o.exchange} · ${o.skype}`,
      exchange: o.exchange,
      skype: o.skype,
      authentication: o.user !== null ? 'credential' : 'kerberos',
      userName: o.user,
      forest: null,
      role: 'admin',
    };
  } catch (e) {
    return fail(e);
  }

  const executable = locatePowerShell(io.root, env as NodeJS.ProcessEnv)?.executable ?? null;
  const assets = powerShellAssets(io.root);
  const settings = memorySettingsStore();
  const connections = createConnectionsService({
    profiles: createProfileStore(settings),
    secrets: createSecretStore(settings, processMemoryCipher()),
    runtime: {
      executable,
      hostScript: assets.hostScript,
      labModule: resolve(env.UMC_LAB_MODULE || assets.labModule),
      labData: resolve(env.UMC_LAB_DATA || labSnapshotPath(io.root)),
      sshKeyFile: o.sshKey === null ? undefined : resolve(o.sshKey),
      knownHostsFile: knownHostsPath(userDataDir(env)),
      env: env.UMC_LAB_FAULT_FILE ? { UMC_LAB_FAULT_FILE: env.UMC_LAB_FAULT_FILE } : undefined,
      heartbeatMs: 0,
      // A test asks once: a server that does not answer is reported, not retried for minutes.
      openTimeoutMs: 60_000,
    },
    org: createOrgService(async () => {
      throw new Error('connect-test does not load an org');
    }),
    dialogs: { chooseSavePath: async () => null, chooseOpenPath: async () => null },
    clock: systemClock,
    logger: silentLogger,
  });
  try {
    const tester = createConnectionTester({ powershell: () => executable, imports: importsThrough(connections), clock: systemClock, logger: silentLogger, lookup: io.lookup, timeoutMs: io.timeoutMs });
    const report = await tester.report({ profile, password, ca }, language);
    io.out(o.json ? JSON.stringify(report, null, 2) + '\n' : textConnectTestReport(report, language));
    // A lab+ssh:// host key refused: the command that approves it (or removes the changed one).
    for (const hint of await hostKeyHintsFor({ exchange: profile.exchange, skype: profile.skype }, knownHostsPath(userDataDir(env)), language)) io.err(`umc: ${hint}\n`);
    return exitCodeOf(report.checks);
  } catch (e) {
    return fail(e);
  } finally {
    await connections.dispose().catch(() => undefined);
  }
}
