/**
 * The audit log as the Contacts screen shows it: a change's cmdlet line, and the objects before and
 * after as indented JSON. Display only: the console never runs this text (parameters travel as data).
 */
import type { AuditRecord } from '../../../../shared/audit/audit-model';
import { psBool, psQuote } from '../../../../shared/powershell/quote';

/**
 * The cmdlet line as the preview showed it (the same quoting as renderCommand: strings
 * single-quoted with every kind of single quote doubled, switches as -Name:$value).
 */
export function commandLine(record: Pick<AuditRecord, 'cmdlet' | 'parameters'>): string {
  return [record.cmdlet, ...record.parameters.map((p) => (typeof p.value === 'boolean' ? `-${p.name}:${psBool(p.value)}` : `-${p.name} ${psQuote(p.value)}`))].join(' ');
}

/** Indented JSON of an object the log holds (null / absent as "—"). */
export function objectText(value: unknown): string {
  if (value === null || value === undefined) return '—';
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}
