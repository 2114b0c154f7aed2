import { randomUUID } from 'node:crypto';
import { amqpNames, buildHeader, HeaderInput, MessageType, ReasonCode, SkpMessage } from '@skp/messages';
import {
  aKennisgevingBody,
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
  anUnsignedProgressUpdate,
} from '../../../../test/factories/messages.factory';
import { FINGERPRINT, partySnapshot, plainReceipts } from '../../../../test/factories/hub-inbound.factory';
import type { HubEnv } from '../config/hub.env';
import type { Effects } from './effects';
import { DecisionContext, InboundDecider } from './inbound-decider';
import { InboundDelivery, Inspection, looseHeaderOf } from './inspection';
import type { KnownRecord } from './known-record';

/**
 * The hub's admission chain, one row per reasonCode and per accepted case: what each verdict does
 * to the record (row state), whether the sender gets a signed receipt, where things are published
 * and which earlier message moves.
 */

const M = '00000001002220647000';
const C = '00000099100000000002'; // may process the BSN
const P = '00000099200000000003'; // may not
const S = '00000099300000000004'; // suspended
const STRANGER = '00000099900000000009';
const HUB = '00000099000000000001';
const names = amqpNames('t');
const receipts = plainReceipts(HUB);
const snapshot = partySnapshot;

const K = randomUUID(); // a Kennisgeving M → C the hub routed
const kennisgevingRecord: KnownRecord = {
  messageId: K,
  type: 'Kennisgeving',
  sender: M,
  recipient: C,
  conversationId: K,
  state: 'ROUTED',
  pauseStart: '2026-01-15',
  pauseEnd: '2026-05-15',
  conversationState: null,
  contentHash: 'hk',
  receiptRaw: null,
};

// Collectief Schuldregelen (DESIGN §9): a conversation M → C opened by a BalanceRequest
const B = randomUUID();
const record = (
  messageId: string,
  type: MessageType,
  sender: string,
  recipient: string,
  extra: Partial<KnownRecord> = {},
): KnownRecord => ({
  messageId,
  type,
  sender,
  recipient,
  conversationId: B,
  state: 'ROUTED',
  pauseStart: null,
  pauseEnd: null,
  conversationState: null,
  contentHash: 'hb',
  receiptRaw: null,
  ...extra,
});
const balanceRequestRecord = record(B, 'BalanceRequest', M, C, { conversationState: 'REQUESTED' });
const statementRecord = record(randomUUID(), 'BalanceStatement', C, M, { conversationState: null });
const proposalRecord = record(randomUUID(), 'PaymentProposal', M, C);
const otherProposalRecord = record(randomUUID(), 'PaymentProposal', M, C, { conversationId: randomUUID() });
const collective = [balanceRequestRecord, statementRecord, proposalRecord, otherProposalRecord];

const message = <T extends MessageType>(input: HeaderInput<T>, body: object): SkpMessage =>
  signed({ header: buildHeader({ conversationId: B, ...input }), body });
const balanceRequest = (recipient = C, variant: 'PUBLIC' | 'PRIVATE' = 'PRIVATE') => {
  const { debtor, municipality, counsellor, caseReference } = aKennisgevingBody({ variant });
  const body = { variant, debtor, municipality, counsellor, caseReference, collective: true };
  return message({ type: 'BalanceRequest', sender: M, recipient, conversationId: undefined }, body);
};
const statement = () =>
  message(
    { type: 'BalanceStatement', sender: C, recipient: M, inReplyTo: B },
    { known: true, claims: [], totalOutstandingCents: 0, preApproval: true },
  );
const proposal = () =>
  message(
    { type: 'PaymentProposal', sender: M, recipient: C, inReplyTo: statementRecord.messageId },
    { arrangementType: 'SCHULDBEMIDDELING', payoutPercentage: '50.00' },
  );
const proposalResponse = (inReplyTo: string, sender = C) =>
  message(
    { type: 'ProposalResponse', sender, recipient: M, inReplyTo },
    { decision: 'ACCEPTED', byPreApproval: true },
  );

