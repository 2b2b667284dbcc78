/**
 * What each finding breaks, to rank findings by (docs/fixes.md, "Impact"): the users whose voice mail
 * fails or is at risk because of it, the Subscriber Access / auto attendant numbers it makes
 * unreachable, and whether every call through it fails or its fix drops the calls in progress.
 *
 * Users are counted exactly as the Users screen judges them: a finding counts for a user when it
 * affects a hop of the user's call path (shared/users/call-path.ts), and such a user's verdict is
 * "at risk" or "fails" (shared/users/verdict.ts). The path depends only on the user's pool and the
 * mailbox's dial plan, so users are grouped by that pair and each group's path is judged once: one
 * pass over the users, whatever the number of findings.
 *
 * Pure: no Node, no DOM.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import type { ExUmContact, ObjectRef, OrgModel, SkypeUser, UmMailbox } from '../model/org';
import { refKey } from '../model/org';
import { phoneDigits } from '../model/phone';
import { aboutThisPath, callPath, diagnosticsByObject, type DiagnosticsByObject } from '../users/call-path';
import { joinOne, mailboxJoin, type UserIndex } from '../users/user-index';
import { buildUserRuleContext, hgKey, type UserRuleContext } from '../users/user-rules';
import { type FindingImpact, findingKey } from './fix-model';

const lower = (s: string) => s.toLowerCase();

/**
 * Rules under which every call through the objects they name fails: seed 001 « tous les appels vers la
 * messagerie unifiée Exchange à partir du pool frontal échouent » for an incompatible security setting
 * (R-D-02, R-D-04); a dial plan Skype cannot route to (R-D-01); a TCP-only UM service under a secured
 * dial plan (R-D-06); a pool without its gateway (R-G-01); a disabled gateway (R-G-09).
 */
const EVERY_CALL_FAILS: ReadonlySet<string> = new Set(['R-D-01', 'R-D-02', 'R-D-04', 'R-D-06', 'R-G-01', 'R-G-09']);

/**
 * Rules whose fix restarts a service, dropping the calls in progress: the UM services after a startup
 * mode change or a certificate binding (seed 001 « … sur Double puis redémarrez le service de messagerie
 * unifiée MicrosoftExchange … »), the Front End service after ExchUcUtil's gateways and grants (LYNC13-EXCHCFG).
 */
const FIX_RESTARTS: ReadonlySet<string> = new Set(['R-D-06', 'R-D-07', 'R-X-03', 'R-G-01', 'R-G-13']);

/** Contact rules under which the contact's number is not answered at all (docs/contact-objects.md). */
const CONTACT_UNREACHABLE: ReadonlySet<string> = new Set(['R-C-01', 'R-C-03', 'R-C-06', 'R-C-07', 'R-C-14', 'R-T-03']);

/** Areas a call to a contact's number crosses (as a user's call: shared/users/call-path.ts PATH_AREAS). */
const CALL_AREAS: ReadonlySet<string> = new Set(['gateways', 'dialPlans', 'certificates']);

export interface ImpactInputs {
  readonly index?: UserIndex;
  readonly ctx?: UserRuleContext;
}

/** The objects of one call path (a contact's number), to test a finding against as a user's path is (call-path.ts aboutThisPath). */
interface PathObjects {
  readonly pool: string | null;
  readonly gateway: string | null;
  readonly huntGroup: string | null;
  readonly dialPlan: string | null;
  readonly servers: ReadonlySet<string>;
  readonly refs: readonly ObjectRef[];
}

/** The path of a contact's number: its pool → the pool's gateway → the hunt group for the dial plan it serves → that dial plan → its servers. */
function contactPath(c: ExUmContact, org: OrgModel, ctx: UserRuleContext): PathObjects | null {
  const n = phoneDigits(c.displayNumber);
  if (!n) return null;
  const dialPlan = c.autoAttendant
    ? (org.exchange.autoAttendants.find((a) => a.pilotIdentifierList.some((x) => phoneDigits(x) === n))?.dialPlan ?? null)
    : (org.exchange.dialPlans.find((d) => d.accessTelephoneNumbers.some((x) => phoneDigits(x) === n))?.name ?? null);
  if (!dialPlan) return null;
  const pool = ctx.poolByFqdn.get(lower(c.registrarPool))?.fqdn ?? (c.registrarPool || null);
  const gateways = pool ? (ctx.gatewaysByAddress.get(lower(pool)) ?? []) : [];
  const dp = dialPlan;
  const gateway =
    gateways.find((g) => g.status === 'Enabled' && ctx.huntGroupByGatewayDialPlan.has(hgKey(g.name, dp))) ?? gateways.find((g) => ctx.huntGroupByGatewayDialPlan.has(hgKey(g.name, dp))) ?? gateways[0];
  const group = gateway ? ctx.huntGroupByGatewayDialPlan.get(hgKey(gateway.name, dp)) : undefined;
  const servers = ctx.umServersOf(dp);
  const refs: ObjectRef[] = [];
  if (pool) refs.push({ kind: 'skypePool', id: pool });
  if (gateway) refs.push({ kind: 'umIpGateway', id: gateway.name });
  if (group) refs.push({ kind: 'umHuntGroup', id: group.id });
  refs.push({ kind: 'umDialPlan', id: dp });
  for (const s of servers) refs.push({ kind: 'exchangeServer', id: s.name });
  return { pool, gateway: gateway?.name ?? null, huntGroup: group?.id ?? null, dialPlan: dp, servers: new Set(servers.map((s) => lower(s.name))), refs };
}

