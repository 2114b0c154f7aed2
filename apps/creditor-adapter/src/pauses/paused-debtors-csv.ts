import type { Debtor } from '@skp/messages';
import type { PauseRecord } from './pause-rules';

/**
 * The export of paused debtors for collection systems that only read lists (DESIGN §10): UTF-8
 * with a BOM (so spreadsheets read the accents), `;` as separator, a header line, CRLF line ends.
 * Pure: rows in, text out.
 */
export const PAUSED_DEBTOR_COLUMNS = [
  'customerNumber',
  'bsn',
  'initials',
  'givenNames',
  'surnamePrefix',
  'surname',
  'birthDate',
  'postcode',
  'houseNumber',
  'houseLetter',
  'houseNumberAddition',
  'pausedSince',
  'pausedUntil',
  'caseReference',
  'municipalityCode',
  'municipalityName',
] as const;

export interface PausedDebtorRow {
  pause: Pick<
    PauseRecord,
    'bsn' | 'customerNumber' | 'birthDate' | 'postcode' | 'startDate' | 'endDate' | 'caseReference'
  > & { municipality: { code: string; name: string } };
  /** the debtor as received; absent only if the Kennisgeving is not in the inbox */
  debtor?: Debtor;
}

const BOM = '\uFEFF';
/** Leading characters a spreadsheet reads as the start of a formula (CSV/formula injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell, safe for spreadsheets: a would-be formula gets a leading `'` so it stays text; quotes
 * are doubled, and a cell with the separator, a quote or a line break is quoted.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toPausedDebtorsCsv(rows: PausedDebtorRow[]): string {
  const lines = [PAUSED_DEBTOR_COLUMNS.join(';'), ...rows.map((row) => cellsOf(row).map(csvCell).join(';'))];
  return `${BOM}${lines.map((line) => `${line}\r\n`).join('')}`;
}

function cellsOf({ pause, debtor }: PausedDebtorRow): Array<string | number | null | undefined> {
  const address = debtor?.address;
  return [
    pause.customerNumber,
    pause.bsn,
    debtor?.initials,
    debtor?.givenNames,
    debtor?.surnamePrefix,
    debtor?.surname,
    pause.birthDate,
    address?.postcode ?? pause.postcode,
    address?.houseNumber,
    address?.houseLetter,
    address?.houseNumberAddition,
    pause.startDate,
    pause.endDate,
    pause.caseReference,
    pause.municipality.code,
    pause.municipality.name,
  ];
}

/** `gepauzeerde-debiteuren-2026-12-02.csv` */
export function exportFileName(today: string): string {
  return `gepauzeerde-debiteuren-${today}.csv`;
}
