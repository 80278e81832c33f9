// Every queue and job name of the platform, in one place.
//
// WARNING: never rename or reuse a value below. Jobs already waiting in Redis, failed jobs kept
// for inspection and job schedulers carry these strings; a renamed value orphans them. Add a new
// value instead and retire the old one only once its queue is empty.

export enum QueueName {
  /** Recompute one rollup bucket (one trust, one day) from raw rows. */
  RollupBucket = 'rollup-bucket',
  /** Compare recent rollups with raw aggregates and repair any difference. */
  RollupReconcile = 'rollup-reconcile',
  /** Build a board meeting's pack and store it as the published snapshot. */
  BoardPack = 'board-pack',
}

export enum JobName {
  RecomputeBucket = 'recompute-bucket',
  ReconcileRecent = 'reconcile-recent',
  BuildBoardPack = 'build-board-pack',
}

/** Every queue the worker must serve, each with exactly one processor (checked at start). */
export const ALL_QUEUES: readonly QueueName[] = Object.values(QueueName);

/** Id of the job scheduler that enqueues the regular reconciliation. */
export const RECONCILE_SCHEDULER_ID = 'rollup-reconcile-every';
