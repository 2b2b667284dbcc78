/**
 * `umc known-hosts list [--json] | approve HOST:PORT --fingerprint SHA256:… | remove HOST:PORT [--lang en|fr]`:
 * the console's own SSH known-hosts file for `lab+ssh://` endpoints (main/services/live/known-hosts.ts),
 * in the user data folder the desktop console shares (main/services/user-data.ts). Approvals and
 * removals go through the same service as the Connections screen, audited into the same log.
 *
 * Exit codes: 0 done, 2 refused or bad input (one line on stderr).
 */
import { type Language, translate, UserError } from '../../shared/i18n/translate';
import { createAuditLog } from '../services/audit/audit-log';
import { createKnownHosts, type HostKeyScanner, parseHostPort } from '../services/live/known-hosts';
import { systemClock } from '../ports';
import { auditLogPath, knownHostsPath, userDataDir } from '../services/user-data';
import { oneLine, requestedLanguage } from './capture';
import { cliError, languageOption, scanArgs } from './cli-args';

export interface KnownHostsIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** UMC_USER_DATA (tests) decides where the file and the audit log are. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Tests: a scanner instead of ssh-keyscan. */
  readonly scan?: HostKeyScanner;
}

interface Options {
  command: string | null;
  target: string | null;
  fingerprint: string | null;
  json: boolean;
  help: boolean;
  lang: Language | null;
}

export function parseKnownHostsArgs(args: readonly string[]): Options {
  const o: Options = { command: null, target: null, fingerprint: null, json: false, help: false, lang: null };
  scanArgs(args, {
    positional: (arg) => {
      if (o.command === null) o.command = arg;
      else if (o.target === null) o.target = arg;
      else throw cliError('cli.unknownOption', { option: arg });
    },
    option: (a) => {
      if (a.name === '--fingerprint') o.fingerprint = a.value();
      else if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--help') o.help = a.flag();
      else if (a.name === '--lang') o.lang = languageOption(a);
      else return false;
      return true;
    },
  });
  return o;
}

export async function runKnownHosts(args: readonly string[], io: KnownHostsIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const env = io.env ?? process.env;
  try {
    const o = parseKnownHostsArgs(args);
    language = o.lang ?? systemLanguage;
    if (o.help || o.command === null || o.command === 'help') {
      io.out(translate(language, 'cli.knownHosts.usage') + '\n');
      return o.command === null && !o.help ? 2 : 0;
    }
    const data = userDataDir(env);
    const file = knownHostsPath(data);
    const knownHosts = createKnownHosts({ path: file, audit: createAuditLog({ path: auditLogPath(data), clock: systemClock }), scan: io.scan });
    if (o.command === 'list') {
      if (o.target !== null || o.fingerprint !== null) throw cliError('cli.unknownOption', { option: o.target ?? '--fingerprint' });
      const entries = await knownHosts.list();
      if (o.json) io.out(JSON.stringify({ file, keys: entries.map((e) => ({ host: e.host, port: e.port, type: e.type, fingerprint: e.fingerprint })) }, null, 2) + '\n');
      else if (entries.length === 0) io.out(translate(language, 'cli.knownHosts.none', { file }) + '\n');
      else for (const e of entries) io.out(`${e.host.includes(':') ? `[${e.host}]` : e.host}:${e.port}  ${e.label}  ${e.fingerprint}\n`);
      return 0;
    }
    if (o.command !== 'approve' && o.command !== 'remove') throw cliError('cli.knownHosts.unknownCommand', { command: o.command });
    if (o.target === null) throw cliError('cli.knownHosts.needsHost', { command: o.command });
    const { host, port } = parseHostPort(o.target);
    const where = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
    if (o.command === 'approve') {
      if (o.fingerprint === null) throw cliError('cli.knownHosts.needsFingerprint');
      const key = await knownHosts.approve(host, port, o.fingerprint);
      io.out(translate(language, 'cli.knownHosts.approved', { fingerprint: key.fingerprint, label: key.label, host: where, file }) + '\n');
      return 0;
    }
    if (o.fingerprint !== null) throw cliError('cli.unknownOption', { option: '--fingerprint' });
    const count = await knownHosts.remove(host, port);
    io.out(translate(language, 'cli.knownHosts.removed', { count, host: where, file }) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof UserError) io.err(`umc: ${oneLine(e.render(language))}\n`);
    else io.err(`umc: ${translate(language, 'cli.internalError', { message: oneLine(e instanceof Error ? e.message : String(e)) })}\n`);
    return 2;
  }
}
