/**
 * The synthetic voice-mail tests run for a user (docs/voicemail-tests.md):
 *
 * - Where: the lab org's endpoint or the live sessions — the same targets as every change
 *   (main/services/contacts/write-target.ts); a snapshot file has no server to call.
 * - Whose credentials: a test user stored once by name — its account and SIP address in the
 *   settings (`voicemailTestCredentials`), its password only in the secret store
 *   (main/services/secret-store.ts), read here when a test runs and handed to the host as a
 *   credential parameter, never to the renderer, a log or a file in plain text. The CLI may pass the
 *   password for one run instead (UMC_TEST_PASSWORD or a prompt).
 * - Test-CsExUMVoiceMail leaves a voice mail in the receiver's mailbox: like a change it is run only
 *   when confirmed, and the audit log records its intent before and its outcome after.
 * - The answer is decoded and placed on the user's call path (shared/voicemail/task-output.ts).
 */
import { UserError } from '../../../shared/i18n/translate';
import type { CallHop } from '../../../shared/users/user-model';
import { bareSip } from '../../../shared/users/user-index';
import { buildSyntheticCall, checkTestCredential, normalizeSip, secretKey, syntheticCommandText, type SyntheticCall, type TestCredential } from '../../../shared/voicemail/synthetic-test';
import { decodeTaskOutput, placeOnPath, rawTaskOutput, type SyntheticTestResult } from '../../../shared/voicemail/task-output';
import type { Parameters } from '../../powershell/host-protocol';
import { PowerShellError } from '../../powershell/powershell-host';
import type { Clock, Logger } from '../../ports';
import type { AuditLog } from '../audit/audit-log';
import type { WriteTargets } from '../contacts/write-target';
import type { OrgService } from '../org-service';
import type { SettingsStore } from '../ports';
import type { SecretStore } from '../secret-store';
import type { UserService } from '../users/user-service';

/** The settings key of the stored test users (never a password). */
export const CREDENTIALS_SETTING = 'voicemailTestCredentials';

export interface StoredTestCredential extends TestCredential {
  /** The secret store holds its password. */
  readonly hasPassword: boolean;
}

export type SkypeTestKind = 'connectivity' | 'voicemail';

export interface VoicemailTestRequest {
  readonly kind: SkypeTestKind;
  /** The stored test user's name. */
  readonly credential: string;
  /** Test-CsExUMVoiceMail: the user whose voice mail receives the message (required); Test-CsExUMConnectivity tests the test user itself. */
  readonly sipAddress?: string;
}

export interface VoicemailTestPreview {
  readonly kind: SkypeTestKind;
  readonly command: string;
  readonly leavesVoiceMail: boolean;
  /** The user whose call path the result will be placed on, and that path as the org shows it now. */
  readonly sipAddress: string;
  readonly path: readonly CallHop[];
  readonly target: 'lab' | 'live';
}

export interface VoicemailTestService {
  credentials(): Promise<readonly StoredTestCredential[]>;
  saveCredential(c: { readonly name: string; readonly userName: string; readonly sipAddress: string; readonly password: string }): Promise<readonly StoredTestCredential[]>;
  removeCredential(name: string): Promise<readonly StoredTestCredential[]>;
  preview(r: VoicemailTestRequest): Promise<VoicemailTestPreview>;
  /** Runs the test; Test-CsExUMVoiceMail only with `confirmed`. `password` (the CLI): used for this run instead of the stored one. */
  run(r: VoicemailTestRequest & { readonly confirmed: boolean }, password?: string): Promise<SyntheticTestResult>;
  /** The last result (null before any). */
  last(): SyntheticTestResult | null;
}

export interface VoicemailTestDeps {
  readonly org: OrgService;
  readonly users: UserService;
  readonly targets: WriteTargets;
  readonly settings: SettingsStore;
  readonly secrets: SecretStore;
  readonly audit: AuditLog;
  readonly clock: Clock;
  readonly logger: Logger;
}

const vmError = (key: string, params: Record<string, string> = {}) => new UserError({ key: `voicemailTest.${key}`, params });

function readStored(values: Readonly<Record<string, unknown>>): TestCredential[] {
  const raw = values[CREDENTIALS_SETTING];
  if (!Array.isArray(raw)) return [];
  const out: TestCredential[] = [];
  for (const x of raw) {
    if (!x || typeof x !== 'object') continue;
    const o = x as Record<string, unknown>;
    try {
      out.push(checkTestCredential({ name: String(o.name ?? ''), userName: String(o.userName ?? ''), sipAddress: String(o.sipAddress ?? '') }));
    } catch {
      // A hand-edited entry the console cannot use is left out of the list rather than failing every read.
    }
  }
  return out;
}

