import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { amqpNames } from '@skp/messages';
import type { AppProcess } from '../../support/app-process';
import { eventually } from '../../support/eventually';
import { freshId } from '../../support/test-env';
import { FaultNetwork, Json } from './fault-network';

/** 1,000 cases for two creditors: 2,000 Kennisgevingen per scenario (issue 10). */
export const CASES = 1000;
export const MESSAGES = 2 * CASES;
const RESULTS_DIR = join(__dirname, '..', 'results');

/** What the network has done so far, read straight from the apps' databases. */
export interface Progress {
  importStatus?: string;
  processedRows: number;
  municipalityPaused: number;
  hubPaused: number;
  creditorInbox: number[];
}

export interface FaultContext {
  network: FaultNetwork;
  /** Polls the network's progress until `until` holds (never a sleep). */
  waitFor(what: string, until: (p: Progress) => boolean, timeoutMs?: number): Promise<Progress>;
  /** A random whole number in [min, max]: the "random moment" of a fault, recorded in the results. */
  random(min: number, max: number): number;
  /** Notes for the results file (what was done when). */
  note(key: string, value: unknown): void;
}

/** What a fault returns: when the fault ended (service back), from which recovery is measured. */
export interface FaultOutcome {
  faultEndedAt: number;
}

export interface Figures {
  scenario: string;
  messages: number;
  finalAtMunicipality: number;
  statesAtMunicipality: Record<string, number>;
  statesAtHub: Record<string, number>;
  lost: number;
  doubled: number;
  deadLetters: number;
  deadLettersByReason: Record<string, number>;
  deadLettersApi: number;
  deadQueueDepth: number | null;
  deadLettersByQueue?: Record<string, number>;
  importJob: { status?: string; processedRows?: number; summary?: Json; distinctLines?: number };
  appsNotRunning: string[];
  /** from the fault's end to everything final */
  recoveryMs: number | null;
  /** from the fault's end to the first progress (the network moving again) */
  resumedMs?: number | null;
  totalMs: number;
  notes: Record<string, unknown>;
  queueDepths?: Record<string, number>;
  appLogTails?: Record<string, string>;
}

const ALL_PAUSED = (p: Progress): boolean =>
  p.importStatus === 'DONE' && p.municipalityPaused === MESSAGES && p.hubPaused === MESSAGES;

/**
 * One fault scenario on a fresh network of the suite's own servers: a CSV import of 2,000 rows
 * (1,000 cases x 2 creditors, both answering automatically), the fault injected mid-stream, then
 * the strict checks: every Kennisgeving PAUSED at the municipality and at the hub, none lost,
 * none stored twice by a creditor, no dead letter, the import job DONE with every row once.
 * The figures go to test/faults/results/<scenario>.json whatever the outcome.
 */
export function faultScenario(
  scenario: string,
  title: string,
  fault: (ctx: FaultContext) => Promise<FaultOutcome>,
): void {
  describe(`fault: ${title}`, () => {
    let network: FaultNetwork;

    beforeAll(async () => {
      network = await FaultNetwork.start();
    }, 300_000);

    afterAll(async () => {
      await network?.teardown();
    }, 120_000);

    it('ends with every Kennisgeving PAUSED, none lost or doubled, no dead letter and the import DONE', async () => {
      const startedAt = Date.now();
      const reference = `FLT-${freshId()}`;
      const notes: Record<string, unknown> = {};
      const jobId = await network.importCsv(reference, CASES);
      const progress = (): Promise<Progress> => readProgress(network, jobId, reference);
      const ctx: FaultContext = {
        network,
        waitFor: (what, until, timeoutMs = 240_000) =>
          eventually(
            async () => {
              const p = await progress();
              return until(p) ? p : undefined;
            },
            { what, timeoutMs, intervalMs: 200 },
          ),
        random: (min, max) => min + Math.floor(Math.random() * (max - min + 1)),
        note: (key, value) => {
          notes[key] = value;
        },
      };

      const { faultEndedAt } = await fault(ctx);
      const { finalAt, movedAt } = await waitUntilFinalOrStalled(progress);
      const figures = await collectFigures(network, scenario, jobId, reference, notes);
      figures.recoveryMs = finalAt === undefined ? null : Math.max(0, finalAt - faultEndedAt);
      figures.resumedMs = movedAt === undefined ? null : Math.max(0, movedAt - faultEndedAt);
      figures.totalMs = Date.now() - startedAt;
      writeResults(figures);

      expect({
        finalAtMunicipality: figures.finalAtMunicipality,
        statesAtMunicipality: figures.statesAtMunicipality,
        statesAtHub: figures.statesAtHub,
        lost: figures.lost,
        doubled: figures.doubled,
        deadLetters: figures.deadLetters,
        deadLettersByReason: figures.deadLettersByReason,
        deadLettersApi: figures.deadLettersApi,
        deadQueueDepth: figures.deadQueueDepth,
        importJob: figures.importJob,
        appsNotRunning: figures.appsNotRunning,
      }).toEqual({
        finalAtMunicipality: MESSAGES,
        statesAtMunicipality: { PAUSED: MESSAGES },
        statesAtHub: { PAUSED: MESSAGES },
        lost: 0,
        doubled: 0,
        deadLetters: 0,
        deadLettersByReason: {},
        deadLettersApi: 0,
        deadQueueDepth: 0,
        importJob: {
          status: 'DONE',
          processedRows: MESSAGES,
          summary: { sent: MESSAGES, duplicate: 0, failed: 0 },
          distinctLines: MESSAGES,
        },
        appsNotRunning: [],
      });
    }, 900_000);
  });
}

