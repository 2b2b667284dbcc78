/**
 * `umc`: the console's services on the command line, for jump hosts without a desktop and for
 * scheduled checks. Every command's usage, options and exit codes: `umc COMMAND --help` (help.ts);
 * the commands:
 *   `umc check [--lab | --snapshot FILE] [--trusted-roots FILE] [--json] [--out report.html|.csv]` (check.ts)
 *   `umc fix RULE-ID|--all [--dry-run] [--yes] [--exchange X --skype Y [--user DOMAIN\user]] [--json]` (fix.ts)
 *   `umc checklist`, `umc capture`, `umc connect-test`, `umc known-hosts`, `umc cert inspect`,
 *   `umc probe`, `umc contacts`, `umc user`, `umc users check` (their files)
 *   `umc diff OLD NEW [--json]` (diff.ts)
 *   `umc test-voicemail USER --test-user A --test-sip S [--connectivity] [--yes]` (test-voicemail.ts)
 *   `umc --version`, `umc --help`, `umc` alone: a short usage.
 *
 * The language: `--lang en|fr`, else the system's (LC_ALL, LC_MESSAGES, LANG in POSIX order, then
 * the OS locale: main/services/system-locale.ts).
 *
 * Exit codes: 0 done and nothing wrong (help and version too), 1 something wrong was found, 2 bad
 * input, an unknown command or a failure (one line on stderr, no stack), 130 interrupted.
 */
import { join } from 'node:path';
import { type CapturePhase, INTERRUPTED, requestedLanguage, runCapture } from './capture';
import { runCert } from './cert';
import { runConnectTest } from './connect-test';
import { runKnownHosts } from './known-hosts';
import { runProbe } from './probe';
import { confirmOnTerminal, type ContactsIo, runContacts } from './contacts';
import { runUsers } from './users';
import { runFix } from './fix';
import { runChecklist } from './checklist';
import { runBundle } from './bundle';
import { runCheck } from './check';
import { runDiff } from './diff';
import { runTestVoicemail } from './test-voicemail';
import { asksForHelp, closestCommand, COMMAND_HELP, helpText, shortUsage, versionText } from './help';
import { promptPassword } from './password-prompt';
import { type Language, languageFromLocale, translate, UserError } from '../../shared/i18n/translate';
import { SnapshotLoadError } from '../services/snapshot-loader';
import { environmentLocale } from '../services/system-locale';

export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly root: string;
  /** The system's locale (environmentLocale()): the language when no --lang is given. */
  readonly locale: string;
  /** capture: the environment (default process.env: UMC_PWSH, UMC_LAB_DATA, UMC_LAB_MODULE, UMC_PASSWORD). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** capture: aborted on SIGINT (the sessions are closed, exit 130). */
  readonly signal?: AbortSignal;
  /** capture --user: asks for the password without echo (only where stdin is a terminal). */
  readonly readPassword?: (prompt: string) => Promise<string | null>;
  /** capture: where it is (tests). */
  readonly onPhase?: (phase: CapturePhase) => void;
  /** contacts import: asks before applying (only where stdin is a terminal). */
  readonly confirm?: ContactsIo['confirm'];
}

class UsageError extends Error {}

/** The commands and what runs them; help, version and mistypes are answered before any of them runs. */
const RUNNERS: Readonly<Record<string, (args: readonly string[], io: CliIo, language: Language, command: string) => Promise<number>>> = {
  check: (args, io, language) => runCheck(args, io, language),
  capture: (args, io, language) => runCapture(args, io, language),
  'connect-test': (args, io, language) => runConnectTest(args, io, language),
  'known-hosts': (args, io, language) => runKnownHosts(args, io, language),
  cert: (args, io, language) => runCert(args, io, language),
  probe: (args, io, language) => runProbe(args, io, language),
  contacts: (args, io, language) => runContacts(args, io, language),
  user: (args, io, language) => runUsers('user', args, io, language),
  users: (args, io, language) => runUsers('users', args, io, language),
  fix: (args, io, language) => runFix(args, io, language),
  checklist: (args, io, language) => runChecklist(args, io, language),
  bundle: (args, io, language) => runBundle(args, io, language),
  diff: (args, io, language) => runDiff(args, io, language),
  'test-voicemail': (args, io, language) => runTestVoicemail(args, io, language),
};

