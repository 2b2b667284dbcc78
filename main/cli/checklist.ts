/**
 * `umc checklist [--snapshot FILE | --exchange X --skype Y [--user DOMAIN\user]] [--json] [--lang en|fr]`:
 * the deployment checklist (docs/checklist.md) of the lab org (the user's copy, shared with the desktop
 * console, so a fix applied by `umc fix` is seen here), a snapshot file or live servers. Text: the
 * progress, then one block per step; JSON: `{"steps": [...], "done", "total"}`. Exit 0 when every step
 * is done, 1 otherwise, 2 bad input (an unknown option, an unreadable snapshot).
 */
import type { Checklist } from '../../shared/checklist/checklist-model';
import { type Language, renderMessage, translate, translateDynamic } from '../../shared/i18n/translate';
import type { MainServices } from '../compose';
import { oneLine, requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';
import { type CliServicesIo, failLine, openCliServices } from './cli-services';

export interface ChecklistIo extends CliServicesIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
}

export interface ChecklistOptions extends OrgSourceArgs {
  json: boolean;
  snapshot: string | null;
}

export function parseChecklist(args: readonly string[]): ChecklistOptions {
  const o: ChecklistOptions = { json: false, snapshot: null, exchange: null, skype: null, user: null, lang: null };
  scanArgs(args, {
    option: (a) => {
      if (a.name === '--json') o.json = a.flag();
      else if (a.name === '--snapshot') o.snapshot = a.value();
      else return orgSourceOption(a, o);
      return true;
    },
  });
  checkServerOptions(o, 'cli.checklist.servers');
  if (o.snapshot !== null && o.exchange !== null) throw cliError('cli.checklist.servers');
  return o;
}

/** The JSON `umc checklist --json` prints: the steps as scripts read them, titles in the asked language. */
export function checklistJson(c: Checklist, language: Language) {
  return {
    steps: c.steps.map((s) => ({
      id: s.id,
      title: renderMessage(language, s.title),
      role: s.role,
      status: s.status,
      rules: s.rules,
      action: s.action ? { kind: s.action.kind, findings: s.action.findings } : null,
    })),
    done: c.done,
    total: c.total,
  };
}

const MARK: Readonly<Record<string, string>> = { done: '[x]', 'not-done': '[ ]', partly: '[~]', 'not-judged': '[?]' };

export function checklistText(c: Checklist, language: Language): string {
  const t = (key: string, params?: Readonly<Record<string, string | number>>) => translateDynamic(language, key, params);
  const lines = [t('checklist.progress', { done: c.done, total: c.total }), t('checklist.versions', { exchange: c.exchange, skype: c.skype }), ''];
  for (const s of c.steps) {
    lines.push(`${MARK[s.status] ?? '[ ]'} ${String(s.order).padStart(2)}. ${renderMessage(language, s.title)} — ${t(`checklist.status.${s.status}`)}`);
    const pad = '       ';
    lines.push(`${pad}${t('cli.checklist.who', { role: t(`checklist.role.${s.role}`) })}`);
    if (s.rules.length) lines.push(`${pad}${t('cli.checklist.rules', { rules: s.rules.join(', ') })}`);
    if (s.status !== 'done') {
      for (const x of s.missing) lines.push(`${pad}- ${oneLine(renderMessage(language, x))}`);
      if (s.instructions) lines.push(`${pad}${t('cli.checklist.manual', { text: renderMessage(language, s.instructions) })}`);
      if (s.check) lines.push(`${pad}${t('cli.checklist.check', { command: s.check })}`);
      if (s.action) {
        const rules = [...new Set(s.action.findings.map((k) => k.split('|')[0]))];
        lines.push(`${pad}${t('cli.checklist.action', { kind: t(`checklist.export.kind.${s.action.kind}`), count: s.action.findings.length, rules: rules.join(' ') })}`);
      }
    }
    lines.push('');
  }
  return lines.join('\n');
}

export async function runChecklist(args: readonly string[], io: ChecklistIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = failLine(io.err, () => language);
  if (args.includes('--help') || args.includes('-h')) {
    io.out(checklistUsage(language) + '\n');
    return 0;
  }
  let o: ChecklistOptions;
  try {
    o = parseChecklist(args);
    language = o.lang ?? language;
  } catch (e) {
    return fail(e);
  }
  let services: MainServices | null = null;
  try {
    // A live check reads only: the helpdesk role imports no write cmdlet.
    services = await openCliServices({ ...o, role: 'helpdesk' }, io, language);
    const checklist = await services.checklist.view(language);
    if (o.json) io.out(JSON.stringify(checklistJson(checklist, language), null, 2) + '\n');
    else io.out(checklistText(checklist, language));
    return checklist.done === checklist.total ? 0 : 1;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}

/** The usage line (`umc checklist --help`). */
export const checklistUsage = (language: Language): string => translate(language, 'cli.checklist.usage');
