/**
 * Reads every snapshot section from the two Management Shells (shared/snapshot/capture-plan.ts)
 * and assembles a snapshot in the lab's format (docs/snapshot-format.md), so a live org, a file
 * and the lab all decode through the same code.
 *
 * Version-aware and survivable: the Exchange servers are read first and their versions choose the
 * cmdlets of the server-scoped sections; a cmdlet the session did not import (version, RBAC) makes its
 * section `not-read` with a note naming who would provide it; calls that fail make their section
 * `partial` (or `not-read` when none answered). The capture itself fails only when a shell does
 * (session lost for good, host gone): then nothing is written.
 *
 * The two shells are read at the same time, each one's sections in the plan's order; the snapshot, the
 * notes and the calls are those of reading Exchange then Skype (docs/large-orgs.md, "Capture").
 */
import {
  type ExchangeSectionName,
  QUERIED_SERVER_PROPERTY,
  type RawSection,
  type RawSnapshot,
  type SectionNote,
  type SectionReadStatus,
  type SkypeSectionName,
  SNAPSHOT_FORMAT,
  SNAPSHOT_FORMAT_VERSION,
} from '../../../shared/snapshot/format';
import {
  adContainers,
  dedupeObjects,
  EXCHANGE_READS,
  type ExchangeServerFacts,
  exchangeServerFacts,
  type Partition,
  partitionFilter,
  pipelineText,
  type PlannedRead,
  planSection,
  providedBy,
  providedByParts,
  type SectionRead,
  SKYPE_READS,
  splitPartition,
} from '../../../shared/snapshot/capture-plan';
import type { ShellName } from '../../../shared/connections/profile';
import { type Message, renderMessage, UserError } from '../../../shared/i18n/translate';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import { type CallOptions, type CallResult, CommandNotAvailableError } from '../../powershell/shell-session';
import type { PresentedResult } from './presented-certificates';

export type ShellCall = (command: string, parameters: Parameters, options: CallOptions) => Promise<CallResult>;

export interface CaptureOptions {
  readonly label: string;
  readonly powerShellVersion: string;
  readonly now: () => Date;
  /**
   * Objects per page of the paged sections, fixed. Absent: the first page of a section asks for
   * DEFAULT_PAGE_SIZE and the next pages are sized by measurement (pageSizeFor).
   */
  readonly pageSize?: number;
  readonly onProgress?: (section: string, objects: number) => void;
  /**
   * Called once per section when it is read whole (its objects, status and notes final), in the snapshot's
   * order within each shell; the two shells' sections interleave. What a screen shows as it arrives.
   */
  readonly onSection?: (key: string, section: RawSection) => void;
  /**
   * Read the Exchange and the Skype sections at the same time (default), each shell's in their order (a
   * shell's sections depend on its earlier ones: servers, organization, pools). false: Exchange, then Skype.
   */
  readonly parallel?: boolean;
  /** The commands each session did not import (ShellSession.missingCommands()): not even tried. */
  readonly missing?: Partial<Readonly<Record<ShellName, readonly string[]>>>;
  /**
   * Live orgs only: reads the certificates these Skype servers present in their TLS handshakes
   * (presented-certificates.ts), for the servers Get-CsCertificate cannot reach. Never given for the lab.
   */
  readonly presentedCertificates?: (servers: readonly string[]) => Promise<PresentedResult>;
}

/** One thing the capture could not read whole, for the section `exchange.umServices`, `skype.certificates`… */
export interface CaptureNote {
  readonly section: string;
  /** The section's status once read. */
  readonly status: SectionReadStatus;
  /** In English, as the snapshot stores it. */
  readonly text: string;
  /** The same, to render in the user's language. */
  readonly message: Message;
  readonly cmdlet?: string;
  readonly reason?: SectionNote['reason'];
  readonly providedBy?: string;
}

export interface CaptureResult {
  readonly snapshot: RawSnapshot;
  readonly calls: number;
  readonly objects: number;
  /** Every section not read whole, with why (also in the snapshot's sections: `status`, `notes`). */
  readonly notes: readonly CaptureNote[];
}

type Sections<K extends string> = Record<K, RawSection>;

/** A note under construction: its message (the snapshot keeps the English text). */
interface PendingNote {
  readonly message: Message;
  readonly cmdlet?: string;
  readonly reason?: SectionNote['reason'];
  readonly providedBy?: string;
}

/** How one call ended, when it did not throw something that ends the capture. */
type Outcome = { readonly ok: true; readonly result: CallResult } | { readonly ok: false; readonly unavailable: boolean; readonly detail: string };

