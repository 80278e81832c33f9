// Pure: whether the rollup pipeline is keeping up (SPEC §7), from two cheap facts readiness reads —
// the age of the oldest pending mark and whether any worker's heartbeat is alive.

export interface PipelineFacts {
  /** Seconds since the oldest pending mark was written; null when nothing is pending. */
  oldestPendingSeconds: number | null;
  /** Whether a worker has written its heartbeat within the heartbeat's time to live. */
  workerHeartbeat: boolean;
  /** ROLLUP_MAX_LAG_SECONDS */
  maxLagSeconds: number;
  /** The heartbeat's time to live, in seconds (for the message). */
  heartbeatSeconds: number;
}

export interface PipelineVerdict {
  rollups: string | null;
  worker: string | null;
}

/** One message per failed check (null when the check passes), each naming what is wrong. */
export function pipelineProblems(facts: PipelineFacts): PipelineVerdict {
  const age = facts.oldestPendingSeconds;
  return {
    rollups:
      age !== null && age > facts.maxLagSeconds
        ? `rollups lag: a change has waited ${Math.floor(age)} s for the rollups (ROLLUP_MAX_LAG_SECONDS=${facts.maxLagSeconds})`
        : null,
    worker: facts.workerHeartbeat ? null : `no worker heartbeat for ${facts.heartbeatSeconds} s: no worker is running`,
  };
}
