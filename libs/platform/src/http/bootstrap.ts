import { ValidationPipe } from '@nestjs/common';
import { describeRule } from '@skp/messages';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import express from 'express';
import type { Logger } from 'pino';
import { ConfigError, loadEnv } from '../config/env';
import { isProduction, ProductionApp, productionConfigProblems } from '../config/production-rules';
import { PinoNestLogger } from '../logging/logger';
import { LOGGER } from '../platform.tokens';
import { AllExceptionsFilter } from './exception.filter';
import { validationExceptionFactory } from './http-errors';
import { refuseOddPaths } from './path-spelling';
import { securityHeaders } from './security-headers';

export interface HttpAppOptions {
  port: number;
  title: string;
  description: string;
  /** bearer auth shown in the OpenAPI document */
  bearer?: boolean;
  /** Express `trust proxy` (TRUST_PROXY): which proxies may say the request came over TLS */
  trustProxy?: string;
  /** origins allowed to call the API from a browser (CORS_ORIGINS); none when empty */
  corsOrigins?: string[];
  /** extra set-up before listen (body parsers for XML or CSV, static files) */
  configure?: (app: NestExpressApplication) => void;
  /** text of the app's own rule names in a 400 (the message rules of @skp/messages are known) */
  describeRule?: (rule: string) => string | undefined;
  /** set-up before every other middleware, even the path rules (e.g. auditing every refusal) */
  configureFirst?: (app: NestExpressApplication) => void;
}

/**
 * The Express instance of every app: case-sensitive and strict routing, so `/API/x` and `/api/x/`
 * are not `/api/x`. Set before the router exists (Express 5 reads both settings when it creates
 * the router and ignores later changes).
 */
export function createExpressInstance(trustProxy?: string): express.Express {
  const instance = express();
  instance.set('case sensitive routing', true);
  instance.set('strict routing', true);
  instance.disable('x-powered-by');
  if (trustProxy) {
    instance.set('trust proxy', trustProxyValue(trustProxy));
  }
  return instance;
}

function trustProxyValue(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') {
    return value === 'true';
  }
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** Creates, configures and starts one HTTP app the same way for the hub and both adapters. */
export async function startHttpApp(
  module: unknown,
  options: HttpAppOptions,
): Promise<NestExpressApplication> {
  const app = await NestFactory.create<NestExpressApplication>(
    module as never,
    new ExpressAdapter(createExpressInstance(options.trustProxy)),
    { bufferLogs: true, bodyParser: false },
  );
  const logger = app.get<Logger>(LOGGER);
  app.useLogger(new PinoNestLogger(logger));
  configureHttpApp(app, options, logger);
  await app.listen(options.port, '0.0.0.0');
  logger.info({ port: options.port }, `${options.title} listening`);
  return app;
}

export function configureHttpApp(app: NestExpressApplication, options: HttpAppOptions, logger: Logger): void {
  // Headers and path spelling come before everything else, so even a refusal carries the headers
  // and no parser, guard or route sees an oddly spelled path.
  options.configureFirst?.(app);
  app.use(securityHeaders);
  app.use(refuseOddPaths);
  if (options.corsOrigins && options.corsOrigins.length > 0) {
    app.enableCors({ origin: options.corsOrigins, credentials: false });
  }
  app.useBodyParser('json', { limit: '1mb' });
  options.configure?.(app);
  app.useGlobalPipes(
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationExceptionFactory(
        (rule) => options.describeRule?.(rule) ?? messageRuleText(rule),
      ),
    }),
  );
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

/** The text of a rule of the message schema, or undefined for a rule it does not know. */
function messageRuleText(rule: string): string | undefined {
  const text = describeRule(rule);
  return text.startsWith('breaks rule ') ? undefined : text;
}

/** What runHttpApp needs from an app's env class besides the app's own settings. */
interface HttpEnv {
  PORT: number;
  TRUST_PROXY?: string;
  CORS_ORIGINS?: string;
}

/**
 * Reads and validates an app's environment; under NODE_ENV=production also applies the
 * production rules (DESIGN §8) to the raw environment. Every problem of both kinds in one error.
 */
export function loadAppEnv<E extends object>(
  app: ProductionApp,
  envClass: new () => E,
  raw: NodeJS.ProcessEnv = process.env,
): E {
  const problems = isProduction(raw) ? productionConfigProblems(app, raw) : [];
  let env: E | undefined;
  try {
    env = loadEnv(envClass, raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) {
      throw error;
    }
    problems.push(...error.problems);
  }
  if (problems.length > 0 || !env) {
    throw new ConfigError(problems);
  }
  return env;
}

/**
 * An app's whole `main`: read and validate its environment, start it, and on a start-up failure
 * (before the logger exists) write one JSON line to stderr and exit non-zero.
 */
export function runHttpApp<E extends HttpEnv>(
  app: ProductionApp,
  envClass: new () => E,
  build: (env: E) => { module: unknown; options: Omit<HttpAppOptions, 'port'> },
): void {
  const start = async (): Promise<void> => {
    const env = loadAppEnv(app, envClass);
    const { module, options } = build(env);
    await startHttpApp(module, {
      trustProxy: env.TRUST_PROXY,
      corsOrigins: (env.CORS_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      ...options,
      port: env.PORT,
    });
  };
  start().catch((error: unknown) => {
    const message =
      error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
    process.stderr.write(`${JSON.stringify({ level: 'fatal', app, msg: message })}\n`);
    process.exit(1);
  });
}
