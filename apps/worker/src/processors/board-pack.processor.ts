import { BoardPackService } from '@app/board';
import { type BoardPackPayload, QueueName } from '@app/queue';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';

/** Builds a meeting's board pack and stores it as the published snapshot (idempotent). */
@Processor(QueueName.BoardPack, { concurrency: 1 })
export class BoardPackProcessor extends WorkerHost {
  constructor(private readonly packs: BoardPackService) {
    super();
  }

  async process(job: Job<BoardPackPayload>) {
    // Every attempt but the last waits for the rollups to catch up (the job retries with backoff);
    // the last publishes what the rollups hold, and the pack records what was still pending.
    const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    return this.packs.publish(job.data.meetingId, job.data.requestedBy, { waitForRollups: !lastAttempt });
  }
}
