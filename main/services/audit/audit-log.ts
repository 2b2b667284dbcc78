/**
 * The audit log of changes: every change an admin makes is appended to a local
 * file — who, when, which profile, the cmdlet with its parameters, the object before and after, the
 * outcome — and can be viewed and exported. Types: shared/audit/audit-model.ts. The format is
 * documented in docs/live-sessions.md ("The audit log").
 *
 * Format 2: JSON Lines, UTF-8, file mode 0600. Two lines per change, a third when it is settled:
 *   {"v":2,"kind":"intent","id":…,"at":…,"operator":…,"profile":…,"target":…,"cmdlet":…,"parameters":[…],"before":…,"prev":"<hex>","sum":"<hex>"}
 *   {"v":2,"kind":"outcome","id":…,"finishedAt":…,"outcome":…,"message":…,"after":…,"prev":"<hex>","sum":"<hex>"}
 *   {"v":2,"kind":"settlement","id":…,"settledAt":…,"outcome":…,"message":…,"read":…,"prev":"<hex>","sum":"<hex>"}
 * The intent is written and flushed to disk (fdatasync) BEFORE the change is sent, so a crash while
 * the change runs leaves an intent without its outcome, which reads back as outcome `unknown`
 * ("a crash never leaves a half-written entry unnoticed"). An outcome `unknown` is also written when
 * the change was sent and its answer never came (the host died, the session closed, the call timed
 * out); the object is then read back and what the server holds settles it (the settlement line).
 *
 * `sum` is the SHA-256 (hex) of the line's exact UTF-8 bytes before its `,"sum":"…"}` tail (the
 * last member, always 74 ASCII characters). Hashing the bytes as written, rather than a
 * re-serialisation, means any change to a line — even in whitespace or key order — and any torn
 * write fails the check, and verifying costs no canonicalisation on large logs. To verify a line
 * by hand: drop its last 74 characters and hash the rest.
 *
 * `prev` chains the lines: it is the `sum` of the line before (format 2), so a line removed, moved,
 * or edited with its own sum recomputed breaks the chain at the line after it. The first line of a
 * file has the genesis value (64 zeros). Format 1 lines (no `prev`: logs written before the chain)
 * still read; they are folded into the chain — after each, the link is SHA-256(link + its sum) —
 * so the first format 2 line seals them too. A format 1 line after a format 2 line is reported.
 * The chain detects edits by someone who does not rewrite every line after the one they change;
 * whoever can rewrite the whole file can recompute it, and the last lines can be cut off whole
 * (docs/live-sessions.md says what stops that).
 *
 * Appends from several processes (the console and `umc`) take turns through an exclusive lock file
 * `<log>.lock` (created with O_EXCL; a lock whose process is gone, or older than a minute, is
 * stale and removed), and read the last line again under it, so `prev` is always the real last sum.
 *
 * Reading never rewrites: damaged lines (torn, edited, foreign, out of chain) are reported with
 * their line number and left in place; after a torn last line the next append starts on a fresh line.
 */
import { hash, randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type FileHandle, mkdir, open, readFile, stat, unlink } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AuditDamage, AuditOutcome, AuditRecord, AuditSettlement, AuditView, SettledOutcome } from '../../../shared/audit/audit-model';
import { UserError } from '../../../shared/i18n/translate';
import type { Clock, Logger } from '../../ports';
import { syncDirectory, writeFileAtomic } from '../atomic-write';

/** What is known before the change is sent: the record's intent line (id and time are the log's). */
export type AuditIntent = Pick<AuditRecord, 'operator' | 'profile' | 'target' | 'cmdlet' | 'parameters' | 'before'>;

/** What an outcome line may say: `unknown` when the change was sent and its answer never came. */
export type AuditFinalOutcome = AuditOutcome;

export interface AuditEntryHandle {
  readonly id: string;
  /** Appends (durably) the outcome of the change `begin` announced. Once only. */
  finish(outcome: { outcome: AuditFinalOutcome; message: string; after: unknown }): Promise<void>;
  /**
   * After an outcome `unknown`: appends (durably) what reading the object back showed — the
   * intended state (applied), the previous one (failed), or neither (unknown). Once only.
   */
  settle(settlement: { outcome: SettledOutcome; message: string; read: unknown }): Promise<void>;
}

