/**
 * Europe/Amsterdam wall-clock time without `Intl`: formatting date parts through Intl cost about
 * 0.36 ms per answer deadline (docs/decisions/0009), and a deadline needs dozens of them.
 *
 * Since 1996 Amsterdam follows the EU rule: CET (UTC+1), and CEST (UTC+2) from the last Sunday of
 * March 01:00 UTC to the last Sunday of October 01:00 UTC. Moments in those years are computed with
 * plain arithmetic; anything outside them (older rules, far future, invalid dates) asks Intl, so the
 * answer is always Intl's. `amsterdam-time.property.spec.ts` compares the two over many instants;
 * should the time zone database ever change the rule, that test fails.
 */

export interface LocalDateTime {
  /** the Amsterdam calendar day, YYYY-MM-DD */
  date: string;
  /** Mon, Tue, ... Sun */
  weekday: string;
  /** offset of Amsterdam from UTC at this moment, in ms */
  offsetMs: number;
}

const HOUR_MS = 60 * 60 * 1000;
const FIRST_EU_RULE_YEAR = 1996;
const LAST_ARITHMETIC_YEAR = 9999;
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

const amsterdamParts = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  weekday: 'short',
  hourCycle: 'h23',
});

/** Summer time of each year as [start, end) in epoch ms, computed once per year. */
const summerTimeByYear = new Map<number, readonly [number, number]>();

/** 01:00 UTC on the last Sunday of the month (0-based) of `year`. */
function lastSundayAtOneUtc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0));
  return Date.UTC(year, month, lastDay.getUTCDate() - lastDay.getUTCDay(), 1);
}

function summerTime(year: number): readonly [number, number] {
  let range = summerTimeByYear.get(year);
  if (!range) {
    range = [lastSundayAtOneUtc(year, 2), lastSundayAtOneUtc(year, 9)];
    summerTimeByYear.set(year, range);
  }
  return range;
}

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/** The same answer as `toAmsterdamIntl`, by arithmetic where the EU rule holds. */
export function toAmsterdam(moment: Date): LocalDateTime {
  const time = moment.getTime();
  const year = moment.getUTCFullYear();
  if (!(year >= FIRST_EU_RULE_YEAR && year <= LAST_ARITHMETIC_YEAR)) {
    return toAmsterdamIntl(moment);
  }
  const [start, end] = summerTime(year);
  const offsetMs = time >= start && time < end ? 2 * HOUR_MS : HOUR_MS;
  const local = new Date(time + offsetMs);
  return {
    date: `${local.getUTCFullYear()}-${pad2(local.getUTCMonth() + 1)}-${pad2(local.getUTCDate())}`,
    weekday: WEEKDAYS[local.getUTCDay()],
    offsetMs,
  };
}

/** Amsterdam's date parts as Intl (the time zone database) gives them: the reference. */
export function toAmsterdamIntl(moment: Date): LocalDateTime {
  const parts = Object.fromEntries(amsterdamParts.formatToParts(moment).map((p) => [p.type, p.value]));
  const date = `${parts.year}-${parts.month}-${parts.day}`;
  const wallClockAsUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const offsetMs = wallClockAsUtc - Math.floor(moment.getTime() / 1000) * 1000;
  return { date, weekday: parts.weekday, offsetMs };
}
