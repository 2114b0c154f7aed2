import { QueryFailedError } from 'typeorm';
import type { DataSource } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import type {
  KennisgevingService,
  ReadySubmission,
  SubmissionResult,
} from '../kennisgeving/kennisgeving.service';
import type { SubmissionContext } from '../kennisgeving/submission';
import type { MunicipalityMetrics } from '../metrics/municipality.metrics';
import type { ImportRowResult, PlannedCase } from './csv-import-plan';
import type { ClaimedChunk, ImportJobRepository } from './import-job.repository';
import { ImportJobRunner } from './import-job.runner';

const CREDITORS = ['00000003123456780000', '00000001001234567000'];

const context: SubmissionContext = {
  sender: '00000001002220647000',
  municipality: { code: '0344', name: 'Utrecht' },
  counsellorDesk: { organisation: 'Gemeente Utrecht', name: 'Schuldhulp', email: 'schulden@utrecht.nl' },
  bsnAllowed: new Set([CREDITORS[0]]),
};

/** A case of the plan with one row per creditor, on lines from `firstLine`. */
function aCase(caseReference: string, firstLine: number, request: Record<string, unknown> = {}): PlannedCase {
  return {
    caseReference,
    request: {
      caseReference,
      debtor: {
        bsn: '111222333',
        givenNames: 'Jan',
        surname: 'Vries',
        birthDate: '1980-05-17',
        address: { street: 'Neude', houseNumber: 1, postcode: '3512AE', city: 'Utrecht' },
      },
      admissionDate: '2026-03-02',
      pause: { start: '2026-03-02' },
      creditors: CREDITORS.map((oin) => ({ oin })),
      ...request,
    },
    rows: CREDITORS.map((creditorOin, i) => ({ line: firstLine + i, creditorOin })),
  };
}

/** What the database refuses for a case's own content (a unique clash). */
const uniqueClash = () =>
  new QueryFailedError('INSERT ...', [], Object.assign(new Error('duplicate key'), { code: '23505' }));

const stored = (prepared: ReadySubmission): SubmissionResult => ({
  caseReference: prepared.caseReference,
  messages: prepared.planned.map((p) => ({
    messageId: p.message.header.messageId,
    creditor: p.creditor,
    variant: p.variant,
    state: 'SENT',
    created: true,
  })),
});

interface Harness {
  runner: ImportJobRunner;
  statements: string[];
  bulkCalls: string[][];
  singleCalls: string[];
  advanced: Array<{ rows: ImportRowResult[]; nextCase: number; finished: boolean }>;
  committed: SubmissionResult[][];
}

/** A runner on fakes: the store refuses `refused` cases, or fails like an outage when `outage` is set. */
function harness(
  chunk: ClaimedChunk,
  opts: { refused?: string[]; outage?: boolean; chunkRows?: number } = {},
) {
  const h: Omit<Harness, 'runner'> = {
    statements: [],
    bulkCalls: [],
    singleCalls: [],
    advanced: [],
    committed: [],
  };
  const refused = new Set(opts.refused ?? []);
  const manager = { query: (sql: string) => Promise.resolve(h.statements.push(sql)) };
  const dataSource = {
    transaction: (work: (m: typeof manager) => Promise<unknown>) => work(manager),
  } as unknown as DataSource;
  const jobs = {
    claimChunk: () => Promise.resolve(chunk),
    advance: (_m: unknown, _id: string, rows: ImportRowResult[], nextCase: number, finished: boolean) => {
      h.advanced.push({ rows, nextCase, finished });
      return Promise.resolve();
    },
  } as unknown as ImportJobRepository;
  const kennisgevingen = {
    storeAndQueueMany: (_m: unknown, prepared: ReadySubmission[]) => {
      h.bulkCalls.push(prepared.map((p) => p.caseReference));
      if (opts.outage) {
        return Promise.reject(new Error('Connection terminated'));
      }
      if (prepared.some((p) => refused.has(p.caseReference))) {
        return Promise.reject(uniqueClash());
      }
      return Promise.resolve(prepared.map(stored));
    },
    storeAndQueue: (_m: unknown, prepared: ReadySubmission) => {
      h.singleCalls.push(prepared.caseReference);
      return refused.has(prepared.caseReference)
        ? Promise.reject(uniqueClash())
        : Promise.resolve(stored(prepared));
    },
    afterCommit: (results: SubmissionResult[]) => h.committed.push(results),
  } as unknown as KennisgevingService;
  const metrics = { importRows: { inc: () => undefined } } as unknown as MunicipalityMetrics;
  const env = { MUNICIPALITY_IMPORT_CHUNK_ROWS: opts.chunkRows ?? 200 } as MunicipalityEnv;
  const logger = { error: () => undefined, info: () => undefined, warn: () => undefined };
  const runner = new ImportJobRunner(
    dataSource,
    jobs,
    kennisgevingen,
    metrics,
    context,
    env,
    logger as never,
  );
  return { runner, ...h };
}

