import { createHash } from 'node:crypto';
import { verifyMessage } from '@skp/crypto';
import { helpRequestReference, type SkpMessage } from '@skp/messages';
import { eventually } from './support/eventually';
import { api } from './support/hub-api-client';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { databaseUrl, testOin } from './support/test-env';

/** An independent solver of the page's proof-of-work: SHA-256(`<challenge>:<nonce>`) with `bits` leading zeros. */
function zeroBits(challenge: string, nonce: string): number {
  const hash = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  let zeros = 0;
  for (const byte of hash) {
    zeros += byte === 0 ? 8 : Math.clz32(byte) - 24;
    if (byte !== 0) {
      break;
    }
  }
  return zeros;
}

function solve(challenge: string, bits: number): string {
  for (let n = 0; ; n++) {
    if (zeroBits(challenge, n.toString(36)) >= bits) {
      return n.toString(36);
    }
  }
}

const RESIDENT = {
  givenNames: 'Fenna',
  surname: 'Zwartewaal',
  birthDate: '1979-03-14',
  bsn: '111222333',
  address: { street: 'Lindelaan', houseNumber: 8, postcode: '3521 az', city: 'Utrecht' },
};

describe('Pauzeknop on the hub: a resident’s request becomes a hub-signed HelpRequest', () => {
  let h: HubHarness;
  let db: HubDb;
  let municipality: PartyClient;
  let admin: string;

  async function solvedChallenge(): Promise<{ challenge: string; nonce: string }> {
    const r = await api<{ challenge: string; bits: number }>(h.hub.url, 'GET', '/api/pauzeknop/challenge');
    expect(r.status).toBe(200);
    return { challenge: r.body.challenge, nonce: solve(r.body.challenge, r.body.bits) };
  }

  function form(pow: { challenge: string; nonce: string }, overrides: Record<string, unknown> = {}) {
    return {
      municipality: municipality.oin,
      resident: RESIDENT,
      contact: { phone: '0612345678' },
      description: 'Ik kan de huur niet meer betalen.',
      consent: true,
      urgent: true,
      ...pow,
      ...overrides,
    };
  }

  beforeAll(async () => {
    h = await startHub({
      HUB_PAUZEKNOP_POW_BITS: '10',
      HUB_PAUZEKNOP_RATE_LIMIT: '8',
      HUB_JOB_INTERVAL_MS: '500',
    });
    db = await HubDb.open(databaseUrl(h.databases[0]));
    const m = h.pki.party('municipality', testOin(2), 'Gemeente Pauzestad');
    await h.registerParty(m, 'MUNICIPALITY', false);
    admin = await h.adminToken();
    const patched = await api(h.hub.url, 'PATCH', `/api/parties/${m.oin}`, {
      token: admin,
      body: { gemeentecodes: ['0344', '0307'] },
    });
    expect(patched.status).toBe(200);
    municipality = await new PartyClient(m, h.prefix).connect();
  }, 120_000);

  afterAll(async () => {
    await municipality?.close();
    await db?.close();
    await h?.teardown();
  });

  it('lists the municipalities with the gemeentecodes they serve, without a login', async () => {
    const r = await api(h.hub.url, 'GET', '/api/pauzeknop/municipalities');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      municipalities: [
        { oin: municipality.oin, name: 'Gemeente Pauzestad', gemeentecodes: ['0307', '0344'] },
      ],
    });
  });

  it('refuses gemeentecodes that are not 4-digit CBS codes, when a party is updated or registered', async () => {
    const rule = { field: 'gemeentecodes', message: 'gemeentecodes must each be a 4-digit CBS gemeentecode' };
    const updated = await api(h.hub.url, 'PATCH', `/api/parties/${municipality.oin}`, {
      token: admin,
      body: { gemeentecodes: ['0344', '344'] },
    });
    expect(updated.status).toBe(400);
    expect(JSON.stringify(updated.body)).toContain(rule.message);
    const other = h.pki.party('municipality-2', testOin(2), 'Gemeente Elders');
    const registered = await api(h.hub.url, 'POST', '/api/parties', {
      token: admin,
      body: {
        oin: other.oin,
        name: other.name,
        kind: 'MUNICIPALITY',
        certificatePem: other.certPem,
        gemeentecodes: ['03440'],
      },
    });
    expect(registered.status).toBe(400);
    expect(JSON.stringify(registered.body)).toContain(rule.message);
    expect(JSON.stringify(registered.body)).toContain(`"${rule.field}`);
  });

  it('sends the municipality a HelpRequest signed by the hub, and the console lists it without personal data', async () => {
    const r = await api(h.hub.url, 'POST', '/api/pauzeknop/requests', {
      body: form(await solvedChallenge()),
    });
    expect(r.status).toBe(201);
    expect(r.body.reference).toMatch(/^PK-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$/);
    expect(r.body.municipality).toEqual({ oin: municipality.oin, name: 'Gemeente Pauzestad' });
    expect(r.body.contactDueBy).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(r.body.nextSteps.length).toBeGreaterThan(0);

    const received = await eventually(
      () => municipality.received.find((m) => m.message?.header.type === 'HelpRequest'),
      { what: 'HelpRequest at the municipality' },
    );
    const message = received.message as SkpMessage<'HelpRequest'>;
    expect(message.header.sender).toBe(h.hubParty.oin);
    expect(message.header.recipient).toBe(municipality.oin);
    // the municipality derives the same reference the resident was shown
    expect(helpRequestReference(message.header.messageId)).toBe(r.body.reference);
    expect(verifyMessage(message, h.pki.trust)).toMatchObject({ ok: true, signerOin: h.hubParty.oin });
    expect(message.body).toMatchObject({
      resident: { ...RESIDENT, address: { ...RESIDENT.address, postcode: '3521AZ' } },
      contact: { phone: '0612345678' },
      signal: 1,
      urgent: true,
    });
    expect(r.text).not.toContain(message.header.messageId);

    const row = await db.message(message.header.messageId);
    expect(row).toMatchObject({ type: 'HelpRequest', state: 'ROUTED', conversation_state: 'REQUESTED' });
    expect(row?.deadline_at).toBeInstanceOf(Date);
    const events = await db.events(message.header.messageId);
    expect(events.find((e) => e.kind === 'ROUTED')?.detail).toEqual({
      helpRequestReference: r.body.reference,
    });

    const overview = await api(h.hub.url, 'GET', '/api/pauzeknop/overview', { token: admin });
    expect(overview.status).toBe(200);
    expect(overview.body.requests).toEqual([
      expect.objectContaining({
        reference: r.body.reference,
        municipality: municipality.oin,
        municipalityName: 'Gemeente Pauzestad',
        state: 'ROUTED',
        conversationState: 'REQUESTED',
      }),
    ]);
    expect(overview.body.municipalities).toEqual([
      expect.objectContaining({ municipality: municipality.oin, total: 1, open: 1, overdue: 0 }),
    ]);
    for (const personal of [
      '111222333',
      'Fenna',
      'Zwartewaal',
      '3521',
      'Lindelaan',
      '0612345678',
      '1979-03-14',
    ]) {
      expect(overview.text).not.toContain(personal);
    }
    // without a login the overview is refused
    expect((await api(h.hub.url, 'GET', '/api/pauzeknop/overview')).status).toBe(401);
  });

  it('refuses a reused or wrong proof-of-work and bad fields with field violations', async () => {
    const pow = await solvedChallenge();
    expect((await api(h.hub.url, 'POST', '/api/pauzeknop/requests', { body: form(pow) })).status).toBe(201);
    const reused = await api(h.hub.url, 'POST', '/api/pauzeknop/requests', { body: form(pow) });
    expect(reused.status).toBe(400);
    expect(reused.body.violations).toEqual([expect.objectContaining({ field: 'nonce', rule: 'pow-used' })]);

    const other = await solvedChallenge();
    const wrongNonce = ['a', 'b', 'c', 'd', 'e'].find((n) => zeroBits(other.challenge, n) < 10)!;
    const wrong = await api(h.hub.url, 'POST', '/api/pauzeknop/requests', {
      body: form({ challenge: other.challenge, nonce: wrongNonce }),
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.violations).toEqual([
      expect.objectContaining({ field: 'nonce', rule: 'pow-solution' }),
    ]);

    const bad = await api(h.hub.url, 'POST', '/api/pauzeknop/requests', {
      body: form(await solvedChallenge(), {
        resident: { ...RESIDENT, bsn: '123456789', address: { ...RESIDENT.address, postcode: '12345' } },
      }),
    });
    expect(bad.status).toBe(400);
    expect(bad.body.violations.map((v: { field: string }) => v.field).sort()).toEqual([
      'resident.address.postcode',
      'resident.bsn',
    ]);
    expect(bad.text).not.toContain('123456789');
  });

  it('makes an unanswered HelpRequest overdue without counting it as a creditor’s overdue answer', async () => {
    await db.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '1 minute' WHERE "type" = 'HelpRequest'`,
    );
    const overview = await eventually(
      async () => {
        const r = await api(h.hub.url, 'GET', '/api/pauzeknop/overview', { token: admin });
        return r.body.totalOverdue === 2 ? r : undefined;
      },
      { what: 'overdue HelpRequests in the overview' },
    );
    expect(overview.body.municipalities[0]).toMatchObject({ overdue: 2 });
    const perCreditor = await api(h.hub.url, 'GET', '/api/overdue', { token: admin });
    expect(perCreditor.status).toBe(200);
    expect(perCreditor.body.totalOverdue).toBe(0);
  });

  it('purges the body of a HelpRequest not admitted after its retention period, and keeps an admitted one', async () => {
    const [admitted] = await db.query<{ message_id: string }>(
      `UPDATE "message" SET "conversation_state" = 'ADMITTED', "final_at" = now()
       WHERE "message_id" = (SELECT "message_id" FROM "message" WHERE "type" = 'HelpRequest' ORDER BY "received_at" LIMIT 1)
       RETURNING "message_id"`,
    );
    await db.query(
      `UPDATE "message" SET "received_at" = now() - interval '91 days' WHERE "type" = 'HelpRequest'`,
    );
    const kept = await eventually(
      async () => {
        const rows = await db.query<{ message_id: string }>(
          `SELECT "message_id" FROM "message" WHERE "type" = 'HelpRequest' AND "raw" IS NOT NULL`,
        );
        return rows.length === 1 ? rows : undefined;
      },
      { what: 'HelpRequest bodies purged but the admitted one' },
    );
    expect(kept).toEqual([{ message_id: admitted.message_id }]);
    const purged = await db.query<{ n: number }>(
      `SELECT count(*)::int AS "n" FROM "message_event" WHERE "kind" = 'BODY_PURGED' AND "detail" ->> 'helpRequest' = 'true'`,
    );
    expect(purged[0].n).toBe(1);
  });

  it('slows and refuses 50 quick submissions from one address with 429 and Retry-After', async () => {
    const pow = await solvedChallenge();
    const answers = await Promise.all(
      Array.from({ length: 50 }, () =>
        fetch(`${h.hub.url}/api/pauzeknop/requests`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(form(pow)),
        }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - 8);
    expect(statuses.filter((s) => s === 201).length).toBeLessThanOrEqual(1);
    const refused = answers.find((a) => a.status === 429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
