import { addWorkingDays, answerDeadline, isDutchWorkingDay } from './working-days';

/** Noon in Amsterdam (winter or summer time alike), far from any day boundary. */
const noon = (date: string): Date => new Date(`${date}T10:00:00Z`);

describe('isDutchWorkingDay', () => {
  it.each([
    ['2026-04-06', 'Tweede paasdag'],
    ['2026-04-27', 'Koningsdag'],
    ['2026-05-14', 'Hemelvaartsdag'],
    ['2026-05-25', 'Tweede pinksterdag'],
    ['2026-12-25', 'Kerstmis'],
    ['2026-12-26', 'Tweede kerstdag (a Saturday anyway)'],
    ['2027-01-01', 'Nieuwjaar'],
    ['2026-03-07', 'a Saturday'],
    ['2026-03-08', 'a Sunday'],
  ])('%s (%s) is not a working day', (date) => {
    expect(isDutchWorkingDay(noon(date))).toBe(false);
  });
  it.each([
    ['2026-03-09', 'an ordinary Monday'],
    ['2026-04-03', 'Goede Vrijdag (type school in date-holidays)'],
    ['2025-05-05', 'Bevrijdingsdag in a lustrum year (type school in date-holidays)'],
    ['2026-05-05', 'Bevrijdingsdag'],
    ['2026-12-24', 'Kerstavond'],
  ])('%s (%s) is a working day', (date) => {
    expect(isDutchWorkingDay(noon(date))).toBe(true);
  });
  it('uses the Amsterdam calendar day', () => {
    // 23:30 UTC on Sunday 26 April 2026 is already Monday 27 April (Koningsdag) in Amsterdam
    expect(isDutchWorkingDay(new Date('2026-04-26T23:30:00Z'))).toBe(false);
    // 22:30 UTC on Friday 6 March 2026 is 23:30 Friday in Amsterdam
    expect(isDutchWorkingDay(new Date('2026-03-06T22:30:00Z'))).toBe(true);
  });
});

describe('addWorkingDays / answerDeadline', () => {
  it('returns the start for n = 0', () => {
    const from = noon('2026-03-09');
    expect(addWorkingDays(from, 0)).toEqual(from);
  });
  it('skips weekends', () => {
    expect(addWorkingDays(noon('2026-03-06'), 1)).toEqual(noon('2026-03-09'));
    expect(addWorkingDays(noon('2026-03-09'), 10)).toEqual(noon('2026-03-23'));
  });
  it('skips Easter Monday and Koningsdag, keeping the wall-clock time across DST', () => {
    // Thu 2 Apr 2026 11:00 CET... Easter Monday 6 Apr and Koningsdag 27 Apr are skipped
    const sent = new Date('2026-03-27T11:00:00Z'); // Friday 12:00 CET, DST starts 29 March
    const deadline = answerDeadline(sent);
    // Mar 30,31, Apr 1,2,3, 7,8,9,10,13 → 10th working day = Mon 13 Apr, 12:00 CEST = 10:00Z
    expect(deadline).toEqual(new Date('2026-04-13T10:00:00Z'));
  });
  it('skips Ascension and Whit Monday', () => {
    // Wed 13 May 2026; 14 May Ascension, 25 May Whit Monday
    expect(addWorkingDays(noon('2026-05-13'), 5)).toEqual(noon('2026-05-21'));
    expect(addWorkingDays(noon('2026-05-20'), 3)).toEqual(noon('2026-05-26'));
  });
  it('skips Christmas and New Year', () => {
    // Wed 23 Dec 2026 → Thu 24, Mon 28, Tue 29, Wed 30, Thu 31, Mon 4 Jan (1 Jan is Friday)
    expect(addWorkingDays(noon('2026-12-23'), 6)).toEqual(noon('2027-01-04'));
  });
  it('accepts a custom number of working days and rejects negatives', () => {
    expect(answerDeadline(noon('2026-03-09'), 5)).toEqual(noon('2026-03-16'));
    expect(() => addWorkingDays(noon('2026-03-09'), -1)).toThrow(RangeError);
  });
});