// Pauzeknop fase 1 (DESIGN §11): a resident's HelpRequest the hub sent to M; M2 is another municipality
const M2 = '00000001001234567000';
const H = randomUUID();
const helpRequestRecord: KnownRecord = {
  ...record(H, 'HelpRequest', HUB, M, { conversationState: 'REQUESTED' }),
  conversationId: H,
};
const helpRequestAck = (sender = M, inReplyTo = H, recipient = HUB) =>
  message(
    { type: 'HelpRequestAcknowledgement', sender, recipient, conversationId: H, inReplyTo },
    { status: 'CONTACTED' },
  );
const helpRequestDelivered = () =>
  message(
    { type: 'DeliveryReceipt', sender: M, recipient: HUB, conversationId: H, inReplyTo: H },
    { status: 'DELIVERED' },
  );

const signed = (m: { header: unknown; body: unknown }): SkpMessage =>
  ({ ...m, signature: 'x..y' }) as unknown as SkpMessage;
const valid = (message: SkpMessage, fingerprint = FINGERPRINT, hash = 'h-new'): Inspection => ({
  kind: 'valid',
  message,
  raw: JSON.stringify(message),
  hash,
  signerFingerprint: fingerprint,
});
const unverifiable = (reasonCode: ReasonCode): Inspection => ({
  kind: 'unverifiable',
  reasonCode,
  reason: 'r',
});

const kennisgeving = (sender = M, recipient = C, header = {}) =>
  signed(anUnsignedKennisgeving({ sender, recipient, header }));
const answer = (body = {}, sender = C) =>
  signed(
    anUnsignedPauseAcknowledgement({
      sender,
      recipient: M,
      conversationId: K,
      body: { decision: 'PAUSED', pausedUntil: '2026-04-01', ...body },
    }),
  );
const update = (conversationId = K) =>
  signed(anUnsignedProgressUpdate({ sender: M, recipient: C, conversationId }));
const deliveryReceipt = (status: 'DELIVERED' | 'ACCEPTED' = 'DELIVERED') =>
  signed(anUnsignedDeliveryReceipt({ sender: C, recipient: M, conversationId: K, body: { status } }));

interface Row {
  name: string;
  inspection: () => Inspection;
  known?: KnownRecord[];
  outcome: Effects['outcome']['outcome'];
  reasonCode?: ReasonCode;
  /** state of the new message row, or null for none (DELIVERED: addressed to the hub itself) */
  state: 'ROUTED' | 'DELIVERED' | 'REJECTED' | null;
  /** a signed receipt of the hub goes to the sender */
  receipt: boolean;
  /** [exchange, routing key] of every publish, in order */
  outbox: [string, string][];
  moves?: Effects['moves'];
  /** fields of the new message row */
  insert?: Record<string, unknown>;
  /** the timeline event the move writes on the earlier message */
  moveEvent?: Record<string, unknown>;
}

const dead = (
  reasonCode: ReasonCode,
  name: string,
  inspection: () => Inspection,
  known?: KnownRecord[],
): Row => ({
  name,
  inspection,
  known,
  outcome: 'dead_lettered',
  reasonCode,
  state: null,
  receipt: false,
  outbox: [[names.dlx, M]],
});
/** A proven sender's valid message refused by a rule; `receiptTo` is its sender, null for a receipt. */
const rejected = (
  reasonCode: ReasonCode,
  name: string,
  message: () => SkpMessage,
  receiptTo: string | null = M,
  known: KnownRecord[] = [kennisgevingRecord],
): Row => ({
  name,
  inspection: () => valid(message()),
  known,
  outcome: 'rejected',
  reasonCode,
  state: 'REJECTED',
  receipt: receiptTo !== null,
  outbox: receiptTo ? [[names.deliver, receiptTo]] : [],
});

