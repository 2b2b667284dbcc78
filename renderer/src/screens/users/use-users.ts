/**
 * The Users screen's data: the search as the user types (search-runner: debounce, one
 * request in flight, stale answers dropped), the selected user's verdict (read again when the org on
 * screen changes; an answer for a user no longer selected is dropped), and the check of everyone or
 * of a CSV — its progress from the `users.checkProgress` event (the current state on arrival, so the
 * last report survives a visit to another screen, then every change) — with its exports.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { UsersCheckProgress } from '../../../../shared/users/user-channels';
import { MAX_CSV_BYTES } from '../../../../shared/contacts/contact-model';
import type { UserSearchResult, UserVerdict } from '../../../../shared/users/user-model';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import type { AsyncState } from '../../use-async';
import { useMainEvent } from '../../use-main-event';
import { base64FromBytes } from '../certificates/base64';
import { createSearchRunner, type SearchRunner } from './search-runner';

export interface UserSearch {
  readonly query: string;
  readonly result: UserSearchResult | null;
  readonly error: string | null;
  readonly busy: boolean;
  setQuery(query: string): void;
}

export function useUserSearch(): UserSearch {
  const orgVersion = useOrgVersion();
  const [query, setQueryState] = useState('');
  const [result, setResult] = useState<UserSearchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const queryRef = useRef('');
  const runner = useRef<SearchRunner | null>(null);
  // Made in the effect (not in a memo) so StrictMode's mount → unmount → mount leaves a live one;
  // a new org gets a new runner, and the box's query is searched again in it.
  useEffect(() => {
    const r = createSearchRunner<UserSearchResult>({
      search: (q) => getApi().users.search({ query: q }),
      onResult: (_q, value) => {
        setResult(value);
        setError(null);
      },
      onError: (_q, message) => setError(message),
      onBusy: setBusy,
    });
    runner.current = r;
    if (queryRef.current !== '') r.type(queryRef.current);
    return () => {
      r.dispose();
      if (runner.current === r) runner.current = null;
    };
  }, [orgVersion]);
  const setQuery = useCallback((q: string) => {
    queryRef.current = q;
    setQueryState(q);
    runner.current?.type(q);
  }, []);
  return { query, result, error, busy, setQuery };
}

/** The verdict of `sipAddress` (null: none selected). */
export function useVerdict(sipAddress: string | null): AsyncState<UserVerdict> | null {
  const orgVersion = useOrgVersion();
  const [state, setState] = useState<{ sip: string; state: AsyncState<UserVerdict> } | null>(null);
  useEffect(() => {
    if (sipAddress === null) return;
    let live = true;
    setState((s) => (s?.sip === sipAddress && s.state.status === 'ready' ? s : { sip: sipAddress, state: { status: 'loading' } }));
    getApi()
      .users.verdict({ sipAddress })
      .then(
        (value) => live && setState({ sip: sipAddress, state: { status: 'ready', value } }),
        (e: unknown) => live && setState({ sip: sipAddress, state: { status: 'failed', message: errorMessage(e) } }),
      );
    return () => {
      live = false;
    };
  }, [sipAddress, orgVersion]);
  if (sipAddress === null) return null;
  return state?.sip === sipAddress ? state.state : { status: 'loading' };
}

export type ExportResult = { readonly kind: 'done'; readonly path: string; readonly users: number } | { readonly kind: 'cancelled' } | { readonly kind: 'failed'; readonly message: string };

export interface UsersCheck {
  readonly progress: UsersCheckProgress | null;
  /** Why the last check could not start (or a CSV was refused before sending). */
  readonly error: { readonly key: 'tooLarge'; readonly size: number } | { readonly key: 'failed'; readonly message: string } | null;
  /** The progress stream could not be opened. */
  readonly progressError: string | null;
  readonly starting: boolean;
  checkAll(): Promise<void>;
  checkCsv(file: File): Promise<void>;
  exportReport(format: 'csv' | 'html'): Promise<ExportResult>;
}

export function useUsersCheck(): UsersCheck {
  const [progress, setProgress] = useState<UsersCheckProgress | null>(null);
  const [error, setError] = useState<UsersCheck['error']>(null);
  const [progressError, setProgressError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  // The last report (or the check still running) when the screen opens, then every change. The
  // start's answer is not applied: the check it started arrives through the event, in order.
  useMainEvent('users.checkProgress', true, setProgress, setProgressError);

  const run = useCallback(async (request: () => Promise<UsersCheckProgress>) => {
    setStarting(true);
    setError(null);
    try {
      await request();
    } catch (e) {
      setError({ key: 'failed', message: errorMessage(e) });
    } finally {
      setStarting(false);
    }
  }, []);

  const checkAll = useCallback(() => run(() => getApi().users.check({})), [run]);
  const checkCsv = useCallback(
    async (file: File) => {
      // The contract refuses more than MAX_CSV_BYTES: say so before reading the file at all.
      if (file.size > MAX_CSV_BYTES) {
        setError({ key: 'tooLarge', size: file.size });
        return;
      }
      const fileName = file.name.slice(0, 260) || 'users.csv';
      await run(async () => getApi().users.check({ csv: { fileName, dataBase64: base64FromBytes(await file.arrayBuffer()) } }));
    },
    [run],
  );
  const exportReport = useCallback(async (format: 'csv' | 'html'): Promise<ExportResult> => {
    try {
      const r = await getApi().users.export({ format });
      return r.path === null ? { kind: 'cancelled' } : { kind: 'done', path: r.path, users: r.users };
    } catch (e) {
      return { kind: 'failed', message: errorMessage(e) };
    }
  }, []);

  return { progress, error, progressError, starting, checkAll, checkCsv, exportReport };
}
