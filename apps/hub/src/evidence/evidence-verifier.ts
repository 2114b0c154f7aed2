import { TrustStore, verifyMessage } from '@skp/crypto';
import type { SkpMessage } from '@skp/messages';
import { MESSAGE_STATES, MessageState, movesForward } from '../delivery-record/message-state';
import { chainOf, EVIDENCE_FORMAT, EvidenceBundle } from './evidence-bundle';

export interface EvidenceCheck {
  check: string;
  ok: boolean;
  detail: string;
}

export interface EvidenceVerdict {
  valid: boolean;
  messageId: string | null;
  checks: EvidenceCheck[];
}

/**
 * Checks an evidence bundle offline: every signature against the trust anchors (at the time the
 * document says it was signed, so expiry since then does not void old evidence), that receipts
 * are about this message and signed by the right party, and that the timeline is consistent
 * with them and with the recorded state.
 */
export function verifyEvidence(bundle: unknown, trust: TrustStore): EvidenceVerdict {
  const checks: EvidenceCheck[] = [];
  const check = (name: string, ok: boolean, detail: string): boolean => {
    checks.push({ check: name, ok, detail });
    return ok;
  };
  if (!isBundle(bundle)) {
    check('format', false, `not an evidence bundle (${EVIDENCE_FORMAT})`);
    return { valid: false, messageId: null, checks };
  }
  const id = bundle.record.messageId;
  check('format', true, EVIDENCE_FORMAT);

  const signed = (
    name: string,
    document: SkpMessage | string | null,
    expectedSender?: string | null,
  ): SkpMessage | null => {
    if (document === null) {
      check(name, false, 'missing (body purged or never stored): its signature cannot be checked');
      return null;
    }
    if (typeof document === 'string' || typeof document.header !== 'object' || document.header === null) {
      check(name, false, 'not a readable signed message');
      return null;
    }
    const at = new Date(document.header.createdAt);
    const verdict = verifyMessage(document, trust, Number.isNaN(at.getTime()) ? {} : { now: at });
    if (!verdict.ok) {
      check(name, false, `${document.header.messageId}: ${verdict.code} (${verdict.reason})`);
      return null;
    }
    if (expectedSender && verdict.signerOin !== expectedSender) {
      check(
        name,
        false,
        `${document.header.messageId}: signed by ${verdict.signerOin}, expected ${expectedSender}`,
      );
      return null;
    }
    const listed = bundle.certificateChains[document.header.messageId];
    if (listed && listed.chain[0] !== chainOf(document)[0]) {
      check(
        name,
        false,
        `${document.header.messageId}: certificateChains does not match the signature's certificate`,
      );
      return null;
    }
    check(
      name,
      true,
      `${document.header.type} ${document.header.messageId} signed by ${verdict.signerOin} (${verdict.alg})`,
    );
    return document;
  };

  const message = signed('message signature', bundle.message);
  if (message) {
    check(
      'message identity',
      message.header.messageId === id,
      `header.messageId ${message.header.messageId}, record ${id}`,
    );
  }
  const sender = message?.header.sender ?? bundle.record.sender;
  const recipient = message?.header.recipient ?? bundle.record.recipient;
  const events = bundle.events;

  const hubReceipt =
    bundle.hubReceipt === null ? null : signed('hub receipt signature', bundle.hubReceipt, bundle.hub);
  if (hubReceipt) {
    const body = hubReceipt.body as { status?: string };
    check(
      'hub receipt is about this message',
      hubReceipt.header.type === 'DeliveryReceipt' &&
        hubReceipt.header.inReplyTo === id &&
        hubReceipt.header.recipient === sender,
      `inReplyTo ${hubReceipt.header.inReplyTo}, to ${hubReceipt.header.recipient}`,
    );
    const wanted = body.status === 'REJECTED' ? 'REJECTED' : 'ROUTED';
    check(
      `hub receipt ${body.status} matches the timeline`,
      events.some((e) => e.kind === wanted),
      `timeline has ${wanted}`,
    );
  }

  bundle.receipts.forEach((document, i) => {
    const receipt = signed(`receipt ${i + 1} signature`, document);
    if (!receipt) {
      return;
    }
    const rid = receipt.header.messageId;
    check(
      `receipt ${i + 1} is about this message`,
      receipt.header.inReplyTo === id,
      `${rid} inReplyTo ${receipt.header.inReplyTo}`,
    );
    // receipts and answers come from the recipient; a progress update may come from either party
    const from = receipt.header.sender;
    const allowed = receipt.header.type === 'ProgressUpdate' ? [sender, recipient] : [recipient];
    check(
      `receipt ${i + 1} comes from a party of this message`,
      allowed.includes(from),
      `${rid} sent by ${from}`,
    );
    if (
      receipt.header.type === 'DeliveryReceipt' &&
      (receipt.body as { status?: string }).status === 'DELIVERED'
    ) {
      check(
        `receipt ${i + 1} DELIVERED is on the timeline`,
        events.some((e) => e.kind === 'DELIVERED' && e.cause === rid),
        `DELIVERED event caused by ${rid}`,
      );
    }
    if (receipt.header.type === 'PauseAcknowledgement') {
      const decision = (receipt.body as { decision?: string }).decision;
      check(
        `answer ${i + 1} ${decision} is on the timeline`,
        events.some((e) => e.kind === 'ANSWERED' && e.cause === rid && e.state === decision),
        `ANSWERED ${decision} event caused by ${rid}`,
      );
    }
  });

  checkTimeline(bundle, check);
  return { valid: checks.every((c) => c.ok), messageId: id, checks };
}