export interface AuditLog {
  readonly path: string;
  /** Appends (durably: fdatasync) the intent BEFORE the change is sent; returns the handle to record its outcome. */
  begin(intent: AuditIntent): Promise<AuditEntryHandle>;
  /** Newest first, at most `limit` (default 1000) entries; damaged lines reported. A missing file is an empty log. */
  read(limit?: number): Promise<AuditView>;
  /** Writes every verified entry to `path` as a pretty JSON array of AuditRecord, oldest first, atomically; returns the count. */
  exportTo(path: string): Promise<number>;
}

export interface AuditLogOptions {
  readonly path: string;
  readonly clock: Clock;
  readonly logger?: Logger;
}

export const DEFAULT_READ_LIMIT = 1000;

/** The message of an intent whose outcome never came (English; the UI localises by outcome). */
export const UNKNOWN_OUTCOME_MESSAGE = 'the console stopped while this change ran: check the object';

/** Parameter names whose values never reach the disk (defence in depth: the shell layer already keeps secrets out). */
const SECRET_PARAMETER = /password|secret|credential/i;
export const REDACTED = '***';

const FINAL_OUTCOMES: readonly AuditFinalOutcome[] = ['applied', 'failed', 'refused', 'stale', 'unknown'];
const SETTLED_OUTCOMES: readonly SettledOutcome[] = ['applied', 'failed', 'unknown'];
const FORMAT_VERSION = 2;
const NEWLINE = 0x0a;
/** The chain's value before the first line of a file. */
export const GENESIS = '0'.repeat(64);
/** `,"sum":"` + 64 hex digits + `"}`. */
const SUM_SUFFIX_LENGTH = 8 + 64 + 2;
const SUM_SUFFIX = /^,"sum":"([0-9a-f]{64})"\}$/;
/** `,"prev":"` + 64 hex + `","sum":"` + 64 hex + `"}`: a format 2 line's tail. */
const CHAINED_SUFFIX_LENGTH = 9 + 64 + 1 + SUM_SUFFIX_LENGTH;
const CHAINED_SUFFIX = /^,"prev":"([0-9a-f]{64})","sum":"([0-9a-f]{64})"\}$/;

/** How long an append waits for another process's lock before it fails, and when a lock is stale. */
const LOCK_WAIT_MS = 15_000;
const LOCK_STALE_MS = 60_000;
/**
 * A lock file still empty this long after it was created is stale: its creator writes its line right after
 * creating it, so only a process killed between the two (SIGKILL, power loss) leaves it empty. Well above any
 * pause of a loaded machine between two syscalls, well under LOCK_WAIT_MS.
 */
const EMPTY_LOCK_STALE_MS = 5_000;

function sha256(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

/** The line to append for `body` (a JSON object, without prev and sum): prev and the checksum as last members, and a newline. */
function sealLine(body: Record<string, unknown>, prev: string): string {
  const head = `${JSON.stringify(body).slice(0, -1)},"prev":"${prev}"`;
  return `${head},"sum":"${sha256(head)}"}\n`;
}

/**
 * JSON-safe copy of an object as read from PowerShell: what JSON cannot hold (undefined, functions)
 * is dropped the way JSON.stringify drops it, so what is hashed is what is read back.
 */
function jsonValue(value: unknown, field: string): unknown {
  if (value === undefined) return null;
  try {
    const text = JSON.stringify(value);
    return text === undefined ? null : (JSON.parse(text) as unknown);
  } catch (e) {
    throw new Error(`audit entry: ${field} cannot be stored as JSON: ${(e as Error).message}`, { cause: e });
  }
}

function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new Error(`audit entry: ${field} must be a non-empty string (got ${JSON.stringify(value) ?? String(value)})`);
  return value;
}

function redactedParameters(parameters: unknown): { name: string; value: string | boolean }[] {
  if (!Array.isArray(parameters)) throw new Error('audit entry: parameters must be an array of { name, value }');
  return parameters.map((p: unknown, i) => {
    const { name, value } = (p ?? {}) as { name?: unknown; value?: unknown };
    requireText(name, `parameters[${i}].name`);
    if (typeof value !== 'string' && typeof value !== 'boolean') throw new Error(`audit entry: parameters[${i}] (${String(name)}) value must be a string or a boolean`);
    return { name: name as string, value: SECRET_PARAMETER.test(name as string) ? REDACTED : value };
  });
}

function errnoReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EISDIR') return 'it is a directory';
  if (err.code === 'ENOTDIR') return 'a part of the path is not a directory';
  if (err.code === 'EACCES' || err.code === 'EPERM') return 'permission denied';
  if (err.code === 'ENOSPC') return 'the disk is full';
  if (err.code === 'EROFS') return 'the file system is read-only';
  return err.message;
}

const writeError = (file: string, e: unknown) => new UserError({ key: 'snapshot.error.write', params: { file, reason: errnoReason(e) } });
const readError = (file: string, e: unknown) => new UserError({ key: 'snapshot.error.read', params: { file, reason: errnoReason(e) } });

interface IntentLine {
  kind: 'intent';
  id: string;
  at: string;
  operator: string;
  profile: string;
  target: 'lab' | 'live';
  cmdlet: string;
  parameters: { name: string; value: string | boolean }[];
  before: unknown;
}
interface OutcomeLine {
  kind: 'outcome';
  id: string;
  finishedAt: string;
  outcome: AuditFinalOutcome;
  message: string;
  after: unknown;
}
interface SettlementLine {
  kind: 'settlement';
  id: string;
  settledAt: string;
  outcome: SettledOutcome;
  message: string;
  read: unknown;
}

type LineKind = 'intent' | 'outcome' | 'settlement';
const isText = (v: unknown): v is string => typeof v === 'string';

/** A line whose checksum verified: where it is, and its kind and id (read from its fixed head, not yet decoded). */
interface SealedLine {
  readonly lineNo: number;
  readonly bytes: Buffer;
  readonly kind: LineKind;
  readonly id: string;
}

/**
 * The head every line this writer seals starts with (JSON.stringify keeps insertion order). Reading
 * kind and id from it lets a large log be joined without JSON-parsing every line: only the entries
 * shown (or exported) are decoded — JSON.parse is most of the cost of reading (100,000 entries).
 */
