// Publishing a board pack survives a lost queue job (SPEC §7): the admin asks to publish while no
// worker runs, the board-pack job is then removed from Redis (as a Redis restarted without its data
// would lose it), and a worker started afterwards still publishes the meeting: the request lives in
// PostgreSQL and the worker's publish scheduler queues the job again.
import { boardPackJobId, QueueName } from '@app/queue';
import { addDays, todayIn } from '@app/domain';
import { Queue } from 'bullmq';
import { randomBytes } from 'node:crypto';
import {
  createDatabase,
  databaseName,
  dropDatabase,
  ensureBuilt,
  Proc,
  startApi,
  startWorker,
  stopAll,
} from '../support/processes';
import { call, clearPrefix, closeClients, recordFaultFigures, seedFaultWorld } from './support';
import { waitFor } from '../support/wait-for';

jest.setTimeout(240_000);

describe('a board-pack job lost from Redis', () => {
  const name = databaseName('lost_publish');
  const prefix = `faults-publish-${randomBytes(3).toString('hex')}`;
  const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  let databaseUrl: string;
  let api: (Proc & { url: string }) | undefined;
  let worker: Proc | undefined;

  beforeAll(async () => {
    await ensureBuilt();
    databaseUrl = await createDatabase(name);
  });
  afterAll(async () => {
    closeClients();
    await stopAll([api, worker]);
    await clearPrefix(redisUrl, prefix);
    await dropDatabase(name);
  });

  it('still ends with the meeting published', async () => {
    const env = {
      databaseUrl,
      redisUrl,
      redisPrefix: prefix,
      test: 'lost-publish',
      extra: { BOARD_PUBLISH_REQUEUE_MS: '2000' },
    };
    api = await startApi(env);
    const world = await seedFaultWorld(databaseUrl, api.url, 1);
    const month = addDays(todayIn(process.env.TZ ?? 'Europe/London'), -40).slice(0, 7);
    const meeting = await call(api.url, 'POST', '/api/board-meetings', { token: world.admin, body: { month } });
    expect(meeting.status).toBe(201);
    const id = meeting.body.id as string;
    const asked = await call(api.url, 'POST', `/api/board-meetings/${id}/publish`, { token: world.admin });
    expect(asked.status).toBe(202);

    // the job is in Redis; remove it, as a Redis that lost its data would
    const queue = new Queue(QueueName.BoardPack, { connection: { url: redisUrl }, prefix });
    try {
      const job = await queue.getJob(boardPackJobId(id));
      expect(job).toBeDefined();
      await job!.remove();
      expect(await queue.getJob(boardPackJobId(id))).toBeUndefined();
    } finally {
      await queue.close();
    }

    const started = Date.now();
    worker = await startWorker(env);
    let status = '';
    await waitFor(
      async () => {
        const res = await call(api!.url, 'GET', `/api/board-meetings/${id}`, { token: world.admin });
        status = res.body.status as string;
        return status === 'published';
      },
      { timeout: 60_000, interval: 200, what: 'the board pack to be published' },
    ).catch(() => undefined); // the expectation below names the status it stayed in
    const publishedAfterMs = Date.now() - started;
    recordFaultFigures('lost-publish-job', { publishedAfterSeconds: publishedAfterMs / 1000, requeueEveryMs: 2000 });
    expect(status).toBe('published');
    expect(worker.output()).toMatch(/board pack publishing still pending for .*: job queued again/);
    const pack = await call(api.url, 'GET', `/api/board-meetings/${id}/pack`, { token: world.admin });
    expect(pack.status).toBe(200);
    expect(pack.body).toMatchObject({ published: true, month });
  });
});
