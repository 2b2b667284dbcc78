/**
 * `umc user QUERY [--json]` and `umc users check [--csv FILE] [--json] [--out report.html]`:
 * will this user's voice mail work? — the verdict, its reasons (R-U-…), the fix and who must apply
 * it; and the same for everyone (or a CSV's users). On the lab org (the user's copy), a snapshot
 * (`--snapshot FILE`) or live servers (`--exchange X --skype Y [--user DOMAIN\user]`).
 * Exit 0 when every checked user will work, 1 when some will not, 2 for bad input or no match.
 */
import { resolve } from 'node:path';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, renderDiagnostic, ruleTitleKey, translate, translateDynamic } from '../../shared/i18n/translate';
import type { UserVerdict } from '../../shared/users/user-model';
import type { MainServices } from '../compose';
import { requestedLanguage } from './capture';
import { cliError, orgSourceOption, scanArgs } from './cli-args';
import { type CliServicesIo, failLine, openCliServices, readCsvFile } from './cli-services';

interface UsersOptions {
  command: 'user' | 'check';
  query: string | null;
  csv: string | null;
  out: string | null;
  json: boolean;
  snapshot: string | null;
  exchange: string | null;
  skype: string | null;
  user: string | null;
  lang: Language | null;
}

export function parseUsers(command: 'user' | 'users', args: readonly string[]): UsersOptions {
  let rest = args;
  const o: UsersOptions = { command: 'user', query: null, csv: null, out: null, json: false, snapshot: null, exchange: null, skype: null, user: null, lang: null };
  if (command === 'users') {
    if (args[0] !== 'check') throw cliError('cli.users.usage');
    o.command = 'check';
    rest = args.slice(1);
  }
  const positional: string[] = [];
  scanArgs(rest, {
    option: (a) => {
      if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--csv' && o.command === 'check') o.csv = a.value();
      else if (a.name === '--out' && o.command === 'check') o.out = a.value();
      else if (a.name === '--snapshot') o.snapshot = a.value();
      else return orgSourceOption(a, o);
      return true;
    },
    positional: (p) => positional.push(p),
  });
  if (o.command === 'user') {
    if (positional.length !== 1 || positional[0]!.trim() === '') throw cliError('cli.users.query');
    o.query = positional[0]!;
  } else if (positional.length) throw cliError('cli.unknownOption', { option: positional[0]! });
  if ((o.exchange === null) !== (o.skype === null) || (o.user !== null && o.exchange === null)) throw cliError('cli.contacts.servers');
  if (o.snapshot !== null && o.exchange !== null) throw cliError('cli.users.sourceConflict');
  return o;
}

function reasonJson(v: UserVerdict, language: Language) {
  return {
    sipAddress: v.sipAddress,
    displayName: v.displayName,
    works: v.works,
    reasons: v.reasons.map((r) => ({
      rule: r.rule,
      severity: r.severity,
      message: renderDiagnostic(language, r).message,
      // One cmdlet per user rule: the JSON keeps `fix` a string (null when there is none).
      fix: r.fix[0] ?? null,
      role: r.role,
    })),
  };
}

function verdictText(v: UserVerdict, language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines = [`${v.displayName} <${v.sipAddress}>`];
  const first = v.reasons.find((r) => r.severity === 'error');
  lines.push(`  ${v.works ? t('cli.users.works') : t('cli.users.fails', { reason: renderDiagnostic(language, first!).message })}`);
  for (const r of v.reasons) {
    lines.push(`  ${r.severity.toUpperCase()} ${r.rule}: ${renderDiagnostic(language, r).message}`);
    for (const c of r.fix) lines.push(`    ${t('cli.users.fix')} ${c}`);
    lines.push(`    ${t('cli.users.who')} ${translateDynamic(language, `users.role.${r.role}`, {})}`);
  }
  return lines.join('\n') + '\n';
}

export async function runUsers(
  command: 'user' | 'users',
  args: readonly string[],
  io: CliServicesIo & { out: (s: string) => void; err: (s: string) => void },
  systemLanguage: Language,
): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = failLine(io.err, () => language);
  let o: UsersOptions;
  let csv: Uint8Array | null = null;
  try {
    o = parseUsers(command, args);
    language = o.lang ?? language;
    if (o.csv !== null) csv = await readCsvFile(o.csv);
  } catch (e) {
    return fail(e);
  }
  let services: MainServices | null = null;
  try {
    // A check only reads: the CLI's live profile is a helpdesk one (no write cmdlet imported).
    services = await openCliServices({ ...o, role: 'helpdesk' }, io, language);
    const users = services.users;
    if (o.command === 'user') {
      const found = await users.search(o.query!, 50);
      if (!found.matches.length) throw cliError('cli.users.noMatch', { query: o.query! });
      const verdicts: UserVerdict[] = [];
      for (const m of found.matches) verdicts.push(await users.verdict(m.sipAddress));
      const working = verdicts.filter((v) => v.works).length;
      if (o.json)
        io.out(
          JSON.stringify(
            { users: verdicts.map((v) => reasonJson(v, language)), summary: { matched: verdicts.length, working, failing: verdicts.length - working, truncated: found.truncated } },
            null,
            2,
          ) + '\n',
        );
      else io.out(verdicts.map((v) => verdictText(v, language)).join('\n'));
      return working === verdicts.length ? 0 : 1;
    }
    await users.startCheck(csv ? { fileName: o.csv!, bytes: csv } : undefined);
    const done = await users.checkDone();
    if (o.out) await users.exportTo('html', resolve(o.out));
    if (o.json) {
      io.out(JSON.stringify({ users: done.failing.map((f) => ({ sipAddress: f.sipAddress, displayName: f.displayName, works: false, rules: f.rules })), summary: done.summary }, null, 2) + '\n');
    } else {
      const t = (k: MessageKey, p?: Params) => translate(language, k, p);
      io.out(t('cli.users.summary', { checked: done.summary.checked, working: done.summary.working, failing: done.summary.failing }) + '\n');
      for (const [rule, n] of Object.entries(done.summary.byRule).sort((a, b) => b[1] - a[1]))
        io.out(`  ${rule.padEnd(8)} ${String(n).padStart(7)}  ${translateDynamic(language, ruleTitleKey(rule), {})}\n`);
      for (const q of done.summary.notFound) io.err(`umc: ${t('cli.users.notFound', { query: q })}\n`);
      if (o.out) io.out(t('cli.users.reportWritten', { file: o.out }) + '\n');
    }
    if (csv && done.summary.checked === 0) return 2;
    return done.summary.failing === 0 ? 0 : 1;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}
