import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

function flatten(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((error) => {
    const name = `${prefix}${error.property}`;
    // two rules may share one message (e.g. a whole number, at least N): say it once
    const own = [...new Set(Object.values(error.constraints ?? {}))].map((text) => `${name}: ${text}`);
    return [...own, ...flatten(error.children ?? [], `${name}.`)];
  });
}

/**
 * Reads one app's environment into its env class. Fails fast with every bad variable listed,
 * so an operator fixes a deployment in one go rather than one restart per mistake.
 */
export function loadEnv<T extends object>(envClass: new () => T, env: NodeJS.ProcessEnv = process.env): T {
  const defined = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const config = plainToInstance(envClass, defined, {
    enableImplicitConversion: false,
    exposeDefaultValues: true,
  });
  const problems = flatten(validateSync(config, { whitelist: false, forbidUnknownValues: false }));
  if (problems.length > 0) {
    throw new ConfigError(problems);
  }
  return config;
}

/** Environment strings to booleans the way operators write them. */
export function envFlag(value: unknown): boolean {
  return typeof value === 'string'
    ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase())
    : value === true;
}
