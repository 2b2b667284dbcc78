/**
 * The create / edit / move dialog's pure logic: the form's state, the ContactDraft and the
 * ContactOperation it stands for, the issues per field, and the acknowledgement rule (
 * "errors block, warnings must be acknowledged" — every warning's rule ID is ticked by the admin
 * and sent back as `acknowledged`).
 */
import type { ContactDraft, ContactOperation, ServedNumber } from '../../../../shared/contacts/contact-model';
import type { Diagnostic } from '../../../../shared/diagnostics/diagnostic';
import { draftFromContact } from '../../../../shared/contacts/contact-validation';
import type { ExUmContact } from '../../../../shared/model/org';

/** How long the form waits after a keystroke before asking contacts.validate (cheap, but not per key). */
export const VALIDATE_DEBOUNCE_MS = 150;

/** The draft's fields as typed, `enabled` always there (an edit shows it; draftFromForm leaves it out of a create). */
export type ContactForm = Required<ContactDraft>;

export type FormField = keyof ContactForm;
export const FORM_FIELDS: readonly FormField[] = ['ou', 'name', 'sipAddress', 'registrarPool', 'displayNumber', 'kind', 'description', 'enabled', 'enterpriseVoiceEnabled'];

/** What the dialog was opened for; edit / move / remove carry the contact as the list showed it. */
export type DialogMode =
  | { readonly op: 'create'; readonly prefill: ContactDraft | null }
  | { readonly op: 'edit'; readonly contact: ExUmContact }
  | { readonly op: 'move'; readonly contact: ExUmContact }
  | { readonly op: 'remove'; readonly contact: ExUmContact };

/**
 * A blank form: the only OU / the only pool when there is just one (nothing to choose), else empty
 * so the admin picks (R-C-07 / R-C-09 then say what is wrong with a wrong pick).
 */
export function emptyForm(ous: readonly string[], pools: readonly string[]): ContactForm {
  return {
    ou: ous.length === 1 ? ous[0] : '',
    name: '',
    sipAddress: '',
    registrarPool: pools.length === 1 ? pools[0] : '',
    displayNumber: '',
    kind: 'subscriberAccess',
    description: '',
    enabled: true,
    enterpriseVoiceEnabled: true,
  };
}

export function formFromDraft(draft: ContactDraft): ContactForm {
  return {
    ou: draft.ou,
    name: draft.name,
    sipAddress: draft.sipAddress,
    registrarPool: draft.registrarPool,
    displayNumber: draft.displayNumber,
    kind: draft.kind,
    description: draft.description,
    enabled: draft.enabled ?? true,
    enterpriseVoiceEnabled: draft.enterpriseVoiceEnabled ?? true,
  };
}

/** The cmdlets' object as a form. Its type is AutoAttendant when the flag says so (a contact cannot be both). */
export function formFromContact(c: ExUmContact): ContactForm {
  return draftFromContact(c);
}

export function initialForm(mode: DialogMode, ous: readonly string[], pools: readonly string[]): ContactForm {
  if (mode.op === 'create') return mode.prefill ? formFromDraft(mode.prefill) : emptyForm(ous, pools);
  return formFromContact(mode.contact);
}

/**
 * The draft sent to main. One-line fields lose the spaces around them (a pasted SIP address often
 * carries one, and the cmdlets would take it as part of the value); the description is sent as typed.
 * `enabled` and `enterpriseVoiceEnabled` travel only for an edit: a new contact is enabled for both
 * (New-CsExUmContact has neither parameter).
 */
export function draftFromForm(form: ContactForm, op: 'create' | 'edit'): ContactDraft {
  const base = {
    ou: form.ou.trim(),
    name: form.name.trim(),
    sipAddress: form.sipAddress.trim(),
    registrarPool: form.registrarPool.trim(),
    displayNumber: form.displayNumber.trim(),
    kind: form.kind,
    description: form.description,
  };
  return op === 'edit' ? { ...base, enabled: form.enabled, enterpriseVoiceEnabled: form.enterpriseVoiceEnabled } : base;
}

