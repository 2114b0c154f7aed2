import { randomUUID } from 'node:crypto';
import {
  amqpNames,
  answerDeadline,
  PROTOCOL,
  MessageType,
  ProtocolEntry,
  protocolEntry,
  SCHEMA_VERSION,
  SkpMessage,
} from '@skp/messages';
import { aKennisgevingBody as kennisgevingBody } from '../../../../test/factories/messages.factory';
import type { HubEnv } from '../config/hub.env';
import { FINGERPRINT, partySnapshot, plainReceipts } from '../../../../test/factories/hub-inbound.factory';
import { Party } from '../parties/party.entity';
import { DecisionContext, deadlineWorkingDays, InboundDecider } from './inbound-decider';
import type { Inspection } from './inspection';
import type { KnownRecord } from './known-record';

/**
 * A new message type is a new protocol row: the hub's admission and routing need no new branch.
 * Two rows shaped like DESIGN §9's (not real types yet): a BalanceRequest-like opener that carries
 * a debtor and starts an answer deadline, and a StatusRequest-like question from the creditor in a
 * Kennisgeving's conversation.
 */
const M = '00000001002220647000';
const C = '00000099100000000002';
const P = '00000099200000000003';
const receipts = plainReceipts('00000099000000000001');
const snapshot = (oin: string, kind: Party['kind'], bsnAllowed: boolean) =>
  partySnapshot(oin, kind, { bsnAllowed });
const names = amqpNames('t');

const OPENER = 'HypotheticalRequest' as MessageType;
const QUESTION = 'HypotheticalQuestion' as MessageType;
const CALL_ME = 'HypotheticalCallMe' as MessageType;

const EXTRA: Record<string, ProtocolEntry> = {
  [OPENER]: {
    type: OPENER,
    body: PROTOCOL.Kennisgeving.body,
    direction: [{ from: 'MUNICIPALITY', to: 'CREDITOR' }],
    opensConversation: true,
    carriesDebtor: true,
    receipt: true,
    answerDeadline: true,
    crossChecks: [],
  },
  [QUESTION]: {
    type: QUESTION,
    body: class {},
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: false,
    conversation: { openedBy: ['Kennisgeving', OPENER], parties: 'reversed' },
    carriesDebtor: false,
    receipt: true,
    answerDeadline: false,
    crossChecks: [],
  },
  // waits for a first contact, as a HelpRequest does (DESIGN §11)
  [CALL_ME]: {
    type: CALL_ME,
    body: class {},
    direction: [{ from: 'CREDITOR', to: 'MUNICIPALITY' }],
    opensConversation: true,
    carriesDebtor: false,
    receipt: true,
    answerDeadline: true,
    deadlineKind: 'FIRST_CONTACT',
    crossChecks: [],
  },
};
const protocol = (type: string) => EXTRA[type] ?? protocolEntry(type);

function message(type: MessageType, sender: string, recipient: string, conversationId: string, body: object) {
  const messageId = type === OPENER || type === CALL_ME ? conversationId : randomUUID();
  return {
    header: {
      messageId,
      type,
      schemaVersion: SCHEMA_VERSION,
      sender,
      recipient,
      conversationId,
      createdAt: new Date().toISOString(),
    },
    body,
    signature: 'x..y',
  } as unknown as SkpMessage;
}

describe('a new protocol row needs no new branch in the hub', () => {
  const decider = new InboundDecider(
    receipts,
    names,
    { ANSWER_DEADLINE_WORKING_DAYS: 10, HUB_HELP_REQUEST_CONTACT_WORKING_DAYS: 3 } as HubEnv,
    protocol,
  );
  const parties = new Map([
    snapshot(M, 'MUNICIPALITY', false),
    snapshot(C, 'CREDITOR', true),
    snapshot(P, 'CREDITOR', false),
  ]);
  const opened = randomUUID();
  const known: KnownRecord = {
    messageId: opened,
    type: OPENER,
    sender: M,
    recipient: C,
    conversationId: opened,
    state: 'ROUTED',
    pauseStart: null,
    pauseEnd: null,
    conversationState: null,
    contentHash: 'h',
    receiptRaw: null,
  };
  const decide = (m: SkpMessage) => {
    const ctx: DecisionContext = { now: new Date(), parties, known: new Map([[opened, known]]) };
    const inspection: Inspection = {
      kind: 'valid',
      message: m,
      raw: '{}',
      hash: 'h-new',
      signerFingerprint: FINGERPRINT,
    };
    return decider.decide(
      { content: Buffer.from('{}'), contentType: 'application/json', routingKey: m.header.sender },
      inspection,
      ctx,
    );
  };

  it('routes the opener with a receipt and an answer deadline; refuses its BSN to a creditor without permission', () => {
    const routed = decide(message(OPENER, M, C, randomUUID(), kennisgevingBody()));
    expect(routed.outcome).toEqual({ type: OPENER, outcome: 'routed' });
    expect(routed.insert).toMatchObject({ state: 'ROUTED', deadlineAt: expect.any(Date), finalAt: null });
    expect(routed.outbox.map((o) => o.routingKey)).toEqual([C, M]);

    const refused = decide(message(OPENER, M, P, randomUUID(), kennisgevingBody()));
    expect(refused.outcome).toMatchObject({ outcome: 'rejected', reasonCode: 'BSN_NOT_ALLOWED' });
  });

  it('takes the question only from the creditor of the conversation it names, of either opening type', () => {
    expect(decide(message(QUESTION, C, M, opened, {})).outcome.outcome).toBe('routed');
    expect(decide(message(QUESTION, P, M, opened, {})).outcome).toMatchObject({
      outcome: 'rejected',
      reasonCode: 'CONVERSATION_MISMATCH',
    });
    expect(decide(message(QUESTION, C, M, randomUUID(), {})).outcome).toMatchObject({
      reasonCode: 'CONVERSATION_MISMATCH',
    });
    const wrongWay = decide(message(QUESTION, M, C, opened, {}));
    expect(wrongWay.outcome).toMatchObject({ reasonCode: 'NOT_AUTHORISED' });
    expect(wrongWay.events.find((e) => e.kind === 'REJECTED')?.detail).toMatchObject({
      reason: `a ${QUESTION} goes from a creditor to a municipality`,
    });
  });

  it("starts the deadline of the row's kind: a first contact waits its own number of working days", () => {
    const env = { ANSWER_DEADLINE_WORKING_DAYS: 10, HUB_HELP_REQUEST_CONTACT_WORKING_DAYS: 3 };
    expect(deadlineWorkingDays('ANSWER', env)).toBe(10);
    expect(deadlineWorkingDays('FIRST_CONTACT', env)).toBe(3);
    const opener = decide(message(OPENER, M, C, randomUUID(), kennisgevingBody()));
    const callMe = decide(message(CALL_ME, C, M, randomUUID(), {}));
    expect(callMe.outcome).toEqual({ type: CALL_ME, outcome: 'routed' });
    const now = callMe.insert!.receivedAt;
    expect(callMe.insert!.deadlineAt).toEqual(answerDeadline(now, 3));
    expect(opener.insert!.deadlineAt).toEqual(answerDeadline(opener.insert!.receivedAt, 10));
    expect(callMe.insert!.deadlineAt!.getTime()).toBeLessThan(opener.insert!.deadlineAt!.getTime());
  });
});
