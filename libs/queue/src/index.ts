export * from './redis.module';
export * from './queue-names';
export * from './job-payloads';
export * from './bucket-jobs';
export * from './rollup.producer';
export * from './board-pack.producer';
export * from './queue.module';
export * from './worker-heartbeat';