/** Appends without spreading: `push(...items)` passes every item as an argument, and 100,000 of them overflow the stack. */
function append(out: unknown[], items: readonly unknown[]): void {
  for (let i = 0; i < items.length; i++) out.push(items[i]);
}

function oneLine(text: string): string {
  return text
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .trim()
    .slice(0, 500);
}

/**
 * A failure that belongs to one section (the cmdlet said no, the call was stopped at its timeout, the
 * command is not imported) — as opposed to the shell failing, which ends the capture.
 */
function sectionFailure(e: unknown): { unavailable: boolean; detail: string } | null {
  if (e instanceof CommandNotAvailableError) return { unavailable: true, detail: e.message };
  if (e instanceof PowerShellError) {
    if (e.info.kind === 'session-broken') return null;
    return { unavailable: e.info.kind === 'not-allowed', detail: oneLine(e.info.message) };
  }
  if (e instanceof UserError && e.detail.key === 'ps.timeout') return { unavailable: false, detail: oneLine(e.message) };
  return null;
}

/** The first page of a paged section (docs/large-orgs.md, "Capture"): small, as it is thrown away when it overflows. */
export const DEFAULT_PAGE_SIZE = 1000;
/** What one page should take, end to end: far below the call timeout (120 s by default) and a progress step a screen can show. */
export const PAGE_TARGET_MS = 5000;
export const MIN_PAGE_SIZE = 200;
export const MAX_PAGE_SIZE = 20_000;

/**
 * The next pages' size from a page just read: as many objects as fit in PAGE_TARGET_MS at the speed
 * measured (the lab reads ~2,000 users a second, a real Exchange over WinRM far fewer), within
 * [MIN_PAGE_SIZE, MAX_PAGE_SIZE]; null when the page says nothing (too few objects, no timing).
 * Measured on 100,000 users (docs/large-orgs.md, "Capture"): pages of 1,000 moved 3.2 objects per object
 * kept, because a partition that overflows is thrown away and read again split; pages of 10,000, 1.1. The
 * cost is per object moved, so the first page stays small and the next ones grow to what the shell sustains.
 */
export function pageSizeFor(objects: number, totalMs: number): number | null {
  if (objects < 100 || !(totalMs > 0)) return null;
  return Math.max(MIN_PAGE_SIZE, Math.min(MAX_PAGE_SIZE, Math.floor((PAGE_TARGET_MS * objects) / totalMs)));
}

