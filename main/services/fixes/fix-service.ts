/**
 * Fix actions (docs/fixes.md): previews a finding's fix plan (shared/fixes/fix-planner.ts) with the
 * objects as they are now and -WhatIf, then applies it in the background — objects read again first
 * (refused when they changed since the preview), each command audited before and after, a failed step
 * stops the rest, the org read again at the end and the rules re-run to show each finding gone or still
 * there. Writes go to the lab copy through the lab endpoint, or to the live sessions; never for a
 * snapshot file or a helpdesk profile.
 */
import type { Diagnostic } from '../../../shared/diagnostics/diagnostic';
import type { FixObjectNow, FixPreview, FixPreviewPlan, FixProgress, WhatIfResult } from '../../../shared/fixes/fix-channels';
import { commandText } from '../../../shared/fixes/command-text';
import { type FindingImpact, type FixPlan, findingKey, userFindingKey } from '../../../shared/fixes/fix-model';
import { planFix, planFixes, planUserFixes } from '../../../shared/fixes/fix-planner';
import { type EventSink, NO_EVENTS } from '../../../shared/contract/channels';
import { type Language, renderDiagnostic, translateDynamic, UserError } from '../../../shared/i18n/translate';
import { type OrgModel, refKey } from '../../../shared/model/org';
import { buildUserIndex } from '../../../shared/users/user-index';
import { buildUserRuleContext } from '../../../shared/users/user-rules';
import { userVerdict } from '../../../shared/users/verdict';
import { PowerShellError } from '../../powershell/powershell-host';
import type { Clock, Logger } from '../../ports';
import type { AuditLog } from '../audit/audit-log';
import type { LabCopy } from '../contacts/lab-copy';
import { createPreviewTokens } from '../contacts/preview-tokens';
import type { WriteRefusal, WriteTarget, WriteTargets } from '../contacts/write-target';
import type { WriteAccess } from '../../../shared/contacts/contact-channels';
import type { ConnectionsService } from '../live/connections-service';
import { labelOf, type LoadedOrg, type OrgService } from '../org-service';
import { type FixSessions, missingOf, readOrgThrough } from './fix-org-reader';
import { orgFixesOf } from './org-fixes';
import { byKey, FixRun, type Replanner, runFix, type StoredFixPreview, toParameters } from './fix-runner';

export type FixRequest = { readonly findings: readonly string[] } | { readonly rule: string } | { readonly all: true } | { readonly user: string };

export interface FixService {
  preview(request: FixRequest, language: Language): Promise<FixPreview>;
  /** Starts the previewed run (write); the returned state is its first. */
  apply(token: string, language: Language): Promise<FixProgress>;
  /** Stops between two steps. */
  stop(): Promise<FixProgress>;
  state(): FixProgress;
  /** Whether fixes may be applied now, and why not (no PowerShell call: the Checks screen asks on every list). */
  access(): Promise<WriteAccess>;
  /** Resolves when the run under way (if any) has ended. */
  settled(): Promise<FixProgress>;
  dispose(): Promise<void>;
}

export interface FixServiceDeps {
  readonly org: OrgService;
  readonly targets: WriteTargets;
  readonly lab: LabCopy;
  readonly connections: ConnectionsService;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
  /** Where `fixes.progress` is published (the fix dialog listens). */
  readonly events?: EventSink;
  /** Objects per page when the org is read again (tests). */
  readonly pageSize?: number;
}

/** Previews kept at once (each holds its plans). */
export const MAX_FIX_PREVIEWS = 20;

const IDLE: FixProgress = { phase: 'idle', running: false, done: 0, total: 0, stopped: false, steps: [], verification: null, message: null };
const NO_ACCESS_OPERATOR = null;

/** A user's reasons as diagnostics keyed by userFindingKey (they name no org object). */
function userReasons(org: OrgModel, findings: readonly Diagnostic[], user: string): { sip: string; reasons: Map<string, Diagnostic> } | null {
  const v = userVerdict(buildUserIndex(org), buildUserRuleContext(org), user, findings);
  if (!v) return null;
  return { sip: v.sipAddress, reasons: new Map(v.reasons.map((r) => [userFindingKey(r.rule, v.sipAddress), r])) };
}

/** The user a user key names (`R-U-02|user:sip:a@b`, shared/fixes/fix-model.ts userFindingKey); null for an org finding's key. */
export function userOfKey(key: string): string | null {
  const m = /^R-U-[0-9A-Za-z]+\|user:(.+)$/i.exec(key);
  return m ? m[1]! : null;
}

