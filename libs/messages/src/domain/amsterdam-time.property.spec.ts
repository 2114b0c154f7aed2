import fc from 'fast-check';
import { toAmsterdam, toAmsterdamIntl } from './amsterdam-time';

const HOUR_MS = 60 * 60 * 1000;
const at = (iso: string): number => new Date(iso).getTime();

/** Every DST change from 1990 to 2100 by Intl's reckoning: the moments where the offset moves. */
function intlTransitions(): number[] {
  const found: number[] = [];
  const offsetAt = (t: number): number => toAmsterdamIntl(new Date(t)).offsetMs;
  for (let day = at('1990-01-01T00:00:00Z'); day < at('2100-01-01T00:00:00Z'); day += 24 * HOUR_MS) {
    if (offsetAt(day) !== offsetAt(day + 24 * HOUR_MS)) {
      // the offset changes on a whole UTC hour in Amsterdam: find which
      let t = day + HOUR_MS;
      while (offsetAt(t) === offsetAt(day)) {
        t += HOUR_MS;
      }
      found.push(t);
    }
  }
  return found;
}

describe('toAmsterdam (arithmetic) agrees with Intl', () => {
  const transitions = intlTransitions();

  it('finds two changes a year (the test is looking at real transitions)', () => {
    expect(transitions.length).toBe(2 * 110);
    expect(transitions).toContain(at('2026-03-29T01:00:00Z'));
    expect(transitions).toContain(at('2026-10-25T01:00:00Z'));
  });

  it('on each side of every DST change from 1990 to 2100', () => {
    for (const change of transitions) {
      for (const delta of [-HOUR_MS, -1001, -1000, -1, 0, 1, 999, 1000, HOUR_MS - 1, HOUR_MS]) {
        const moment = new Date(change + delta);
        expect([moment.toISOString(), toAmsterdam(moment)]).toEqual([
          moment.toISOString(),
          toAmsterdamIntl(moment),
        ]);
      }
    }
  });

  it('at any instant from 1900 to 2200, with milliseconds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: at('1900-01-01T00:00:00Z'), max: at('2200-01-01T00:00:00Z') }),
        (time) => {
          const moment = new Date(time);
          expect(toAmsterdam(moment)).toEqual(toAmsterdamIntl(moment));
        },
      ),
      { numRuns: 20_000 },
    );
  });

  it('around local midnight and the year boundary, where the date flips', () => {
    const midnights = fc
      .tuple(
        fc.integer({ min: 1996, max: 2150 }),
        fc.integer({ min: 0, max: 11 }),
        fc.integer({ min: 1, max: 31 }),
        fc.constantFrom(-1, 0, 1),
        fc.integer({ min: -1000, max: 1000 }),
      )
      .map(([year, month, day, hourShift, ms]) => Date.UTC(year, month, day, 22 + hourShift) + ms);
    fc.assert(
      fc.property(midnights, (time) => {
        const moment = new Date(time);
        expect(toAmsterdam(moment)).toEqual(toAmsterdamIntl(moment));
      }),
      { numRuns: 5_000 },
    );
  });
});
