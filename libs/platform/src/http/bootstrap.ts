import { ValidationPipe } from '@nestjs/common';
import { ConfigError, loadEnv } from '../config/env';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { Logger } from 'pino';
import { PinoNestLogger } from '../logging/logger';
import { LOGGER } from '../platform.module';
import { AllExceptionsFilter } from './exception.filter';

export interface HttpAppOptions {
  port: number;
  title: string;
  description: string;
  /** bearer auth shown in the OpenAPI document */
  bearer?: boolean;
  /** extra set-up before listen (body parsers for XML or CSV, static files) */
  configure?: (app: NestExpressApplication) => void;
}

/** Creates, configures and starts one HTTP app the same way for the hub and both adapters. */
export async function startHttpApp(
  module: unknown,
  options: HttpAppOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(module as never, {
    bufferLogs: true,
    bodyParser: false,
  });
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  configureHttpApp(app, options, logger);
  await app.listen(options.port, '0.0.0.0');
  logger.info({ port: options.port }, `${options.title} listening`);
  return app;
}

export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions, logger: Logger): void {
  app.useBodyParser('json', { limit: '1mb' });
  options.configure?.(app);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter(logger));
  app.enableShutdownHooks();
  const builder = new DocumentBuilder()
    .setTitle(options.title)
    .setDescription(options.description)
    .setVersion('1.0');
  if (options.bearer) {
    builder.addBearerAuth();
  }
  SwaggerModule.setup('docs', app, SwaggerModule.createDocument(app, builder.build()));
}

/**
 * An app's whole `main`: read and validate its environment, start it, and on a start-up failure
 * (before the logger exists) write one JSON line to stderr and exit non-zero.
 */
export function runHttpApp<E extends { PORT: number }>(
  app: string,
  envClass: new () => E,
  build: (env: E) => { module: unknown; options: Omit<HttpAppOptions, 'port'> },
): void {
  const start = async (): Promise<void> => {
    const env = loadEnv(envClass);
    const { module, options } = build(env);
    await startHttpApp(module, { ...options, port: env.PORT });
  };
  start().catch((error: unknown) => {
    const message =
      error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
    process.stderr.write(`${JSON.stringify({ level: 'fatal', app, msg: message })}\n`);
    process.exit(1);
  });
}
