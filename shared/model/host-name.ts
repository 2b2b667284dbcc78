/**
 * What a host name is, written once: the snapshot decoder refuses a server, pool, gateway or SIP domain
 * name that is not one (docs/snapshot-format.md, "Host names"), so a crafted snapshot cannot carry a
 * line break and a command into a fix an admin pastes. Pure: no Node, no DOM.
 *
 * The forms, from Microsoft's rules for the names an org holds:
 * - `host`: a DNS name — labels of letters, digits, hyphens and underscores between dots, each label
 *   1–63 characters, at most 253 characters (one trailing dot allowed). Letters are any script's: the
 *   Windows DNS server accepts UTF-8 names, underscores included ("Multibyte (UTF8)", its default name
 *   checking: DNS_ALLOW_MULTIBYTE_NAMES in [MS-DNSP] 2.2.4.1.2,
 *   https://learn.microsoft.com/openspecs/windows_protocols/ms-dnsp/914baded-bfe0-4e24-9150-197b7ea2ba5d;
 *   63 bytes per label and 255 per FQDN, "Naming conventions in Active Directory for computers, domains,
 *   sites, and OUs", https://learn.microsoft.com/troubleshoot/windows-server/active-directory/naming-conventions-for-computer-domain-site-ou);
 * - `address`: an IPv4 or IPv6 literal (an IPv6 one with a zone index too: `fe80::…%11`), or a host name (a UM IP
 *   gateway's Address, a PSTN gateway);
 * - `server`: a host name, an IP literal (remoting's PSComputerName is what the session was opened to), or a
 *   NetBIOS computer name (an Exchange server's Name): at most 15 characters,
 *   of those the same page allows in one, less those PowerShell gives a meaning to even in a name (`$`,
 *   `#`, `&`, `(`, `)`, `'`, and the ones it disallows anyway: `\ / : * ? " < > |`);
 * - `url`: `http://` or `https://`, a host name or IP literal (no user info), an optional port, then a path
 *   of the characters RFC 3986 allows in a URI (https://www.rfc-editor.org/rfc/rfc3986#section-2).
 *
 * Whatever the form, a control character (CR, LF, NUL, tab…), white space, a quote, `$`, `;`, `#`, a
 * backtick, `<`, `>`, `|`, `&`, `(` or `)` is never part of a name.
 */

export type NameForm = 'host' | 'address' | 'server' | 'url';

/** Why a value is not a name of its form; `char` as a note shows it (`U+000A` for a control character, `"$"` for another). */
export type NameProblem =
  | { readonly reason: 'empty' }
  | { readonly reason: 'control' | 'space' | 'character'; readonly char: string }
  | { readonly reason: 'length'; readonly length: number; readonly max: number }
  | { readonly reason: 'label' | 'ip' | 'scheme' | 'port' };

const MAX_HOST = 253;
const MAX_NETBIOS = 15;

/** The common case at once: an ASCII host name (a full check only when this fails). */
const ASCII_HOST = /^[A-Za-z0-9_-]{1,63}(?:\.[A-Za-z0-9_-]{1,63})*\.?$/;
const LABEL_CHAR = /^[\p{L}\p{N}\p{M}_-]$/u;
const LABEL = /^[\p{L}\p{N}\p{M}_-]{1,63}$/u;
/** NetBIOS computer name characters (the naming-conventions page), less PowerShell's `$ # & ( ) '` and the period. */
const NETBIOS_EXTRA = new Set(['!', '@', '%', '^', '{', '}', '~']);
const NETBIOS = /^[\p{L}\p{N}\p{M}_!@%^{}~-]{1,15}$/u;
/** RFC 3986 unreserved, reserved and `%` (a percent-encoding), for the part of a URL after its host. */
const URI_CHAR = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]$/;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** A character no name holds: control characters first (the ones a note must escape), then white space, then the rest. */
function characterProblem(c: string): NameProblem {
  if (/^[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]$/u.test(c)) return { reason: 'control', char: codePoint(c) };
  if (/^\s$/u.test(c) || /^\p{Zs}$/u.test(c)) return { reason: 'space', char: codePoint(c) };
  return { reason: 'character', char: JSON.stringify(c) };
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9A-Fa-f]{1,4}$/;

