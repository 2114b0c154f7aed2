import { isUuid } from '@skp/messages';
/**
 * Opaque page cursors over (received_at, message_id), newest first. received_at keeps Postgres's
 * microseconds, so no two rows collapse onto one cursor position.
 */
export interface MessageCursor {
  receivedAt: string;
  messageId: string;
}

const EXACT_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCursor(cursor: MessageCursor): string {
  return Buffer.from(JSON.stringify([cursor.receivedAt, cursor.messageId]), 'utf8').toString('base64url');
}

/** The cursor, or null when it is not one this API issued. */
export function decodeCursor(text: string): MessageCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && value.length === 2 && EXACT_TIME.test(String(value[0])) && isUuid(value[1])) {
      return { receivedAt: String(value[0]), messageId: String(value[1]) };
    }
  } catch {
    // fall through
  }
  return null;
}
