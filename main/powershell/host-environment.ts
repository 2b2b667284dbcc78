/**
 * The environment a PowerShell host starts with: an explicit list, not the console's whole
 * environment. A secret the console was given in its own environment (`UMC_PASSWORD` for the CLI's
 * scheduled runs) must not be handed on to PowerShell, where any module, transcript or child process
 * could read it; passwords travel on the host's stdin (docs/live-sessions.md, "Secrets").
 *
 * Kept: what PowerShell and .NET need to start and find things (paths, the user's profile and temp
 * directories, locale, the .NET and XDG settings), what remoting needs to authenticate and reach a
 * server (Kerberos, an SSH agent, proxies, TLS trust), and the lab endpoint's own settings.
 */

/** Names kept as they are (compared without case: Windows' environment names are case-insensitive). */
const KEPT = new Set(
  [
    'PATH',
    'PATHEXT',
    'HOME',
    'USER',
    'LOGNAME',
    'USERNAME',
    'USERPROFILE',
    'USERDOMAIN',
    'USERDNSDOMAIN',
    'COMPUTERNAME',
    'HOMEDRIVE',
    'HOMEPATH',
    'APPDATA',
    'LOCALAPPDATA',
    'PROGRAMDATA',
    'PROGRAMFILES',
    'PROGRAMFILES(X86)',
    'PROGRAMW6432',
    'COMMONPROGRAMFILES',
    'COMMONPROGRAMFILES(X86)',
    'SYSTEMROOT',
    'SYSTEMDRIVE',
    'WINDIR',
    'COMSPEC',
    'PROCESSOR_ARCHITECTURE',
    'NUMBER_OF_PROCESSORS',
    'OS',
    'TEMP',
    'TMP',
    'TMPDIR',
    'LANG',
    'LANGUAGE',
    'TZ',
    'PSMODULEPATH',
    'SSH_AUTH_SOCK',
    'KRB5CCNAME',
    'KRB5_CONFIG',
    'HTTP_PROXY',
    'HTTPS_PROXY',
    'NO_PROXY',
    'SSL_CERT_FILE',
    'SSL_CERT_DIR',
  ].map((n) => n.toUpperCase()),
);
/** Families kept by prefix: .NET, XDG directories, locale categories, the lab endpoint's settings. */
const KEPT_PREFIXES = ['DOTNET_', 'XDG_', 'LC_', 'UMC_LAB_'];

export function isKeptForHost(name: string): boolean {
  const upper = name.toUpperCase();
  return KEPT.has(upper) || KEPT_PREFIXES.some((p) => upper.startsWith(p));
}

/** The parent's kept variables, then `extra` (the caller's explicit settings) over them. */
export function hostEnvironment(parent: NodeJS.ProcessEnv, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, value] of Object.entries(parent)) if (value !== undefined && isKeptForHost(name)) env[name] = value;
  return { ...env, ...extra };
}