/** The four bytes of an IPv4 literal, or null. */
function ipv4Bytes(text: string): number[] | null {
  const m = IPV4.exec(text);
  if (!m) return null;
  const bytes = m.slice(1).map(Number);
  return bytes.every((n) => n <= 255) ? bytes : null;
}

function isIpv4(text: string): boolean {
  return ipv4Bytes(text) !== null;
}

/**
 * A zone index after `%` (RFC 4007 section 11.2, `<address>%<zone_id>`): Windows writes the interface
 * index, `fe80::39bd:88f7:6969:d223%11` as in the examples of New-UMIPGateway and Set-UMIPGateway -Address
 * (https://learn.microsoft.com/powershell/module/exchange/new-umipgateway, .../set-umipgateway); other
 * systems an interface name. Only letters, digits, `_`, `.` and `-`: nothing a fix could carry a command in.
 */
const ZONE_ID = /^[A-Za-z0-9_.-]{1,64}$/;

/** The parts of an IPv6 literal: its eight 16-bit groups and its zone (lower case), or null when it is not one. */
function ipv6Parts(text: string, allowZone: boolean): { readonly groups: readonly number[]; readonly zone: string } | null {
  let t = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  let zone = '';
  const percent = t.indexOf('%');
  if (percent >= 0) {
    zone = t.slice(percent + 1);
    if (!allowZone || !ZONE_ID.test(zone)) return null;
    t = t.slice(0, percent);
    zone = zone.toLowerCase();
  }
  if (!/^[0-9A-Fa-f:.]+$/.test(t)) return null;
  const halves = t.split('::');
  if (halves.length > 2) return null;
  const sides = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = sides.flat();
  const last = all[all.length - 1];
  const tail: number[] = [];
  if (last?.includes('.')) {
    // The IPv4 tail ends the address: not before a `::`.
    const v4 = ipv4Bytes(last);
    if (!v4 || (halves.length === 2 && halves[1] === '')) return null;
    sides[sides.length - 1].pop();
    tail.push((v4[0] << 8) | v4[1], (v4[2] << 8) | v4[3]);
  }
  if (!sides.flat().every((g) => HEX_GROUP.test(g))) return null;
  const head = sides[0].map((g) => parseInt(g, 16));
  const rest = (sides.length === 2 ? sides[1] : []).map((g) => parseInt(g, 16));
  const count = head.length + rest.length + tail.length;
  if (halves.length === 2 ? count > 7 : count !== 8) return null;
  const groups = halves.length === 2 ? [...head, ...new Array<number>(8 - count).fill(0), ...rest, ...tail] : [...head, ...tail];
  return { groups, zone };
}

/** RFC 4291 section 2.2 text forms: eight groups, one `::` standing for one or more zero groups, an IPv4 tail; brackets allowed; a zone index when `allowZone`. */
function isIpv6(text: string, allowZone = true): boolean {
  return ipv6Parts(text, allowZone) !== null;
}

/**
 * An IPv4 literal: four numbers 0–255. `strict`: without leading zeros, the RFC 3986 dec-octet a SIP URI
 * host takes (RFC 3261 section 25.1 IPv4address), where `010.1.1.1` is no address.
 */
export function isIpv4Literal(text: string, strict = false): boolean {
  return isIpv4(text) && (!strict || text.split('.').every((o) => o === '0' || !o.startsWith('0')));
}

/** An IPv6 literal in RFC 4291 text form; brackets and a zone index only when asked for (a SIP URI's bracketed host has neither inside). */
export function isIpv6Literal(text: string, options: { readonly brackets?: boolean; readonly zone?: boolean } = {}): boolean {
  if (!options.brackets && text.startsWith('[')) return false;
  return ipv6Parts(text, options.zone ?? false) !== null;
}

/** An IPv4 literal (four numbers 0–255) or an IPv6 literal (RFC 4291, optionally in brackets, optionally with a zone index). */
export function isIpLiteral(address: string): boolean {
  return isIpv4(address) || (address.includes(':') && isIpv6(address));
}

/**
 * One spelling per address, so two spellings of one address compare equal without DNS: IPv4 dotted
 * decimal without leading zeros; IPv6 as eight lower-case groups without leading zeros (no `::`, no
 * brackets), its zone index kept (`%11`: another interface is another address); an IPv4-mapped IPv6
 * address (`::ffff:10.10.10.1`, RFC 4291 section 2.5.5.2) is its IPv4 address. Null for a host name.
 * `::1` and `0:0:0:0:0:0:0:1` are one address; so are `FE80::1%11` and `fe80:0::1%11`.
 */
