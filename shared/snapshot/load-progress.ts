/**
 * Progress of reading an org, per section: a large snapshot file opened (or the one the console
 * started on) and a capture from the live shells (Connections, Refresh). Main publishes it over the
 * `org.loadProgress` event (shared/snapshot/snapshot-channels.ts); the progress panel and the status
 * bar show it within a second of the start, and the screens show the partial org as soon as every
 * section but the user sections is in (docs/large-orgs.md, "First screen while reading").
 */
import type { SectionKey } from '../model/org';
import { EXCHANGE_SECTIONS, type RawSection, type RawSnapshot, SKYPE_SECTIONS } from './format';

/**
 * - `waiting`: not started; `reading`: objects arriving; `read`: complete;
 * - `partial` / `not-read`: complete, but not whole (the section's own read status, docs/snapshot-format.md).
 */
export type SectionLoadState = 'waiting' | 'reading' | 'read' | 'partial' | 'not-read';

export interface SectionProgress {
  readonly key: SectionKey;
  /** The cmdlet that reads the section, as PowerShell names it (shown as is). */
  readonly cmdlet: string;
  /** Objects read so far. */
  readonly objects: number;
  readonly state: SectionLoadState;
}

/** `idle`: nothing read yet in this run of the console; `reading`: started; `partial`: the partial org is shown; then `done` or `failed`. */
export type LoadPhase = 'idle' | 'reading' | 'partial' | 'done' | 'failed';

export interface LoadProgress {
  /** What reads: a snapshot file (or the lab) or a capture from the live shells. */
  readonly run: 'load' | 'capture' | null;
  readonly phase: LoadPhase;
  /** The file name or the profile name (a name: shown as is). */
  readonly label: string;
  /** Milliseconds since the run started (at the last change; the panel counts on from it). */
  readonly elapsedMs: number;
  readonly sections: readonly SectionProgress[];
  /**
   * Moves each time the org shown is replaced without the renderer asking: a partial org published, then
   * the full one in its place. The renderer reads the org again when it moves (renderer/src/org-version.tsx).
   */
  readonly generation: number;
}

/**
 * The user sections: one object per user (Get-CsUser, Get-Mailbox, Get-UMMailbox). On a large org they are
 * almost the whole file and the whole capture (docs/generated-org.md), so they come last and the rest is
 * shown without them.
 */
export const USER_SECTIONS: readonly SectionKey[] = ['exchange.mailboxes', 'exchange.umMailboxes', 'skype.users'];

/** The note a pending section carries in the partial org (English, as snapshot notes are stored). */
export const STILL_READING_NOTE = 'Still reading: the rules that need this section are judged once it is read.';

export const IDLE_PROGRESS: LoadProgress = { run: null, phase: 'idle', label: '', elapsedMs: 0, sections: [], generation: 0 };

/** Every section of a snapshot, in the file's order (Exchange, then Skype), its cmdlet the pipeline's first word. */
export function allSections(): readonly { readonly key: SectionKey; readonly cmdlet: string }[] {
  const of = (side: 'exchange' | 'skype', table: Readonly<Record<string, string>>) =>
    Object.entries(table).map(([name, pipeline]) => ({ key: `${side}.${name}` as SectionKey, cmdlet: pipeline.split(/\s/)[0]! }));
  return [...of('exchange', EXCHANGE_SECTIONS), ...of('skype', SKYPE_SECTIONS)];
}

/** A run just started: every section waiting. */
export function startedProgress(run: 'load' | 'capture', label: string, generation: number): LoadProgress {
  return { run, phase: 'reading', label, elapsedMs: 0, sections: allSections().map((s) => ({ ...s, objects: 0, state: 'waiting' })), generation };
}

/** The progress with one section's count and state changed (a key the table does not know is ignored). */
export function withSection(p: LoadProgress, key: string, objects: number, state: SectionLoadState): LoadProgress {
  if (!p.sections.some((s) => s.key === key)) return p;
  return { ...p, sections: p.sections.map((s) => (s.key === key ? { ...s, objects, state } : s)) };
}

/** A section's state once complete, from its read status in the snapshot. */
export function completedState(section: Pick<RawSection, 'status'> | undefined): SectionLoadState {
  return section?.status === 'partial' ? 'partial' : section?.status === 'not-read' ? 'not-read' : 'read';
}

/** Whether every section but the user sections is complete: the partial org can be shown. */
export function smallSectionsDone(p: LoadProgress): boolean {
  return p.sections.every((s) => USER_SECTIONS.includes(s.key) || (s.state !== 'waiting' && s.state !== 'reading'));
}

/**
 * The section the status bar names while reading: the one objects are arriving in (the last started),
 * else the first still waiting; null when none is pending.
 */
export function currentSection(p: LoadProgress): SectionProgress | null {
  const reading = p.sections.filter((s) => s.state === 'reading');
  return reading[reading.length - 1] ?? p.sections.find((s) => s.state === 'waiting') ?? null;
}

/** Objects read so far over every section. */
export function objectsRead(p: LoadProgress): number {
  return p.sections.reduce((n, s) => n + s.objects, 0);
}

type Sections = Readonly<Record<string, RawSection>>;

/**
 * The snapshot to decode while some sections are still being read: the sections in hand as they are, every
 * other one `not-read` with the note "still reading" — so the rules that need it are not judged
 * (shared/rules/rule-needs.ts) rather than finding faults in data not read yet, and the screens show the rest.
 */
export function pendingSnapshot(head: Pick<RawSnapshot, 'format' | 'formatVersion' | 'capturedAt' | 'source'>, exchange: Sections, skype: Sections, pending: readonly SectionKey[]): RawSnapshot {
  const notRead = (key: string): RawSection => {
    const [side, name] = key.split('.') as ['exchange' | 'skype', string];
    const table: Readonly<Record<string, string>> = side === 'exchange' ? EXCHANGE_SECTIONS : SKYPE_SECTIONS;
    return { command: table[name] ?? name, objects: [], status: 'not-read', notes: [{ text: STILL_READING_NOTE }] };
  };
  const fill = (side: 'exchange' | 'skype', got: Sections) => {
    const out: Record<string, RawSection> = { ...got };
    for (const key of pending) if (key.startsWith(`${side}.`)) out[key.slice(side.length + 1)] = notRead(key);
    return out;
  };
  return { ...head, exchange: fill('exchange', exchange) as RawSnapshot['exchange'], skype: fill('skype', skype) as RawSnapshot['skype'] };
}
