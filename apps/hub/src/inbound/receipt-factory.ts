import { Inject, Injectable } from '@nestjs/common';
import { SIGNING_IDENTITY, signMessage, SigningIdentity } from '@skp/crypto';
import { buildHeader, encode, ReasonCode } from '@skp/messages';

export interface ReceiptSubject {
  messageId: string;
  /** the sender of the message the receipt is about, who receives the receipt */
  sender: string;
  conversationId: string;
}

/** Makes the hub's own signed ACCEPTED and REJECTED receipts. */
@Injectable()
export class ReceiptFactory {
  constructor(@Inject(SIGNING_IDENTITY) private readonly identity: SigningIdentity) {}

  get hubOin(): string {
    return this.identity.oin;
  }

  accepted(subject: ReceiptSubject): { messageId: string; raw: string } {
    return this.make(subject, { status: 'ACCEPTED' });
  }

  rejected(
    subject: ReceiptSubject,
    reasonCode: ReasonCode,
    reason: string,
  ): { messageId: string; raw: string } {
    return this.make(subject, { status: 'REJECTED', reasonCode, reason });
  }

  private make(
    subject: ReceiptSubject,
    body: { status: 'ACCEPTED' } | { status: 'REJECTED'; reasonCode: ReasonCode; reason: string },
  ): { messageId: string; raw: string } {
    const header = buildHeader({
      type: 'DeliveryReceipt',
      sender: this.identity.oin,
      recipient: subject.sender,
      conversationId: subject.conversationId,
      inReplyTo: subject.messageId,
    });
    const signed = signMessage({ header, body }, this.identity);
    return { messageId: header.messageId, raw: encode(signed, 'json') };
  }
}
