/**
 * What the directory says about the operator of a write target: who they are, whether they are in
 * the RTC admin groups, which OUs exist and where they may create a contact. Read once a minute per
 * target; a failed read is "unknown" (null), not an error — the rule that needs it is then not judged.
 */
import { type ContactOperation, RTC_SERVER_ADMINS, RTC_USER_ADMINS } from '../../../shared/contacts/contact-model';
import type { ValidationContext } from '../../../shared/contacts/contact-validation';
import type { ExUmContact } from '../../../shared/model/org';
import { PowerShellError } from '../../powershell/powershell-host';
import type { Clock, Logger } from '../../ports';
import { isNotFound, type WriteTarget } from './write-target';

/** The directory checks are cached this long per target. */
const CHECKS_TTL_MS = 60_000;

export interface DirectoryChecks {
  readonly at: number;
  readonly operator: string | null;
  readonly groups: { readonly serverAdmins: boolean | null; readonly userAdmins: boolean | null } | null;
  readonly ous: readonly string[] | null;
  /** Test-CsOUPermission per OU (lower case), filled as OUs are asked about. */
  readonly ouPermission: Map<string, boolean | null>;
}

export interface DirectoryCheckCache {
  /** The checks of the target: the cached ones while fresh, else read again. */
  of(target: WriteTarget): Promise<DirectoryChecks>;
  /** The cached checks of the target, however old; null when none (validation as you type never waits for a server). */
  cached(target: WriteTarget): DirectoryChecks | null;
  /** May the operator create a contact in the OU (null: unknown)? Asked once per OU. */
  ouPermission(target: WriteTarget, checks: DirectoryChecks, ou: string): Promise<boolean | null>;
  /** What the contact rules need to know about the directory for this operation. */
  validationContext(operation: ContactOperation, original: ExUmContact | null, target: WriteTarget | null): Promise<ValidationContext>;
  /** Forget them (the lab was reset). */
  clear(): void;
}

/**
 * Test-CsOUPermission's answer. The cmdlet "returns True if the correct permissions have been applied,
 * and returns False if [not]", as an instance of Microsoft.Rtc.SyntheticTransactions.TaskOutput
 * (https://learn.microsoft.com/powershell/module/skype/test-csoupermission): over remoting a property
 * bag whose `Result` is `Success` or `Failure` (a string, or {Value} where the type is rehydrated). A
 * plain boolean or its text is read too. null: not understood (the check is then not made).
 */
export function ouPermissionOf(output: unknown): boolean | null {
  const fromText = (v: unknown): boolean | null => {
    if (typeof v === 'boolean') return v;
    if (typeof v !== 'string') return null;
    if (/^(true|success)$/i.test(v.trim())) return true;
    if (/^(false|failure)$/i.test(v.trim())) return false;
    return null;
  };
  const direct = fromText(output);
  if (direct !== null || !output || typeof output !== 'object' || Array.isArray(output)) return direct;
  const o = output as Record<string, unknown>;
  for (const k of ['Result', 'TaskResult', 'Value']) {
    const v = o[k];
    const r = fromText(v && typeof v === 'object' && !Array.isArray(v) ? ((v as Record<string, unknown>).Value ?? (v as Record<string, unknown>).value) : v);
    if (r !== null) return r;
  }
  return null;
}

const keyOf = (t: WriteTarget) => `${t.kind}:${t.profile}`;

export function createDirectoryCheckCache(deps: { readonly clock: Clock; readonly logger: Logger }): DirectoryCheckCache {
  let cache: { key: string; value: DirectoryChecks } | null = null;
  const now = () => deps.clock.now().getTime();

  async function of(t: WriteTarget): Promise<DirectoryChecks> {
    const key = keyOf(t);
    if (cache && cache.key === key && now() - cache.value.at < CHECKS_TTL_MS) return cache.value;
    let operator: string | null = null;
    try {
      operator = await t.operator();
    } catch (e) {
      deps.logger.log('warn', 'contacts: operator unknown', { error: e instanceof Error ? e.message : String(e) });
    }
    let groups: DirectoryChecks['groups'] = null;
    if (operator) {
      try {
        const user = (await t.exchange('Get-User', { Identity: operator }, 'read')).objects[0] as Record<string, unknown> | undefined;
        const ids = new Set(
          [operator, user?.Identity, user?.SamAccountName, user?.UserPrincipalName, user?.DistinguishedName].filter((x): x is string => typeof x === 'string').map((x) => x.toLowerCase()),
        );
        const member = async (group: string): Promise<boolean | null> => {
          try {
            const g = (await t.exchange('Get-Group', { Identity: group }, 'read')).objects[0] as Record<string, unknown> | undefined;
            const members = Array.isArray(g?.Members) ? (g!.Members as unknown[]).map((m) => String(m).toLowerCase()) : [];
            return members.some((m) => ids.has(m));
          } catch {
            return null;
          }
        };
        groups = { serverAdmins: await member(RTC_SERVER_ADMINS), userAdmins: await member(RTC_USER_ADMINS) };
      } catch (e) {
        deps.logger.log('warn', 'contacts: group membership unknown', { error: e instanceof Error ? e.message : String(e) });
      }
    }
    let ous: string[] | null = null;
    try {
      // Every OU: the cmdlet returns 1,000 by default; -ResultSize Unlimited exists from Exchange 2013
      // (https://learn.microsoft.com/powershell/module/exchange/get-organizationalunit). An Exchange
      // 2010 shell has no such parameter: asked again without it.
      const r = await t.exchange('Get-OrganizationalUnit', { ResultSize: 'Unlimited' }, 'read').catch((e: unknown) => {
        if (e instanceof PowerShellError && /^NamedParameterNotFound\b/.test(e.info.errorId)) return t.exchange('Get-OrganizationalUnit', {}, 'read');
        throw e;
      });
      ous = r.objects.map((o) => (o as Record<string, unknown>).DistinguishedName).filter((x): x is string => typeof x === 'string');
    } catch (e) {
      deps.logger.log('warn', 'contacts: OUs unknown', { error: e instanceof Error ? e.message : String(e) });
    }
    const value: DirectoryChecks = { at: now(), operator, groups, ous, ouPermission: new Map() };
    cache = { key, value };
    return value;
  }

  async function ouPermission(t: WriteTarget, c: DirectoryChecks, ou: string): Promise<boolean | null> {
    const k = ou.toLowerCase();
    if (c.ouPermission.has(k)) return c.ouPermission.get(k)!;
    let v: boolean | null;
    try {
      const r = await t.skype('Test-CsOUPermission', { OU: ou, ObjectType: 'Contact' }, 'read');
      v = ouPermissionOf(r.objects[0]);
    } catch (e) {
      // An OU that does not exist is refused by the cmdlet: R-C-09 says so through knownOus.
      v = isNotFound(e) ? false : null;
    }
    c.ouPermission.set(k, v);
    return v;
  }

  return {
    of,
    cached: (t) => (cache && cache.key === keyOf(t) ? cache.value : null),
    ouPermission,
    async validationContext(op, original, t) {
      if (!t) return { original };
      const c = await of(t);
      const ou = op.op === 'create' ? op.draft.ou : null;
      return {
        original,
        operatorGroups: c.groups,
        knownOus: c.ous,
        ouPermission: ou ? await ouPermission(t, c, ou) : null,
      };
    },
    clear() {
      cache = null;
    },
  };
}