export async function captureSnapshot(shells: Readonly<Record<ShellName, ShellCall>>, options: CaptureOptions): Promise<CaptureResult> {
  const pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
  /** Each shell's page size once measured (options.pageSize absent): its later pages and sections use it. */
  const measuredPage: Partial<Record<ShellName, number>> = {};
  const missing: Record<ShellName, ReadonlySet<string>> = {
    exchange: new Set((options.missing?.exchange ?? []).map((c) => c.toLowerCase())),
    skype: new Set((options.missing?.skype ?? []).map((c) => c.toLowerCase())),
  };
  const allNotes: CaptureNote[] = [];
  let calls = 0;
  let objects = 0;
  const got = new Map<string, unknown[]>();
  const status = new Map<string, SectionReadStatus>();

  /** The error that ended one shell's chain: the other chain stops at its next call. */
  let failure: { readonly error: unknown } | null = null;

  const attempt = async (r: SectionRead, parameters: Parameters, allowErrors: boolean): Promise<Outcome> => {
    if (failure) throw failure.error;
    if (missing[r.shell].has(r.command.toLowerCase())) return { ok: false, unavailable: true, detail: '' };
    calls++;
    try {
      return { ok: true, result: await shells[r.shell](r.command, { ...r.parameters, ...parameters }, { mode: 'read', select: r.select, allowErrors }) };
    } catch (e) {
      const f = sectionFailure(e);
      if (!f) throw e;
      return { ok: false, ...f };
    }
  };

  /** The Exchange servers as the plan needs them; null when Get-ExchangeServer was not read. */
  const serverFacts = (): ExchangeServerFacts[] | null => {
    if (status.get('exchange.servers') === 'not-read') return null;
    return (got.get('exchange.servers') ?? []).map(exchangeServerFacts).filter((s): s is ExchangeServerFacts => s !== null);
  };

  async function readSection(key: string, variants: readonly SectionRead[]): Promise<{ objects: unknown[]; status: SectionReadStatus; notes: PendingNote[]; pipeline: string }> {
    const planned = planSection(variants, variants[0]!.shell === 'exchange' ? serverFacts() : []);
    const notes: PendingNote[] = [];
    const out: unknown[] = [];
    let answered = 0;
    let gaps = 0;
    const unavailable = (r: SectionRead) => {
      const by = providedBy(r.command);
      const parts = providedByParts(r.command);
      notes.push({
        message: parts?.roles
          ? { key: 'capture.note.unavailableByRoles', params: { cmdlet: r.command, versions: parts.versions, roles: parts.roles } }
          : by
            ? { key: 'capture.note.unavailableBy', params: { cmdlet: r.command, providedBy: by } }
            : { key: 'capture.note.unavailable', params: { cmdlet: r.command } },
        cmdlet: r.command,
        reason: 'unavailable',
        ...(by ? { providedBy: by } : {}),
      });
      gaps++;
    };
    const failed = (r: SectionRead, detail: string, server?: string) => {
      notes.push({
        message: server ? { key: 'capture.note.failedOn', params: { cmdlet: r.command, server, detail } } : { key: 'capture.note.failed', params: { cmdlet: r.command, detail } },
        cmdlet: r.command,
        reason: 'failed',
      });
      gaps++;
    };
    const skippedOptional: SectionRead[] = [];
    // Required variants not imported: a gap, unless a variant answering for every server reads instead.
    const unavailableRequired: SectionRead[] = [];
    let coveredAll = false;
    const notImported = (p: PlannedRead) => {
      if (p.required) unavailableRequired.push(p.read);
      else skippedOptional.push(p.read);
    };

    const run = async (p: PlannedRead): Promise<void> => {
      const r = p.read;
      const s = r.strategy;
      if (missing[r.shell].has(r.command.toLowerCase())) return notImported(p);
      if (s.kind === 'once') {
        const o = await attempt(r, {}, false);
        if (o.ok) {
          answered++;
          if (r.coversAll) coveredAll = true;
          append(out, o.result.objects);
        } else if (o.unavailable) notImported(p);
        else failed(r, o.detail);
        return;
      }
      if (s.kind === 'perServer') {
        if (p.servers === null) {
          notes.push({ message: { key: 'capture.note.needsServers', params: { cmdlet: r.command } }, cmdlet: r.command, reason: 'failed' });
          gaps++;
          return;
        }
        for (const server of p.servers) {
          const o = await attempt(r, { [s.parameter]: server }, true);
          if (!o.ok) {
            if (o.unavailable) return notImported(p);
            failed(r, o.detail, server);
            continue;
          }
          for (const e of o.result.errors) failed(r, oneLine(e.message), server);
          if (o.result.errors.length === 0 || o.result.objects.length > 0) answered++;
          // The server asked: remoting's PSComputerName names the server the session is on, and an
          // ExchangeCertificate carries no server over remoting (docs/snapshot-format.md).
          for (const obj of o.result.objects) out.push(obj && typeof obj === 'object' && !Array.isArray(obj) ? { ...(obj as Record<string, unknown>), [QUERIED_SERVER_PROPERTY]: server } : obj);
        }
        return;
      }
      if (s.kind === 'perIdentity') {
        const org = ((got.get('exchange.organization') ?? [])[0] ?? {}) as Record<string, unknown>;
        const name = typeof org.Name === 'string' ? org.Name : '';
        if (name === '') {
          notes.push({ message: { key: 'capture.note.needsOrganization', params: { cmdlet: r.command } }, cmdlet: r.command, reason: 'failed' });
          gaps++;
        }
        for (const identity of adContainers(name).filter((i) => i !== '')) {
          const o = await attempt(r, { Identity: identity }, true);
          if (!o.ok) {
            if (o.unavailable) return notImported(p);
            failed(r, o.detail, identity);
            continue;
          }
          for (const e of o.result.errors) failed(r, oneLine(e.message), identity);
          if (o.result.errors.length === 0 || o.result.objects.length > 0) answered++;
          append(out, o.result.objects);
        }
        return;
      }
      const paged = await readPaged(r, s.key, s.root, key);
      if (paged.unavailable) return notImported(p);
      answered += paged.answered;
      for (const f of paged.failures) failed(r, f);
      for (const n of paged.notes) notes.push(n);
      append(out, paged.objects);
    };

    for (const p of planned.filter((x) => !x.fallback)) await run(p);
    const fallbackRun = unavailableRequired.length > 0 && !coveredAll;
    if (fallbackRun) for (const p of planned.filter((x) => x.fallback)) await run(p);
    if (!coveredAll) for (const r of unavailableRequired) unavailable(r);
    // Every variant was optional (versions unknown) and none was imported: nothing could be read.
    if (planned.length > 0 && answered === 0 && gaps === 0 && skippedOptional.length > 0) for (const r of skippedOptional) unavailable(r);

    const dedupeKeys = variants.find((v) => v.dedupeBy)?.dedupeBy;
    const objectsOut = dedupeKeys ? dedupeObjects(out, dedupeKeys) : out;
    const st: SectionReadStatus = planned.length === 0 ? 'read' : answered === 0 && gaps > 0 ? 'not-read' : gaps > 0 ? 'partial' : 'read';
    return {
      objects: st === 'not-read' ? [] : objectsOut,
      status: st,
      notes,
      pipeline: pipelineText(planned.length ? [...new Set(planned.filter((p) => fallbackRun || !p.fallback).map((p) => p.read))] : variants),
    };
  }

  /** Prefix partitions, depth first; a partition that fills a page is split, never read whole. */
  async function readPaged(
    r: SectionRead,
    key: string,
    root: string,
    section: string,
  ): Promise<{ objects: unknown[]; answered: number; failures: string[]; notes: PendingNote[]; unavailable: boolean }> {
    const out: unknown[] = [];
    const failures: string[] = [];
    const notes: PendingNote[] = [];
    let answered = 0;
    const stack: Partition[] = [{ prefix: root, except: [] }];
    // A section's first page is always the small one: when the section is large it overflows and is thrown away.
    let first = true;
    while (stack.length > 0) {
      const p = stack.pop()!;
      const size = first ? pageSize : (measuredPage[r.shell] ?? pageSize);
      first = false;
      const o = await attempt(r, { Filter: partitionFilter(key, p), ResultSize: String(size + 1) }, false);
      if (!o.ok) {
        if (o.unavailable) return { objects: [], answered: 0, failures: [], notes: [], unavailable: true };
        failures.push(o.detail);
        continue;
      }
      answered++;
      const res = o.result;
      if (options.pageSize === undefined) measuredPage[r.shell] = pageSizeFor(res.objects.length, res.totalMs) ?? measuredPage[r.shell];
      if (res.objects.length <= size) {
        append(out, res.objects);
        options.onProgress?.(section, out.length);
        continue;
      }
      const keys = res.objects.map((x) => String((x as Record<string, unknown>)[key] ?? ''));
      const { children, remainder } = splitPartition(p, keys);
      if (children.length === 0 && !remainder) {
        // Cannot split further (keys beyond the alphabet): one unpaged read of this partition, reported.
        const all = await attempt(r, { Filter: partitionFilter(key, p), ResultSize: 'Unlimited' }, false);
        if (!all.ok) {
          failures.push(all.detail);
          continue;
        }
        notes.push({ message: { key: 'capture.note.unpaged', params: { count: all.result.objects.length, prefix: p.prefix } } });
        append(out, all.result.objects);
        continue;
      }
      if (remainder) stack.push(remainder);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    return { objects: out, answered, failures, notes, unavailable: false };
  }

  /**
   * Get-CsCertificate answers for the server the session is on only: said, and partial when the
   * topology has other servers. On a live org the Registrar servers' presented certificates (SIP 5061,
   * web 443) are read from their TLS handshakes: a certificate Get-CsCertificate listed gains its bytes
   * (RawData: the cmdlet's CertificateReference carries none, test/fixtures/samples/get-cscertificate-fl-1.txt),
   * another server's is added, labelled with the server that presented it.
   */
  async function localCertificates(section: { objects: unknown[]; status: SectionReadStatus; notes: PendingNote[] }): Promise<void> {
    if (section.status === 'not-read') return;
    const name = (o: unknown) => (o && typeof o === 'object' ? String((o as Record<string, unknown>).PSComputerName ?? '') : '');
    const answered = new Set(
      section.objects
        .map(name)
        .filter(Boolean)
        .map((s) => s.toLowerCase()),
    );
    const computers = new Map<string, boolean>();
    for (const pool of got.get('skype.pools') ?? []) {
      const p = pool && typeof pool === 'object' ? (pool as Record<string, unknown>) : {};
      const registrar = Array.isArray(p.Services) && p.Services.some((x) => typeof x === 'string' && /^Registrar:/i.test(x));
      if (Array.isArray(p.Computers)) for (const c of p.Computers) if (typeof c === 'string' && c) computers.set(c.toLowerCase(), registrar || computers.get(c.toLowerCase()) === true);
    }
    const others = [...computers.keys()].filter((c) => !answered.has(c));
    if (others.length > 0) {
      const server = [...answered].join(', ') || name((got.get('skype.pools') ?? [])[0]) || '?';
      section.notes.push({ message: { key: 'capture.note.localOnly', params: { server } }, cmdlet: 'Get-CsCertificate' });
      if (section.status === 'read') section.status = 'partial';
    }
    const registrars = [...computers.keys()].filter((c) => computers.get(c));
    if (!options.presentedCertificates || registrars.length === 0) return;
    const presented = await options.presentedCertificates(registrars);
    const key = (o: unknown) => {
      const r = (o ?? {}) as Record<string, unknown>;
      return `${String(r.PSComputerName ?? '').toLowerCase()}|${String(r.Thumbprint ?? '').toUpperCase()}`;
    };
    const listed = new Map(section.objects.map((o, i) => [key(o), i]));
    let added = 0;
    for (const o of presented.objects) {
      const i = listed.get(key(o));
      if (i === undefined) {
        listed.set(key(o), section.objects.length);
        section.objects.push(o);
        added++;
        continue;
      }
      const known = section.objects[i] as Record<string, unknown>;
      if (known.RawData === undefined || known.RawData === null || known.RawData === '') section.objects[i] = { ...known, RawData: o.RawData };
    }
    if (added > 0) section.notes.push({ message: { key: 'capture.note.presented', params: { count: added, servers: others.filter((c) => computers.get(c)).length } } });
    for (const f of presented.failures)
      section.notes.push({ message: { key: 'capture.note.presentedFailed', params: { server: f.server, port: f.port, detail: oneLine(f.detail) } }, reason: 'failed' });
    if (presented.failures.length > 0 && section.status === 'read') section.status = 'partial';
  }

  const grouped = new Map<string, SectionRead[]>();
  for (const r of [...EXCHANGE_READS, ...SKYPE_READS]) {
    const key = `${r.shell}.${r.section}`;
    const list = grouped.get(key);
    if (list) list.push(r);
    else grouped.set(key, [r]);
  }
  const done = new Map<string, { raw: RawSection; notes: CaptureNote[] }>();

  /** One shell's sections, in the plan's order (a section may depend on an earlier one of the same shell). */
  const chain = async (shell: ShellName): Promise<void> => {
    try {
      for (const [key, variants] of grouped) {
        if (variants[0]!.shell !== shell) continue;
        const section = await readSection(key, variants);
        if (key === 'skype.certificates') await localCertificates(section);
        got.set(key, section.objects);
        status.set(key, section.status);
        options.onProgress?.(variants[0]!.section, section.objects.length);
        const stored: SectionNote[] = section.notes.map((n) => ({
          text: renderMessage('en', n.message),
          ...(n.cmdlet ? { cmdlet: n.cmdlet } : {}),
          ...(n.reason ? { reason: n.reason } : {}),
          ...(n.providedBy ? { providedBy: n.providedBy } : {}),
        }));
        const notes = stored.map((n, i): CaptureNote => ({ section: key, status: section.status, ...n, message: section.notes[i]!.message }));
        const raw: RawSection = { command: section.pipeline, objects: section.objects, ...(section.status !== 'read' ? { status: section.status } : {}), ...(stored.length ? { notes: stored } : {}) };
        done.set(key, { raw, notes });
        options.onSection?.(key, raw);
      }
    } catch (e) {
      failure ??= { error: e };
      throw e;
    }
  };
  if (options.parallel === false) {
    await chain('exchange');
    await chain('skype');
  } else {
    // Both chains run to their end (or their next call after the other failed) before the capture answers.
    await Promise.allSettled([chain('exchange'), chain('skype')]);
    if (failure) throw (failure as { readonly error: unknown }).error;
  }

  // The snapshot and the notes in the plan's order, whichever shell finished first.
  const exchange = {} as Sections<ExchangeSectionName>;
  const skype = {} as Sections<SkypeSectionName>;
  for (const [key, variants] of grouped) {
    const d = done.get(key)!;
    objects += d.raw.objects.length;
    for (const n of d.notes) allNotes.push(n);
    const r = variants[0]!;
    if (r.shell === 'exchange') exchange[r.section as ExchangeSectionName] = d.raw;
    else skype[r.section as SkypeSectionName] = d.raw;
  }

  const snapshot: RawSnapshot = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    capturedAt: options.now().toISOString(),
    source: { kind: 'live', label: options.label, powerShellVersion: options.powerShellVersion },
    exchange,
    skype,
  };
  return { snapshot, calls, objects, notes: allNotes };
}
