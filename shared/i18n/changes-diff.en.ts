/** English strings of the snapshot diff (umc diff, umc check --since) and its cause attribution; spread into en.ts. Same keys in changes-diff.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enDiff = {
} as const;
