import { MESSAGE_TYPES } from '../types';
import { ANSWER_DEADLINE_TYPES, PROTOCOL, protocolEntry } from './protocol';
import { newPauseEndWithinEightMonths, pausedUntilWithinRequestedPause } from './cross-checks';
import type { EarlierMessage } from './protocol-types';

const kennisgeving: EarlierMessage = {
  type: 'Kennisgeving',
  sender: 'M',
  recipient: 'C',
  conversationId: 'k',
  pauseStart: '2026-01-15',
  pauseEnd: '2026-05-15',
};

describe('PROTOCOL (DESIGN §3)', () => {
  it('has one row per message type, under its own name', () => {
    expect(Object.keys(PROTOCOL).sort()).toEqual([...MESSAGE_TYPES].sort());
    for (const type of MESSAGE_TYPES) {
      expect(PROTOCOL[type].type).toBe(type);
      expect(protocolEntry(type)).toBe(PROTOCOL[type]);
    }
    expect(protocolEntry('BalanceRequest')).toBeUndefined();
    expect(protocolEntry(undefined)).toBeUndefined();
  });

  it('sends each type in its direction; only the hub issues ACCEPTED and REJECTED receipts', () => {
    expect(PROTOCOL.Kennisgeving.direction).toEqual([{ from: 'MUNICIPALITY', to: 'CREDITOR' }]);
    expect(PROTOCOL.ProgressUpdate.direction).toEqual([{ from: 'MUNICIPALITY', to: 'CREDITOR' }]);
    expect(PROTOCOL.PauseAcknowledgement.direction).toEqual([{ from: 'CREDITOR', to: 'MUNICIPALITY' }]);
    expect(PROTOCOL.DeliveryReceipt.direction).toEqual([
      { from: 'HUB', to: 'REPLIED_SENDER', when: { field: 'status', in: ['ACCEPTED', 'REJECTED'] } },
      { from: 'REPLIED_RECIPIENT', to: 'REPLIED_SENDER', when: { field: 'status', in: ['DELIVERED'] } },
    ]);
  });

  it('a Kennisgeving opens a conversation; the others live in one', () => {
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].opensConversation)).toEqual(['Kennisgeving']);
    expect(PROTOCOL.ProgressUpdate.conversation).toEqual({ openedBy: ['Kennisgeving'], parties: 'same' });
    expect(PROTOCOL.PauseAcknowledgement.inReplyTo).toEqual({
      required: true,
      to: ['Kennisgeving'],
      parties: 'reversed',
    });
    expect(PROTOCOL.DeliveryReceipt.inReplyTo).toEqual({ required: true, to: 'any', parties: 'reversed' });
    expect(PROTOCOL.Kennisgeving.inReplyTo).toBeUndefined();
    expect(PROTOCOL.ProgressUpdate.inReplyTo).toBeUndefined();
  });

  it('only a Kennisgeving carries a debtor, starts an answer deadline and keeps its pause', () => {
    for (const type of MESSAGE_TYPES) {
      expect([type, PROTOCOL[type].carriesDebtor]).toEqual([type, type === 'Kennisgeving']);
      expect([type, PROTOCOL[type].answerDeadline]).toEqual([type, type === 'Kennisgeving']);
      expect([type, PROTOCOL[type].pause !== undefined]).toEqual([type, type === 'Kennisgeving']);
    }
    expect(ANSWER_DEADLINE_TYPES).toEqual(['Kennisgeving']);
  });

  it('every type but a DeliveryReceipt gets a receipt (no receipt loops)', () => {
    expect(MESSAGE_TYPES.filter((t) => !PROTOCOL[t].receipt)).toEqual(['DeliveryReceipt']);
  });

  it('an answer moves its Kennisgeving to PAUSED or DECLINED with the answer facts; a receipt to DELIVERED', () => {
    const answer = PROTOCOL.PauseAcknowledgement.move!;
    const header = { messageId: 'a' } as never;
    expect(answer.target).toBe('inReplyTo');
    expect(answer.event).toBe('ANSWERED');
    const paused = { header, body: { decision: 'PAUSED' as const, pausedUntil: '2026-04-01' } };
    expect(answer.state(paused)).toBe('PAUSED');
    expect(answer.facts(paused)).toEqual({ decision: 'PAUSED', pausedUntil: '2026-04-01' });
    const declined = { header, body: { decision: 'DECLINED' as const, declineReason: 'OTHER' as const } };
    expect(answer.state(declined)).toBe('DECLINED');
    expect(answer.facts(declined)).toEqual({ decision: 'DECLINED', declineReason: 'OTHER' });

    const receipt = PROTOCOL.DeliveryReceipt.move!;
    const delivered = { header: { messageId: 'r' } as never, body: { status: 'DELIVERED' as const } };
    expect([receipt.target, receipt.event, receipt.state(delivered)]).toEqual([
      'inReplyTo',
      'DELIVERED',
      'DELIVERED',
    ]);
    expect(receipt.facts(delivered)).toEqual({ receipt: 'r' });
    expect(PROTOCOL.Kennisgeving.move).toBeUndefined();
    expect(PROTOCOL.ProgressUpdate.move).toBeUndefined();
  });

  it('checks pausedUntil against the requested end and newPauseEnd against start + 8 months', () => {
    expect(PROTOCOL.PauseAcknowledgement.crossChecks).toEqual([
      { against: 'inReplyTo', check: pausedUntilWithinRequestedPause },
    ]);
    expect(PROTOCOL.ProgressUpdate.crossChecks).toEqual([
      { against: 'conversation', check: newPauseEndWithinEightMonths },
    ]);
    expect(
      pausedUntilWithinRequestedPause({ decision: 'PAUSED', pausedUntil: '2026-05-15' }, kennisgeving),
    ).toBeNull();
    expect(
      pausedUntilWithinRequestedPause({ decision: 'PAUSED', pausedUntil: '2026-05-16' }, kennisgeving)
        ?.reasonCode,
    ).toBe('SCHEMA_INVALID');
    expect(
      newPauseEndWithinEightMonths({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-09-15' }, kennisgeving),
    ).toBeNull();
    expect(
      newPauseEndWithinEightMonths({ status: 'PAUSE_EXTENDED', newPauseEnd: '2026-09-16' }, kennisgeving)
        ?.reasonCode,
    ).toBe('SCHEMA_INVALID');
  });
});
