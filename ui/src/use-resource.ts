import { useCallback, useEffect, useState } from 'react';

export interface Resource<T> {
  data?: T;
  error?: unknown;
  reload: () => void;
}

/**
 * Loads once per change of `key` (`load` is a fresh closure each render; `key` says when it asks
 * for something else), then again `refreshMs` after each answer when given. The last data stays
 * while it reloads or when a reload fails.
 */
export function useResource<T>(key: string, load: () => Promise<T>, refreshMs?: number): Resource<T> {
  const [state, setState] = useState<{ key: string; data?: T; error?: unknown }>({ key });
  const [round, setRound] = useState(0);
  const reload = useCallback(() => setRound((value) => value + 1), []);

  useEffect(() => {
    let current = true;
    let timer: number | undefined;
    const settled = () => {
      if (current && refreshMs) timer = window.setTimeout(reload, refreshMs);
    };
    load()
      .then(
        (data) => current && setState({ key, data }),
        (error: unknown) => current && setState((previous) => ({ key, data: previous.key === key ? previous.data : undefined, error })),
      )
      .finally(settled);
    return () => {
      current = false;
      window.clearTimeout(timer);
    };
  }, [key, round, refreshMs, reload]);

  return state.key === key ? { data: state.data, error: state.error, reload } : { reload };
}
