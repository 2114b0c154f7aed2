import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AppProcess } from './app-process';

const ROOT = join(__dirname, '..', '..');

/** The portal editors every test adapter starts with (seeded from its env, see creditor-network). */
export const CREDITOR_PORTAL_EDITOR = { username: 'creditor', password: 'demo-creditor' };

/**
 * Adds a portal user to an adapter's database the way an operator does (`npm run creditor -- user
 * add NAME --role viewer`), with the app's own configuration; the password through the environment.
 */
export async function addPortalUser(
  app: AppProcess,
  username: string,
  role: 'viewer' | 'editor',
  password: string,
): Promise<void> {
  const cli = join(ROOT, 'dist', 'apps', app.app, 'src', 'cli.js');
  await promisify(execFile)(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register-paths.js'), cli, 'user', 'add', username, '--role', role],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        LOG_LEVEL: 'warn',
        ...app.env,
        PORTAL_USER_PASSWORD: password,
      },
      timeout: 60_000,
    },
  );
}
