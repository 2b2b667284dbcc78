/**
 * The console's services for a CLI subcommand that works on an org (contacts, users): the lab org
 * (the user's copy, shared with the desktop console), a snapshot file, or live servers
 * (`--exchange X --skype Y [--user DOMAIN\user]`, the password from UMC_PASSWORD or asked for on a
 * terminal, never on the command line). The caller disposes what it gets.
 */
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ConnectionProfile, ProfileRole } from '../../shared/connections/profile';
import { MAX_CSV_BYTES } from '../../shared/contacts/contact-model';
import { type Language, translate, UserError } from '../../shared/i18n/translate';
import { createMainServices, type MainServices } from '../compose';
import { silentLogger } from '../ports';
import { memorySettingsStore } from '../services/ports';
import { auditLogPath, userDataDir, userLabPath } from '../services/user-data';
import { oneLine } from './capture';
import { cliError } from './cli-args';

/** A CSV the user named: refused before reading when missing or larger than MAX_CSV_BYTES. */
export async function readCsvFile(file: string): Promise<Uint8Array> {
  const path = resolve(file);
  const size = await stat(path).then(
    (s) => s.size,
    () => {
      throw cliError('cli.contacts.read', { file, detail: 'no such file' });
    },
  );
  if (size > MAX_CSV_BYTES) throw cliError('cli.contacts.tooLarge', { file, max: MAX_CSV_BYTES / 1048576 });
  return readFile(path);
}

/** One line on stderr for a failure, in the user's language; exit code 2. */
export function failLine(err: (text: string) => void, language: () => Language): (e: unknown) => number {
  return (e) => {
    if (e instanceof UserError) err(`umc: ${oneLine(e.render(language()))}\n`);
    else err(`umc: ${translate(language(), 'cli.internalError', { message: oneLine(e instanceof Error ? e.message : String(e)) })}\n`);
    return 2;
  };
}

export interface OrgSourceOptions {
  readonly exchange: string | null;
  readonly skype: string | null;
  readonly user: string | null;
  /** A snapshot file instead of the lab (read-only). */
  readonly snapshot?: string | null;
  /** Live: the role of the CLI's profile (a helpdesk check imports no write cmdlet). */
  readonly role?: ProfileRole;
}

export interface CliServicesIo {
  readonly root: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly readPassword?: (prompt: string) => Promise<string | null>;
}

/** A subcommand that may change the org (contacts import, fix): its output, and the terminal's yes/no question. */
export interface CliWriteIo extends CliServicesIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Asks a yes/no question on the terminal (absent: not a terminal). */
  readonly confirm?: (question: string) => Promise<boolean>;
}

/** Lab-endpoint test switches the PowerShell hosts inherit (faults, directory). */
function labEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> | undefined {
  const pairs = Object.entries({ UMC_LAB_FAULT_FILE: env.UMC_LAB_FAULT_FILE, UMC_LAB_DIRECTORY_FILE: env.UMC_LAB_DIRECTORY_FILE }).filter((e): e is [string, string] => !!e[1]);
  return pairs.length ? Object.fromEntries(pairs) : undefined;
}

export async function openCliServices(o: OrgSourceOptions, io: CliServicesIo, language: Language): Promise<MainServices> {
  const env = io.env ?? process.env;
  const data = userDataDir(env);
  const lab = labEnv(env);
  const services = createMainServices({
    root: io.root,
    allowedOrigins: [],
    settings: memorySettingsStore(),
    logger: silentLogger,
    snapshotPath: o.snapshot ?? undefined,
    userLabPath: userLabPath(data),
    auditPath: auditLogPath(data),
    powershell: lab ? { env: lab } : undefined,
  });
  try {
    if (o.exchange && o.skype) {
      let password: string | undefined;
      if (o.user) {
        password = env.UMC_PASSWORD || (io.readPassword ? ((await io.readPassword(translate(language, 'cli.capture.passwordPrompt', { user: o.user }))) ?? undefined) : undefined);
        if (!password) throw cliError('cli.capture.noPassword', { user: o.user });
      }
      const profile: ConnectionProfile = {
        id: 'cli',
        name: o.exchange,
        exchange: o.exchange,
        skype: o.skype,
        authentication: o.user ? 'credential' : 'kerberos',
        userName: o.user,
        forest: null,
        role: o.role ?? 'admin',
      };
      await services.connections.connectAndWait(profile, password);
      await services.connections.refresh();
    }
    return services;
  } catch (e) {
    await services.dispose();
    throw e;
  }
}
