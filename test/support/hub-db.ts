import { Client } from 'pg';
import { eventually } from './eventually';

/** Read-only look into a hub's delivery record, to assert what it recorded. */
export class HubDb {
  private constructor(private readonly client: Client) {}

  static async open(url: string): Promise<HubDb> {
    const client = new Client({ connectionString: url });
    await client.connect();
    return new HubDb(client);
  }

  async message(messageId: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.query('SELECT * FROM "message" WHERE "message_id" = $1', [messageId]);
    return result.rows[0] as Record<string, unknown> | undefined;
  }

  async events(
    messageId: string,
  ): Promise<{ kind: string; state: string | null; detail: Record<string, unknown> | null }[]> {
    const result = await this.client.query(
      'SELECT "kind", "state", "detail" FROM "message_event" WHERE "message_id" = $1 ORDER BY "id"',
      [messageId],
    );
    return result.rows as { kind: string; state: string | null; detail: Record<string, unknown> | null }[];
  }

  /**
   * Waits for the hub to dead-letter an unverifiable message (DESIGN §3 as amended: nobody proven
   * sent it, so nobody gets a receipt) and returns the row: headers, hash and size, never a body.
   */
  async deadLetter(messageId: string): Promise<{ reason_code: string; content: Buffer | null }> {
    return eventually(
      async () =>
        (
          await this.query<{ reason_code: string; content: Buffer | null }>(
            'SELECT "reason_code", "content" FROM "dead_letter" WHERE "message_id" = $1',
            [messageId],
          )
        )[0],
      { what: `dead letter of ${messageId}` },
    );
  }

  async query<T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query(sql, params)).rows as T[];
  }

  async close(): Promise<void> {
    await this.client.end();
  }
}
