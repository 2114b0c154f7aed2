import { isStale, ProtocolEntry, protocolEntry, SkpMessage, Verdict } from '@skp/messages';
import type { PartySnapshot } from '../parties/parties.service';
import { Admission, AdmissionCheck, ProtocolLookup, refuse } from './admission-types';
import type { KnownMessage } from './known-record';
import { bsnAllowed, conversation, crossChecks, direction } from './protocol-checks';

/**
 * Whether a valid signature also proves a registered party sent the message: the sender must be
 * registered and the signing certificate one of its registered certificates. When not, nobody is
 * proven, and the hub answers nobody (the message is dead-lettered, not REJECTED).
 */
export function unprovenSigner(
  sender: string,
  signerFingerprint: string,
  parties: Map<string, PartySnapshot>,
): Verdict | null {
  const party = parties.get(sender);
  if (!party) {
    return refuse('NOT_AUTHORISED', 'sender is not a registered party');
  }
  if (!party.certificateFingerprints.has(signerFingerprint)) {
    return refuse('CERTIFICATE_UNTRUSTED', 'signing certificate is not registered for the sender');
  }
  return null;
}

const notStale: AdmissionCheck = ({ message, now }) =>
  isStale(message.header.createdAt, now)
    ? refuse('STALE', 'createdAt is older than 7 days or more than 5 minutes ahead')
    : null;

const senderActive: AdmissionCheck = ({ sender }) =>
  sender.party.status === 'SUSPENDED' ? refuse('PARTY_SUSPENDED', 'sender is suspended') : null;

/** A registered party, or the hub itself (whether this type may go to the hub is the direction's rule). */
const recipientKnown: AdmissionCheck = ({ recipient, message, hubOin }) =>
  recipient || (hubOin !== undefined && message.header.recipient === hubOin)
    ? null
    : refuse('UNKNOWN_RECIPIENT', 'recipient is not a registered party');

const recipientActive: AdmissionCheck = ({ recipient }) =>
  recipient?.party.status === 'SUSPENDED' ? refuse('PARTY_SUSPENDED', 'recipient is suspended') : null;

/**
 * The rules for a proven sender's valid message, in order (after the sender proof and the
 * duplicate check); the first verdict rejects it. Direction, conversation, BSN and the
 * cross-checks read the message's protocol row.
 */
export const ADMISSION_CHECKS: readonly AdmissionCheck[] = [
  notStale,
  senderActive,
  recipientKnown,
  recipientActive,
  direction,
  conversation,
  bsnAllowed,
  crossChecks,
];

export interface AdmissionInput {
  message: SkpMessage;
  parties: Map<string, PartySnapshot>;
  now: Date;
  known: (messageId: string) => KnownMessage | undefined;
  protocol?: ProtocolLookup;
  /** the hub's own OIN; without it, no message may be addressed to the hub */
  hubOin?: string;
}

export type AdmissionResult =
  { admitted: true; entry: ProtocolEntry } | { admitted: false; verdict: Verdict };

/** Runs the admission checks on a proven sender's valid message: the first verdict rejects it. */
export function admit(input: AdmissionInput): AdmissionResult {
  const { message, parties } = input;
  const protocol = input.protocol ?? protocolEntry;
  const entry = protocol(message.header.type);
  const sender = parties.get(message.header.sender);
  if (!entry || !sender) {
    // decode admits only the protocol's types, and the sender proof only registered senders
    return {
      admitted: false,
      verdict: refuse('NOT_AUTHORISED', 'not a message type or sender the hub knows'),
    };
  }
  const admission: Admission = {
    message,
    entry,
    sender,
    recipient: parties.get(message.header.recipient),
    hubOin: input.hubOin,
    now: input.now,
    known: input.known,
    protocol,
  };
  for (const check of ADMISSION_CHECKS) {
    const verdict = check(admission);
    if (verdict) {
      return { admitted: false, verdict };
    }
  }
  return { admitted: true, entry };
}
