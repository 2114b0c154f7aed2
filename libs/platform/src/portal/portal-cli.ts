import type { DataSourceOptions } from 'typeorm';
import { ConfigError, loadEnv } from '../config/env';
import { openDatabase } from '../database/database';
import { CliUsageError, PORTAL_USER_USAGE, portalUserCommand, readPortalPassword } from './portal-user-cli';
import type { PortalEnv } from './portal-env';

/** What differs between the adapters' CLIs. */
export interface PortalCliSpec {
  /** the app's name in logs, e.g. `creditor-adapter` */
  app: string;
  /** the npm script that runs the CLI, for the usage text, e.g. `creditor` */
  npmScript: string;
  envClass: new () => PortalEnv;
  migrations: DataSourceOptions['migrations'];
}

const out = (text: string): void => void process.stdout.write(`${text}\n`);

/** `--name value` and `--name=value`; everything else is positional. */
export function parseCliArgs(args: string[]): { positional: string[]; options: Record<string, string> } {
  const positional: string[] = [];
  const options: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(args[i]);
    if (!match) {
      positional.push(args[i]);
    } else {
      options[match[1]] = match[2] ?? (i + 1 < args.length ? args[++i] : '');
    }
  }
  return { positional, options };
}

async function main(spec: PortalCliSpec, argv: string[]): Promise<number> {
  const { positional, options } = parseCliArgs(argv);
  const [command, ...rest] = positional;
  if (command !== 'user') {
    throw new CliUsageError(command ? `unknown command: ${command}` : 'no command given');
  }
  const env = loadEnv(spec.envClass);
  // the CLI prints its results; logs only when something is wrong, unless LOG_LEVEL asks for more
  env.LOG_LEVEL ??= 'warn';
  // the database only: the CLI needs neither the broker nor the keys
  const dataSource = await openDatabase({
    url: env.DATABASE_URL,
    runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
    migrations: spec.migrations,
  });
  try {
    return await portalUserCommand(rest, options, {
      app: spec.app,
      env,
      production: env.NODE_ENV === 'production',
      dataSource,
      readPassword: () => readPortalPassword(),
      out,
    });
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Runs an adapter's command line (`npm run <script> -- user …`) and exits: 0 done, 1 refused or
 * failed, 2 a command line that cannot be run (printed with the usage).
 */
export function runPortalCli(spec: PortalCliSpec, argv: string[] = process.argv.slice(2)): void {
  main(spec, argv)
    .then((code) => process.exit(code))
    .catch((error: unknown) => {
      if (error instanceof CliUsageError) {
        process.stderr.write(
          `${error.message}\n\nusage: npm run ${spec.npmScript} -- <command>\n\n${PORTAL_USER_USAGE}`,
        );
        process.exit(2);
      }
      const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
      process.stderr.write(`error: ${message}\n`);
      process.exit(1);
    });
}
