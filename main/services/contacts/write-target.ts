/**
 * Where a contact change goes, or why it may not:
 * - the lab org: a shell on the lab endpoint over the user's copy of the lab org (the endpoint
 *   implements New/Set/Move/Remove-CsExUmContact like the real cmdlets) — the same host, typed
 *   parameters and cmdlets as live; Node never writes a contact itself;
 * - a live org: the active profile's Skype session (and its Exchange session for the directory checks);
 * - a snapshot file, a helpdesk profile, no PowerShell: nowhere — read-only, and the reason says why.
 */
import type { WriteAccess } from '../../../shared/contacts/contact-channels';
import { resolveEndpoint } from '../../../shared/connections/profile';
import { UserError } from '../../../shared/i18n/translate';
import type { ExUmContact } from '../../../shared/model/org';
import { decodeExUmContact } from '../../../shared/snapshot/decode';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import type { CallResult } from '../../powershell/shell-session';
import type { ConnectionsService, PowerShellRuntime } from '../live/connections-service';
import type { OrgService } from '../org-service';
import type { LabCopy } from './lab-copy';

export type TargetCall = (command: string, parameters: Parameters, mode: 'read' | 'write') => Promise<CallResult>;

/** The sessions a change runs on. */
export interface WriteTarget {
  readonly kind: 'lab' | 'live';
  readonly profile: string;
  readonly skype: TargetCall;
  readonly exchange: TargetCall;
  /** The account the sessions run as. */
  operator(): Promise<string>;
}

/** Why writes may not run: an i18n message with plain parameters, as the screen shows it. */
export type WriteRefusal = NonNullable<WriteAccess['reason']>;

export type TargetResolution = { readonly target: WriteTarget } | { readonly refusal: WriteRefusal };

export interface WriteTargets {
  resolve(): Promise<TargetResolution>;
  /** The target, or a UserError saying why there is none. */
  require(): Promise<WriteTarget>;
  /** Null when a write channel may run; else why not (the dispatcher refuses the channel). */
  writeRefusal(): string | null;
}

export interface WriteTargetsDeps {
  readonly org: OrgService;
  readonly connections: ConnectionsService;
  readonly runtime: PowerShellRuntime;
  readonly lab: LabCopy;
}

/** The lab endpoint's operator (the account its RBAC checks, docs/lab-endpoint.md). */
async function labOperator(call: TargetCall): Promise<string> {
  const info = (await call('Get-UmcLabEndpointInfo', {}, 'read')).objects[0] as Record<string, unknown> | undefined;
  return typeof info?.Operator === 'string' ? info.Operator : 'lab';
}

export function createWriteTargets(deps: WriteTargetsDeps): WriteTargets {
  function labTarget(): WriteTarget {
    const call: TargetCall = async (command, parameters, mode) => (await deps.lab.editor()).call(command, parameters, { mode });
    return { kind: 'lab', profile: 'lab', skype: call, exchange: call, operator: () => labOperator(call) };
  }

  async function resolve(): Promise<TargetResolution> {
    const profile = deps.connections.activeProfile();
    if (profile?.role === 'helpdesk') return { refusal: { key: 'contacts.readonly.helpdesk', params: { profile: profile.name } } };
    const l = await deps.org.current();
    const kind = l.org.source.kind;
    if (kind === 'live') {
      const shells = deps.connections.shells();
      if (!profile || !shells.skype || !shells.exchange) return { refusal: { key: 'contacts.readonly.notConnected', params: {} } };
      const skype = shells.skype;
      const exchange = shells.exchange;
      const skypeCall: TargetCall = (c, p, mode) => skype.call(c, p, { mode });
      const endpoint = resolveEndpoint('skype', profile.skype);
      const onLab = endpoint.ok && endpoint.endpoint.kind !== 'wsman';
      return {
        target: {
          kind: 'live',
          profile: profile.name,
          skype: skypeCall,
          exchange: (c, p, mode) => exchange.call(c, p, { mode }),
          // Who the sessions run as: on the lab endpoint, the account it checks; else the stored credential's user,
          // else the logged-on Windows identity.
          operator: async () =>
            onLab
              ? labOperator(skypeCall)
              : (profile.userName ?? (process.env.USERDOMAIN && process.env.USERNAME ? `${process.env.USERDOMAIN}\\${process.env.USERNAME}` : (process.env.USERNAME ?? process.env.USER ?? 'unknown'))),
        },
      };
    }
    if (kind === 'lab') {
      if (!deps.runtime.executable) return { refusal: { key: 'contacts.readonly.noPowerShell', params: {} } };
      if (!deps.lab.userPath) return { refusal: { key: 'contacts.readonly.noLabCopy', params: {} } };
      return { target: labTarget() };
    }
    return { refusal: { key: 'contacts.readonly.snapshot', params: {} } };
  }

  return {
    resolve,
    async require() {
      const r = await resolve();
      if ('refusal' in r) throw new UserError(r.refusal);
      return r.target;
    },
    writeRefusal() {
      const p = deps.connections.activeProfile();
      return p?.role === 'helpdesk' ? `the profile ${p.name} is read-only (helpdesk)` : null;
    },
  };
}

/** The cmdlet's "not found": the object does not exist (or no longer). */
export const isNotFound = (e: unknown): boolean => e instanceof PowerShellError && (e.info.category === 'ObjectNotFound' || /NotFound/i.test(e.info.errorId));

/** The contact as the server holds it now (null: it does not exist). */
export async function readContact(t: WriteTarget, identity: string): Promise<ExUmContact | null> {
  try {
    const r = await t.skype('Get-CsExUmContact', { Identity: identity }, 'read');
    return r.objects.length ? decodeExUmContact(r.objects[0]) : null;
  } catch (e) {
    if (isNotFound(e)) return null;
    throw e;
  }
}
