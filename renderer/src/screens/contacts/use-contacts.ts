/**
 * The Contacts screen's data, read again when the org on screen changes (a refresh, an opened snapshot,
 * a lab reset) or when a change was applied here. Two reads at once: contacts.view gives the list as soon as
 * the org is read, contacts.list adds whether changes may be made — which on a first visit waits seconds for
 * PowerShell to start on the lab endpoint (or the live sessions to answer). Meanwhile `access` is null and
 * `phase` (the contacts.loadProgress event) says what main is doing. The last list stays on screen while the
 * next one loads (`refreshing` says so): the table must not flash away after a write.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContactsLoad, WriteAccess } from '../../../../shared/contacts/contact-channels';
import type { ContactsView } from '../../../../shared/contacts/contact-model';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import type { AsyncState } from '../../use-async';
import { useMainEvent } from '../../use-main-event';

export interface ContactsData {
  readonly view: ContactsView;
  /** Null until main knows whether changes may be made (then the write controls appear). */
  readonly access: WriteAccess | null;
}

export interface Contacts {
  readonly state: AsyncState<ContactsData>;
  /** A newer list is being read; `state` still holds the last one. */
  readonly refreshing: boolean;
  /** What main is doing for the read under way (`idle` / `done` when nothing). */
  readonly phase: ContactsLoad['phase'];
  reload(): void;
}

export function useContacts(): Contacts {
  const orgVersion = useOrgVersion();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<AsyncState<ContactsData>>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  const [phase, setPhase] = useState<ContactsLoad['phase']>('idle');
  useMainEvent(
    'contacts.loadProgress',
    true,
    (p) => setPhase(p.phase),
    () => undefined,
  );
  useEffect(() => {
    // A newer request (org changed again, unmount) makes this one's answers stale: drop them.
    let live = true;
    setRefreshing(true);
    const api = getApi().contacts;
    // The list first: shown while the access is still being found out (the previous access kept on a reload).
    api.view().then(
      ({ view }) => live && setState((s) => ({ status: 'ready', value: { view, access: s.status === 'ready' ? s.value.access : null } })),
      () => undefined, // contacts.list says what failed
    );
    api
      .list()
      .then(
        (value) => live && setState({ status: 'ready', value }),
        (e: unknown) =>
          live &&
          setState((s) =>
            s.status === 'ready'
              ? {
                  status: 'ready',
                  value: { view: s.value.view, access: { writable: false, reason: { key: 'contacts.readonly.unavailable', params: { detail: errorMessage(e) } }, target: null, operator: null } },
                }
              : { status: 'failed', message: errorMessage(e) },
          ),
      )
      .finally(() => live && setRefreshing(false));
    return () => {
      live = false;
    };
  }, [orgVersion, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { state, refreshing, phase, reload };
}
