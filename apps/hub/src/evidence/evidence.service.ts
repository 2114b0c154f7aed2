import { Inject, Injectable } from '@nestjs/common';
import { SIGNING_IDENTITY, SigningIdentity } from '@skp/crypto';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedOperator } from '../access/authenticated-operator';
import { certificateChains, EVIDENCE_FORMAT, EvidenceBundle, storedDocument } from './evidence-bundle';
import { EvidenceRepository } from './evidence.repository';
import { notInRecord } from '../monitoring/not-in-record';

/** Builds evidence bundles; every export is audited, since it is the one that carries content. */
@Injectable()
export class EvidenceService {
  constructor(
    private readonly evidence: EvidenceRepository,
    private readonly audit: AuditService,
    @Inject(SIGNING_IDENTITY) private readonly hub: SigningIdentity,
  ) {}

  async bundle(messageId: string, by: AuthenticatedOperator): Promise<EvidenceBundle> {
    const row = await this.evidence.findMessage(messageId);
    if (!row) {
      throw notInRecord(messageId);
    }
    const [replies, events] = await Promise.all([
      this.evidence.findReplies(messageId),
      this.evidence.findEvents(messageId),
    ]);
    const message = row.raw === null ? null : storedDocument(row.raw, row.content_type);
    const receipts = replies.map((r) => storedDocument(r.raw, r.content_type));
    const hubReceipt = row.receipt_raw === null ? null : storedDocument(row.receipt_raw, 'application/json');
    const bundle: EvidenceBundle = {
      format: EVIDENCE_FORMAT,
      generatedAt: new Date().toISOString(),
      hub: this.hub.oin,
      record: {
        messageId: row.message_id,
        type: row.type,
        state: row.state,
        sender: row.sender,
        recipient: row.recipient,
        conversationId: row.conversation_id,
        receivedAt: row.received_at.toISOString(),
        purgedAt: row.purged_at?.toISOString() ?? null,
      },
      message,
      contentType: row.content_type,
      receipts,
      hubReceipt,
      certificateChains: certificateChains([message, hubReceipt, ...receipts]),
      events: events.map((e) => ({
        id: e.id,
        messageId: e.message_id,
        at: e.at.toISOString(),
        kind: e.kind,
        state: e.state,
        cause: e.cause,
        detail: e.detail,
      })),
    };
    await this.audit.record({
      operator: by.username,
      action: 'messages.evidence',
      target: messageId,
      detail: { receipts: receipts.length },
    });
    return bundle;
  }
}
