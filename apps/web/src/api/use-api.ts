// Loads one API resource for a component: data, error, loading and a reload function.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, Query, withQuery } from './client';

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

/** `path` null means "nothing to load yet" (e.g. waiting for a choice). */
export function useApi<T>(path: string | null, query?: Query): Loaded<T> {
  const url = path === null ? null : withQuery(path, query);
  const [state, setState] = useState<{ url: string | null; data?: T; error?: ApiError; loading: boolean }>({
    url,
    loading: url !== null,
  });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (url === null) {
      setState({ url, loading: false });
      return;
    }
    const controller = new AbortController();
    // Keep the previous data while refreshing the same resource (no flicker on polls).
    setState((previous) => ({ url, data: previous.url === url ? previous.data : undefined, loading: true }));
    api<T>(url, { signal: controller.signal }).then(
      (data) => setState({ url, data, loading: false }),
      (error: unknown) => {
        if ((error as Error).name === 'AbortError') return;
        const apiError = error instanceof ApiError ? error : new ApiError(0, [String(error)], null);
        setState({ url, error: apiError, loading: false });
      },
    );
    return () => controller.abort();
  }, [url, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const current = state.url === url;
  return {
    data: current ? state.data : undefined,
    error: current ? state.error : undefined,
    loading: current ? state.loading : url !== null,
    reload,
  };
}

/** Re-renders every `ms` milliseconds (for "updated 3 s ago"). */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Calls `fn` every `ms` while the page is visible. */
export function usePolling(fn: () => void, ms: number): void {
  useEffect(() => {
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') fn();
    }, ms);
    return () => clearInterval(timer);
  }, [fn, ms]);
}
