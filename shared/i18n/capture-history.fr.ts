/** Chaînes françaises de l’historique des captures, de l’écran Modifications et de la chronologie des constats ; reprises dans fr.ts. Mêmes clés que capture-history.en.ts. */
export const frCaptureHistory = {
} as const;
