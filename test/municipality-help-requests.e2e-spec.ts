import { helpRequestReference } from '@skp/messages';
import { Client } from 'pg';
import { AppProcess } from './support/app-process';
import { eventually } from './support/eventually';
import { HelpRequestsFromHub } from './support/help-request-from-hub';
import { HubHarness, startHub } from './support/hub-harness';
import { startMunicipalityAdapter } from './support/municipality-adapter-process';
import { MunicipalityTestCreditor } from './support/municipality-test-creditor';
import { addPortalUser } from './support/portal-users';
import { AMQP_URL, freshId, TestParty, testOin } from './support/test-env';

/**
 * Pauzeknop fase 1 at the municipality (DESIGN §11): a HelpRequest from the hub is stored once,
 * the case worker's status goes back to the hub as a signed acknowledgement, and admission opens
 * a case whose Kennisgeving reaches the creditor with signal 1. The contact deadline is 0 working
 * days here, so an unanswered request is overdue at once (the 3-day count has its unit spec).
 */
const TOKEN = `muni-token-${freshId()}`;
const today = new Date().toISOString().slice(0, 10);

let hub: HubHarness;
let adapter: AppProcess;
let municipality: TestParty;
let creditor: MunicipalityTestCreditor;
let fromHub: HelpRequestsFromHub;

