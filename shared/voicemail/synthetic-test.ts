/**
 * The synthetic voice-mail transactions as data: which cmdlet proves what, the exact call the console
 * sends (parameters as data, the test user's credential by reference), and its text for the preview
 * and the audit log (docs/voicemail-tests.md).
 *
 * - Test-CsExUMConnectivity (Lync Server 2013, Skype for Business Server 2015/2019): a user can connect
 *   to Exchange UM; it does not test the service itself. ClientPlatform set: -TargetFqdn (the pool),
 *   -UserSipAddress and -UserCredential (both required together)
 *   (https://learn.microsoft.com/powershell/module/skype/test-csexumconnectivity).
 * - Test-CsExUMVoiceMail (same versions): a sender connects to UM and leaves a voice mail in the
 *   receiver's mailbox. ClientPlatform set: -SenderSipAddress, -SenderCredential (the same account) and
 *   -ReceiverSipAddress, "a different SIP address than the SIP address used for the sender"
 *   (https://learn.microsoft.com/powershell/module/skype/test-csexumvoicemail). It leaves a real voice
 *   mail: the console treats it as a change (previewed, confirmed, audited).
 * - Test-UMConnectivity (Exchange 2010–2016 with UM): the EndToEnd set places a call through a UM IP
 *   gateway, -Phone the SIP URI of the dial plan and -From the calling user, -Secured / -MediaSecured as
 *   the dial plan's VoIP security (example 3 of https://learn.microsoft.com/powershell/module/exchange/test-umconnectivity).
 *
 * Pure: no Node, no DOM. A value the admin typed is a parameter value, never PowerShell text.
 */
import { psBool, psQuote } from '../powershell/quote';
import { UserError } from '../i18n/translate';

export type SyntheticTestKind = 'connectivity' | 'voicemail' | 'umConnectivity';
export const SYNTHETIC_TEST_KINDS: readonly SyntheticTestKind[] = ['connectivity', 'voicemail', 'umConnectivity'];

export const SYNTHETIC_CMDLETS = {
  connectivity: 'Test-CsExUMConnectivity',
  voicemail: 'Test-CsExUMVoiceMail',
  umConnectivity: 'Test-UMConnectivity',
} as const satisfies Record<SyntheticTestKind, string>;

/** The cmdlets a session imports for the tests (main/services/live/connections-service.ts, the lab copy's shell). */
export const VOICEMAIL_TEST_CMDLETS = {
  skype: ['Test-CsExUMConnectivity', 'Test-CsExUMVoiceMail'],
  exchange: ['Test-UMConnectivity'],
} as const;

/** A stored test user: what the console shows and sends; the password stays in the secret store under `secretKey(name)`. */
export interface TestCredential {
  /** The name the admin gave the entry (`--credential NAME`, the Users screen's list). */
  readonly name: string;
  /** The account, DOMAIN\user or user@domain, as Get-Credential takes it. */
  readonly userName: string;
  /** The test user's SIP address (sip:…): -UserSipAddress / -SenderSipAddress, the same account as the credential. */
  readonly sipAddress: string;
}

export const CREDENTIAL_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._-]{0,63}$/;
const SIP = /^sip:[^@\s;:]+@[A-Za-z0-9.-]+\.[A-Za-z0-9-]+$/i;
const FQDN = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;
const ACCOUNT = /^([^\\/\s@]+\\[^\\/\s@]+|[^\s@\\]+@[A-Za-z0-9.-]+)$/;

/** The secret store key of a test user's password. */
export const secretKey = (name: string) => `voicemail-test:${name.toLowerCase()}`;

/** `sip:` added when missing, lower case (SIP addresses compare without case). */
export function normalizeSip(value: string): string {
  const v = value.trim();
  return (/^sip:/i.test(v) ? `sip:${v.slice(4)}` : `sip:${v}`).toLowerCase();
}

function bad(key: string, params: Record<string, string> = {}): UserError {
  return new UserError({ key: `voicemailTest.input.${key}`, params });
}

/** A stored test user's fields checked (bad input → a message naming the field). */
export function checkTestCredential(c: { name: string; userName: string; sipAddress: string }): TestCredential {
  const name = c.name.trim();
  if (!CREDENTIAL_NAME.test(name)) throw bad('credentialName', { value: c.name });
  const userName = c.userName.trim();
  if (!ACCOUNT.test(userName)) throw bad('account', { value: c.userName });
  const sipAddress = normalizeSip(c.sipAddress);
  if (!SIP.test(sipAddress)) throw bad('sip', { value: c.sipAddress });
  return { name, userName, sipAddress };
}

/** A parameter of a synthetic call: plain values, or the credential, which travels apart (never in the text). */
export interface SyntheticParameter {
  readonly name: string;
  readonly value: string | boolean;
}

