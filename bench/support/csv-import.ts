import { Client } from 'pg';
import { aBsn } from '../../test/support/creditor-network';
import { eventually } from '../../test/support/eventually';
import { startMunicipalityAdapter } from '../../test/support/municipality-adapter-process';
import { freshId, testOin } from '../../test/support/test-env';
import type { BenchNetwork } from './bench-network';
import { note, now, round, secondsSince } from './report';

export interface CsvResult {
  rows: number;
  /** hrtime (ns) of the upload and of the last row seen ACCEPTED */
  startedAt: bigint;
  endedAt: bigint;
  /** the adapter process's id (it has exited by the time this is returned) */
  pid: number | undefined;
  cases: number;
  /** the import job DONE: every row stored and queued in the adapter's outbox */
  jobSeconds: number;
  /** every row's Kennisgeving ACCEPTED by the hub (the adapter recorded the receipt) */
  seconds: number;
  rowsPerSec: number;
}

const TOKEN = 'bench-municipality-token';
const HEADER = 'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin';
/** states a Kennisgeving reaches only after the hub's ACCEPTED receipt */
const PAST_ACCEPTED = ['ACCEPTED', 'DELIVERED', 'PAUSED', 'DECLINED', 'OVERDUE'];

/** One case per creditor count of rows: row r is case ⌊r / creditors⌋ for creditor r mod creditors. */
function csvOf(net: BenchNetwork, rows: number, run: string): string {
  const lines = [HEADER];
  let bsn = aBsn();
  for (let r = 0; r < rows; r++) {
    const c = r % net.creditors.length;
    if (c === 0) {
      bsn = aBsn();
    }
    const kase = Math.floor(r / net.creditors.length);
    const oin = net.creditors[c].oin;
    lines.push(`BENCH-${run}-${kase};${bsn};Jan;Vries;1980-05-17;Neude;${kase + 1};3512 AE;Utrecht;${oin}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A municipality adapter process imports an N-row CSV in the background; rows per second from the
 * upload until the adapter has the hub's ACCEPTED receipt for every row. The bench creditors ack.
 */
export async function csvImport(net: BenchNetwork, rows: number): Promise<CsvResult> {
  const party = net.h.pki.party('bench-csv-municipality', testOin(1), 'Bench importgemeente');
  await net.h.registerParty(party, 'MUNICIPALITY', false);
  const adapter = await startMunicipalityAdapter(net.h, party, TOKEN, { HUB_OIN: net.h.hubParty.oin });
  const db = new Client({ connectionString: adapter.env.DATABASE_URL });
  await db.connect();
  try {
    const csv = csvOf(net, rows, freshId());
    note(`csv: importing ${rows} rows`);
    const started = now();
    const upload = await fetch(`${adapter.url}/kennisgevingen/import?background=true`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'text/csv' },
      body: csv,
    });
    const job = (await upload.json()) as { jobId?: string };
    if (upload.status !== 202 || !job.jobId) {
      throw new Error(`import refused: ${upload.status} ${JSON.stringify(job)}`);
    }
    let jobSeconds = Number.NaN;
    let failure: Error | undefined;
    await eventually(
      async () => {
        const [jobRow] = (
          await db.query<{ status: string; sent: number; failed: number }>(
            `SELECT "status", "sent", "failed" FROM "import_job" WHERE "id" = $1`,
            [job.jobId],
          )
        ).rows;
        if (jobRow?.status === 'DONE' && Number.isNaN(jobSeconds)) {
          jobSeconds = secondsSince(started);
        }
        const { rows: states } = await db.query<{ state: string; n: number }>(
          `SELECT "state", count(*)::int AS n FROM "kennisgeving" GROUP BY "state"`,
        );
        const count = (wanted: string[]): number =>
          states.filter((s) => wanted.includes(s.state)).reduce((sum, s) => sum + s.n, 0);
        if (jobRow?.status === 'FAILED' || (jobRow?.status === 'DONE' && jobRow.sent !== rows)) {
          failure = new Error(`import ended ${jobRow.status}: ${jobRow.sent} sent, ${jobRow.failed} failed`);
        } else if (count(['REJECTED']) > 0) {
          failure = new Error(`${count(['REJECTED'])} rows REJECTED by the hub`);
        }
        return failure !== undefined || count(PAST_ACCEPTED) >= rows;
      },
      { timeoutMs: 900_000, intervalMs: 100, what: `${rows} CSV rows ACCEPTED` },
    );
    if (failure) {
      throw failure;
    }
    const endedAt = now();
    const seconds = Number(endedAt - started) / 1e9;
    return {
      rows,
      startedAt: started,
      endedAt,
      pid: adapter.pid,
      cases: Math.ceil(rows / net.creditors.length),
      jobSeconds: round(jobSeconds, 2),
      seconds: round(seconds, 2),
      rowsPerSec: round(rows / seconds),
    };
  } finally {
    await db.end();
    await adapter.stop();
  }
}
