import type { Examined } from './inspection-examine';

/** What the main thread sends an inspection worker: a batch's bytes in one transferred buffer. */
export interface ExamineRequest {
  id: number;
  buffer: ArrayBuffer;
  items: Array<{ offset: number; length: number; contentType: string }>;
}

/** A worker's answer: one Examined per item, in the request's order. */
export interface ExamineReply {
  id: number;
  results: Examined[];
}

/** Copies the messages' bytes into one buffer that can be transferred (the deliveries keep theirs). */
export function examineRequest(
  id: number,
  messages: ReadonlyArray<{ content: Buffer; contentType: string }>,
): ExamineRequest {
  const total = messages.reduce((sum, m) => sum + m.content.length, 0);
  const buffer = new ArrayBuffer(total);
  const view = new Uint8Array(buffer);
  let offset = 0;
  const items = messages.map(({ content, contentType }) => {
    view.set(content, offset);
    const item = { offset, length: content.length, contentType };
    offset += content.length;
    return item;
  });
  return { id, buffer, items };
}
