/**
 * Quoting for the cmdlets the console *shows* (fixes, previews). These strings are for an admin
 * to read and copy; the console never runs a string it built this way (parameters travel
 * as data). Still, they must be correct PowerShell for any name.
 *
 * PowerShell treats the typographic single quotes U+2018, U+2019, U+201A and U+201B exactly like
 * the ASCII apostrophe inside single-quoted strings, so each of them is doubled too
 * (about_Quoting_Rules; PowerShell tokenizer `IsSingleQuote`).
 */
const SINGLE_QUOTES = /['\u2018\u2019\u201A\u201B]/g;

export function psQuote(value: string): string {
  return `'${value.replace(SINGLE_QUOTES, (q) => q + q)}'`;
}

/** A boolean parameter value as PowerShell writes it. */
export function psBool(value: boolean): string {
  return value ? '$true' : '$false';
}
