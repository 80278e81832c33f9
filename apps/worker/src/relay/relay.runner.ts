// Wakes the mark relay as soon as a commit marks a bucket: LISTEN on the channel the rollup_marks
// trigger notifies, plus a safety poll for notifications lost while the listening connection was
// down. Relays run one at a time per process; wake-ups during a run fold into one more run.
import { Environment } from '@app/config';
import { MarkRelay } from '@app/rollups';
import { Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';

export const MARKS_CHANNEL = 'rollup_marks';

@Injectable()
export class RelayRunner {
  private readonly logger = new Logger('RollupRelay');
  private listener: Client | null = null;
  private poll: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private reclaimDue = true;
  private stopped = true;

  constructor(
    private readonly relay: MarkRelay,
    private readonly env: Environment,
  ) {}

  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    // The poll also looks for marks whose job was lost; a notification only brings new marks.
    this.poll = setInterval(() => this.wake(true), this.env.ROLLUP_RELAY_POLL_MS);
    this.wake(true);
  }

  /** Stops waking, waits for a relay in progress, closes the listening connection. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.poll) clearInterval(this.poll);
    if (this.reconnect) clearTimeout(this.reconnect);
    await this.running;
    const listener = this.listener;
    this.listener = null;
    await listener?.end().catch(() => undefined);
  }

  /** Relays now, or once more right after the relay in progress. */
  wake(reclaim = false): void {
    if (this.stopped) return;
    if (reclaim) this.reclaimDue = true;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain().finally(() => {
      this.running = null;
    });
  }

  private async drain(): Promise<void> {
    do {
      this.again = false;
      try {
        // A full batch means more may be waiting: keep going until a batch comes back short.
        let claimed: number;
        do {
          const reclaim = this.reclaimDue;
          this.reclaimDue = false;
          claimed = await this.relay.relayOnce(reclaim);
        } while (!this.stopped && claimed >= this.env.ROLLUP_RELAY_BATCH);
      } catch (error) {
        // Postgres or Redis is away: the marks stay, the poll retries.
        this.logger.warn(`relay failed, retrying on the next poll: ${(error as Error).message}`);
        return;
      }
    } while (this.again && !this.stopped);
  }

  private async listen(): Promise<void> {
    const client = new Client({ connectionString: this.env.DATABASE_URL, application_name: 'kaizen-ledger-relay' });
    client.on('notification', () => this.wake());
    client.on('error', (error) => this.listenLost(client, error));
    client.on('end', () => this.listenLost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${MARKS_CHANNEL}`);
      this.listener = client;
      this.wake(true); // marks committed while we were not listening
    } catch (error) {
      this.listenLost(client, error as Error);
    }
  }

  private listenLost(client: Client, error?: Error): void {
    if (this.stopped || (this.listener !== client && this.listener !== null)) return;
    this.listener = null;
    client.removeAllListeners('end');
    client.end().catch(() => undefined);
    this.logger.warn(`LISTEN connection lost${error ? ` (${error.message})` : ''}; polling until it is back`);
    if (this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      if (!this.stopped) void this.listen();
    }, 2000);
  }
}
