/**
 * Reads the whole org again where a fix writes — so what the fix service compares and verifies is what
 * the servers hold, never what the console expects:
 * - a live org: the active sessions, with the same capture and decoder as a live refresh and
 *   `umc capture` (main/services/live/capture.ts, snapshot-loader.ts);
 * - the lab: the user's copy as the lab endpoint committed it (Save-LabObject writes the whole file
 *   atomically, docs/lab-endpoint.md), decoded as the console opens it. A capture through the endpoint
 *   would not do: like remoting, it gives Get-CsCertificate for the session's server only and the
 *   Exchange certificates without their Services (docs/snapshot-format.md), so the org read that way
 *   differs from the lab org the preview was planned on (the OAuth findings R-O-05/R-O-06 vanish) and
 *   every plan would look stale.
 */
import type { ShellName } from '../../../shared/connections/profile';
import type { OrgModel } from '../../../shared/model/org';
import type { ShellSession } from '../../powershell/shell-session';
import { captureSnapshot } from '../live/capture';
import { loadSnapshotFile, decodeSnapshotObject } from '../snapshot-loader';

export interface FixSessions {
  readonly kind: 'lab' | 'live';
  /** The lab: the user's copy the endpoint writes. */
  readonly labPath?: string;
  readonly label: string;
  readonly exchange: ShellSession;
  readonly skype: ShellSession;
}

/** The cmdlets each session did not import (a cmdlet a plan needs and the session lacks is refused). */
export function missingOf(s: FixSessions): Readonly<Record<ShellName, ReadonlySet<string>>> {
  const set = (x: ShellSession) => new Set(x.missingCommands().map((c) => c.toLowerCase()));
  return { exchange: set(s.exchange), skype: set(s.skype) };
}

export interface OrgRead {
  readonly org: OrgModel;
  readonly calls: number;
  readonly ms: number;
}

export async function readOrgThrough(s: FixSessions, now: () => Date, pageSize?: number): Promise<OrgRead> {
  const started = Date.now();
  if (s.kind === 'lab' && s.labPath) return { org: await loadSnapshotFile(s.labPath, 'lab'), calls: 0, ms: Date.now() - started };
  const result = await captureSnapshot(
    { exchange: s.exchange.call, skype: s.skype.call },
    {
      label: s.label,
      powerShellVersion: s.exchange.status().psVersion ?? '',
      now,
      pageSize,
      missing: { exchange: s.exchange.missingCommands(), skype: s.skype.missingCommands() },
    },
  );
  const org = decodeSnapshotObject(result.snapshot, s.kind, s.kind, s.kind === 'lab' ? undefined : s.label);
  return { org, calls: result.calls, ms: Date.now() - started };
}
