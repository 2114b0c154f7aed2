// Client-side checks for the portals' forms, with the same rules as the API (libs/messages and the
// municipality adapter's request rules). Each returns null when the value is fine, or a Dutch
// message. The server checks again; these only spare the user a round trip. rules.spec.ts proves
// they agree with the API's validators.

/** `1234 ab` → `1234AB`, as the API normalises it. */
export function normalisePostcode(value) {
  return String(value).replace(/\s+/g, '').toUpperCase();
}

/** 8 digits get a leading zero, as the API does. */
export function normaliseBsn(value) {
  const trimmed = String(value).trim();
  return /^\d{8}$/.test(trimmed) ? `0${trimmed}` : trimmed;
}

/** BSN: 9 digits (8 get a leading zero) passing the 11-proef. */
export function bsnProblem(value) {
  const bsn = normaliseBsn(value ?? '');
  if (bsn === '') {
    return 'Vul het BSN in.';
  }
  if (!/^\d{9}$/.test(bsn)) {
    return 'Een BSN bestaat uit 9 cijfers.';
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    sum += Number(bsn[i]) * (9 - i);
  }
  sum -= Number(bsn[8]);
  return sum !== 0 && sum % 11 === 0 ? null : 'Dit BSN bestaat niet: controleer de cijfers (elfproef).';
}

const UNISSUED_POSTCODE_LETTERS = new Set(['SA', 'SD', 'SS']);

/** Dutch postcode: 4 digits (not starting with 0) and 2 letters; spaces and lower case are fine. */
export function postcodeProblem(value) {
  const postcode = normalisePostcode(value ?? '');
  if (postcode === '') {
    return 'Vul de postcode in.';
  }
  const match = /^[1-9]\d{3}([A-Z]{2})$/.exec(postcode);
  if (!match) {
    return 'Een postcode is 4 cijfers en 2 letters, bijvoorbeeld 3521 AZ.';
  }
  return UNISSUED_POSTCODE_LETTERS.has(match[1]) ? 'Deze postcode bestaat niet.' : null;
}

function daysInMonth(year, month) {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A real calendar date written as YYYY-MM-DD (what a date field gives). */
export function isIsoDate(value) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === 'string' ? value : '');
  if (!match) {
    return false;
  }
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

export function dateProblem(value) {
  if (!value) {
    return 'Vul een datum in.';
  }
  return isIsoDate(value) ? null : 'Dit is geen bestaande datum (jjjj-mm-dd).';
}

/** Adds calendar months, clamping to the month end: 2026-08-31 + 6 → 2027-02-28 (as the API). */
export function addCalendarMonths(date, months) {
  const [year, month, day] = date.split('-').map(Number);
  const monthIndex = year * 12 + (month - 1) + months;
  const newYear = Math.floor(monthIndex / 12);
  const newMonth = (monthIndex % 12) + 1;
  const newDay = Math.min(day, daysInMonth(newYear, newMonth));
  return `${String(newYear).padStart(4, '0')}-${String(newMonth).padStart(2, '0')}-${String(newDay).padStart(2, '0')}`;
}

export const PAUSE_MAX_MONTHS = 8;
export const PAUSE_DEFAULT_MONTHS = 4;

/** The latest end a pause starting on `start` may have (DESIGN §2: start + 8 calendar months). */
export function maxPauseEnd(start) {
  return addCalendarMonths(start, PAUSE_MAX_MONTHS);
}

/** Pause end: after the start, at most 8 calendar months later. Empty end: the API takes start + 4 months. */
export function pauseEndProblem(start, end) {
  if (!end) {
    return null;
  }
  if (!isIsoDate(end)) {
    return dateProblem(end);
  }
  if (!isIsoDate(start)) {
    return null;
  }
  if (end <= start) {
    return 'De einddatum van de pauze moet na de begindatum liggen.';
  }
  if (end > maxPauseEnd(start)) {
    return `Een pauze duurt hoogstens 8 maanden: uiterlijk tot en met ${maxPauseEnd(start)}.`;
  }
  return null;
}

/** House number as typed: a whole number of at least 1. */
export function houseNumberProblem(value) {
  const text = String(value ?? '').trim();
  if (text === '') {
    return 'Vul het huisnummer in.';
  }
  return /^\d+$/.test(text) && Number.isSafeInteger(Number(text)) && Number(text) >= 1
    ? null
    : 'Een huisnummer is een heel getal, zonder letter (die heeft een eigen veld).';
}

export function houseLetterProblem(value) {
  return !value || /^[A-Za-z]$/.test(value) ? null : 'Een huisletter is één letter.';
}

export function houseNumberAdditionProblem(value) {
  return !value || /^[A-Za-z0-9]{1,4}$/.test(value) ? null : 'Een toevoeging is 1 tot 4 letters of cijfers.';
}

const OIN_PREFIXES = {
  '00000001': /^\d{9}000$/,
  '00000003': /^\d{8}0000$/,
  '00000004': /^\d{9}000$/,
  '00000099': null,
};

/** OIN: 20 digits with a known prefix and the suffix rule of that prefix. */
export function oinProblem(value) {
  const oin = String(value ?? '');
  if (!/^\d{20}$/.test(oin)) {
    return 'Een OIN bestaat uit 20 cijfers.';
  }
  const prefix = oin.slice(0, 8);
  if (!(prefix in OIN_PREFIXES)) {
    return 'Dit OIN begint niet met een bekend voorvoegsel.';
  }
  const rule = OIN_PREFIXES[prefix];
  return rule && !rule.test(oin.slice(8)) ? 'Dit OIN klopt niet: het einde past niet bij het begin.' : null;
}

export function requiredProblem(value, what) {
  return String(value ?? '').trim() === '' ? `Vul ${what} in.` : null;
}
