/**
 * The snapshot diff (docs/changes.md): what changed between two captures, on both products, object by
 * object and property by property in the cmdlets' own names, and which findings appeared or were
 * resolved with the change that caused each where one can be named. Pure: it compares the raw
 * snapshots (shared/snapshot/format.ts) and takes the findings of each side as judged by the caller
 * (main/services/snapshot-compare.ts decodes and judges them as `umc check` does). The result is plain
 * JSON: it crosses IPC and is what `umc diff --json` prints.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { findingKey } from '../fixes/fix-model';
import type { ObjectRef, SectionKey } from '../model/org';
import { RULE_NEEDS } from '../rules/rule-needs';
import { EXCHANGE_SECTIONS, type RawSection, type RawSnapshot, SKYPE_SECTIONS, type SectionReadStatus } from './format';
import { IDENTITY_RULES, isNoise, LABEL_PROPERTIES, ORDERED_PROPERTIES, SECTION_OBJECT_KIND } from './snapshot-diff-rules';

/** Which capture a side is: what the two headings of a diff name. */
export interface CaptureRef {
  /** ISO 8601 UTC, the snapshot's `capturedAt`. */
  readonly capturedAt: string;
  readonly label: string;
  readonly kind: 'lab' | 'live';
}

/** A value as the diff shows it: the cmdlet's value in its text form (`\/Date(ms)\/` and ISO dates as ISO; wrapped enums by name), or null when absent/empty. */
export type DiffValue = string | null;

export interface PropertyChange {
  /** The cmdlet's property name (VoIPSecurity, UMServers…). */
  readonly property: string;
  /** `value`: a single value; `set`: an unordered multi-valued property (order ignored); `list`: an ordered one (order matters). */
  readonly kind: 'value' | 'set' | 'list';
  /** The whole old / new value as text (a set or list: its items joined by ", "; none: null). */
  readonly old: DiffValue;
  readonly new: DiffValue;
  /** `set` only: the items added and removed. */
  readonly added?: readonly string[];
  readonly removed?: readonly string[];
}

/** One object as the diff names it. */
export interface ObjectEntry {
  /** What matched the two sides (a Guid, an Identity, a name…): stable, for keys. */
  readonly key: string;
  /** What an admin recognises: the Name / Identity / Fqdn / SipAddress… (the new side's when renamed). */
  readonly label: string;
  /** The model objects this is (what findings name), when the section has a model kind. */
  readonly refs: readonly ObjectRef[];
}

export interface ObjectChange extends ObjectEntry {
  /** The label on the old side when it differs (a rename matched by Guid). */
  readonly oldLabel?: string;
  readonly properties: readonly PropertyChange[];
}

/**
 * One section ("kind") compared: `compared` both sides read whole; `partial`: one side partial — the
 * objects compared are what was read, a removal may be an object not returned; `not-compared`: a side
 * did not read it (status not-read, or the section absent) — nothing is said about its objects.
 */
export interface SectionDiff {
  readonly section: SectionKey;
  /** The cmdlet that produced it (Get-UMIPGateway…), the kind's heading. */
  readonly cmdlet: string;
  readonly status: 'compared' | 'partial' | 'not-compared';
  readonly oldStatus: SectionReadStatus | 'absent';
  readonly newStatus: SectionReadStatus | 'absent';
  readonly added: readonly ObjectEntry[];
  readonly removed: readonly ObjectEntry[];
  readonly changed: readonly ObjectChange[];
}

/** A change a finding is attributed to. */
export interface Cause {
  /** `named`: the object changed is one the finding names; `read`: a change in a section the rule reads (shared/rules/rule-needs.ts). */
  readonly match: 'named' | 'read';
  readonly section: SectionKey;
  readonly cmdlet: string;
  readonly change: 'added' | 'removed' | 'changed';
  readonly object: ObjectEntry;
  /** `changed`: the property changes. */
  readonly properties: readonly PropertyChange[];
}

export interface FindingChange {
  readonly finding: Diagnostic;
  /** findingKey (shared/fixes/fix-model.ts): the rule and the objects it names. */
  readonly key: string;
  /**
   * The changes that caused it (appeared) or resolved it (resolved), named first; empty when no change
   * of the captures explains it (e.g. a certificate that expired as time passed).
   */
  readonly causes: readonly Cause[];
  /** The rule was not judged on the other side (a section it needs not read): "newly judged" / "no longer judged", not a change of the org. */
  readonly notJudgedOnOtherSide: boolean;
}

