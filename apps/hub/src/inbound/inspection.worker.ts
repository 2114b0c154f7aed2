import { parentPort } from 'node:worker_threads';
import { LeafKeyCache } from '@skp/crypto';
import { examine } from './inspection-examine';
import type { ExamineReply, ExamineRequest } from './inspection-protocol';

/**
 * An inspection worker: the trust-free half of inspecting each message of a batch (decode, schema,
 * canonical form, hash, signature math). Loads @skp/messages and @skp/crypto only, no Nest app.
 */
const leafKeys = new LeafKeyCache();
const port = parentPort;

port?.on('message', (request: ExamineRequest) => {
  const bytes = Buffer.from(request.buffer);
  const results = request.items.map(({ offset, length, contentType }) =>
    examine(bytes.subarray(offset, offset + length), contentType, leafKeys),
  );
  const reply: ExamineReply = { id: request.id, results };
  port.postMessage(reply);
});