export function canonicalIpLiteral(address: string): string | null {
  const v4 = ipv4Bytes(address);
  if (v4) return v4.join('.');
  if (!address.includes(':')) return null;
  const p = ipv6Parts(address, true);
  if (!p) return null;
  const g = p.groups;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff && p.zone === '') return [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff].join('.');
  return g.map((x) => x.toString(16)).join(':') + (p.zone ? `%${p.zone}` : '');
}

/** The fast answer for the common name (every user's registrar pool, every mailbox's server: 100,000 of each in a large org). */
const isAsciiHost = (value: string) => ASCII_HOST.test(value) && value.length <= MAX_HOST + (value.endsWith('.') ? 1 : 0);

function hostProblem(value: string): NameProblem | null {
  if (isAsciiHost(value)) return null;
  if (value === '') return { reason: 'empty' };
  for (const c of value) if (c !== '.' && !LABEL_CHAR.test(c)) return characterProblem(c);
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length > MAX_HOST) return { reason: 'length', length: name.length, max: MAX_HOST };
  if (!name.split('.').every((label) => LABEL.test(label))) return { reason: 'label' };
  return null;
}

function serverProblem(value: string): NameProblem | null {
  // Remoting's PSComputerName is whatever the session was opened to: an IP literal too.
  if (isAsciiHost(value) || isIpLiteral(value)) return null;
  if (![...value].some((c) => NETBIOS_EXTRA.has(c))) return hostProblem(value);
  for (const c of value) if (!NETBIOS_EXTRA.has(c) && !LABEL_CHAR.test(c)) return characterProblem(c);
  // A NetBIOS name: no period, at most 15 characters.
  if (value.includes('.')) return characterProblem([...value].find((c) => NETBIOS_EXTRA.has(c))!);
  return NETBIOS.test(value) ? null : { reason: 'length', length: value.length, max: MAX_NETBIOS };
}

function addressProblem(value: string): NameProblem | null {
  if (isIpLiteral(value)) return null;
  if (/^[0-9A-Fa-f:.[\]]+(?:%.*)?$/.test(value) && value.includes(':')) return { reason: 'ip' };
  return hostProblem(value);
}

const URL_HEAD = /^https?:\/\//i;

function urlProblem(value: string): NameProblem | null {
  if (!URL_HEAD.test(value)) return { reason: 'scheme' };
  const rest = value.slice(value.indexOf('//') + 2);
  // The host ends at the first `/`, as the rules read it (shared/rules/certificate-oauth-rules.ts, autodiscoverHost):
  // a `?` or `#` before it is refused, never taken for the end of the host.
  const end = rest.indexOf('/');
  const authority = end < 0 ? rest : rest.slice(0, end);
  const tail = end < 0 ? '' : rest.slice(end);
  // host, [IPv6] or either with :port; user info (`user@host`) is not a host.
  const m = /^(\[[^\]]*\]|[^:]*)(?::(\d*))?$/.exec(authority);
  if (!m) return characterProblem([...authority].find((c) => c === ':' || !LABEL_CHAR.test(c)) ?? ':');
  const host = m[1];
  const problem = host.startsWith('[') ? (isIpv6(host, false) ? null : { reason: 'ip' as const }) : addressProblem(host);
  if (problem) return problem;
  if (m[2] !== undefined && !(m[2] !== '' && Number(m[2]) >= 1 && Number(m[2]) <= 65535)) return { reason: 'port' };
  for (const c of tail) if (!URI_CHAR.test(c)) return characterProblem(c);
  return null;
}

/** Null when `value` is a name of `form`; else what is wrong with it, for the note that refuses it. */
export function nameProblem(value: string, form: NameForm): NameProblem | null {
  switch (form) {
    case 'host':
      return hostProblem(value);
    case 'address':
      return addressProblem(value);
    case 'server':
      return serverProblem(value);
    case 'url':
      return urlProblem(value);
  }
}

/** Whether `value` is a name of `form` (nameProblem says why not). */
export function isName(value: string, form: NameForm): boolean {
  return nameProblem(value, form) === null;
}
