/** The operating system's locale outside Electron (CLI, tests): the POSIX variables, then Intl. */
export function environmentLocale(): string {
  return process.env.LC_ALL || process.env.LC_MESSAGES || process.env.LANG || Intl.DateTimeFormat().resolvedOptions().locale || 'en-US';
}
