/**
 * The per-target TLS profile of the Gateways screen (docs/live-sessions.md "Gateways over time"): for
 * a TLS target, the CA bundle to trust (a PEM file, read by the one certificate reader through
 * readTrustedRoots) and the client certificate for mutual TLS (a PKCS#12 file whose password is kept in
 * the secret store). Settings hold paths and a secret-store key only (`gatewayTlsProfiles`); the
 * password never goes back to the renderer, to a log or in plain text to disk — `umc probe --ca
 * --client-cert --client-key` takes the same material from files.
 */
import { readFile } from 'node:fs/promises';
import { createSecureContext } from 'node:tls';
import { type Language, UserError } from '../../../shared/i18n/translate';
import type { GatewayTlsProfile } from '../../../shared/sip/gateway-channels';
import { readTrustedRoots } from '../certificates/trusted-roots';
import type { SettingsStore } from '../ports';
import type { SecretStore } from '../secret-store';

export const TLS_PROFILES_SETTING = 'gatewayTlsProfiles';

/** What is kept per target in the settings: never the password, only where it is in the secret store. */
interface KeptProfile {
  readonly caFile: string | null;
  readonly caCount: number;
  readonly clientPfxFile: string | null;
  /** The secret store's key of the PFX password; null: a PFX without password. */
  readonly passwordSecret: string | null;
}

/** The TLS material a probe of one target is given (main/services/sip/sip-prober.ts ProbeOptions). */
export interface TlsMaterial {
  readonly ca?: readonly Buffer[];
  readonly clientPfx?: Buffer;
  readonly clientPfxPassphrase?: string;
}

export interface TlsProfileInput {
  readonly caFile: string | null;
  readonly clientPfxFile: string | null;
  /** undefined: keep the stored password; null: none; a string: store this one. */
  readonly pfxPassword?: string | null;
}

export interface TlsProfiles {
  /** Every target's profile as the screen shows it, by target raw (lower case). */
  all(): Promise<Readonly<Record<string, GatewayTlsProfile>>>;
  set(raw: string, input: TlsProfileInput, language: Language): Promise<GatewayTlsProfile>;
  clear(raw: string): Promise<void>;
  /** What the probe of `raw` uses; undefined without a profile. A file gone since, or a password that no longer opens it, is a user error naming it. */
  material(raw: string): Promise<TlsMaterial | undefined>;
}

const keyOf = (raw: string) => raw.trim().toLowerCase();
const secretKey = (raw: string) => `gateway-tls:${keyOf(raw)}`;

function isKept(v: unknown): v is KeptProfile {
  const p = v as Partial<KeptProfile> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    (p.caFile === null || typeof p.caFile === 'string') &&
    typeof p.caCount === 'number' &&
    (p.clientPfxFile === null || typeof p.clientPfxFile === 'string') &&
    (p.passwordSecret === null || typeof p.passwordSecret === 'string')
  );
}

async function readBytes(file: string, what: 'ca' | 'pfx'): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    throw new UserError({ key: 'gatewayHistory.profile.unreadable', params: { file, what, detail: code === 'ENOENT' ? 'no such file' : (code ?? (e instanceof Error ? e.message : String(e))) } });
  }
}

/** Opens the PKCS#12 file with its password the way the TLS client will; a wrong password or a file that is no PFX is refused here, not in the middle of a sweep. */
function checkPfx(file: string, pfx: Buffer, passphrase: string | undefined): void {
  try {
    createSecureContext({ pfx, passphrase });
  } catch (e) {
    // OpenSSL says "mac verify failure" for a wrong password; the message names the file, never the password.
    throw new UserError({ key: 'gatewayHistory.profile.badPfx', params: { file, detail: e instanceof Error ? e.message : String(e) } });
  }
}

export function createTlsProfiles(settings: SettingsStore, secrets: SecretStore): TlsProfiles {
  const kept = async (): Promise<Record<string, KeptProfile>> => {
    const v = (await settings.read())[TLS_PROFILES_SETTING];
    if (typeof v !== 'object' || v === null) return {};
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter((e): e is [string, KeptProfile] => isKept(e[1])));
  };
  const save = async (profiles: Record<string, KeptProfile>) => settings.write({ ...(await settings.read()), [TLS_PROFILES_SETTING]: profiles });
  const view = (p: KeptProfile): GatewayTlsProfile => ({ caFile: p.caFile, caCount: p.caCount, clientPfxFile: p.clientPfxFile, hasPassword: p.passwordSecret !== null });

  return {
    async all() {
      return Object.fromEntries(Object.entries(await kept()).map(([k, p]) => [k, view(p)]));
    },

    async set(raw, input, language) {
      const caFile = input.caFile?.trim() || null;
      const clientPfxFile = input.clientPfxFile?.trim() || null;
      if (caFile === null && clientPfxFile === null) throw new UserError({ key: 'gatewayHistory.profile.empty', params: { target: raw } });
      const all = await kept();
      const before = all[keyOf(raw)];
      // The CA bundle through the one certificate reader: a file without certificates is refused with its reason.
      const caCount = caFile === null ? 0 : (await readTrustedRoots(caFile, language)).length;
      let passwordSecret: string | null = before?.passwordSecret ?? null;
      if (clientPfxFile !== null) {
        const password = input.pfxPassword === undefined ? (passwordSecret ? ((await secrets.get(passwordSecret)) ?? undefined) : undefined) : (input.pfxPassword ?? undefined);
        checkPfx(clientPfxFile, await readBytes(clientPfxFile, 'pfx'), password);
        if (input.pfxPassword !== undefined) {
          if (input.pfxPassword) {
            await secrets.put(secretKey(raw), input.pfxPassword);
            passwordSecret = secretKey(raw);
          } else {
            if (passwordSecret) await secrets.remove(passwordSecret);
            passwordSecret = null;
          }
        }
      } else if (passwordSecret) {
        await secrets.remove(passwordSecret);
        passwordSecret = null;
      }
      const profile: KeptProfile = { caFile, caCount, clientPfxFile, passwordSecret };
      await save({ ...(await kept()), [keyOf(raw)]: profile });
      return view(profile);
    },

    async clear(raw) {
      const all = await kept();
      const p = all[keyOf(raw)];
      if (!p) return;
      if (p.passwordSecret) await secrets.remove(p.passwordSecret);
      delete all[keyOf(raw)];
      await save(all);
    },

    async material(raw) {
      const p = (await kept())[keyOf(raw)];
      if (!p) return undefined;
      const ca = p.caFile === null ? undefined : [await readBytes(p.caFile, 'ca')];
      if (p.clientPfxFile === null) return { ca };
      const clientPfx = await readBytes(p.clientPfxFile, 'pfx');
      const clientPfxPassphrase = p.passwordSecret ? ((await secrets.get(p.passwordSecret)) ?? undefined) : undefined;
      checkPfx(p.clientPfxFile, clientPfx, clientPfxPassphrase);
      return { ca, clientPfx, clientPfxPassphrase };
    },
  };
}
