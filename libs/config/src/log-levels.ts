import type { LogLevel } from '@nestjs/common';
import type { Environment } from './environment';

const SEVERITY: readonly LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** The Nest log levels to print for LOG_LEVEL: that level and every more severe one. */
export function logLevelsUpTo(level: Environment['LOG_LEVEL']): LogLevel[] {
  return SEVERITY.slice(0, SEVERITY.indexOf(level) + 1);
}
