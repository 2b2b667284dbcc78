/**
 * The one i18n layer: the renderer, the CLI and the rule messages all format through here.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { en, type MessageKey } from './en';
import { fr } from './fr';

export type Language = 'en' | 'fr';
export const LANGUAGES: readonly Language[] = ['en', 'fr'];

const TABLES: Readonly<Record<Language, Readonly<Record<string, string>>>> = { en, fr };

/** `fr-CA`, `fr_FR.UTF-8` → fr; anything else → en. */
export function languageFromLocale(locale: string | undefined | null): Language {
  return /^fr\b|^fr[-_]/i.test(locale ?? '') ? 'fr' : 'en';
}

export type Params = Readonly<Record<string, string | number>>;

function fill(template: string, params: Params | undefined, language: Language): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? v.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-US') : v;
  });
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
