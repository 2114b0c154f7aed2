import type { DemoParty } from './network';

/** A valid test BSN (11-proef) from a counter; never a real person's number by construction of the range. */
export function demoBsn(seed: number): string {
  for (let n = seed; ; n++) {
    const digits = String(10_000_000 + (n % 89_999_999))
      .padStart(8, '0')
      .split('')
      .map(Number);
    const sum = digits.reduce((acc, d, i) => acc + d * (9 - i), 0);
    const check = sum % 11;
    if (check < 10 && sum !== 0) {
      return `${digits.join('')}${check}`;
    }
  }
}

const today = (): string => new Date().toISOString().slice(0, 10);

function caseRequest(caseReference: string, index: number, creditors: DemoParty[]) {
  const people = [
    {
      givenNames: 'Anna Maria',
      surname: 'Jansen',
      street: 'Oudegracht',
      houseNumber: 12,
      postcode: '3511AR',
    },
    {
      givenNames: 'Mohammed',
      surname: 'El Amrani',
      street: 'Kanaalweg',
      houseNumber: 41,
      postcode: '3526KL',
    },
    {
      givenNames: 'Petra',
      surname: 'Bakker',
      street: 'Amsterdamsestraatweg',
      houseNumber: 301,
      postcode: '3551CG',
    },
  ];
  const person = people[index % people.length];
  return {
    caseReference,
    debtor: {
      bsn: demoBsn(1_000 + index * 7),
      givenNames: person.givenNames,
      surname: person.surname,
      birthDate: `19${70 + (index % 25)}-0${1 + (index % 9)}-1${index % 9}`,
      address: {
        street: person.street,
        houseNumber: person.houseNumber,
        postcode: person.postcode,
        city: 'Utrecht',
      },
    },
    admissionDate: today(),
    pause: { start: today() },
    creditors: creditors.map((c) => ({ oin: c.oin, customerNumber: `K-${100000 + index}` })),
  };
}

async function post(url: string, token: string, body: unknown): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
}

/** Three sample cases of Gemeente Utrecht, each to both creditors; idempotent per case. */
export async function sendSamples(
  municipalityUrl: string,
  token: string,
  creditors: DemoParty[],
): Promise<string[]> {
  const references = ['UTR-2026-0001', 'UTR-2026-0002', 'UTR-2026-0003'];
  for (const [i, reference] of references.entries()) {
    const response = await post(
      `${municipalityUrl}/kennisgevingen`,
      token,
      caseRequest(reference, i, creditors),
    );
    if (response.status !== 202) {
      throw new Error(`sample case ${reference}: ${response.status} ${await response.text()}`);
    }
  }
  return references;
}

