/**
 * SIP messages for the reachability probe: an RFC 3261 OPTIONS request, a robust response
 * parser (datagram and stream framing by Content-Length), and request/response matching.
 *
 * Nothing here touches the network; the prober (sip-prober.ts) feeds bytes in.
 */
import { randomBytes } from 'node:crypto';
import type { SipTransport } from '../../../shared/sip/probe-model';

export const USER_AGENT = 'UM Integration Console';
/** Header section larger than this without its blank line: not a SIP peer we want to talk to. */
export const MAX_HEADER_BYTES = 64 * 1024;
/** A body larger than this in an OPTIONS answer is treated as a protocol error. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class SipProtocolError extends Error {
  constructor(readonly detail: string) {
    super(detail);
    this.name = 'SipProtocolError';
  }
}

export interface OptionsRequest {
  readonly text: string;
  readonly bytes: Buffer;
  readonly branch: string;
  readonly callId: string;
  readonly cseq: number;
  readonly fromTag: string;
}

export interface BuildOptionsParams {
  /** The host as named (request URI and To). */
  readonly host: string;
  readonly port: number;
  readonly transport: SipTransport;
  /** Our socket's address and port (Via, Contact). */
  readonly localAddress: string;
  readonly localPort: number;
  readonly cseq?: number;
}

const token = (bytes: number) => randomBytes(bytes).toString('hex');
const hostPart = (h: string) => (h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);

export function buildOptions(p: BuildOptionsParams): OptionsRequest {
  const branch = `z9hG4bK${token(10)}`;
  const callId = `${token(12)}@umc`;
  const fromTag = token(6);
  const cseq = p.cseq ?? 1;
  const viaTransport = p.transport.toUpperCase();
  const uriParams = p.transport === 'udp' ? '' : `;transport=${p.transport}`;
  const scheme = p.transport === 'tls' ? 'sips' : 'sip';
  const uri = `${scheme}:${hostPart(p.host)}:${p.port}`;
  const local = `${hostPart(p.localAddress)}:${p.localPort}`;
  const lines = [
    `OPTIONS ${uri}${p.transport === 'tls' ? '' : uriParams} SIP/2.0`,
    `Via: SIP/2.0/${viaTransport} ${local};branch=${branch};rport`,
    'Max-Forwards: 70',
    `From: <${scheme}:umc@${local}>;tag=${fromTag}`,
    `To: <${uri}>`,
    `Call-ID: ${callId}`,
    `CSeq: ${cseq} OPTIONS`,
    `Contact: <${scheme}:umc@${local}${uriParams}>`,
    `User-Agent: ${USER_AGENT}`,
    'Accept: application/sdp',
    'Content-Length: 0',
    '',
    '',
  ];
  const text = lines.join('\r\n');
  return { text, bytes: Buffer.from(text, 'utf8'), branch, callId, cseq, fromTag };
}

export interface SipMessage {
  readonly kind: 'response' | 'request';
  /** Responses: the status code; requests: 0. */
  readonly code: number;
  readonly reason: string;
  /** Requests: the method. */
  readonly method: string | null;
  /** Lower-case long header names (compact forms expanded) → values in order. */
  readonly headers: ReadonlyMap<string, readonly string[]>;
  readonly body: Buffer;
}

const COMPACT: Readonly<Record<string, string>> = {
  v: 'via',
  i: 'call-id',
  f: 'from',
  t: 'to',
  l: 'content-length',
  m: 'contact',
  c: 'content-type',
  k: 'supported',
  s: 'subject',
  e: 'content-encoding',
  o: 'event',
  u: 'allow-events',
  r: 'refer-to',
  b: 'referred-by',
  x: 'session-expires',
  a: 'accept-contact',
  j: 'reject-contact',
  d: 'request-disposition',
  y: 'identity',
  n: 'identity-info',
};

