import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { loadSigningIdentity, SigningIdentity, TrustStore } from '@skp/crypto';
import {
  createDevCa,
  createIntermediateCa,
  DevKeyUsage,
  IntermediateCa,
  issuePartyCertificate,
  issueRevocationList,
  PemKeyPair,
} from '@skp/crypto/dev';
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

/** Options of a test party certificate beyond the defaults (RSA, valid for a year, signing key usage). */
export interface TestPartyOptions {
  keyType?: 'rsa' | 'ec';
  notBefore?: Date;
  notAfter?: Date;
  keyUsage?: DevKeyUsage[];
}

/** CRL dates; a nextUpdate in the past makes a stale CRL. */
export interface TestCrlDates {
  thisUpdate?: Date;
  nextUpdate?: Date;
}

/** A CA of the test PKI that issues party certificates and CRLs (the root, or a sub-CA). */
export interface TestIssuer {
  certPath: string;
  certPem: string;
  /** a party certificate issued by this CA; its chain file holds leaf, sub-CA(s), root */
  issueParty(slug: string, oin: string, name: string, options?: TestPartyOptions): TestParty;
  /** a PEM CRL signed by this CA revoking the given certificates */
  revocationList(revoked: Array<{ certPem: string }>, dates?: TestCrlDates): string;
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
  /** the root CA as an issuer (its certificate is the trust anchor in caPath) */
  root: TestIssuer;
  /** an intermediate (sub-)CA issued by the root, as PKIoverheid issues through sub-CAs */
  subCa(slug: string, commonName: string): TestIssuer;
}

/** A throw-away CA in a temp folder; parties get real certificates with their OIN as serialNumber. */
export function createTestPki(): TestPki {
  const dir = mkdtempSync(join(tmpdir(), 'skp-pki-'));
  mkdirSync(dir, { recursive: true });
  const ca = createDevCa({ commonName: 'SKP test CA' });
  const caPath = join(dir, 'ca.crt');
  writeFileSync(caPath, ca.certPem);

  function issueParty(
    issuer: PemKeyPair | IntermediateCa,
    slug: string,
    oin: string,
    name: string,
    options: TestPartyOptions = {},
  ): TestParty {
    const issued = issuePartyCertificate(issuer, {
      oin,
      name,
      keyType: options.keyType ?? 'rsa',
      ...options,
    });
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
  }

  function asIssuer(issuer: PemKeyPair | IntermediateCa, certPath: string): TestIssuer {
    return {
      certPath,
      certPem: issuer.certPem,
      issueParty: (slug, oin, name, options) => issueParty(issuer, slug, oin, name, options),
      revocationList: (revoked, dates = {}) =>
        issueRevocationList(issuer, { revokedCertPems: revoked.map((r) => r.certPem), ...dates }),
    };
  }

  return {
    dir,
    caPath,
    caPem: ca.certPem,
    trust: new TrustStore([ca.certPem]),
    party(slug, oin, name, keyType = 'rsa', validity) {
      return issueParty(ca, slug, oin, name, { keyType, ...validity });
    },
    root: asIssuer(ca, caPath),
    subCa(slug, commonName) {
      const subCa = createIntermediateCa(ca, { commonName });
      const certPath = join(dir, `${slug}.crt`);
      writeFileSync(certPath, subCa.certPem);
      return asIssuer(subCa, certPath);
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
