import 'reflect-metadata';
import {
  CliUsageError,
  ConfigError,
  loadEnv,
  openDatabase,
  PORTAL_USER_USAGE,
  portalUserCommand,
  readPortalPassword,
} from '@skp/platform';
import { MunicipalityEnv } from './config/municipality.env';
import { MUNICIPALITY_MIGRATIONS } from './database/migrations';

const USAGE = `usage: npm run municipality -- <command>

${PORTAL_USER_USAGE}`;

const out = (text: string): void => void process.stdout.write(`${text}\n`);

/** `--name value` and `--name=value`; everything else is positional. */
function parseArgs(args: string[]): { positional: string[]; options: Record<string, string> } {
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

async function main(argv: string[]): Promise<number> {
  const { positional, options } = parseArgs(argv);
  const [command, ...rest] = positional;
  if (command !== 'user') {
    throw new CliUsageError(command ? `unknown command: ${command}` : 'no command given');
  }
  const env = loadEnv(MunicipalityEnv);
  // the CLI prints its results; logs only when something is wrong, unless LOG_LEVEL asks for more
  env.LOG_LEVEL ??= 'warn';
  // the database only: the CLI needs neither the broker nor the keys
  const dataSource = await openDatabase({
    url: env.DATABASE_URL,
    runMigrations: env.DB_SKIP_MIGRATIONS !== 'true',
    migrations: MUNICIPALITY_MIGRATIONS,
  });
  try {
    return await portalUserCommand(rest, options, {
      app: 'municipality-adapter',
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

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof CliUsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    const message = error instanceof ConfigError || error instanceof Error ? error.message : String(error);
    process.stderr.write(`error: ${message}\n`);
    process.exit(1);
  });