/** What the caller judged on one side (decode + evaluateRules + notJudged, as `umc check` does). */
export interface JudgedSide {
  readonly findings: readonly Diagnostic[];
  /** The rule IDs not judged (a section they need not read). */
  readonly notJudged: readonly string[];
}

export interface SnapshotDiff {
  readonly old: CaptureRef;
  readonly new: CaptureRef;
  /** Every section of the format, Exchange then Skype, in format order (unchanged ones too, with empty lists). */
  readonly sections: readonly SectionDiff[];
  readonly counts: { readonly added: number; readonly removed: number; readonly changed: number; readonly notCompared: number };
}

export interface SnapshotDiffResult extends SnapshotDiff {
  readonly findings: {
    readonly appeared: readonly FindingChange[];
    readonly resolved: readonly FindingChange[];
    /**
     * The same fault on the same object naming other objects beside it (R-D-06 on one server listing other
     * secured dial plans): same rule and same first object — the one a finding is "on" — on both sides,
     * the other objects changed. The new side's finding; neither appeared nor resolved.
     */
    readonly changed: readonly FindingChange[];
  };
  /** Any object added, removed or changed, or any finding appeared or resolved: `umc diff` exits 1. */
  readonly hasChanges: boolean;
}

// ---------------------------------------------------------------- values

type Obj = Readonly<Record<string, unknown>>;
const isRecord = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

const MS_DATE = /^\\?\/Date\((-?\d+)(?:[+-]\d{4})?\)\\?\/$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * One text per value, whatever form the capture wrote it in (docs/snapshot-format.md, "Value forms"):
 * the two date forms of Windows PowerShell 5.1 and PowerShell 7 are the same instant; a wrapped enum
 * `{value, Value}` is its name; `True` and `true` are one Boolean. So a capture from 5.1 compared to one
 * from 7 shows no change where there is none.
 */
export function valueText(v: unknown): DiffValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') {
    const s = v.trim();
    if (s === '') return null;
    const ms = MS_DATE.exec(s);
    if (ms) return new Date(Number(ms[1])).toISOString();
    if (ISO_DATE.test(s)) {
      const d = new Date(s);
      if (!Number.isNaN(d.getTime())) return d.toISOString();
    }
    if (/^(true|false)$/i.test(s)) return s.toLowerCase() === 'true' ? 'True' : 'False';
    return s;
  }
  if (Array.isArray(v)) {
    const items = v.map(valueText).filter((x): x is string => x !== null);
    return items.length === 0 ? null : items.join(', ');
  }
  if (isRecord(v)) {
    if (typeof v.Value === 'string' && ('value' in v || Object.keys(v).length === 1)) return v.Value;
    // The object forms of an AD id, a proxy / SMTP address, a smart host, a Uri: their string forms over remoting.
    if (typeof v.Name === 'string' && ('DistinguishedName' in v || 'ObjectGuid' in v)) return v.Name;
    for (const k of ['ProxyAddressString', 'DisplayedAddress', 'AbsoluteUri']) if (typeof v[k] === 'string') return v[k] as string;
    if (typeof v.Address === 'string' && 'Local' in v && 'Domain' in v) return v.Address;
    // Any other object: its properties, noise left out, in a stable order.
    const keys = Object.keys(v)
      .filter((k) => !isNoise(k))
      .sort();
    const parts = keys.map((k) => [k, valueText(v[k])] as const).filter(([, x]) => x !== null);
    return parts.length === 0 ? null : `{${parts.map(([k, x]) => `${k}=${x}`).join('; ')}}`;
  }
  return String(v);
}

const itemsOf = (v: unknown): string[] => {
  if (v === null || v === undefined) return [];
  const arr = Array.isArray(v) ? v : [v];
  return arr.map(valueText).filter((x): x is string => x !== null);
};

