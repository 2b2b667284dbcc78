/**
 * The wire protocol between the Node side and assets/powershell/umc-host.ps1 (one line per
 * message each way). Requests: base64 of UTF-8 JSON, with every parameter value typed and, for
 * strings, base64-encoded on its own — a value is data from end to end, never script text, and
 * never re-typed by ConvertFrom-Json (docs/live-sessions.md, "The host and its framing").
 * Responses: U+001E "UMC:" nonce " " base64(UTF-8 JSON); any other line is noise a cmdlet wrote to
 * the console, ignored. A line with our nonce that does not decode to a frame, or a line longer than
 * MAX_FRAME_BYTES, is a protocol error: the host's output can no longer be trusted.
 */

/**
 * A parameter value the console may pass: strings, string arrays, integers, booleans (switches), and a
 * credential (a synthetic transaction's -UserCredential / -SenderCredential, docs/voicemail-tests.md),
 * which the host builds as a PSCredential through .NET alone, as it builds an open's credential.
 */
export type ParameterValue = string | readonly string[] | number | boolean | CredentialValue;
export interface CredentialValue {
  readonly credential: { readonly userName: string; readonly password: string };
}
export type Parameters = Readonly<Record<string, ParameterValue>>;

export interface WireParameter {
  readonly n: string;
  readonly t: 's' | 'a' | 'i' | 'b' | 'c';
  readonly v: string | readonly string[] | number | boolean | { readonly u: string; readonly p: string };
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
    if (typeof v === 'object' && v !== null && 'credential' in v) return { n, t: 'c', v: { u: b64(v.credential.userName), p: b64(v.credential.password) } };
    throw new Error(`parameter ${n} has an unsupported type`);
  });
}

export function encodeRequest(request: HostRequest): string {
  return Buffer.from(JSON.stringify(request), 'utf8').toString('base64') + '\n';
}

export function framePrefix(nonce: string): string {
  return `\u001eUMC:${nonce} `;
}

/** Command names the host accepts: Verb-Noun, letters and digits. */
export const COMMAND_NAME = /^[A-Za-z]+-[A-Za-z0-9]+$/;

/**
 * The longest stdout line the reader keeps: a frame larger than this is refused as a protocol error.
 * Under V8's string limit (about 512 M characters) so the frame's text can be decoded at all; the
 * console's largest calls (a page of 1,001 users, every contact of a pool) are far below it.
 */
export const MAX_FRAME_BYTES = 256 * 1024 * 1024;
/** How much of a noise line is decoded and kept (for an open failure's reason): the rest is only counted. */
const NOISE_TEXT_BYTES = 4096;

/** The host broke its framing: a line over the cap, or a frame with our nonce that is not base64 JSON with an id. */
export class HostProtocolError extends Error {
  constructor(
    /** What broke: a line over the cap, or a frame that does not decode. */
    readonly reason: 'too-long' | 'bad-frame',
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'HostProtocolError';
  }
}

/** One item of the host's stdout: a frame, or a line of console noise (its first bytes as text, and its length). */
export type HostOutput = { readonly kind: 'frame'; readonly frame: HostResponse } | { readonly kind: 'noise'; readonly text: string; readonly bytes: number };

/** Bytes a reader has copied and scanned so far: its work, which tests and the bench compare with its input. */
export interface ReaderWork {
  readonly copied: number;
  readonly scanned: number;
}

const BASE64_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/=') BASE64_BYTE[c.charCodeAt(0)] = 1;
/** The first line feed in bytes at or after `from`, or -1 (a loop for a few bytes: cheaper than the native call). */
function lineFeed(bytes: Buffer, from: number): number {
  if (bytes.length - from >= 16) return bytes.indexOf(0x0a, from);
  for (let i = from; i < bytes.length; i++) if (bytes[i] === 0x0a) return i;
  return -1;
}
const isSpace = (b: number | undefined) => b === 0x20 || b === 0x09 || b === 0x0d || b === 0x0b || b === 0x0c;

/**
 * The host's stdout → frames and noise lines, linear in what it is fed however the pipe splits it.
 * The line end is looked for only in each new segment (what came before held none); the bytes of
 * the unfinished line are kept as a list — segments of 4 KiB or more as they came, smaller ones
 * gathered into blocks — and joined once when the line ends, so each byte is copied at most twice
 * and the memory held is the line plus a bounded slack; a whole line is decoded once, from its
 * bytes, so a UTF-8 character split between two segments is read whole (a line feed byte never
 * occurs inside a multibyte character). A line over the cap is refused as soon as it passes it, and
 * a reader that refused stays refused: the host is killed. The reader keeps references to the
 * segments it is given (a stream never reuses its chunks).
 */
export class HostOutputReader {
  /** The unfinished line's bytes, in order. */
  private parts: Buffer[] = [];
  /** The block small segments are being gathered into (the last of `parts`, cut to `blockUsed` when sealed). */
  private block: Buffer | null = null;
  private blockUsed = 0;
  private pendingBytes = 0;
  private failure: HostProtocolError | null = null;
  private readonly prefix: Buffer;
  private copiedBytes = 0;
  private scannedBytes = 0;

