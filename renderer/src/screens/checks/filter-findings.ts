/**
 * Client-side filters of the Checks screen. The list is fetched once; filtering here keeps typing
 * instant and lets the text filter match the messages in the language on screen.
 */
import type { ChecksList } from '../../../../shared/checks/check-channels';
import type { Diagnostic, RuleArea } from '../../../../shared/diagnostics/diagnostic';
import { type Language, renderDiagnostic } from '../../../../shared/i18n/translate';
import { refKey, type Severity } from '../../../../shared/model/org';

export interface ChecksFilter {
  readonly severities: ReadonlySet<Severity>;
  readonly area: RuleArea | 'all';
  readonly text: string;
}

export function filterFindings(list: ChecksList, filter: ChecksFilter, language: Language): Diagnostic[] {
  const needle = filter.text.trim().toLowerCase();
  return list.findings.filter((f) => {
    if (!filter.severities.has(f.severity)) return false;
    if (filter.area !== 'all' && f.area !== filter.area) return false;
    if (needle === '') return true;
    const text = renderDiagnostic(language, f);
    const haystack = [f.rule, text.title, text.message, ...f.objects.map((o) => list.labels[refKey(o)] ?? o.id)];
    return haystack.some((s) => s.toLowerCase().includes(needle));
  });
}
