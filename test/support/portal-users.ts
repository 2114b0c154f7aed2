import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { AppProcess } from './app-process';

const ROOT = join(__dirname, '..', '..');

/**
 * Adds a portal user with the adapter's CLI from the build (`user add NAME --role ROLE`, password
 * from PORTAL_USER_PASSWORD), in the adapter's own environment, as an operator would.
 */
export async function addPortalUser(
  app: AppProcess,
  username: string,
  password: string,
  role: 'viewer' | 'editor',
): Promise<void> {
  const script = join(ROOT, 'dist', 'apps', app.app, 'src', 'cli.js');
  const child = spawn(
    process.execPath,
    ['-r', join(ROOT, 'scripts', 'register-paths.js'), script, 'user', 'add', username, '--role', role],
    {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'warn', ...app.env, PORTAL_USER_PASSWORD: password },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0) {
    throw new Error(`user add ${username} failed (${code}): ${output}`);
  }
}
