/**
 * The argument scanner the `umc` subcommands share: `--name value`, `--name=value`, a bare `--json`
 * style flag, `--lang en|fr`, positional arguments and `--` (everything after it is positional).
 * Errors are UserErrors with i18n messages, shown as one line by the CLI.
 */
import type { MessageKey } from '../../shared/i18n/en';
import { type Language, type Params, UserError } from '../../shared/i18n/translate';

export const cliError = (key: MessageKey, params?: Params): UserError => new UserError({ key, params });

export interface OptionScan {
  /** The option's name (`--out` for `--out=x` and `--out x`). */
  readonly name: string;
  /** The argument as given, for messages. */
  readonly arg: string;
  /** Its value: inline (`--out=x`) or the next argument; refused when missing. */
  value(): string;
  /** A flag: refused when given a value (`--json=1`). */
  flag(): true;
}

/**
 * Calls `option` for each `--option`; `positional` for the rest (omitted: a positional argument
 * is an unknown option). `option` returns false for an option it does not know.
 */
export function scanArgs(args: readonly string[], handlers: { option: (o: OptionScan) => boolean; positional?: (arg: string) => void }): void {
  let onlyPositional = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (onlyPositional || !arg.startsWith('--')) {
      if (!handlers.positional) throw cliError('cli.unknownOption', { option: arg });
      handlers.positional(arg);
      continue;
    }
    if (arg === '--' && handlers.positional) {
      onlyPositional = true;
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const scan: OptionScan = {
      name,
      arg,
      value: () => {
        if (eq > 0) return arg.slice(eq + 1);
        const v = args[++i];
        if (v === undefined || v.startsWith('--')) throw cliError('cli.missingValue', { option: name });
        return v;
      },
      flag: () => {
        if (eq > 0) throw cliError('cli.unknownOption', { option: arg });
        return true;
      },
    };
    if (!handlers.option(scan)) throw cliError('cli.unknownOption', { option: arg });
  }
}

/** `--lang en|fr`. */
export function languageOption(o: OptionScan): Language {
  const v = o.value();
  if (v !== 'en' && v !== 'fr') throw cliError('cli.unknownOption', { option: `--lang ${v}` });
  return v;
}

/** The options every subcommand that reads an org or connects to servers shares (null: not given). */
export interface OrgSourceArgs {
  exchange: string | null;
  skype: string | null;
  user: string | null;
  lang: Language | null;
}

/**
 * `--exchange`, `--skype`, `--user` and `--lang`, the options every subcommand that reads an org or
 * connects to servers shares; false for any other. A password is refused by name: never on the
 * command line (shell history, process list) — UMC_PASSWORD or the terminal's prompt.
 */
export function orgSourceOption(a: OptionScan, o: OrgSourceArgs): boolean {
  if (a.name === '--exchange') o.exchange = a.value();
  else if (a.name === '--skype') o.skype = a.value();
  else if (a.name === '--user') o.user = a.value();
  else if (a.name === '--lang') o.lang = languageOption(a);
  else if (a.name === '--password') throw cliError('cli.capture.noPasswordOption');
  else return false;
  return true;
}

/** Live servers are named both or neither (`--exchange X --skype Y`), and `--user` only with them: else `key`. */
export function checkServerOptions(o: OrgSourceArgs, key: MessageKey = 'cli.contacts.servers'): void {
  if ((o.exchange === null) !== (o.skype === null) || (o.user !== null && o.exchange === null)) throw cliError(key);
}
