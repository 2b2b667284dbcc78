/**
 * The wire protocol between the Node side and assets/powershell/umc-host.ps1 (one line per
 * message each way). Requests: base64 of UTF-8 JSON, with every parameter value typed and, for
 * strings, base64-encoded on its own — a value is data from end to end, never script text, and
 * never re-typed by ConvertFrom-Json (docs/live-sessions.md, "The host and its framing").
 * Responses: U+001E "UMC:" nonce " " base64(UTF-8 JSON); any other line is noise a cmdlet wrote to
 * the console, ignored.
 */

/** A parameter value the console may pass: strings, string arrays, integers, booleans (switches). */
export type ParameterValue = string | readonly string[] | number | boolean;
export type Parameters = Readonly<Record<string, ParameterValue>>;

export interface WireParameter {
  readonly n: string;
  readonly t: 's' | 'a' | 'i' | 'b';
  readonly v: string | readonly string[] | number | boolean;
}

export type SessionKind = 'local' | 'ssh' | 'wsman';

export interface OpenSpec {
  readonly kind: SessionKind;
  /** The commands to import; only these may run. */
  readonly commands: readonly string[];
  /** Kind-specific settings (URI, authentication, lab module path…), passed as typed data. */
  readonly parameters: Parameters;
}

export type HostRequest =
  | { readonly id: number; readonly op: 'open'; readonly session: { kind: SessionKind; commands: readonly string[]; parameters: readonly WireParameter[] } }
  | {
      readonly id: number;
      readonly op: 'invoke';
      readonly command: string;
      readonly parameters: readonly WireParameter[];
      readonly select?: readonly string[];
      readonly exclude?: readonly string[];
      readonly depth: number;
    }
  | { readonly id: number; readonly op: 'ping' | 'close' }
  | { readonly id: number; readonly op: 'cancel'; readonly target: number };

export type ErrorKind = 'cmdlet' | 'open' | 'session-broken' | 'stopped' | 'not-allowed' | 'protocol';

/** A PowerShell error as the host reports it: the ErrorRecord's parts, not its formatted text. */
export interface PsErrorInfo {
  readonly kind: ErrorKind;
  readonly message: string;
  readonly category: string;
  readonly reason: string;
  readonly errorId: string;
  readonly targetObject: string | null;
  readonly exceptionType: string;
}

export interface PsStreams {
  readonly error: readonly PsErrorInfo[];
  readonly warning: readonly string[];
  readonly verbose: readonly string[];
  readonly debug: readonly string[];
  readonly information: readonly string[];
}

export const EMPTY_STREAMS: PsStreams = { error: [], warning: [], verbose: [], debug: [], information: [] };

export type HostResponse =
  ({ readonly id: number; readonly ok: true } & Readonly<Record<string, unknown>>) | { readonly id: number; readonly ok: false; readonly error: PsErrorInfo; readonly streams?: PsStreams };

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');

const PARAMETER_NAME = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

export function wireParameters(parameters: Parameters): WireParameter[] {
  return Object.entries(parameters).map(([n, v]) => {
    if (!PARAMETER_NAME.test(n)) throw new Error(`invalid parameter name: ${JSON.stringify(n)}`);
    if (typeof v === 'string') return { n, t: 's', v: b64(v) };
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new Error(`parameter ${n} must be an integer`);
      return { n, t: 'i', v };
    }
    if (typeof v === 'boolean') return { n, t: 'b', v };
    if (Array.isArray(v)) return { n, t: 'a', v: v.map((x) => b64(String(x))) };
    throw new Error(`parameter ${n} has an unsupported type`);
  });
}

export function encodeRequest(request: HostRequest): string {
  return Buffer.from(JSON.stringify(request), 'utf8').toString('base64') + '\n';
}

export function framePrefix(nonce: string): string {
  return `\u001eUMC:${nonce} `;
}

/** A response from one stdout line, or null when the line is not one of our frames. */
export function parseFrame(line: string, nonce: string): HostResponse | null {
  const prefix = framePrefix(nonce);
  const at = line.indexOf(prefix);
  if (at < 0) return null;
  const body = line.slice(at + prefix.length).trim();
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body)) return null;
  try {
    const value = JSON.parse(Buffer.from(body, 'base64').toString('utf8')) as unknown;
    if (typeof value !== 'object' || value === null || typeof (value as { id?: unknown }).id !== 'number') return null;
    return value as HostResponse;
  } catch {
    return null;
  }
}

/** Command names the host accepts: Verb-Noun, letters and digits. */
export const COMMAND_NAME = /^[A-Za-z]+-[A-Za-z0-9]+$/;
