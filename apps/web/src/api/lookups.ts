// Pick lists for forms and filters: a trust's value streams, improvement events and measures (first 200).
import { useGet } from './query';

export function useValueStreams(trustId: string | null | undefined, enabled = true) {
  return useGet('/api/value-streams', enabled ? { query: { trustId: trustId ?? undefined, limit: 200 } } : null);
}

export function useEventsList(trustId: string | null | undefined, enabled = true) {
  return useGet('/api/improvement-events', enabled ? { query: { trustId: trustId ?? undefined, limit: 200 } } : null);
}

export function useMeasuresList(trustId: string | null | undefined, enabled = true) {
  return useGet('/api/measures', enabled ? { query: { trustId: trustId ?? undefined, limit: 200 } } : null);
}
