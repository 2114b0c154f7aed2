import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import {
  createDevCa,
  issuePartyCertificate,
  loadSigningIdentity,
  SigningIdentity,
  TrustStore,
} from '@skp/crypto';
import { brokerUsernameOf, withBrokerCredentials } from '@skp/platform';

export const PG_URL = process.env.TEST_PG_URL ?? 'postgres://postgres:postgres@127.0.0.1:5432';
export const AMQP_URL = process.env.AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
export const RABBITMQ_MANAGEMENT_URL =
  process.env.RABBITMQ_MANAGEMENT_URL ?? 'http://guest:guest@127.0.0.1:15672';
/** the test hubs' own broker account (the shared development account): the one adapters trust */
export const HUB_BROKER_USER = brokerUsernameOf(AMQP_URL);

/** A short random suffix: every test run gets its own databases and AMQP_PREFIX. */
export function freshId(): string {
  return randomBytes(4).toString('hex');
}

export function freshPrefix(): string {
  return `skptest_${freshId()}`;
}

export function databaseUrl(name: string): string {
  return `${PG_URL}/${name}`;
}

/** Drops the test databases a run created (best effort; a leftover never breaks the next run). */
export async function dropDatabases(names: string[]): Promise<void> {
  const client = new Client({ connectionString: `${PG_URL}/postgres` });
  await client.connect();
  try {
    for (const name of names) {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => undefined);
    }
  } finally {
    await client.end();
  }
}

export interface TestParty {
  slug: string;
  oin: string;
  name: string;
  certPath: string;
  keyPath: string;
  certPem: string;
  keyPem: string;
  identity: SigningIdentity;
  /** its own broker account, set when the party is registered at a test hub (DESIGN §5) */
  broker?: { username: string; password: string };
}

/** The AMQP URL a party's software connects with: its own account once registered, else `base`. */
export function partyAmqpUrl(party: TestParty, base = AMQP_URL): string {
  return party.broker ? withBrokerCredentials(base, party.broker) : base;
}

export interface TestPki {
  dir: string;
  caPath: string;
  caPem: string;
  trust: TrustStore;
  party(
    slug: string,
    oin: string,
    name: string,
    keyType?: 'rsa' | 'ec',
    validity?: { notBefore: Date; notAfter: Date },
  ): TestParty;
}

/** A throw-away CA in a temp folder; parties get real certificates with their OIN as serialNumber. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'skp-pki-'));
  mkdirSync(dir, { recursive: true });
  const ca = createDevCa({ commonName: 'SKP test CA' });
  const caPath = join(dir, 'ca.crt');
  writeFileSync(caPath, ca.certPem);
  return {
    dir,
    caPath,
    caPem: ca.certPem,
    trust: new TrustStore([ca.certPem]),
    party(slug, oin, name, keyType = 'rsa', validity) {
      const issued = issuePartyCertificate(ca, { oin, name, keyType, ...validity });
      const certPem = issued.chainPem.join('\n');
      const certPath = join(dir, `${slug}.crt`);
      const keyPath = join(dir, `${slug}.key`);
      writeFileSync(certPath, certPem);
      writeFileSync(keyPath, issued.keyPem);
      return {
        slug,
        oin,
        name,
        certPath,
        keyPath,
        certPem: issued.certPem,
        keyPem: issued.keyPem,
        identity: loadSigningIdentity({ certPem, keyPem: issued.keyPem }),
      };
    },
  };
}

/** Test OINs with the 00000099 test prefix; a different one per call. */
let oinCounter = 0;
export function testOin(kind: 1 | 2 | 3 = 2): string {
  oinCounter += 1;
  const body = `${kind}${String(Date.now() % 1e7).padStart(7, '0')}${String(oinCounter).padStart(4, '0')}`;
  return `00000099${body}`;
}
