import { loadSigningIdentity, signMessage, TrustStore } from '@skp/crypto';
import { createDevCa, issuePartyCertificate } from '@skp/crypto/dev';
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

  it('refuses a message published under another party routing key or broker account, without proving a signer', () => {
    const byRoutingKey = inspect(delivery({ routingKey: CREDITOR }), trust, now);
    // unverifiable: a valid signature does not prove who published it, so nobody is answered
    expect(byRoutingKey).toEqual({
      kind: 'unverifiable',
      reasonCode: 'SENDER_MISMATCH',
      reason: "published under another party's routing key",
    });
    expect(inspect(delivery({ amqpUserId: CREDITOR }), trust, now)).toMatchObject({
      kind: 'unverifiable',
      reasonCode: 'SENDER_MISMATCH',
    });
    expect(inspect(delivery({ amqpUserId: MUNICIPALITY }), trust, now).kind).toBe('valid');
    expect(inspect(delivery({ amqpUserId: 'guest' }), trust, now).kind).toBe('valid');
  });

  it('classifies unreadable input as unverifiable, without a messageId to record it under', () => {
    expect(inspect(delivery({ content: Buffer.alloc(MAX_MESSAGE_BYTES + 1, 0x20) }), trust, now)).toEqual({
      kind: 'unverifiable',
      reasonCode: 'TOO_LARGE',
      reason: expect.any(String),
    });
    expect(inspect(delivery({ content: Buffer.from('{nope') }), trust, now)).toEqual({
      kind: 'unverifiable',
      reasonCode: 'MALFORMED',
      reason: expect.any(String),
    });
  });

  it('a bad signature or an untrusted certificate proves nobody: unverifiable', () => {
    const tampered = JSON.parse(encode(signed, 'json'));
    tampered.body.caseReference = 'OTHER';
    expect(inspect(delivery({ content: Buffer.from(JSON.stringify(tampered)) }), trust, now)).toMatchObject({
      kind: 'unverifiable',
      reasonCode: 'SIGNATURE_INVALID',
    });
    const otherCa = createDevCa({ commonName: 'Other CA' });
    const other = issuePartyCertificate(otherCa, { oin: MUNICIPALITY, name: 'Impostor' });
    const impostor = loadSigningIdentity({ certPem: other.chainPem.join('\n'), keyPem: other.keyPem });
    const forged = signMessage(
      anUnsignedKennisgeving({ sender: MUNICIPALITY, recipient: CREDITOR }),
      impostor,
    );
    expect(
      inspect(delivery({ content: Buffer.from(encode(forged as SkpMessage, 'json')) }), trust, now),
    ).toMatchObject({
      kind: 'unverifiable',
      reasonCode: 'CERTIFICATE_UNTRUSTED',
    });
  });

  it('a schema-invalid message whose signature holds keeps its header and signer, and names no values', () => {
    const invalid = anUnsignedKennisgeving({ sender: MUNICIPALITY, recipient: CREDITOR });
    invalid.body.debtor.bsn = '123456781';
    const signedInvalid = signMessage(invalid, identity) as SkpMessage;
    const result = inspect(delivery({ content: Buffer.from(encode(signedInvalid, 'json')) }), trust, now);
    expect(result).toMatchObject({
      kind: 'invalid',
      reasonCode: 'SCHEMA_INVALID',
      header: { messageId: signedInvalid.header.messageId, sender: MUNICIPALITY },
      signerFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(result.kind === 'invalid' && result.reason).not.toContain('123456781');
  });

  it('a schema-invalid message whose signature does not hold is unverifiable', () => {
    const broken = JSON.parse(encode(signed, 'json'));
    broken.body.debtor.bsn = '123456781';
    expect(inspect(delivery({ content: Buffer.from(JSON.stringify(broken)) }), trust, now)).toMatchObject({
      kind: 'unverifiable',
      reasonCode: 'SCHEMA_INVALID',
    });
  });

  it('XML with a NUL character in a comment, or an element named __proto__, is SCHEMA_INVALID from its proven signer', () => {
    const xml = encode(signed, 'xml');
    for (const hostile of [
      xml.replace('<body', '<!-- \u0000 --><body'),
      xml.replace('<header>', '<header><__proto__><polluted>yes</polluted></__proto__>'),
    ]) {
      const result = inspect(
        delivery({ content: Buffer.from(hostile), contentType: 'application/xml' }),
        trust,
        now,
      );
      expect(result).toMatchObject({
        kind: 'invalid',
        reasonCode: 'SCHEMA_INVALID',
        header: { messageId: signed.header.messageId },
        signerFingerprint: expect.any(String),
      });
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
