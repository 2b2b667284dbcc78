/** English strings of the support bundle (umc bundle, Export support bundle…) and its redaction; spread into en.ts. Same keys in support-bundle.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enSupportBundle = {
} as const;
