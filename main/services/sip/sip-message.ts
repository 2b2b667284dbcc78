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

/** A TCP/TLS byte stream → messages, framed by Content-Length (RFC 3261 §18.3). */
export class SipStreamParser {
  private buf: Buffer = Buffer.alloc(0);
  private scanned = 0;

  /** Feeds bytes; returns the complete messages they finish (throws SipProtocolError). */
  push(chunk: Buffer): SipMessage[] {
    this.buf = this.buf.length === 0 ? Buffer.from(chunk) : Buffer.concat([this.buf, chunk]);
    const out: SipMessage[] = [];
    for (;;) {
      // Keep-alive CRLFs between messages (RFC 5626) are skipped.
      let skip = 0;
      while (skip < this.buf.length && (this.buf[skip] === 0x0d || this.buf[skip] === 0x0a)) skip++;
      if (skip > 0) {
        this.buf = this.buf.subarray(skip);
        this.scanned = 0;
      }
      if (this.buf.length === 0) break;
      const end = headEnd(this.buf, Math.max(0, this.scanned - 3));
      if (!end) {
        if (this.buf.length > MAX_HEADER_BYTES) throw new SipProtocolError(`header section larger than ${MAX_HEADER_BYTES} bytes`);
        this.scanned = this.buf.length;
        break;
      }
      if (end.at > MAX_HEADER_BYTES) throw new SipProtocolError(`header section larger than ${MAX_HEADER_BYTES} bytes`);
      const head = parseHead(decodeHead(this.buf.subarray(0, end.at)).replace(/\r$/, ''));
      const length = contentLength(head.headers);
      if (length === null) throw new SipProtocolError('no Content-Length on a stream transport');
      const total = end.at + end.sep + length;
      if (this.buf.length < total) {
        this.scanned = end.at; // the head is complete; wait for the body
        break;
      }
      out.push({ ...head, body: Buffer.from(this.buf.subarray(end.at + end.sep, total)) });
      this.buf = this.buf.subarray(total);
      this.scanned = 0;
    }
    return out;
  }

  /** Bytes received that do not yet form a whole message. */
  get pending(): number {
    return this.buf.length;
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
