import { ArgumentsHost, Catch, HttpException, Logger } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { mapError } from './error-mapping';

@Catch()
export class AllExceptionsFilter extends BaseExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const mapped = mapError(exception);
    if (mapped) {
      if (!(exception instanceof HttpException))
        this.logger.warn(`${mapped.getStatus()}: ${(exception as Error).message}`);
      return super.catch(mapped, host);
    }
    this.logger.error((exception as Error)?.stack ?? String(exception));
    return super.catch(exception, host);
  }
}