/** The reasons of the users the keys name, by key: one verdict per user however many of their keys are asked for. */
function reasonsOfKeys(org: OrgModel, findings: readonly Diagnostic[], keys: Iterable<string>): Map<string, { readonly sip: string; readonly reason: Diagnostic }> {
  const users = new Set<string>();
  for (const k of keys) {
    const u = userOfKey(k);
    if (u) users.add(u.toLowerCase());
  }
  const out = new Map<string, { sip: string; reason: Diagnostic }>();
  for (const u of users) {
    const r = userReasons(org, findings, u);
    if (r) for (const [k, reason] of r.reasons) out.set(k.toLowerCase(), { sip: r.sip, reason });
  }
  return out;
}

/** The write targets' refusal in the words of fixes (they are the contact editor's targets: main/services/contacts/write-target.ts). */
export function fixRefusal(refusal: WriteRefusal): WriteRefusal {
  return refusal.key.startsWith('contacts.readonly.') ? { key: `fixes.readonly.${refusal.key.slice('contacts.readonly.'.length)}`, params: refusal.params } : refusal;
}

export function createFixService(deps: FixServiceDeps): FixService {
  const previews = createPreviewTokens<{ readonly token: string; readonly stored: StoredFixPreview }>({ clock: deps.clock, max: MAX_FIX_PREVIEWS });
  const events = deps.events ?? NO_EVENTS;
  let run: FixRun | null = null;
  let running: Promise<void> | null = null;
  let stopAsked = false;
  let disposed = false;
  const state = (): FixProgress => run?.snapshot() ?? IDLE;
  const changed = () => events.publish('fixes.progress', state);
  changed();
  // "Reset lab org": a run on the lab stops between two steps and ends first; previews and the last run are forgotten.
  deps.lab.onReset(async () => {
    if (run?.running) stopAsked = true;
    await running;
    previews.clear();
    run = null;
    changed();
  });

  /** The sessions under a target: the lab editor shell (both shells), or the active live sessions. */
  async function sessionsOf(t: WriteTarget): Promise<FixSessions> {
    if (t.kind === 'lab') {
      const editor = await deps.lab.editor();
      return { kind: 'lab', label: 'lab', exchange: editor, skype: editor, labPath: deps.lab.userPath ?? undefined };
    }
    const shells = deps.connections.shells();
    if (!shells.exchange || !shells.skype) throw new UserError({ key: 'contacts.readonly.notConnected', params: {} });
    return { kind: 'live', label: t.profile, exchange: shells.exchange, skype: shells.skype };
  }

  /** Refuses a plan whose cmdlet the session did not import (version, RBAC): never sent. */
  function refuseMissing(sessions: FixSessions, plans: readonly FixPlan[]): void {
    const missing = missingOf(sessions);
    for (const p of plans) {
      if (p.kind !== 'cmdlet') continue;
      for (const c of p.commands)
        if (missing[c.shell].has(c.cmdlet.toLowerCase()))
          throw new UserError({ key: 'fixes.error.missingCmdlet', params: { shell: c.shell === 'exchange' ? 'Exchange' : 'Skype for Business', cmdlet: c.cmdlet, rule: p.rule } });
    }
  }

  function findingsOf(l: LoadedOrg, stored: StoredFixPreview): ReadonlyMap<string, Diagnostic> {
    const all = new Map(byKey(l.findings));
    for (const [k, { reason }] of reasonsOfKeys(
      l.org,
      l.findings,
      stored.plans.map((p) => p.finding),
    ))
      all.set(k, reason);
    // Plan keys keep their case (a user key's SIP address is lower case already): look them up as they are.
    return new Map(
      stored.plans.flatMap((p) => {
        const f = all.get(p.finding) ?? all.get(p.finding.toLowerCase());
        return f ? [[p.finding, f] as const] : [];
      }),
    );
  }

  /** The plans of a user's reasons, one user at a time (planUserFixes joins the user once). */
  function userPlans(org: OrgModel, picked: readonly { readonly sip: string; readonly reason: Diagnostic }[]): { plans: FixPlan[]; findings: Diagnostic[]; keys: string[] } {
    const bySip = new Map<string, Diagnostic[]>();
    for (const { sip, reason } of picked) bySip.set(sip, [...(bySip.get(sip) ?? []), reason]);
    const plans: FixPlan[] = [];
    const findings: Diagnostic[] = [];
    const keys: string[] = [];
    for (const [sip, reasons] of bySip) {
      plans.push(...planUserFixes(org, sip, reasons));
      findings.push(...reasons);
      keys.push(...reasons.map((r) => userFindingKey(r.rule, sip)));
    }
    return { plans, findings, keys };
  }

  /** The plans a request asks for, with each plan's finding by its key. */
  async function select(l: LoadedOrg, request: FixRequest): Promise<{ plans: FixPlan[]; byFinding: Map<string, Diagnostic>; userKeys: ReadonlySet<string> }> {
    if ('user' in request) {
      const u = userReasons(l.org, l.findings, request.user);
      if (!u) throw new UserError({ key: 'fixes.error.noUser', params: { user: request.user } });
      const picked = [...u.reasons.values()].map((reason) => ({ sip: u.sip, reason }));
      const up = userPlans(l.org, picked);
      return { plans: up.plans, byFinding: new Map(up.keys.map((k, i) => [k, up.findings[i]!])), userKeys: new Set(up.keys) };
    }
    let findings: Diagnostic[];
    let what: string;
    let picked: { sip: string; reason: Diagnostic }[] = [];
    if ('findings' in request) {
      const wanted = new Set(request.findings.map((k) => k.toLowerCase()));
      findings = l.findings.filter((f) => wanted.has(findingKey(f).toLowerCase()));
      // A user's reasons (the checklist's user steps) are asked for by their user keys.
      const reasons = reasonsOfKeys(l.org, l.findings, request.findings);
      picked = [...wanted].flatMap((k) => {
        const r = reasons.get(k);
        return r ? [r] : [];
      });
      what = request.findings.slice(0, 3).join(', ');
    } else if ('rule' in request) {
      findings = l.findings.filter((f) => f.rule.toLowerCase() === request.rule.toLowerCase());
      what = request.rule;
    } else {
      findings = [...l.findings];
      what = '--all';
    }
    if (findings.length === 0 && picked.length === 0) throw new UserError({ key: 'fixes.error.noFinding', params: { what } });
    // Findings that name the same objects share a key (a server's UM service and call router, the
    // organization's AD permissions) and one plan fixes them all: planned once, or its commands would run twice.
    findings = [...byKey(findings).values()];
    let plans = planFixes(findings, l.org);
    if ('all' in request) {
      const keep = plans.map((p) => p.kind === 'cmdlet' && p.commands.length > 0);
      plans = plans.filter((_, i) => keep[i]);
      findings = findings.filter((_, i) => keep[i]);
    }
    const byFinding = new Map(findings.map((f) => [findingKey(f), f]));
    const up = userPlans(l.org, picked);
    up.keys.forEach((k, i) => byFinding.set(k, up.findings[i]!));
    return { plans: [...plans, ...up.plans], byFinding, userKeys: new Set(up.keys) };
  }

  /** The objects the plans change, with the properties they change as the org shows them now. */
  function objectsNow(l: LoadedOrg, plans: readonly FixPlan[]): FixObjectNow[] {
    const byRef = new Map<string, { kind: string; id: string; label: string; properties: Record<string, string> }>();
    for (const p of plans)
      for (const c of p.commands) {
        if (!c.target) continue;
        const k = refKey(c.target);
        let o = byRef.get(k);
        if (!o) {
          o = { kind: c.target.kind, id: c.target.id, label: labelOf(l, c.target), properties: {} };
          byRef.set(k, o);
        }
        for (const ch of c.changes) if (!(ch.property in o.properties)) o.properties[ch.property] = ch.before ?? '';
      }
    return [...byRef.values()];
  }

  /** -WhatIf for each plan's commands that take it, in order, up to the first that creates or removes an object (the rest may need it). */
  async function whatIfs(t: WriteTarget, plans: readonly FixPlan[], language: Language): Promise<WhatIfResult[]> {
    const out: WhatIfResult[] = [];
    for (let i = 0; i < plans.length; i++) {
      const p = plans[i]!;
      if (p.kind !== 'cmdlet') continue;
      for (let j = 0; j < p.commands.length; j++) {
        const c = p.commands[j]!;
        if (c.whatIf) {
          try {
            const r = await (c.shell === 'exchange' ? t.exchange : t.skype)(c.cmdlet, { ...toParameters(c), WhatIf: true }, 'read');
            out.push({ plan: i, command: j, ok: true, message: r.warnings.length ? r.warnings.join(' ') : translateDynamic(language, 'fixes.whatIf.ok') });
          } catch (e) {
            if (!(e instanceof PowerShellError)) throw e;
            out.push({ plan: i, command: j, ok: false, message: e.info.message });
          }
        }
        // A creation (or a removal: R-G-02 removes a hunt group and makes it again) changes what the next commands act on.
        if (c.target === null || /^Remove-/i.test(c.cmdlet)) break;
      }
    }
    return out;
  }

  const replanner = (t: WriteTarget): Replanner => ({
    async readAgain() {
      const s = await sessionsOf(t);
      const read = await readOrgThrough(s, () => deps.clock.now(), deps.pageSize);
      return deps.org.replace(read.org);
    },
    findings: (l, stored) => findingsOf(l, stored),
    plan: (found, org) => {
      // As the preview planned them: the org findings together (planFixes merges their list writes), each user's reasons for that user.
      const out = new Map<string, FixPlan>();
      const orgFound = found.filter((x) => userOfKey(x.key) === null);
      planFixes(
        orgFound.map((x) => x.finding),
        org,
      ).forEach((p, i) => out.set(orgFound[i]!.key, p));
      for (const x of found) {
        const user = userOfKey(x.key);
        if (user !== null) out.set(x.key, planUserFixes(org, user, [x.finding])[0] ?? planFix(x.finding, org));
      }
      return out;
    },
  });

  return {
    async preview(request, language) {
      const l = await deps.org.current();
      const { plans, byFinding, userKeys } = await select(l, request);
      // The impacts the Checks list shows, computed once per loaded org (org-fixes.ts).
      const impacts: ReadonlyMap<string, FindingImpact> = orgFixesOf(l).impacts;
      // A user's reason breaks that one user's voice mail.
      const none = (key: string): FindingImpact => ({ users: userKeys.has(key) ? 1 : 0, numbers: 0, callsDropped: false });
      const shown: FixPreviewPlan[] = plans.map((p) => {
        const f = byFinding.get(p.finding);
        return { ...p, message: f ? renderDiagnostic(language, f).message : p.finding, commandText: p.commands.map(commandText), impact: impacts.get(p.finding) ?? none(p.finding) };
      });
      const commandCount = plans.reduce((n, p) => n + (p.kind === 'cmdlet' ? p.commands.length : 0), 0);
      const resolved = await deps.targets.resolve();
      if ('refusal' in resolved) {
        return {
          token: null,
          access: { writable: false, reason: fixRefusal(resolved.refusal), target: null, operator: NO_ACCESS_OPERATOR },
          plans: shown,
          objects: objectsNow(l, plans),
          whatIf: [],
          commandCount,
        };
      }
      const t = resolved.target;
      const operator = await t.operator().catch(() => null);
      const access = { writable: true, reason: null, target: t.kind, operator };
      if (commandCount === 0) return { token: null, access, plans: shown, objects: [], whatIf: [], commandCount };
      refuseMissing(await sessionsOf(t), plans);
      const whatIf = await whatIfs(t, plans, language);
      const stored: StoredFixPreview = { targetKind: t.kind, profile: t.profile, plans };
      const { token } = previews.issue((tk) => ({ token: tk, stored }));
      return { token, access, plans: shown, objects: objectsNow(l, plans), whatIf, commandCount };
    },

    async apply(token, language) {
      if (run?.running) throw new UserError({ key: 'fixes.error.running', params: {} });
      const stored = previews.get(token)?.stored;
      if (!stored) throw new UserError({ key: 'fixes.error.previewExpired', params: {} });
      const t = await deps.targets.require();
      if (t.kind !== stored.targetKind || t.profile !== stored.profile) throw new UserError({ key: 'fixes.error.targetChanged', params: {} });
      // Refused again at apply: the session may have been opened again with other imports since the preview.
      refuseMissing(await sessionsOf(t), stored.plans);
      previews.spend(token);
      stopAsked = false;
      const current = new FixRun(stored);
      run = current;
      changed();
      running = runFix(current, { target: t, audit: deps.audit, replanner: replanner(t), language, stopRequested: () => stopAsked || disposed, changed }).catch((e: unknown) =>
        deps.logger.log('error', 'fix run failed', { error: e instanceof Error ? e.message : String(e) }),
      );
      return current.snapshot();
    },

    async stop() {
      if (run?.running) stopAsked = true;
      return state();
    },

    state,

    async access() {
      const resolved = await deps.targets.resolve();
      return 'refusal' in resolved
        ? { writable: false, reason: fixRefusal(resolved.refusal), target: null, operator: NO_ACCESS_OPERATOR }
        : { writable: true, reason: null, target: resolved.target.kind, operator: null };
    },

    async settled() {
      await running;
      return state();
    },

    async dispose() {
      disposed = true;
      await running;
    },
  };
}
