/** English strings of the synthetic voice-mail tests (Test-CsExUMConnectivity, Test-CsExUMVoiceMail, Test-UMConnectivity); spread into en.ts. Same keys in voicemail-test.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enVoicemailTest = {
} as const;
