import {
  createDevCa,
  issuePartyCertificate,
  loadSigningIdentity,
  signMessage,
  TrustStore,
} from '@skp/crypto';
import { encode, MAX_MESSAGE_BYTES, SkpMessage } from '@skp/messages';
import { anUnsignedKennisgeving } from '../../../../test/factories/messages.factory';
import { inspect, InboundDelivery } from './inspection';

const MUNICIPALITY = '00000001002220647000';
const CREDITOR = '00000099100000000002';

describe('inspect', () => {
  const ca = createDevCa();
  const trust = new TrustStore([ca.certPem]);
  const issued = issuePartyCertificate(ca, { oin: MUNICIPALITY, name: 'Gemeente', keyType: 'ec' });
  const identity = loadSigningIdentity({ certPem: issued.chainPem.join('\n'), keyPem: issued.keyPem });
  const signed = signMessage(
    anUnsignedKennisgeving({ sender: MUNICIPALITY, recipient: CREDITOR }),
    identity,
  ) as SkpMessage;
  const delivery = (overrides: Partial<InboundDelivery> = {}): InboundDelivery => ({
    content: Buffer.from(encode(signed, 'json')),
    contentType: 'application/json',
    routingKey: MUNICIPALITY,
    ...overrides,
  });
  const now = new Date();

  it('passes a well-formed, correctly signed message with its signer fingerprint', () => {
    const result = inspect(delivery(), trust, now);
    expect(result.kind).toBe('valid');
    expect(result.kind === 'valid' && result.signerFingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses a message published under another party routing key or broker account', () => {
    expect(inspect(delivery({ routingKey: CREDITOR }), trust, now)).toMatchObject({
      kind: 'invalid',
      reasonCode: 'SENDER_MISMATCH',
    });
    expect(inspect(delivery({ amqpUserId: CREDITOR }), trust, now)).toMatchObject({
      kind: 'invalid',
      reasonCode: 'SENDER_MISMATCH',
    });
    expect(inspect(delivery({ amqpUserId: MUNICIPALITY }), trust, now).kind).toBe('valid');
    expect(inspect(delivery({ amqpUserId: 'guest' }), trust, now).kind).toBe('valid');
  });

  it('classifies unreadable input without recording it under a messageId', () => {
    expect(
      inspect(delivery({ content: Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20) }), trust, now),
    ).toMatchObject({
      kind: 'unreadable',
      reasonCode: 'TOO_LARGE',
    });
    expect(inspect(delivery({ content: Buffer.from('{nope') }), trust, now)).toMatchObject({
      kind: 'unreadable',
      reasonCode: 'MALFORMED',
    });
  });

  it('keeps the header of a schema-invalid message so the sender can be told, and names no values', () => {
    const broken = JSON.parse(encode(signed, 'json'));
    broken.body.debtor.bsn = '123456781';
    const result = inspect(delivery({ content: Buffer.from(JSON.stringify(broken)) }), trust, now);
    expect(result).toMatchObject({
      kind: 'invalid',
      reasonCode: 'SCHEMA_INVALID',
      header: { messageId: signed.header.messageId },
    });
    expect(result.kind === 'invalid' && result.reason).not.toContain('123456781');
  });
});
