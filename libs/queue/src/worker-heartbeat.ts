// The worker's heartbeat in Redis (SPEC §7 liveness of the pipeline): every worker process sets one
// key every few seconds with a time to live, so the key exists exactly while some worker has beaten
// within WORKER_HEARTBEAT_TTL_MS. Readiness only asks whether it exists: one GET, no clocks compared.

/** How long a heartbeat counts: readiness fails when no worker has beaten for this long. */
export const WORKER_HEARTBEAT_TTL_MS = 30_000;

/** How often a worker beats (well inside the time to live, so one missed beat changes nothing). */
export const WORKER_HEARTBEAT_EVERY_MS = 5_000;

/** The heartbeat key under a deployment's Redis prefix (never renamed: readiness reads it). */
export const workerHeartbeatKey = (prefix: string): string => `${prefix}:worker:heartbeat`;

/** What a worker writes in its heartbeat (shown in the readiness body). */
export interface WorkerHeartbeatValue {
  pid: number;
  host: string;
  at: string;
}