/** The operation the dialog would preview now; move needs a target pool (null until one is picked). */
export function operationFor(mode: DialogMode, form: ContactForm, targetPool: string): ContactOperation | null {
  switch (mode.op) {
    case 'create':
      return { op: 'create', draft: draftFromForm(form, 'create') };
    case 'edit':
      return { op: 'edit', identity: mode.contact.identity, draft: draftFromForm(form, 'edit') };
    case 'move':
      return targetPool.trim() === '' ? null : { op: 'move', identity: mode.contact.identity, targetPool: targetPool.trim() };
    case 'remove':
      return { op: 'remove', identity: mode.contact.identity };
  }
}

/** The fields an edit changes (what Set-CsExUmContact will carry); empty: nothing to apply. */
export function changedFields(original: ContactForm, form: ContactForm): FormField[] {
  return FORM_FIELDS.filter((f) => {
    const a = original[f];
    const b = form[f];
    return typeof a === 'string' && typeof b === 'string' && f !== 'description' ? a.trim() !== b.trim() : a !== b;
  });
}

/** The issues shown under one field. */
export function issuesFor(issues: readonly Diagnostic[], field: FormField): Diagnostic[] {
  return issues.filter((i) => i.field === field);
}

/** Issues about the whole contact or operation (no field), plus any about a field the form does not show. */
export function generalIssues(issues: readonly Diagnostic[], shown: readonly FormField[]): Diagnostic[] {
  return issues.filter((i) => i.field === null || !shown.includes(i.field as FormField));
}

export function hasError(issues: readonly Diagnostic[]): boolean {
  return issues.some((i) => i.severity === 'error');
}

/** The warning rules to acknowledge, once each, in the order they came. */
export function warningRules(issues: readonly Diagnostic[]): string[] {
  const out: string[] = [];
  for (const i of issues) if (i.severity === 'warning' && !out.includes(i.rule)) out.push(i.rule);
  return out;
}

/** The rules still to tick before going on. */
export function unacknowledged(required: readonly string[], ticked: ReadonlySet<string>): string[] {
  return required.filter((r) => !ticked.has(r));
}

/** Next (form → preview): no error, and every warning ticked. */
export function canGoNext(issues: readonly Diagnostic[], ticked: ReadonlySet<string>): boolean {
  return !hasError(issues) && unacknowledged(warningRules(issues), ticked).length === 0;
}

/** Apply (preview → run): the preview is not blocked and every rule it asks to acknowledge is ticked. */
export function canApply(preview: { readonly blocked: boolean; readonly acknowledge: readonly string[] }, ticked: ReadonlySet<string>): boolean {
  return !preview.blocked && unacknowledged(preview.acknowledge, ticked).length === 0;
}

/** What `acknowledged` carries: the ticked rules among those asked for (a tick on a warning that went away is not sent). */
export function acknowledgedFor(required: readonly string[], ticked: ReadonlySet<string>): string[] {
  return required.filter((r) => ticked.has(r));
}

/** "Use this pilot number from Exchange UM": the number, and the type it implies (an AA pilot → Auto Attendant). */
export function applyPilot(form: ContactForm, pilot: ServedNumber): ContactForm {
  return { ...form, displayNumber: pilot.number, kind: pilot.kind };
}

/** The picker's value for a pilot: unique over dial plans and auto attendants. */
export function pilotValue(pilot: ServedNumber): string {
  return `${pilot.dialPlan}|${pilot.autoAttendant ?? ''}|${pilot.number}`;
}

/** A select's options: the known values, plus the current one when it is not among them (an edit of an unknown pool stays visible). */
export function optionsWith(known: readonly string[], current: string): string[] {
  return current !== '' && !known.includes(current) ? [current, ...known] : [...known];
}
