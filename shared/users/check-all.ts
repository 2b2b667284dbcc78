/**
 * "Check everyone": every user of the org, or the users a CSV names, judged in one pass
 * (R-U rules without message or fix, and the call path once per pool and dial plan: O(users)), with
 * the counts per rule and the users that fail or are at risk — the same three outcomes as one user's
 * verdict (verdict.ts). `createUsersCheck` runs in steps so a caller can report progress between them.
 */
import type { Diagnostic } from '../diagnostics/diagnostic';
import { callPath, diagnosticsByObject } from './call-path';
import { type IndexedUser, matchUsers, type UserIndex } from './user-index';
import { AMBIGUOUS_SHOWN, type AmbiguousQuery, type FailingUser, type PathRisk, type UsersCheckSummary } from './user-model';
import { type UserRuleContext, userRuleIds, USER_RULES } from './user-rules';
import { pathRisks } from './verdict';

export interface UsersCheckResult {
  readonly summary: UsersCheckSummary;
  /** Every failing user, in display-name order (the caller caps what it shows: MAX_FAILING_SHOWN). */
  readonly failing: FailingUser[];
  /** The users checked, in display-name order (for the CSV export: `usersCheckCsv`). */
  readonly users: readonly IndexedUser[];
}

export interface UsersCheck {
  readonly total: number;
  readonly done: number;
  /** Checks up to `count` more users; false once every user is checked. */
  step(count: number): boolean;
  result(): UsersCheckResult;
}

/**
 * The users a list of queries names, once each in index (display-name) order, the queries that name
 * nobody, and those that name several (ambiguous: not checked). Each query is matched as `umc user`
 * matches it (`matchUsers`).
 */
export function resolveQueries(index: UserIndex, queries: readonly string[]): { users: IndexedUser[]; notFound: string[]; ambiguous: AmbiguousQuery[] } {
  const found = new Set<number>();
  const notFound = new Set<string>();
  const ambiguous = new Map<string, AmbiguousQuery>();
  for (const q of queries) {
    const t = q.trim();
    if (!t || notFound.has(t) || ambiguous.has(t)) continue;
    const m = matchUsers(index, t, AMBIGUOUS_SHOWN);
    if (m.total === 0) notFound.add(t);
    else if (m.total > 1) ambiguous.set(t, { query: t, count: m.total, candidates: m.users.map((u) => u.displayName || u.sipAddress || u.email || '') });
    else found.add(m.ordinals[0]);
  }
  // The ordinal is the display-name rank: sorted ordinals keep the index's order.
  const users = Array.from(Int32Array.from(found).sort(), (o) => index.users[o]);
  return { users, notFound: [...notFound], ambiguous: [...ambiguous.values()] };
}

/**
 * A check of everyone (no `queries`) or of the users the queries name (SIP addresses or their user
 * part, e-mail addresses, extensions, phone numbers, names; see `matchUsers`).
 */
export function createUsersCheck(index: UserIndex, ctx: UserRuleContext, queries?: readonly string[], findings: readonly Diagnostic[] = []): UsersCheck {
  const resolved = queries ? resolveQueries(index, queries) : { users: index.users, notFound: [] as string[], ambiguous: [] as AmbiguousQuery[] };
  const users = resolved.users;
  const byRule = new Map<string, number>();
  const failing: FailingUser[] = [];
  let working = 0;
  let atRisk = 0;
  let done = 0;
  const byObject = diagnosticsByObject(findings);
  // The path depends only on whether there is a Skype user, its pool, and the mailbox's dial plan.
  const risksByPath = new Map<string, readonly PathRisk[]>();
  const risksOf = (u: IndexedUser, blocked: boolean): readonly PathRisk[] => {
    const key = `${blocked ? 1 : 0}\u0000${u.skype ? u.skype.registrarPool.trim().toLowerCase() : '\u0001'}\u0000${(u.mailbox?.umDialPlan ?? '').toLowerCase()}`;
    let risks = risksByPath.get(key);
    if (!risks) {
      risks = pathRisks(callPath({ skype: u.skype, mailbox: u.mailbox }, ctx, byObject), blocked);
      risksByPath.set(key, risks);
    }
    return risks;
  };
  return {
    get total() {
      return users.length;
    },
    get done() {
      return done;
    },
    step(count: number) {
      const end = Math.min(users.length, done + Math.max(1, Math.floor(count)));
      for (; done < end; done++) {
        const u = users[done];
        const rules = userRuleIds({ skype: u.skype, mailbox: u.mailbox }, ctx);
        let blocked = false;
        let last = '';
        for (const r of rules) {
          // A user with two R-U-08 extensions counts once for the rule.
          if (r !== last) byRule.set(r, (byRule.get(r) ?? 0) + 1);
          last = r;
          if (r !== 'R-U-10') blocked = true;
        }
        const risks = risksOf(u, blocked);
        const riskRules = [...new Set(risks.flatMap((x) => (x.finding ? [x.finding.rule] : [])))];
        for (const r of riskRules) byRule.set(r, (byRule.get(r) ?? 0) + 1);
        if (blocked) failing.push({ sipAddress: u.sipAddress, displayName: u.displayName, verdict: 'fails', rules: [...rules, ...riskRules] });
        else if (risks.length > 0) {
          atRisk++;
          failing.push({ sipAddress: u.sipAddress, displayName: u.displayName, verdict: 'at-risk', rules: [...rules, ...riskRules] });
        } else working++;
      }
      return done < users.length;
    },
    result() {
      const counts: Record<string, number> = {};
      // In blocking order, so the report lists the counts the way the fixes must follow.
      for (const r of USER_RULES) if (byRule.has(r.id)) counts[r.id] = byRule.get(r.id)!;
      // Then the org rules that put users at risk, in the org's order (ID).
      for (const id of [...byRule.keys()].filter((k) => !(k in counts)).sort()) counts[id] = byRule.get(id)!;
      return {
        summary: { checked: done, working, failing: failing.length - atRisk, atRisk, byRule: counts, notFound: resolved.notFound, ambiguous: resolved.ambiguous },
        failing: failing.slice(),
        users: users.slice(0, done),
      };
    },
  };
}

