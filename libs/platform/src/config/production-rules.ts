/** The apps the production rules know; each gets the rules that apply to it. */
export type ProductionApp = 'hub' | 'municipality-adapter' | 'creditor-adapter';

/** Credentials that appear in the demo, the examples or the broker's defaults: never in production. */
export const DEMO_SECRETS = [
  'demo-admin',
  'demo-municipality',
  'demo-creditor-public',
  'demo-creditor-private',
  'demo-counsellor',
  'demo-creditor',
] as const;

export const MIN_PRODUCTION_SECRET_LENGTH = 16;

/** Secrets each app reads, by variable; URLs are checked for the password inside them. */
const SECRETS: Record<ProductionApp, string[]> = {
  hub: ['HUB_ADMIN_PASSWORD'],
  'municipality-adapter': ['MUNICIPALITY_API_TOKEN', 'MUNICIPALITY_PORTAL_PASSWORD'],
  'creditor-adapter': ['CREDITOR_API_TOKEN', 'CREDITOR_PORTAL_PASSWORD'],
};

const BROKER_URLS = ['AMQP_URL', 'RABBITMQ_MANAGEMENT_URL'];

function credentialsOf(url: string): { user: string; password: string } | null {
  try {
    const parsed = new URL(url);
    return { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  } catch {
    return null;
  }
}

function isDemoSecret(value: string): boolean {
  const lower = value.toLowerCase();
  return DEMO_SECRETS.some((demo) => lower.includes(demo));
}

function isTrue(value: string | undefined): boolean {
  return ['1', 'true', 'yes', 'on'].includes((value ?? '').trim().toLowerCase());
}

/**
 * Why this environment may not run in production (DESIGN §8), every reason at once; empty when
 * it may. Pure: fed the raw environment, so it also sees variables no env class declares. The
 * reasons name variables, never their values.
 */
export function productionConfigProblems(
  app: ProductionApp,
  env: Record<string, string | undefined>,
): string[] {
  const problems: string[] = [];
  for (const name of SECRETS[app]) {
    const value = env[name];
    if (!value) {
      continue;
    }
    if (isDemoSecret(value)) {
      problems.push(`${name}: a demo credential is not allowed in production`);
    }
    if (value.length < MIN_PRODUCTION_SECRET_LENGTH) {
      problems.push(`${name}: must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`);
    }
  }
  if (!env.AMQP_URL) {
    problems.push("AMQP_URL: required in production (the default is the broker's guest account)");
  }
  for (const name of BROKER_URLS) {
    const value = env[name];
    if (!value) {
      continue;
    }
    const credentials = credentialsOf(value);
    if (!credentials) {
      continue;
    }
    if (credentials.user === 'guest' || credentials.password === 'guest') {
      problems.push(`${name}: the broker's default guest account is not allowed in production`);
    }
    if (isDemoSecret(credentials.user) || isDemoSecret(credentials.password)) {
      problems.push(`${name}: a demo credential is not allowed in production`);
    }
    if (name === 'AMQP_URL' && credentials.password.length < MIN_PRODUCTION_SECRET_LENGTH) {
      problems.push(
        `${name}: the broker password must be at least ${MIN_PRODUCTION_SECRET_LENGTH} characters in production`,
      );
    }
  }
  if (app !== 'hub' && !env.HUB_OIN) {
    problems.push('HUB_OIN: required in production (receipts are only believed when the hub signed them)');
  }
  if (app === 'hub' && isTrue(env.HUB_ALLOW_SHARED_BROKER_USER)) {
    problems.push(
      'HUB_ALLOW_SHARED_BROKER_USER: must not be true in production (every party needs its own broker account)',
    );
  }
  return problems;
}

export function isProduction(env: Record<string, string | undefined>): boolean {
  return env.NODE_ENV === 'production';
}
