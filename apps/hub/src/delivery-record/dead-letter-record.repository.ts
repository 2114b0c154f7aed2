import { Injectable } from '@nestjs/common';
import { enqueueOutbox } from '@skp/platform';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditRepository } from '../audit/audit.repository';
import type { NewDeadLetterRow, Redelivery } from './record-rows';
import type { DeadLetterTableRow } from './record-tables';
import { appendEventIfRecorded } from './timeline';

/** The one writer of `dead_letter` rows (retention aside) and their events on a message's timeline. */
@Injectable()
export class DeadLetterRecordRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditRepository,
  ) {}

  /**
   * The dead letter and its DEAD_LETTERED event (when `onTimeline` and the record holds the
   * message) commit together, so a retry after an outage adds neither twice.
   */
  async recordDeadLetter(row: NewDeadLetterRow, onTimeline: boolean): Promise<void> {
    const { messageId, type, reasonCode, reason, queue, routingKey, content, properties } = row;
    await this.dataSource.transaction(async (manager) => {
      await manager.query(
        `INSERT INTO "dead_letter" ("message_id", "type", "reason_code", "reason", "queue", "routing_key", "content", "properties")
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb)`,
        [messageId, type, reasonCode, reason, queue, routingKey, content, JSON.stringify(properties)],
      );
      if (onTimeline && queue && messageId) {
        await appendEventIfRecorded(manager, messageId, {
          at: null,
          kind: 'DEAD_LETTERED',
          cause: queue,
          detail: { reasonCode, reason },
        });
      }
    });
  }

  /**
   * An operator's redelivery of a dead letter: claims it (the first redelivery wins), then the
   * outbox row, the REDELIVERED event and the audit entry, all in one transaction. False when it
   * was redelivered already.
   */
  async recordRedelivery(
    deadLetter: Pick<DeadLetterTableRow, 'id' | 'message_id'>,
    redelivery: Redelivery,
    audit: AuditEntry,
  ): Promise<boolean> {
    const { publish, at, by, detail } = redelivery;
    return this.dataSource.transaction(async (manager) => {
      const claimed: unknown[] = await manager.query(
        `UPDATE "dead_letter" SET "redelivered_at" = $2 WHERE "id" = $1::bigint AND "redelivered_at" IS NULL RETURNING "id"`,
        [deadLetter.id, at],
      );
      const rows = (Array.isArray(claimed[0]) ? claimed[0] : claimed) as unknown[];
      if (rows.length === 0) {
        return false;
      }
      await enqueueOutbox(manager, [publish]);
      if (deadLetter.message_id) {
        await appendEventIfRecorded(manager, deadLetter.message_id, {
          at,
          kind: 'REDELIVERED',
          cause: by,
          detail,
        });
      }
      await this.audit.insert(audit, manager);
      return true;
    });
  }
}
