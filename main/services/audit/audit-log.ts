/**
 * The audit log of changes: every change an admin makes is appended to a local
 * file — who, when, which profile, the cmdlet with its parameters, the object before and after, the
 * outcome — and can be viewed and exported. Types: shared/audit/audit-model.ts.
 *
 * Format: JSON Lines, UTF-8, file mode 0600. Two lines per change:
 *   {"v":1,"kind":"intent","id":…,"at":…,"operator":…,"profile":…,"target":…,"cmdlet":…,"parameters":[…],"before":…,"sum":"<hex>"}
 *   {"v":1,"kind":"outcome","id":…,"finishedAt":…,"outcome":…,"message":…,"after":…,"sum":"<hex>"}
 * The intent is written and flushed to disk (fdatasync) BEFORE the change is sent, so a crash while
 * the change runs leaves an intent without its outcome, which reads back as outcome `unknown`
 * ("a crash never leaves a half-written entry unnoticed").
 *
 * `sum` is the SHA-256 (hex) of the line's exact UTF-8 bytes before its `,"sum":"…"}` tail (the
 * last member, always 74 ASCII characters). Hashing the bytes as written, rather than a
 * re-serialisation, means any change to a line — even in whitespace or key order — and any torn
 * write fails the check, and verifying costs no canonicalisation on large logs. To verify a line
 * by hand: drop its last 74 characters and hash the rest.
 *
 * Reading never rewrites: damaged lines (torn, edited, foreign) are reported with their line number
 * and left in place; after a torn last line the next append starts on a fresh line.
 */
