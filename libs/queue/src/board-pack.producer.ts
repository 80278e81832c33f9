// Puts board-pack jobs on their queue: one job per meeting, whose processor builds and stores the
// published pack. The only place that builds their options.
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import type { JobsOptions, Queue } from 'bullmq';
import type { BoardPackPayload } from './job-payloads';
import { JobName, QueueName } from './queue-names';

/** Job id of a meeting's board-pack job (BullMQ keeps one job per id; ids may not contain ':'). */
export const boardPackJobId = (meetingId: string): string => `board-pack-${meetingId.toLowerCase()}`;

export const BOARD_PACK_JOB_OPTIONS: JobsOptions = {
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000, jitter: 0.2 },
  // Whether a pack is published lives in Postgres; a completed job has nothing more to say.
  removeOnComplete: true,
  removeOnFail: false,
};

@Injectable()
export class BoardPackProducer {
  constructor(@InjectQueue(QueueName.BoardPack) private readonly queue: Queue<BoardPackPayload>) {}

  /**
   * Enqueues the meeting's board-pack job, once: while one waits or runs, asking again changes
   * nothing; a job that failed every attempt is retried.
   */
  async enqueuePublish(payload: BoardPackPayload): Promise<string> {
    const jobId = boardPackJobId(payload.meetingId);
    const existing = await this.queue.getJob(jobId);
    if (existing && (await existing.isFailed())) {
      await existing.retry('failed');
      return jobId;
    }
    await this.queue.add(JobName.BuildBoardPack, payload, { ...BOARD_PACK_JOB_OPTIONS, jobId });
    return jobId;
  }
}
