// How an improvement event travels: its fields, each metric with where it stands after the
// follow-ups (SPEC §3), a progress summary, the follow-ups and the waste records linked to it.
import type { EventMetric, FollowUp, FollowUpResult, ImprovementEvent } from '@app/database';
import { computeEventMetrics, type EventKind, type EventMetricProgress, type EventStatus } from '@app/domain';
import { type EventProgressSummary, summariseProgress } from '../event-rules';
import type { LinkedWasteRecord } from './improvement-event.repository';

export interface FollowUpView {
  id: string;
  eventId: string;
  trustId: string;
  checkpointDay: number;
  measuredOn: string;
  results: FollowUpResult[];
  notes: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
}

export interface EventView {
  id: string;
  trustId: string;
  valueStreamId: string | null;
  kind: EventKind;
  title: string;
  problemStatement: string | null;
  startDate: string;
  endDate: string | null;
  status: EventStatus;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string | null;
  metrics: EventMetricProgress[];
  progress: EventProgressSummary;
  followUps: FollowUpView[];
  wasteRecords: LinkedWasteRecord[];
}

export function followUpView(f: FollowUp): FollowUpView {
  return {
    id: f.id,
    eventId: f.eventId,
    trustId: f.trustId,
    checkpointDay: f.checkpointDay,
    measuredOn: f.measuredOn,
    results: f.results,
    notes: f.notes,
    version: f.version,
    createdAt: f.createdAt,
    updatedAt: f.updatedAt,
    createdBy: f.createdBy,
  };
}

/** `followUps` in the order they were entered (it settles full ties); they are shown by checkpoint. */
export function eventView(
  event: ImprovementEvent,
  metrics: readonly EventMetric[],
  followUps: readonly FollowUp[],
  wasteRecords: readonly LinkedWasteRecord[],
): EventView {
  const progress = computeEventMetrics(metrics, followUps);
  const byCheckpoint = [...followUps].sort(
    (a, b) =>
      a.checkpointDay - b.checkpointDay || (a.measuredOn < b.measuredOn ? -1 : a.measuredOn > b.measuredOn ? 1 : 0),
  );
  return {
    id: event.id,
    trustId: event.trustId,
    valueStreamId: event.valueStreamId,
    kind: event.kind,
    title: event.title,
    problemStatement: event.problemStatement,
    startDate: event.startDate,
    endDate: event.endDate,
    status: event.status,
    version: event.version,
    createdAt: event.createdAt,
    updatedAt: event.updatedAt,
    createdBy: event.createdBy,
    metrics: progress,
    progress: summariseProgress(progress, followUps),
    followUps: byCheckpoint.map(followUpView),
    wasteRecords: [...wasteRecords],
  };
}

/** The event as its audit entries record it: its own fields plus its metrics in order. */
export function eventAuditView(
  event: ImprovementEvent,
  metrics: readonly EventMetric[],
): ImprovementEvent & { metrics: object[] } {
  return {
    ...event,
    metrics: metrics.map(({ id, name, unit, direction, baseline, target }) => ({
      id,
      name,
      unit,
      direction,
      baseline,
      target,
    })),
  };
}
