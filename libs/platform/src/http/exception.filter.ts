import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { Response } from 'express';
import type { Logger } from 'pino';
import { httpErrorBody } from './http-errors';

/**
 * The one exception filter of an HTTP app. Known errors keep their status and JSON body; anything
 * else becomes a 500 with an error id, logged once with its stack (and never with request data).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  constructor(private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      response
        .status(exception.getStatus())
        .json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    if (isBodyParserError(exception)) {
      const tooLarge = exception.status === 413;
      response
        .status(exception.status)
        .json(
          httpErrorBody(
            exception.status,
            tooLarge ? 'Payload Too Large' : 'Bad Request',
            [],
            tooLarge ? 'request body exceeds the size limit' : 'request body is not valid',
          ),
        );
      return;
    }
    const errorId = randomUUID();
    const err = exception instanceof Error ? exception : new Error(String(exception));
    this.logger.error({ errorId, err: { message: err.message, stack: err.stack } }, 'unhandled error');
    response
      .status(HttpStatus.INTERNAL_SERVER_ERROR)
      .json({ statusCode: 500, error: 'Internal Server Error', errorId });
  }
}

function isBodyParserError(e: unknown): e is { status: number; type: string } {
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof (e as { type?: unknown }).type === 'string' &&
    typeof (e as { status?: unknown }).status === 'number'
  );
}