  constructor(
    nonce: string,
    readonly maxLineBytes = MAX_FRAME_BYTES,
  ) {
    this.prefix = Buffer.from(framePrefix(nonce), 'utf8');
  }

  /** Feeds bytes; returns the lines they finish (throws HostProtocolError). */
  push(chunk: Buffer): HostOutput[] {
    if (this.failure) throw this.failure;
    const out: HostOutput[] = [];
    let from = 0;
    for (;;) {
      const i = lineFeed(chunk, from);
      this.scannedBytes += (i < 0 ? chunk.length : i + 1) - from;
      if (i < 0) break;
      if (this.pendingBytes + i - from > this.maxLineBytes) this.tooLong();
      const item = this.line(this.take(chunk.subarray(from, i)));
      if (item) out.push(item);
      from = i + 1;
    }
    if (from < chunk.length) {
      if (this.pendingBytes + chunk.length - from > this.maxLineBytes) this.tooLong();
      this.keep(chunk.subarray(from));
    }
    return out;
  }

  /** Bytes received that do not yet form a whole line. */
  get pending(): number {
    return this.pendingBytes;
  }

  get work(): ReaderWork {
    return { copied: this.copiedBytes, scanned: this.scannedBytes };
  }

  private tooLong(): never {
    return this.fail('too-long', `the PowerShell host wrote a line longer than ${this.maxLineBytes} bytes`);
  }

  private fail(reason: HostProtocolError['reason'], detail: string): never {
    this.failure = new HostProtocolError(reason, detail);
    this.parts = [];
    this.block = null;
    this.pendingBytes = 0;
    throw this.failure;
  }

  /** Adds bytes to the unfinished line. */
  private keep(bytes: Buffer): void {
    this.pendingBytes += bytes.length;
    if (bytes.length >= 4096) {
      this.seal();
      this.parts.push(bytes);
      return;
    }
    for (let at = 0; at < bytes.length;) {
      if (!this.block || this.blockUsed === this.block.length) {
        this.seal();
        // A block at most half the line so far (and 1 KiB to 64 KiB): the unused end stays small next to what is kept.
        this.block = Buffer.allocUnsafe(Math.min(64 * 1024, Math.max(1024, this.pendingBytes >> 1)));
        this.blockUsed = 0;
        this.parts.push(this.block);
      }
      const n = Math.min(bytes.length - at, this.block.length - this.blockUsed);
      if (n < 16) for (let k = 0; k < n; k++) this.block[this.blockUsed + k] = bytes[at + k]!;
      else bytes.copy(this.block, this.blockUsed, at, at + n);
      this.blockUsed += n;
      this.copiedBytes += n;
      at += n;
    }
  }

  /** Cuts the block being filled to what it holds. */
  private seal(): void {
    if (!this.block) return;
    this.parts[this.parts.length - 1] = this.block.subarray(0, this.blockUsed);
    this.block = null;
  }

  /** The unfinished line ended with `last`: its bytes as one buffer (joined once), and the reader holds nothing. */
  private take(last: Buffer): Buffer {
    if (this.pendingBytes === 0) return last;
    this.seal();
    this.parts.push(last);
    const line = Buffer.concat(this.parts, this.pendingBytes + last.length);
    this.copiedBytes += line.length;
    this.parts = [];
    this.pendingBytes = 0;
    return line;
  }

  private line(bytes: Buffer): HostOutput | null {
    const at = bytes.indexOf(this.prefix);
    this.scannedBytes += at < 0 ? bytes.length : at + this.prefix.length;
    if (at < 0) {
      let from = 0;
      let to = bytes.length;
      while (from < to && (isSpace(bytes[from]) || bytes[from] === 0x0a)) from++;
      while (to > from && isSpace(bytes[to - 1])) to--;
      if (from === to) return null;
      return { kind: 'noise', text: bytes.subarray(from, Math.min(to, from + NOISE_TEXT_BYTES)).toString('utf8'), bytes: to - from };
    }
    let from = at + this.prefix.length;
    let to = bytes.length;
    while (from < to && isSpace(bytes[from])) from++;
    while (to > from && isSpace(bytes[to - 1])) to--;
    const body = bytes.subarray(from, to);
    for (let i = 0; i < body.length; i++) {
      if (BASE64_BYTE[body[i]!] !== 1 || (body[i] === 0x3d && i < body.length - 2)) this.fail('bad-frame', `a frame of the PowerShell host that is not base64 (byte ${i})`);
    }
    this.scannedBytes += 3 * body.length; // checked, decoded from base64, decoded from UTF-8 and parsed
    let value: unknown;
    try {
      value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(body.toString('latin1'), 'base64')));
    } catch (e) {
      this.fail('bad-frame', `a frame of the PowerShell host that is not UTF-8 JSON (${e instanceof Error ? e.message.slice(0, 100) : String(e)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value) || typeof (value as { id?: unknown }).id !== 'number')
      this.fail('bad-frame', 'a frame of the PowerShell host without a numeric id');
    return { kind: 'frame', frame: value as HostResponse };
  }
}
