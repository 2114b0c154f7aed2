import { LoggerService } from '@nestjs/common';
import pino, { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they occur in a log object: personal data, secrets and message
 * bodies never reach a log line, even when a developer logs a whole object by mistake.
 */
export const REDACTED_PATHS = [
  'bsn',
  '*.bsn',
  '*.*.bsn',
  'debtor',
  '*.debtor',
  'partner',
  '*.partner',
  'address',
  '*.address',
  'givenNames',
  '*.givenNames',
  'surname',
  '*.surname',
  'birthDate',
  '*.birthDate',
  'body',
  '*.body',
  'password',
  '*.password',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  '*.headers.authorization',
  'privateKey',
  '*.privateKey',
  'key',
  '*.key',
];

/** pino's levels, and `silent`. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** What the root logger reads of an app's validated env class. */
export interface LoggingEnv {
  LOG_LEVEL?: LogLevel;
  NODE_ENV?: string;
}

export function createRootLogger(app: string, env: LoggingEnv): Logger {
  return pino({
    name: app,
    level: env.LOG_LEVEL ?? (env.NODE_ENV === 'test' ? 'warn' : 'info'),
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}

/** Nest's LoggerService over pino, so framework and app logs are one JSON stream. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, context?: string): void {
    this.logger.info({ context }, String(message));
  }
  error(message: unknown, trace?: string, context?: string): void {
    this.logger.error({ context, trace }, String(message));
  }
  warn(message: unknown, context?: string): void {
    this.logger.warn({ context }, String(message));
  }
  debug(message: unknown, context?: string): void {
    this.logger.debug({ context }, String(message));
  }
  verbose(message: unknown, context?: string): void {
    this.logger.trace({ context }, String(message));
  }
}

export type { Logger };