function compareProperty(property: string, ordered: boolean, a: unknown, b: unknown): PropertyChange | null {
  if (Array.isArray(a) || Array.isArray(b)) {
    const oldItems = itemsOf(a);
    const newItems = itemsOf(b);
    const join = (xs: readonly string[]) => (xs.length === 0 ? null : xs.join(', '));
    if (ordered) {
      if (oldItems.length === newItems.length && oldItems.every((x, i) => x === newItems[i])) return null;
      return { property, kind: 'list', old: join(oldItems), new: join(newItems) };
    }
    const oldSet = new Set(oldItems);
    const newSet = new Set(newItems);
    const added = [...newSet].filter((x) => !oldSet.has(x));
    const removed = [...oldSet].filter((x) => !newSet.has(x));
    if (added.length === 0 && removed.length === 0) return null;
    return { property, kind: 'set', old: join([...oldSet].sort()), new: join([...newSet].sort()), added: added.sort(), removed: removed.sort() };
  }
  const x = valueText(a);
  const y = valueText(b);
  return x === y ? null : { property, kind: 'value', old: x, new: y };
}

/** The common case, cheaply: the same properties with the same primitive values (arrays in the same order). */
function sameRaw(a: Obj, b: Obj): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) {
    const x = a[k];
    const y = b[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  }
  return true;
}

function propertyChanges(section: SectionKey, a: Obj, b: Obj): PropertyChange[] {
  if (sameRaw(a, b)) return [];
  const ordered = new Set((ORDERED_PROPERTIES[section] ?? []).map((p) => p.toLowerCase()));
  // The cmdlet's names, in the order the new object lists them, then the ones it lost.
  const names = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((p) => !isNoise(p));
  const out: PropertyChange[] = [];
  for (const p of names) {
    const c = compareProperty(p, ordered.has(p.toLowerCase()), a[p], b[p]);
    if (c) out.push(c);
  }
  return out;
}

// ---------------------------------------------------------------- objects

function labelOf(o: Obj): string {
  for (const p of LABEL_PROPERTIES) {
    const v = valueText(o[p]);
    if (v !== null && !v.startsWith('{')) return v;
  }
  return '?';
}

function entryOf(section: SectionKey, key: string, o: Obj): ObjectEntry {
  const model = SECTION_OBJECT_KIND[section];
  const id = model ? model.id(o) : null;
  return { key, label: labelOf(o), refs: model && id !== null ? [{ kind: model.kind, id }] : [] };
}

/** Each object's key in its section: its natural key (IDENTITY_RULES), else its whole text; a second object of one key gets `#2`. */
function keyed(section: SectionKey, objects: readonly unknown[]): { key: string; guid: string | null; o: Obj }[] {
  const rule = IDENTITY_RULES[section];
  const seen = new Map<string, number>();
  const list = objects.filter(isRecord).map((o) => {
    const natural = rule ? rule(o) : null;
    const base = (natural ?? valueText(o) ?? '?').toLowerCase();
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    const guid = typeof o.Guid === 'string' && !EMPTY_GUID.test(o.Guid) ? o.Guid.trim().toLowerCase() : null;
    return { key: n === 1 ? base : `${base}#${n}`, guid, o };
  });
  // A Guid that several objects of one side share identifies none of them: per-server settings read with
  // the empty Guid would otherwise pair by position (docs/changes.md, "Which object is which").
  const counts = new Map<string, number>();
  for (const x of list) if (x.guid !== null) counts.set(x.guid, (counts.get(x.guid) ?? 0) + 1);
  return list.map((x) => (x.guid !== null && counts.get(x.guid)! > 1 ? { ...x, guid: null } : x));
}

/** No Guid: blank, or the empty Guid (never set). */
const EMPTY_GUID = /^\s*(?:0{8}-0{4}-0{4}-0{4}-0{12})?\s*$/;

const statusOf = (s: RawSection | undefined): SectionReadStatus | 'absent' => (s === undefined || !isRecord(s) || !Array.isArray((s as RawSection).objects) ? 'absent' : (s.status ?? 'read'));

const cmdletOf = (command: string) => command.split(/[\s|]/)[0]!;

