import { randomUUID } from 'node:crypto';
import { SkpMessage } from '@skp/messages';
import {
  anUnsignedDeliveryReceipt,
  anUnsignedKennisgeving,
  anUnsignedPauseAcknowledgement,
  anUnsignedProgressUpdate,
} from '../../../../test/factories/messages.factory';
import { FINGERPRINT, partySnapshot } from '../../../../test/factories/hub-inbound.factory';
import type { PartySnapshot } from '../parties/parties.service';
import { admit, unprovenSigner } from './admission';
import type { KnownMessage } from './known-record';

const M = '00000001002220647000';
const C_BSN = '00000099100000000002';
const C_PRIVATE = '00000099200000000003';
const snapshot = partySnapshot;

const parties = new Map([
  snapshot(M, 'MUNICIPALITY'),
  snapshot(C_BSN, 'CREDITOR', { bsnAllowed: true }),
  snapshot(C_PRIVATE, 'CREDITOR'),
]);

function signed<T extends { header: unknown; body: unknown }>(m: T): SkpMessage {
  return { ...m, signature: 'x..y' } as unknown as SkpMessage;
}

function check(
  message: SkpMessage,
  known: KnownMessage[] = [],
  overrides: { parties?: Map<string, PartySnapshot>; fingerprint?: string } = {},
) {
  const byId = new Map(known.map((k) => [k.messageId, k]));
  const registry = overrides.parties ?? parties;
  const unproven = unprovenSigner(message.header.sender, overrides.fingerprint ?? FINGERPRINT, registry);
  if (unproven) {
    return unproven;
  }
  const result = admit({ message, parties: registry, now: new Date(), known: (id) => byId.get(id) });
  return result.admitted ? null : result.verdict;
}

function kennisgevingRecord(
  id: string,
  sender = M,
  recipient = C_BSN,
  state: KnownMessage['state'] = 'ROUTED',
): KnownMessage {
  return {
    messageId: id,
    type: 'Kennisgeving',
    sender,
    recipient,
    conversationId: id,
    state,
    pauseStart: '2026-01-15',
    pauseEnd: '2026-05-15',
    conversationState: null,
  };
}

describe('sender proof and admission checks', () => {
  it('lets a municipality send a PUBLIC Kennisgeving to a BSN-allowed creditor', () => {
    expect(check(signed(anUnsignedKennisgeving({ sender: M, recipient: C_BSN })))).toBeNull();
  });

  it('refuses a BSN to a creditor without permission, but not the PRIVATE variant', () => {
    expect(
      check(signed(anUnsignedKennisgeving({ sender: M, recipient: C_PRIVATE, variant: 'PUBLIC' })))
        ?.reasonCode,
    ).toBe('BSN_NOT_ALLOWED');
    expect(
      check(signed(anUnsignedKennisgeving({ sender: M, recipient: C_PRIVATE, variant: 'PRIVATE' }))),
    ).toBeNull();
  });

  it('refuses unregistered senders, unregistered certificates, suspended parties and unknown recipients', () => {
    const stranger = '00000099900000000009';
    expect(check(signed(anUnsignedKennisgeving({ sender: stranger, recipient: C_BSN })))?.reasonCode).toBe(
      'NOT_AUTHORISED',
    );
    expect(
      check(signed(anUnsignedKennisgeving({ sender: M, recipient: C_BSN })), [], {
        fingerprint: 'cd'.repeat(32),
      })?.reasonCode,
    ).toBe('CERTIFICATE_UNTRUSTED');
    expect(check(signed(anUnsignedKennisgeving({ sender: M, recipient: stranger })))?.reasonCode).toBe(
      'UNKNOWN_RECIPIENT',
    );
    const suspended = new Map(parties);
    suspended.set(...snapshot(C_BSN, 'CREDITOR', { bsnAllowed: true, status: 'SUSPENDED' }));
    expect(
      check(signed(anUnsignedKennisgeving({ sender: M, recipient: C_BSN })), [], { parties: suspended })
        ?.reasonCode,
    ).toBe('PARTY_SUSPENDED');
  });

  it('keeps each type to its direction', () => {
    expect(check(signed(anUnsignedKennisgeving({ sender: C_BSN, recipient: M })))?.reasonCode).toBe(
      'NOT_AUTHORISED',
    );
    expect(check(signed(anUnsignedKennisgeving({ sender: C_BSN, recipient: C_PRIVATE })))?.reasonCode).toBe(
      'NOT_AUTHORISED',
    );
    const id = randomUUID();
    expect(
      check(signed(anUnsignedPauseAcknowledgement({ sender: M, recipient: C_BSN, conversationId: id })), [
        kennisgevingRecord(id),
      ])?.reasonCode,
    ).toBe('NOT_AUTHORISED');
  });

  it('accepts an answer only to a routed Kennisgeving between the same two parties, within the requested pause', () => {
    const id = randomUUID();
    const answer = (body = {}) =>
      signed(
        anUnsignedPauseAcknowledgement({
          sender: C_BSN,
          recipient: M,
          conversationId: id,
          inReplyTo: id,
          body: { decision: 'PAUSED', pausedUntil: '2026-04-01', ...body },
        }),
      );
    expect(check(answer(), [kennisgevingRecord(id)])).toBeNull();
    expect(check(answer(), [])?.reasonCode).toBe('CONVERSATION_MISMATCH');
    expect(check(answer(), [kennisgevingRecord(id, M, C_PRIVATE)])?.reasonCode).toBe('CONVERSATION_MISMATCH');
    expect(check(answer(), [kennisgevingRecord(id, M, C_BSN, 'REJECTED')])?.reasonCode).toBe(
      'CONVERSATION_MISMATCH',
    );
    expect(check(answer({ pausedUntil: '2026-05-16' }), [kennisgevingRecord(id)])?.reasonCode).toBe(
      'SCHEMA_INVALID',
    );
  });

  it('accepts a ProgressUpdate only in the conversation of its own Kennisgeving, within 8 months of the start', () => {
    const id = randomUUID();
    const update = (body = {}) =>
      signed(anUnsignedProgressUpdate({ sender: M, recipient: C_BSN, conversationId: id, body }));
    expect(check(update(), [kennisgevingRecord(id)])).toBeNull();
    expect(check(update(), [kennisgevingRecord(id, M, C_PRIVATE)])?.reasonCode).toBe('CONVERSATION_MISMATCH');
    expect(
      check(update({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-09-15' }), [kennisgevingRecord(id)]),
    ).toBeNull();
    expect(
      check(update({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-09-16' }), [kennisgevingRecord(id)])
        ?.reasonCode,
    ).toBe('SCHEMA_INVALID');
  });

  it('takes a DELIVERED receipt only from the recipient of the message, and no ACCEPTED receipt from anyone but the hub', () => {
    const id = randomUUID();
    const receipt = (sender: string, status: 'DELIVERED' | 'ACCEPTED' = 'DELIVERED') =>
      signed(
        anUnsignedDeliveryReceipt({
          sender,
          recipient: M,
          conversationId: id,
          inReplyTo: id,
          body: { status },
        }),
      );
    expect(check(receipt(C_BSN), [kennisgevingRecord(id)])).toBeNull();
    expect(check(receipt(C_PRIVATE), [kennisgevingRecord(id)])?.reasonCode).toBe('NOT_AUTHORISED');
    expect(check(receipt(C_BSN, 'ACCEPTED'), [kennisgevingRecord(id)])?.reasonCode).toBe('NOT_AUTHORISED');
    expect(check(receipt(C_BSN), [])?.reasonCode).toBe('CONVERSATION_MISMATCH');
  });
});
