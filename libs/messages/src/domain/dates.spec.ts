import {
  addCalendarMonths,
  defaultPauseEnd,
  isIsoDate,
  isRfc3339Utc,
  isStale,
  pauseViolations,
} from './dates';

describe('isIsoDate', () => {
  it.each(['2026-01-31', '2024-02-29', '2000-02-29'])('accepts %s', (d) => expect(isIsoDate(d)).toBe(true));
  it.each(['2026-02-29', '1900-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-1-1', '20260101', ''])(
    'rejects %s',
    (d) => expect(isIsoDate(d)).toBe(false),
  );
});

describe('isRfc3339Utc', () => {
  it.each(['2026-03-01T10:00:00Z', '2026-03-01T10:00:00.123Z', '2026-03-01T23:59:59.123456Z'])(
    'accepts %s',
    (t) => expect(isRfc3339Utc(t)).toBe(true),
  );
  it.each([
    '2026-03-01T10:00:00+01:00',
    '2026-03-01T10:00:00',
    '2026-03-01 10:00:00Z',
    '2026-02-30T10:00:00Z',
    '2026-03-01T24:00:00Z',
    '2026-03-01t10:00:00z',
  ])('rejects %s', (t) => expect(isRfc3339Utc(t)).toBe(false));
});

describe('addCalendarMonths', () => {
  it('clamps to the end of a shorter month', () => {
    expect(addCalendarMonths('2026-08-31', 6)).toBe('2027-02-28');
    expect(addCalendarMonths('2027-08-31', 6)).toBe('2028-02-29');
  });
  it('crosses year boundaries both ways', () => {
    expect(addCalendarMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addCalendarMonths('2026-01-15', -2)).toBe('2025-11-15');
  });
  it('rejects a bad date', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('pause rules', () => {
  it('defaults the end to start + 4 months', () => {
    expect(defaultPauseEnd('2026-03-01')).toBe('2026-07-01');
    expect(defaultPauseEnd('2026-10-31')).toBe('2027-02-28');
  });
  it('accepts exactly 8 months', () => {
    expect(pauseViolations('2026-03-01', '2026-11-01')).toEqual([]);
  });
  it('rejects 8 months + 1 day', () => {
    expect(pauseViolations('2026-03-01', '2026-11-02')).toEqual(['pause-max-8-months']);
  });
  it('rejects an end on or before the start', () => {
    expect(pauseViolations('2026-03-01', '2026-03-01')).toEqual(['pause-end-after-start']);
    expect(pauseViolations('2026-03-01', '2026-02-01')).toEqual(['pause-end-after-start']);
  });
});

describe('isStale', () => {
  const now = new Date('2026-03-10T12:00:00Z');
  it('accepts a recent timestamp and a little clock skew', () => {
    expect(isStale('2026-03-10T11:00:00Z', now)).toBe(false);
    expect(isStale('2026-03-03T12:00:00Z', now)).toBe(false);
    expect(isStale('2026-03-10T12:04:59Z', now)).toBe(false);
  });
  it('rejects older than 7 days', () => {
    expect(isStale('2026-03-03T11:59:59Z', now)).toBe(true);
  });
  it('rejects more than 5 minutes in the future', () => {
    expect(isStale('2026-03-10T12:05:01Z', now)).toBe(true);
  });
  it('treats an unparseable timestamp as stale', () => {
    expect(isStale('yesterday', now)).toBe(true);
  });
});

describe('month lengths (computed without Date)', () => {
  it('agree with the Gregorian calendar of Date for every month of years 1 to 9999', () => {
    const pad = (n: number, width: number) => String(n).padStart(width, '0');
    const wrong: string[] = [];
    for (let year = 1; year <= 9999; year++) {
      for (let month = 1; month <= 12; month++) {
        const reference = new Date(0);
        reference.setUTCFullYear(year, month, 0); // day 0 of the next month: the last of this one
        const last = reference.getUTCDate();
        const date = (day: number) => `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
        if (!isIsoDate(date(last)) || isIsoDate(date(last + 1))) {
          wrong.push(date(last));
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
