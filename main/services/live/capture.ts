/**
 * Reads every snapshot section from the two Management Shells (shared/snapshot/capture-plan.ts)
 * and assembles a snapshot in the lab's format (docs/snapshot-format.md), so a live org, a file
 * and the lab all decode through the same code.
 */
import { type ExchangeSectionName, EXCHANGE_SECTIONS, type RawSection, type RawSnapshot, SKYPE_SECTIONS, type SkypeSectionName, SNAPSHOT_FORMAT, SNAPSHOT_FORMAT_VERSION } from '../../../shared/snapshot/format';
import { adContainers, EXCHANGE_READS, type Partition, partitionFilter, type SectionRead, SKYPE_READS, splitPartition } from '../../../shared/snapshot/capture-plan';
import type { ShellName } from '../../../shared/connections/profile';
import type { Parameters } from '../../powershell/host-protocol';
import type { CallOptions, CallResult } from '../../powershell/shell-session';

export type ShellCall = (command: string, parameters: Parameters, options: CallOptions) => Promise<CallResult>;

export interface CaptureOptions {
  readonly label: string;
  readonly powerShellVersion: string;
  readonly now: () => Date;
  /** Objects per page for the user sections. */
  readonly pageSize?: number;
  readonly onProgress?: (section: string, objects: number) => void;
}

export interface CaptureNote {
  readonly section: string;
  readonly text: string;
}

export interface CaptureResult {
  readonly snapshot: RawSnapshot;
  readonly calls: number;
  readonly objects: number;
  /** Per-server reads that failed (a 2010 server without the cmdlet…), unpaged fallbacks: reported, not hidden. */
  readonly notes: readonly CaptureNote[];
}

type Sections<K extends string> = Record<K, RawSection>;

export async function captureSnapshot(shells: Readonly<Record<ShellName, ShellCall>>, options: CaptureOptions): Promise<CaptureResult> {
  const pageSize = options.pageSize ?? 1000;
  const notes: CaptureNote[] = [];
  let calls = 0;
  let objects = 0;
  const read = async (r: SectionRead, parameters: Parameters, allowErrors = false): Promise<CallResult> => {
    calls++;
    return shells[r.shell](r.command, { ...r.parameters, ...parameters }, { mode: 'read', select: r.select, allowErrors });
  };

  const exchange = {} as Sections<ExchangeSectionName>;
  const skype = {} as Sections<SkypeSectionName>;
  const got = new Map<string, unknown[]>();

  async function runSection(r: SectionRead): Promise<unknown[]> {
    const s = r.strategy;
    if (s.kind === 'once') return [...(await read(r, {})).objects];
    if (s.kind === 'perServer') {
      const servers = (got.get('exchange.servers') ?? []) as Record<string, unknown>[];
      const chosen = servers.filter((x) => s.which === 'all' || isClientAccess2013(x));
      const out: unknown[] = [];
      for (const server of chosen) {
        const name = String(server.Name ?? server.Identity ?? '');
        const res = await read(r, { [s.parameter]: name }, true);
        for (const e of res.errors) notes.push({ section: r.section, text: `${r.command} -Server ${name}: ${e.message}` });
        out.push(...res.objects);
      }
      return out;
    }
    if (s.kind === 'perIdentity') {
      const org = ((got.get('exchange.organization') ?? [])[0] ?? {}) as Record<string, unknown>;
      const out: unknown[] = [];
      for (const identity of adContainers(String(org.Name ?? ''))) {
        const res = await read(r, { Identity: identity }, true);
        for (const e of res.errors) notes.push({ section: r.section, text: `${r.command} -Identity ${identity}: ${e.message}` });
        out.push(...res.objects);
      }
      return out;
    }
    return readPaged(r, s.key, s.root);
  }

  /** Prefix partitions, depth first; a partition that fills a page is split, never read whole. */
  async function readPaged(r: SectionRead, key: string, root: string): Promise<unknown[]> {
    const out: unknown[] = [];
    const stack: Partition[] = [{ prefix: root, except: [] }];
    while (stack.length > 0) {
      const p = stack.pop()!;
      const res = await read(r, { Filter: partitionFilter(key, p), ResultSize: String(pageSize + 1) });
      if (res.objects.length <= pageSize) {
        out.push(...res.objects);
        options.onProgress?.(r.section, out.length);
        continue;
      }
      const keys = res.objects.map((o) => String((o as Record<string, unknown>)[key] ?? ''));
      const { children, remainder } = splitPartition(p, keys);
      if (children.length === 0 && !remainder) {
        // Cannot split further (keys beyond the alphabet): one unpaged read of this partition, reported.
        const all = await read(r, { Filter: partitionFilter(key, p), ResultSize: 'Unlimited' });
        notes.push({ section: r.section, text: `${all.objects.length} objects under "${p.prefix}" read in one call` });
        out.push(...all.objects);
        continue;
      }
      if (remainder) stack.push(remainder);
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
    return out;
  }

  for (const r of [...EXCHANGE_READS, ...SKYPE_READS]) {
    const list = await runSection(r);
    got.set(`${r.shell}.${r.section}`, list);
    objects += list.length;
    options.onProgress?.(r.section, list.length);
    const command = r.shell === 'exchange' ? EXCHANGE_SECTIONS[r.section as ExchangeSectionName] : SKYPE_SECTIONS[r.section as SkypeSectionName];
    if (r.shell === 'exchange') exchange[r.section as ExchangeSectionName] = { command, objects: list };
    else skype[r.section as SkypeSectionName] = { command, objects: list };
  }

  const snapshot: RawSnapshot = {
    format: SNAPSHOT_FORMAT,
    formatVersion: SNAPSHOT_FORMAT_VERSION,
    capturedAt: options.now().toISOString(),
    source: { kind: 'live', label: options.label, powerShellVersion: options.powerShellVersion },
    exchange,
    skype,
  };
  return { snapshot, calls, objects, notes };
}

/** Exchange 2013+ servers with the Client Access role run the UM Call Router. */
function isClientAccess2013(server: Record<string, unknown>): boolean {
  const roles = Array.isArray(server.ServerRole) ? server.ServerRole.join(',') : String(server.ServerRole ?? '');
  const version = /Version (\d+)\./.exec(String(server.AdminDisplayVersion ?? ''));
  return /ClientAccess/i.test(roles) && (!version || Number(version[1]) >= 15);
}
