import { Injectable } from '@nestjs/common';
import { ANSWER_DEADLINE_TYPES, PROTOCOL } from '@skp/messages';

/**
 * What a creditor has to answer: the answer-deadline types except a HelpRequest's first contact,
 * which is the municipality's (the Pauzeknop overview counts those).
 */
const CREDITOR_ANSWER_TYPES = ANSWER_DEADLINE_TYPES.filter(
  (type) => (PROTOCOL[type].deadlineKind ?? 'ANSWER') === 'ANSWER',
);
import { DataSource } from 'typeorm';

export interface MinuteCount {
  minute: string;
  type: string;
  count: number;
}

export interface CreditorAnswerRow {
  recipient: string;
  total: number;
  answered: number;
  median_seconds: number | null;
}

export interface CreditorBalanceRow {
  recipient: string;
  routed: number;
  answered: number;
  median_seconds: number | null;
  /** answers that said whether they give vooraf akkoord (answers to collective requests) */
  with_pre_approval: number;
  pre_approved: number;
}

export interface CreditorOverdueRow {
  recipient: string;
  overdue: number;
  oldest_deadline: Date;
}

export interface OldestUndeliveredRow {
  message_id: string;
  type: string;
  recipient: string | null;
  received_at: Date;
  routed_at: Date | null;
}

/** Aggregates for the dashboard and the overdue page; every query is set-based and index-backed. */
@Injectable()
export class StatsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async messagesPerMinute(since: Date): Promise<MinuteCount[]> {
    const rows: MinuteCount[] = await this.dataSource.query(
      `SELECT to_char(date_trunc('minute', "received_at" AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI"Z"') AS "minute",
              "type", count(*)::int AS "count"
       FROM "message" WHERE "received_at" >= $1 GROUP BY 1, 2 ORDER BY 1`,
      [since],
    );
    return rows;
  }

  async countsByState(): Promise<Record<string, number>> {
    const rows: { state: string; count: number }[] = await this.dataSource.query(
      `SELECT "state", count(*)::int AS "count" FROM "message" GROUP BY "state"`,
    );
    return Object.fromEntries(rows.map((r) => [r.state, r.count]));
  }

  async rejectionsByReason(since: Date): Promise<Record<string, number>> {
    const rows: { reason_code: string | null; count: number }[] = await this.dataSource.query(
      `SELECT "reason_code", count(*)::int AS "count" FROM "message"
       WHERE "state" = 'REJECTED' AND "received_at" >= $1 GROUP BY "reason_code" ORDER BY 2 DESC`,
      [since],
    );
    return Object.fromEntries(rows.map((r) => [r.reason_code ?? 'UNKNOWN', r.count]));
  }

  async deadLettersByReason(since: Date): Promise<Record<string, number>> {
    const rows: { reason_code: string; count: number }[] = await this.dataSource.query(
      `SELECT "reason_code", count(*)::int AS "count" FROM "dead_letter" WHERE "at" >= $1 GROUP BY 1 ORDER BY 2 DESC`,
      [since],
    );
    return Object.fromEntries(rows.map((r) => [r.reason_code, r.count]));
  }

  async openDeadLetters(): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS "n" FROM "dead_letter" WHERE "redelivered_at" IS NULL`,
    );
    return (row as { n: number }).n;
  }

  /** Routed but no DELIVERED receipt yet, oldest first (partial index message_undelivered). */
  async oldestUndelivered(): Promise<OldestUndeliveredRow | null> {
    const rows: OldestUndeliveredRow[] = await this.dataSource.query(
      `SELECT "message_id", "type", "recipient", "received_at", "routed_at" FROM "message"
       WHERE "state" = 'ROUTED' AND "type" <> 'DeliveryReceipt' ORDER BY "received_at" ASC, "message_id" ASC LIMIT 1`,
    );
    return rows[0] ?? null;
  }

  async overdueByCreditor(): Promise<CreditorOverdueRow[]> {
    return this.dataSource.query(
      `SELECT "recipient", count(*)::int AS "overdue", min("deadline_at") AS "oldest_deadline" FROM "message"
       WHERE "state" = 'OVERDUE' AND "type" = ANY($1::text[]) AND "recipient" IS NOT NULL
       GROUP BY "recipient"`,
      [CREDITOR_ANSWER_TYPES],
    );
  }

  /**
   * Per creditor: Kennisgevingen routed to it since `since`, how many were answered, and the median
   * answer time (answered_at − routed_at) in seconds.
   */
  async answersByCreditor(since: Date): Promise<CreditorAnswerRow[]> {
    const rows: CreditorAnswerRow[] = await this.dataSource.query(
      `SELECT "recipient", count(*)::int AS "total", count("answered_at")::int AS "answered",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "answered_at" - "routed_at")) AS "median_seconds"
       FROM "message"
       WHERE "type" = 'Kennisgeving' AND "received_at" >= $1 AND "state" <> 'REJECTED' AND "recipient" IS NOT NULL
       GROUP BY "recipient"`,
      [since],
    );
    return rows.map((r) => ({
      ...r,
      median_seconds: r.median_seconds === null ? null : Number(r.median_seconds),
    }));
  }

  /**
   * Per creditor: BalanceRequests routed to it since `since`, how many were answered, the median
   * answer time in seconds, and of the answers that said either way, how many gave vooraf akkoord.
   */
  async balanceRequestsByCreditor(since: Date): Promise<CreditorBalanceRow[]> {
    const rows: CreditorBalanceRow[] = await this.dataSource.query(
      `SELECT "recipient", count(*)::int AS "routed", count("answered_at")::int AS "answered",
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "answered_at" - "routed_at")) AS "median_seconds",
              count("pre_approval")::int AS "with_pre_approval",
              (count(*) FILTER (WHERE "pre_approval"))::int AS "pre_approved"
       FROM "message"
       WHERE "type" = 'BalanceRequest' AND "received_at" >= $1 AND "state" <> 'REJECTED' AND "recipient" IS NOT NULL
       GROUP BY "recipient"`,
      [since],
    );
    return rows.map((r) => ({
      ...r,
      median_seconds: r.median_seconds === null ? null : Number(r.median_seconds),
    }));
  }
}
