/**
 * The Users screen's service: the helpdesk's "will this user's voice mail work?".
 *
 * - Search: a prefix index over the loaded org (built once per org). When the org is live, the SIP
 *   address and e-mail prefixes are also asked of the servers — filtered and paged there
 *   (`Get-CsUser -Filter "SipAddress -like 'sip:q*'" -ResultSize n`, `Get-Mailbox -Filter
 *   "PrimarySmtpAddress -like 'q*'"`), never every user in one call — so a user made since the
 *   capture is found too.
 * - Verdict: live, the user's two halves are read fresh (Get-CsUser, Get-Mailbox, Get-UMMailbox by
 *   identity) and judged against the captured topology; otherwise from the loaded org.
 * - Verdicts are judged with the loaded org's findings (evaluateRules): an org finding on the user's
 *   call path that affects the user makes the verdict "at risk" (docs/user-rules.md, "The verdict").
 * - Check everyone (or a CSV's users): one pass over the index in the background, with progress.
 * Read-only: nothing here writes anywhere but the export file the user chooses.
 */
import { dedupeObjects, RECIPIENT_DEDUPE } from '../../../shared/snapshot/capture-plan';
import { type EventSink, NO_EVENTS } from '../../../shared/contract/channels';
import type { UsersCheckProgress } from '../../../shared/users/user-channels';
import { type Language, UserError } from '../../../shared/i18n/translate';
import type { OrgModel, SkypeUser, UmMailbox } from '../../../shared/model/org';
import { decodeMailbox, decodeSkypeUser } from '../../../shared/snapshot/decode';
import { createUsersCheck, csvQueries, type UsersCheckResult } from '../../../shared/users/check-all';
import { buildUserIndex, matchUsers, searchUsers, toMatch, type UserIndex, type UserQueryMatch } from '../../../shared/users/user-index';
import { MAX_FAILING_SHOWN, MAX_SEARCH_RESULTS, type UserMatch, type UserSearchResult, type UserVerdict } from '../../../shared/users/user-model';
import { buildUserRuleContext } from '../../../shared/users/user-rules';
import { usersCheckCsv, usersHtmlReport } from '../../../shared/users/users-report';
import { userVerdict, verdictOf, withVerdicts } from '../../../shared/users/verdict';
import { decodeCsvBytes } from '../../../shared/contacts/contact-csv';
import type { CallResult } from '../../powershell/shell-session';
import { PowerShellError } from '../../powershell/powershell-host';
import { type ConnectionsService, type FileDialogs, writeExportFile } from '../live/connections-service';
import type { LoadedOrg, OrgService } from '../org-service';
import type { Clock, Logger } from '../../ports';

export interface UserServiceDeps {
  readonly org: OrgService;
  readonly connections: ConnectionsService;
  readonly dialogs: FileDialogs;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly language: () => Promise<Language>;
  /** Where `users.checkProgress` is published (the screen listens; the CLI waits on checkDone()). */
  readonly events?: EventSink;
}

/** The users one query names, as `umc user QUERY` and a CSV line name them (`matchUsers`), each with its verdict. */
export interface UserLookup {
  readonly query: string;
  readonly how: UserQueryMatch['how'];
  readonly matches: readonly UserMatch[];
  /** How many users the query names in all (more than `matches` when capped). */
  readonly total: number;
}

export interface UserService {
  /** Prefix search for the search box; each result carries its verdict. */
  search(query: string, limit?: number): Promise<UserSearchResult>;
  /** The users a query names (`matchUsers`): the whole value first, else by prefix; live, the servers are asked when the loaded org names nobody. */
  lookup(query: string, limit?: number): Promise<UserLookup>;
  verdict(sipAddress: string): Promise<UserVerdict>;
  startCheck(csv?: { readonly fileName: string; readonly bytes: Uint8Array }): Promise<UsersCheckProgress>;
  progress(): UsersCheckProgress;
  /** Resolves when the running check (if any) has ended (the CLI, tests). */
  checkDone(): Promise<UsersCheckProgress>;
  exportTo(format: 'csv' | 'html', path: string): Promise<number>;
  /** Every user the last finished check judged, with its full verdict (the CLI's `users check --json`); empty before any. */
  checkedVerdicts(): readonly UserVerdict[];
  export(format: 'csv' | 'html'): Promise<{ readonly path: string | null; readonly users: number }>;
}

/** What a server-side prefix filter may carry: an OPATH filter is a string, so only plain address characters go into one. */
/** Users judged between two looks at the event loop during a check (100,000 users: about 50 slices). */
const CHECK_SLICE = 2000;

const SAFE_PREFIX = /^[A-Za-z0-9._+@-]{2,100}$/;

const isNotFound = (e: unknown) => e instanceof PowerShellError && (e.info.category === 'ObjectNotFound' || /NotFound/i.test(e.info.errorId));

interface Prepared {
  readonly loaded: LoadedOrg;
  readonly index: UserIndex;
  readonly ctx: ReturnType<typeof buildUserRuleContext>;
}

