// Pick lists for forms and filters: a trust's value streams and improvement events (first 200).
import type { ImprovementEvent, Measure, Page, ValueStream } from './types';
import { useApi } from './use-api';

export function useValueStreams(trustId: string | null | undefined, enabled = true) {
  return useApi<Page<ValueStream>>(enabled ? '/api/value-streams' : null, {
    trustId: trustId ?? undefined,
    limit: 200,
  });
}

export function useEventsList(trustId: string | null | undefined, enabled = true) {
  return useApi<Page<ImprovementEvent>>(enabled ? '/api/improvement-events' : null, {
    trustId: trustId ?? undefined,
    limit: 200,
  });
}

export function useMeasuresList(trustId: string | null | undefined, enabled = true) {
  return useApi<Page<Measure>>(enabled ? '/api/measures' : null, { trustId: trustId ?? undefined, limit: 200 });
}
