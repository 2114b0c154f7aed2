import { Inject } from '@nestjs/common';

/** The app's root pino logger, provided by PlatformModule. */
export const LOGGER = Symbol('LOGGER');

export const InjectLogger = (): ParameterDecorator => Inject(LOGGER);
