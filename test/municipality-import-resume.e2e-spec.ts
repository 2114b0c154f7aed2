import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, freshId, TestParty, testOin } from './support/test-env';

/**
 * A CSV import survives its adapter being SIGKILLed in the middle: the restarted process resumes
 * the stored job where it stopped, and every row is sent exactly once (DESIGN §7, issue 10).
 */
const TOKEN = 'test-municipality-token';
const CASES = 300; // two creditors each: 600 rows
const CHUNK_ROWS = 20;

let hub: HubHarness;
let adapter: AppProcess;
let municipality: TestParty;
let creditors: MunicipalityTestCreditor[];

type Json = any;

async function api(method: string, path: string, body?: string): Promise<{ status: number; json: Json }> {
  const response = await fetch(`${adapter.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${TOKEN}`, ...(body ? { 'content-type': 'text/csv' } : {}) },
    body,
  });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : undefined };
}

async function job(jobId: string): Promise<Json> {
  const { status, json } = await api('GET', `/kennisgevingen/import/${jobId}`);
  if (status !== 200) {
    throw new Error(`GET import job: ${status}`);
  }
  return json;
}

beforeAll(async () => {
  hub = await startHub();
  municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  creditors = [];
  for (const slug of ['a', 'b']) {
    const party = hub.pki.party(`creditor-${slug}`, testOin(3), `Creditor ${slug}`);
    await hub.registerParty(party, 'CREDITOR', false);
    creditors.push(await new MunicipalityTestCreditor(party, hub.prefix, AMQP_URL).start());
  }
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    HUB_OIN: hub.hubParty.oin,
    MUNICIPALITY_IMPORT_CHUNK_ROWS: String(CHUNK_ROWS),
  });
});

afterAll(async () => {
  await Promise.all((creditors ?? []).map((c) => c.stop()));
  await adapter?.stop();
  await hub?.teardown();
});

it('resumes a CSV import after a SIGKILL: every row sent once, none skipped, the file erased', async () => {
  const run = freshId();
  const header =
    'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin';
  const lines = [header];
  for (let i = 0; i < CASES; i += 1) {
    for (const creditor of creditors) {
      lines.push(
        `IMP-${run}-${i};111222333;Jan;Vries;1980-05-17;Neude;${i + 1};3512 AE;Utrecht;${creditor.oin}`,
      );
    }
  }
  const upload = await api('POST', '/kennisgevingen/import?background=true', `${lines.join('\n')}\n`);
  expect(upload.status).toBe(202);
  const jobId: string = upload.json.jobId;

  const before = await eventually(
    async () => {
      const polled = await job(jobId);
      return polled.processedRows >= 3 * CHUNK_ROWS ? polled : undefined;
    },
    { intervalMs: 20, what: 'the import to be under way' },
  );
  await adapter.stop('SIGKILL');
  expect(before.status).toBe('RUNNING');
  expect(before.processedRows).toBeLessThan(2 * CASES);

  await adapter.start();
  const done = await eventually(
    async () => {
      const polled = await job(jobId);
      return polled.status === 'DONE' ? polled : undefined;
    },
    { timeoutMs: 120_000, what: 'the resumed import to finish' },
  );
  expect(done.processedRows).toBe(2 * CASES);
  expect(done.summary).toEqual({ sent: 2 * CASES, duplicate: 0, failed: 0 });
  const resultLines = done.rows.map((r: { line: number }) => r.line);
  expect(new Set(resultLines).size).toBe(2 * CASES);
  expect(Math.min(...resultLines)).toBe(2);
  expect(Math.max(...resultLines)).toBe(2 * CASES + 1);
  const messageIds = new Set(done.rows.map((r: { messageId: string }) => r.messageId));
  expect(messageIds.size).toBe(2 * CASES);

  // each creditor gets exactly its 300 Kennisgevingen, none twice
  for (const creditor of creditors) {
    const received = await eventually(
      () => {
        const ours = creditor
          .ofType('Kennisgeving')
          .filter((r) => r.message.body.caseReference.startsWith(`IMP-${run}-`));
        return ours.length >= CASES ? ours : undefined;
      },
      { timeoutMs: 60_000, what: `all Kennisgevingen at creditor ${creditor.oin}` },
    );
    const ids = received.map((r) => r.message.header.messageId);
    expect(ids.length).toBe(CASES);
    expect(new Set(ids).size).toBe(CASES);
    expect(ids.every((id) => messageIds.has(id))).toBe(true);
  }

  // the stored file and plan (personal data) are gone once the job is done
  const db = new Client({ connectionString: adapter.env.DATABASE_URL });
  await db.connect();
  try {
    const { rows } = await db.query(`SELECT "csv", "plan" FROM "import_job" WHERE "id" = $1`, [jobId]);
    expect(rows).toEqual([{ csv: null, plan: null }]);
  } finally {
    await db.end();
  }
});