async function readProgress(network: FaultNetwork, jobId: string, reference: string): Promise<Progress> {
  const [job] = await network.query<{ status: string; processed_rows: number }>(
    'skp_municipality',
    'SELECT "status", "processed_rows" FROM "import_job" WHERE "id" = $1',
    [jobId],
  );
  const [municipality] = await network.query<{ paused: string }>(
    'skp_municipality',
    `SELECT count(*) AS paused FROM "kennisgeving" WHERE "state" = 'PAUSED' AND "case_reference" LIKE $1`,
    [`${reference}-%`],
  );
  const [hub] = await network.query<{ paused: string }>(
    'skp_hub',
    `SELECT count(*) AS paused FROM "message" WHERE "type" = 'Kennisgeving' AND "state" = 'PAUSED'`,
  );
  const creditorInbox: number[] = [];
  for (const creditor of network.creditors) {
    const [inbox] = await network.query<{ n: string }>(
      creditor.database,
      `SELECT count(*) AS n FROM "inbox_message" WHERE "type" = 'Kennisgeving'`,
    );
    creditorInbox.push(Number(inbox.n));
  }
  return {
    importStatus: job?.status,
    processedRows: job?.processed_rows ?? 0,
    municipalityPaused: Number(municipality.paused),
    hubPaused: Number(hub.paused),
    creditorInbox,
  };
}

/**
 * Waits until every Kennisgeving is final, or gives up once nothing has moved for a minute (a
 * stuck network does not get better by waiting; hard cap 5 minutes). Returns when it was final
 * and when it first moved after the fault.
 */
async function waitUntilFinalOrStalled(
  progress: () => Promise<Progress>,
): Promise<{ finalAt?: number; movedAt?: number }> {
  const stallMs = 60_000;
  const capAt = Date.now() + 300_000;
  let last = JSON.stringify(await progress().catch(() => null));
  let lastChangeAt = Date.now();
  let movedAt: number | undefined;
  const outcome = await eventually(
    async () => {
      let p: Progress | undefined;
      try {
        p = await progress();
      } catch {
        p = undefined; // a server still coming back counts as no progress
      }
      const now = Date.now();
      const signature = JSON.stringify(p ?? null);
      if (signature !== last) {
        last = signature;
        lastChangeAt = now;
        movedAt = movedAt ?? (p ? now : undefined);
      }
      if (p && ALL_PAUSED(p)) {
        return { finalAt: now, movedAt: movedAt ?? now };
      }
      return now - lastChangeAt > stallMs || now > capAt ? { movedAt } : undefined;
    },
    { what: 'the network to settle', timeoutMs: 310_000, intervalMs: 500 },
  );
  return outcome;
}

function countBy(rows: { key: string | null; n: string }[]): Record<string, number> {
  return Object.fromEntries(rows.map((r) => [r.key ?? 'null', Number(r.n)]));
}