function diffSection(section: SectionKey, command: string, a: RawSection | undefined, b: RawSection | undefined): SectionDiff {
  const oldStatus = statusOf(a);
  const newStatus = statusOf(b);
  const base = { section, cmdlet: cmdletOf(command), oldStatus, newStatus };
  if (oldStatus === 'absent' || newStatus === 'absent' || oldStatus === 'not-read' || newStatus === 'not-read') return { ...base, status: 'not-compared', added: [], removed: [], changed: [] };
  const oldObjects = keyed(section, a!.objects);
  const newObjects = keyed(section, b!.objects);
  const added: ObjectEntry[] = [];
  const removed: ObjectEntry[] = [];
  const changed: ObjectChange[] = [];
  // First by Guid where both sides carry one (a rename stays one object), then by the natural key.
  const byGuid = new Map(oldObjects.filter((x) => x.guid !== null).map((x) => [x.guid!, x]));
  const byKey = new Map(oldObjects.map((x) => [x.key, x]));
  const matched = new Set<(typeof oldObjects)[number]>();
  const pairs: [(typeof oldObjects)[number], (typeof newObjects)[number]][] = [];
  const unmatchedNew: (typeof newObjects)[number][] = [];
  for (const n of newObjects) {
    const g = n.guid !== null ? byGuid.get(n.guid) : undefined;
    if (g && !matched.has(g)) {
      matched.add(g);
      pairs.push([g, n]);
    } else unmatchedNew.push(n);
  }
  for (const n of unmatchedNew) {
    const o = byKey.get(n.key);
    // A key match between two objects that both carry a different Guid is a new object of the old name.
    if (o && !matched.has(o) && !(o.guid !== null && n.guid !== null && o.guid !== n.guid)) {
      matched.add(o);
      pairs.push([o, n]);
    } else added.push(entryOf(section, n.key, n.o));
  }
  for (const o of oldObjects) if (!matched.has(o)) removed.push(entryOf(section, o.key, o.o));
  for (const [o, n] of pairs) {
    const properties = propertyChanges(section, o.o, n.o);
    if (properties.length === 0) continue;
    const entry = entryOf(section, n.key, n.o);
    const before = entryOf(section, o.key, o.o);
    const refs = [...entry.refs, ...before.refs.filter((r) => !entry.refs.some((x) => x.kind === r.kind && x.id.toLowerCase() === r.id.toLowerCase()))];
    changed.push({ ...entry, refs, ...(before.label !== entry.label ? { oldLabel: before.label } : {}), properties });
  }
  return { ...base, status: oldStatus === 'partial' || newStatus === 'partial' ? 'partial' : 'compared', added, removed, changed };
}

const SECTIONS: readonly (readonly [SectionKey, string, 'exchange' | 'skype', string])[] = [
  ...Object.entries(EXCHANGE_SECTIONS).map(([k, c]) => [`exchange.${k}` as SectionKey, c, 'exchange' as const, k] as const),
  ...Object.entries(SKYPE_SECTIONS).map(([k, c]) => [`skype.${k}` as SectionKey, c, 'skype' as const, k] as const),
];

const captureRef = (s: RawSnapshot): CaptureRef => ({ capturedAt: s.capturedAt, label: s.source?.label ?? '?', kind: s.source?.kind === 'live' ? 'live' : 'lab' });

/** The objects added, removed and changed between two captures, per section. Pure. */
export function diffSnapshots(oldSnap: RawSnapshot, newSnap: RawSnapshot): SnapshotDiff {
  const sections = SECTIONS.map(([key, command, product, name]) => {
    const a = (oldSnap[product] as Readonly<Record<string, RawSection>> | undefined)?.[name];
    const b = (newSnap[product] as Readonly<Record<string, RawSection>> | undefined)?.[name];
    return diffSection(key, b?.command ?? a?.command ?? command, a, b);
  });
  const counts = { added: 0, removed: 0, changed: 0, notCompared: 0 };
  for (const s of sections) {
    counts.added += s.added.length;
    counts.removed += s.removed.length;
    counts.changed += s.changed.length;
    if (s.status === 'not-compared') counts.notCompared++;
  }
  return { old: captureRef(oldSnap), new: captureRef(newSnap), sections, counts };
}

// ---------------------------------------------------------------- findings and causes

/**
 * What makes two findings one across captures: the rule and the set of objects it names. The order a rule
 * lists objects in follows the order the cmdlet returned them, which is no change (R-D-06 names its dial
 * plans in the order Get-UMDialPlan gave them).
 */
