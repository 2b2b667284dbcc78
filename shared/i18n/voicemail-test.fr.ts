/** Chaînes françaises des tests synthétiques de messagerie vocale (Test-CsExUMConnectivity, Test-CsExUMVoiceMail, Test-UMConnectivity) ; reprises dans fr.ts. Mêmes clés que voicemail-test.en.ts. */
export const frVoicemailTest = {
} as const;