export function createVoicemailTestService(deps: VoicemailTestDeps): VoicemailTestService {
  let last: SyntheticTestResult | null = null;

  async function credentials(): Promise<StoredTestCredential[]> {
    const list = readStored(await deps.settings.read());
    return Promise.all(list.map(async (c) => ({ ...c, hasPassword: await deps.secrets.has(secretKey(c.name)) })));
  }

  async function credential(name: string): Promise<TestCredential> {
    const c = (await credentials()).find((x) => x.name.toLowerCase() === name.trim().toLowerCase());
    if (!c) throw vmError('input.unknownCredential', { name });
    return c;
  }

  /** The user's verdict (path), or a clear "unknown user". */
  async function pathOf(sip: string) {
    try {
      return await deps.users.verdict(sip);
    } catch (e) {
      if (e instanceof UserError) throw vmError('input.unknownUser', { sip });
      throw e;
    }
  }

  /** The call for a request, with the path its result is placed on. */
  async function plan(r: VoicemailTestRequest): Promise<{ call: SyntheticCall; path: readonly CallHop[]; sip: string }> {
    const c = await credential(r.credential);
    const pathUser = r.kind === 'voicemail' ? normalizeSip(r.sipAddress ?? '') : c.sipAddress;
    if (r.kind === 'voicemail' && !r.sipAddress?.trim()) throw vmError('input.noReceiver');
    const verdict = await pathOf(pathUser);
    const sender = r.kind === 'voicemail' ? await deps.users.verdict(c.sipAddress).catch(() => null) : verdict;
    // -TargetFqdn: the pool whose users are tested — the path user's registrar pool, else the test user's.
    const pool = verdict.skype?.registrarPool?.trim() || sender?.skype?.registrarPool?.trim() || '';
    if (!pool) throw vmError('input.noPool', { sip: pathUser });
    const call = buildSyntheticCall({ kind: r.kind, targetFqdn: pool, credential: c, receiverSipAddress: r.sipAddress });
    return { call, path: verdict.path, sip: verdict.sipAddress || pathUser };
  }

  async function target() {
    const t = await deps.targets.resolve();
    if ('refusal' in t) throw new UserError({ key: 'voicemailTest.refused', params: { reason: t.refusal } });
    return t.target;
  }

  return {
    credentials,

    async saveCredential(input) {
      const c = checkTestCredential(input);
      if (!input.password) throw vmError('input.noPassword', { name: c.name });
      // The password first: an entry is listed only once its secret is kept (a key store refusal leaves nothing behind).
      await deps.secrets.put(secretKey(c.name), input.password);
      const values = await deps.settings.read();
      const others = readStored(values).filter((x) => x.name.toLowerCase() !== c.name.toLowerCase());
      await deps.settings.write({ ...values, [CREDENTIALS_SETTING]: [...others, c] });
      return credentials();
    },

    async removeCredential(name) {
      const values = await deps.settings.read();
      const kept = readStored(values).filter((x) => x.name.toLowerCase() !== name.trim().toLowerCase());
      await deps.settings.write({ ...values, [CREDENTIALS_SETTING]: kept });
      await deps.secrets.remove(secretKey(name.trim()));
      return credentials();
    },

    async preview(r) {
      const { call, path, sip } = await plan(r);
      const t = await target();
      return { kind: r.kind, command: syntheticCommandText(call), leavesVoiceMail: call.leavesVoiceMail, sipAddress: sip, path, target: t.kind };
    },

    async run(r, passwordOverride) {
      const { call, path, sip } = await plan(r);
      if (call.leavesVoiceMail && !r.confirmed) throw vmError('confirmRequired', { sip });
      const t = await target();
      const password = passwordOverride ?? (await deps.secrets.get(secretKey(call.credential!.name)));
      if (!password) throw vmError('input.noPassword', { name: call.credential!.name });
      const parameters: Record<string, Parameters[string]> = {};
      for (const p of call.parameters) parameters[p.name] = p.value;
      parameters[call.credential!.parameter] = { credential: { userName: call.credential!.userName, password } };
      const command = syntheticCommandText(call);
      // The audit log sees the parameters as the preview shows them: the credential as its account only.
      const auditParameters = [...call.parameters, { name: call.credential!.parameter, value: call.credential!.userName }];
      const entry = call.leavesVoiceMail
        ? await deps.audit.begin({ operator: await t.operator(), profile: t.profile, target: t.kind, cmdlet: call.cmdlet, parameters: auditParameters, before: null })
        : null;
      let objects: readonly unknown[];
      try {
        objects = (await t[call.shell](call.cmdlet, parameters, call.leavesVoiceMail ? 'write' : 'read')).objects;
      } catch (e) {
        const message = e instanceof PowerShellError ? e.info.message : e instanceof Error ? e.message : String(e);
        await entry?.finish({ outcome: 'failed', message, after: null });
        if (e instanceof PowerShellError) throw new UserError({ key: 'voicemailTest.cmdletError', params: { cmdlet: call.cmdlet, message } });
        throw e;
      }
      const out = objects[0];
      const facts = decodeTaskOutput(out);
      if (!facts) {
        await entry?.finish({ outcome: 'failed', message: 'no TaskOutput', after: null });
        throw vmError('noOutput', { cmdlet: call.cmdlet });
      }
      await entry?.finish({
        outcome: 'applied',
        message: `${call.cmdlet}: Result ${facts.result}${facts.error ? `, ${facts.error}` : ''}`,
        after: { Result: facts.result, Error: facts.error, Diagnosis: facts.diagnosis },
      });
      const result: SyntheticTestResult = {
        kind: call.kind,
        cmdlet: call.cmdlet,
        command,
        sipAddress: sip,
        facts,
        placement: placeOnPath(facts, path),
        path,
        raw: rawTaskOutput(facts, out),
        ranAt: deps.clock.now().toISOString(),
      };
      deps.logger.log('info', 'voicemail test', { cmdlet: call.cmdlet, user: bareSip(sip), result: facts.result, hop: result.placement.hop ?? '' });
      last = result;
      return result;
    },

    last: () => last,
  };
}
