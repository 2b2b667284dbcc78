/**
 * A fix command as an admin would type it, for the preview, the audit log and the change plan. The
 * console never runs this text: the host binds the parameters as data (docs/fixes.md). Every string
 * is single-quoted by `psQuote`, so the text is correct PowerShell for any value.
 */
import { psBool, psQuote } from '../powershell/quote';
import type { FixCommand, FixValue } from './fix-model';

function valueText(v: FixValue): string {
  if (typeof v === 'boolean') return psBool(v);
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return psQuote(v);
  return v.length === 0 ? '@()' : v.map(psQuote).join(',');
}

/** `Set-UMIPGateway -Identity 'PBX 1' -OutcallsAllowed:$false`: booleans as `-Name:$value` (valid for switches and booleans alike). */
export function commandText(cmd: Pick<FixCommand, 'cmdlet' | 'parameters'>): string {
  const parts = [cmd.cmdlet];
  for (const p of cmd.parameters) parts.push(typeof p.value === 'boolean' ? `-${p.name}:${psBool(p.value)}` : `-${p.name} ${valueText(p.value)}`);
  return parts.join(' ');
}
