import { addCalendarMonths, ReasonCode, SkpMessage } from '@skp/messages';
import type { PartySnapshot } from '../parties/parties.service';
import type { MessageState } from '../delivery-record/message-state';

/** What the hub knows of an earlier message that a new one refers to. */
export interface KnownMessage {
  messageId: string;
  type: string;
  sender: string | null;
  recipient: string | null;
  conversationId: string | null;
  state: MessageState;
  pauseStart: string | null;
  pauseEnd: string | null;
}

export interface Refusal {
  reasonCode: ReasonCode;
  reason: string;
}

export interface AuthorisationInput {
  message: SkpMessage;
  /** fingerprint (hex SHA-256) of the certificate that signed it */
  signerFingerprint: string;
  parties: Map<string, PartySnapshot>;
  /** earlier messages by messageId (this batch included) */
  known: (messageId: string) => KnownMessage | undefined;
}

const refuse = (reasonCode: ReasonCode, reason: string): Refusal => ({ reasonCode, reason });

/**
 * Whether a valid signature also proves a registered party sent the message: the sender must be
 * registered and the signing certificate one of its registered certificates. When not, nobody is
 * proven, and the hub answers nobody (the message is dead-lettered, not REJECTED).
 */
export function unprovenSigner(
  sender: string,
  signerFingerprint: string,
  parties: Map<string, PartySnapshot>,
): Refusal | null {
  const party = parties.get(sender);
  if (!party) {
    return refuse('NOT_AUTHORISED', 'sender is not a registered party');
  }
  if (!party.certificateFingerprints.has(signerFingerprint)) {
    return refuse('CERTIFICATE_UNTRUSTED', 'signing certificate is not registered for the sender');
  }
  return null;
}

/**
 * Who may send what to whom (DESIGN §2, §3 and the hub issue): checked after the signature, so
 * every rule below is about a sender whose identity is proven.
 */
export function authorise(input: AuthorisationInput): Refusal | null {
  const { message, parties } = input;
  const { header } = message;
  const unproven = unprovenSigner(header.sender, input.signerFingerprint, parties);
  if (unproven) {
    return unproven;
  }
  const sender = parties.get(header.sender)!;
  if (sender.party.status === 'SUSPENDED') {
    return refuse('PARTY_SUSPENDED', 'sender is suspended');
  }
  const recipient = parties.get(header.recipient);
  if (!recipient) {
    return refuse('UNKNOWN_RECIPIENT', 'recipient is not a registered party');
  }
  if (recipient.party.status === 'SUSPENDED') {
    return refuse('PARTY_SUSPENDED', 'recipient is suspended');
  }
  const fromMunicipality = sender.party.kind === 'MUNICIPALITY' && recipient.party.kind === 'CREDITOR';
  const fromCreditor = sender.party.kind === 'CREDITOR' && recipient.party.kind === 'MUNICIPALITY';

  switch (message.header.type) {
    case 'Kennisgeving': {
      if (!fromMunicipality) {
        return refuse('NOT_AUTHORISED', 'a Kennisgeving goes from a municipality to a creditor');
      }
      const body = (message as SkpMessage<'Kennisgeving'>).body;
      if (body.debtor.bsn !== undefined && !recipient.party.bsnAllowed) {
        return refuse('BSN_NOT_ALLOWED', 'recipient may not process the BSN; send the PRIVATE variant');
      }
      return null;
    }
    case 'ProgressUpdate': {
      if (!fromMunicipality) {
        return refuse('NOT_AUTHORISED', 'a ProgressUpdate goes from a municipality to a creditor');
      }
      const opening = input.known(header.conversationId);
      if (!opening || opening.type !== 'Kennisgeving' || opening.state === 'REJECTED') {
        return refuse('CONVERSATION_MISMATCH', 'conversationId is not a Kennisgeving the hub routed');
      }
      if (opening.sender !== header.sender || opening.recipient !== header.recipient) {
        return refuse('CONVERSATION_MISMATCH', 'the conversation is between other parties');
      }
      const body = (message as SkpMessage<'ProgressUpdate'>).body;
      if (
        body.newPauseEnd &&
        opening.pauseStart &&
        body.newPauseEnd > addCalendarMonths(opening.pauseStart, 8)
      ) {
        return refuse('SCHEMA_INVALID', 'body.newPauseEnd: a pause ends at most 8 months after its start');
      }
      return null;
    }
    case 'PauseAcknowledgement': {
      if (!fromCreditor) {
        return refuse('NOT_AUTHORISED', 'a PauseAcknowledgement goes from a creditor to a municipality');
      }
      const answered = header.inReplyTo ? input.known(header.inReplyTo) : undefined;
      if (!answered || answered.type !== 'Kennisgeving' || answered.state === 'REJECTED') {
        return refuse('CONVERSATION_MISMATCH', 'inReplyTo is not a Kennisgeving the hub routed');
      }
      if (answered.sender !== header.recipient || answered.recipient !== header.sender) {
        return refuse('CONVERSATION_MISMATCH', 'inReplyTo is a Kennisgeving between other parties');
      }
      if (answered.conversationId !== header.conversationId) {
        return refuse('CONVERSATION_MISMATCH', 'conversationId differs from the Kennisgeving it answers');
      }
      const body = (message as SkpMessage<'PauseAcknowledgement'>).body;
      if (body.pausedUntil && answered.pauseEnd && body.pausedUntil > answered.pauseEnd) {
        return refuse('SCHEMA_INVALID', 'body.pausedUntil: may not be later than the requested pause end');
      }
      return null;
    }
    case 'DeliveryReceipt': {
      const body = (message as SkpMessage<'DeliveryReceipt'>).body;
      if (body.status !== 'DELIVERED') {
        return refuse('NOT_AUTHORISED', 'only the hub issues ACCEPTED and REJECTED receipts');
      }
      const about = header.inReplyTo ? input.known(header.inReplyTo) : undefined;
      if (!about || about.type === 'DeliveryReceipt' || about.state === 'REJECTED') {
        return refuse('CONVERSATION_MISMATCH', 'inReplyTo is not a message the hub routed');
      }
      if (about.recipient !== header.sender || about.sender !== header.recipient) {
        return refuse(
          'NOT_AUTHORISED',
          'only the recipient of a message confirms its delivery, to its sender',
        );
      }
      if (about.conversationId !== header.conversationId) {
        return refuse('CONVERSATION_MISMATCH', 'conversationId differs from the message it confirms');
      }
      return null;
    }
  }
}
