/** English strings of the gateway monitor kept across restarts, its findings and the per-target TLS profile; spread into en.ts. Same keys in gateway-history.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enGatewayHistory = {
} as const;
