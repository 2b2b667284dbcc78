/**
 * The user's writable copy of the lab org and the lab endpoint's shell over it. The shipped lab
 * file is never written: the copy is made on first use (the application's user data, the CLI's
 * home, a temporary file in tests) and the editor shell writes to it through the same
 * New/Set/Move/Remove-CsExUmContact a live server takes (docs/lab-endpoint.md).
 */
import { VOICEMAIL_TEST_CMDLETS } from '../../../shared/voicemail/synthetic-test';
import { existsSync } from 'node:fs';
import { CONTACT_EXCHANGE_CHECKS, CONTACT_SKYPE_CHECKS, CONTACT_WRITE_CMDLETS } from '../../../shared/contacts/contact-model';
import { UserError } from '../../../shared/i18n/translate';
import { commandsFor } from '../../../shared/snapshot/capture-plan';
import type { ShellSession } from '../../powershell/shell-session';
import { copyFileAtomic } from '../atomic-write';
import { createLabEditorShell, type PowerShellRuntime } from '../live/connections-service';
import { FIX_CMDLETS } from '../fixes/fix-cmdlets';
import type { Clock, Logger } from '../../ports';

export interface LabCopyDeps {
  readonly runtime: PowerShellRuntime;
  /** The lab org as shipped. */
  readonly shippedPath: string;
  /** Where the user's copy goes (null: the lab stays read-only). */
  readonly userPath: string | null;
  readonly clock: Clock;
  readonly logger: Logger;
}

export interface LabCopy {
  /** Null: there is no place for a copy, the lab stays read-only. */
  readonly userPath: string | null;
  /** The lab endpoint's shell over the copy, opened on first use (the copy is made then). */
  editor(): Promise<ShellSession>;
  /** The shipped lab org back: the listeners run first (a fix run stops), then the editor shell closes and the copy is overwritten. */
  reset(): Promise<void>;
  /** Called by reset before the copy is overwritten (the fix service drops its previews and its last run). */
  onReset(listener: () => Promise<void>): void;
  dispose(): Promise<void>;
}

/**
 * The user's copy of the lab org, made from the shipped one when it does not exist yet; its path. One file for
 * everything that serves the lab: the org the console loads, the contact editor's shell and the `lab:`
 * connection's sessions (main/compose.ts), so a contact written by any of them is in the org all of them read.
 */
export async function ensureLabCopy(shippedPath: string, userPath: string): Promise<string> {
  if (!existsSync(userPath)) await copyFileAtomic(shippedPath, userPath, { mkdirs: true });
  return userPath;
}

export function createLabCopy(deps: LabCopyDeps): LabCopy {
  let shell: ShellSession | null = null;
  // Set by dispose: a shell asked for while the console closes (a list still loading) is never started, so none outlives it.
  let disposed = false;
  const resetListeners: (() => Promise<void>)[] = [];

  async function ensureCopy(): Promise<string> {
    const path = deps.userPath;
    if (!path) throw new UserError({ key: 'contacts.readonly.noLabCopy', params: {} });
    return ensureLabCopy(deps.shippedPath, path);
  }

  async function closeShell(): Promise<void> {
    const open = shell;
    shell = null;
    await open?.close();
  }

  return {
    userPath: deps.userPath,

    async editor() {
      if (shell) return shell;
      const dataPath = await ensureCopy();
      if (disposed) throw new Error('the lab copy is closed: the console is closing');
      if (shell) return shell;
      const opening = createLabEditorShell(deps.runtime, deps, {
        dataPath,
        // The contact editor's cmdlets, every read of a capture (the fix service reads the org again through
        // this shell: main/services/fixes/fix-org-reader.ts) and the fix cmdlets (docs/fixes.md).
        commands: [
          ...new Set([
            'Get-UmcLabEndpointInfo',
            ...CONTACT_WRITE_CMDLETS,
            ...CONTACT_SKYPE_CHECKS,
            ...CONTACT_EXCHANGE_CHECKS,
            ...commandsFor('exchange'),
            ...commandsFor('skype'),
            ...FIX_CMDLETS.exchange,
            ...FIX_CMDLETS.skype,
            // The synthetic voice-mail tests (docs/voicemail-tests.md).
            ...VOICEMAIL_TEST_CMDLETS.skype,
          ]),
        ],
      });
      shell = opening;
      try {
        await opening.open();
      } catch (e) {
        shell = null;
        await opening.close().catch(() => undefined);
        throw e;
      }
      return opening;
    },

    async reset() {
      for (const l of resetListeners) await l();
      await closeShell();
      await copyFileAtomic(deps.shippedPath, deps.userPath!, { mkdirs: true });
    },

    onReset(listener) {
      resetListeners.push(listener);
    },

    async dispose() {
      disposed = true;
      await closeShell();
    },
  };
}