async function collectFigures(
  network: FaultNetwork,
  scenario: string,
  jobId: string,
  reference: string,
  notes: Record<string, unknown>,
): Promise<Figures> {
  const like = `${reference}-%`;
  const municipalityStates = countBy(
    await network.query(
      'skp_municipality',
      `SELECT "state" AS key, count(*) AS n FROM "kennisgeving" WHERE "case_reference" LIKE $1 GROUP BY "state"`,
      [like],
    ),
  );
  const hubStates = countBy(
    await network.query(
      'skp_hub',
      `SELECT "state" AS key, count(*) AS n FROM "message" WHERE "type" = 'Kennisgeving' GROUP BY "state"`,
    ),
  );
  // the municipality's record: one Kennisgeving per case and creditor, never two
  const [sent] = await network.query<{ rows: string; pairs: string }>(
    'skp_municipality',
    `SELECT count(*) AS rows, count(DISTINCT ("case_reference", "creditor_oin")) AS pairs
       FROM "kennisgeving" WHERE "case_reference" LIKE $1`,
    [like],
  );
  // each creditor's store: every case once (a redelivery with the same messageId or a resent
  // case with a new one would both show as more rows than cases)
  let lost = 0;
  let doubled = Number(sent.rows) - Number(sent.pairs);
  for (const creditor of network.creditors) {
    const [inbox] = await network.query<{ rows: string; cases: string; ids: string }>(
      creditor.database,
      `SELECT count(*) AS rows, count(DISTINCT "case_reference") AS cases, count(DISTINCT "message_id") AS ids
         FROM "inbox_message" WHERE "type" = 'Kennisgeving' AND "case_reference" LIKE $1`,
      [like],
    );
    lost += CASES - Number(inbox.cases);
    doubled += Number(inbox.rows) - Number(inbox.cases);
  }
  const deadLettersByReason = countBy(
    await network.query(
      'skp_hub',
      `SELECT "reason_code" AS key, count(*) AS n FROM "dead_letter" GROUP BY 1`,
    ),
  );
  // where they died (not asserted: the reason count above already fails; this is for the report)
  const deadLettersByQueue = countBy(
    await network.query(
      'skp_hub',
      `SELECT coalesce("queue", '?') || ' ' || "reason_code" AS key, count(*) AS n FROM "dead_letter" GROUP BY 1`,
    ),
  );
  const deadLetters = Object.values(deadLettersByReason).reduce((a, b) => a + b, 0);
  const deadLettersApi = await countDeadLettersThroughApi(network);
  const deadQueueDepth =
    (await network.rabbit.queueDepth(amqpNames(network.prefix).dead).catch(() => undefined)) ?? null;

  const job = await network.municipalityApi('GET', `/kennisgevingen/import/${jobId}`).catch(() => undefined);
  const rows: { line: number }[] = job?.body?.rows ?? [];
  const importJob = {
    status: job?.body?.status,
    processedRows: job?.body?.processedRows,
    summary: job?.body?.summary,
    distinctLines: new Set(rows.map((r) => r.line)).size,
  };

  const queueDepths = await network.rabbit.queueDepths().catch(() => ({}));

  const names: Record<string, string> = {
    hub: 'hub',
    municipality: 'municipality-adapter',
    ...Object.fromEntries(network.creditors.map((c, i) => [`creditor${i}`, c.party.slug])),
  };
  const apps: Record<string, AppProcess | undefined> = {
    hub: network.hub,
    municipality: network.municipality,
    ...Object.fromEntries(network.creditors.map((c, i) => [`creditor${i}`, c.app])),
  };
  const appsNotRunning = Object.entries(apps)
    .filter(([, app]) => !app || !FaultNetwork.isRunning(app))
    .map(([key]) => names[key]);
  const appLogTails = Object.fromEntries(
    Object.entries(apps).map(([key, app]) => [names[key], app?.tail(15) ?? '']),
  );

  return {
    scenario,
    messages: MESSAGES,
    finalAtMunicipality: municipalityStates.PAUSED ?? 0,
    statesAtMunicipality: municipalityStates,
    statesAtHub: hubStates,
    lost,
    doubled,
    deadLetters,
    deadLettersByReason,
    deadLettersApi,
    deadQueueDepth,
    deadLettersByQueue,
    importJob,
    appsNotRunning,
    recoveryMs: null,
    totalMs: 0,
    notes,
    queueDepths,
    appLogTails,
  };
}

/** Every dead letter the hub's operator API lists, page by page (-1 when the API does not answer). */
async function countDeadLettersThroughApi(network: FaultNetwork): Promise<number> {
  let count = 0;
  let cursor: string | null = null;
  for (let page = 0; page < 100; page += 1) {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const answer = await network
      .hubApi(`/api/dead-letters?limit=200${query}`)
      .catch(() => ({ status: 0, body: undefined }));
    if (answer.status !== 200) {
      return -1;
    }
    count += (answer.body.items as unknown[]).length;
    cursor = answer.body.nextCursor as string | null;
    if (!cursor) {
      return count;
    }
  }
  return count;
}

function writeResults(figures: Figures): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(join(RESULTS_DIR, `${figures.scenario}.json`), `${JSON.stringify(figures, null, 2)}\n`);
}
