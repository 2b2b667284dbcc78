/** Chaînes françaises du différentiel d’instantanés (umc diff, umc check --since) et de l’attribution des causes ; reprises dans fr.ts. Mêmes clés que changes-diff.en.ts. */
export const frDiff = {
} as const;
