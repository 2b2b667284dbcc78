// Generated from shared/model/skype-fields.ts and exchange-fields.ts by scripts/generate-field-readers.ts
// (shared/snapshot/field-reader-source.ts): do not edit, run the script.
import { bool, optBool, optNameStr, optStr, strList, type Place, type RawObject } from './property-readers';

/** The Get-CsUser rows of SKYPE_USER_FIELDS. */
export function readSkypeUserFields(o: RawObject, p: Place) {
  return {
    sipAddress: optStr(o, 'SipAddress', p),
    displayName: optStr(o, 'DisplayName', p),
    userPrincipalName: optStr(o, 'UserPrincipalName', p),
    enabled: bool(o, 'Enabled', p),
    registrarPool: optNameStr(o, 'RegistrarPool', 'host', p),
    enterpriseVoiceEnabled: bool(o, 'EnterpriseVoiceEnabled', p),
    lineUri: optStr(o, 'LineURI', p),
    dialPlan: optStr(o, 'DialPlan', p),
    voicePolicy: optStr(o, 'VoicePolicy', p),
    hostedVoiceMail: optBool(o, 'HostedVoiceMail', p),
    hostedVoicemailPolicy: optStr(o, 'HostedVoicemailPolicy', p),
    exUmEnabled: bool(o, 'ExUmEnabled', p),
  };
}

/** The Get-Mailbox rows of UM_MAILBOX_FIELDS. */
export function readMailboxFields(o: RawObject, p: Place) {
  return {
    emailAddresses: strList(o, 'EmailAddresses', p),
    serverName: optNameStr(o, 'ServerName', 'server', p),
    accountDisabled: optBool(o, 'AccountDisabled', p) ?? false,
  };
}

/** The Get-UMMailbox rows of UM_MAILBOX_FIELDS. */
export function readUmMailboxFields(o: RawObject, p: Place) {
  return {
    umDialPlan: optStr(o, 'UMDialPlan', p),
    umMailboxPolicy: optStr(o, 'UMMailboxPolicy', p),
    extensions: strList(o, 'Extensions', p),
    sipResourceIdentifier: optStr(o, 'SIPResourceIdentifier', p),
  };
}
