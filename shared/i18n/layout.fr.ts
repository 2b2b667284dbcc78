/** Chaînes françaises de la mise en page des écrans et du cadre ; reprises dans fr.ts. Mêmes clés que layout.en.ts. */
export const frLayout = {
  'layout.topology.computers': 'Ordinateurs\u00a0: {count}',
  'layout.enum.Enabled': 'activé',
  'layout.enum.Disabled': 'désactivé',
  'layout.enum.NoNewCalls': 'aucun nouvel appel',
  'layout.status.localPowerShell': 'PowerShell {version} (cet ordinateur)',
  'layout.status.noPowerShell': 'PowerShell introuvable sur cet ordinateur',
};
