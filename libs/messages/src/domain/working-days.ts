import Holidays from 'date-holidays';
import { toAmsterdam } from './amsterdam-time';

/**
 * Dutch working days: Monday-Friday except the public holidays that the maintained `date-holidays`
 * library lists as type 'public' for NL. Days are taken in Europe/Amsterdam time.
 * Note: the library lists Bevrijdingsdag as type 'school', so it counts as a working day.
 */
const holidays = new Holidays('NL');
const publicHolidaysByYear = new Map<number, Set<string>>();

function publicHolidays(year: number): Set<string> {
  let dates = publicHolidaysByYear.get(year);
  if (!dates) {
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    publicHolidaysByYear.set(year, dates);
  }
  return dates;
}

/** Whether the Amsterdam calendar day of `date` is a Dutch working day. */
export function isDutchWorkingDay(date: Date): boolean {
  const local = toAmsterdam(date);
  if (local.weekday === 'Sat' || local.weekday === 'Sun') {
    return false;
  }
  return !publicHolidays(Number(local.date.slice(0, 4))).has(local.date);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Shifts a moment by whole calendar days, keeping the Amsterdam wall-clock time across DST changes. */
function addCalendarDaysAmsterdam(moment: Date, offsetMs: number, days: number): Date {
  const naive = new Date(moment.getTime() + days * DAY_MS);
  const correction = offsetMs - toAmsterdam(naive).offsetMs;
  return new Date(naive.getTime() + correction);
}

/**
 * The moment `n` Dutch working days after `from`: the same Amsterdam wall-clock time on the n-th
 * working day after from's day. `n = 0` returns `from` unchanged.
 */
export function addWorkingDays(from: Date, n: number): Date {
  if (!Number.isInteger(n) || n < 0 || Number.isNaN(from.getTime())) {
    throw new RangeError('addWorkingDays needs a valid date and a non-negative integer');
  }
  let days = 0;
  let counted = 0;
  let candidate = from;
  const fromOffsetMs = toAmsterdam(from).offsetMs;
  while (counted < n) {
    days += 1;
    candidate = addCalendarDaysAmsterdam(from, fromOffsetMs, days);
    if (isDutchWorkingDay(candidate)) {
      counted += 1;
    }
  }
  return new Date(candidate.getTime());
}

export const DEFAULT_ANSWER_WORKING_DAYS = 10;

/** When a Kennisgeving sent at `sentAt` without PauseAcknowledgement becomes OVERDUE. */
export function answerDeadline(sentAt: Date, workingDays: number = DEFAULT_ANSWER_WORKING_DAYS): Date {
  return addWorkingDays(sentAt, workingDays);
}
