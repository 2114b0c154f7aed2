const AMSTERDAM_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Amsterdam',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Today's calendar date (YYYY-MM-DD) in the Netherlands: pauses end on Dutch dates, not UTC ones. */
export function todayInAmsterdam(now: Date = new Date()): string {
  return AMSTERDAM_DATE.format(now);
}
