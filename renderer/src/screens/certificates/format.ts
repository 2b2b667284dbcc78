/** Dates and sizes as the Certificates screen prints them, in the language on screen (UTC, like the certificates). */
import type { Language } from '../../../../shared/i18n/translate';

const locale = (language: Language) => (language === 'fr' ? 'fr-FR' : 'en-GB');

export function formatDate(language: Language, iso: string | number | Date): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  return d.toLocaleDateString(locale(language), { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

/** An axis tick: "Jan 2026" / "janv. 2026". */
export function formatMonth(language: Language, d: Date): string {
  return d.toLocaleDateString(locale(language), { year: 'numeric', month: 'short', timeZone: 'UTC' });
}

/** Megabytes with one decimal, for the "file too large" message. */
export function megabytes(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}