const STATUS_LINE = /^SIP\/2\.0[ \t]+([1-6][0-9]{2})(?:[ \t]+([^\x00-\x08\x0a-\x1f\x7f]*))?[ \t]*$/i;
const REQUEST_LINE = /^([A-Za-z][A-Za-z0-9.!%*_+`'~-]*)[ \t]+(\S+)[ \t]+SIP\/2\.0$/i;
const HEADER_NAME = /^[A-Za-z0-9.!%*_+`'~-]+$/;

export function header(m: SipMessage, name: string): string | null {
  return m.headers.get(name.toLowerCase())?.[0] ?? null;
}

/** The header section (without the blank line) → start line + headers. */
function parseHead(head: string): { kind: 'response' | 'request'; code: number; reason: string; method: string | null; headers: Map<string, string[]> } {
  const lines = head.split(/\r?\n/);
  const start = lines[0] ?? '';
  let kind: 'response' | 'request';
  let code = 0;
  let reason = '';
  let method: string | null = null;
  const sm = STATUS_LINE.exec(start);
  if (sm) {
    kind = 'response';
    code = Number(sm[1]);
    reason = (sm[2] ?? '').trim();
  } else {
    const rm = REQUEST_LINE.exec(start);
    if (!rm) throw new SipProtocolError(`not a SIP start line: ${JSON.stringify(start.slice(0, 60))}`);
    kind = 'request';
    method = rm[1]!.toUpperCase();
  }
  const unfolded: string[] = [];
  for (const line of lines.slice(1)) {
    if (/^[ \t]/.test(line)) {
      if (unfolded.length === 0) throw new SipProtocolError('a folded line before any header');
      unfolded[unfolded.length - 1] += ' ' + line.trim();
    } else unfolded.push(line);
  }
  const headers = new Map<string, string[]>();
  for (const line of unfolded) {
    const colon = line.indexOf(':');
    if (colon <= 0) throw new SipProtocolError(`not a header line: ${JSON.stringify(line.slice(0, 60))}`);
    const rawName = line.slice(0, colon).trim();
    if (!HEADER_NAME.test(rawName)) throw new SipProtocolError(`bad header name: ${JSON.stringify(rawName.slice(0, 60))}`);
    if (/[\x00-\x08\x0a-\x1f\x7f]/.test(line)) throw new SipProtocolError(`control characters in header ${rawName}`);
    const lower = rawName.toLowerCase();
    const name = COMPACT[lower] ?? lower;
    const value = line.slice(colon + 1).trim();
    const list = headers.get(name) ?? [];
    // Via, Contact and friends may carry several comma-separated values on one line; only the first matters here.
    list.push(value);
    headers.set(name, list);
  }
  return { kind, code, reason, method, headers };
}

function contentLength(headers: ReadonlyMap<string, readonly string[]>): number | null {
  const values = headers.get('content-length');
  if (!values || values.length === 0) return null;
  const distinct = new Set(values.map((v) => v.trim()));
  if (distinct.size > 1) throw new SipProtocolError('conflicting Content-Length headers');
  const v = [...distinct][0]!;
  if (!/^[0-9]{1,9}$/.test(v)) throw new SipProtocolError(`bad Content-Length: ${JSON.stringify(v.slice(0, 20))}`);
  const n = Number(v);
  if (n > MAX_BODY_BYTES) throw new SipProtocolError(`Content-Length ${n} is too large`);
  return n;
}

/** Where the header section ends: index of the blank line and the length of the separator. */
function headEnd(buf: Buffer, from = 0): { at: number; sep: number } | null {
  for (let i = from; i < buf.length - 1; i++) {
    if (buf[i] !== 0x0a) continue;
    if (buf[i + 1] === 0x0a) return { at: i, sep: 2 };
    if (buf[i + 1] === 0x0d && buf[i + 2] === 0x0a) return { at: i, sep: 3 };
  }
  return null;
}

function decodeHead(bytes: Buffer): string {
  if (bytes.includes(0)) throw new SipProtocolError('binary data (NUL bytes) in the header section');
  return bytes.toString('utf8');
}

/** One UDP datagram → one message (throws SipProtocolError). */
export function parseDatagram(buf: Buffer): SipMessage {
  let start = 0;
  while (start < buf.length && (buf[start] === 0x0d || buf[start] === 0x0a)) start++;
  const data = buf.subarray(start);
  if (data.length === 0) throw new SipProtocolError('an empty datagram');
  const end = headEnd(data);
  const headBytes = end ? data.subarray(0, end.at) : data;
  if (headBytes.length > MAX_HEADER_BYTES) throw new SipProtocolError(`header section larger than ${MAX_HEADER_BYTES} bytes`);
  const head = parseHead(decodeHead(headBytes).replace(/\r$/, ''));
  const rest = end ? data.subarray(end.at + end.sep) : Buffer.alloc(0);
  const length = contentLength(head.headers);
  if (length !== null && length > rest.length) throw new SipProtocolError(`Content-Length ${length} but ${rest.length} body bytes`);
  return { ...head, body: Buffer.from(length === null ? rest : rest.subarray(0, length)) };
}

/** Bytes a stream reader has copied and scanned so far: its work, which tests and the bench compare with its input. */
export interface ReaderWork {
  readonly copied: number;
  readonly scanned: number;
}

/**
 * A TCP/TLS byte stream → messages, framed by Content-Length (RFC 3261 §18.3).
 *
 * Linear in what it is fed, however the peer splits it: the bytes go into one buffer that grows
 * by doubling (each byte is copied in once, plus amortised growth), the blank line ending the
 * header section is looked for only in the bytes that arrived since the last look (with a 3-byte
 * overlap for a terminator split across segments), the header section is parsed once, and then
 * the reader only counts until exactly Content-Length body bytes are there. A peer that sends a
 * 1 MB answer one byte at a time costs what one segment does, times a constant.
 */
export class SipStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  /** The unread bytes are buf[start, end). */
  private start = 0;
  private end = 0;
  /** Where the next look for the header terminator begins (absolute index in buf). */
  private scanFrom = 0;
  /** The current message's parsed header section, once its terminator was seen. */
  private head: { readonly parsed: ReturnType<typeof parseHead>; readonly bodyAt: number; readonly total: number } | null = null;
  private copiedBytes = 0;
  private scannedBytes = 0;

  /** Feeds bytes; returns the complete messages they finish (throws SipProtocolError). */
  push(chunk: Buffer): SipMessage[] {
    this.append(chunk);
    // Waiting for the body of a message whose header section was read: nothing to look at yet.
    if (this.head && this.end - this.start < this.head.total) return [];
    const out: SipMessage[] = [];
    for (;;) {
      if (!this.head) {
        // Keep-alive CRLFs between messages (RFC 5626) are skipped.
        const skipFrom = this.start;
        while (this.start < this.end && (this.buf[this.start] === 0x0d || this.buf[this.start] === 0x0a)) this.start++;
        this.scannedBytes += this.start - skipFrom;
        if (this.start === this.end) break;
        if (this.scanFrom < this.start) this.scanFrom = this.start;
        const found = this.findHeadEnd();
        if (!found) {
          if (this.end - this.start > MAX_HEADER_BYTES) throw new SipProtocolError(`header section larger than ${MAX_HEADER_BYTES} bytes`);
          break;
        }
        const headLength = found.at - this.start;
        if (headLength > MAX_HEADER_BYTES) throw new SipProtocolError(`header section larger than ${MAX_HEADER_BYTES} bytes`);
        this.scannedBytes += headLength;
        const parsed = parseHead(decodeHead(this.buf.subarray(this.start, found.at)).replace(/\r$/, ''));
        const length = contentLength(parsed.headers);
        if (length === null) throw new SipProtocolError('no Content-Length on a stream transport');
        this.head = { parsed, bodyAt: headLength + found.sep, total: headLength + found.sep + length };
      }
      if (this.end - this.start < this.head.total) break; // the head is complete; wait for the body
      const body = Buffer.from(this.buf.subarray(this.start + this.head.bodyAt, this.start + this.head.total));
      this.copiedBytes += body.length;
      out.push({ ...this.head.parsed, body });
      this.start += this.head.total;
      this.scanFrom = this.start;
      this.head = null;
    }
    if (this.start === this.end) this.release();
    return out;
  }

  /** Bytes received that do not yet form a whole message. */
  get pending(): number {
    return this.end - this.start;
  }

  /** The bytes copied and scanned so far. */
  get work(): ReaderWork {
    return { copied: this.copiedBytes, scanned: this.scannedBytes };
  }

  private append(chunk: Buffer): void {
    const live = this.end - this.start;
    if (this.end + chunk.length > this.buf.length) {
      // Move the unread bytes to the front when that frees at least half the buffer, else grow it to
      // twice what is needed: either way the copy is paid for by as many bytes appended afterwards.
      const needed = live + chunk.length;
      const target = live <= this.buf.length / 2 && needed <= this.buf.length ? this.buf : Buffer.allocUnsafe(Math.max(4096, 2 * needed));
      this.buf.copy(target, 0, this.start, this.end);
      this.copiedBytes += live;
      this.buf = target;
      this.scanFrom -= this.start;
      this.start = 0;
      this.end = live;
    }
    if (chunk.length < 16) for (let i = 0; i < chunk.length; i++) this.buf[this.end + i] = chunk[i]!;
    else chunk.copy(this.buf, this.end);
    this.end += chunk.length;
    this.copiedBytes += chunk.length;
  }

  /**
   * The blank line ending the header section (LF LF or LF CR LF), looked for from scanFrom only.
   * Without one, the next look starts at a line feed among the last two bytes, which may begin a
   * terminator the next segment completes.
   */
  private findHeadEnd(): { at: number; sep: number } | null {
    const from = Math.max(this.start, this.scanFrom);
    const view = this.buf.subarray(0, this.end);
    let i = view.indexOf(0x0a, from);
    while (i >= 0 && i < this.end - 1) {
      if (view[i + 1] === 0x0a) return this.scanned(from, i, { at: i, sep: 2 });
      if (view[i + 1] === 0x0d && i + 2 < this.end && view[i + 2] === 0x0a) return this.scanned(from, i, { at: i, sep: 3 });
      i = view.indexOf(0x0a, i + 1);
    }
    this.scannedBytes += this.end - from;
    let next = this.end;
    for (let k = Math.max(from, this.end - 2); k < this.end; k++) {
      if (view[k] === 0x0a) {
        next = k;
        break;
      }
    }
    this.scanFrom = next;
    return null;
  }

  private scanned(from: number, at: number, found: { at: number; sep: number }): { at: number; sep: number } {
    this.scannedBytes += at + found.sep - from;
    return found;
  }

  /** Nothing unread: drop a buffer grown for a large message rather than keep it for the connection's life. */
  private release(): void {
    if (this.buf.length > 64 * 1024) this.buf = Buffer.alloc(0);
    this.start = this.end = this.scanFrom = 0;
  }
}

function viaBranch(via: string): string | null {
  const first = via.split(',')[0]!;
  const m = /;\s*branch\s*=\s*([^;\s,]+)/i.exec(first);
  return m ? m[1]! : null;
}

/** A response answers our request: top Via branch, Call-ID and CSeq (number and method) all match. */
export function matchesRequest(m: SipMessage, req: OptionsRequest): boolean {
  if (m.kind !== 'response') return false;
  const via = header(m, 'via');
  const callId = header(m, 'call-id');
  const cseq = header(m, 'cseq');
  if (!via || !callId || !cseq) return false;
  if (viaBranch(via) !== req.branch) return false;
  if (callId.trim() !== req.callId) return false;
  const cm = /^([0-9]+)\s+([A-Za-z]+)$/.exec(cseq.trim());
  return !!cm && Number(cm[1]) === req.cseq && cm[2]!.toUpperCase() === 'OPTIONS';
}

/** The Server header, else User-Agent. */
export function serverOf(m: SipMessage): string | null {
  return header(m, 'server') ?? header(m, 'user-agent');
}
