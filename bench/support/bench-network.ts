import { signMessage } from '@skp/crypto';
import { encode } from '@skp/messages';
import { anUnsignedKennisgeving } from '../../test/factories/messages.factory';
import { startHub, HubHarness } from '../../test/support/hub-harness';
import { PartyClient } from '../../test/support/party-client';
import { TestParty, testOin } from '../../test/support/test-env';
import { Arrivals } from './arrivals';

/** A signed message ready to publish: its bytes are made before any clock starts. */
export interface Prepared {
  messageId: string;
  content: Buffer;
}

/**
 * The benchmark's network: a real hub process, one municipality publishing straight to
 * `<prefix>.inbound` with its own account, and creditors that consume their queues.
 */
export interface BenchNetwork {
  h: HubHarness;
  municipality: TestParty;
  publisher: PartyClient;
  /** the municipality's own queue: the hub's receipts */
  receipts: Arrivals;
  creditors: TestParty[];
  /** one per creditor, in the same order */
  inboxes: Arrivals[];
  close(): Promise<void>;
}

export async function startBenchNetwork(creditorCount: number): Promise<BenchNetwork> {
  const h = await startHub({ LOG_LEVEL: 'warn' });
  try {
    const municipality = h.pki.party('bench-municipality', testOin(1), 'Bench gemeente');
    await h.registerParty(municipality, 'MUNICIPALITY', false);
    const creditors: TestParty[] = [];
    for (let i = 0; i < creditorCount; i++) {
      const creditor = h.pki.party(`bench-creditor-${i}`, testOin(3), `Bench schuldeiser ${i}`);
      await h.registerParty(creditor, 'CREDITOR', true);
      creditors.push(creditor);
    }
    const publisher = await new PartyClient(municipality, h.prefix).connect({ consume: false });
    const receipts = await new Arrivals(municipality, h.prefix).start();
    const inboxes = await Promise.all(creditors.map((c) => new Arrivals(c, h.prefix).start()));
    return {
      h,
      municipality,
      publisher,
      receipts,
      creditors,
      inboxes,
      async close() {
        await publisher.close();
        await Promise.all([receipts, ...inboxes].map((a) => a.stop()));
        await h.teardown();
      },
    };
  } catch (error) {
    await h.teardown();
    throw error;
  }
}

/** `n` Kennisgevingen signed by the municipality (PartyClient.sign's signing), spread over the creditors. */
export function prepareKennisgevingen(net: BenchNetwork, n: number): Prepared[] {
  return Array.from({ length: n }, (_, i) => {
    const recipient = net.creditors[i % net.creditors.length].oin;
    const signed = signMessage(
      anUnsignedKennisgeving({ sender: net.municipality.oin, recipient }),
      net.municipality.identity,
    );
    return { messageId: signed.header.messageId, content: Buffer.from(encode(signed, 'json')) };
  });
}

/** Publishes one prepared message as the municipality; resolves when the broker confirmed it. */
export function publish(net: BenchNetwork, message: Prepared): Promise<void> {
  return net.publisher.publishRaw(message.content, { messageId: message.messageId, type: 'Kennisgeving' });
}

/** How many of `ids` reached their creditor, and how many have an ACCEPTED receipt at the municipality. */
export function progressOf(net: BenchNetwork, ids: string[]): { delivered: number; accepted: number } {
  let delivered = 0;
  let accepted = 0;
  ids.forEach((id, i) => {
    if (net.inboxes[i % net.inboxes.length].delivered.has(id)) {
      delivered += 1;
    }
    if (net.receipts.accepted.has(id)) {
      accepted += 1;
    }
  });
  return { delivered, accepted };
}
