/**
 * The one i18n layer: the renderer, the CLI and the rule messages all format through here.
 *
 * Templates are ICU MessageFormat, formatted by FormatJS `intl-messageformat` (docs/i18n.md): `{name}`
 * arguments, `{count, plural, one {…} other {…}}` plurals with the CLDR rules of the language (French
 * `one` covers 0 and 1), `{kind, select, …}`.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import type { MessageFormatElement } from '@formatjs/icu-messageformat-parser';
import type { Diagnostic } from '../diagnostics/diagnostic';
import { en, type MessageKey } from './en';
import { fr } from './fr';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const TABLES: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en, fr };

/** The number and plural locale of each language: grouping "1,234" / "1 234" as before the ICU move. */
const LOCALES: Readonly<Record<Language, string>> = { en: 'en-US', fr: 'fr-FR' };

/** `fr-CA`, `fr_FR.UTF-8` → fr; anything else → en. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return /^fr\b|^fr[-_]/i.test(locale ?? '') ? 'fr' : 'en';
}

export type Params = Readonly<Record<string, string | number>>;

/**
 * The element types of the parser's AST (`TYPE` of @formatjs/icu-messageformat-parser, a runtime enum
 * we only need these values of).
 */
const LITERAL = 0;
const ARGUMENT = 1;
const SELECT = 5;
const PLURAL = 6;
const TAG = 8;

/**
 * A plain `{x}` argument is renamed in the AST so its value can be given pre-formatted: intl-messageformat
 * writes a plain number with String(x) ("1234"), and the console has always grouped digits by locale
 * ("1,234" / "1 234"). The plural `#` and `{x, number}` keep the raw number and format it themselves.
 */
const PLAIN = '\u0000plain:';

interface Compiled {
  readonly format: IntlMessageFormat;
  /** Names used as plain `{x}` arguments. */
  readonly plain: readonly string[];
  /** Names used by plural, select, number, date elements: they need their raw value. */
  readonly typed: readonly string[];
}

function rewritePlain(elements: MessageFormatElement[], plain: Set<string>, typed: Set<string>): MessageFormatElement[] {
  return elements.map((el) => {
    if (el.type === ARGUMENT) {
      plain.add(el.value);
      return { ...el, value: PLAIN + el.value };
    }
    if ('value' in el && typeof el.value === 'string' && el.type !== LITERAL && el.type !== TAG) typed.add(el.value);
    if (el.type === SELECT || el.type === PLURAL) {
      const options: Record<string, { value: MessageFormatElement[] }> = {};
      for (const [k, o] of Object.entries(el.options)) options[k] = { ...o, value: rewritePlain(o.value, plain, typed) };
      return { ...el, options } as MessageFormatElement;
    }
    if ('children' in el && Array.isArray(el.children)) return { ...el, children: rewritePlain(el.children, plain, typed) } as MessageFormatElement;
    return el;
  });
}

/** Parsed once per (language, template); null when the template is not valid ICU (then the raw template is used). */
const CACHE = new Map<string, Compiled | null>();

function compile(language: Language, template: string): Compiled | null {
  const cacheKey = `${language}\u0000${template}`;
  const hit = CACHE.get(cacheKey);
  if (hit !== undefined) return hit;
  let compiled: Compiled | null;
  try {
    // ignoreTag: a `<path>` in a message is text, not a rich-text tag.
    const parsed = new IntlMessageFormat(template, LOCALES[language], undefined, { ignoreTag: true });
    const plain = new Set<string>();
    const typed = new Set<string>();
    const ast = rewritePlain(parsed.getAst(), plain, typed);
    compiled = { format: new IntlMessageFormat(ast, LOCALES[language], undefined, { ignoreTag: true }), plain: [...plain], typed: [...typed] };
  } catch {
    compiled = null;
  }
  CACHE.set(cacheKey, compiled);
  return compiled;
}

/** The pre-ICU filling, kept as the fallback of a template that does not parse or lacks a plural's count. */
function fillRaw(template: string, params: Params | undefined, language: Language): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? v.toLocaleString(LOCALES[language]) : renderFixText(language, v);
  });
}