const chunkOf = (cases: PlannedCase[], caseCount = cases.length): ClaimedChunk => ({
  jobId: 'job',
  nextCase: 0,
  caseCount,
  cases,
});

const statuses = (rows: ImportRowResult[]) => rows.map((r) => [r.line, r.caseReference, r.status]);

describe('ImportJobRunner.runChunk', () => {
  it('stores all cases of a chunk in one bulk call, behind one savepoint, and moves the cursor', async () => {
    const h = harness(chunkOf([aCase('A', 2), aCase('B', 4), aCase('C', 6)]));
    await expect(h.runner.runChunk()).resolves.toBe('finished');
    expect(h.bulkCalls).toEqual([['A', 'B', 'C']]);
    expect(h.singleCalls).toEqual([]);
    expect(h.statements).toEqual(['SAVEPOINT import_chunk', 'RELEASE SAVEPOINT import_chunk']);
    expect(h.advanced).toHaveLength(1);
    expect(h.advanced[0].nextCase).toBe(3);
    expect(statuses(h.advanced[0].rows)).toEqual([
      [2, 'A', 'SENT'],
      [3, 'A', 'SENT'],
      [4, 'B', 'SENT'],
      [5, 'B', 'SENT'],
      [6, 'C', 'SENT'],
      [7, 'C', 'SENT'],
    ]);
    expect(h.advanced[0].rows.every((r) => typeof r.messageId === 'string')).toBe(true);
    expect(h.committed[0].map((r) => r.caseReference)).toEqual(['A', 'B', 'C']);
  });

  it('redoes the chunk case by case when the database refuses one case: only that case fails', async () => {
    const h = harness(chunkOf([aCase('A', 2), aCase('B', 4), aCase('C', 6)]), { refused: ['B'] });
    await expect(h.runner.runChunk()).resolves.toBe('finished');
    expect(h.singleCalls).toEqual(['A', 'B', 'C']);
    expect(h.statements).toEqual([
      'SAVEPOINT import_chunk',
      'ROLLBACK TO SAVEPOINT import_chunk',
      'SAVEPOINT import_case',
      'RELEASE SAVEPOINT import_case',
      'SAVEPOINT import_case',
      'ROLLBACK TO SAVEPOINT import_case',
      'SAVEPOINT import_case',
      'RELEASE SAVEPOINT import_case',
    ]);
    expect(statuses(h.advanced[0].rows)).toEqual([
      [2, 'A', 'SENT'],
      [3, 'A', 'SENT'],
      [4, 'B', 'ERROR'],
      [5, 'B', 'ERROR'],
      [6, 'C', 'SENT'],
      [7, 'C', 'SENT'],
    ]);
    expect(h.advanced[0].rows[2].errors?.map((e) => e.rule)).toEqual(['not-stored']);
    expect(h.committed[0].map((r) => r.caseReference)).toEqual(['A', 'C']);
  });

  it('reports a case that breaks a case-wide rule with its violations and sends the others', async () => {
    const bad = aCase('B', 4, { pause: { start: '2026-03-02', end: '2026-01-01' } });
    const h = harness(chunkOf([aCase('A', 2), bad, aCase('C', 6)]));
    await h.runner.runChunk();
    expect(h.bulkCalls).toEqual([['A', 'C']]);
    expect(statuses(h.advanced[0].rows).map(([, c, s]) => `${c}:${s}`)).toEqual([
      'A:SENT',
      'A:SENT',
      'B:ERROR',
      'B:ERROR',
      'C:SENT',
      'C:SENT',
    ]);
    expect(h.advanced[0].rows[2].errors?.length).toBeGreaterThan(0);
  });

  it('leaves the cursor where it was when the database is in trouble (the chunk is retried)', async () => {
    const h = harness(chunkOf([aCase('A', 2), aCase('B', 4)]), { outage: true });
    await expect(h.runner.runChunk()).rejects.toThrow('Connection terminated');
    expect(h.advanced).toEqual([]);
    expect(h.singleCalls).toEqual([]);
    expect(h.committed).toEqual([]);
  });

  it('takes whole cases until the chunk holds the configured number of rows', async () => {
    const h = harness(chunkOf([aCase('A', 2), aCase('B', 4), aCase('C', 6)], 10), { chunkRows: 3 });
    await expect(h.runner.runChunk()).resolves.toBe('progress');
    expect(h.bulkCalls).toEqual([['A', 'B']]);
    expect(h.advanced[0]).toMatchObject({ nextCase: 2, finished: false });
    expect(h.advanced[0].rows).toHaveLength(4);
  });
});