const SEALED_HEAD_V1 = /^\{"v":1,"kind":"(intent|outcome)","id":"([0-9A-Za-z._:-]{1,100})",/;
const SEALED_HEAD_V2 = /^\{"v":2,"kind":"(intent|outcome|settlement)","id":"([0-9A-Za-z._:-]{1,100})",/;
const HEAD_BYTES = 160;

interface LineTail {
  readonly sum: string;
  /** Null: a format 1 line (no chain). */
  readonly prev: string | null;
  /** The bytes the sum covers: all before `,"sum":`. */
  readonly hashedLength: number;
}

/** The tail of a line: its own sum, and prev when it is chained (format 2); null: no well-formed tail. */
function tailOf(bytes: Buffer): LineTail | null {
  // The suffixes are ASCII, so their characters are their bytes.
  // `,"prev":"` starts a chained tail: test one byte before the regex (most lines of an old log are format 1).
  if (bytes.length > CHAINED_SUFFIX_LENGTH && bytes[bytes.length - CHAINED_SUFFIX_LENGTH + 2] === 0x70) {
    const m = CHAINED_SUFFIX.exec(bytes.toString('latin1', bytes.length - CHAINED_SUFFIX_LENGTH));
    if (m) return { prev: m[1]!, sum: m[2]!, hashedLength: bytes.length - SUM_SUFFIX_LENGTH };
  }
  if (bytes.length > SUM_SUFFIX_LENGTH) {
    const m = SUM_SUFFIX.exec(bytes.toString('latin1', bytes.length - SUM_SUFFIX_LENGTH));
    if (m) return { prev: null, sum: m[1]!, hashedLength: bytes.length - SUM_SUFFIX_LENGTH };
  }
  return null;
}

/**
 * The chain's value after a line, from the value before it: a chained line's own sum; a format 1
 * line folded in (SHA-256 of the link and its sum); a line without a well-formed tail (torn,
 * foreign) leaves it as it was. Syntactic only, so the writer and the reader agree on it whatever
 * the line holds.
 */
function linkAfter(link: string, tail: LineTail | null): string {
  if (!tail) return link;
  return tail.prev !== null ? tail.sum : sha256(link + tail.sum);
}

/** The chain's value after every line of `data` (the `prev` of a line appended to it). */
export function chainHead(data: Buffer): string {
  let link = GENESIS;
  for (let start = 0; start < data.length;) {
    const nl = data.indexOf(NEWLINE, start);
    const end = nl === -1 ? data.length : nl;
    if (end > start) link = linkAfter(link, tailOf(data.subarray(start, end)));
    start = end + 1;
  }
  return link;
}

/** The most useful reason a line is not a sealed entry line (only computed for damaged lines). */
function lineProblem(bytes: Buffer): string {
  const text = bytes.toString('utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'not a JSON object';
  const tail = tailOf(bytes);
  if (!tail) return 'no checksum ("sum" must be the last member)';
  if (sha256(bytes.subarray(0, tail.hashedLength)) !== tail.sum) return 'checksum mismatch: the line was changed after it was written';
  const o = parsed as Record<string, unknown>;
  if (o.v !== 1 && o.v !== FORMAT_VERSION) return `unsupported format version ${JSON.stringify(o.v)}`;
  if ((o.v === 1) !== (tail.prev === null)) return `format ${String(o.v)} line with the tail of format ${tail.prev === null ? 1 : 2}`;
  return 'not an audit entry line (kind and id must come first)';
}

function parseSealed(line: SealedLine): Record<string, unknown> | string {
  try {
    return JSON.parse(line.bytes.toString('utf8')) as Record<string, unknown>;
  } catch (e) {
    return `not valid JSON (${(e as Error).message})`;
  }
}

/** The fields of a sealed intent line, checked; why not when they are not what this writer writes. */
function decodeIntent(line: SealedLine): IntentLine | string {
  const o = parseSealed(line);
  if (typeof o === 'string') return o;
  const ok =
    isText(o.at) &&
    isText(o.operator) &&
    isText(o.profile) &&
    (o.target === 'lab' || o.target === 'live') &&
    isText(o.cmdlet) &&
    Array.isArray(o.parameters) &&
    o.parameters.every((p) => p && isText(p.name) && (isText(p.value) || typeof p.value === 'boolean')) &&
    'before' in o;
  return ok ? (o as unknown as IntentLine) : 'intent line with missing or ill-typed fields';
}

function decodeOutcome(line: SealedLine): OutcomeLine | string {
  const o = parseSealed(line);
  if (typeof o === 'string') return o;
  const ok = isText(o.finishedAt) && FINAL_OUTCOMES.includes(o.outcome as AuditFinalOutcome) && isText(o.message) && 'after' in o;
  return ok ? (o as unknown as OutcomeLine) : 'outcome line with missing or ill-typed fields';
}

function decodeSettlement(line: SealedLine): SettlementLine | string {
  const o = parseSealed(line);
  if (typeof o === 'string') return o;
  const ok = isText(o.settledAt) && SETTLED_OUTCOMES.includes(o.outcome as SettledOutcome) && isText(o.message) && 'read' in o;
  return ok ? (o as unknown as SettlementLine) : 'settlement line with missing or ill-typed fields';
}

export interface ParsedAuditLog {
  /** Newest first (the order changes were begun), at most the limit. */
  readonly entries: AuditRecord[];
  /** Every entry in the log. */
  readonly total: number;
  /** In line order. */
  readonly damaged: AuditDamage[];
}

/**
 * The log file's entries, newest first, at most `limit`, and every line that is not a whole entry
 * or does not follow the line before it. One pass over the bytes with a checksum per line and the
 * chain, a map join, then decoding of the entries returned only: linear in the file size. (A line
 * whose checksum verifies but whose fields do not — only possible if a writer other than this one
 * sealed it — is reported when its entry is decoded.)
 */
export function parseAuditLog(data: Buffer, limit = Number.POSITIVE_INFINITY): ParsedAuditLog {
  const damaged: AuditDamage[] = [];
  const intents: SealedLine[] = [];
  const intentIds = new Set<string>();
  const outcomes = new Map<string, SealedLine>();
  const settlements = new Map<string, SealedLine>();
  let lineNo = 0;
  let link = GENESIS;
  /** The line that set the link (0: the start of the file), and whether a chained line was seen. */
  let linkLine = 0;
  let chained = false;
  for (let start = 0; start < data.length;) {
    lineNo += 1;
    const nl = data.indexOf(NEWLINE, start);
    const end = nl === -1 ? data.length : nl;
    const bytes = data.subarray(start, end);
    start = end + 1;
    const tail = bytes.length ? tailOf(bytes) : null;
    const checked = checkLine(bytes, tail, lineNo, link, linkLine, chained);
    if (tail) {
      if (tail.prev !== null) chained = true;
      link = linkAfter(link, tail);
      linkLine = lineNo;
    }
    if (typeof checked === 'string') {
      // A last line without its newline that does not verify is a write cut short (crash, power loss).
      damaged.push({ line: lineNo, reason: nl === -1 ? `incomplete last line (a write was cut short): ${checked}` : checked });
      continue;
    }
    if (checked.chainBreak) damaged.push({ line: lineNo, reason: checked.chainBreak });
    const line = checked.line;
    if (line.kind === 'intent') {
      if (intentIds.has(line.id)) damaged.push({ line: lineNo, reason: `second intent for entry ${line.id}` });
      else {
        intentIds.add(line.id);
        intents.push(line);
      }
    } else if (!intentIds.has(line.id)) {
      // Intents are always written first, so an outcome before (or without) its intent means a lost or damaged intent line.
      damaged.push({ line: lineNo, reason: `${line.kind} for entry ${line.id} whose intent line is missing or damaged` });
    } else {
      const seen = line.kind === 'outcome' ? outcomes : settlements;
      if (seen.has(line.id)) damaged.push({ line: lineNo, reason: `second ${line.kind} for entry ${line.id}` });
      else seen.set(line.id, line);
    }
  }

  const entries: AuditRecord[] = [];
  let total = intents.length;
  let decodeDamage = false;
  for (let k = intents.length - 1; k >= 0 && entries.length < limit; k--) {
    const sealed = intents[k]!;
    const i = decodeIntent(sealed);
    if (typeof i === 'string') {
      damaged.push({ line: sealed.lineNo, reason: i });
      total -= 1;
      decodeDamage = true;
      continue;
    }
    const sealedOutcome = outcomes.get(i.id);
    let o: OutcomeLine | null = null;
    if (sealedOutcome) {
      const decoded = decodeOutcome(sealedOutcome);
      if (typeof decoded === 'string') {
        damaged.push({ line: sealedOutcome.lineNo, reason: decoded });
        decodeDamage = true;
      } else o = decoded;
    }
    const sealedSettlement = settlements.get(i.id);
    let settlement: AuditSettlement | null = null;
    if (sealedSettlement) {
      const decoded = decodeSettlement(sealedSettlement);
      if (typeof decoded === 'string') {
        damaged.push({ line: sealedSettlement.lineNo, reason: decoded });
        decodeDamage = true;
      } else settlement = { at: decoded.settledAt, outcome: decoded.outcome, message: decoded.message, read: decoded.read };
    }
    entries.push({
      id: i.id,
      at: i.at,
      operator: i.operator,
      profile: i.profile,
      target: i.target,
      cmdlet: i.cmdlet,
      parameters: i.parameters,
      before: i.before,
      after: o ? o.after : null,
      outcome: o ? o.outcome : 'unknown',
      message: o ? o.message : UNKNOWN_OUTCOME_MESSAGE,
      finishedAt: o ? o.finishedAt : null,
      settlement,
    });
  }
  if (decodeDamage) damaged.sort((a, b) => a.line - b.line);
  return { entries, total, damaged };
}

/**
 * Why the line is not a sealed entry line; or its kind and id, and why it does not follow the line
 * before it (`chainBreak`) when it does not.
 */
function checkLine(bytes: Buffer, tail: LineTail | null, lineNo: number, link: string, linkLine: number, chained: boolean): { line: SealedLine; chainBreak: string | null } | string {
  if (bytes.length === 0) return 'blank line';
  if (!tail || sha256(bytes.subarray(0, tail.hashedLength)) !== tail.sum) return lineProblem(bytes);
  const headText = bytes.toString('latin1', 0, Math.min(bytes.length, HEAD_BYTES));
  if (tail.prev === null) {
    // Format 1: no chain. After the chain began, such a line can only have been put there by hand.
    if (chained) return 'a format 1 line (no chain) after the chain began: a line inserted or rewritten by hand';
    const head = SEALED_HEAD_V1.exec(headText);
    if (!head) return lineProblem(bytes);
    return { line: { lineNo, bytes, kind: head[1] as LineKind, id: head[2]! }, chainBreak: null };
  }
  const head = SEALED_HEAD_V2.exec(headText);
  if (!head) return lineProblem(bytes);
  const chainBreak =
    tail.prev === link
      ? null
      : linkLine === 0
        ? `does not follow the start of the file: lines before it were removed`
        : `does not follow line ${linkLine}: line ${linkLine} was edited, or lines were removed, inserted or moved`;
  return { line: { lineNo, bytes, kind: head[1] as LineKind, id: head[2]! }, chainBreak };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Whether a lock file left by `holder` ("<pid> <host> <ms>") can be removed: its process is gone, or it is old. */
async function staleLock(lockPath: string): Promise<boolean> {
  let text: string;
  let mtimeMs: number;
  try {
    [text, mtimeMs] = await Promise.all([readFile(lockPath, 'utf8'), stat(lockPath).then((s) => s.mtimeMs)]);
  } catch {
    return false; // gone meanwhile: try again
  }
  if (Date.now() - mtimeMs > LOCK_STALE_MS) return true;
  const [pid, host] = text.trim().split(' ');
  if (!pid) return Date.now() - mtimeMs > EMPTY_LOCK_STALE_MS; // being written — or its writer died before writing it
  if (host !== hostname()) return false; // another machine's: wait for it
  try {
    process.kill(Number(pid), 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Runs `task` holding `<path>.lock`, created exclusively (O_EXCL: one process wins), so appends of
 * several processes never chain to the same line. A stale lock (its process gone — killed while it
 * appended — or older than LOCK_STALE_MS) is removed.
 */
async function withFileLock<T>(path: string, task: () => Promise<T>): Promise<T> {
  const lockPath = `${path}.lock`;
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (let attempt = 0; ; attempt++) {
    try {
      const h = await open(lockPath, 'wx', 0o600);
      try {
        await h.writeFile(`${process.pid} ${hostname()} ${Date.now()}\n`);
      } finally {
        await h.close();
      }
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (await staleLock(lockPath)) {
        await unlink(lockPath).catch(() => undefined);
        continue;
      }
      if (Date.now() > deadline) throw new Error(`another process holds the lock ${lockPath}`, { cause: e });
      await sleep(Math.min(50, 2 + attempt) * (0.5 + Math.random()));
    }
  }
  try {
    return await task();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

/** The chain's value at the end of the open file: the last line's sum when it is chained, else the whole file's chain. */
async function tailLink(handle: FileHandle, size: number): Promise<string> {
  // The last line, read backwards in growing chunks (lines are a few KB).
  let chunk = Math.min(size, 16 * 1024);
  for (;;) {
    const buf = Buffer.alloc(chunk);
    await handle.read(buf, 0, chunk, size - chunk);
    const body = buf[buf.length - 1] === NEWLINE ? buf.subarray(0, buf.length - 1) : buf;
    const nl = body.lastIndexOf(NEWLINE);
    if (nl >= 0 || chunk === size) {
      const last = body.subarray(nl + 1);
      const tail = last.length ? tailOf(last) : null;
      if (tail && tail.prev !== null) return tail.sum;
      break;
    }
    chunk = Math.min(size, chunk * 4);
  }
  // A format 1 or torn last line: the chain from the start (once, on the first append after either).
  const all = Buffer.alloc(size);
  await handle.read(all, 0, size, 0);
  return chainHead(all);
}

export function createAuditLog(options: AuditLogOptions): AuditLog {
  const path = resolve(requireText(options.path, 'audit log path'));
  const { clock, logger } = options;
  let tail: Promise<unknown> = Promise.resolve();

  /** Runs `task` after every earlier one: appends never interleave, and reads see whole appends. */
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const run = tail.then(task, task);
    tail = run.catch(() => undefined);
    return run;
  }

  /** Appends the line `seal(prev)` makes, prev being the chain's value at the end of the file, under the file lock. */
  async function appendNow(seal: (prev: string) => string): Promise<void> {
    let created = false;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await withFileLock(path, async () => {
        created = await stat(path).then(
          () => false,
          (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
        );
        // 'a+': appends (O_APPEND, so other writers cannot be overwritten) and can read the tail.
        const handle = await open(path, 'a+', 0o600);
        try {
          const { size } = await handle.stat();
          let prefix = '';
          let prev = GENESIS;
          if (size > 0) {
            const last = Buffer.alloc(1);
            await handle.read(last, 0, 1, size - 1);
            // A crash cut the previous write short: start on a fresh line so the torn bytes stay a
            // (reported) line of their own and the new entry is whole.
            if (last[0] !== NEWLINE) prefix = '\n';
            prev = await tailLink(handle, size);
          }
          const bytes = Buffer.from(prefix + seal(prev), 'utf8');
          // One write call for the whole line; loop only if the OS wrote part of it.
          for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
          await handle.datasync();
        } finally {
          await handle.close().catch(() => undefined);
        }
      });
    } catch (e) {
      throw writeError(path, e);
    }
    if (created) await syncDirectory(dirname(path));
  }

  const append = (seal: (prev: string) => string) => serialised(() => appendNow(seal));

  async function readAll(limit: number): Promise<ParsedAuditLog> {
    let data: Buffer;
    try {
      data = await serialised(() => readFile(path));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], total: 0, damaged: [] };
      throw readError(path, e);
    }
    const parsed = parseAuditLog(data, limit);
    if (parsed.damaged.length > 0) logger?.log('warn', 'audit log has damaged lines', { damaged: parsed.damaged.length, first: parsed.damaged[0]!.line });
    return parsed;
  }

  return {
    path,

    async begin(intent) {
      if (!intent || typeof intent !== 'object') throw new Error('audit entry: the intent must be an object');
      if (intent.target !== 'lab' && intent.target !== 'live') throw new Error(`audit entry: target must be "lab" or "live" (got ${JSON.stringify(intent.target)})`);
      const id = randomUUID();
      const body = {
        v: FORMAT_VERSION,
        kind: 'intent',
        id,
        at: clock.now().toISOString(),
        operator: requireText(intent.operator, 'operator'),
        profile: requireText(intent.profile, 'profile'),
        target: intent.target,
        cmdlet: requireText(intent.cmdlet, 'cmdlet'),
        parameters: redactedParameters(intent.parameters),
        before: jsonValue(intent.before, 'before'),
      };
      await append((prev) => sealLine(body, prev));
      let finished: AuditFinalOutcome | null = null;
      let settled = false;
      return {
        id,
        async finish(result) {
          if (finished) throw new Error(`audit entry ${id}: the outcome was already recorded`);
          if (!result || !FINAL_OUTCOMES.includes(result.outcome)) throw new Error(`audit entry ${id}: outcome must be one of ${FINAL_OUTCOMES.join(', ')} (got ${JSON.stringify(result?.outcome)})`);
          if (typeof result.message !== 'string') throw new Error(`audit entry ${id}: message must be a string`);
          const outcomeBody = {
            v: FORMAT_VERSION,
            kind: 'outcome',
            id,
            finishedAt: clock.now().toISOString(),
            outcome: result.outcome,
            message: result.message,
            after: jsonValue(result.after, 'after'),
          };
          finished = result.outcome;
          try {
            await append((prev) => sealLine(outcomeBody, prev));
          } catch (e) {
            finished = null; // nothing was recorded: the caller may retry
            throw e;
          }
        },
        async settle(result) {
          if (finished !== 'unknown') throw new Error(`audit entry ${id}: only an outcome "unknown" is settled (the outcome is ${JSON.stringify(finished)})`);
          if (settled) throw new Error(`audit entry ${id}: the settlement was already recorded`);
          if (!result || !SETTLED_OUTCOMES.includes(result.outcome))
            throw new Error(`audit entry ${id}: settlement must be one of ${SETTLED_OUTCOMES.join(', ')} (got ${JSON.stringify(result?.outcome)})`);
          if (typeof result.message !== 'string') throw new Error(`audit entry ${id}: message must be a string`);
          const settlementBody = {
            v: FORMAT_VERSION,
            kind: 'settlement',
            id,
            settledAt: clock.now().toISOString(),
            outcome: result.outcome,
            message: result.message,
            read: jsonValue(result.read, 'read'),
          };
          settled = true;
          try {
            await append((prev) => sealLine(settlementBody, prev));
          } catch (e) {
            settled = false;
            throw e;
          }
        },
      };
    },

    async read(limit = DEFAULT_READ_LIMIT) {
      if (!Number.isInteger(limit) || limit < 0) throw new Error(`audit log: limit must be a whole number ≥ 0 (got ${String(limit)})`);
      const { entries, total, damaged } = await readAll(limit);
      return { entries, total, damaged, path };
    },

    async exportTo(target) {
      const file = resolve(requireText(target, 'export path'));
      if (file === path) throw writeError(file, new Error('it is the audit log itself'));
      const entries = (await readAll(Number.POSITIVE_INFINITY)).entries.reverse();
      try {
        // A reader sees the old file or the whole new one.
        await writeFileAtomic(file, JSON.stringify(entries, null, 2) + '\n');
      } catch (e) {
        throw writeError(file, e);
      }
      logger?.log('info', 'audit log exported', { entries: entries.length });
      return entries.length;
    },
  };
}
