import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiResponse } from '@nestjs/swagger';
import { ErrorDto } from './error.dto';

export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 413 | 415 | 422 | 429 | 503;

export const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: 'a field breaks a rule; the message names the field and the rule',
  401: 'no valid session or token',
  403: 'the role or trust of the caller may not do this',
  404: 'no such record (or not visible to the caller)',
  408: 'the upload was slower than the minimum rate over the window (TRANSFER_MIN_BYTES_PER_SECOND)',
  409: 'a conflicting write: stale version, duplicate or concurrent update',
  413: 'the request body is larger than the 1 MB limit',
  415: 'the request body has an unsupported media type',
  422: 'the request is well formed but cannot be processed',
  429: 'too many requests; try again later',
  503: 'a backing service (PostgreSQL or Redis) is unavailable',
};

/**
 * Declares the error answers a route can give, each with the shared `ErrorDto` body:
 * `@ApiErrors(404, 409)`. The answers every route of a kind gives (400, 401, 403, 413, 503) are
 * declared by `declareDerivedErrors` from the route's metadata, so controllers name only the rest.
 */
export function ApiErrors(...statuses: ErrorStatus[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ApiExtraModels(ErrorDto),
    ...statuses.map((status) => ApiResponse({ status, type: ErrorDto, description: ERROR_DESCRIPTIONS[status] })),
  );
}

/** Error answers given as an HTML page for a browser (single sign-on refusals), not as `ErrorDto`. */
export function ApiHtmlErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: 'a page saying why sign-in was refused',
        content: { 'text/html': { schema: { type: 'string' } } },
      }),
    ),
  );
}
