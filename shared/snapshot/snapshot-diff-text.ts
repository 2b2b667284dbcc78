/**
 * The snapshot diff in words (docs/changes.md): `umc diff`, `umc check --since` and the Changes screen
 * render a SnapshotDiffResult through these, in the reader's language. The dates are the two captures'
 * times: a diff cannot know when between them a change was made, and says so.
 */
import type { MessageKey } from '../i18n/en';
import { formatDateTime, type Language, type Params, renderDiagnostic, translate, translateDynamic } from '../i18n/translate';
import type { Cause, FindingChange, PropertyChange, SectionDiff, SnapshotDiff, SnapshotDiffResult } from './snapshot-diff';

type T = (k: MessageKey, p?: Params) => string;

const STATUS_KEY = { read: 'diff.status.read', partial: 'diff.status.partial', 'not-read': 'diff.status.notRead', absent: 'diff.status.absent' } as const;

/** Long sets (a pool's 500 users…) are cut in a line of text; the JSON keeps them whole. */
const MAX_ITEMS = 10;
const items = (xs: readonly string[]) => (xs.length <= MAX_ITEMS ? xs.join(', ') : `${xs.slice(0, MAX_ITEMS).join(', ')}, … (+${xs.length - MAX_ITEMS})`);

/** Each property change of a cause as a sentence: "VoIPSecurity of Litware-SIP-Branch changed Secured → SIPSecured". */
function changeSentences(t: T, cause: Pick<Cause, 'change' | 'object' | 'cmdlet' | 'properties'>): string[] {
  const object = cause.object.label;
  if (cause.change === 'added') return [t('diff.change.added', { object, cmdlet: cause.cmdlet })];
  if (cause.change === 'removed') return [t('diff.change.removed', { object, cmdlet: cause.cmdlet })];
  const none = t('diff.value.none');
  return cause.properties.flatMap((p: PropertyChange) => {
    if (p.kind === 'set') {
      const out: string[] = [];
      if (p.added && p.added.length > 0) out.push(t('diff.change.setAdded', { items: items(p.added), property: p.property, object }));
      if (p.removed && p.removed.length > 0) out.push(t('diff.change.setRemoved', { items: items(p.removed), property: p.property, object }));
      return out;
    }
    return [t('diff.change.value', { property: p.property, object, old: p.old ?? none, new: p.new ?? none })];
  });
}

/** One cause as the lines a reader sees, with the two capture times. */
export function causeText(language: Language, cause: Cause, diff: Pick<SnapshotDiff, 'old' | 'new'>): string[] {
  const t: T = (k, p) => translate(language, k, p);
  const times = { oldTime: formatDateTime(language, diff.old.capturedAt), newTime: formatDateTime(language, diff.new.capturedAt) };
  return changeSentences(t, cause).map((change) => t('diff.change.between', { change, ...times }));
}

const CAUSE_KEY = { appeared: 'diff.cause.appeared', resolved: 'diff.cause.resolved', changed: 'diff.cause.changed' } as const;

/** What a finding change says about its causes: one line each, or why none is named. */
export function findingCauseLines(language: Language, f: FindingChange, side: 'appeared' | 'resolved' | 'changed', diff: Pick<SnapshotDiff, 'old' | 'new'>): string[] {
  const t: T = (k, p) => translate(language, k, p);
  if (f.notJudgedOnOtherSide) return [t(side === 'appeared' ? 'diff.cause.notJudgedBefore' : 'diff.cause.notJudgedNow')];
  if (f.causes.length === 0) return [t('diff.cause.none')];
  const rule = f.finding.rule;
  return f.causes.flatMap((c) => causeText(language, c, diff).map((change) => (c.match === 'read' ? t('diff.cause.read', { rule, change }) : t(CAUSE_KEY[side], { change, rule }))));
}

function sectionLines(t: T, s: SectionDiff): string[] {
  if (s.status === 'not-compared') return [t('diff.section.notCompared', { cmdlet: s.cmdlet, section: s.section, oldStatus: t(STATUS_KEY[s.oldStatus]), newStatus: t(STATUS_KEY[s.newStatus]) }), ''];
  if (s.added.length + s.removed.length + s.changed.length === 0) return [];
  const lines = [t('diff.section.heading', { cmdlet: s.cmdlet, section: s.section })];
  if (s.status === 'partial') lines.push(t('diff.section.partial'));
  const none = t('diff.value.none');
  for (const o of s.added) lines.push(t('diff.object.added', { label: o.label }));
  for (const o of s.removed) lines.push(t('diff.object.removed', { label: o.label }));
  for (const o of s.changed) {
    lines.push(o.oldLabel ? t('diff.object.renamed', { label: o.label, oldLabel: o.oldLabel }) : t('diff.object.changed', { label: o.label }));
    for (const p of o.properties) {
      if (p.kind === 'set') {
        if (p.added?.length) lines.push(t('diff.property.setAdded', { property: p.property, items: items(p.added) }));
        if (p.removed?.length) lines.push(t('diff.property.setRemoved', { property: p.property, items: items(p.removed) }));
      } else lines.push(t('diff.property.value', { property: p.property, old: p.old ?? none, new: p.new ?? none }));
    }
  }
  lines.push('');
  return lines;
}

const INDENT = ''.padEnd(22);

/** The findings of one side (appeared or resolved), as `umc check` lists them, each with its causes. */
export function findingLines(language: Language, changes: readonly FindingChange[], side: 'appeared' | 'resolved' | 'changed', diff: Pick<SnapshotDiff, 'old' | 'new'>): string[] {
  const lines: string[] = [];
  for (const f of changes) {
    const text = renderDiagnostic(language, f.finding);
    lines.push(`${translateDynamic(language, `severity.${f.finding.severity}`).toUpperCase().padEnd(13)} ${f.finding.rule.padEnd(8)} ${text.title}`);
    lines.push(`${INDENT}${text.message}`);
    for (const c of findingCauseLines(language, f, side, diff)) lines.push(`${INDENT}${c}`);
    lines.push('');
  }
  return lines;
}

/** The whole diff as `umc diff` prints it: heading, summary, the objects by cmdlet, then the findings appeared and resolved with their causes. */
export function diffText(language: Language, r: SnapshotDiffResult): string {
  const t: T = (k, p) => translate(language, k, p);
  const lines = [t('diff.heading', { old: r.old.label, oldTime: formatDateTime(language, r.old.capturedAt), new: r.new.label, newTime: formatDateTime(language, r.new.capturedAt) })];
  if (!r.hasChanges && r.counts.notCompared === 0) {
    lines.push(t('diff.noChange'), '');
    return lines.join('\n');
  }
  lines.push(
    t('diff.summary', { ...r.counts, appeared: r.findings.appeared.length, resolved: r.findings.resolved.length, findingsChanged: r.findings.changed.length }),
    r.hasChanges ? t('diff.timesNote') : t('diff.noChange'),
    '',
  );
  for (const s of r.sections) lines.push(...sectionLines(t, s));
  if (r.findings.appeared.length > 0) lines.push(t('diff.findings.appeared', { count: r.findings.appeared.length }), '', ...findingLines(language, r.findings.appeared, 'appeared', r));
  if (r.findings.resolved.length > 0) lines.push(t('diff.findings.resolved', { count: r.findings.resolved.length }), '', ...findingLines(language, r.findings.resolved, 'resolved', r));
  if (r.findings.changed.length > 0) lines.push(t('diff.findings.changed', { count: r.findings.changed.length }), '', ...findingLines(language, r.findings.changed, 'changed', r));
  return lines.join('\n');
}
