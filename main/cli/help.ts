/**
 * What `umc` says about itself, as command-line tools do (git, kubectl, npm): `umc` alone prints a
 * few lines and where the rest is; `umc --help` (`umc help`) every command; `umc COMMAND --help`
 * (`-h`, `umc help COMMAND`) one command's usage, options and exit codes, before the command's own
 * code runs; `umc --version` (`umc version`); a mistyped command gets "did you mean …?" (the
 * closest command by edit distance, as git's help.autocorrect suggests).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, translate } from '../../shared/i18n/translate';

/** Every command `umc` dispatches, and the i18n key of its help. */
export const COMMAND_HELP: Readonly<Record<string, MessageKey>> = {
  check: 'cli.help.check',
  fix: 'cli.help.fix',
  checklist: 'cli.help.checklist',
  bundle: 'cli.help.bundle',
  capture: 'cli.help.capture',
  'connect-test': 'cli.connectTest.usage',
  'known-hosts': 'cli.knownHosts.usage',
  cert: 'cli.help.cert',
  probe: 'cli.help.probe',
  contacts: 'cli.help.contacts',
  user: 'cli.help.user',
  users: 'cli.help.users',
  diff: 'diff.cli.help',
  'test-voicemail': 'voicemailTest.cli.usage',
};

export const COMMANDS: readonly string[] = Object.keys(COMMAND_HELP);

/** Asks for help: `--help` or `-h` among the options (before `--`, after which everything is positional). */
export function asksForHelp(args: readonly string[]): boolean {
  for (const a of args) {
    if (a === '--') return false;
    if (a === '--help' || a === '-h') return true;
  }
  return false;
}

/** Option lines a command's help gains from another feature's table, placed before its exit codes (the last paragraph). */
export const HELP_OPTIONS_ADDED: Readonly<Record<string, readonly MessageKey[]>> = {
  capture: ['history.cli.noHistoryOption'],
  check: ['diff.cli.sinceOption', 'gatewayHistory.cli.monitorHistoryOption'],
};

/** Command lines `umc --help` gains from another feature's table, placed before `umc --version`. */
export const HELP_COMMANDS_ADDED: readonly MessageKey[] = ['diff.cli.command', 'bundle.cli.command', 'voicemailTest.cli.command'];

/** The help of a command, or of everything (`null`). */
export function helpText(language: Language, command: string | null): string {
  const key = command === null ? undefined : COMMAND_HELP[command];
  const all = translate(language, 'cli.help.all');
  const commandsAt = all.indexOf('\n  umc --version');
  const withCommands = commandsAt < 0 ? all : `${all.slice(0, commandsAt)}\n${HELP_COMMANDS_ADDED.map((k) => translate(language, k)).join('\n')}${all.slice(commandsAt)}`;
  const text = key ? translate(language, key) : withCommands;
  const added = (command === null ? [] : (HELP_OPTIONS_ADDED[command] ?? [])).map((k) => `  ${translate(language, k)}`);
  if (added.length === 0) return text + '\n';
  const last = text.lastIndexOf('\n\n');
  return last < 0 ? `${text}\n${added.join('\n')}\n` : `${text.slice(0, last)}\n${added.join('\n')}${text.slice(last)}\n`;
}

export function shortUsage(language: Language): string {
  return translate(language, 'cli.help.short') + '\n';
}

/** The version in package.json beside the bundle (`root`), as the console's About shows it (main/compose.ts). */
export function versionText(language: Language, root: string): string {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  return translate(language, 'cli.version', { version: pkg.version }) + '\n';
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbours ("chekc" → "check" is 1). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  return d[a.length]![b.length]!;
}

/**
 * The command a mistyped one most likely meant: the closest by edit distance, when it is at most 2
 * and less than half the typed word (so "x" suggests nothing), or a command the word begins
 * ("connect" → connect-test); null when none is close.
 */
export function closestCommand(typed: string, commands: readonly string[] = [...COMMANDS, 'help', 'version']): string | null {
  const word = typed.toLowerCase();
  let best: { command: string; distance: number } | null = null;
  for (const c of commands) {
    const distance = editDistance(word, c);
    if (best === null || distance < best.distance) best = { command: c, distance };
  }
  if (best && best.distance <= 2 && best.distance * 2 < word.length) return best.command;
  const prefixed = commands.filter((c) => word.length >= 3 && c.startsWith(word));
  return prefixed.length === 1 ? prefixed[0]! : null;
}