export interface SyntheticCall {
  readonly kind: SyntheticTestKind;
  readonly shell: 'skype' | 'exchange';
  readonly cmdlet: (typeof SYNTHETIC_CMDLETS)[SyntheticTestKind];
  readonly parameters: readonly SyntheticParameter[];
  /** The PSCredential parameter and whose it is (null: Test-UMConnectivity takes none). */
  readonly credential: { readonly parameter: 'UserCredential' | 'SenderCredential'; readonly userName: string; readonly name: string } | null;
  /** Test-CsExUMVoiceMail leaves a voice mail in the receiver's mailbox: confirmed and audited like a change. */
  readonly leavesVoiceMail: boolean;
  /** The user whose call path the result is placed on. */
  readonly pathUser: string;
}

export interface SkypeTestRequest {
  readonly kind: 'connectivity' | 'voicemail';
  /** The pool tested (-TargetFqdn): the registrar pool of the user whose path is tested. */
  readonly targetFqdn: string;
  readonly credential: TestCredential;
  /** Test-CsExUMVoiceMail: the user whose voice mail receives the test message (the user the admin named). */
  readonly receiverSipAddress?: string;
}

export interface UmTestRequest {
  readonly kind: 'umConnectivity';
  /** The UM IP gateway the call goes through (the user's path's gateway). */
  readonly gateway: string;
  /** The dial plan's phone context: -Phone sip:<phone context>@<SIP domain>. */
  readonly phoneContext: string;
  /** The calling user (-From), whose SIP domain completes -Phone. */
  readonly fromSipAddress: string;
  /** The dial plan's VoIPSecurity: Secured → -Secured and -MediaSecured; SIPSecured → -Secured only; Unsecured → neither. */
  readonly voipSecurity: string;
}

export function buildSyntheticCall(r: SkypeTestRequest | UmTestRequest): SyntheticCall {
  if (r.kind === 'umConnectivity') {
    if (!r.gateway.trim()) throw bad('gateway');
    const from = normalizeSip(r.fromSipAddress);
    if (!SIP.test(from)) throw bad('sip', { value: r.fromSipAddress });
    const domain = from.slice(from.indexOf('@') + 1);
    const secured = /^(SIPSecured|Secured)$/i.test(r.voipSecurity);
    const media = /^Secured$/i.test(r.voipSecurity);
    return {
      kind: r.kind,
      shell: 'exchange',
      cmdlet: SYNTHETIC_CMDLETS.umConnectivity,
      parameters: [
        { name: 'Phone', value: `sip:${r.phoneContext}@${domain}` },
        { name: 'UMIPGateway', value: r.gateway },
        { name: 'From', value: from },
        { name: 'Secured', value: secured },
        { name: 'MediaSecured', value: media },
      ],
      credential: null,
      leavesVoiceMail: false,
      pathUser: from,
    };
  }
  const target = r.targetFqdn.trim().toLowerCase();
  if (!FQDN.test(target)) throw bad('pool', { value: r.targetFqdn });
  const c = checkTestCredential(r.credential);
  if (r.kind === 'connectivity') {
    return {
      kind: r.kind,
      shell: 'skype',
      cmdlet: SYNTHETIC_CMDLETS.connectivity,
      parameters: [
        { name: 'TargetFqdn', value: target },
        { name: 'UserSipAddress', value: c.sipAddress },
      ],
      credential: { parameter: 'UserCredential', userName: c.userName, name: c.name },
      leavesVoiceMail: false,
      pathUser: c.sipAddress,
    };
  }
  const receiver = normalizeSip(r.receiverSipAddress ?? '');
  if (!SIP.test(receiver)) throw bad('sip', { value: r.receiverSipAddress ?? '' });
  // "this must be a different SIP address than the SIP address used for the sender" (-ReceiverSipAddress).
  if (receiver === c.sipAddress) throw bad('sameSender', { sip: receiver });
  return {
    kind: r.kind,
    shell: 'skype',
    cmdlet: SYNTHETIC_CMDLETS.voicemail,
    parameters: [
      { name: 'TargetFqdn', value: target },
      { name: 'SenderSipAddress', value: c.sipAddress },
      { name: 'ReceiverSipAddress', value: receiver },
    ],
    credential: { parameter: 'SenderCredential', userName: c.userName, name: c.name },
    leavesVoiceMail: true,
    pathUser: receiver,
  };
}

/**
 * The call as an admin would type it, for the preview and the audit log: the credential is a
 * `Get-Credential` line (Microsoft's example 2 of both Skype pages), never a password.
 */
export function syntheticCommandText(call: SyntheticCall): string {
  const parts: string[] = [call.cmdlet];
  for (const p of call.parameters) parts.push(typeof p.value === 'boolean' ? `-${p.name} ${psBool(p.value)}` : `-${p.name} ${psQuote(p.value)}`);
  if (!call.credential) return parts.join(' ');
  parts.push(`-${call.credential.parameter} $credential`);
  return `$credential = Get-Credential ${psQuote(call.credential.userName)}\n${parts.join(' ')}`;
}
