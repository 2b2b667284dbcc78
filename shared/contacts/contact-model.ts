/**
 * The contact editor's data: Exchange UM contact objects (`*-CsExUmContact`, docs/contact-objects.md §2)
 * as the Contacts screen, `umc contacts` and the CSV import see them, and the operations an admin
 * can make on them. Pure types and constants: no Node, no DOM.
 *
 * Functions over these types live beside this file:
 * - contacts-view.ts   buildContactsView(org): the Exchange numbers matched to the contacts, statuses;
 * - contact-validation.ts  validateOperation(...): the R-C rules as the form types (errors block,
 *   warnings must be acknowledged);
 * - contact-commands.ts    commandsFor(operation, original): the exact cmdlets, and their text;
 * - contact-csv.ts         parseContactsCsv / contactsToCsv (Excel's variants).
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExUmContact } from '../model/org';

export type ContactKind = 'subscriberAccess' | 'autoAttendant';

/**
 * What the create/edit form (or one CSV row) holds. `name` is OcsUmUtil's "Name": none of the
 * *-CsExUmContact cmdlets takes a display name (New-CsExUmContact and Set-CsExUmContact reference pages,
 * docs/contact-objects.md §2), so the form shows the server's display name read-only and never offers to
 * change it; a CSV row's name (or a missing row's proposal) becomes the description when that is empty,
 * where the preview shows it as `-Description`.
 */
export interface ContactDraft {
  /** Distinguished name of the OU (`OU=RTC Special Accounts,DC=litwareinc,DC=com`). */
  readonly ou: string;
  readonly name: string;
  /** `sip:user@domain`. */
  readonly sipAddress: string;
  readonly registrarPool: string;
  readonly displayNumber: string;
  readonly kind: ContactKind;
  readonly description: string;
  /** Edits only (Set-CsExUmContact -Enabled); a new contact is enabled. */
  readonly enabled?: boolean;
  /**
   * Edits only: Set-CsExUmContact -EnterpriseVoiceEnabled (its reference page; New-CsExUmContact has no such
   * parameter, and a contact it makes is enabled for Enterprise Voice). R-C-14 fires when it is off.
   */
  readonly enterpriseVoiceEnabled?: boolean;
}

/**
 * OK; missing: an Exchange number (a SIP dial plan's Outlook Voice Access number, an auto attendant's
 * pilot) with no contact; orphan: a contact whose number serves nothing in Exchange; duplicate: its
 * number or SIP address is also another contact's (or a user's); mismatch: it serves a number but
 * its type disagrees (an AA contact on an OVA number…), or it is disabled / not Enterprise Voice.
 */
export type ContactStatus = 'ok' | 'missing' | 'orphan' | 'duplicate' | 'mismatch';
export const CONTACT_STATUSES: readonly ContactStatus[] = ['missing', 'duplicate', 'mismatch', 'orphan', 'ok'];

/** The Exchange object a number belongs to. */
export interface ServedNumber {
  readonly kind: ContactKind;
  /** E.164 or as Exchange holds it. */
  readonly number: string;
  readonly dialPlan: string;
  /** The auto attendant's name for an AA pilot; null for an OVA number. */
  readonly autoAttendant: string | null;
}

export interface ContactRow {
  /** The contact's identity (DN), or `missing:<kind>:<dialPlan>:<number>` for a missing one. */
  readonly key: string;
  readonly status: ContactStatus;
  readonly contact: ExUmContact | null;
  readonly serves: ServedNumber | null;
  /** Why the status is what it is (duplicate of whom, what mismatches), and the org rules on this contact (diagnostics with their form `field`). */
  readonly issues: readonly Diagnostic[];
  /** For a missing row: the contact OcsUmUtil would propose (name from the dial plan, SIP address, pool, number). */
  readonly prefill: ContactDraft | null;
}

export interface DialPlanNumbers {
  readonly dialPlan: string;
  readonly phoneContext: string;
  readonly ovaNumbers: readonly string[];
  readonly autoAttendants: readonly { readonly name: string; readonly pilotNumbers: readonly string[] }[];
  /** The registrar pool homing most Enterprise Voice users of this dial plan (null: none). */
  readonly pool: string | null;
}

export interface ContactsView {
  /** SIP URI dial plans only (the integration's contacts serve those). */
  readonly dialPlans: readonly DialPlanNumbers[];
  readonly rows: readonly ContactRow[];
  readonly counts: Readonly<Record<ContactStatus, number>>;
  /** Registrar pools from the topology (Front End / Standard Edition / SBA), for the picker. */
  readonly pools: readonly string[];
  /** Every Exchange pilot number, for "Use this pilot number from Exchange UM". */
  readonly pilotNumbers: readonly ServedNumber[];
  /** OUs known to hold contacts, for the picker (live: also the directory's OUs). */
  readonly ous: readonly string[];
  /** The SIP domains (for a proposed SIP address). */
  readonly sipDomains: readonly string[];
}

/** What an admin asks for. An edit changes only the fields that differ from the original. */
export type ContactOperation =
  | { readonly op: 'create'; readonly draft: ContactDraft }
  | { readonly op: 'edit'; readonly identity: string; readonly draft: ContactDraft }
  | { readonly op: 'move'; readonly identity: string; readonly targetPool: string }
  | { readonly op: 'remove'; readonly identity: string };

export type ContactCmdlet = 'New-CsExUmContact' | 'Set-CsExUmContact' | 'Move-CsExUmContact' | 'Remove-CsExUmContact';

/** One cmdlet with its parameters, in the order they are shown; values travel as data, never as script. */
export interface ContactCommand {
  readonly cmdlet: ContactCmdlet;
  readonly parameters: readonly { readonly name: string; readonly value: string | boolean }[];
}

/**
 * One property a previewed operation changes, as the contact is now and as it will be: `now` null for a
 * creation, `after` null for a removal. `field` is an ExUmContact field (its label is `contacts.object.<field>`).
 */
export interface PropertyChange {
  readonly field: keyof ExUmContact;
  readonly now: string | boolean | null;
  readonly after: string | boolean | null;
}

/** Limits the contract checks on both sides. */
export const MAX_CONTACT_FIELD = 1024;
export const MAX_CSV_BYTES = 5 * 1024 * 1024;
export const MAX_CSV_ROWS = 20_000;

/** The write cmdlets the Skype session imports — never for a helpdesk profile (defence in depth). */
export const CONTACT_WRITE_CMDLETS: readonly ContactCmdlet[] = ['New-CsExUmContact', 'Set-CsExUmContact', 'Move-CsExUmContact', 'Remove-CsExUmContact'];
/** Read-only checks the editor makes before a write: the OU permission (Skype), the OUs and the RTC groups (Exchange). */
export const CONTACT_SKYPE_CHECKS: readonly string[] = ['Test-CsOUPermission'];
export const CONTACT_EXCHANGE_CHECKS: readonly string[] = ['Get-OrganizationalUnit', 'Get-Group', 'Get-User'];
/** The groups OcsUmUtil requires (docs/contact-objects.md §1.4); the cmdlets themselves need RTCUniversalUserAdmins. */
export const RTC_SERVER_ADMINS = 'RTCUniversalServerAdmins';
export const RTC_USER_ADMINS = 'RTCUniversalUserAdmins';
