import type { Diagnostic } from '../../shared/diagnostics/diagnostic';
import { renderDiagnostic } from '../../shared/i18n/translate';

/**
 * Which of an org rule's conditions fired: the last part of its message key
 * (`rule.R-G-02.msg.pilot` → `pilot`; shared/rules/rule.ts makeDiagnostic).
 */
export function variantOf(d: Diagnostic): string {
  const i = d.message.key.lastIndexOf('.msg.');
  return i < 0 ? '' : d.message.key.slice(i + '.msg.'.length);
}

/** A diagnostic's message as an English reader sees it (the CLI's `--json` in English, the exports). */
export function english(d: Diagnostic): string {
  return renderDiagnostic('en', d).message;
}
