/** The synthetic voice-mail tests' channels (docs/voicemail-tests.md): stored test users, the preview, the run. */
import { z } from 'zod';
import { channel } from '../contract/channel';
import type { SyntheticTestResult } from './task-output';
import type { CallHop } from '../users/user-model';

/** A stored test user as the renderer sees it: never its password, only whether one is kept. */
export interface TestCredentialView {
  readonly name: string;
  readonly userName: string;
  readonly sipAddress: string;
  readonly hasPassword: boolean;
}

export interface VoicemailPreviewView {
  readonly kind: 'connectivity' | 'voicemail';
  readonly command: string;
  readonly leavesVoiceMail: boolean;
  readonly sipAddress: string;
  readonly path: readonly CallHop[];
  readonly target: 'lab' | 'live';
}

const request = z.strictObject({
  kind: z.enum(['connectivity', 'voicemail']),
  credential: z.string().min(1).max(64),
  sipAddress: z.string().max(300).optional(),
});

export const VOICEMAIL_TEST_CHANNELS = {
  'voicemailTest.credentials': channel<readonly TestCredentialView[]>()(z.strictObject({})),
  /** Stores a test user: its account and SIP address in the settings, its password in the secret store only. */
  'voicemailTest.saveCredential': channel<readonly TestCredentialView[]>()(
    z.strictObject({ name: z.string().min(1).max(64), userName: z.string().min(1).max(256), sipAddress: z.string().min(1).max(300), password: z.string().min(1).max(256) }),
  ),
  'voicemailTest.removeCredential': channel<readonly TestCredentialView[]>()(z.strictObject({ name: z.string().min(1).max(64) })),
  /** The exact cmdlet, whether it leaves a voice mail, and the path the result will be placed on. */
  'voicemailTest.preview': channel<VoicemailPreviewView>()(request),
  /** Runs the test (Test-CsExUMVoiceMail only with confirmed: true). */
  'voicemailTest.run': channel<SyntheticTestResult>()(request.extend({ confirmed: z.boolean() })),
} as const;