export function createUserService(deps: UserServiceDeps): UserService {
  let prepared: Prepared | null = null;
  let check: {
    progress: { running: boolean; done: number; total: number; finishedAt: string | null };
    result: UsersCheckResult | null;
    done: Promise<void>;
    prepared: Prepared;
  } | null = null;

  async function prepare(): Promise<Prepared> {
    const loaded = await deps.org.current();
    if (prepared?.loaded === loaded) return prepared;
    prepared = { loaded, index: buildUserIndex(loaded.org), ctx: buildUserRuleContext(loaded.org) };
    return prepared;
  }

  /** The live shells when the org on screen came from them. */
  function liveShells(org: OrgModel) {
    if (org.source.kind !== 'live') return null;
    const s = deps.connections.shells();
    return s.exchange && s.skype ? { exchange: s.exchange, skype: s.skype } : null;
  }

  async function liveSearch(org: OrgModel, query: string, limit: number): Promise<UserMatch[]> {
    const shells = liveShells(org);
    const q = query.trim();
    if (!shells || !SAFE_PREFIX.test(q)) return [];
    const sipPrefix = q.toLowerCase().startsWith('sip:') ? q : `sip:${q}`;
    const calls: Promise<CallResult | null>[] = [
      shells.skype
        .call('Get-CsUser', { Filter: `SipAddress -like '${sipPrefix}*'`, ResultSize: String(limit + 1) }, { mode: 'read', select: ['SipAddress', 'DisplayName', 'LineURI', 'UserPrincipalName'] })
        .catch(() => null),
      q.includes('@') || /^[A-Za-z]/.test(q)
        ? shells.exchange
            .call(
              'Get-Mailbox',
              { Filter: `PrimarySmtpAddress -like '${q}*'`, ResultSize: String(limit + 1) },
              { mode: 'read', select: ['PrimarySmtpAddress', 'DisplayName', 'EmailAddresses', 'Guid'] },
            )
            .catch(() => null)
        : Promise.resolve(null),
    ];
    const [users, mailboxes] = await Promise.all(calls);
    const out: UserMatch[] = [];
    for (const o of users?.objects ?? []) {
      const u = o as Record<string, unknown>;
      if (typeof u.SipAddress !== 'string') continue;
      out.push({
        sipAddress: u.SipAddress,
        displayName: String(u.DisplayName ?? ''),
        email: typeof u.UserPrincipalName === 'string' ? u.UserPrincipalName : null,
        extension: null,
        phone: typeof u.LineURI === 'string' && u.LineURI ? u.LineURI : null,
        matchedOn: 'sip',
        verdict: null,
      });
    }
    // The PrimarySmtpAddress filter also matches secondary addresses (capture-plan.ts RECIPIENT_DEDUPE):
    // one mailbox per Guid (else DN, else primary address), as the capture keeps them.
    for (const o of dedupeObjects(mailboxes?.objects ?? [], RECIPIENT_DEDUPE)) {
      const m = o as Record<string, unknown>;
      const proxies = Array.isArray(m.EmailAddresses) ? (m.EmailAddresses as unknown[]).map(String) : [];
      const sip =
        proxies.find((p) => /^sip:/i.test(p)) ??
        proxies
          .find((p) => /^eum:/i.test(p))
          ?.replace(/^eum:/i, 'sip:')
          .replace(/;.*$/, '');
      if (!sip) continue;
      out.push({
        sipAddress: sip,
        displayName: String(m.DisplayName ?? ''),
        email: typeof m.PrimarySmtpAddress === 'string' ? m.PrimarySmtpAddress : null,
        extension: null,
        phone: null,
        matchedOn: 'email',
        verdict: null,
      });
    }
    return out;
  }

  /** The user's two halves read fresh from the live servers (null: not found there). */
  async function liveHalves(org: OrgModel, sip: string, known: { skype: SkypeUser | null; exchange: UmMailbox | null }): Promise<{ skype: SkypeUser | null; exchange: UmMailbox | null } | null> {
    const shells = liveShells(org);
    if (!shells) return null;
    const read = async (call: () => Promise<CallResult>) => {
      try {
        return (await call()).objects[0] ?? null;
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    };
    const skypeObj = await read(() => shells.skype.call('Get-CsUser', { Identity: sip }, { mode: 'read' }));
    const mailboxId = known.exchange?.primarySmtpAddress ?? sip.replace(/^sip:/i, '');
    const [mailboxObj, umObj] = await Promise.all([
      read(() => shells.exchange.call('Get-Mailbox', { Identity: mailboxId }, { mode: 'read' })),
      read(() => shells.exchange.call('Get-UMMailbox', { Identity: mailboxId }, { mode: 'read' })),
    ]);
    return { skype: skypeObj ? decodeSkypeUser(skypeObj) : null, exchange: mailboxObj ? decodeMailbox(mailboxObj, umObj) : null };
  }

  function snapshot(): UsersCheckProgress {
    const empty = { checked: 0, working: 0, failing: 0, atRisk: 0, byRule: {}, notFound: [], ambiguous: [] };
    if (!check) return { running: false, done: 0, total: 0, summary: empty, failing: [], finishedAt: null };
    return {
      running: check.progress.running,
      done: check.progress.done,
      total: check.progress.total,
      summary: check.result?.summary ?? empty,
      failing: (check.result?.failing ?? []).slice(0, MAX_FAILING_SHOWN),
      finishedAt: check.progress.finishedAt,
    };
  }

  const events = deps.events ?? NO_EVENTS;
  /** The check moved: the event hub reads snapshot() when it delivers. */
  const changed = () => events.publish('users.checkProgress', snapshot);
  // The stream exists from the start: a screen that subscribes before any check gets the empty state.
  changed();

  return {
    async search(query, limit = 20) {
      const p = await prepare();
      const n = Math.min(MAX_SEARCH_RESULTS, Math.max(1, limit));
      const found = searchUsers(p.index, query, n);
      // Judged as when opened: under 1 ms for a page of 50 results on a 100,000-user org (docs/user-rules.md, "Search results").
      const local = { ...found, matches: withVerdicts(p.index, p.ctx, found.matches, p.loaded.findings) };
      const remote = await liveSearch(p.loaded.org, query, n);
      if (!remote.length) return local;
      const seen = new Set(local.matches.map((m) => m.sipAddress.toLowerCase()));
      const merged = [...local.matches, ...remote.filter((m) => !seen.has(m.sipAddress.toLowerCase()) && (seen.add(m.sipAddress.toLowerCase()), true))];
      return { query, matches: merged.slice(0, n), truncated: local.truncated || merged.length > n };
    },

    async lookup(query, limit = MAX_SEARCH_RESULTS) {
      const p = await prepare();
      const n = Math.min(MAX_SEARCH_RESULTS, Math.max(1, limit));
      const m = matchUsers(p.index, query, n);
      if (m.total > 0) {
        const matches = withVerdicts(
          p.index,
          p.ctx,
          m.users.map((u) => toMatch(u, 'name')),
          p.loaded.findings,
        );
        return { query, how: m.how, matches, total: m.total };
      }
      // A user made on the servers since the capture: found there by prefix, judged when read.
      const remote = await liveSearch(p.loaded.org, query, n);
      return { query, how: remote.length ? 'prefix' : 'none', matches: remote, total: remote.length };
    },

    async verdict(sipAddress) {
      const p = await prepare();
      const known = userVerdict(p.index, p.ctx, sipAddress, p.loaded.findings);
      const fresh = await liveHalves(p.loaded.org, sipAddress, { skype: known?.skype ?? null, exchange: known?.exchange ?? null });
      if (fresh && (fresh.skype || fresh.exchange)) return verdictOf(fresh, p.ctx, p.loaded.findings);
      if (!known) throw new UserError({ key: 'users.error.notFound', params: { sip: sipAddress, source: p.loaded.org.source.label } });
      return known;
    },

    async startCheck(csv) {
      if (check?.progress.running) return snapshot();
      const p = await prepare();
      const sips = csv ? csvQueries(decodeCsvBytes(csv.bytes).text) : undefined;
      const job = createUsersCheck(p.index, p.ctx, sips, p.loaded.findings);
      const progress = { running: true, done: 0, total: job.total, finishedAt: null as string | null };
      const current = { progress, result: null as UsersCheckResult | null, done: Promise.resolve(), prepared: p };
      // One pass in slices, yielding to the event loop between them so the progress can be delivered.
      current.done = (async () => {
        while (job.step(CHECK_SLICE)) {
          progress.done = job.done;
          await new Promise((r) => setImmediate(r));
          // After the yield: `check` is this run by then.
          changed();
        }
        progress.done = job.done;
        current.result = job.result();
      })()
        .catch((e: unknown) => deps.logger.log('error', 'users check failed', { error: e instanceof Error ? e.message : String(e) }))
        .finally(() => {
          progress.running = false;
          progress.finishedAt = deps.clock.now().toISOString();
          changed();
        });
      check = current;
      changed();
      return snapshot();
    },

    progress: snapshot,

    async checkDone() {
      await check?.done;
      return snapshot();
    },

    checkedVerdicts() {
      if (!check?.result) return [];
      const { result, prepared: p } = check;
      return result.users.map((u) => verdictOf(u, p.ctx, p.loaded.findings));
    },

    async exportTo(format, path) {
      if (!check?.result) throw new UserError({ key: 'users.export.noCheck' });
      const language = await deps.language();
      const { result, prepared: p } = check;
      const text =
        format === 'csv'
          ? usersCheckCsv(p.ctx, result, language, p.loaded.findings)
          : usersHtmlReport({ summary: result.summary, failing: result.failing, source: p.loaded.org.source, generatedAt: check.progress.finishedAt ?? deps.clock.now().toISOString() }, language);
      await writeExportFile(path, text);
      return check.result.summary.checked;
    },

    async export(format) {
      const path = await deps.dialogs.chooseSavePath(format === 'csv' ? 'umc-voicemail-check.csv' : 'umc-voicemail-report.html');
      if (!path) return { path: null, users: 0 };
      return { path, users: await this.exportTo(format, path) };
    },
  };
}
