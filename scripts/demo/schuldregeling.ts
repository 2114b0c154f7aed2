import { DemoApp, DemoParty, DemoSettings } from './network';
import { demoBsn } from './traffic';

/**
 * Collectief Schuldregelen in the demo (DESIGN §9): claims in the public creditor's register, a
 * sample dossier from balance request to agreement (the demo plays the private creditor's staff,
 * who answer by hand), and `--load N` dossiers of fourteen creditors.
 */

export interface DemoEndpoint {
  url: string;
  token: string;
  oin: string;
}

type Json = Record<string, any>;

/** The twelve other creditors of a `--load` dossier: collective, each an adapter of its own. */
export function regelingApps(settings: DemoSettings, parties: DemoParty[], template: DemoApp): DemoApp[] {
  return parties
    .filter((p) => p.slug.startsWith('creditor-regeling-'))
    .map(
      (party, i) =>
        new DemoApp(
          party.slug,
          'creditor-adapter',
          settings.ports.regelingBase + i,
          {
            ...template.env,
            DATABASE_URL: `${settings.databaseBase}/${settings.databasePrefix}_${party.slug.replace(/-/g, '_')}`,
            PARTY_OIN: party.oin,
            PARTY_CERT: party.cert,
            PARTY_KEY: party.key,
            CREDITOR_API_TOKEN: `demo-${party.slug}`,
            CREDITOR_AUTO_ACK: 'true',
            CREDITOR_COLLECTIVE: 'true',
            CREDITOR_BSN_ALLOWED: 'false',
          },
          settings.logDir,
        ),
    );
}

export const endpointOf = (app: DemoApp): DemoEndpoint => ({
  url: app.url,
  token: app.env.CREDITOR_API_TOKEN,
  oin: app.env.PARTY_OIN,
});

