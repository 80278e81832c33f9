// The explicit entity list (no globs), shared by the Nest module, the CLI data source and tests.
import { AuditEntry } from './entities/audit-entry.entity';
import { Trust } from './entities/trust.entity';
import { User } from './entities/user.entity';
import { EventMetric } from './entities/event-metric.entity';
import { FollowUp } from './entities/follow-up.entity';
import { ImprovementEvent } from './entities/improvement-event.entity';
import { MapStep } from './entities/map-step.entity';
import { Measure } from './entities/measure.entity';
import { MeasurePoint } from './entities/measure-point.entity';
import { ValueStreamMap } from './entities/value-stream-map.entity';
import { ValueStream } from './entities/value-stream.entity';
import { WasteRecord } from './entities/waste-record.entity';
import { BoardMeeting } from './entities/board-meeting.entity';
import { BoardPackSnapshot } from './entities/board-pack-snapshot.entity';
import { CompactCheckIn } from './entities/compact-check-in.entity';
import { CompactCommitment } from './entities/compact-commitment.entity';
import { TrustReport } from './entities/trust-report.entity';

export {
  AuditEntry,
  Trust,
  User,
  ValueStream,
  ValueStreamMap,
  MapStep,
  ImprovementEvent,
  EventMetric,
  FollowUp,
  Measure,
  MeasurePoint,
  WasteRecord,
  CompactCommitment,
  CompactCheckIn,
  BoardMeeting,
  TrustReport,
  BoardPackSnapshot,
};
export type { AuditChanges } from './entities/audit-entry.entity';
export type { FollowUpResult } from './entities/follow-up.entity';

export const ENTITIES = [
  Trust,
  User,
  AuditEntry,
  ValueStream,
  ValueStreamMap,
  MapStep,
  ImprovementEvent,
  EventMetric,
  FollowUp,
  Measure,
  MeasurePoint,
  WasteRecord,
  CompactCommitment,
  CompactCheckIn,
  BoardMeeting,
  TrustReport,
  BoardPackSnapshot,
];
