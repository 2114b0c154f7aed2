import type { FactoryProvider } from '@nestjs/common';
import {
  AmqpClient,
  LOGGER,
  Logger,
  OutboxMessage,
  OutboxRelay,
  OutgoingMessage,
  PublishAfterCommit,
  StoredContentLoader,
} from '@skp/platform';
import { DataSource } from 'typeorm';
import type { NewMessageRow } from './record-rows';

/*
 * A routed message's forward carries the message exactly as received, and its receipt the text in
 * `receipt_raw`: the same bytes the message row holds. The outbox row of such a publish references
 * the row (`stored_message_id`, `stored_payload`) instead of sending the bytes to Postgres twice;
 * the relay, when it must publish the row itself, reads them back from the message row.
 */

type StoredPayload = 'raw' | 'receipt';

/** The publish as the outbox writes it: a reference when its bytes are exactly those of the row. */
export function referencingStoredPayload(
  row: NewMessageRow | undefined,
  publish: OutgoingMessage,
): OutboxMessage {
  if (!row) {
    return publish;
  }
  const own = publish.options.messageId === row.messageId;
  const payload: StoredPayload = own ? 'raw' : 'receipt';
  const text = own ? row.raw : row.receiptRaw;
  return text !== null && sameBytes(publish.content, text)
    ? { ...publish, storedAs: { messageId: row.messageId, payload } }
    : publish;
}

/** Only the very bytes: the relay must publish what the pipeline would have. */
function sameBytes(content: Buffer, text: string): boolean {
  return content.length === Buffer.byteLength(text, 'utf8') && content.equals(Buffer.from(text, 'utf8'));
}

/** The relay's way back to the bytes of a row that references its message row. */
export const loadStoredPayloads: StoredContentLoader = async (manager, ids) => {
  const rows: { id: string; content: Buffer | null }[] = await manager.query(
    `SELECT o."id", convert_to(CASE o."stored_payload" WHEN 'raw' THEN m."raw" ELSE m."receipt_raw" END, 'UTF8') AS "content"
     FROM "outbox" o JOIN "message" m ON m."message_id" = o."stored_message_id"
     WHERE o."id" = ANY($1::bigint[])`,
    [ids],
  );
  return new Map(rows.flatMap((row) => (row.content ? [[row.id, row.content] as const] : [])));
};

/** The hub's outbox fast path, with the relay told how to load the hub's stored payloads. */
export const publishAfterCommitProvider: FactoryProvider<PublishAfterCommit> = {
  provide: PublishAfterCommit,
  inject: [DataSource, AmqpClient, OutboxRelay, LOGGER],
  useFactory: (dataSource: DataSource, amqp: AmqpClient, relay: OutboxRelay, logger: Logger) => {
    relay.loadStoredContentWith(loadStoredPayloads);
    return new PublishAfterCommit(dataSource, amqp, relay, logger.child({ context: 'outbox' }));
  },
};