const ROWS: Row[] = [
  dead('TOO_LARGE', 'over 256 KiB', () => unverifiable('TOO_LARGE')),
  dead('MALFORMED', 'unreadable', () => unverifiable('MALFORMED')),
  dead('SCHEMA_INVALID', 'schema-invalid, signature not verifiable', () => unverifiable('SCHEMA_INVALID')),
  dead('SIGNATURE_INVALID', 'signature does not hold', () => unverifiable('SIGNATURE_INVALID')),
  dead('CERTIFICATE_EXPIRED', 'certificate expired', () => unverifiable('CERTIFICATE_EXPIRED')),
  dead('SENDER_MISMATCH', 'published by another account or routing key', () =>
    unverifiable('SENDER_MISMATCH'),
  ),
  dead('CERTIFICATE_UNTRUSTED', 'certificate not registered for the sender', () =>
    valid(kennisgeving(), 'cd'.repeat(32)),
  ),
  dead('NOT_AUTHORISED', 'sender not registered', () => valid(kennisgeving(STRANGER, C))),
  dead(
    'DUPLICATE_CONFLICT',
    "another sender's messageId",
    () => valid(kennisgeving(M, C, { messageId: K, conversationId: K })),
    [{ ...kennisgevingRecord, sender: P }],
  ),
  {
    name: 'schema-invalid but signed by the proven sender',
    inspection: () => {
      const m = kennisgeving();
      return {
        kind: 'invalid',
        header: looseHeaderOf(m),
        raw: '{}',
        hash: 'h',
        reasonCode: 'SCHEMA_INVALID',
        reason: 'body.signal: one-of',
        signerFingerprint: FINGERPRINT,
      };
    },
    outcome: 'rejected',
    reasonCode: 'SCHEMA_INVALID',
    state: 'REJECTED',
    receipt: true,
    outbox: [[names.deliver, M]],
  },
  rejected(
    'SCHEMA_INVALID',
    'pausedUntil after the requested pause end',
    () => answer({ pausedUntil: '2026-05-16' }),
    C,
  ),
  rejected('SCHEMA_INVALID', 'newPauseEnd beyond start + 8 months', () =>
    signed(
      anUnsignedProgressUpdate({
        sender: M,
        recipient: C,
        conversationId: K,
        body: { status: 'PAUSE_EXTENDED', newPauseEnd: '2026-09-16' },
      }),
    ),
  ),
  rejected('STALE', 'createdAt 8 days old', () =>
    kennisgeving(M, C, { createdAt: new Date(Date.now() - 8 * 86_400_000).toISOString() }),
  ),
  rejected('PARTY_SUSPENDED', 'recipient suspended', () => kennisgeving(M, S)),
  rejected('UNKNOWN_RECIPIENT', 'recipient not registered', () => kennisgeving(M, STRANGER)),
  rejected('NOT_AUTHORISED', 'a Kennisgeving from a creditor', () => kennisgeving(C, M), C),
  rejected(
    'NOT_AUTHORISED',
    'a DELIVERED receipt from a party that did not receive the message',
    () => signed(anUnsignedDeliveryReceipt({ sender: P, recipient: M, conversationId: K })),
    null,
  ),
  rejected('NOT_AUTHORISED', 'an ACCEPTED receipt from a party', () => deliveryReceipt('ACCEPTED'), null),
  rejected('CONVERSATION_MISMATCH', 'a ProgressUpdate outside a routed Kennisgeving', () =>
    update(randomUUID()),
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'an answer from a creditor the Kennisgeving did not go to',
    () => answer({}, P),
    P,
  ),
  rejected('BSN_NOT_ALLOWED', 'a PUBLIC Kennisgeving to a creditor without BSN permission', () =>
    kennisgeving(M, P),
  ),
  rejected('BSN_NOT_ALLOWED', 'a PUBLIC BalanceRequest to a creditor without BSN permission', () =>
    balanceRequest(P, 'PUBLIC'),
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'a ProposalResponse to a PaymentProposal of another conversation',
    () => proposalResponse(otherProposalRecord.messageId),
    C,
    collective,
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'a ProposalResponse from a creditor the PaymentProposal did not go to',
    () => proposalResponse(proposalRecord.messageId, P),
    P,
    collective,
  ),
  {
    name: 'the same messageId and sender with other content',
    inspection: () => valid(kennisgeving(M, C, { messageId: K, conversationId: K }), FINGERPRINT, 'h-other'),
    known: [kennisgevingRecord],
    outcome: 'rejected',
    reasonCode: 'DUPLICATE_CONFLICT',
    state: null,
    receipt: true,
    outbox: [[names.deliver, M]],
  },
  {
    name: 'the same message again: the first receipt again',
    inspection: () => valid(kennisgeving(M, C, { messageId: K, conversationId: K }), FINGERPRINT, 'hk'),
    known: [{ ...kennisgevingRecord, receiptRaw: receipts.accepted({ messageId: K } as never).raw }],
    outcome: 'duplicate',
    state: null,
    receipt: true,
    outbox: [[names.deliver, M]],
  },
  {
    name: 'a Kennisgeving',
    inspection: () => valid(kennisgeving()),
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, C],
      [names.deliver, M],
    ],
    moves: [],
    // awaits its answer: a deadline, not final, and its pause kept for later cross-checks
    insert: {
      deadlineAt: expect.any(Date),
      finalAt: null,
      pauseStart: expect.any(String),
      pauseEnd: expect.any(String),
    },
  },
  {
    name: 'a PauseAcknowledgement PAUSED moves its Kennisgeving',
    inspection: () => valid(answer()),
    known: [kennisgevingRecord],
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, M],
      [names.deliver, C],
    ],
    moves: [
      {
        kind: 'answered',
        messageId: K,
        at: expect.any(Date),
        decision: 'PAUSED',
        pausedUntil: '2026-04-01',
        declineReason: null,
        preApproval: null,
      },
    ],
    insert: { deadlineAt: null, finalAt: expect.any(Date), pauseStart: null },
    moveEvent: {
      messageId: K,
      kind: 'ANSWERED',
      state: 'PAUSED',
      detail: { decision: 'PAUSED', pausedUntil: '2026-04-01' },
    },
  },
  {
    name: 'a PauseAcknowledgement DECLINED moves its Kennisgeving',
    inspection: () => valid(answer({ decision: 'DECLINED', pausedUntil: undefined, declineReason: 'OTHER' })),
    known: [kennisgevingRecord],
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, M],
      [names.deliver, C],
    ],
    moves: [
      {
        kind: 'answered',
        messageId: K,
        at: expect.any(Date),
        decision: 'DECLINED',
        pausedUntil: null,
        declineReason: 'OTHER',
        preApproval: null,
      },
    ],
    moveEvent: {
      messageId: K,
      kind: 'ANSWERED',
      state: 'DECLINED',
      detail: { decision: 'DECLINED', declineReason: 'OTHER' },
    },
  },
  {
    name: 'a ProgressUpdate in its Kennisgeving conversation',
    inspection: () => valid(update()),
    known: [kennisgevingRecord],
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, C],
      [names.deliver, M],
    ],
    moves: [],
  },
  {
    name: 'a BalanceRequest opens its conversation REQUESTED and awaits its answer',
    inspection: () => valid(balanceRequest()),
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, C],
      [names.deliver, M],
    ],
    moves: [],
    insert: { conversationState: 'REQUESTED', deadlineAt: expect.any(Date), finalAt: null },
  },
  {
    name: 'a BalanceStatement moves its request to ANSWERED and the conversation to STATED',
    inspection: () => valid(statement()),
    known: collective,
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, M],
      [names.deliver, C],
    ],
    moves: [
      {
        kind: 'answered',
        messageId: B,
        at: expect.any(Date),
        decision: 'ANSWERED',
        pausedUntil: null,
        declineReason: null,
        preApproval: true,
      },
      {
        kind: 'conversation',
        messageId: B,
        at: expect.any(Date),
        state: 'STATED',
        cause: expect.any(String),
        type: 'BalanceStatement',
      },
    ],
    insert: { conversationState: null, deadlineAt: null, finalAt: expect.any(Date) },
    moveEvent: {
      messageId: B,
      kind: 'ANSWERED',
      state: 'ANSWERED',
      detail: { known: 'true', preApproval: 'true' },
    },
  },
  {
    name: 'a PaymentProposal replying to a routed BalanceStatement moves the conversation to PROPOSED',
    inspection: () => valid(proposal()),
    known: collective,
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, C],
      [names.deliver, M],
    ],
    moves: [
      {
        kind: 'conversation',
        messageId: B,
        at: expect.any(Date),
        state: 'PROPOSED',
        cause: expect.any(String),
        type: 'PaymentProposal',
      },
    ],
  },
  {
    name: 'a ProposalResponse in its conversation moves it to the decision',
    inspection: () => valid(proposalResponse(proposalRecord.messageId)),
    known: collective,
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, M],
      [names.deliver, C],
    ],
    moves: [
      {
        kind: 'conversation',
        messageId: B,
        at: expect.any(Date),
        state: 'ACCEPTED',
        cause: expect.any(String),
        type: 'ProposalResponse',
      },
    ],
  },
  {
    name: "a StatusRequest in a Kennisgeving's conversation",
    inspection: () =>
      valid(message({ type: 'StatusRequest', sender: C, recipient: M, conversationId: K }, {})),
    known: [kennisgevingRecord],
    outcome: 'routed',
    state: 'ROUTED',
    receipt: true,
    outbox: [
      [names.deliver, M],
      [names.deliver, C],
    ],
    moves: [],
  },
  {
    name: 'a DELIVERED receipt from the recipient, forwarded without a receipt of its own',
    inspection: () => valid(deliveryReceipt()),
    known: [kennisgevingRecord],
    outcome: 'routed',
    state: 'ROUTED',
    receipt: false,
    outbox: [[names.deliver, M]],
    moves: [{ kind: 'delivered', messageId: K, at: expect.any(Date) }],
    moveEvent: {
      messageId: K,
      kind: 'DELIVERED',
      state: 'DELIVERED',
      detail: { receipt: expect.any(String) },
    },
  },
  {
    name: 'a HelpRequestAcknowledgement is kept by the hub, its recipient: forwarded to nobody, the request ANSWERED',
    inspection: () => valid(helpRequestAck()),
    known: [helpRequestRecord],
    outcome: 'routed',
    state: 'DELIVERED',
    receipt: true,
    // only the hub's ACCEPTED receipt to the municipality
    outbox: [[names.deliver, M]],
    moves: [
      {
        kind: 'answered',
        messageId: H,
        at: expect.any(Date),
        decision: 'ANSWERED',
        pausedUntil: null,
        declineReason: null,
        preApproval: null,
      },
      {
        kind: 'conversation',
        messageId: H,
        at: expect.any(Date),
        state: 'CONTACTED',
        cause: expect.any(String),
        type: 'HelpRequestAcknowledgement',
      },
    ],
    insert: { recipient: HUB, deadlineAt: null, finalAt: expect.any(Date), routedAt: expect.any(Date) },
    moveEvent: { messageId: H, kind: 'ANSWERED', state: 'ANSWERED', detail: { status: 'CONTACTED' } },
  },
  {
    name: "the municipality's DELIVERED receipt about a HelpRequest is kept by the hub, not forwarded",
    inspection: () => valid(helpRequestDelivered()),
    known: [helpRequestRecord],
    outcome: 'routed',
    state: 'DELIVERED',
    receipt: false,
    outbox: [],
    moves: [{ kind: 'delivered', messageId: H, at: expect.any(Date) }],
    moveEvent: {
      messageId: H,
      kind: 'DELIVERED',
      state: 'DELIVERED',
      detail: { receipt: expect.any(String) },
    },
  },
  rejected(
    'NOT_AUTHORISED',
    'a HelpRequest from a municipality: only the hub sends one',
    () => message({ type: 'HelpRequest', sender: M, recipient: M2, conversationId: undefined }, {}),
    M,
    [],
  ),
  rejected('NOT_AUTHORISED', 'a HelpRequestAcknowledgement from a creditor', () => helpRequestAck(C), C, [
    helpRequestRecord,
  ]),
  rejected(
    'NOT_AUTHORISED',
    'a HelpRequestAcknowledgement to another party than the hub',
    () => helpRequestAck(M, H, M2),
    M,
    [helpRequestRecord],
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'a HelpRequestAcknowledgement not in reply to a HelpRequest the hub sent',
    () => helpRequestAck(M, randomUUID()),
    M,
    [helpRequestRecord],
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'a HelpRequestAcknowledgement in reply to a Kennisgeving',
    () => helpRequestAck(M, K),
    M,
    [helpRequestRecord, kennisgevingRecord],
  ),
  rejected(
    'CONVERSATION_MISMATCH',
    'a HelpRequestAcknowledgement from a municipality the request did not go to',
    () => helpRequestAck(M2),
    M2,
    [helpRequestRecord],
  ),
];

