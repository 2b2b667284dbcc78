/**
 * The change plan a change board reads: every step of the checklist not done, who must do it, what is
 * missing, and how — the exact commands of its findings' fix plans (shared/fixes/fix-planner.ts, shown
 * as an admin would type them: shared/fixes/command-text.ts), the steps done by hand with the cmdlet
 * that checks each, and what happens meanwhile. As self-contained HTML (no script, no external
 * resource, every value escaped: object names come from the directory and may hold anything) and as
 * CSV (one row per step, every cell guarded against formulas: shared/csv/formula-guard.ts). Pure.
 */
import { guardCell } from '../csv/formula-guard';
import { commandText } from '../fixes/command-text';
import type { FixPlan } from '../fixes/fix-model';
import { type Language, renderMessage, translateDynamic } from '../i18n/translate';
import type { OrgSource } from '../model/org';
import { escapeHtml } from '../users/users-report';
import type { Checklist, ChecklistStep } from './checklist-model';

export interface ChangePlanMeta {
  readonly source: OrgSource;
  /** When the plan was made (ISO 8601). */
  readonly generatedAt: string;
}

/** One step as the plan writes it: its texts rendered, its commands and hand steps from the plans of its findings. */
export interface ChangePlanRow {
  readonly order: number;
  readonly title: string;
  readonly status: string;
  readonly role: string;
  readonly rules: readonly string[];
  readonly missing: readonly string[];
  readonly kind: string;
  readonly commands: readonly string[];
  /** Hand steps: the step's own instructions, then each plan's manual steps (with their checks). */
  readonly manual: readonly string[];
  readonly checks: readonly string[];
  readonly meanwhile: readonly string[];
}

/** Items listed at most per cell of the HTML plan. */
export const MAX_HTML_ITEMS = 200;

const t = (language: Language, key: string, params?: Readonly<Record<string, string | number>>) => translateDynamic(language, key, params);

/** The steps not done, rendered; commands and hand steps once each, in the order of the findings. */
export function changePlanRows(checklist: Checklist, plans: ReadonlyMap<string, FixPlan>, language: Language): ChangePlanRow[] {
  return checklist.steps.filter((s) => s.status !== 'done').map((s) => rowOf(s, plans, language));
}

function rowOf(s: ChecklistStep, plans: ReadonlyMap<string, FixPlan>, language: Language): ChangePlanRow {
  const commands = new Set<string>();
  const manual = new Set<string>();
  const checks = new Set<string>();
  const meanwhile = new Set<string>();
  if (s.instructions) manual.add(renderMessage(language, s.instructions));
  if (s.check) checks.add(s.check);
  for (const key of s.action?.findings ?? []) {
    const plan = plans.get(key);
    if (!plan) continue;
    for (const c of plan.commands) commands.add(commandText(c));
    for (const h of plan.manual) {
      manual.add(renderMessage(language, h.message));
      if (h.check) checks.add(h.check);
    }
    if (plan.whyManual) manual.add(renderMessage(language, plan.whyManual));
    for (const w of plan.meanwhile) meanwhile.add(renderMessage(language, w));
  }
  return {
    order: s.order,
    title: renderMessage(language, s.title),
    status: t(language, `checklist.status.${s.status}`),
    role: t(language, `checklist.role.${s.role}`),
    rules: s.rules,
    missing: s.missing.map((x) => renderMessage(language, x)),
    kind: s.action ? t(language, `checklist.export.kind.${s.action.kind}`) : s.manual ? t(language, 'checklist.export.kind.manual') : '',
    commands: [...commands],
    manual: [...manual],
    checks: [...checks],
    meanwhile: [...meanwhile],
  };
}

