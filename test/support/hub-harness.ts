import { AppProcess, freePort } from './app-process';
import { deleteBrokerTopology } from './broker';
import { login, registerParty } from './hub-api-client';
import {
  AMQP_URL,
  createTestPki,
  databaseUrl,
  dropDatabases,
  freshId,
  TestParty,
  TestPki,
  testOin,
} from './test-env';

export const HUB_ADMIN = { username: 'admin', password: 'test-admin-password' };

export interface HubHarness {
  pki: TestPki;
  prefix: string;
  hubParty: TestParty;
  hub: AppProcess;
  databases: string[];
  /** every party OIN registered through this harness (their queues are removed at teardown) */
  registered: string[];
  /** env shared by every app of this test network */
  baseEnv: Record<string, string>;
  hubEnv(overrides?: Record<string, string>): Promise<Record<string, string>>;
  adminToken(): Promise<string>;
  /** another hub process on the same database and broker prefix (a second instance, or a restart) */
  startAnotherHub(): Promise<AppProcess>;
  /** registers through the admin API and keeps the party's broker credentials on `party.broker` */
  registerParty(party: TestParty, kind: 'MUNICIPALITY' | 'CREDITOR', bsnAllowed: boolean): Promise<void>;
  teardown(): Promise<void>;
}

/**
 * A real hub process on its own database and AMQP prefix, with a throw-away CA. Parties are
 * registered through the hub's own admin API, the way an operator does it.
 */
export async function startHub(overrides: Record<string, string> = {}): Promise<HubHarness> {
  const id = freshId();
  const pki = createTestPki();
  const prefix = `skptest_${id}`;
  const hubParty = pki.party('hub', testOin(1), 'Test hub', 'ec');
  const databases = [`skp_test_hub_${id}`];
  const baseEnv = { AMQP_URL, AMQP_PREFIX: prefix, TRUST_ANCHORS: pki.caPath };
  let token: string | undefined;

  const harness: HubHarness = {
    pki,
    prefix,
    hubParty,
    databases,
    registered: [],
    baseEnv,
    hub: undefined as unknown as AppProcess,
    async hubEnv(extra = {}) {
      return {
        ...baseEnv,
        DATABASE_URL: databaseUrl(databases[0]),
        PORT: String(await freePort()),
        PARTY_OIN: hubParty.oin,
        PARTY_CERT: hubParty.certPath,
        PARTY_KEY: hubParty.keyPath,
        HUB_ADMIN_USERNAME: HUB_ADMIN.username,
        HUB_ADMIN_PASSWORD: HUB_ADMIN.password,
        HUB_JOB_INTERVAL_MS: '1000',
        ...overrides,
        ...extra,
      };
    },
    async adminToken() {
      token ??= await login(harness.hub.url, HUB_ADMIN.username, HUB_ADMIN.password);
      return token;
    },
    async startAnotherHub() {
      const env = { ...harness.hub.env, PORT: String(await freePort()) };
      return new AppProcess('hub', env).start();
    },
    async registerParty(party, kind, bsnAllowed) {
      party.broker = await registerParty(
        harness.hub.url,
        await harness.adminToken(),
        party,
        kind,
        bsnAllowed,
      );
      harness.registered.push(party.oin);
    },
    async teardown() {
      await harness.hub?.stop();
      // also deletes every broker user of this prefix
      await deleteBrokerTopology(prefix, harness.registered, [`${prefix}.bench.roundtrip`]);
      await dropDatabases(databases);
    },
  };
  harness.hub = await new AppProcess('hub', await harness.hubEnv()).start();
  return harness;
}
