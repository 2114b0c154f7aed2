import { Client } from 'pg';
import { AppProcess, freePort } from '../../support/app-process';
import { login, registerParty } from '../../support/hub-api-client';
import { createTestPki, freshId, TestParty, TestPki, testOin } from '../../support/test-env';
import { PostgresCluster } from './postgres-cluster';
import { RabbitNode } from './rabbit-node';

export const FAULT_ADMIN = { username: 'admin', password: 'fault-admin-password' };
const MUNICIPALITY_TOKEN = 'fault-municipality-token';

/** A parsed JSON answer; scenarios assert on it field by field. */
export type Json = any;

export interface FaultCreditor {
  app: AppProcess;
  party: TestParty;
  database: string;
}

/**
 * The whole network on the suite's OWN servers: a hub, one municipality adapter and two creditor
 * adapters (both answer automatically; the first may see the BSN), each app on its own database of
 * the own PostgreSQL cluster and all on the own RabbitMQ node, so a scenario can stop, kill and
 * restart any of them. Parties are registered through the hub's admin API, as an operator does.
 */
export class FaultNetwork {
  hub!: AppProcess;
  municipality!: AppProcess;
  creditors: FaultCreditor[] = [];
  readonly prefix = `skpfault_${freshId()}`;
  readonly pki: TestPki = createTestPki();
  readonly hubParty = this.pki.party('hub', testOin(1), 'Fault hub', 'ec');
  readonly municipalityParty = this.pki.party('municipality', testOin(1), 'Gemeente Storing');
  private token?: string;

  private constructor(
    readonly pg: PostgresCluster,
    readonly rabbit: RabbitNode,
  ) {}

  /** Own servers first, then the apps; on a failure half-way everything started is removed. */
  static async start(): Promise<FaultNetwork> {
    const pg = await PostgresCluster.create();
    let rabbit: RabbitNode | undefined;
    try {
      rabbit = await RabbitNode.create();
      const network = new FaultNetwork(pg, rabbit);
      try {
        await network.startApps();
      } catch (error) {
        await network.teardown();
        throw error;
      }
      return network;
    } catch (error) {
      await rabbit?.remove();
      await pg.remove();
      throw error;
    }
  }

  get apps(): AppProcess[] {
    return [this.hub, this.municipality, ...this.creditors.map((c) => c.app)].filter(Boolean);
  }

  /** Env every app of this network shares. */
  private get baseEnv(): Record<string, string> {
    return {
      AMQP_URL: this.rabbit.url(),
      AMQP_PREFIX: this.prefix,
      TRUST_ANCHORS: this.pki.caPath,
    };
  }

  private async startApps(): Promise<void> {
    this.hub = await new AppProcess('hub', {
      ...this.baseEnv,
      DATABASE_URL: this.pg.url('skp_hub'),
      PORT: String(await freePort()),
      PARTY_OIN: this.hubParty.oin,
      PARTY_CERT: this.hubParty.certPath,
      PARTY_KEY: this.hubParty.keyPath,
      HUB_ADMIN_USERNAME: FAULT_ADMIN.username,
      HUB_ADMIN_PASSWORD: FAULT_ADMIN.password,
      HUB_JOB_INTERVAL_MS: '1000',
      // The suite runs with the shared-broker-account escape hatch on purpose: it is about faults
      // (outages, kills, restarts), not about each party's broker identity, which other e2e specs test.
      HUB_ALLOW_SHARED_BROKER_USER: 'true',
      RABBITMQ_MANAGEMENT_URL: this.rabbit.managementUrl(),
    }).start();

    const withBsn = this.pki.party('creditor-bsn', testOin(2), 'Zorgverzekeraar Storing (BSN)');
    const withoutBsn = this.pki.party('creditor-plain', testOin(2), 'Energie Storing BV');
    await this.registerParty(this.municipalityParty, 'MUNICIPALITY', false);
    await this.registerParty(withBsn, 'CREDITOR', true);
    await this.registerParty(withoutBsn, 'CREDITOR', false);

    for (const [party, bsn] of [
      [withBsn, true],
      [withoutBsn, false],
    ] as const) {
      const database = `skp_creditor_${party.slug.replace('-', '_')}`;
      const app = await new AppProcess('creditor-adapter', {
        ...this.baseEnv,
        DATABASE_URL: this.pg.url(database),
        PORT: String(await freePort()),
        PARTY_OIN: party.oin,
        PARTY_CERT: party.certPath,
        PARTY_KEY: party.keyPath,
        CREDITOR_API_TOKEN: `fault-creditor-token-${party.slug}`,
        HUB_OIN: this.hubParty.oin,
        CREDITOR_AUTO_ACK: 'true',
        CREDITOR_BSN_ALLOWED: String(bsn),
        CREDITOR_MAX_PAUSE_MONTHS: '6',
        CREDITOR_WEBHOOK_POLL_MS: '200',
      }).start();
      this.creditors.push({ app, party, database });
    }

    this.municipality = await new AppProcess('municipality-adapter', {
      ...this.baseEnv,
      DATABASE_URL: this.pg.url('skp_municipality'),
      PORT: String(await freePort()),
      PARTY_OIN: this.municipalityParty.oin,
      PARTY_CERT: this.municipalityParty.certPath,
      PARTY_KEY: this.municipalityParty.keyPath,
      MUNICIPALITY_API_TOKEN: MUNICIPALITY_TOKEN,
      MUNICIPALITY_CODE: '0344',
      MUNICIPALITY_NAME: 'Gemeente Storing',
      COUNSELLOR_EMAIL: 'schulden@gemeente.test',
      BSN_ALLOWED_CREDITORS: withBsn.oin,
      HUB_OIN: this.hubParty.oin,
      MUNICIPALITY_JOB_INTERVAL_MS: '1000',
      MUNICIPALITY_IMPORT_CHUNK_ROWS: '50',
    }).start();
  }

