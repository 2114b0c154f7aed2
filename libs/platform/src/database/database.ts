import { Client } from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';

/** Creates the app's own database when it does not exist yet (first start on a new machine). */
export async function ensureDatabaseExists(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name)) {
    throw new Error(`DATABASE_URL: database name must be letters, digits and _ (got an invalid name)`);
  }
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await client.query(`CREATE DATABASE "${name}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04' && err.code !== '23505') {
          throw err; // 42P04/23505: another process created it at the same moment
        }
      });
    }
  } finally {
    await client.end();
  }
}

const MIGRATION_LOCK = 7_113_001;

/**
 * Opens the app's data source and applies pending migrations under an advisory lock, so several
 * instances starting together migrate once. Never `synchronize`.
 */
export async function openDatabase(
  options: Omit<DataSourceOptions, 'type' | 'url' | 'synchronize'> & { url: string; runMigrations: boolean },
): Promise<DataSource> {
  const { url, runMigrations, ...rest } = options;
  await ensureDatabaseExists(url);
  const dataSource = new DataSource({
    ...rest,
    type: 'postgres',
    url,
    synchronize: false,
    migrationsRun: false,
    extra: { max: 10 },
  } as DataSourceOptions);
  await dataSource.initialize();
  if (runMigrations) {
    // The lock is per session: hold it on one dedicated connection for the whole run.
    const lock = dataSource.createQueryRunner();
    await lock.connect();
    try {
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
      await dataSource.runMigrations({ transaction: 'each' });
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    } finally {
      await lock.release();
    }
  }
  return dataSource;
}