function fill(template: string, params: Params | undefined, language: Language): string {
  // Fast path: no ICU syntax at all, nothing to parse (quotes matter only next to braces or `#`).
  if (!template.includes('{') && !template.includes("'")) return template;
  const compiled = compile(language, template);
  if (!compiled) return fillRaw(template, params, language);
  const values: Record<string, string | number> = {};
  for (const name of compiled.plain) {
    const v = params?.[name];
    // A missing parameter stays visible as `{name}` rather than throwing in the middle of a screen.
    values[PLAIN + name] = v === undefined ? `{${name}}` : typeof v === 'number' ? v.toLocaleString(LOCALES[language]) : renderFixText(language, v);
  }
  for (const name of compiled.typed) {
    const v = params?.[name];
    if (v === undefined) return fillRaw(template, params, language);
    values[name] = v;
  }
  try {
    return String(compiled.format.format(values));
  } catch {
    return fillRaw(template, params, language);
  }
}

export function translate(language: Language, key: MessageKey, params?: Params): string {
  return fill(TABLES[language][key] ?? en[key] ?? key, params, language);
}

/** For keys built at run time (rule IDs, variants): falls back to English, then to the key itself. */
export function translateDynamic(language: Language, key: string, params?: Params): string {
  const template = TABLES[language][key] ?? (en as Readonly<Record<string, string>>)[key] ?? key;
  return fill(template, params, language);
}

export function hasMessage(key: string): boolean {
  return key in en;
}

export type Translator = (key: MessageKey, params?: Params) => string;

export function translator(language: Language): Translator {
  return (key, params) => translate(language, key, params);
}

/** A diagnostic as a reader sees it, in their language. */
export interface DiagnosticText {
  readonly title: string;
  readonly message: string;
  /** Why the rule matters; '' for a rule whose family gives no explanation (certificates, users, the contact form). */
  readonly why: string;
}

/**
 * The i18n key of a rule's title: `cert.rule.<name>.title` for the per-certificate rules (cert.key.weak
 * → cert.rule.key.weak.title), `users.rule.<id>.title` for the user rules, `rule.<id>.title` for the
 * org rules (and the R-C rules the contact form judges).
 */
export function ruleTitleKey(rule: string): string {
  if (rule.startsWith('cert.')) return `cert.rule.${rule.slice('cert.'.length)}.title`;
  if (rule.startsWith('R-U-')) return `users.rule.${rule}.title`;
  return `rule.${rule}.title`;
}

/** The one way a diagnostic becomes text: at the edge (renderer, CLI, report writers), in the reader's language. */
export function renderDiagnostic(language: Language, d: Diagnostic): DiagnosticText {
  const whyKey = `rule.${d.rule}.why`;
  return {
    title: translateDynamic(language, ruleTitleKey(d.rule)),
    message: renderMessage(language, d.message),
    why: hasMessage(whyKey) ? translateDynamic(language, whyKey) : '',
  };
}

/**
 * The separator of a fix command and its comment: `Cmdlet -Identity 'x'   # what the admin must know`.
 * The comment is an i18n message (`fix.comment.*`): the command text holds its English rendering (so
 * JSON output and logs read the same in every language), and `renderFixText` puts it in the reader's
 * language at the edge.
 */
export const FIX_COMMENT = '   # ';

export type FixCommentKey = Extract<MessageKey, `fix.comment.${string}`>;

/** A command followed by its comment, in English (the form stored in a Diagnostic's `fix`). */
export function commentedCommand(command: string, comment: FixCommentKey): string {
  return command + FIX_COMMENT + translate('en', comment);
}

export type FixPlaceholderKey = Extract<MessageKey, `fix.placeholder.${string}`>;

/**
 * A value the admin must fill in, inside a fix command: `<thumbprint>`, `<thumbprint of a certificate
 * whose subject contains litwareinc.com>`. Like a comment it is an i18n message, stored in English and
 * put in the reader's language by `renderFixText`.
 */