const matchKeyOf = (d: Pick<Diagnostic, 'rule' | 'objects'>) =>
  `${d.rule}|${d.objects
    .map((o) => `${o.kind}:${o.id}`.toLowerCase())
    .sort()
    .join(',')}`;

const refMatches = (a: ObjectRef, b: ObjectRef) => a.kind === b.kind && a.id.toLowerCase() === b.id.toLowerCase();

/**
 * The changes that explain a finding appearing (or being resolved): first the changes of an object the
 * finding names (`named`); when there is none, the changes in the sections its rule reads (`read`,
 * shared/rules/rule-needs.ts) — at most MAX_READ_CAUSES, since a rule that reads every user cannot name one.
 */
function causesOf(d: Diagnostic, diff: SnapshotDiff): Cause[] {
  const named: Cause[] = [];
  const read: Cause[] = [];
  const needs = new Set<string>(RULE_NEEDS[d.rule]?.sections ?? []);
  for (const s of diff.sections) {
    if (s.status === 'not-compared') continue;
    const all: [Cause['change'], ObjectEntry, readonly PropertyChange[]][] = [
      ...s.changed.map((c) => ['changed', c, c.properties] as [Cause['change'], ObjectEntry, readonly PropertyChange[]]),
      ...s.added.map((c) => ['added', c, []] as [Cause['change'], ObjectEntry, readonly PropertyChange[]]),
      ...s.removed.map((c) => ['removed', c, []] as [Cause['change'], ObjectEntry, readonly PropertyChange[]]),
    ];
    for (const [change, object, properties] of all) {
      const cause: Cause = { match: 'named', section: s.section, cmdlet: s.cmdlet, change, object, properties };
      if (object.refs.some((r) => d.objects.some((o) => refMatches(r, o)))) named.push(cause);
      else if (needs.has(s.section)) read.push({ ...cause, match: 'read' });
    }
  }
  if (named.length > 0) return named;
  return read.length <= MAX_READ_CAUSES ? read : [];
}

/** Past this many changes in the sections a rule reads, none is named: the diff cannot tell which one. */
export const MAX_READ_CAUSES = 5;

/** The findings that appeared and were resolved between the two sides, each with its causes. Pure. */
export function compareFindings(diff: SnapshotDiff, oldSide: JudgedSide, newSide: JudgedSide): SnapshotDiffResult {
  const oldKeys = new Set(oldSide.findings.map(matchKeyOf));
  const newKeys = new Set(newSide.findings.map(matchKeyOf));
  const oldNotJudged = new Set(oldSide.notJudged);
  const newNotJudged = new Set(newSide.notJudged);
  const change = (d: Diagnostic, otherNotJudged: ReadonlySet<string>): FindingChange => ({
    finding: d,
    key: findingKey(d),
    causes: causesOf(d, diff),
    notJudgedOnOtherSide: otherNotJudged.has(d.rule),
  });
  const gone = oldSide.findings.filter((d) => !newKeys.has(matchKeyOf(d)));
  const came = newSide.findings.filter((d) => !oldKeys.has(matchKeyOf(d)));
  // Same rule, same object it is on: the same fault whose other objects changed.
  const onKey = (d: Diagnostic) => `${d.rule}|${d.objects[0] ? `${d.objects[0].kind}:${d.objects[0].id}`.toLowerCase() : ''}`;
  const goneOn = new Map<string, number>();
  for (const d of gone) if (d.objects.length > 0) goneOn.set(onKey(d), (goneOn.get(onKey(d)) ?? 0) + 1);
  const cameOn = new Map<string, number>();
  for (const d of came) if (d.objects.length > 0) cameOn.set(onKey(d), (cameOn.get(onKey(d)) ?? 0) + 1);
  const isChanged = (d: Diagnostic) => d.objects.length > 0 && goneOn.get(onKey(d)) === 1 && cameOn.get(onKey(d)) === 1;
  const appeared = came.filter((d) => !isChanged(d)).map((d) => change(d, oldNotJudged));
  const resolved = gone.filter((d) => !isChanged(d)).map((d) => change(d, newNotJudged));
  const changed = came.filter(isChanged).map((d) => change(d, oldNotJudged));
  const c = diff.counts;
  return { ...diff, findings: { appeared, resolved, changed }, hasChanges: c.added + c.removed + c.changed + came.length + gone.length > 0 };
}
