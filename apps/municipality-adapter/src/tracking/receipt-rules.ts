import type { DeliveryReceipt } from '@skp/messages';

/**
 * Who may say what about a message the municipality sent: ACCEPTED/REJECTED come from the hub
 * (signed by HUB_OIN: the signature was verified on intake), DELIVERED from the creditor the
 * message went to. The reason to ignore the receipt, or null when it may be believed.
 */
export function mayIssueReceipt(receipt: DeliveryReceipt, creditor: string, hubOin: string): string | null {
  const { sender } = receipt.header;
  if (receipt.body.status === 'DELIVERED') {
    return sender === creditor ? null : 'a DELIVERED receipt must come from the recipient';
  }
  if (sender !== hubOin) {
    return 'only the hub issues ACCEPTED and REJECTED receipts';
  }
  return null;
}

/** The hub never rejects what it accepted: a REJECTED after an ACCEPTED is not believed. */
export function contradicts(receipt: DeliveryReceipt, acceptedBefore: boolean): string | null {
  return receipt.body.status === 'REJECTED' && acceptedBefore
    ? 'a REJECTED receipt after the hub accepted the message'
    : null;
}

/** What a receipt's event records besides its kind (ids and codes only). */
export function receiptDetail(receipt: DeliveryReceipt): Record<string, unknown> {
  const detail: Record<string, unknown> = {
    receiptId: receipt.header.messageId,
    from: receipt.header.sender,
  };
  if (receipt.body.reasonCode) {
    detail.reasonCode = receipt.body.reasonCode;
  }
  return detail;
}
