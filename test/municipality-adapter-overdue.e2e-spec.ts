import { AppProcess } from './support/app-process';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { eventually } from './support/eventually';
import { HubHarness, startHub } from './support/hub-harness';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { AMQP_URL, freshId, TestParty, testOin } from './support/test-env';

/** The overdue job with a zero-working-day deadline, so the test needs no clock tricks. */
const TOKEN = 'test-municipality-token';
const today = new Date().toISOString().slice(0, 10);

let hub: HubHarness;
let adapter: AppProcess;
let municipality: TestParty;
let creditor: MunicipalityTestCreditor;

interface CreditorStatus {
  state: string;
  pausedUntil?: string;
  events: Array<{ kind: string; detail: Record<string, unknown> }>;
}

async function statusOf(caseReference: string): Promise<CreditorStatus> {
  const response = await fetch(`${adapter.url}/kennisgevingen/${caseReference}`, {
    headers: { authorization: `Bearer ${TOKEN}` },
  });
  const body = (await response.json()) as { creditors: CreditorStatus[] };
  return body.creditors[0];
}

beforeAll(async () => {
  hub = await startHub();
  municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  const party = hub.pki.party('creditor', testOin(3), 'Creditor');
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(party, 'CREDITOR', false);
  creditor = await new MunicipalityTestCreditor(party, hub.prefix, AMQP_URL).start();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    MUNICIPALITY_ANSWER_WORKING_DAYS: '0',
    MUNICIPALITY_JOB_INTERVAL_MS: '200',
  });
});

afterAll(async () => {
  await creditor?.stop();
  await adapter?.stop();
  await hub?.teardown();
});

it('marks an unanswered Kennisgeving OVERDUE, and a late answer still moves it on', async () => {
  const caseReference = `OVD-${freshId()}`;
  const response = await fetch(`${adapter.url}/kennisgevingen`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      caseReference,
      debtor: {
        bsn: '123456782',
        givenNames: 'Piet',
        surname: 'Bakker',
        birthDate: '1975-01-31',
        address: { street: 'Dorpsstraat', houseNumber: 12, postcode: '1234AB', city: 'Ergens' },
      },
      admissionDate: today,
      pause: { start: today },
      creditors: [{ oin: creditor.oin }],
    }),
  });
  expect(response.status).toBe(202);
  await eventually(async () => (await statusOf(caseReference)).state === 'OVERDUE', { what: 'OVERDUE' });

  const kennisgeving = (
    await eventually(() => creditor.kennisgevingFor(caseReference), { what: 'Kennisgeving' })
  ).message;
  const receiptId = await creditor.confirmDelivery(kennisgeving);
  const afterReceipt = await eventually(
    async () => {
      const s = await statusOf(caseReference);
      return s.events.some((e) => e.detail.receiptId === receiptId) ? s : undefined;
    },
    { what: 'late DELIVERED recorded' },
  );
  expect(afterReceipt.state).toBe('OVERDUE');

  await creditor.answer(kennisgeving, { decision: 'PAUSED', pausedUntil: kennisgeving.body.pause.end });
  const answered = await eventually(
    async () => {
      const s = await statusOf(caseReference);
      return s.state === 'PAUSED' ? s : undefined;
    },
    { what: 'PAUSED after OVERDUE' },
  );
  expect(answered.pausedUntil).toBe(kennisgeving.body.pause.end);
  expect(answered.events.filter((e) => e.kind === 'OVERDUE')).toHaveLength(1);
});
