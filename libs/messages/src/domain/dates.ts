import { toAmsterdam } from './amsterdam-time';

/** Calendar rules of DESIGN §2 and §3. Dates are `YYYY-MM-DD` strings, compared as calendar dates. */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const RFC3339_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?Z$/;

export const PAUSE_MAX_MONTHS = 8;
export const PAUSE_DEFAULT_MONTHS = 4;
export const STALE_AFTER_MS = 7 * 24 * 60 * 60 * 1000;
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Days in `month` (1-12) of `year` (Gregorian), without a Date: this runs for every date checked. */
function daysInMonth(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1];
}

/** A real calendar date in `YYYY-MM-DD` form (year 0001-9999). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = ISO_DATE.exec(value);
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** RFC 3339 timestamp in UTC (`Z`), with a real date and time; fractional seconds optional. */
export function isRfc3339Utc(value: unknown): value is string {
  if (typeof value !== 'string') {
    return false;
  }
  const match = RFC3339_UTC.exec(value);
  return (
    match !== null &&
    isIsoDate(match[1]) &&
    Number(match[2]) <= 23 &&
    Number(match[3]) <= 59 &&
    Number(match[4]) <= 59
  );
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Adds calendar months, clamping to the month end: `2026-08-31` + 6 → `2027-02-28`. */
export function addCalendarMonths(date: string, months: number): string {
  if (!isIsoDate(date) || !Number.isInteger(months)) {
    throw new RangeError('addCalendarMonths needs a YYYY-MM-DD date and an integer number of months');
  }
  const [year, month, day] = date.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = (monthIndex % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${pad(newYear, 4)}-${pad(newMonth, 2)}-${pad(newDay, 2)}`;
}

/** Default pause end when the sender leaves it out: start + 4 calendar months. */
export function defaultPauseEnd(start: string): string {
  return addCalendarMonths(start, PAUSE_DEFAULT_MONTHS);
}

/** Latest allowed pause end: start + 8 calendar months. */
export function maxPauseEnd(start: string): string {
  return addCalendarMonths(start, PAUSE_MAX_MONTHS);
}

export type PauseRule = 'pause-end-after-start' | 'pause-max-8-months';

/** Rules a pause breaks (empty when valid). Both dates must be valid ISO dates. */
export function pauseViolations(start: string, end: string): PauseRule[] {
  if (!isIsoDate(start) || !isIsoDate(end)) {
    return [];
  }
  const broken: PauseRule[] = [];
  if (end <= start) {
    broken.push('pause-end-after-start');
  }
  if (end > maxPauseEnd(start)) {
    broken.push('pause-max-8-months');
  }
  return broken;
}

/** The hub's STALE rule: createdAt older than 7 days, or more than 5 minutes in the future. */
export function isStale(createdAt: string, now: Date): boolean {
  const created = Date.parse(createdAt);
  if (Number.isNaN(created)) {
    return true;
  }
  const age = now.getTime() - created;
  return age > STALE_AFTER_MS || -age > FUTURE_TOLERANCE_MS;
}

/** Today's calendar date (YYYY-MM-DD) in the Netherlands: pauses start and end on Dutch dates. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return toAmsterdam(now).date;
}