function when(iso: string, language: Language): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleString(language === 'fr' ? 'fr-FR' : 'en-GB', { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

const CSS = `body{font:14px/1.4 "Segoe UI",Arial,sans-serif;margin:24px;color:#1b1b1b}h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:20px 0 6px}p{margin:4px 0}ul{margin:2px 0;padding-left:18px}table{border-collapse:collapse;width:100%;margin-top:6px}th,td{border:1px solid #bbb;padding:4px 6px;text-align:left;vertical-align:top}th{background:#eee}code{font:12px Consolas,monospace;white-space:pre-wrap;word-break:break-all}.ok{color:#0a6a2a}.bad{color:#a4000f}@media print{body{margin:0}}`;

/** A one-page HTML change plan: progress, then one table row per step not done. */
export function changePlanHtml(checklist: Checklist, plans: ReadonlyMap<string, FixPlan>, language: Language, meta: ChangePlanMeta): string {
  const e = escapeHtml;
  const title = t(language, 'checklist.export.title');
  const rows = changePlanRows(checklist, plans, language);
  // A cell lists at most MAX_HTML_ITEMS (a step over 100,000 users would make a page nobody reads); the CSV lists every one.
  const list = (items: readonly string[], code = false) => {
    if (items.length === 0) return '';
    const shown = items.slice(0, MAX_HTML_ITEMS).map((i) => `<li>${code ? `<code>${e(i)}</code>` : e(i)}</li>`);
    if (items.length > MAX_HTML_ITEMS) shown.push(`<li>${e(t(language, 'checklist.export.more', { count: items.length - MAX_HTML_ITEMS }))}</li>`);
    return `<ul>${shown.join('')}</ul>`;
  };
  const parts: string[] = [
    `<!DOCTYPE html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>${e(title)}</title><style>${CSS}</style></head><body>`,
    `<h1>${e(title)}</h1>`,
    `<p>${e(t(language, 'checklist.versions', { exchange: checklist.exchange, skype: checklist.skype }))}</p>`,
    `<p>${e(t(language, 'checklist.export.generated', { when: when(meta.generatedAt, language) }))}</p>`,
    `<p>${e(t(language, 'checklist.export.source', { source: meta.source.label, readAt: when(meta.source.readAt, language) }))}</p>`,
    `<p class="${checklist.done === checklist.total ? 'ok' : 'bad'}"><strong>${e(t(language, 'checklist.progress', { done: checklist.done, total: checklist.total }))}</strong></p>`,
  ];
  if (rows.length === 0) parts.push(`<p class="ok">${e(t(language, 'checklist.export.nothing'))}</p>`);
  else {
    const head = ['order', 'step', 'status', 'role', 'rules', 'missing', 'commands', 'manual'].map((c) => `<th>${e(t(language, `checklist.export.col.${c}`))}</th>`).join('');
    parts.push(`<table><thead><tr>${head}</tr></thead><tbody>`);
    for (const r of rows) {
      const how = [r.kind ? `<p>${e(r.kind)}</p>` : '', list(r.commands, true), r.meanwhile.map((w) => `<p>${e(t(language, 'checklist.export.meanwhile', { text: w }))}</p>`).join('')].join('');
      const byHand = [list(r.manual), r.checks.length ? `<p>${e(t(language, 'checklist.export.col.check'))}</p>${list(r.checks, true)}` : ''].join('');
      parts.push(
        `<tr><td>${r.order}</td><td>${e(r.title)}</td><td>${e(r.status)}</td><td>${e(r.role)}</td><td>${e(r.rules.join(' '))}</td><td>${list(r.missing)}</td><td>${how}</td><td>${byHand}</td></tr>`,
      );
    }
    parts.push('</tbody></table>');
  }
  parts.push('</body></html>');
  return parts.join('\n');
}

function csvCell(v: string, sep: string): string {
  const g = guardCell(v);
  return g.includes(sep) || /["\r\n]/.test(g) || g !== g.trim() ? `"${g.replace(/"/g, '""')}"` : g;
}

/**
 * One row per step not done. A cell with several items (missing, commands, hand steps, checks) holds
 * them one per line. UTF-8 BOM and CRLF; `;` in French, `,` in English (as the users report).
 */
export function changePlanCsv(checklist: Checklist, plans: ReadonlyMap<string, FixPlan>, language: Language): string {
  const sep = language === 'fr' ? ';' : ',';
  const cols = ['order', 'step', 'status', 'role', 'rules', 'missing', 'kind', 'commands', 'manual', 'check'];
  const lines = [cols.map((c) => csvCell(t(language, `checklist.export.col.${c}`), sep)).join(sep)];
  for (const r of changePlanRows(checklist, plans, language)) {
    const cells = [String(r.order), r.title, r.status, r.role, r.rules.join(' '), r.missing.join('\n'), r.kind, r.commands.join('\n'), [...r.manual, ...r.meanwhile].join('\n'), r.checks.join('\n')];
    lines.push(cells.map((c) => csvCell(c, sep)).join(sep));
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
