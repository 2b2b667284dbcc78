/** Chaînes françaises du paquet de support (umc bundle, Exporter un paquet de support…) et de son anonymisation ; reprises dans fr.ts. Mêmes clés que support-bundle.en.ts. */
export const frSupportBundle = {
} as const;