export function fixPlaceholder(key: FixPlaceholderKey, params?: Readonly<Record<string, string>>): string {
  return `<${translate('en', key, params)}>`;
}

interface FixTextKeys {
  /** English rendering → key: the comments with their separator, the placeholders without arguments with their angle brackets. */
  readonly exact: ReadonlyMap<string, MessageKey>;
  /** Placeholders with arguments: their English rendering as a pattern, each argument a group. */
  readonly patterns: readonly { readonly key: MessageKey; readonly pattern: RegExp; readonly names: readonly string[] }[];
}

let fixTextKeysCache: FixTextKeys | null = null;

function fixTextKeys(): FixTextKeys {
  if (fixTextKeysCache) return fixTextKeysCache;
  const exact = new Map<string, MessageKey>();
  const patterns: { key: MessageKey; pattern: RegExp; names: string[] }[] = [];
  for (const k of Object.keys(en) as MessageKey[]) {
    if (k.startsWith('fix.comment.')) exact.set(FIX_COMMENT + translate('en', k), k);
    if (!k.startsWith('fix.placeholder.')) continue;
    const names = [...new Set([...en[k].matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
    if (names.length === 0) {
      exact.set(`<${translate('en', k)}>`, k);
      continue;
    }
    // Each argument rendered as a marker, then the markers turned into groups of the pattern.
    const marked = translate('en', k, Object.fromEntries(names.map((n, i) => [n, `\u0001${i}\u0001`])));
    const source = marked
      .split(/\u0001\d+\u0001/)
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('([^<>]+?)');
    patterns.push({ key: k, pattern: new RegExp(`^<${source}>$`), names });
  }
  fixTextKeysCache = { exact, patterns };
  return fixTextKeysCache;
}

function renderPlaceholder(language: Language, placeholder: string): string {
  const { exact, patterns } = fixTextKeys();
  const key = exact.get(placeholder);
  if (key) return `<${translate(language, key)}>`;
  for (const p of patterns) {
    const m = p.pattern.exec(placeholder);
    if (m) return `<${translate(language, p.key, Object.fromEntries(p.names.map((n, i) => [n, m[i + 1]!])))}>`;
  }
  return placeholder;
}

/** Fix text (one line, or several joined by newlines) with each known comment and placeholder in `language`. */
export function renderFixText(language: Language, text: string): string {
  if (language === 'en' || (!text.includes(FIX_COMMENT) && !text.includes('<'))) return text;
  const { exact } = fixTextKeys();
  return text
    .split('\n')
    .map((line) => {
      const at = line.indexOf(FIX_COMMENT);
      const comment = at < 0 ? undefined : exact.get(line.slice(at));
      const command = (comment ? line.slice(0, at) : line).replace(/<[^<>\n]+>/g, (ph) => renderPlaceholder(language, ph));
      return comment ? command + FIX_COMMENT + translate(language, comment) : command;
    })
    .join('\n');
}

/** A diagnostic's fix commands as a reader sees them: the comments in their language. */
export function renderFix(language: Language, d: Pick<Diagnostic, 'fix'>): string[] {
  return d.fix.map((line) => renderFixText(language, line));
}

export function formatDateTime(language: Language, iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' }) + ' UTC';
}

/** A message of the i18n layer, possibly with nested messages as parameters ("expected {expected}"). */
export interface Message {
  readonly key: string;
  readonly params?: Readonly<Record<string, string | number | Message>>;
}

export function renderMessage(language: Language, m: Message): string {
  const params: Record<string, string | number> = {};
  for (const [k, v] of Object.entries(m.params ?? {})) params[k] = typeof v === 'object' ? renderMessage(language, v) : v;
  return translateDynamic(language, m.key, params);
}

/**
 * An error a user reads: its text is an i18n message, rendered in the user's language where it is
 * shown (CLI, IPC answer); `message` is the English text for logs.
 */
export class UserError extends Error {
  constructor(readonly detail: Message) {
    super(renderMessage('en', detail));
    this.name = 'UserError';
  }

  render(language: Language): string {
    return renderMessage(language, this.detail);
  }
}
