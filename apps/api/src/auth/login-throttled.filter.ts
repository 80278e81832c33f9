// A throttled sign-in answers 429 with the standard `Retry-After` header (seconds, RFC 9110 §10.2.3).
import { LoginThrottledException } from '@app/auth';
import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

@Catch(LoginThrottledException)
export class LoginThrottledFilter implements ExceptionFilter {
  catch(exception: LoginThrottledException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    response.status(exception.getStatus()).json(exception.getResponse());
  }
}
