/**
 * `umc contacts list [--json]`, `umc contacts export FILE.csv`, `umc contacts import FILE.csv [--dry-run]
 * [--yes] [--stop-on-error]`, on the lab org (the user's copy, shared with the desktop
 * console) or on live servers (`--exchange X --skype Y [--user DOMAIN\user]`). The same services as
 * the console: the same validation, preview (every row's exact cmdlets), audit log and exit codes —
 * 0 all applied, 1 some rows refused, 2 bad input.
 *
 * An import asks before it changes anything: `--yes` answers for scheduled runs (it also
 * acknowledges the warnings it prints); without a terminal and without `--yes` nothing is applied.
 */
import { resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import type { ImportPreview } from '../../shared/contacts/contact-channels';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, renderDiagnostic, translate } from '../../shared/i18n/translate';
import type { MainServices } from '../compose';
import { type CliWriteIo, failLine, openCliServices, readCsvFile } from './cli-services';
import { oneLine, requestedLanguage } from './capture';
import { checkServerOptions, cliError, type OrgSourceArgs, orgSourceOption, scanArgs } from './cli-args';

export type ContactsIo = CliWriteIo;

interface ContactsOptions extends OrgSourceArgs {
  command: 'list' | 'export' | 'import';
  file: string | null;
  json: boolean;
  dryRun: boolean;
  yes: boolean;
  stopOnError: boolean;
}

export function parseContacts(args: readonly string[]): ContactsOptions {
  const [command, ...rest] = args;
  if (command !== 'list' && command !== 'export' && command !== 'import') throw cliError('cli.contacts.usage');
  const o: ContactsOptions = { command, file: null, json: false, dryRun: false, yes: false, stopOnError: false, exchange: null, skype: null, user: null, lang: null };
  const positional: string[] = [];
  scanArgs(rest, {
    option: (a) => {
      if (a.name === '--json' && command === 'list') o.json = a.flag();
      else if (a.name === '--dry-run' && command === 'import') o.dryRun = a.flag();
      else if (a.name === '--yes' && command === 'import') o.yes = a.flag();
      else if (a.name === '--stop-on-error' && command === 'import') o.stopOnError = a.flag();
      else return orgSourceOption(a, o);
      return true;
    },
    positional: (p) => positional.push(p),
  });
  if (command === 'list' && positional.length) throw cliError('cli.unknownOption', { option: positional[0]! });
  if (command !== 'list') {
    if (positional.length !== 1) throw cliError('cli.contacts.file', { command });
    o.file = positional[0]!;
  }
  checkServerOptions(o);
  return o;
}

function table(rows: readonly string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!)))
          .join('  ')
          .trimEnd(),
      )
      .join('\n') + '\n'
  );
}

function previewText(p: ImportPreview, language: Language): string {
  const t = (k: MessageKey, params?: Params) => translate(language, k, params);
  const lines: string[] = [t('cli.contacts.previewHead', { file: p.fileName, separator: p.separator, encoding: p.encoding, rows: p.rows.length })];
  for (const i of p.fileIssues) lines.push(`  ${i.severity.toUpperCase()} ${i.rule}: ${renderDiagnostic(language, i).message}`);
  for (const row of p.rows) {
    lines.push(`${t('cli.contacts.line', { line: row.line })}  ${t(`cli.contacts.action.${row.action}`)}${row.draft ? `  ${row.draft.sipAddress}` : ''}`);
    for (const c of row.commandText) lines.push(`    ${c}`);
    for (const i of row.issues) lines.push(`    ${i.severity.toUpperCase()} ${i.rule}: ${renderDiagnostic(language, i).message}`);
  }
  lines.push(t('cli.contacts.counts', p.counts));
  return lines.join('\n') + '\n';
}

