/**
 * Connection profiles, persisted in the settings store (electron-store in the app) under
 * `connections`, with a schema version and migrations. Never a secret: passwords live in the
 * secret store (secret-store.ts), keyed by profile id.
 */
import { z } from 'zod';
import type { ConnectionProfile } from '../../shared/connections/profile';
import type { Logger } from '../ports';
import type { SettingsStore } from './ports';

export const CONNECTIONS_SCHEMA_VERSION = 2;

const profileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9-]{1,64}$/),
  name: z.string().min(1).max(100),
  exchange: z.string().min(1).max(400),
  skype: z.string().min(1).max(400),
  authentication: z.enum(['kerberos', 'credential']),
  userName: z.string().max(256).nullable(),
  forest: z.string().max(100).nullable(),
  role: z.enum(['admin', 'helpdesk']).optional(),
});

const storedSchema = z.strictObject({
  version: z.literal(CONNECTIONS_SCHEMA_VERSION),
  activeProfileId: z.string().nullable(),
  profiles: z.array(profileSchema).max(200),
});
type Stored = z.infer<typeof storedSchema>;

/**
 * Migrations from each older version to the next. Version 1 (the first builds of this issue) kept
 * `exchangeServer`/`skypePool` and a `useCredential` flag; version 2 names the fields as the UI does.
 */
const MIGRATIONS: Readonly<Record<number, (v: Record<string, unknown>) => Record<string, unknown>>> = {
  1: (v) => ({
    version: 2,
    activeProfileId: v.activeProfileId ?? null,
    profiles: (Array.isArray(v.profiles) ? v.profiles : []).map((p: Record<string, unknown>) => ({
      id: p.id,
      name: p.name,
      exchange: p.exchangeServer,
      skype: p.skypePool,
      authentication: p.useCredential ? 'credential' : 'kerberos',
      userName: p.userName ?? null,
      forest: p.forest ?? null,
    })),
  }),
};

export function migrateConnections(raw: unknown, logger?: Logger): Stored {
  const empty: Stored = { version: CONNECTIONS_SCHEMA_VERSION, activeProfileId: null, profiles: [] };
  if (raw === undefined || raw === null) return empty;
  let v = raw as Record<string, unknown>;
  let version = typeof v.version === 'number' ? v.version : 0;
  while (version < CONNECTIONS_SCHEMA_VERSION) {
    const step = MIGRATIONS[version];
    if (!step) {
      logger?.log('warn', 'connection profiles: unknown stored version, starting empty', { version });
      return empty;
    }
    v = step(v);
    version = v.version as number;
  }
  const parsed = storedSchema.safeParse(v);
  if (parsed.success) return parsed.data;
  // Keep every profile that is still valid; drop (and log) the rest rather than lose them all.
  const profiles = (Array.isArray(v.profiles) ? v.profiles : []).flatMap((p) => {
    const one = profileSchema.safeParse(p);
    return one.success ? [one.data] : [];
  });
  logger?.log('warn', 'connection profiles: invalid entries dropped', { kept: profiles.length });
  return { version: CONNECTIONS_SCHEMA_VERSION, activeProfileId: null, profiles };
}

export interface ProfileStore {
  list(): Promise<readonly ConnectionProfile[]>;
  get(id: string): Promise<ConnectionProfile | null>;
  save(profile: ConnectionProfile): Promise<void>;
  remove(id: string): Promise<void>;
  active(): Promise<string | null>;
  setActive(id: string | null): Promise<void>;
}

export function createProfileStore(settings: SettingsStore, logger?: Logger): ProfileStore {
  const read = async () => migrateConnections((await settings.read()).connections, logger);
  const write = async (s: Stored) => {
    const all = await settings.read();
    await settings.write({ ...all, connections: storedSchema.parse(s) });
  };
  return {
    list: async () => (await read()).profiles,
    get: async (id) => (await read()).profiles.find((p) => p.id === id) ?? null,
    async save(profile) {
      const s = await read();
      const profiles = s.profiles.some((p) => p.id === profile.id) ? s.profiles.map((p) => (p.id === profile.id ? profile : p)) : [...s.profiles, profile];
      await write({ ...s, profiles });
    },
    async remove(id) {
      const s = await read();
      await write({ ...s, profiles: s.profiles.filter((p) => p.id !== id), activeProfileId: s.activeProfileId === id ? null : s.activeProfileId });
    },
    active: async () => (await read()).activeProfileId,
    async setActive(id) {
      await write({ ...(await read()), activeProfileId: id });
    },
  };
}
