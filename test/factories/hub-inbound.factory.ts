import { randomUUID } from 'node:crypto';
import type { PartySnapshot } from '../../apps/hub/src/parties/parties.service';
import type { Party } from '../../apps/hub/src/parties/party.entity';
import type { ReceiptFactory } from '../../apps/hub/src/inbound/receipt-factory';

/** Fixtures for the hub's inbound unit specs: registered parties and receipts without signatures. */

/** The fingerprint every fixture party has registered. */
export const FINGERPRINT = 'ab'.repeat(32);

/** A registered, active party (unless `extra` says otherwise), as the pipeline's registry holds it. */
export function partySnapshot(
  oin: string,
  kind: Party['kind'],
  extra: Partial<Party> = {},
): [string, PartySnapshot] {
  const party: Party = {
    oin,
    name: oin,
    kind,
    bsnAllowed: false,
    gemeentecodes: [],
    status: 'ACTIVE',
    createdAt: new Date(),
    updatedAt: new Date(),
    ...extra,
  };
  return [oin, { party, certificateFingerprints: new Set([FINGERPRINT]) }];
}

/**
 * Receipts as plain JSON: the decider only needs their messageId, what they answer and where they
 * go. `nextId` makes their messageIds predictable where a spec compares them.
 */
export function plainReceipts(hubOin: string, nextId: () => string = randomUUID): ReceiptFactory {
  const receipt = (about: string, status: string, reasonCode?: string) => {
    const messageId = nextId();
    return {
      messageId,
      raw: JSON.stringify({ header: { messageId, inReplyTo: about }, body: { status, reasonCode } }),
    };
  };
  return {
    hubOin,
    accepted: (s: { messageId: string }) => receipt(s.messageId, 'ACCEPTED'),
    rejected: (s: { messageId: string }, reasonCode: string) => receipt(s.messageId, 'REJECTED', reasonCode),
  } as unknown as ReceiptFactory;
}