import { hash, randomUUID } from 'node:crypto';
import { mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { AuditDamage, AuditOutcome, AuditRecord, AuditView } from '../../../shared/audit/audit-model';
import { UserError } from '../../../shared/i18n/translate';
import type { Clock, Logger } from '../../ports';
import { syncDirectory, writeFileAtomic } from '../atomic-write';

/** What is known before the change is sent: the record's intent line (id and time are the log's). */
export type AuditIntent = Pick<AuditRecord, 'operator' | 'profile' | 'target' | 'cmdlet' | 'parameters' | 'before'>;

export type AuditFinalOutcome = Exclude<AuditOutcome, 'unknown'>;

export interface AuditEntryHandle {
  readonly id: string;
  /** Appends (durably) the outcome of the change `begin` announced. Once only. */
  finish(outcome: { outcome: AuditFinalOutcome; message: string; after: unknown }): Promise<void>;
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

const FINAL_OUTCOMES: readonly AuditFinalOutcome[] = ['applied', 'failed', 'refused', 'stale'];
const FORMAT_VERSION = 1;
const NEWLINE = 0x0a;
/** `,"sum":"` + 64 hex digits + `"}`. */
const SUM_SUFFIX_LENGTH = 8 + 64 + 2;
const SUM_SUFFIX = /^,"sum":"([0-9a-f]{64})"\}$/;

function sha256(data: string | Buffer): string {
  return hash('sha256', data, 'hex');
}

/** The line to append for `body` (a JSON object, without sum): the body with its checksum as last member, and a newline. */
function sealLine(body: Record<string, unknown>): string {
  const head = JSON.stringify(body).slice(0, -1);
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

const isText = (v: unknown): v is string => typeof v === 'string';

/** A line whose checksum verified: where it is, and its kind and id (read from its fixed head, not yet decoded). */
interface SealedLine {
  readonly lineNo: number;
  readonly bytes: Buffer;
  readonly kind: 'intent' | 'outcome';
  readonly id: string;
}

/**
 * The head every line this writer seals starts with (JSON.stringify keeps insertion order). Reading
 * kind and id from it lets a large log be joined without JSON-parsing every line: only the entries
 * shown (or exported) are decoded — JSON.parse is most of the cost of reading (100,000 entries).
 */
const SEALED_HEAD = /^\{"v":1,"kind":"(intent|outcome)","id":"([0-9A-Za-z._:-]{1,100})",/;
const HEAD_BYTES = 160;

/** Why the line is not a sealed entry line, or its kind and id. */
function checkLine(bytes: Buffer, lineNo: number): SealedLine | string {
  if (bytes.length === 0) return 'blank line';
  // The suffix is ASCII, so its characters are its bytes.
  const m = bytes.length > SUM_SUFFIX_LENGTH ? SUM_SUFFIX.exec(bytes.toString('latin1', bytes.length - SUM_SUFFIX_LENGTH)) : null;
  if (!m || sha256(bytes.subarray(0, bytes.length - SUM_SUFFIX_LENGTH)) !== m[1]) return lineProblem(bytes);
  const head = SEALED_HEAD.exec(bytes.toString('latin1', 0, Math.min(bytes.length, HEAD_BYTES)));
  if (!head) return lineProblem(bytes);
  return { lineNo, bytes, kind: head[1] as 'intent' | 'outcome', id: head[2]! };
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
  const m = SUM_SUFFIX.exec(text.slice(-SUM_SUFFIX_LENGTH));
  if (!m || bytes.length <= SUM_SUFFIX_LENGTH) return 'no checksum ("sum" must be the last member)';
  if (sha256(bytes.subarray(0, bytes.length - SUM_SUFFIX_LENGTH)) !== m[1]) return 'checksum mismatch: the line was changed after it was written';
  const o = parsed as Record<string, unknown>;
  if (o.v !== FORMAT_VERSION) return `unsupported format version ${JSON.stringify(o.v)}`;
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

export interface ParsedAuditLog {
  /** Newest first (the order changes were begun), at most the limit. */
  readonly entries: AuditRecord[];
  /** Every entry in the log. */
  readonly total: number;
  /** In line order. */
  readonly damaged: AuditDamage[];
}

/**
 * The log file's entries, newest first, at most `limit`, and every line that is not a whole entry.
 * One pass over the bytes with a checksum per line, a map join, then decoding of the entries
 * returned only: linear in the file size. (A line whose checksum verifies but whose fields do not
 * — only possible if a writer other than this one sealed it — is reported when its entry is decoded.)
 */
export function parseAuditLog(data: Buffer, limit = Number.POSITIVE_INFINITY): ParsedAuditLog {
  const damaged: AuditDamage[] = [];
  const intents: SealedLine[] = [];
  const intentIds = new Set<string>();
  const outcomes = new Map<string, SealedLine>();
  let lineNo = 0;
  for (let start = 0; start < data.length;) {
    lineNo += 1;
    const nl = data.indexOf(NEWLINE, start);
    const end = nl === -1 ? data.length : nl;
    const checked = checkLine(data.subarray(start, end), lineNo);
    start = end + 1;
    if (typeof checked === 'string') {
      // A last line without its newline that does not verify is a write cut short (crash, power loss).
      damaged.push({ line: lineNo, reason: nl === -1 ? `incomplete last line (a write was cut short): ${checked}` : checked });
    } else if (checked.kind === 'intent') {
      if (intentIds.has(checked.id)) damaged.push({ line: lineNo, reason: `second intent for entry ${checked.id}` });
      else {
        intentIds.add(checked.id);
        intents.push(checked);
      }
    } else if (!intentIds.has(checked.id)) {
      // Intents are always written first, so an outcome before (or without) its intent means a lost or damaged intent line.
      damaged.push({ line: lineNo, reason: `outcome for entry ${checked.id} whose intent line is missing or damaged` });
    } else if (outcomes.has(checked.id)) {
      damaged.push({ line: lineNo, reason: `second outcome for entry ${checked.id}` });
    } else outcomes.set(checked.id, checked);
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
    });
  }
  if (decodeDamage) damaged.sort((a, b) => a.line - b.line);
  return { entries, total, damaged };
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

  async function appendNow(line: string): Promise<void> {
    let created: boolean;
    let handle;
    try {
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      created = await stat(path).then(
        () => false,
        (e: NodeJS.ErrnoException) => e.code === 'ENOENT',
      );
      // 'a+': appends (O_APPEND, so other writers cannot be overwritten) and can read the last byte.
      handle = await open(path, 'a+', 0o600);
      const { size } = await handle.stat();
      let prefix = '';
      if (size > 0) {
        const last = Buffer.alloc(1);
        await handle.read(last, 0, 1, size - 1);
        // A crash cut the previous write short: start on a fresh line so the torn bytes stay a
        // (reported) line of their own and the new entry is whole.
        if (last[0] !== NEWLINE) prefix = '\n';
      }
      const bytes = Buffer.from(prefix + line, 'utf8');
      // One write call for the whole line; loop only if the OS wrote part of it.
      for (let done = 0; done < bytes.length;) done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
      await handle.datasync();
    } catch (e) {
      throw writeError(path, e);
    } finally {
      await handle?.close().catch(() => undefined);
    }
    if (created) await syncDirectory(dirname(path));
  }

  const append = (line: string) => serialised(() => appendNow(line));

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
      const line = sealLine({
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
      });
      await append(line);
      let finished = false;
      return {
        id,
        async finish(result) {
          if (finished) throw new Error(`audit entry ${id}: the outcome was already recorded`);
          if (!result || !FINAL_OUTCOMES.includes(result.outcome)) throw new Error(`audit entry ${id}: outcome must be one of ${FINAL_OUTCOMES.join(', ')} (got ${JSON.stringify(result?.outcome)})`);
          if (typeof result.message !== 'string') throw new Error(`audit entry ${id}: message must be a string`);
          const outcomeLine = sealLine({
            v: FORMAT_VERSION,
            kind: 'outcome',
            id,
            finishedAt: clock.now().toISOString(),
            outcome: result.outcome,
            message: result.message,
            after: jsonValue(result.after, 'after'),
          });
          finished = true;
          try {
            await append(outcomeLine);
          } catch (e) {
            finished = false; // nothing was recorded: the caller may retry
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
