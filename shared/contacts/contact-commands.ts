/**
 * The exact cmdlets an operation runs (docs/contact-objects.md §2): parameters as typed data, which the PowerShell
 * host binds as values, and their text for the preview, the audit log and copy-paste.
 * The text is for reading; nothing ever runs it, yet every value is one single-quoted literal
 * (psQuote), so what an admin pastes does what the preview says, whatever the value holds.
 */
import type { ExUmContact } from '../model/org';
import { psBool, psQuote } from '../powershell/quote';
import type { ContactCommand, ContactDraft, ContactOperation, PropertyChange } from './contact-model';

type Parameter = ContactCommand['parameters'][number];

/** The cmdlets for `op`. `original` is the contact as read now (edit needs it to send only what changed). */
export function commandsFor(op: ContactOperation, original: ExUmContact | null): ContactCommand[] {
  switch (op.op) {
    case 'create':
      return [newCommand(op.draft)];
    case 'edit': {
      if (!original) throw new Error(`commandsFor: an edit of ${op.identity} needs the contact as read now`);
      return editCommands(op.identity, op.draft, original);
    }
    case 'move':
      return [moveCommand(op.identity, op.targetPool.trim())];
    case 'remove':
      // -Confirm:$false: the console asked already (the preview); the host has no one to answer a prompt.
      return [
        {
          cmdlet: 'Remove-CsExUmContact',
          parameters: [
            { name: 'Identity', value: op.identity },
            { name: 'Confirm', value: false },
          ],
        },
      ];
  }
}

/** New-CsExUmContact (docs/contact-objects.md §2.1). The cmdlet has no DisplayName: a CSV row's name goes in the description when that is empty. */
function newCommand(d: ContactDraft): ContactCommand {
  const parameters: Parameter[] = [
    { name: 'SipAddress', value: d.sipAddress.trim() },
    { name: 'RegistrarPool', value: d.registrarPool.trim() },
    { name: 'DisplayNumber', value: d.displayNumber.trim() },
    { name: 'OU', value: d.ou.trim() },
  ];
  if (d.kind === 'autoAttendant') parameters.push({ name: 'AutoAttendant', value: true });
  const description = d.description || d.name;
  if (description) parameters.push({ name: 'Description', value: description });
  return { cmdlet: 'New-CsExUmContact', parameters };
}

/**
 * Set-CsExUmContact with only the parameters that change (docs/contact-objects.md §2.2), then Move-CsExUmContact
 * when the pool changes (Set has no -RegistrarPool). The OU cannot change (validation refuses it);
 * the name is not a cmdlet parameter. Nothing changed: no command.
 */
function editCommands(identity: string, d: ContactDraft, o: ExUmContact): ContactCommand[] {
  const set: Parameter[] = [];
  const sip = d.sipAddress.trim();
  const number = d.displayNumber.trim();
  const aa = d.kind === 'autoAttendant';
  if (sip !== o.sipAddress) set.push({ name: 'SipAddress', value: sip });
  if (number !== o.displayNumber) set.push({ name: 'DisplayNumber', value: number });
  if (aa !== o.autoAttendant) set.push({ name: 'AutoAttendant', value: aa });
  if (d.description !== o.description) set.push({ name: 'Description', value: d.description });
  if (d.enabled !== undefined && d.enabled !== o.enabled) set.push({ name: 'Enabled', value: d.enabled });
  // Set-CsExUmContact -EnterpriseVoiceEnabled (its reference page): what clears R-C-14's "not enabled for Enterprise Voice".
  if (d.enterpriseVoiceEnabled !== undefined && d.enterpriseVoiceEnabled !== o.enterpriseVoiceEnabled) set.push({ name: 'EnterpriseVoiceEnabled', value: d.enterpriseVoiceEnabled });
  const out: ContactCommand[] = [];
  if (set.length) out.push({ cmdlet: 'Set-CsExUmContact', parameters: [{ name: 'Identity', value: identity }, ...set] });
  const pool = d.registrarPool.trim();
  if (pool && pool.toLowerCase() !== o.registrarPool.toLowerCase()) out.push(moveCommand(identity, pool));
  return out;
}

/** Move-CsExUmContact prompts even with -Force (docs/contact-objects.md §2.5): -Confirm:$false. */
function moveCommand(identity: string, target: string): ContactCommand {
  return {
    cmdlet: 'Move-CsExUmContact',
    parameters: [
      { name: 'Identity', value: identity },
      { name: 'Target', value: target },
      { name: 'Confirm', value: false },
    ],
  };
}

/** `New-CsExUmContact -SipAddress 'sip:…' … -AutoAttendant:$true`: strings single-quoted, booleans `-Name:$value`. */
export function renderCommand(cmd: ContactCommand): string {
  const parts: string[] = [cmd.cmdlet];
  for (const p of cmd.parameters) parts.push(typeof p.value === 'boolean' ? `-${p.name}:${psBool(p.value)}` : `-${p.name} ${psQuote(p.value)}`);
  return parts.join(' ');
}

/** Which contact property each cmdlet parameter sets (docs/contact-objects.md §2). */
const FIELD_OF_PARAMETER: Readonly<Record<string, keyof ExUmContact>> = {
  SipAddress: 'sipAddress',
  DisplayNumber: 'displayNumber',
  RegistrarPool: 'registrarPool',
  Target: 'registrarPool',
  OU: 'ou',
  AutoAttendant: 'autoAttendant',
  Description: 'description',
  Enabled: 'enabled',
  EnterpriseVoiceEnabled: 'enterpriseVoiceEnabled',
};

/** The properties a removal takes away, shown as they are now. */
const REMOVED: readonly (keyof ExUmContact)[] = ['sipAddress', 'displayNumber', 'autoAttendant', 'registrarPool', 'ou', 'enabled', 'enterpriseVoiceEnabled', 'description'];

/**
 * What the preview shows as "now → after": each property the commands set, with its value on the object as
 * read just now (`before`; null for a creation). A new number also changes LineURI (Set-CsExUmContact's
 * reference page), and AutoAttendant also IsSubscriberAccess; a property already at the value is not a change.
 */
export function changesOf(commands: readonly ContactCommand[], before: ExUmContact | null): PropertyChange[] {
  const out: PropertyChange[] = [];
  const add = (field: keyof ExUmContact, after: string | boolean | null) => {
    const now = before ? before[field] : null;
    if (now === after || out.some((c) => c.field === field)) return;
    out.push({ field, now, after });
  };
  for (const cmd of commands) {
    if (cmd.cmdlet === 'Remove-CsExUmContact') {
      if (before) for (const f of REMOVED) out.push({ field: f, now: before[f], after: null });
      continue;
    }
    for (const p of cmd.parameters) {
      const field = FIELD_OF_PARAMETER[p.name];
      if (!field) continue;
      add(field, p.value);
      if (field === 'displayNumber' && typeof p.value === 'string') add('lineUri', `tel:${p.value}`);
      if (field === 'autoAttendant' && typeof p.value === 'boolean') add('isSubscriberAccess', !p.value);
    }
    // A new contact is a Subscriber Access contact unless -AutoAttendant says otherwise (New-CsExUmContact's reference page).
    if (cmd.cmdlet === 'New-CsExUmContact' && !cmd.parameters.some((p) => p.name === 'AutoAttendant')) add('autoAttendant', false);
  }
  return out;
}