function checkTimeline(
  bundle: EvidenceBundle,
  check: (name: string, ok: boolean, detail: string) => boolean,
): void {
  const events = bundle.events;
  const id = bundle.record.messageId;
  if (
    !check(
      'timeline present',
      events.length > 0 && events[0].kind === 'RECEIVED',
      `first event ${events[0]?.kind ?? '(none)'}`,
    )
  ) {
    return;
  }
  check(
    'timeline is about this message',
    events.every((e) => e.messageId === id),
    'every event carries the messageId',
  );
  const ordered = events.every(
    (e, i) =>
      i === 0 ||
      (BigInt(e.id) > BigInt(events[i - 1].id) && Date.parse(e.at) >= Date.parse(events[i - 1].at)),
  );
  check('timeline order', ordered, 'event ids increase and times never go back');
  const kinds = events.map((e) => e.kind);
  const rejected = kinds.includes('REJECTED');
  check(
    'rejected is final',
    !rejected || !kinds.some((k) => ['ROUTED', 'DELIVERED', 'ANSWERED', 'REDELIVERED'].includes(k)),
    'no delivery after a rejection',
  );
  const routedAt = kinds.indexOf('ROUTED');
  const afterRouting = events.every(
    (e, i) =>
      !['DELIVERED', 'ANSWERED', 'OVERDUE', 'REDELIVERED'].includes(e.kind) ||
      (routedAt >= 0 && i > routedAt),
  );
  check(
    'delivery follows routing',
    afterRouting,
    'DELIVERED, ANSWERED, OVERDUE and REDELIVERED come after ROUTED',
  );
  let state: MessageState | null = null;
  for (const e of events) {
    if (e.state && (MESSAGE_STATES as readonly string[]).includes(e.state)) {
      const next = e.state as MessageState;
      // an answer always records its decision (a later answer replaces an earlier one); other states only move forward
      const answerReplaces: boolean = e.kind === 'ANSWERED' && state !== null && state !== 'REJECTED';
      state = state === null || answerReplaces || movesForward(state, next) ? next : state;
    }
  }
  check(
    'timeline ends in the recorded state',
    state === bundle.record.state,
    `replayed ${state ?? '(none)'}, recorded ${bundle.record.state}`,
  );
}

function isBundle(value: unknown): value is EvidenceBundle {
  const b = value as Partial<EvidenceBundle> | null;
  return (
    typeof b === 'object' &&
    b !== null &&
    b.format === EVIDENCE_FORMAT &&
    typeof b.record?.messageId === 'string' &&
    Array.isArray(b.receipts) &&
    Array.isArray(b.events) &&
    typeof b.certificateChains === 'object' &&
    b.certificateChains !== null
  );
}