export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const systemLanguage = languageFromLocale(io.locale);
  // `--lang` anywhere (`umc --lang fr --help`, `umc check --help --lang fr`) chooses the language of help and errors too.
  const language = requestedLanguage(argv) ?? systemLanguage;
  try {
    // A --lang the commands would refuse is refused here too, wherever it stands (`umc --lang de check`).
    const end = argv.includes('--') ? argv.indexOf('--') : argv.length;
    argv.slice(0, end).forEach((a, i) => {
      if (a !== '--lang' && !a.startsWith('--lang=')) return;
      const v = a === '--lang' ? argv[i + 1] : a.slice('--lang='.length);
      if (v === undefined || v.startsWith('--')) throw new UsageError(translate(language, 'cli.missingValue', { option: '--lang' }));
      if (v !== 'en' && v !== 'fr') throw new UsageError(translate(language, 'cli.unknownOption', { option: `--lang ${v}` }));
    });
    const words = argv.filter((a, i) => !(a === '--lang' || a.startsWith('--lang=') || (i > 0 && argv[i - 1] === '--lang')));
    const [command, ...rest] = words;
    if (command === undefined) {
      // `umc` alone: a few lines and where the rest is (as git and npm do); not a command, so exit 2.
      io.err(shortUsage(language));
      return 2;
    }
    if (command === '--version' || command === '-V' || command === 'version') {
      io.out(versionText(language, io.root));
      return 0;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      const topic = rest[0];
      if (topic !== undefined && !(topic in COMMAND_HELP)) throw new UsageError(unknownCommand(language, topic));
      io.out(helpText(language, topic ?? null));
      return 0;
    }
    const run = Object.prototype.hasOwnProperty.call(RUNNERS, command) ? RUNNERS[command] : undefined;
    if (!run) throw new UsageError(unknownCommand(language, command));
    if (asksForHelp(rest)) {
      io.out(helpText(language, command));
      return 0;
    }
    // The command gets its arguments as given (its own parser reads --lang, and refuses a misplaced one).
    return await run(argv.slice(argv.indexOf(command) + 1), io, language, command);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`umc: ${e.message}\n`);
      return 2;
    }
    if (e instanceof SnapshotLoadError || e instanceof UserError) {
      io.err(`umc: ${e.render(language)}\n`);
      return 2;
    }
    io.err(`umc: ${translate(language, 'cli.internalError', { message: e instanceof Error ? e.message : String(e) })}\n`);
    return 2;
  }
}

function unknownCommand(language: Language, command: string): string {
  const suggestion = command.startsWith('-') ? null : closestCommand(command);
  return suggestion ? translate(language, 'cli.didYouMean', { command, suggestion }) : translate(language, 'cli.unknownCommandHelp', { command });
}

/** Entry point of the bundled CLI (out/cli/umc.cjs). */
export function main(): void {
  const root = join(__dirname, '..', '..');
  // Ctrl+C: the first one closes the sessions (capture) and ends with 130; a second one ends at once.
  const interrupt = new AbortController();
  const onSigint = () => {
    if (interrupt.signal.aborted) process.exit(INTERRUPTED);
    interrupt.abort();
  };
  const capturing = process.argv[2] === 'capture' || process.argv[2] === 'cert' || process.argv[2] === 'fix'; // cert: Ctrl+C stops the inspection worker; fix: the run stops between two steps
  if (capturing) process.on('SIGINT', onSigint);
  runCli(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    root,
    locale: environmentLocale(),
    env: process.env,
    signal: capturing ? interrupt.signal : undefined,
    readPassword:
      (capturing || ['contacts', 'user', 'users', 'connect-test', 'fix', 'test-voicemail', 'bundle'].includes(process.argv[2] ?? '')) && process.stdin.isTTY
        ? (prompt) => promptPassword(prompt)
        : undefined,
    confirm: (process.argv[2] === 'contacts' || process.argv[2] === 'fix' || process.argv[2] === 'test-voicemail') && process.stdin.isTTY ? confirmOnTerminal : undefined,
  }).then(
    (code) => {
      process.off('SIGINT', onSigint);
      process.exitCode = code;
    },
    (e) => {
      process.off('SIGINT', onSigint);
      process.stderr.write(`umc: ${translate(languageFromLocale(environmentLocale()), 'cli.internalError', { message: e instanceof Error ? e.message : String(e) })}\n`);
      process.exitCode = 2;
    },
  );
}
