// Typed payloads of every job: producers and processors share these shapes.
import { JobName } from './queue-names';

/** One rollup bucket: one trust's figures for one calendar day (YYYY-MM-DD). */
export interface RollupBucketPayload {
  trustId: string;
  day: string;
}

export interface RollupReconcilePayload {
  /** How many days back from today the reconciliation compares. */
  days: number;
}

/** A board meeting whose pack to publish, and the admin who asked (the audit entry's actor). */
export interface BoardPackPayload {
  meetingId: string;
  requestedBy: string;
}

export interface JobPayloads {
  [JobName.RecomputeBucket]: RollupBucketPayload;
  [JobName.ReconcileRecent]: RollupReconcilePayload;
  [JobName.BuildBoardPack]: BoardPackPayload;
}
