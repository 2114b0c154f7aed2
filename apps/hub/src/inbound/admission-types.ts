import type { ProtocolEntry, ReasonCode, SkpMessage, Verdict } from '@skp/messages';
import type { PartySnapshot } from '../parties/parties.service';
import type { KnownMessage } from './known-record';

/** Finds the protocol row of a type; the hub's own is `protocolEntry` (tests may pass another table). */
export type ProtocolLookup = (type: string) => ProtocolEntry | undefined;

/** A valid message from a proven sender, with what its admission checks need. */
export interface Admission {
  message: SkpMessage;
  entry: ProtocolEntry;
  sender: PartySnapshot;
  /** undefined until `recipientKnown` has passed, and for a message to the hub itself */
  recipient: PartySnapshot | undefined;
  /** the hub's own OIN: the recipient of the messages the hub takes for itself (DESIGN §11) */
  hubOin: string | undefined;
  now: Date;
  /** earlier messages by messageId (this batch included) */
  known: (messageId: string) => KnownMessage | undefined;
  protocol: ProtocolLookup;
}

/** One rule of admission: a verdict refuses the message, null lets it pass to the next rule. */
export type AdmissionCheck = (admission: Admission) => Verdict | null;

export const refuse = (reasonCode: ReasonCode, reason: string): Verdict => ({ reasonCode, reason });
