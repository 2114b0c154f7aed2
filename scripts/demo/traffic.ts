import type { DemoParty } from './network';

interface CaseState {
  creditors: { creditor: string; state: string }[];
}

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
  const references = Array.from({ length: n }, (_, i) => `LOAD-${run}-${String(i + 1).padStart(6, '0')}`);
  const toPrivate = (index: number): boolean => index % 10 === 9 && priv.length > 0;
  const manual = new Set(references.filter((_, i) => toPrivate(i)));
  const started = Date.now();
  let sent = 0;
  let failed = 0;
  const parallel = 8;
  for (let i = 0; i < n; i += parallel) {
    await Promise.all(
      references.slice(i, i + parallel).map(async (reference, j) => {
        const index = i + j;
        const response = await post(
          `${municipalityUrl}/kennisgevingen`,
          token,
          caseRequest(reference, index, toPrivate(index) ? priv : pub),
        );
        if (response.status === 202) {
          sent += 1;
        } else {
          failed += 1;
        }
      }),
    );
    process.stderr.write(`\rsending    ${bar(sent + failed, n)}`);
  }
  process.stderr.write('\n');
  const final = new Set(['PAUSED', 'DECLINED', 'REJECTED']);
  const states = new Map<string, string>();
  const deadline = Date.now() + Math.max(60_000, n * 200);
  while (Date.now() < deadline) {
    // a case at the private creditor waits for a person: delivered is as far as it goes by itself
    const open = references.filter(
      (r) => !final.has(states.get(r) ?? '') && !(manual.has(r) && states.get(r) === 'DELIVERED'),
    );
    if (open.length === 0) {
      break;
    }
    for (const reference of open.slice(0, 200)) {
      const response = await fetch(`${municipalityUrl}/kennisgevingen/${encodeURIComponent(reference)}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.ok) {
        states.set(reference, ((await response.json()) as CaseState).creditors[0]?.state ?? 'UNKNOWN');
      }
    }
    const settled = references.filter((r) => final.has(states.get(r) ?? '')).length;
    process.stderr.write(`\rsettling   ${bar(settled, n)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
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
