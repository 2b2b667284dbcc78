/**
 * The Contacts screen's data: contacts.list, read again when the org on screen changes (a refresh,
 * an opened snapshot, a lab reset) or when a change was applied here. The last list stays on screen
 * while the next one loads (`refreshing` says so): after a write the lab endpoint's PowerShell may
 * take seconds to answer, and the table must not flash away meanwhile.
 */
import { useCallback, useEffect, useState } from 'react';
import type { ContactsScreen } from '../../../../shared/contacts/contact-channels';
import { errorMessage, getApi } from '../../api';
import { useOrgVersion } from '../../org-version';
import type { AsyncState } from '../../use-async';

export interface Contacts {
  readonly state: AsyncState<ContactsScreen>;
  /** A newer list is being read; `state` still holds the last one. */
  readonly refreshing: boolean;
  reload(): void;
}

export function useContacts(): Contacts {
  const orgVersion = useOrgVersion();
  const [tick, setTick] = useState(0);
  const [state, setState] = useState<AsyncState<ContactsScreen>>({ status: 'loading' });
  const [refreshing, setRefreshing] = useState(false);
  useEffect(() => {
    // A newer request (org changed again, unmount) makes this one's answer stale: drop it.
    let live = true;
    setRefreshing(true);
    getApi()
      .contacts.list()
      .then(
        (value) => live && setState({ status: 'ready', value }),
        (e: unknown) => live && setState({ status: 'failed', message: errorMessage(e) }),
      )
      .finally(() => live && setRefreshing(false));
    return () => {
      live = false;
    };
  }, [orgVersion, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { state, refreshing, reload };
}
