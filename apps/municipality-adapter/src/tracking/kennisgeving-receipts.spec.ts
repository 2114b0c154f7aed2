import { randomUUID } from 'node:crypto';
import type { DeliveryReceipt } from '@skp/messages';
import type { EntityManager } from 'typeorm';
import type { MunicipalityEnv } from '../config/municipality.env';
import type { CreditorState } from '../kennisgeving/creditor-state';
import type {
  KennisgevingRepository,
  LockedKennisgeving,
  NewEvent,
  StatePatch,
} from '../kennisgeving/kennisgeving.repository';
import type { MunicipalityMetrics } from '../metrics/municipality.metrics';
import { KennisgevingReceipts } from './kennisgeving-receipts';

const HUB = '00000001000000000000';
const CREDITOR = '00000003123456780000';
const STRANGER = '00000003999999990000';

function aReceipt(
  about: string,
  status: DeliveryReceipt['body']['status'],
  sender = status === 'DELIVERED' ? CREDITOR : HUB,
  reasonCode?: string,
): DeliveryReceipt {
  return {
    header: { messageId: randomUUID(), type: 'DeliveryReceipt', sender, inReplyTo: about },
    body: { status, ...(reasonCode ? { reasonCode } : {}) },
  } as unknown as DeliveryReceipt;
}

/** The service on a repository fake holding the given Kennisgevingen. */
function harness(states: Record<string, CreditorState>) {
  const locked: string[][] = [];
  const events: NewEvent[] = [];
  const patches: StatePatch[] = [];
  const repository = {
    findManyForUpdate: (_m: EntityManager, ids: string[]): Promise<LockedKennisgeving[]> => {
      locked.push(ids);
      return Promise.resolve(
        ids
          .filter((id) => states[id])
          .map((id) => ({ messageId: id, creditorOin: CREDITOR, state: states[id] })),
      );
    },
    addEvents: (_m: EntityManager, added: NewEvent[]) => Promise.resolve(void events.push(...added)),
    updateStates: (_m: EntityManager, given: StatePatch[]) => Promise.resolve(void patches.push(...given)),
  } as unknown as KennisgevingRepository;
  const metrics = { receipts: { inc: () => undefined } } as unknown as MunicipalityMetrics;
  const logger = { warn: () => undefined };
  const receipts = new KennisgevingReceipts(
    repository,
    metrics,
    { HUB_OIN: HUB } as MunicipalityEnv,
    logger as never,
  );
  return { receipts, locked, events, patches };
}

const manager = {} as EntityManager;

describe('KennisgevingReceipts', () => {
  it('judges each receipt against the state the ones before it left, and writes the last state once', async () => {
    const k = randomUUID();
    const h = harness({ [k]: 'SENT' });
    const others = await h.receipts.recordAboutKennisgevingen(manager, [
      aReceipt(k, 'ACCEPTED'),
      aReceipt(k, 'DELIVERED'),
      aReceipt(k, 'REJECTED', HUB, 'SCHEMA_INVALID'), // after ACCEPTED: never believed
      aReceipt(k, 'ACCEPTED'), // late: recorded, moves nothing
    ]);
    expect(others).toEqual([]);
    expect(h.events.map((e) => [e.kind, e.detail?.stateChanged])).toEqual([
      ['ACCEPTED', true],
      ['DELIVERED', true],
      ['IGNORED', undefined],
      ['ACCEPTED', false],
    ]);
    expect(h.patches).toEqual([{ messageId: k, state: 'DELIVERED' }]);
  });

  it('keeps the reason of a REJECTED receipt and ignores receipts from the wrong party', async () => {
    const rejected = randomUUID();
    const spoofed = randomUUID();
    const h = harness({ [rejected]: 'SENT', [spoofed]: 'SENT' });
    await h.receipts.recordAboutKennisgevingen(manager, [
      aReceipt(rejected, 'REJECTED', HUB, 'SCHEMA_INVALID'),
      aReceipt(spoofed, 'ACCEPTED', STRANGER),
      aReceipt(spoofed, 'DELIVERED', STRANGER),
    ]);
    expect(h.patches).toEqual([{ messageId: rejected, state: 'REJECTED', reasonCode: 'SCHEMA_INVALID' }]);
    expect(h.events.map((e) => [e.messageId, e.kind, e.detail?.reason])).toEqual([
      [rejected, 'REJECTED', undefined],
      [spoofed, 'IGNORED', 'only the hub issues ACCEPTED and REJECTED receipts'],
      [spoofed, 'IGNORED', 'a DELIVERED receipt must come from the recipient'],
    ]);
  });

  it('hands back, in order, the receipts about anything but a Kennisgeving', async () => {
    const k = randomUUID();
    const progress = randomUUID();
    const h = harness({ [k]: 'SENT' });
    const unknown = aReceipt(progress, 'ACCEPTED');
    const malformed = aReceipt('not-a-uuid', 'ACCEPTED');
    const others = await h.receipts.recordAboutKennisgevingen(manager, [
      unknown,
      aReceipt(k.toUpperCase(), 'ACCEPTED'),
      malformed,
    ]);
    expect(others).toEqual([unknown, malformed]);
    expect(h.locked).toEqual([[progress, k]]);
    expect(h.patches).toEqual([{ messageId: k, state: 'ACCEPTED' }]);
  });
});
