/**
 * `umc user QUERY [--json]` and `umc users check [--csv FILE] [--json] [--out report.html|report.csv]`:
 * will this user's voice mail work? — the verdict, its reasons (R-U-…), the fix and who must apply
 * it; and the same for everyone (or a CSV's users). On the lab org (the user's copy), a snapshot
 * (`--snapshot FILE`) or live servers (`--exchange X --skype Y [--user DOMAIN\user]`). QUERY and each
 * CSV line are matched alike (`matchUsers`): a whole value (SIP address or its user part, e-mail,
 * extension, phone, name), else by prefix; a CSV line naming several users is ambiguous, not checked.
 * Exit 0 when every checked user will work, 1 when some will not or are at risk (the JSON's `verdict`:
 * "works" | "at-risk" | "fails"), 2 for bad input or no match.
 */
import { resolve } from 'node:path';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, renderDiagnostic, renderFix, renderMessage, ruleTitleKey, translate, translateDynamic, UserError } from '../../shared/i18n/translate';
import { ambiguousLine } from '../../shared/users/users-report';
import type { UserVerdict } from '../../shared/users/user-model';
import { verdictHeadline } from '../../shared/users/verdict';
import type { MainServices } from '../compose';
import { requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';
import { type CliServicesIo, failLine, openCliServices, readCsvFile } from './cli-services';

interface UsersOptions extends OrgSourceArgs {
  command: 'user' | 'check';
  query: string | null;
  csv: string | null;
  out: string | null;
  json: boolean;
  snapshot: string | null;
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
  checkServerOptions(o);
  if (o.snapshot !== null && o.exchange !== null) throw cliError('cli.users.sourceConflict');
  return o;
}

/** One user as `--json` gives it: the verdict, the reasons (user rules) and the risks on the call path (org findings or a hop's state). */
function verdictJson(v: UserVerdict, language: Language) {
  return {
    sipAddress: v.sipAddress,
    displayName: v.displayName,
    verdict: v.verdict,
    works: v.works,
    reasons: v.reasons.map((r) => ({
      rule: r.rule,
      severity: r.severity,
      message: renderDiagnostic(language, r).message,
      // One cmdlet per user rule: the JSON keeps `fix` a string (null when there is none).
      fix: r.fix[0] ?? null,
      role: r.role,
    })),
    risks: v.risks.map((r) => ({
      hop: r.hop,
      rule: r.finding?.rule ?? null,
      severity: r.finding?.severity ?? null,
      message: renderMessage(language, r.message),
      objects: r.finding?.objects ?? [],
      fix: r.finding?.fix ?? [],
    })),
  };
}

/** The headline: works, or "will not work" / "at risk" with its first cause and "(+N more)". */
function headlineText(v: UserVerdict, language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const h = verdictHeadline(v);
  if (h.verdict === 'works' || !h.cause) return t('cli.users.works');
  const reason = renderMessage(language, h.cause);
  const line = t(h.verdict === 'fails' ? 'cli.users.fails' : 'cli.users.atRisk', { reason });
  return h.more > 0 ? `${line} ${t('cli.users.more', { count: h.more })}` : line;
}

function verdictText(v: UserVerdict, language: Language): string {
  const t = (k: MessageKey, p?: Params) => translate(language, k, p);
  const lines = [`${v.displayName} <${v.sipAddress}>`];
  lines.push(`  ${headlineText(v, language)}`);
  for (const r of v.reasons) {
    lines.push(`  ${r.severity.toUpperCase()} ${r.rule}: ${renderDiagnostic(language, r).message}`);
    for (const c of renderFix(language, r)) lines.push(`    ${t('cli.users.fix')} ${c}`);
    lines.push(`    ${t('cli.users.who')} ${translateDynamic(language, `users.role.${r.role}`, {})}`);
  }
  for (const r of v.risks) {
    const hop = translateDynamic(language, `users.hop.kind.${r.hop}`, {});
    lines.push(`  ${t('cli.users.risk')} ${r.finding ? `${r.finding.rule}: ` : ''}${renderMessage(language, r.message)} — ${t('cli.users.hop', { hop })}`);
    for (const c of r.finding ? renderFix(language, r.finding) : []) lines.push(`    ${t('cli.users.fix')} ${c}`);
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
      // The one matcher of a CSV line too (matchUsers): the whole value first, else by prefix.
      const found = await users.lookup(o.query!, 50);
      if (!found.matches.length) throw new UserError({ key: 'helpdesk.match.none', params: { query: o.query! } });
      if (found.total > 1 && !o.json)
        io.err(
          `umc: ${translate(language, found.total > found.matches.length ? 'helpdesk.match.severalShown' : 'helpdesk.match.several', { count: found.total, query: o.query!, shown: found.matches.length })}\n`,
        );
      const verdicts: UserVerdict[] = [];
      for (const m of found.matches) verdicts.push(await users.verdict(m.sipAddress || m.email || ''));
      const working = verdicts.filter((v) => v.verdict === 'works').length;
      const atRisk = verdicts.filter((v) => v.verdict === 'at-risk').length;
      if (o.json)
        io.out(
          JSON.stringify(
            {
              users: verdicts.map((v) => verdictJson(v, language)),
              summary: { matched: verdicts.length, working, failing: verdicts.length - working - atRisk, atRisk, truncated: found.total > verdicts.length },
            },
            null,
            2,
          ) + '\n',
        );
      else io.out(verdicts.map((v) => verdictText(v, language)).join('\n'));
      return working === verdicts.length ? 0 : 1;
    }
    await users.startCheck(csv ? { fileName: o.csv!, bytes: csv } : undefined);
    const done = await users.checkDone();
    // `--out` by its extension: `.csv` the one-line-per-reason CSV, anything else the HTML report.
    const outFormat = o.out && /\.csv$/i.test(o.out) ? 'csv' : 'html';
    if (o.out) await users.exportTo(outFormat, resolve(o.out));
    if (o.json) {
      // Every checked user, not only the failing ones, each with its reasons and risks.
      io.out(JSON.stringify({ users: users.checkedVerdicts().map((v) => verdictJson(v, language)), summary: done.summary }, null, 2) + '\n');
    } else {
      const t = (k: MessageKey, p?: Params) => translate(language, k, p);
      io.out(t('cli.users.summary', { checked: done.summary.checked, working: done.summary.working, failing: done.summary.failing, atRisk: done.summary.atRisk }) + '\n');
      for (const [rule, n] of Object.entries(done.summary.byRule).sort((a, b) => b[1] - a[1]))
        io.out(`  ${rule.padEnd(8)} ${String(n).padStart(7)}  ${translateDynamic(language, ruleTitleKey(rule), {})}\n`);
      // Each CSV line that names nobody or several users, as `umc user` would say it.
      for (const q of done.summary.notFound) io.err(`umc: ${translate(language, 'helpdesk.match.none', { query: q })}\n`);
      for (const a of done.summary.ambiguous) io.err(`umc: ${ambiguousLine(a, language)}\n`);
      if (o.out) io.out(t(outFormat === 'csv' ? 'helpdesk.report.csvWritten' : 'cli.users.reportWritten', { file: o.out }) + '\n');
    }
    if (csv && done.summary.checked === 0) return 2;
    // 0: everyone will work; 1: someone will not, or is at risk (the JSON says which).
    return done.summary.failing === 0 && done.summary.atRisk === 0 ? 0 : 1;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}