async function call(endpoint: { url: string; token: string }, method: string, path: string, body?: unknown) {
  const response = await fetch(`${endpoint.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${endpoint.token}`,
      ...(typeof body === 'string' ? { 'content-type': 'text/csv' } : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Json };
}

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`demo: timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

export function dossierDebtor(index: number) {
  return {
    bsn: demoBsn(50_000 + index * 13),
    givenNames: ['Fatima', 'Johan', 'Linda'][index % 3],
    surname: ['Yilmaz', 'de Vries', 'Smit'][index % 3],
    birthDate: `19${80 + (index % 15)}-0${1 + (index % 9)}-2${index % 8}`,
    address: { street: 'Vredenburg', houseNumber: 10 + (index % 50), postcode: '3511BA', city: 'Utrecht' },
  };
}

const CSV_HEADER =
  'reference;kind;originalAmountCents;outstandingAmountCents;customerNumber;bsn;surname;birthDate;postcode;since';

/** A claim line; by BSN where the creditor may keep it, else by customer number. */
function claimLine(reference: string, cents: number, customerNumber: string, bsn?: string): string {
  return `${reference};OVERIG;${cents + 1500};${cents};${bsn ? '' : customerNumber};${bsn ?? ''};;;;2025-09-01`;
}

/** The staff of a creditor without software: states the balance of a request by hand. */
async function stateByHand(creditor: DemoEndpoint, conversationId: string, cents: number, reference: string) {
  await until('the balance request in the inbox', async () =>
    (await call(creditor, 'GET', `/inbox/${conversationId}`)).status === 200 ? true : undefined,
  );
  const answer = await call(creditor, 'POST', `/inbox/${conversationId}/balance`, {
    known: true,
    claims: [{ reference, kind: 'NUTS', originalAmountCents: cents + 1500, outstandingAmountCents: cents }],
    totalOutstandingCents: cents,
  });
  if (answer.status !== 201 && answer.status !== 409) {
    throw new Error(`demo: balance by hand: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/** ... and accepts the proposal that came for it by hand. */
async function acceptByHand(creditor: DemoEndpoint, conversationId: string) {
  const proposal = await until('the payment proposal in the inbox', async () => {
    const { body } = await call(creditor, 'GET', '/inbox?type=PaymentProposal');
    return (body?.messages ?? []).find((m: Json) => m.conversationId === conversationId);
  });
  const answer = await call(creditor, 'POST', `/inbox/${proposal.messageId}/proposal-response`, {
    decision: 'ACCEPTED',
    byPreApproval: false,
  });
  if (answer.status !== 201 && answer.status !== 409) {
    throw new Error(`demo: proposal response by hand: ${answer.status} ${JSON.stringify(answer.body)}`);
  }
}

/**
 * One dossier from request to agreement: collective creditors answer from their claims by
 * themselves, the manual ones by the demo's hand. Idempotent per caseReference.
 */
export async function runDossier(
  municipality: { url: string; token: string },
  reference: string,
  index: number,
  collective: DemoEndpoint[],
  manual: DemoEndpoint[],
): Promise<Json> {
  const existing = await call(municipality, 'GET', `/schuldregelingen/${reference}`);
  if (existing.status === 200 && ['AGREED', 'ENDED'].includes(existing.body.state)) {
    return existing.body;
  }
  const all = [...collective, ...manual];
  const submitted = await call(municipality, 'POST', '/schuldregelingen', {
    caseReference: reference,
    debtor: dossierDebtor(index),
    collective: true,
    creditors: all.map((c) => ({ oin: c.oin, customerNumber: `K-${reference}` })),
  });
  if (submitted.status !== 202) {
    throw new Error(`demo: dossier ${reference}: ${submitted.status} ${JSON.stringify(submitted.body)}`);
  }
  const conversation = (oin: string): string =>
    submitted.body.creditors.find((c: Json) => c.oin === oin).messageId;
  for (const creditor of manual) {
    await stateByHand(creditor, conversation(creditor.oin), 40_000 + index * 101, `${reference}-M`);
  }
  await until(`every balance of ${reference}`, async () => {
    const { body } = await call(municipality, 'GET', `/schuldregelingen/${reference}`);
    const done = body?.creditors?.every((c: Json) => ['STATED', 'UNKNOWN_DEBTOR'].includes(c.state));
    return done ? body : undefined;
  });
  const proposal = await call(municipality, 'POST', `/schuldregelingen/${reference}/proposal`, {
    arrangementType: 'SCHULDBEMIDDELING',
    availableCents: 150_000,
    termMonths: 18,
  });
  if (proposal.status !== 202 && proposal.status !== 409) {
    throw new Error(`demo: proposal ${reference}: ${proposal.status} ${JSON.stringify(proposal.body)}`);
  }
  for (const creditor of manual) {
    await acceptByHand(creditor, conversation(creditor.oin));
  }
  return until(`agreement on ${reference}`, async () => {
    const { body } = await call(municipality, 'GET', `/schuldregelingen/${reference}`);
    return body?.state === 'AGREED' ? body : undefined;
  });
}

/** Claims of the debtors of dossiers `indexes` in each collective creditor's register. */
export async function loadClaims(
  collective: { endpoint: DemoEndpoint; party: DemoParty }[],
  dossiers: { reference: string; index: number }[],
): Promise<void> {
  for (const [c, { endpoint, party }] of collective.entries()) {
    const lines = dossiers.map(({ reference, index }) =>
      claimLine(
        `${reference}-${c}`,
        10_000 + ((index * 7919 + c * 104_729) % 500_000),
        `K-${reference}`,
        party.bsnAllowed ? dossierDebtor(index).bsn : undefined,
      ),
    );
    const result = await call(endpoint, 'POST', '/claims/import', [CSV_HEADER, ...lines].join('\n'));
    if (result.status !== 200) {
      throw new Error(`demo: claims for ${party.slug}: ${result.status} ${JSON.stringify(result.body)}`);
    }
  }
}

function bar(done: number, total: number): string {
  const filled = Math.round((done / total) * 30);
  return `[${'#'.repeat(filled)}${'.'.repeat(30 - filled)}] ${done}/${total}`;
}

/** `--load N`: N dossiers of fourteen creditors, eight in flight, with a summary at the end. */
export async function runDossierLoad(
  municipality: { url: string; token: string },
  collective: { endpoint: DemoEndpoint; party: DemoParty }[],
  manual: DemoEndpoint[],
  n: number,
): Promise<void> {
  const run = Date.now().toString(36);
  const dossiers = Array.from({ length: n }, (_, i) => ({
    reference: `SR-LOAD-${run}-${String(i + 1).padStart(5, '0')}`,
    index: 1_000 + i,
  }));
  await loadClaims(collective, dossiers);
  const started = Date.now();
  let agreed = 0;
  let failed = 0;
  // a fixed number of dossiers in flight: each worker starts the next as soon as its own is agreed
  const parallel = Math.min(8, n);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const { reference, index } = dossiers[next++];
      try {
        await runDossier(
          municipality,
          reference,
          index,
          collective.map((c) => c.endpoint),
          manual,
        );
        agreed += 1;
      } catch (error) {
        failed += 1;
        process.stderr.write(`\n${(error as Error).message}\n`);
      }
      process.stderr.write(`\rdossiers   ${bar(agreed + failed, n)}`);
    }
  };
  await Promise.all(Array.from({ length: parallel }, () => worker()));
  process.stderr.write('\n');
  const seconds = (Date.now() - started) / 1000;
  const creditors = collective.length + manual.length;
  process.stdout.write(
    `dossier load summary ${JSON.stringify({
      dossiers: n,
      creditorsPerDossier: creditors,
      agreed,
      failed,
      // BalanceRequest, BalanceStatement, PaymentProposal, ProposalResponse, ArrangementAgreed
      messages: agreed * creditors * 5,
      seconds: Number(seconds.toFixed(1)),
      dossiersPerMinute: Number(((agreed / seconds) * 60).toFixed(1)),
    })}\n`,
  );
}
