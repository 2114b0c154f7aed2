import pino from 'pino';
import type { DataSource } from 'typeorm';
import { DatabaseGate, isTransientDatabaseError } from './database-gate';

/** A data source whose `SELECT 1` answers according to a switch the test flips. */
function fakeDatabase(): { dataSource: DataSource; up: { value: boolean }; probes: { count: number } } {
  const up = { value: true };
  const probes = { count: 0 };
  const dataSource = {
    query: () => {
      probes.count += 1;
      return up.value
        ? Promise.resolve([{ '?column?': 1 }])
        : Promise.reject(new Error('connect ECONNREFUSED'));
    },
  } as unknown as DataSource;
  return { dataSource, up, probes };
}

const silent = pino({ level: 'silent' });
const instantSleep = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('isTransientDatabaseError', () => {
  it.each([
    [{ driverError: { code: '08006' } }, true],
    [{ code: '57P01' }, true],
    [{ driverError: { code: '40001' } }, true],
    [new Error('Connection terminated unexpectedly'), true],
    [new Error('connect ECONNREFUSED 127.0.0.1:5432'), true],
    [{ driverError: { code: '23505' }, message: 'duplicate key' }, false],
    [{ driverError: { code: '22P02' }, message: 'invalid input syntax' }, false],
    [new Error('cannot read properties of undefined'), false],
  ])('%j → %s', (error, expected) => {
    expect(isTransientDatabaseError(error)).toBe(expected);
  });
});

describe('DatabaseGate', () => {
  it('rethrows an error of the work itself at once while the database answers', async () => {
    const { dataSource } = fakeDatabase();
    const gate = new DatabaseGate(dataSource, silent, instantSleep);
    let calls = 0;
    await expect(
      gate.run(() => {
        calls += 1;
        return Promise.reject(new Error('body does not fit the schema'));
      }),
    ).rejects.toThrow('body does not fit the schema');
    expect(calls).toBe(1);
    expect(gate.state.available).toBe(true);
  });

  it('holds the work through an outage and runs it again once the database answers', async () => {
    const db = fakeDatabase();
    const gate = new DatabaseGate(db.dataSource, silent, instantSleep);
    let calls = 0;
    db.up.value = false;
    const result = gate.run(() => {
      calls += 1;
      if (!db.up.value) {
        return Promise.reject(new Error('Connection terminated unexpectedly'));
      }
      return Promise.resolve('stored');
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(gate.state).toEqual(expect.objectContaining({ available: false }));
    expect(calls).toBe(1);
    db.up.value = true;
    await expect(result).resolves.toBe('stored');
    expect(calls).toBe(2);
    expect(gate.state.available).toBe(true);
  });

  it('treats any error as an outage while the database does not answer, and shares one probe loop', async () => {
    const db = fakeDatabase();
    let release!: () => void;
    const sleeps: Promise<void>[] = [];
    const gate = new DatabaseGate(db.dataSource, silent, () => {
      const p = new Promise<void>((resolve) => (release = resolve));
      sleeps.push(p);
      return p;
    });
    db.up.value = false;
    const works = [1, 2, 3].map(() =>
      gate.run(() => (db.up.value ? Promise.resolve('ok') : Promise.reject(new Error('odd driver error')))),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sleeps).toHaveLength(1); // one recovery loop for all three callers
    db.up.value = true;
    release();
    await expect(Promise.all(works)).resolves.toEqual(['ok', 'ok', 'ok']);
  });
});
