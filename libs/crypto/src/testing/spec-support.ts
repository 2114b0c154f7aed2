import { randomUUID } from 'node:crypto';
import { MessageHeader, PauseAcknowledgementBody, signingInput, UnsignedMessage } from '@skp/messages';
import { createDevCa, IssuedCertificate, issuePartyCertificate, PemKeyPair } from '../dev';
import { loadSigningIdentity, SigningIdentity } from '../signing-identity';

/** What the signature covers, exactly as the production path computes it. */
export function payloadOf(message: { header: unknown; body: unknown }): string {
  return signingInput(message as UnsignedMessage);
}

export const CREDITOR_OIN = '00000099100000000002';
export const MUNICIPALITY_OIN = '00000001002220647000';

export function sampleAcknowledgement(
  overrides: {
    header?: Partial<MessageHeader<'PauseAcknowledgement'>>;
    body?: Partial<PauseAcknowledgementBody>;
  } = {},
): UnsignedMessage<'PauseAcknowledgement'> {
  const conversationId = randomUUID();
  return {
    header: {
      messageId: randomUUID(),
      type: 'PauseAcknowledgement',
      schemaVersion: '1.0',
      sender: CREDITOR_OIN,
      recipient: MUNICIPALITY_OIN,
      conversationId,
      inReplyTo: conversationId,
      createdAt: new Date().toISOString(),
      ...overrides.header,
    },
    body: {
      decision: 'PAUSED',
      pausedUntil: '2026-06-01',
      note: 'Pauze bevestigd – één dossier',
      ...overrides.body,
    },
  };
}

export interface TestParty {
  issued: IssuedCertificate;
  identity: SigningIdentity;
}

export function createTestParty(
  ca: PemKeyPair,
  options: Parameters<typeof issuePartyCertificate>[1],
  alg?: SigningIdentity['alg'],
): TestParty {
  const issued = issuePartyCertificate(ca, options);
  return {
    issued,
    identity: loadSigningIdentity({ certPem: issued.chainPem.join(''), keyPem: issued.keyPem, alg }),
  };
}

export { createDevCa };
