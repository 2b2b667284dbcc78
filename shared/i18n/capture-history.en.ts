/** English strings of the capture history, the Changes screen and the findings timeline; spread into en.ts. Same keys in capture-history.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enCaptureHistory = {
} as const;