export async function runContacts(args: readonly string[], io: ContactsIo, systemLanguage: Language): Promise<number> {
  let language = requestedLanguage(args) ?? systemLanguage;
  const fail = failLine(io.err, () => language);
  let o: ContactsOptions;
  let bytes: Uint8Array | null = null;
  try {
    o = parseContacts(args);
    language = o.lang ?? language;
    if (o.command === 'import') bytes = await readCsvFile(o.file!);
  } catch (e) {
    return fail(e);
  }

  let services: MainServices | null = null;
  try {
    services = await openCliServices(o, io, language);
    const contacts = services.contacts;

    if (o.command === 'list') {
      const { view, access } = await contacts.list();
      if (o.json) {
        io.out(
          JSON.stringify(
            {
              contacts: view.rows.map((r) => ({
                status: r.status,
                identity: r.contact?.identity ?? null,
                displayName: r.contact?.displayName ?? r.prefill?.name ?? null,
                sipAddress: r.contact?.sipAddress ?? r.prefill?.sipAddress ?? null,
                displayNumber: r.contact?.displayNumber ?? r.serves?.number ?? null,
                type: r.contact ? (r.contact.autoAttendant ? 'AutoAttendant' : 'SubscriberAccess') : r.serves?.kind === 'autoAttendant' ? 'AutoAttendant' : 'SubscriberAccess',
                registrarPool: r.contact?.registrarPool ?? r.prefill?.registrarPool ?? null,
                enabled: r.contact?.enabled ?? null,
                serves: r.serves,
                issues: r.issues.map((i) => ({ rule: i.rule, severity: i.severity, message: renderDiagnostic(language, i).message })),
              })),
              counts: view.counts,
              writable: access.writable,
            },
            null,
            2,
          ) + '\n',
        );
      } else {
        const head = ['STATUS', 'NAME', 'SIP ADDRESS', 'NUMBER', 'TYPE', 'POOL'].map((h) => translate(language, `cli.contacts.col.${h.toLowerCase().replace(' ', '')}` as MessageKey));
        const rows = view.rows.map((r) => [
          translate(language, `contacts.status.${r.status}` as MessageKey),
          r.contact?.displayName ?? r.prefill?.name ?? '-',
          r.contact?.sipAddress ?? r.prefill?.sipAddress ?? '-',
          r.contact?.displayNumber ?? r.serves?.number ?? '-',
          (r.contact ? r.contact.autoAttendant : r.serves?.kind === 'autoAttendant') ? 'AA' : 'SA',
          // A missing contact shows the pool proposed for it (shared/contacts/contact-pool.ts), as the form and R-C-12's fix do.
          r.contact?.registrarPool ?? r.prefill?.registrarPool ?? '-',
        ]);
        io.out(table([head, ...rows]));
        io.out(translate(language, 'cli.contacts.summary', view.counts) + '\n');
      }
      return 0;
    }

    if (o.command === 'export') {
      const n = await contacts.exportCsvTo(resolve(o.file!));
      io.out(translate(language, 'cli.contacts.exported', { count: n, file: o.file! }) + '\n');
      return 0;
    }

    const preview = await contacts.importPreview(o.file!, bytes!);
    io.out(previewText(preview, language));
    if (preview.fileIssues.some((i) => i.severity === 'error')) return 2;
    const toApply = preview.counts.create + preview.counts.update;
    if (o.dryRun || toApply === 0) return preview.counts.invalid > 0 ? 1 : 0;
    if (preview.acknowledge.length) io.out(translate(language, 'cli.contacts.warnings', { rules: preview.acknowledge.join(', ') }) + '\n');
    const question = translate(language, 'cli.contacts.confirm', { count: toApply });
    const go = o.yes || (io.confirm ? await io.confirm(question) : false);
    if (!go) {
      io.err(`umc: ${translate(language, io.confirm ? 'cli.contacts.notConfirmed' : 'cli.contacts.needsYes')}\n`);
      return preview.counts.invalid > 0 ? 1 : 0;
    }
    await contacts.importApply(preview.token, o.stopOnError, preview.acknowledge);
    const done = await contacts.importDone();
    io.out(table([[translate(language, 'cli.contacts.col.line'), translate(language, 'cli.contacts.col.outcome'), ''], ...done.results.map((r) => [String(r.line), r.outcome, oneLine(r.message)])]));
    return done.results.every((r) => r.outcome === 'applied' || r.outcome === 'skipped') ? 0 : 1;
  } catch (e) {
    return fail(e);
  } finally {
    await services?.dispose();
  }
}

/** A yes/no question on a terminal. */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    const answer = await rl.question(`${question} `);
    return /^(y|yes|o|oui)$/i.test(answer.trim());
  } finally {
    rl.close();
  }
}
