import { parseDetachedJws } from '@skp/crypto';
import { decode, SkpMessage } from '@skp/messages';

export const EVIDENCE_FORMAT = 'skp-evidence/1';

/** A timeline event as it appears in an evidence bundle. */
export interface EvidenceEvent {
  id: string;
  messageId: string;
  at: string;
  kind: string;
  state: string | null;
  cause: string | null;
  detail: Record<string, unknown> | null;
}

/**
 * Everything needed to prove, offline and years later, what happened to one message: the signed
 * message, the signed receipts and answers about it, the hub's own signed receipt, the signer
 * certificate chains and the timeline. Checked by `npm run hub -- verify-evidence FILE`.
 */
export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  generatedAt: string;
  hub: string;
  record: {
    messageId: string;
    type: string;
    state: string;
    sender: string | null;
    recipient: string | null;
    conversationId: string | null;
    receivedAt: string;
    purgedAt: string | null;
  };
  /** the signed message as stored (XML stored messages in their lossless JSON form); null once purged */
  message: SkpMessage | string | null;
  contentType: string;
  receipts: (SkpMessage | string)[];
  hubReceipt: SkpMessage | string | null;
  certificateChains: Record<string, { signer: string | null; chain: string[] }>;
  events: EvidenceEvent[];
}

/** A stored signed text as a message object; the text itself when it cannot be read. */
export function storedDocument(raw: string, contentType: string): SkpMessage | string {
  try {
    if (/xml/i.test(contentType)) {
      return decode(raw, 'xml');
    }
    const parsed: unknown = JSON.parse(raw);
    return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)
      ? (parsed as SkpMessage)
      : raw;
  } catch {
    return raw;
  }
}

/** The x5c chain of a document's signature as PEM, leaf first (empty when unreadable). */
export function chainOf(document: SkpMessage | string | null): string[] {
  if (!document || typeof document === 'string') {
    return [];
  }
  try {
    return parseDetachedJws(document.signature).header.x5c.map(
      (b64) =>
        `-----BEGIN CERTIFICATE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END CERTIFICATE-----`,
    );
  } catch {
    return [];
  }
}

export function certificateChains(
  documents: (SkpMessage | string | null)[],
): EvidenceBundle['certificateChains'] {
  const chains: EvidenceBundle['certificateChains'] = {};
  for (const document of documents) {
    if (document && typeof document !== 'string' && document.header?.messageId) {
      chains[document.header.messageId] = {
        signer: document.header.sender ?? null,
        chain: chainOf(document),
      };
    }
  }
  return chains;
}
