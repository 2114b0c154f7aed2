/** How an adapter configures its portal users (from its env class). */
export interface PortalOptions {
  /** the adapter's API token: machine clients, act as editor */
  apiToken: string;
  /** fixed session lifetime */
  sessionTtlMinutes: number;
  /** login attempts per client address per minute */
  loginRateLimit: number;
  /** NODE_ENV=production: passwords need 16 characters instead of 12 */
  production: boolean;
  /** the first editor, created while no portal user exists */
  firstUser: { username?: string; password?: string };
  /** names the variables in the warning when nobody can log in, e.g. `MUNICIPALITY_PORTAL_` */
  envPrefix: string;
}

export const PORTAL_OPTIONS = Symbol('PORTAL_OPTIONS');
