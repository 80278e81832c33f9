// Server state through TanStack Query over the typed client: `useGet` reads one API resource (cached
// per path and parameters, typed from the contract), `send` writes and then invalidates the cache so
// every screen showing the changed data refetches it. Signing out empties the cache.
import { QueryClient, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { onSessionChange } from '../auth/session';
import { ApiError, client } from './client';
import type { paths } from './schema';

export const queryClient = new QueryClient({
  defaultOptions: {
    // An error shows at once with its retry button (a 4xx would not change on retry anyway).
    queries: { retry: false, refetchOnWindowFocus: false },
    mutations: { retry: false },
  },
});

onSessionChange((session) => {
  if (session === null) queryClient.clear();
});

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
/** The paths of the contract that answer `method`. */
type PathsWithMethod<T, M extends Method> = {
  [K in keyof T]: T[K] extends { [X in M]: object } ? K : never;
}[keyof T];
type Op<M extends Method, P extends PathsWithMethod<paths, M>> = paths[P][M];
type JsonOf<R> = R extends { content: { 'application/json': infer T } } ? T : undefined;
/** The 2xx JSON body of an operation (undefined for 204). */
export type Answer<M extends Method, P extends PathsWithMethod<paths, M>> =
  Op<M, P> extends { responses: infer R }
    ? R extends { 200: infer A }
      ? JsonOf<A>
      : R extends { 201: infer A }
        ? JsonOf<A>
        : undefined
    : never;
type ParamsOf<M extends Method, P extends PathsWithMethod<paths, M>> =
  Op<M, P> extends { parameters: infer X } ? Pick<X, Extract<keyof X, 'path' | 'query'>> : never;
type BodyOf<M extends Method, P extends PathsWithMethod<paths, M>> =
  Op<M, P> extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;
/**
 * A request body as a form builds it: the contract's field names (a misspelt one does not compile),
 * values as the person typed them. The API's validation is the judge of values, and its messages are
 * shown beside the fields.
 */
export type Draft<B> = B extends readonly unknown[] ? readonly Draft<B[number]>[] : { [K in keyof B]?: unknown };

export type GetPath = PathsWithMethod<paths, 'get'>;
/** The query parameters of a read (filters kept as text in the address bar are cast to it once). */
export type QueryOf<P extends GetPath> = NonNullable<ParamsOf<'get', P> extends { query?: infer Q } ? Q : never>;

export interface Loaded<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => void;
}

const rawGet = client.GET as unknown as (
  path: string,
  init: { params?: unknown; signal?: AbortSignal },
) => Promise<{ data?: unknown }>;

/** Filters left empty are not sent (an empty `wasteType=` would be a 400). */
function withoutBlanks<T extends { query?: unknown }>(params: T): T {
  if (!params.query || typeof params.query !== 'object') return params;
  const query = Object.fromEntries(
    Object.entries(params.query).filter(([, value]) => value !== '' && value !== null && value !== undefined),
  );
  return { ...params, query };
}

/** Reads `path`; `params` null means "nothing to load yet" (e.g. waiting for a choice). */
export function useGet<P extends GetPath>(
  path: P,
  params: ParamsOf<'get', P> | null,
  options: { refetchInterval?: number | false } = {},
): Loaded<Answer<'get', P>> {
  const query = useQuery({
    queryKey: ['get', path, params],
    enabled: params !== null,
    queryFn: async ({ signal }) => (await rawGet(path, { params: withoutBlanks(params ?? {}), signal })).data ?? null,
    // Polls only while the page is visible (TanStack's default for intervals).
    refetchInterval: options.refetchInterval,
  });
  const error = query.error
    ? query.error instanceof ApiError
      ? query.error
      : new ApiError(0, [String(query.error)], null)
    : undefined;
  return {
    data: (query.data ?? undefined) as Answer<'get', P> | undefined,
    error,
    loading: params !== null && query.isFetching,
    reload: () => void query.refetch(),
  };
}

/** The query of one trust's dashboard, for pages that read several at once (useQueries). */
export function trustDashboardQuery(trustId: string, query: QueryOf<'/api/dashboards/trusts/{trustId}'>) {
  const params = { path: { trustId }, query };
  return {
    queryKey: ['get', '/api/dashboards/trusts/{trustId}', params],
    queryFn: async ({ signal }: { signal: AbortSignal }) =>
      (await rawGet('/api/dashboards/trusts/{trustId}', { params, signal })).data as Answer<
        'get',
        '/api/dashboards/trusts/{trustId}'
      >,
  };
}

const rawSend = {
  post: client.POST,
  put: client.PUT,
  patch: client.PATCH,
  delete: client.DELETE,
} as unknown as Record<
  Exclude<Method, 'get'>,
  (path: string, init: { params?: unknown; body?: unknown }) => Promise<{ data?: unknown }>
>;

/** Writes through the API, then marks every cached read stale (active screens refetch). */
export async function send<M extends Exclude<Method, 'get'>, P extends PathsWithMethod<paths, M>>(
  method: M,
  path: P,
  init: { params?: ParamsOf<M, P>; body?: Draft<BodyOf<M, P>> } = {},
): Promise<Answer<M, P>> {
  const { data } = await rawSend[method](path, init);
  // Not awaited: the form says "saved" at once while the screens refetch.
  void queryClient.invalidateQueries();
  return data as Answer<M, P>;
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
