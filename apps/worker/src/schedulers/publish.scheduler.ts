// Board-pack publishing survives a lost queue job (SPEC §7): the publish request lives in
// PostgreSQL (board_meetings.publish_requested_at), and every BOARD_PUBLISH_REQUEUE_MS this
// scheduler queues the board-pack job again for each request still not done. Enqueueing is
// idempotent (one job id per meeting), so a job that is merely slow is left alone, and several
// workers doing this at once add nothing twice.
import { BoardMeetingsService } from '@app/board';
import { Environment } from '@app/config';
import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';

@Injectable()
export class PublishScheduler implements BeforeApplicationShutdown {
  private readonly logger = new Logger('BoardPublish');
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;

  constructor(
    private readonly meetings: BoardMeetingsService,
    private readonly env: Environment,
  ) {}

  start(): void {
    void this.requeue(); // requests a restarted Redis forgot are queued again at once
    this.timer ??= setInterval(() => void this.requeue(), this.env.BOARD_PUBLISH_REQUEUE_MS).unref();
  }

  /** One pass: re-queues every request older than one period (a fresh one still has its own job). */
  requeue(): Promise<void> {
    this.running ??= this.meetings
      .requeuePendingPublishes(this.env.BOARD_PUBLISH_REQUEUE_MS)
      .then((ids) => {
        if (ids.length > 0)
          this.logger.log(`board pack publishing still pending for ${ids.join(', ')}: job queued again`);
      })
      .catch((error: Error) => this.logger.warn(`could not re-queue pending board-pack publishing: ${error.message}`))
      .finally(() => {
        this.running = null;
      });
    return this.running;
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
