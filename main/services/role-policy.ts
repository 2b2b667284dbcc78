/**
 * The role policy file: a JSON file a Windows administrator deploys beside the console (in
 * %ProgramData%, which a standard user cannot write) to pin every connection profile of this machine
 * to the read-only helpdesk role (docs/live-sessions.md, "Roles and the policy file"):
 *
 *   { "version": 1, "role": "helpdesk" }
 *
 * The settings file is the user's own, so only a file the user cannot write can hold against the user
 * (or a compromised renderer): no file, no pin. A file that is there but unreadable or not of this
 * form pins helpdesk too — a policy an administrator meant to deploy is never read as "no policy".
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { ProfileRole } from '../../shared/connections/profile';
import type { Logger } from '../ports';

/** Where the policy file is by default: %ProgramData%\UMIntegrationConsole\policy.json on Windows, /etc/umc/policy.json elsewhere. */
export function defaultRolePolicyFile(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env): string {
  if (platform === 'win32') return join(env.ProgramData || 'C:\\ProgramData', 'UMIntegrationConsole', 'policy.json');
  return '/etc/umc/policy.json';
}

const policySchema = z.strictObject({
  version: z.literal(1),
  role: z.literal('helpdesk').optional(),
});

export interface RolePolicy {
  /** The role every profile of this machine has whatever it says (null: the profile's own role). */
  readonly pinnedRole: ProfileRole | null;
  /** The file read (for the messages: which file pins it). */
  readonly file: string;
}

/** Reads the policy file at every call: an administrator's change applies without a restart. */
export async function readRolePolicy(file: string, logger?: Logger): Promise<RolePolicy> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { pinnedRole: null, file };
    logger?.log('warn', 'role policy: unreadable, helpdesk pinned', { file, code: (e as NodeJS.ErrnoException).code ?? 'error' });
    return { pinnedRole: 'helpdesk', file };
  }
  let data: unknown;
  try {
    // Notepad and PowerShell 5.1's Out-File write a BOM.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    data = undefined;
  }
  const parsed = policySchema.safeParse(data);
  if (!parsed.success) {
    logger?.log('warn', 'role policy: not of the documented form, helpdesk pinned', { file });
    return { pinnedRole: 'helpdesk', file };
  }
  return { pinnedRole: parsed.data.role ?? null, file };
}