/** Everyone (or the users the queries name) in one pass; `onProgress` after each slice of 5,000 users. */
export function checkUsers(
  index: UserIndex,
  ctx: UserRuleContext,
  queries?: readonly string[],
  onProgress?: (done: number, total: number) => void,
  findings: readonly Diagnostic[] = [],
): UsersCheckResult {
  const check = createUsersCheck(index, ctx, queries, findings);
  while (check.step(5000)) onProgress?.(check.done, check.total);
  onProgress?.(check.done, check.total);
  return check.result();
}

/** Header cells the first row may carry (then it is not a query). */
const HEADER =
  /^(sip ?(address|uri)?|sipaddress|user(name)?s?|(display ?)?name|e-?mail( ?address)?|mail|(primary ?)?smtp( ?address)?|upn|user ?principal ?name|identity|extension|phone( ?number)?|line ?uri|query|utilisateurs?|nom|adresse( sip| e-?mail)?|courriel|poste|t[ée]l[ée]phone|num[ée]ro)$/i;

/**
 * The queries of a CSV: the first column of each row; a header row is skipped when its first cell
 * is a column name (SipAddress, Email, Name, UserPrincipalName…); `,` or `;` separators (Excel in
 * French writes `;`), double-quoted cells with `""`, a UTF-8 BOM and Excel's `sep=` line.
 * Blank rows are skipped; the same query twice is kept once.
 */
export function csvQueries(text: string): string[] {
  let body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  let sep: ',' | ';' | null = null;
  const hint = /^sep=([,;])\s*?(\r\n|\n|\r|$)/i.exec(body);
  if (hint) {
    sep = hint[1] as ',' | ';';
    body = body.slice(hint[0].length);
  }
  if (sep === null) sep = detectSeparator(body);
  const out: string[] = [];
  const seen = new Set<string>();
  let i = 0;
  let row = 0;
  const n = body.length;
  while (i < n) {
    // First cell of the row.
    let cell = '';
    if (body[i] === '"') {
      let j = i + 1;
      for (;;) {
        const q = body.indexOf('"', j);
        if (q < 0) {
          cell += body.slice(j);
          j = n;
          break;
        }
        cell += body.slice(j, q);
        if (body[q + 1] === '"') {
          cell += '"';
          j = q + 2;
          continue;
        }
        j = q + 1;
        break;
      }
      i = j;
    } else {
      let k = i;
      while (k < n && body[k] !== '\n' && body[k] !== '\r' && body[k] !== sep) k++;
      cell = body.slice(i, k);
      i = k;
    }
    // Rest of the row, quotes respected (a quoted cell may hold a line break).
    let quoted = false;
    while (i < n) {
      const ch = body[i];
      if (ch === '"') quoted = !quoted;
      else if (!quoted && (ch === '\n' || ch === '\r')) break;
      i++;
    }
    if (body[i] === '\r' && body[i + 1] === '\n') i += 2;
    else if (i < n) i++;
    const value = cell.trim();
    row++;
    if (!value) continue;
    if (row === 1 && HEADER.test(value)) continue;
    if (!seen.has(value)) {
      seen.add(value);
      out.push(value);
    }
  }
  return out;
}

/** The separator of the first line, outside quotes: the one that occurs more (`,` on a tie, and for a one-column file). */
function detectSeparator(body: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch === ',') commas++;
    else if (!quoted && ch === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}
