import * as amqp from 'amqplib';
import { amqpNames } from '@skp/messages';
import { anUnsignedKennisgeving, anUnsignedPauseAcknowledgement } from './factories/messages.factory';
import { eventually } from './support/eventually';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { AMQP_URL, databaseUrl, testOin } from './support/test-env';

/** The scheduled jobs of the delivery record, run by a real hub every second in this test. */
describe('hub deadlines and retention', () => {
  let h: HubHarness;
  let db: HubDb;
  let writer: HubDb;
  let municipality: PartyClient;
  let creditor: PartyClient;

  beforeAll(async () => {
    h = await startHub({ HUB_JOB_INTERVAL_MS: '500' });
    db = await HubDb.open(databaseUrl(h.databases[0]));
    writer = db;
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Termijn');
    const c = h.pki.party('creditor', testOin(2), 'Trage Schuldeiser');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditor = await new PartyClient(c, h.prefix).connect();
  });

  afterAll(async () => {
    await municipality?.close();
    await creditor?.close();
    await db?.close();
    await h?.teardown();
  });

  it('sets the answer deadline ten Dutch working days out, marks the Kennisgeving OVERDUE, and still takes a late answer', async () => {
    const sent = await municipality.send(
      anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
    );
    const id = sent.header.messageId;
    const routed = await eventually(async () => {
      const row = await db.message(id);
      return row?.state === 'ROUTED' ? row : undefined;
    });
    const days =
      ((routed.deadline_at as Date).getTime() - (routed.received_at as Date).getTime()) / 86_400_000;
    // 10 working days are 12 (from a Sunday) to 14 (from a Friday) calendar days, more over holidays
    expect(days).toBeGreaterThanOrEqual(12);
    expect(days).toBeLessThanOrEqual(19);
    expect([0, 6]).not.toContain((routed.deadline_at as Date).getUTCDay());

    // The creditor stays silent until after the deadline.
    await writer.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '1 minute' WHERE "message_id" = $1`,
      [id],
    );
    await eventually(async () => (await db.message(id))?.state === 'OVERDUE', { what: 'OVERDUE' });
    const overdueEvents = (await db.events(id)).filter((e) => e.kind === 'OVERDUE');
    expect(overdueEvents).toHaveLength(1);

    await creditor.send(
      anUnsignedPauseAcknowledgement({
        sender: creditor.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
        body: { decision: 'DECLINED', declineReason: 'RECENT_FINAL_DISCHARGE' },
      }),
    );
    const answered = await eventually(async () => {
      const row = await db.message(id);
      return row?.state === 'DECLINED' ? row : undefined;
    });
    expect(answered.decline_reason).toBe('RECENT_FINAL_DISCHARGE');
    // an overdue job run after the answer leaves it alone
    await eventually(
      async () =>
        (
          await db.query(
            `SELECT 1 FROM "message_event" WHERE "kind" = 'OVERDUE' AND "at" > now() - interval '1 second'`,
          )
        ).length === 0,
    );
    expect((await db.message(id))?.state).toBe('DECLINED');
  });

  it('purges bodies after the retention period and keeps headers, states and events', async () => {
    const sent = await municipality.send(
      anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
    );
    const id = sent.header.messageId;
    await eventually(async () => (await db.message(id))?.state === 'ROUTED');
    await writer.query(
      `UPDATE "message" SET "final_at" = now() - interval '31 days' WHERE "message_id" = $1`,
      [id],
    );
    const purged = await eventually(async () => {
      const row = await db.message(id);
      return row && row.raw === null ? row : undefined;
    });
    expect(purged.state).toBe('ROUTED');
    expect(purged.sender).toBe(municipality.oin);
    expect(purged.purged_at).not.toBeNull();
    const kinds = (await db.events(id)).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['RECEIVED', 'ROUTED', 'BODY_PURGED']));
    // a message still inside its retention keeps its body
    const fresh = await municipality.send(
      anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
    );
    await eventually(async () => (await db.message(fresh.header.messageId))?.state === 'ROUTED');
    await writer.query(
      `UPDATE "message" SET "final_at" = now() - interval '29 days' WHERE "message_id" = $1`,
      [fresh.header.messageId],
    );
    await eventually(async () => (await db.events(id)).some((e) => e.kind === 'BODY_PURGED'));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((await db.message(fresh.header.messageId))?.raw).not.toBeNull();
  });

  it('purges the body of a Kennisgeving nobody answered, the retention period after its deadline', async () => {
    const send = () =>
      municipality.send(
        anUnsignedKennisgeving({ sender: municipality.oin, recipient: creditor.oin, variant: 'PRIVATE' }),
      );
    const [old, recent] = [await send(), await send()];
    const [oldId, recentId] = [old.header.messageId, recent.header.messageId];
    await eventually(async () => (await db.message(oldId))?.state === 'ROUTED');
    await eventually(async () => (await db.message(recentId))?.state === 'ROUTED');
    // never answered: one deadline passed 31 days ago, the other 29 days ago
    await writer.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '31 days' WHERE "message_id" = $1`,
      [oldId],
    );
    await writer.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '29 days' WHERE "message_id" = $1`,
      [recentId],
    );
    const purged = await eventually(async () => {
      const row = await db.message(oldId);
      return row && row.raw === null ? row : undefined;
    });
    expect(purged.state).toBe('OVERDUE');
    expect(purged.final_at).toBeNull();
    expect(purged.purged_at).not.toBeNull();
    const purge = (await db.events(oldId)).filter((e) => e.kind === 'BODY_PURGED');
    expect(purge).toEqual([expect.objectContaining({ detail: { unanswered: true, state: 'OVERDUE' } })]);
    await eventually(async () => (await db.message(recentId))?.state === 'OVERDUE');
    expect((await db.message(recentId))?.raw).not.toBeNull();
  });

  it("purges a dead letter's content after the retention period, marks it, and notes it in the message's timeline", async () => {
    const refusing = h.pki.party('refusing', testOin(2), 'Weigerende schuldeiser');
    await h.registerParty(refusing, 'CREDITOR', false);
    // The refusing creditor's software rejects what it gets: the broker dead-letters it from its queue.
    const connection = await amqp.connect(AMQP_URL);
    try {
      const channel = await connection.createChannel();
      await channel.consume(amqpNames(h.prefix).partyQueue(refusing.oin), (msg) => {
        if (msg) {
          channel.nack(msg, false, false);
        }
      });
      const sent = await municipality.send(
        anUnsignedKennisgeving({ sender: municipality.oin, recipient: refusing.oin, variant: 'PRIVATE' }),
      );
      const id = sent.header.messageId;
      const dead = await eventually(
        async () =>
          (
            await db.query<{ id: string; content: Buffer | null }>(
              `SELECT "id"::text, "content" FROM "dead_letter" WHERE "message_id" = $1`,
              [id],
            )
          )[0],
        { what: 'dead letter from the party queue' },
      );
      expect(dead.content).not.toBeNull();
      await writer.query(`UPDATE "dead_letter" SET "at" = now() - interval '31 days' WHERE "id" = $1`, [
        dead.id,
      ]);
      const purged = await eventually(async () => {
        const row = (
          await db.query<{ content: Buffer | null; purged_at: Date | null; reason_code: string }>(
            `SELECT "content", "purged_at", "reason_code" FROM "dead_letter" WHERE "id" = $1`,
            [dead.id],
          )
        )[0];
        return row.content === null ? row : undefined;
      });
      expect(purged.purged_at).not.toBeNull();
      expect(purged.reason_code).toMatch(/^BROKER_/);
      expect((await db.events(id)).filter((e) => e.kind === 'DEAD_LETTER_PURGED')).toEqual([
        expect.objectContaining({ detail: expect.objectContaining({ deadLetter: dead.id }) }),
      ]);
    } finally {
      await connection.close().catch(() => undefined);
    }
  });

  it('refuses to edit or delete timeline events', async () => {
    await expect(writer.query(`UPDATE "message_event" SET "kind" = 'ROUTED'`)).rejects.toThrow(/append-only/);
    await expect(writer.query(`DELETE FROM "message_event"`)).rejects.toThrow(/append-only/);
  });
});
