/** English strings of the contact editor; spread into en.ts. Same keys in contact-editor.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enContactEditor = {
  'contactEditor.applied': 'Applied: {count, plural, one {# cmdlet ran} other {# cmdlets ran}}; the contact below is as the server now holds it.',
  'contactEditor.field.enterpriseVoiceEnabled': 'Enabled for Enterprise Voice',
  'contactEditor.issue.R-C-14.voiceOff.subscriberAccess': 'Turning Enterprise Voice off for {contact} stops Outlook Voice Access answering from Skype for Business.',
  'contactEditor.issue.R-C-14.voiceOff.autoAttendant': 'Turning Enterprise Voice off for {contact} stops its auto attendant answering from Skype for Business.',
  'contactEditor.field.displayName': 'Display name',
  'contactEditor.field.displayNameHelp': 'Set by the server: no *-CsExUmContact cmdlet takes a display name, so the console cannot change it.',
  'contactEditor.preview.changes': 'What changes',
  'contactEditor.preview.property': 'Property',
  'contactEditor.preview.now': 'Now',
  'contactEditor.preview.after': 'After',
  'contactEditor.preview.absent': '(none)',
  'contactEditor.preview.removed': '(removed)',
  'contactEditor.loading.org': 'Reading the org…',
  'contactEditor.loading.powershell': 'Starting PowerShell for the lab endpoint…',
  'contactEditor.loading.directory': 'Reading the directory: OUs, RTC groups, who you run as…',
  'contactEditor.loading.listShown': 'The list is shown; checking whether changes may be made…',
} as const;
