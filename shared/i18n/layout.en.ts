/** English strings of the screens' layout and the shell (status bar, topology labels); spread into en.ts. Same keys in layout.fr.ts. ICU MessageFormat (docs/i18n.md). */
export const enLayout = {
  // The map's second line: what is not a PowerShell value reads in the reader's language.
  'layout.topology.computers': 'Computers: {count}',
  // A Status value (Get-UMIPGateway, Get-UMAutoAttendant) in words; the panel keeps the value PowerShell prints beside it.
  'layout.enum.Enabled': 'enabled',
  'layout.enum.Disabled': 'disabled',
  'layout.enum.NoNewCalls': 'no new calls',
  // The status bar: the PowerShell this console runs (lab endpoint, fixes, connections), as main found it.
  'layout.status.localPowerShell': 'PowerShell {version} (this computer)',
  'layout.status.noPowerShell': 'PowerShell not found on this computer',
} as const;