function bar(done: number, total: number): string {
  const width = 30;
  const filled = Math.round((done / total) * width);
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

const CSV_HEADER =
  'caseReference;bsn;givenNames;surname;birthDate;street;houseNumber;postcode;city;creditorOin;creditorCustomerNumber;pauseStart;admissionDate';

/** The same cases `caseRequest` builds, as rows of one import file (one row per case and creditor). */
function loadCsv(references: string[], creditorsOf: (index: number) => DemoParty[]): string {
  const lines = [CSV_HEADER];
  references.forEach((reference, index) => {
    const request = caseRequest(reference, index, creditorsOf(index));
    const { debtor } = request;
    for (const creditor of request.creditors) {
      lines.push(
        [
          reference,
          debtor.bsn,
          debtor.givenNames,
          debtor.surname,
          debtor.birthDate,
          debtor.address.street,
          debtor.address.houseNumber,
          debtor.address.postcode,
          debtor.address.city,
          creditor.oin,
          creditor.customerNumber,
          request.pause.start,
          request.admissionDate,
        ].join(';'),
      );
    }
  });
  return `${lines.join('\n')}\n`;
}

interface ImportJobState {
  status: string;
  totalRows: number;
  processedRows: number;
  summary: { sent: number; duplicate: number; failed: number };
}

interface CaseListPage {
  items: Array<{ caseReference: string; creditors: Array<{ state: string }> }>;
  nextOffset?: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the cases as one background CSV import (the adapter stores them a chunk at a time, so the
 * hub sets the pace, not one HTTP request per case) and follows the job until every row is sent.
 */
async function importCases(
  municipalityUrl: string,
  token: string,
  csv: string,
  n: number,
): Promise<{ sent: number; failed: number }> {
  const upload = await fetch(`${municipalityUrl}/kennisgevingen/import?background=true`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${token}` },
    body: csv,
  });
  const accepted = (await upload.json()) as ImportJobState & { jobId?: string };
  if (upload.status !== 202 || !accepted.jobId) {
    process.stderr.write(`\nimport refused: ${upload.status}\n`);
    return { sent: 0, failed: n };
  }
  for (;;) {
    const response = await fetch(`${municipalityUrl}/kennisgevingen/import/${accepted.jobId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const job = (await response.json()) as ImportJobState;
    process.stderr.write(`\rsending    ${bar(job.processedRows, job.totalRows)}`);
    if (job.status !== 'RUNNING') {
      return { sent: job.summary.sent, failed: n - job.summary.sent };
    }
    await pause(250);
  }
}

/** The state of each case whose reference starts with `prefix` (first creditor), a page at a time. */
async function caseStates(
  municipalityUrl: string,
  token: string,
  prefix: string,
  states: Map<string, string>,
): Promise<void> {
  for (let offset: number | undefined = 0; offset !== undefined;) {
    const query = `caseReference=${encodeURIComponent(prefix)}&limit=500&offset=${offset}`;
    const response = await fetch(`${municipalityUrl}/kennisgevingen?${query}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      return;
    }
    const page = (await response.json()) as CaseListPage;
    for (const item of page.items) {
      states.set(item.caseReference, item.creditors[0]?.state ?? 'UNKNOWN');
    }
    offset = page.nextOffset;
  }
}

/**
 * Sends `n` Kennisgevingen through the municipality adapter (nine in ten to the auto-answering
 * public creditor, one in ten to the private one), then waits for their outcome.
 */
export async function runLoad(
  municipalityUrl: string,
  token: string,
  creditors: DemoParty[],
  n: number,
): Promise<void> {
  const pub = creditors.filter((c) => c.bsnAllowed);
  const priv = creditors.filter((c) => !c.bsnAllowed);
  const run = Date.now().toString(36);
  const prefix = `LOAD-${run}-`;
  const references = Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
  const toPrivate = (index: number): boolean => index % 10 === 9 && priv.length > 0;
  const manual = new Set(references.filter((_, i) => toPrivate(i)));
  const started = Date.now();
  const csv = loadCsv(references, (index) => (toPrivate(index) ? priv : pub));
  const { sent, failed } = await importCases(municipalityUrl, token, csv, n);
  process.stderr.write('\n');
  const final = new Set(['PAUSED', 'DECLINED', 'REJECTED']);
  const states = new Map<string, string>();
  const deadline = Date.now() + Math.max(60_000, n * 200);
  while (Date.now() < deadline) {
    await caseStates(municipalityUrl, token, prefix, states);
    // a case at the private creditor waits for a person: delivered is as far as it goes by itself
    const open = references.filter(
      (r) => !final.has(states.get(r) ?? '') && !(manual.has(r) && states.get(r) === 'DELIVERED'),
    );
    const settled = references.filter((r) => final.has(states.get(r) ?? '')).length;
    process.stderr.write(`\rsettling   ${bar(settled, n)}`);
    if (open.length === 0) {
      break;
    }
    await pause(250);
  }
  process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  const count = (state: string): number => [...states.values()].filter((s) => s === state).length;
  const summary = {
    sent,
    failedToSubmit: failed,
    paused: count('PAUSED'),
    declined: count('DECLINED'),
    rejected: count('REJECTED'),
    awaitingManualAnswer: count('DELIVERED'),
    other: n - count('PAUSED') - count('DECLINED') - count('REJECTED') - count('DELIVERED'),
    seconds: Number(seconds.toFixed(1)),
    messagesPerSec: Number((sent / seconds).toFixed(1)),
  };
  process.stdout.write(`load summary ${JSON.stringify(summary)}\n`);
}
