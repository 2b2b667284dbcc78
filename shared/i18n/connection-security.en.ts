/**
 * English strings of the connection profiles' protections: a password the OS key store cannot
 * protect (docs/live-sessions.md, "Secrets at rest"), a profile's role as an admin's decision
 * ("Roles and the policy file"). Spread into en.ts; the same keys in connection-security.fr.ts.
 */
export const enConnectionSecurity = {
  'secrets.unavailable.no-encryption':
    'No password can be stored or read: this system offers no encryption for it. Use Kerberos (the current Windows identity), or enter the password when asked (umc --user).',
  'secrets.unavailable.no-keyring':
    'No password can be stored or read: this Linux session has no keyring, so Electron would keep it under a key written in its own code (its "basic_text" store), readable by anyone who reads the settings file. Install and unlock gnome-keyring (libsecret) or KWallet, then restart the console; or use Kerberos.',
  'profile.error.role.session':
    'Only an admin session can make a profile admin: this console is in a helpdesk session since the helpdesk profile {profile} was connected. Restart the console and connect an admin profile, or ask an administrator.',
  'profile.error.role.policy':
    'The policy file {file}, deployed by an administrator, pins this console to the helpdesk role: no profile can be admin here. Save it as helpdesk, or ask an administrator.',
} as const;
