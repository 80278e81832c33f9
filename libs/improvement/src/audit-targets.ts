// The audited record kinds of this lib (SPEC §2 audit entry: singular snake case).
import type { AuditTarget } from '@app/audit';
import { FollowUp, ImprovementEvent, Measure, ValueStream, ValueStreamMap } from '@app/database';

export const VALUE_STREAM_AUDIT: AuditTarget<ValueStream> = {
  entity: 'value_stream',
  target: ValueStream,
  trustIdOf: (v) => v.trustId,
};

/** A map's audit entries carry its steps, since they are written and versioned with it. */
export const MAP_AUDIT: AuditTarget<ValueStreamMap> = {
  entity: 'map',
  target: ValueStreamMap,
  trustIdOf: (m) => m.trustId,
};

/** An event's audit entries carry its metrics, since they are written and versioned with it. */
export const EVENT_AUDIT: AuditTarget<ImprovementEvent> = {
  entity: 'improvement_event',
  target: ImprovementEvent,
  trustIdOf: (e) => e.trustId,
};

export const FOLLOW_UP_AUDIT: AuditTarget<FollowUp> = {
  entity: 'follow_up',
  target: FollowUp,
  trustIdOf: (f) => f.trustId,
};

/** Point writes are logged as updates of the measure, with the changed points. */
export const MEASURE_AUDIT: AuditTarget<Measure> = { entity: 'measure', target: Measure, trustIdOf: (m) => m.trustId };
