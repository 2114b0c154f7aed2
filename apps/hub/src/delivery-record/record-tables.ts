import type { ConversationState } from '@skp/messages';
import type { MessageEventKind, MessageState } from './message-state';

/*
 * The record's three tables, column by column, as `pg` returns them (the migrations create them).
 * They replace the TypeORM entities nobody queried: every query here is hand-written SQL
 * (docs/decisions/0007-typed-rows-over-hand-written-sql.md), and a repository types its result
 * as a `Pick` of these rows, so a misspelt or retyped column fails the typecheck. `date` columns
 * are read through `to_char(..., 'YYYY-MM-DD')`, hence strings; `bigint` ids come back as strings.
 */

/** `message`: the hub's delivery record of one message. */
export interface MessageTableRow {
  message_id: string;
  type: string;
  sender: string | null;
  recipient: string | null;
  conversation_id: string | null;
  in_reply_to: string | null;
  header_created_at: Date | null;
  received_at: Date;
  state: MessageState;
  reason_code: string | null;
  content_hash: string | null;
  content_type: string;
  /** the message exactly as received; null once purged by retention */
  raw: string | null;
  /** SHA-256 of the signing certificate (the chain itself travels in the signature's x5c) */
  signer_fingerprint: string | null;
  routed_at: Date | null;
  delivered_at: Date | null;
  answered_at: Date | null;
  deadline_at: Date | null;
  final_at: Date | null;
  /** the requested pause of a Kennisgeving: dates only, no personal data */
  pause_start: string | null;
  pause_end: string | null;
  paused_until: string | null;
  decline_reason: string | null;
  /** the hub's own signed ACCEPTED/REJECTED receipt, sent again for a duplicate */
  receipt_raw: string | null;
  purged_at: Date | null;
  /** the state of the conversation a BalanceRequest opened (DESIGN §9); null for other messages */
  conversation_state: ConversationState | null;
  /** a BalanceRequest's answer gave vooraf akkoord (true/false); null when it said nothing */
  pre_approval: boolean | null;
}

/** `message_event`: the append-only timeline (the database refuses updates and deletes). */
export interface MessageEventTableRow {
  id: string;
  message_id: string;
  at: Date;
  kind: MessageEventKind;
  state: MessageState | null;
  /** what caused it: a receipt's messageId, an operator, a job; never personal data */
  cause: string | null;
  detail: Record<string, unknown> | null;
}

/** `dead_letter`: a message that could not be handled or delivered, kept so an operator can act. */
export interface DeadLetterTableRow {
  id: string;
  at: Date;
  message_id: string | null;
  type: string | null;
  reason_code: string;
  reason: string;
  /** the queue it died in (hub inbound or a party queue) */
  queue: string | null;
  routing_key: string | null;
  content: Buffer | null;
  properties: Record<string, unknown>;
  redelivered_at: Date | null;
  /** when the retention job removed the content (it may hold personal data) */
  purged_at: Date | null;
}