function inspectedId(inspection: Inspection): string | undefined {
  return inspection.kind === 'valid' ? inspection.message.header.messageId : undefined;
}

describe('the admission chain, row by row', () => {
  const decider = new InboundDecider(receipts, names, { ANSWER_DEADLINE_WORKING_DAYS: 10 } as HubEnv);
  const parties = new Map([
    snapshot(M, 'MUNICIPALITY'),
    snapshot(M2, 'MUNICIPALITY'),
    snapshot(C, 'CREDITOR', { bsnAllowed: true }),
    snapshot(P, 'CREDITOR'),
    snapshot(S, 'CREDITOR', { status: 'SUSPENDED' }),
  ]);

  it.each(ROWS.map((row) => [`${row.reasonCode ?? row.outcome}: ${row.name}`, row] as const))(
    '%s',
    (_, row) => {
      const inspection = row.inspection();
      const ctx: DecisionContext = {
        now: new Date(),
        parties,
        known: new Map((row.known ?? []).map((k) => [k.messageId, k])),
      };
      const delivery: InboundDelivery = {
        content: Buffer.from('{}'),
        contentType: 'application/json',
        routingKey: M,
      };
      const effects = decider.decide(delivery, inspection, ctx);

      expect(effects.outcome.outcome).toBe(row.outcome);
      expect(effects.outcome.reasonCode).toBe(row.reasonCode);
      expect(effects.insert?.state ?? null).toBe(row.state);
      if (row.state === 'REJECTED') {
        expect(effects.insert?.reasonCode).toBe(row.reasonCode);
      }
      expect(effects.outbox.map((o) => [o.exchange, o.routingKey])).toEqual(row.outbox);
      const receipts = effects.outbox.filter(
        (o) => o.options.type === 'DeliveryReceipt' && o.exchange === names.deliver,
      );
      const hubReceipts = receipts.filter((o) => !o.content.equals(delivery.content));
      expect(hubReceipts.length > 0).toBe(row.receipt);
      if (effects.insert) {
        expect(effects.insert.receiptRaw !== null).toBe(row.receipt);
      }
      if (row.outcome === 'dead_lettered') {
        expect(effects.events).toEqual([]);
        expect(effects.outbox[0].options.headers).toMatchObject({ 'x-skp-reason-code': row.reasonCode });
      }
      expect(effects.moves).toEqual(row.moves ?? []);
      if (row.insert) {
        expect(effects.insert).toMatchObject(row.insert);
      }
      if (row.outcome === 'routed') {
        const onEarlier = effects.events.filter((e) => e.messageId !== inspectedId(inspection));
        expect(onEarlier).toEqual(row.moveEvent ? [expect.objectContaining(row.moveEvent)] : []);
      }
    },
  );

  it('covers every reasonCode of the contract', () => {
    const covered = new Set(ROWS.map((row) => row.reasonCode));
    expect([...covered].filter(Boolean).sort()).toEqual(
      [
        'MALFORMED',
        'TOO_LARGE',
        'SCHEMA_INVALID',
        'SIGNATURE_INVALID',
        'CERTIFICATE_UNTRUSTED',
        'CERTIFICATE_EXPIRED',
        'SENDER_MISMATCH',
        'UNKNOWN_RECIPIENT',
        'PARTY_SUSPENDED',
        'NOT_AUTHORISED',
        'CONVERSATION_MISMATCH',
        'BSN_NOT_ALLOWED',
        'DUPLICATE_CONFLICT',
        'STALE',
      ].sort(),
    );
  });
});
