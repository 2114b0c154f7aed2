import { buildHeader, HeaderInput, MessageType, UnsignedMessage } from '@skp/messages';
import { aKennisgevingBody } from './factories/messages.factory';
import { eventually } from './support/eventually';
import { HubDb } from './support/hub-db';
import { HubHarness, startHub } from './support/hub-harness';
import { PartyClient } from './support/party-client';
import { databaseUrl, testOin } from './support/test-env';

/**
 * Collectief Schuldregelen (DESIGN §9) through a real hub: the conversation state on the
 * BalanceRequest after each step, a ProposalResponse outside its conversation, and OVERDUE.
 */
describe('hub carries Collectief Schuldregelen', () => {
  let h: HubHarness;
  let db: HubDb;
  let municipality: PartyClient;
  let creditor: PartyClient;
  let other: PartyClient;

  beforeAll(async () => {
    h = await startHub({ HUB_JOB_INTERVAL_MS: '500' });
    db = await HubDb.open(databaseUrl(h.databases[0]));
    const m = h.pki.party('municipality', testOin(1), 'Gemeente Regeling');
    const c = h.pki.party('creditor', testOin(2), 'Schuldeiser Collectief');
    const o = h.pki.party('other', testOin(2), 'Andere Schuldeiser');
    await h.registerParty(m, 'MUNICIPALITY', false);
    await h.registerParty(c, 'CREDITOR', false);
    await h.registerParty(o, 'CREDITOR', false);
    municipality = await new PartyClient(m, h.prefix).connect();
    creditor = await new PartyClient(c, h.prefix).connect();
    other = await new PartyClient(o, h.prefix).connect();
  });

  afterAll(async () => {
    await Promise.all([municipality, creditor, other].map((p) => p?.close()));
    await db?.close();
    await h?.teardown();
  });

  const unsigned = <T extends MessageType>(input: HeaderInput<T>, body: object) =>
    ({ header: buildHeader(input), body }) as unknown as UnsignedMessage<T>;

  const balanceRequest = (to: PartyClient) => {
    const {
      debtor,
      municipality: gemeente,
      counsellor,
      caseReference,
    } = aKennisgevingBody({
      variant: 'PRIVATE',
    });
    return unsigned(
      { type: 'BalanceRequest', sender: municipality.oin, recipient: to.oin },
      { variant: 'PRIVATE', debtor, municipality: gemeente, counsellor, caseReference, collective: true },
    );
  };

  const api = async (path: string) => {
    const res = await fetch(`${h.hub.url}${path}`, {
      headers: { authorization: `Bearer ${await h.adminToken()}` },
    });
    expect(res.status).toBe(200);
    return res.json() as Promise<Record<string, any>>;
  };

  const conversationStateOf = async (id: string) =>
    (await api(`/api/messages/${id}`)).message.conversationState as string | null;

  /** Sends, waits for the hub's ACCEPTED receipt, then for the opener's conversation state. */
  const step = async <T extends MessageType>(
    from: PartyClient,
    message: UnsignedMessage<T>,
    opener: string,
    state: string,
  ) => {
    const sent = await from.send(message);
    await from.waitForReceipt(sent.header.messageId, 'ACCEPTED');
    await eventually(async () => (await conversationStateOf(opener)) === state, {
      what: `conversation ${state}`,
    });
    return sent.header.messageId;
  };

  it('tracks the conversation from REQUESTED to ENDED, and refuses a response outside it', async () => {
    const request = await municipality.send(balanceRequest(creditor));
    const B = request.header.messageId;
    await municipality.waitForReceipt(B, 'ACCEPTED');
    await eventually(() => creditor.received.find((r) => r.messageId === B), { what: 'delivery' });
    expect(await conversationStateOf(B)).toBe('REQUESTED');
    const routed = (await api(`/api/messages/${B}`)).message;
    expect(routed.state).toBe('ROUTED');
    expect(routed.deadlineAt).not.toBeNull();

    const statement = await step(
      creditor,
      unsigned(
        {
          type: 'BalanceStatement',
          sender: creditor.oin,
          recipient: municipality.oin,
          conversationId: B,
          inReplyTo: B,
        },
        {
          known: true,
          claims: [
            { reference: 'F-1', kind: 'NUTS', originalAmountCents: 12000, outstandingAmountCents: 10000 },
          ],
          totalOutstandingCents: 10000,
          preApproval: true,
        },
      ),
      B,
      'STATED',
    );
    const answered = (await api(`/api/messages/${B}`)).message;
    expect(answered.state).toBe('ANSWERED');
    expect(answered.preApproval).toBe(true);

    const proposal = await step(
      municipality,
      unsigned(
        {
          type: 'PaymentProposal',
          sender: municipality.oin,
          recipient: creditor.oin,
          conversationId: B,
          inReplyTo: statement,
        },
        {
          arrangementType: 'SCHULDBEMIDDELING',
          payoutPercentage: '50.00',
          creditorTotalCents: 10000,
          offeredAmountCents: 5000,
          totalDebtCents: 10000,
          termMonths: 18,
          startDate: '2026-03-01',
        },
      ),
      B,
      'PROPOSED',
    );

    // a ProposalResponse from a creditor the proposal did not go to: outside its conversation
    const stranger = await other.send(
      unsigned(
        {
          type: 'ProposalResponse',
          sender: other.oin,
          recipient: municipality.oin,
          conversationId: B,
          inReplyTo: proposal,
        },
        { decision: 'ACCEPTED', byPreApproval: false },
      ),
    );
    const refused = await other.waitForReceipt(stranger.header.messageId, 'REJECTED');
    expect(refused.body.reasonCode).toBe('CONVERSATION_MISMATCH');
    expect(await conversationStateOf(B)).toBe('PROPOSED');

    await step(
      creditor,
      unsigned(
        {
          type: 'ProposalResponse',
          sender: creditor.oin,
          recipient: municipality.oin,
          conversationId: B,
          inReplyTo: proposal,
        },
        { decision: 'ACCEPTED', byPreApproval: true },
      ),
      B,
      'ACCEPTED',
    );
    await step(
      municipality,
      unsigned(
        { type: 'ArrangementAgreed', sender: municipality.oin, recipient: creditor.oin, conversationId: B },
        {
          arrangementType: 'SCHULDBEMIDDELING',
          payoutPercentage: '50.00',
          offeredAmountCents: 5000,
          paymentReference: 'SR-1',
          startDate: '2026-03-01',
          endDate: '2027-09-01',
        },
      ),
      B,
      'AGREED',
    );
    await step(
      municipality,
      unsigned(
        { type: 'ArrangementEnded', sender: municipality.oin, recipient: creditor.oin, conversationId: B },
        { reason: 'COMPLETED', paidAmountCents: 5000 },
      ),
      B,
      'ENDED',
    );

    // a late message that would move it back leaves it ENDED and out of its timeline
    await step(
      creditor,
      unsigned(
        { type: 'StatusRequest', sender: creditor.oin, recipient: municipality.oin, conversationId: B },
        { question: 'Loopt de regeling nog?' },
      ),
      B,
      'ENDED',
    );
    const detail = await api(`/api/messages/${B}`);
    const moves = (detail.events as { kind: string; detail: { conversationState: string } }[])
      .filter((e) => e.kind === 'CONVERSATION')
      .map((e) => e.detail.conversationState);
    expect(moves).toEqual(['STATED', 'PROPOSED', 'ACCEPTED', 'AGREED', 'ENDED']);
    expect(detail.conversation).toHaveLength(8);

    const stats = await api('/api/stats');
    expect(stats.balanceRequests.creditors).toEqual([
      expect.objectContaining({ creditor: creditor.oin, routed: 1, answered: 1, preApprovalShare: 1 }),
    ]);
    // no personal data in what the API shows
    expect(JSON.stringify(detail)).not.toMatch(/Vries|Stadsplateau|1980-05-17/);
  });

  it('marks an unanswered BalanceRequest OVERDUE and counts it per creditor', async () => {
    const request = await municipality.send(balanceRequest(other));
    const id = request.header.messageId;
    await eventually(async () => (await db.message(id))?.state === 'ROUTED', { what: 'ROUTED' });
    await db.query(
      `UPDATE "message" SET "deadline_at" = now() - interval '1 minute' WHERE "message_id" = $1`,
      [id],
    );
    await eventually(async () => (await db.message(id))?.state === 'OVERDUE', { what: 'OVERDUE' });
    expect((await db.events(id)).filter((e) => e.kind === 'OVERDUE')).toHaveLength(1);
    expect(await conversationStateOf(id)).toBe('REQUESTED');
    const overdue = await api('/api/overdue');
    expect(overdue.creditors).toEqual(
      expect.arrayContaining([expect.objectContaining({ creditor: other.oin, overdue: 1 })]),
    );
  });

  it('lets the overdue scan use its partial index for every answer-deadline type', async () => {
    const { markOverdueQuery } = await import('../apps/hub/src/delivery-record/delivery-record.repository');
    const { sql, values } = markOverdueQuery(new Date());
    // a small table: forbid the sequential scan to see whether the index's predicate fits the scan's
    await db.query('SET enable_seqscan = off');
    const plan = await db.query(`EXPLAIN (FORMAT JSON) ${sql}`, values);
    await db.query('RESET enable_seqscan');
    expect(JSON.stringify(plan)).toContain('message_open_deadline');
  });
});
