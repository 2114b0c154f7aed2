import { amqpNames, SkpMessage } from '@skp/messages';
import { anUnsignedKennisgeving } from '../../../../test/factories/messages.factory';
import type { HubEnv } from '../config/hub.env';
import { FINGERPRINT, partySnapshot, plainReceipts } from '../../../../test/factories/hub-inbound.factory';
import { Party } from '../parties/party.entity';
import { looseHeaderOf } from './inspection';
import { DecisionContext, InboundDecider } from './inbound-decider';
import type { KnownRecord } from './known-record';
import type { InboundDelivery, Inspection } from './inspection';

const M = '00000001002220647000';
const C = '00000099100000000002';
let receiptCount = 0;
const receipts = plainReceipts(
  '00000099000000000001',
  () => `00000000-0000-4000-8000-${String(++receiptCount).padStart(12, '0')}`,
);
const snapshot = (oin: string, kind: Party['kind']) => partySnapshot(oin, kind, { bsnAllowed: true });
const names = amqpNames('t');

describe('InboundDecider: receipts only to a proven signer', () => {
  const decider = new InboundDecider(receipts, names, { ANSWER_DEADLINE_WORKING_DAYS: 10 } as HubEnv);
  const ctx = (known: KnownRecord[] = []): DecisionContext => ({
    now: new Date(),
    parties: new Map([snapshot(M, 'MUNICIPALITY'), snapshot(C, 'CREDITOR')]),
    known: new Map(known.map((k) => [k.messageId, k])),
  });
  const delivery = (routingKey: string, messageId?: string): InboundDelivery => ({
    content: Buffer.from('{"secret":"123456782"}'),
    contentType: 'application/json',
    routingKey,
    amqpMessageId: messageId,
  });
  const kennisgeving = () =>
    ({ ...anUnsignedKennisgeving({ sender: M, recipient: C }), signature: 'x..y' }) as SkpMessage;
  const valid = (message: SkpMessage, hash = 'h1', fingerprint = FINGERPRINT): Inspection => ({
    kind: 'valid',
    message,
    raw: JSON.stringify(message),
    hash,
    signerFingerprint: fingerprint,
  });
  const original = (message: SkpMessage): KnownRecord => ({
    messageId: message.header.messageId,
    type: 'Kennisgeving',
    sender: M,
    recipient: C,
    conversationId: message.header.messageId,
    state: 'ROUTED',
    pauseStart: null,
    pauseEnd: null,
    conversationState: null,
    contentHash: 'h1',
    receiptRaw: receipts.accepted({ messageId: message.header.messageId } as never).raw,
  });

  function expectOnlyDeadLetter(effects: ReturnType<InboundDecider['decide']>, reasonCode: string) {
    expect(effects.insert).toBeUndefined();
    expect(effects.events).toEqual([]);
    expect(effects.moves).toEqual([]);
    expect(effects.outbox).toHaveLength(1);
    const [dead] = effects.outbox;
    expect(dead.exchange).toBe(names.dlx);
    expect(dead.content).toHaveLength(0);
    expect(dead.options.headers).toMatchObject({
      'x-skp-reason-code': reasonCode,
      'x-skp-body': 'omitted',
      'x-skp-size': 22,
      'x-skp-sha256': expect.stringMatching(/^[0-9a-f]{64}$/),
    });
  }

  it('an unverifiable message is dead-lettered without a body, a row, an event or a receipt', () => {
    const m = kennisgeving();
    const effects = decider.decide(
      delivery(C, m.header.messageId),
      { kind: 'unverifiable', reasonCode: 'SIGNATURE_INVALID', reason: 'signature does not match' },
      ctx([original(m)]),
    );
    expectOnlyDeadLetter(effects, 'SIGNATURE_INVALID');
  });

  it('a rule broken by a publisher not proven to be the signer is dead-lettered, not answered', () => {
    const m = kennisgeving();
    const effects = decider.decide(
      delivery(C),
      {
        kind: 'unverifiable',
        reasonCode: 'SENDER_MISMATCH',
        reason: "published under another party's routing key",
      },
      ctx([original(m)]),
    );
    expectOnlyDeadLetter(effects, 'SENDER_MISMATCH');
  });

  it('a schema-invalid message signed by a certificate not registered for its sender proves nobody', () => {
    const m = kennisgeving();
    const effects = decider.decide(
      delivery(M),
      {
        kind: 'invalid',
        header: looseHeaderOf(m),
        raw: '{}',
        hash: 'h',
        reasonCode: 'SCHEMA_INVALID',
        reason: 'body.debtor.bsn: bsn',
        signerFingerprint: 'cd'.repeat(32),
      },
      ctx(),
    );
    expectOnlyDeadLetter(effects, 'CERTIFICATE_UNTRUSTED');
  });

  it('a valid signature of a certificate not registered for the sender proves nobody', () => {
    const effects = decider.decide(delivery(M), valid(kennisgeving(), 'h1', 'cd'.repeat(32)), ctx());
    expectOnlyDeadLetter(effects, 'CERTIFICATE_UNTRUSTED');
  });

  it("another sender's messageId is a forgery: dead-lettered, the original untouched", () => {
    const m = kennisgeving();
    const forged = {
      ...m,
      header: { ...m.header, sender: C, recipient: M },
    } as SkpMessage;
    const effects = decider.decide(delivery(C), valid(forged, 'h2'), ctx([original(m)]));
    expectOnlyDeadLetter(effects, 'DUPLICATE_CONFLICT');
  });

  it('the same sender with other content gets DUPLICATE_CONFLICT; with the same content, the same receipt', () => {
    const m = kennisgeving();
    const conflict = decider.decide(delivery(M), valid(m, 'h2'), ctx([original(m)]));
    expect(conflict.outcome).toMatchObject({ outcome: 'rejected', reasonCode: 'DUPLICATE_CONFLICT' });
    expect(conflict.outbox.map((o) => o.routingKey)).toEqual([M]);
    expect(conflict.events.map((e) => e.kind)).toEqual(['DUPLICATE_CONFLICT']);
    const again = decider.decide(delivery(M), valid(m, 'h1'), ctx([original(m)]));
    expect(again.outcome.outcome).toBe('duplicate');
    expect(again.outbox.map((o) => o.routingKey)).toEqual([M]);
  });

  it('a proven sender breaking a rule is REJECTED with a receipt to that sender; a body with NUL is not kept', () => {
    const m = kennisgeving();
    const effects = decider.decide(
      delivery(M),
      {
        kind: 'invalid',
        header: looseHeaderOf(m),
        raw: 'with a \u0000 in a comment',
        hash: 'h',
        reasonCode: 'SCHEMA_INVALID',
        reason: 'message the message contains a NUL character',
        signerFingerprint: FINGERPRINT,
      },
      ctx(),
    );
    expect(effects.insert).toMatchObject({ state: 'REJECTED', sender: M, raw: null });
    expect(effects.outbox.map((o) => [o.exchange, o.routingKey])).toEqual([[names.deliver, M]]);
  });
});
