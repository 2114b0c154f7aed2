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
    expect(protocolEntry('Brief')).toBeUndefined();
    expect(protocolEntry('toString')).toBeUndefined();
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
    const municipalityToCreditor = [{ from: 'MUNICIPALITY', to: 'CREDITOR' }];
    const creditorToMunicipality = [{ from: 'CREDITOR', to: 'MUNICIPALITY' }];
    for (const type of [
      'BalanceRequest',
      'PaymentProposal',
      'ArrangementAgreed',
      'ArrangementEnded',
    ] as const) {
      expect([type, PROTOCOL[type].direction]).toEqual([type, municipalityToCreditor]);
    }
    for (const type of ['BalanceStatement', 'ProposalResponse', 'StatusRequest'] as const) {
      expect([type, PROTOCOL[type].direction]).toEqual([type, creditorToMunicipality]);
    }
    // Pauzeknop fase 1 (DESIGN §11): only the hub sends a HelpRequest, and is the recipient of its answer
    expect(PROTOCOL.HelpRequest.direction).toEqual([{ from: 'HUB', to: 'MUNICIPALITY' }]);
    expect(PROTOCOL.HelpRequestAcknowledgement.direction).toEqual([{ from: 'MUNICIPALITY', to: 'HUB' }]);
  });

  it('a Kennisgeving, a BalanceRequest and a HelpRequest open a conversation; the others live in one', () => {
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].opensConversation)).toEqual([
      'Kennisgeving',
      'BalanceRequest',
      'HelpRequest',
    ]);
    expect(PROTOCOL.HelpRequestAcknowledgement.inReplyTo).toEqual({
      required: true,
      to: ['HelpRequest'],
      parties: 'reversed',
    });
    // a ProgressUpdate is also the answer to a StatusRequest in a Schuldregeling (DESIGN §9)
    expect(PROTOCOL.ProgressUpdate.conversation).toEqual({
      openedBy: ['Kennisgeving', 'BalanceRequest'],
      parties: 'same',
    });
    expect(PROTOCOL.PauseAcknowledgement.inReplyTo).toEqual({
      required: true,
      to: ['Kennisgeving'],
      parties: 'reversed',
    });
    expect(PROTOCOL.DeliveryReceipt.inReplyTo).toEqual({ required: true, to: 'any', parties: 'reversed' });
    expect(PROTOCOL.Kennisgeving.inReplyTo).toBeUndefined();
    expect(PROTOCOL.ProgressUpdate.inReplyTo).toBeUndefined();
  });

  it('Collectief Schuldregelen: each answer replies to the message before it, the rest follow the BalanceRequest', () => {
    const replies = (to: string) => ({ required: true, to: [to], parties: 'reversed' });
    expect(PROTOCOL.BalanceStatement.inReplyTo).toEqual(replies('BalanceRequest'));
    expect(PROTOCOL.PaymentProposal.inReplyTo).toEqual(replies('BalanceStatement'));
    expect(PROTOCOL.ProposalResponse.inReplyTo).toEqual(replies('PaymentProposal'));
    for (const type of [
      'BalanceRequest',
      'ArrangementAgreed',
      'ArrangementEnded',
      'StatusRequest',
    ] as const) {
      expect([type, PROTOCOL[type].inReplyTo]).toEqual([type, undefined]);
    }
    const sameAsRequest = { openedBy: ['BalanceRequest'], parties: 'same' };
    expect(PROTOCOL.PaymentProposal.conversation).toEqual(sameAsRequest);
    expect(PROTOCOL.ArrangementAgreed.conversation).toEqual(sameAsRequest);
    expect(PROTOCOL.ArrangementEnded.conversation).toEqual(sameAsRequest);
    // a creditor asks for news in any thread it is part of
    expect(PROTOCOL.StatusRequest.conversation).toEqual({
      openedBy: ['Kennisgeving', 'BalanceRequest'],
      parties: 'reversed',
    });
    // answers are tied to their conversation through inReplyTo; an opener has none
    for (const type of ['BalanceRequest', 'BalanceStatement', 'ProposalResponse'] as const) {
      expect([type, PROTOCOL[type].conversation]).toEqual([type, undefined]);
    }
  });

  it('requires inReplyTo of every answer: PauseAcknowledgement, DeliveryReceipt, the three Schuldregelen answers and a HelpRequestAcknowledgement', () => {
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].inReplyTo?.required)).toEqual([
      'PauseAcknowledgement',
      'DeliveryReceipt',
      'BalanceStatement',
      'PaymentProposal',
      'ProposalResponse',
      'HelpRequestAcknowledgement',
    ]);
  });

  it('only a Kennisgeving and a BalanceRequest carry a debtor for PUBLIC/PRIVATE; they and a HelpRequest start a deadline; only a Kennisgeving keeps a pause', () => {
    const requests = ['Kennisgeving', 'BalanceRequest'];
    for (const type of MESSAGE_TYPES) {
      expect([type, PROTOCOL[type].carriesDebtor]).toEqual([type, requests.includes(type)]);
      expect([type, PROTOCOL[type].pause !== undefined]).toEqual([type, type === 'Kennisgeving']);
    }
    expect(ANSWER_DEADLINE_TYPES).toEqual([...requests, 'HelpRequest']);
    // the creditors' answers wait 10 working days; a resident waits 3 for the first contact (DESIGN §11)
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].deadlineKind !== undefined)).toEqual(['HelpRequest']);
    expect(PROTOCOL.HelpRequest.deadlineKind).toBe('FIRST_CONTACT');
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

  it('a BalanceStatement moves its BalanceRequest to ANSWERED (closing its deadline); no other new type moves a message', () => {
    const statement = PROTOCOL.BalanceStatement.move!;
    const header = { messageId: 's' } as never;
    const known = { header, body: { known: true, claims: [], totalOutstandingCents: 0, preApproval: true } };
    const unknown = { header, body: { known: false, claims: [], totalOutstandingCents: 0 } };
    expect([statement.target, statement.event]).toEqual(['inReplyTo', 'ANSWERED']);
    expect(statement.state(known)).toBe('ANSWERED');
    expect(statement.facts(known)).toEqual({ known: 'true', preApproval: 'true' });
    expect(statement.facts(unknown)).toEqual({ known: 'false' });
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].move !== undefined)).toEqual([
      'PauseAcknowledgement',
      'DeliveryReceipt',
      'BalanceStatement',
      'HelpRequestAcknowledgement',
    ]);
  });

  it('a HelpRequestAcknowledgement moves its HelpRequest to ANSWERED with only the status, and its conversation to the status', () => {
    const acknowledgement = PROTOCOL.HelpRequestAcknowledgement;
    const at = (status: 'CONTACTED' | 'ADMITTED' | 'REFERRED' | 'NOT_ADMITTED') => ({
      header: { messageId: 'h' } as never,
      body: { status },
    });
    expect([acknowledgement.move!.target, acknowledgement.move!.event]).toEqual(['inReplyTo', 'ANSWERED']);
    expect(acknowledgement.move!.state(at('CONTACTED'))).toBe('ANSWERED');
    expect(acknowledgement.move!.facts(at('REFERRED'))).toEqual({ status: 'REFERRED' });
    expect(PROTOCOL.HelpRequest.conversationState).toEqual({ opens: 'REQUESTED' });
    for (const status of ['CONTACTED', 'ADMITTED', 'REFERRED', 'NOT_ADMITTED'] as const) {
      expect(acknowledgement.conversationState!.moves!(at(status))).toBe(status);
    }
  });

  it('moves the conversation state REQUESTED → STATED | UNKNOWN_DEBTOR → PROPOSED → ACCEPTED | REJECTED → AGREED → ENDED', () => {
    const at = <B>(body: B) => ({ header: { messageId: 'm' } as never, body });
    expect(PROTOCOL.BalanceRequest.conversationState).toEqual({ opens: 'REQUESTED' });
    const stated = PROTOCOL.BalanceStatement.conversationState!.moves!;
    expect(stated(at({ known: true, claims: [], totalOutstandingCents: 0 }))).toBe('STATED');
    expect(stated(at({ known: false, claims: [], totalOutstandingCents: 0 }))).toBe('UNKNOWN_DEBTOR');
    const proposal = at({} as never);
    expect(PROTOCOL.PaymentProposal.conversationState!.moves!(proposal)).toBe('PROPOSED');
    const response = PROTOCOL.ProposalResponse.conversationState!.moves!;
    expect(response(at({ decision: 'ACCEPTED' as const, byPreApproval: true }))).toBe('ACCEPTED');
    expect(response(at({ decision: 'REJECTED' as const, byPreApproval: false }))).toBe('REJECTED');
    expect(PROTOCOL.ArrangementAgreed.conversationState!.moves!(proposal)).toBe('AGREED');
    expect(PROTOCOL.ArrangementEnded.conversationState!.moves!(proposal)).toBe('ENDED');
    for (const type of [
      'BalanceStatement',
      'PaymentProposal',
      'ProposalResponse',
      'ArrangementAgreed',
      'ArrangementEnded',
    ] as const) {
      expect([type, PROTOCOL[type].conversationState?.opens]).toEqual([type, undefined]);
    }
    // the Pauzeknop types and a StatusRequest leave the conversation state alone
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].conversationState === undefined)).toEqual([
      'Kennisgeving',
      'PauseAcknowledgement',
      'ProgressUpdate',
      'DeliveryReceipt',
      'StatusRequest',
    ]);
  });

  it('checks pausedUntil against the requested end and newPauseEnd against start + 8 months', () => {
    expect(PROTOCOL.PauseAcknowledgement.crossChecks).toEqual([
      { against: 'inReplyTo', check: pausedUntilWithinRequestedPause },
    ]);
    expect(PROTOCOL.ProgressUpdate.crossChecks).toEqual([
      { against: 'conversation', check: newPauseEndWithinEightMonths },
    ]);
    expect(MESSAGE_TYPES.filter((t) => PROTOCOL[t].crossChecks.length > 0)).toEqual([
      'PauseAcknowledgement',
      'ProgressUpdate',
    ]);
    // a ProgressUpdate in a Schuldregeling: its BalanceRequest asked for no pause, so nothing to exceed
    const balanceRequest: EarlierMessage = {
      ...kennisgeving,
      type: 'BalanceRequest',
      pauseStart: null,
      pauseEnd: null,
    };
    expect(
      newPauseEndWithinEightMonths({ status: 'PAUSE_EXTENDED', newPauseEnd: '2027-09-16' }, balanceRequest),
    ).toBeNull();
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
