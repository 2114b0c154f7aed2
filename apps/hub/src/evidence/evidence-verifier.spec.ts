import { loadSigningIdentity, signMessage, SigningIdentity, TrustStore } from '@skp/crypto';
import { createDevCa, issuePartyCertificate } from '@skp/crypto/dev';
import { buildHeader, SkpMessage } from '@skp/messages';
import { certificateChains, EVIDENCE_FORMAT, EvidenceBundle, EvidenceEvent } from './evidence-bundle';
import { verifyEvidence } from './evidence-verifier';

const ca = createDevCa({ commonName: 'evidence spec CA' });
const trust = new TrustStore([ca.certPem]);
const identity = (oin: string, name: string): SigningIdentity => {
  const issued = issuePartyCertificate(ca, { oin, name, keyType: 'ec' });
  return loadSigningIdentity({ certPem: issued.chainPem.join('\n'), keyPem: issued.keyPem });
};
const hub = identity('00000099100000000001', 'hub');
const municipality = identity('00000099100000000002', 'gemeente');
const creditor = identity('00000099200000000003', 'schuldeiser');

const today = new Date().toISOString().slice(0, 10);

/** A Kennisgeving routed, delivered and answered PAUSED, as the hub would export it. */
function aBundle(): EvidenceBundle {
  const header = buildHeader({ type: 'Kennisgeving', sender: municipality.oin, recipient: creditor.oin });
  const id = header.messageId;
  const message = signMessage(
    {
      header,
      body: {
        variant: 'PRIVATE',
        debtor: {
          givenNames: 'Jan',
          surname: 'Vries',
          birthDate: '1980-05-17',
          address: { street: 'Straat', houseNumber: 1, postcode: '3521AZ', city: 'Utrecht' },
        },
        municipality: { code: '0344', name: 'Utrecht' },
        counsellor: { organisation: 'Gemeente', name: 'Consulent', email: 'c@example.nl' },
        caseReference: 'CASE-1',
        admissionDate: today,
        pause: { start: today, end: today },
      },
    } as never,
    municipality,
  ) as SkpMessage;
  const hubReceipt = signMessage(
    {
      header: buildHeader({
        type: 'DeliveryReceipt',
        sender: hub.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
      }),
      body: { status: 'ACCEPTED' },
    },
    hub,
  ) as SkpMessage;
  const delivered = signMessage(
    {
      header: buildHeader({
        type: 'DeliveryReceipt',
        sender: creditor.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
      }),
      body: { status: 'DELIVERED' },
    },
    creditor,
  ) as SkpMessage;
  const answer = signMessage(
    {
      header: buildHeader({
        type: 'PauseAcknowledgement',
        sender: creditor.oin,
        recipient: municipality.oin,
        conversationId: id,
        inReplyTo: id,
      }),
      body: { decision: 'PAUSED', pausedUntil: today },
    },
    creditor,
  ) as SkpMessage;
  const at = new Date().toISOString();
  let n = 0;
  const event = (kind: string, state: string | null, cause: string | null): EvidenceEvent => ({
    id: String(++n),
    messageId: id,
    at,
    kind,
    state,
    cause,
    detail: null,
  });
  return {
    format: EVIDENCE_FORMAT,
    generatedAt: at,
    hub: hub.oin,
    record: {
      messageId: id,
      type: 'Kennisgeving',
      state: 'PAUSED',
      sender: municipality.oin,
      recipient: creditor.oin,
      conversationId: id,
      receivedAt: at,
      purgedAt: null,
    },
    message,
    contentType: 'application/json',
    receipts: [delivered, answer],
    hubReceipt,
    certificateChains: certificateChains([message, hubReceipt, delivered, answer]),
    events: [
      event('RECEIVED', 'RECEIVED', municipality.oin),
      event('ROUTED', 'ROUTED', creditor.oin),
      event('RECEIPT_ISSUED', null, hubReceipt.header.messageId),
      event('DELIVERED', 'DELIVERED', delivered.header.messageId),
      event('ANSWERED', 'PAUSED', answer.header.messageId),
    ],
  };
}

const failed = (bundle: unknown) =>
  verifyEvidence(bundle, trust)
    .checks.filter((c) => !c.ok)
    .map((c) => c.check);

describe('verifyEvidence', () => {
  it('accepts a complete, consistent bundle', () => {
    const verdict = verifyEvidence(aBundle(), trust);
    expect(verdict.checks.filter((c) => !c.ok)).toEqual([]);
    expect(verdict.valid).toBe(true);
    expect(verdict.checks.filter((c) => /signature/.test(c.check))).toHaveLength(4);
  });

  it('refuses a changed message body', () => {
    const bundle = aBundle();
    (bundle.message as SkpMessage<'Kennisgeving'>).body.debtor.surname = 'Jansen';
    expect(failed(bundle)).toEqual(['message signature']);
  });

  it('refuses a receipt signed by someone else than the recipient', () => {
    const bundle = aBundle();
    const id = bundle.record.messageId;
    bundle.receipts[0] = signMessage(
      {
        header: buildHeader({
          type: 'DeliveryReceipt',
          sender: municipality.oin,
          recipient: municipality.oin,
          conversationId: id,
          inReplyTo: id,
        }),
        body: { status: 'DELIVERED' },
      },
      municipality,
    );
    expect(failed(bundle)).toEqual(
      expect.arrayContaining([
        'receipt 1 comes from a party of this message',
        'receipt 1 DELIVERED is on the timeline',
      ]),
    );
  });

  it('refuses a hub receipt not signed by the hub', () => {
    const bundle = aBundle();
    bundle.hub = '00000099100000000009';
    expect(failed(bundle)).toEqual(['hub receipt signature']);
  });

  it('refuses a timeline that drops an answer, goes back in time, or ends in another state', () => {
    const dropped = aBundle();
    dropped.events = dropped.events.filter((e) => e.kind !== 'ANSWERED');
    expect(failed(dropped)).toEqual(
      expect.arrayContaining(['answer 2 PAUSED is on the timeline', 'timeline ends in the recorded state']),
    );
    const reordered = aBundle();
    reordered.events[3].at = new Date(Date.now() - 86_400_000).toISOString();
    expect(failed(reordered)).toEqual(['timeline order']);
    const state = aBundle();
    state.record.state = 'DECLINED';
    expect(failed(state)).toEqual(['timeline ends in the recorded state']);
  });

  it('refuses a purged body, untrusted signers and non-bundles', () => {
    const purged = aBundle();
    purged.message = null;
    expect(failed(purged)).toEqual(['message signature']);
    const other = new TrustStore([createDevCa({ commonName: 'other' }).certPem]);
    expect(verifyEvidence(aBundle(), other).valid).toBe(false);
    expect(failed({ hello: 'world' })).toEqual(['format']);
  });
});