async function call(
  path: string,
  init: { method?: string; body?: unknown; token?: string } = {},
): Promise<any> {
  const response = await fetch(`${adapter.url}${path}`, {
    method: init.method ?? 'GET',
    headers: {
      authorization: `Bearer ${init.token ?? TOKEN}`,
      ...(init.body ? { 'content-type': 'application/json' } : {}),
    },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

const listed = async (id: string): Promise<any> =>
  ((await call('/help-requests')).body.items as any[]).filter((item) => item.id === id);

async function receivedAtMunicipality(id: string): Promise<any> {
  return eventually(async () => (await listed(id))[0], { what: `HelpRequest ${id} in the list` });
}

beforeAll(async () => {
  hub = await startHub();
  municipality = hub.pki.party('municipality', testOin(2), 'Gemeente Test');
  const creditorParty = hub.pki.party('creditor', testOin(3), 'Creditor');
  await hub.registerParty(municipality, 'MUNICIPALITY', false);
  await hub.registerParty(creditorParty, 'CREDITOR', false);
  creditor = await new MunicipalityTestCreditor(creditorParty, hub.prefix, AMQP_URL).start();
  adapter = await startMunicipalityAdapter(hub, municipality, TOKEN, {
    MUNICIPALITY_HELP_REQUEST_CONTACT_WORKING_DAYS: '0',
    MUNICIPALITY_JOB_INTERVAL_MS: '300',
  });
  fromHub = await HelpRequestsFromHub.open(hub);
});

afterAll(async () => {
  await fromHub?.close();
  await creditor?.stop();
  await adapter?.stop();
  await hub?.teardown();
});

it('stores a HelpRequest from the hub once, urgent first, overdue while nobody made contact', async () => {
  const calm = await fromHub.prepare(municipality.oin, { urgent: false });
  const urgent = await fromHub.prepare(municipality.oin, { urgent: true });
  await fromHub.deliver(calm);
  await fromHub.deliver(urgent);
  await fromHub.deliver(urgent); // the broker may deliver twice
  const after = await fromHub.prepare(municipality.oin, { urgent: false });
  await fromHub.deliver(after); // stored once the duplicate before it was handled

  await receivedAtMunicipality(after.header.messageId);
  const item = await receivedAtMunicipality(urgent.header.messageId);
  await receivedAtMunicipality(calm.header.messageId);
  expect(await listed(urgent.header.messageId)).toHaveLength(1);
  expect(item).toMatchObject({
    reference: helpRequestReference(urgent.header.messageId),
    residentLabel: 'F. El Amrani',
    urgent: true,
    status: 'NEW',
    overdue: true,
  });
  expect(item.contactDueAt).toBe(item.receivedAt); // 0 working days in this suite
  const ids = ((await call('/help-requests')).body.items as any[]).map((i) => i.id);
  expect(ids.indexOf(urgent.header.messageId)).toBeLessThan(ids.indexOf(calm.header.messageId));

  // the hub got the municipality's DELIVERED receipt about it
  await eventually(
    async () =>
      (
        await fromHub.hubDb.query(
          `SELECT 1 FROM "message" WHERE "type" = 'DeliveryReceipt' AND "in_reply_to" = $1 AND "sender" = $2`,
          [urgent.header.messageId, municipality.oin],
        )
      ).length === 1,
    { what: 'DELIVERED receipt at the hub' },
  );
  const detail = await call(`/help-requests/${urgent.header.messageId}`);
  expect(detail.status).toBe(200);
  expect(detail.body.resident.bsn).toBe('111222333');
  expect(detail.body.contact).toEqual({ phone: '0612345678' });
  expect(detail.body.caseDraft).toMatchObject({ signal: 1, debtor: { surname: 'El Amrani' } });
});

it('CONTACTED is stored and acknowledged to the hub, which records it and answers ACCEPTED', async () => {
  const request = await fromHub.prepare(municipality.oin);
  await fromHub.deliver(request);
  const id = request.header.messageId;
  await receivedAtMunicipality(id);

  const contacted = await call(`/help-requests/${id}/status`, {
    method: 'POST',
    body: { status: 'CONTACTED' },
  });
  expect(contacted.status).toBe(200);
  expect(contacted.body).toMatchObject({ status: 'CONTACTED', overdue: false });
  const ackId = contacted.body.acknowledgements[0].messageId;

  const ack = await eventually(async () => fromHub.hubDb.message(ackId), {
    what: 'acknowledgement at the hub',
  });
  expect(ack).toMatchObject({
    type: 'HelpRequestAcknowledgement',
    sender: municipality.oin,
    recipient: hub.hubParty.oin,
    in_reply_to: id,
    conversation_id: request.header.conversationId,
  });
  await eventually(async () => (await fromHub.hubDb.message(id))?.conversation_state === 'CONTACTED', {
    what: "the HelpRequest's conversation CONTACTED at the hub",
  });
  await eventually(
    async () => (await call(`/help-requests/${id}`)).body.acknowledgements[0].hubReceipt === 'ACCEPTED',
    { what: "the hub's ACCEPTED receipt recorded" },
  );

  // never back, and a viewer may not change it
  expect(
    (await call(`/help-requests/${id}/status`, { method: 'POST', body: { status: 'CONTACTED' } })).status,
  ).toBe(409);
  await addPortalUser(adapter, 'kijker', 'kijker-wachtwoord-1', 'viewer');
  const login = await fetch(`${adapter.url}/portal/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'kijker', password: 'kijker-wachtwoord-1' }),
  });
  const session = ((await login.json()) as { token: string }).token;
  const byViewer = await call(`/help-requests/${id}/status`, {
    method: 'POST',
    body: { status: 'REFERRED' },
    token: session,
  });
  expect(byViewer.status).toBe(403);
  expect((await call(`/help-requests/${id}`, { token: session })).status).toBe(200);
});

it('ADMITTED opens the case: its Kennisgeving reaches the creditor with signal 1, the hub hears ADMITTED', async () => {
  const request = await fromHub.prepare(municipality.oin);
  await fromHub.deliver(request);
  const id = request.header.messageId;
  await receivedAtMunicipality(id);
  const { caseDraft } = (await call(`/help-requests/${id}`)).body;

  // ADMITTED without a case is refused, and nothing changed
  const bare = await call(`/help-requests/${id}/status`, { method: 'POST', body: { status: 'ADMITTED' } });
  expect(bare.status).toBe(400);
  expect(bare.body.violations).toEqual([
    expect.objectContaining({ field: 'case', rule: 'required-iff-ADMITTED' }),
  ]);
  const badCase = await call(`/help-requests/${id}/status`, {
    method: 'POST',
    body: { status: 'ADMITTED', case: { ...caseDraft, creditors: [] } },
  });
  expect(badCase.status).toBe(400);
  expect(badCase.body.violations.map((v: any) => v.field)).toContain('case.admissionDate');
  expect((await call(`/help-requests/${id}`)).body.status).toBe('NEW');

  const caseReference = `PK-CASE-${freshId()}`;
  const admitted = await call(`/help-requests/${id}/status`, {
    method: 'POST',
    body: {
      status: 'ADMITTED',
      case: {
        ...caseDraft,
        caseReference,
        signal: 4, // the request's signal wins: the resident asked themselves
        admissionDate: today,
        pause: { start: today },
        creditors: [{ oin: creditor.oin }],
      },
    },
  });
  expect(admitted.status).toBe(200);
  expect(admitted.body).toMatchObject({ status: 'ADMITTED', caseReference });

  const kennisgeving = await eventually(() => creditor.kennisgevingFor(caseReference), {
    what: 'Kennisgeving',
  });
  expect(kennisgeving.message.body.signal).toBe(1);
  expect(kennisgeving.message.body.debtor).toMatchObject({ surname: 'El Amrani', birthDate: '1991-08-30' });
  const caseView = await call(`/kennisgevingen/${caseReference}`);
  expect(caseView.body.creditors).toHaveLength(1);

  await eventually(async () => (await fromHub.hubDb.message(id))?.conversation_state === 'ADMITTED', {
    what: "the HelpRequest's conversation ADMITTED at the hub",
  });
});

it('deletes a request referred elsewhere, with the resident, after its retention period; an undecided one stays', async () => {
  const referred = await fromHub.prepare(municipality.oin);
  const open = await fromHub.prepare(municipality.oin);
  await fromHub.deliver(referred);
  await fromHub.deliver(open);
  const referredId = referred.header.messageId;
  const openId = open.header.messageId;
  await receivedAtMunicipality(referredId);
  await receivedAtMunicipality(openId);
  await call(`/help-requests/${referredId}/status`, { method: 'POST', body: { status: 'CONTACTED' } });
  expect(
    (await call(`/help-requests/${referredId}/status`, { method: 'POST', body: { status: 'REFERRED' } }))
      .status,
  ).toBe(200);

  const db = new Client({ connectionString: adapter.env.DATABASE_URL });
  await db.connect();
  try {
    // 89 days after the decision it is still kept (the default retention is 90 days)
    await db.query(
      `UPDATE "help_request" SET "status_changed_at" = now() - interval '89 days' WHERE "message_id" = $1`,
      [referredId],
    );
    // the undecided one arrived long ago: nobody decided it, so it stays
    await db.query(
      `UPDATE "help_request" SET "received_at" = now() - interval '400 days' WHERE "message_id" = $1`,
      [openId],
    );
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // a few runs of the job
    expect((await call(`/help-requests/${referredId}`)).status).toBe(200);

    await db.query(
      `UPDATE "help_request" SET "status_changed_at" = now() - interval '91 days' WHERE "message_id" = $1`,
      [referredId],
    );
    await eventually(async () => (await call(`/help-requests/${referredId}`)).status === 404, {
      what: 'the referred request deleted',
    });
    const left = await db.query(
      `SELECT count(*)::int AS n FROM "help_request_acknowledgement" WHERE "help_request_id" = $1`,
      [referredId],
    );
    expect(left.rows[0].n).toBe(0);
    expect((await call(`/help-requests/${openId}`)).status).toBe(200);
  } finally {
    await db.end();
  }
});
