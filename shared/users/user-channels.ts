/** The Users screen's channels: search, one user's verdict, the check of everyone and its `users.checkProgress` event. */
import { z } from 'zod';
import { MAX_CSV_BYTES } from '../contacts/contact-model';
import { channel, event } from '../contract/channel';
import { type FailingUser, MAX_SEARCH_RESULTS, type UserSearchResult, type UsersCheckSummary, type UserVerdict } from './user-model';

/** A check of everyone (or of a CSV's users): live while it runs, the last one's result after. */
export interface UsersCheckProgress {
  readonly running: boolean;
  readonly done: number;
  readonly total: number;
  readonly summary: UsersCheckSummary;
  /** The failing users so far (at most MAX_FAILING_SHOWN; the exports have them all). */
  readonly failing: readonly FailingUser[];
  /** When the check ended (ISO), null while running or before any. */
  readonly finishedAt: string | null;
}

export const USER_CHANNELS = {
  /** Prefix search (name, SIP, e-mail, extension, phone); live: filtered and paged on the server. */
  'users.search': channel<UserSearchResult>()(z.strictObject({ query: z.string().max(200), limit: z.number().int().min(1).max(MAX_SEARCH_RESULTS).optional() })),
  /** One user's two halves, the call path and the verdict (read fresh from the servers when live). */
  'users.verdict': channel<UserVerdict>()(z.strictObject({ sipAddress: z.string().min(1).max(300) })),
  /** Starts checking everyone, or the users a CSV names (one query per line / first column); the users.checkProgress event follows it. */
  'users.check': channel<UsersCheckProgress>()(
    z.strictObject({ csv: z.strictObject({ fileName: z.string().min(1).max(260), dataBase64: z.string().max(Math.ceil(MAX_CSV_BYTES / 3) * 4 + 4) }).optional() }),
  ),
  /** Saves the last check as CSV or as a one-page HTML report where the user chooses. */
  'users.export': channel<{ readonly path: string | null; readonly users: number }>()(z.strictObject({ format: z.enum(['csv', 'html']) })),
} as const;

export const USER_EVENTS = {
  'users.checkProgress': event<UsersCheckProgress>(),
} as const;
