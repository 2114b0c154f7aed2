import { AppProcess, freePort } from './app-process';
import type { HubHarness } from './hub-harness';
import { ensurePartyBrokerAccount } from './broker';
import { databaseUrl, freshId, partyAmqpUrl, TestParty } from './test-env';

/**
 * A municipality adapter process on its own database in a hub harness's network, configured as a
 * municipality would (the database is dropped with the harness).
 */
export async function startMunicipalityAdapter(
  harness: HubHarness,
  party: TestParty,
  token: string,
  env: Record<string, string> = {},
): Promise<AppProcess> {
  const database = `skp_test_municipality_${freshId()}`;
  harness.databases.push(database);
  await ensurePartyBrokerAccount(harness.prefix, party);
  return new AppProcess('municipality-adapter', {
    ...harness.baseEnv,
    // its own broker account, from the party's registration (DESIGN §5)
    AMQP_URL: partyAmqpUrl(party, harness.baseEnv.AMQP_URL),
    DATABASE_URL: databaseUrl(database),
    PORT: String(await freePort()),
    PARTY_OIN: party.oin,
    PARTY_CERT: party.certPath,
    PARTY_KEY: party.keyPath,
    MUNICIPALITY_API_TOKEN: token,
    // the demo portal user (editor), created at start-up
    MUNICIPALITY_PORTAL_USERNAME: 'counsellor',
    MUNICIPALITY_PORTAL_PASSWORD: 'demo-counsellor',
    MUNICIPALITY_CODE: '0344',
    MUNICIPALITY_NAME: 'Gemeente Test',
    COUNSELLOR_EMAIL: 'schulden@gemeente.test',
    HUB_OIN: harness.hubParty.oin,
    ...env,
  }).start();
}
