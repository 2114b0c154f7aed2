import type { AppProcess } from './app-process';

/** True once portal users (portal-auth) are on this branch: the tests then log in through the form. */
export const PORTAL_AUTH_ON_MAIN = false;

/** Adds a portal user with the adapter's CLI, as an operator would. */
export async function addPortalUser(
  _adapter: AppProcess,
  _username: string,
  _password: string,
  _role: 'viewer' | 'editor',
): Promise<void> {
  throw new Error('portal users are not on this branch yet');
}