  async adminToken(): Promise<string> {
    this.token ??= await login(this.hub.url, FAULT_ADMIN.username, FAULT_ADMIN.password);
    return this.token;
  }

  async hubApi(path: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${this.hub.url}${path}`, {
      headers: { authorization: `Bearer ${await this.adminToken()}` },
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  async municipalityApi(
    method: 'GET' | 'POST',
    path: string,
    csv?: string,
  ): Promise<{ status: number; body: Json }> {
    const response = await fetch(`${this.municipality.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${MUNICIPALITY_TOKEN}`,
        ...(csv === undefined ? {} : { 'content-type': 'text/csv' }),
      },
      body: csv,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  }

  /**
   * A background CSV import of `cases` cases, each for both creditors (2 x cases rows); the case
   * references all start with `reference`.
   */
  async importCsv(reference: string, cases: number): Promise<string> {
    const lines = [
      'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin',
    ];
    for (let i = 0; i < cases; i += 1) {
      for (const creditor of this.creditors) {
        lines.push(
          `${reference}-${i};111222333;Jan;Storing;1980-05-17;Neude;${(i % 900) + 1};3512 AE;Utrecht;${creditor.party.oin}`,
        );
      }
    }
    const upload = await this.municipalityApi(
      'POST',
      '/kennisgevingen/import?background=true',
      `${lines.join('\n')}\n`,
    );
    if (upload.status !== 202) {
      throw new Error(`CSV import refused: ${upload.status} ${JSON.stringify(upload.body)}`);
    }
    return upload.body.jobId as string;
  }

  /** One query on one app's database of the own cluster (a fresh connection: the cluster may restart). */
  async query<T = Json>(database: string, sql: string, params: unknown[] = []): Promise<T[]> {
    const client = new Client({ connectionString: this.pg.url(database), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return (await client.query(sql, params)).rows as T[];
    } finally {
      await client.end().catch(() => undefined);
    }
  }

  /** Whether an app process is still running (a crash the scenario did not cause shows here). */
  static isRunning(app: AppProcess): boolean {
    const pid = app.pid;
    if (pid === undefined) {
      return false;
    }
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** Stops every app, then removes the own servers and temp folders. Never throws. */
  async teardown(): Promise<void> {
    for (const app of this.apps) {
      await app.stop('SIGKILL').catch(() => undefined);
    }
    await this.rabbit.remove().catch(() => undefined);
    await this.pg.remove().catch(() => undefined);
    const { rmSync } = await import('node:fs');
    rmSync(this.pki.dir, { recursive: true, force: true });
  }

  private async registerParty(
    party: TestParty,
    kind: 'MUNICIPALITY' | 'CREDITOR',
    bsnAllowed: boolean,
  ): Promise<void> {
    await registerParty(this.hub.url, await this.adminToken(), party, kind, bsnAllowed);
  }
}
