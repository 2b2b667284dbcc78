/** One request's lifecycle for a component: loading, the value, or the readable error message. */
import { type DependencyList, useEffect, useState } from 'react';
import { errorMessage } from './api';

export type AsyncState<T> = { readonly status: 'loading' } | { readonly status: 'ready'; readonly value: T } | { readonly status: 'failed'; readonly message: string };

/** `keepValue`: while a newer request runs, keep showing the last value instead of "loading". */
export function useAsync<T>(load: () => Promise<T>, deps: DependencyList, keepValue = false): AsyncState<T> {
  const [state, setState] = useState<AsyncState<T>>({ status: 'loading' });
  useEffect(() => {
    // A newer request (deps changed, unmount) makes this one's answer stale: drop it.
    let live = true;
    setState((s) => (keepValue && s.status === 'ready' ? s : { status: 'loading' }));
    load().then(
      (value) => live && setState({ status: 'ready', value }),
      (e: unknown) => live && setState({ status: 'failed', message: errorMessage(e) }),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return state;
}
