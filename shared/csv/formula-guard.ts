/**
 * The one formula guard for every CSV the console writes (the contacts export, the users report) and
 * the one reading of it back (the contacts import). Excel, LibreOffice and Google Sheets run a cell
 * whose text starts with `=`, `+`, `-` or `@` as a formula, and a leading tab or carriage return is
 * stripped before they look (OWASP, "CSV Injection": https://owasp.org/www-community/attacks/CSV_Injection),
 * so `-2+3+cmd|' /C calc'!A0` goes out live unless the cell starts with a `'`, which the spreadsheet
 * shows as text and does not display.
 *
 * To read back exactly what was written, a value that already starts with `'` gets one more: the
 * reader then removes one `'` from every cell that starts with `'` followed by a guarded character
 * (a `'` included) — `''=x` is read as `'=x`, `'''` as `''`, `'-1` as `-1` — and leaves any other
 * cell as it is (`'abc` stays `'abc`).
 */

/** The first characters a spreadsheet evaluates (or strips before evaluating). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What the writer prefixes with `'`: a formula start, or a `'` (so the reader's removal is exact). */
const GUARDED_START = /^[=+\-@\t\r']/;
/** What the reader removes the `'` from: exactly what the writer may have produced. */
const GUARD_PREFIX = /^'[=+\-@\t\r']/;

/** Would a spreadsheet evaluate this cell? */
export function isFormulaLike(value: string): boolean {
  return FORMULA_START.test(value);
}

/** The cell text to write for `value`. */
export function guardCell(value: string): string {
  return GUARDED_START.test(value) ? `'${value}` : value;
}

/** The value a cell written by `guardCell` held (and any other cell as it is). */
export function unguardCell(cell: string): string {
  return GUARD_PREFIX.test(cell) ? cell.slice(1) : cell;
}