/** The findings that break a contact's number: its own faults, and the errors on its call path. */
function breakersOf(c: ExUmContact, org: OrgModel, ctx: UserRuleContext, byObject: DiagnosticsByObject): Set<Diagnostic> {
  const out = new Set<Diagnostic>();
  for (const f of byObject.get(refKey({ kind: 'exUmContact', id: c.identity })) ?? []) if (CONTACT_UNREACHABLE.has(f.rule)) out.add(f);
  const path = contactPath(c, org, ctx);
  if (!path) return out;
  for (const r of path.refs) {
    for (const f of byObject.get(refKey(r)) ?? []) {
      if (f.severity === 'error' && f.area !== undefined && CALL_AREAS.has(f.area) && aboutThisPath(f, path)) out.add(f);
    }
  }
  return out;
}

/**
 * Each finding's impact, by `findingKey`. Every finding has an entry (zeros when nothing is on its path).
 * `inputs` lets a caller that already built the user index and rule context reuse them.
 */
export function findingImpacts(org: OrgModel, findings: readonly Diagnostic[], inputs: ImpactInputs = {}): ReadonlyMap<string, FindingImpact> {
  const byObject = diagnosticsByObject(findings);
  const users = new Map<Diagnostic, number>();
  const numbers = new Map<Diagnostic, number>();

  if (findings.length > 0) {
    const ctx = inputs.ctx ?? buildUserRuleContext(org);
    // Group the users by what their path depends on (the Skype user's pool, the mailbox's dial plan), as
    // check-all.ts does. The users are the index's (a Skype user joined to its mailbox, then the mailboxes
    // no Skype user joins: shared/users/user-index.ts); the join alone is done when no index is given,
    // without the index's search keys, which the counts do not need.
    const groups = new Map<string, { user: { skype: SkypeUser | null; mailbox: UmMailbox | null }; count: number }>();
    const add = (skype: SkypeUser | null, mailbox: UmMailbox | null) => {
      const key = `${skype ? skype.registrarPool.trim().toLowerCase() : '\u0001'}\u0000${(mailbox?.umDialPlan ?? '').toLowerCase()}`;
      const g = groups.get(key);
      if (g) g.count++;
      else groups.set(key, { user: { skype, mailbox }, count: 1 });
    };
    if (inputs.index) for (const u of inputs.index.users) add(u.skype, u.mailbox);
    else {
      const join = mailboxJoin(org);
      const joined = new Set<UmMailbox>();
      for (const s of org.users) {
        const m = joinOne(join, s);
        if (m) joined.add(m);
        add(s, m);
      }
      for (const m of org.mailboxes) if (!joined.has(m)) add(null, m);
    }
    for (const { user, count } of groups.values()) {
      const path = callPath({ skype: user.skype, mailbox: user.mailbox }, ctx, byObject);
      const affecting = new Set(path.flatMap((h) => h.findings.filter((x) => x.affects).map((x) => x.finding)));
      for (const f of affecting) users.set(f, (users.get(f) ?? 0) + count);
    }
    for (const c of org.skype.exUmContacts) for (const f of breakersOf(c, org, ctx, byObject)) numbers.set(f, (numbers.get(f) ?? 0) + 1);
    // A Subscriber Access or auto attendant number without its contact is not reachable from Skype (R-C-12).
    for (const f of findings) if (f.rule === 'R-C-12') numbers.set(f, (numbers.get(f) ?? 0) + 1);
  }

  const out = new Map<string, FindingImpact>();
  for (const f of findings) {
    const key = findingKey(f);
    const prev = out.get(key);
    const impact: FindingImpact = { users: users.get(f) ?? 0, numbers: numbers.get(f) ?? 0, callsDropped: EVERY_CALL_FAILS.has(f.rule) || FIX_RESTARTS.has(f.rule) };
    // Two findings with one key (the same fault named twice) keep the larger counts.
    out.set(key, prev ? { users: Math.max(prev.users, impact.users), numbers: Math.max(prev.numbers, impact.numbers), callsDropped: prev.callsDropped || impact.callsDropped } : impact);
  }
  return out;
}
