// Cuts off transfers that crawl (SPEC §7): an upload slower than TRANSFER_MIN_BYTES_PER_SECOND over a
// whole window of TRANSFER_WINDOW_SECONDS (default 16 KB/s over 30 s) is answered 408, and an export
// whose reader stops reading is closed, so neither holds a bulk connection and a slot for ever.
import { HttpException, HttpStatus } from '@nestjs/common';

/** Whether a window carried fewer bytes than the minimum rate asks for. Pure. */
export function tooSlow(bytesInWindow: number, windowSeconds: number, minBytesPerSecond: number): boolean {
  return minBytesPerSecond > 0 && bytesInWindow < minBytesPerSecond * windowSeconds;
}

/**
 * A 4xx that ends the request before its body was read (408 too slow, 413 too large, 429 busy): the
 * controller answers it with `Connection: close` instead of reading the rest of a body nobody needs.
 */
export class TransferCutOffError extends HttpException {
  readonly closeConnection = true;
  constructor(status: HttpStatus.REQUEST_TIMEOUT | HttpStatus.PAYLOAD_TOO_LARGE, message: string) {
    super(
      {
        statusCode: status,
        error: status === HttpStatus.REQUEST_TIMEOUT ? 'Request Timeout' : 'Payload Too Large',
        message,
      },
      status,
    );
  }
}

/** Counts bytes and calls `onSlow` at the end of every window that carried too few. */
export class TransferWatch {
  private bytes = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly minBytesPerSecond: number,
    private readonly windowSeconds: number,
    private readonly onSlow: (bytesInWindow: number) => void,
  ) {}

  start(): this {
    if (this.minBytesPerSecond <= 0 || this.timer) return this;
    this.timer = setInterval(() => {
      const bytes = this.bytes;
      this.bytes = 0;
      if (tooSlow(bytes, this.windowSeconds, this.minBytesPerSecond)) this.onSlow(bytes);
    }, this.windowSeconds * 1000);
    this.timer.unref();
    return this;
  }

  add(bytes: number): void {
    this.bytes += bytes;
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
