import { Worker } from 'node:worker_threads';
import { loadSigningIdentity, signMessage, TrustStore } from '@skp/crypto';
import { createDevCa, createRevocationList, issuePartyCertificate } from '@skp/crypto/dev';
import { encode, MAX_MESSAGE_BYTES, SkpMessage } from '@skp/messages';
import type { Logger } from '@skp/platform';
import { anUnsignedKennisgeving } from '../../../../test/factories/messages.factory';
import { InboundDelivery, inspect } from './inspection';
import { InspectionWorkers, startInspectionWorker } from './inspection-workers';

const MUNICIPALITY = '00000001002220647000';
const OTHER_MUNICIPALITY = '00000001002220648000';
const CREDITOR = '00000099100000000002';

const quiet = (): Logger & { errors: unknown[][] } => {
  const errors: unknown[][] = [];
  return { errors, error: (...args: unknown[]) => errors.push(args), warn: () => undefined } as never;
};

/** A real inspection worker thread (from the TypeScript sources) against the inline inspection. */
describe('InspectionWorkers', () => {
  const ca = createDevCa();
  const identityOf = (oin: string, keyType: 'ec' | 'rsa', issuer = ca) => {
    const issued = issuePartyCertificate(issuer, { oin, name: `Partij ${oin}`, keyType });
    return {
      issued,
      identity: loadSigningIdentity({ certPem: issued.chainPem.join('\n'), keyPem: issued.keyPem }),
    };
  };
  const ec = identityOf(MUNICIPALITY, 'ec');
  const rsa = identityOf(OTHER_MUNICIPALITY, 'rsa');
  const revoked = identityOf(MUNICIPALITY, 'ec');
  const impostor = identityOf(MUNICIPALITY, 'ec', createDevCa({ commonName: 'Other CA' }));
  const trust = new TrustStore([ca.certPem], [createRevocationList(ca, [revoked.issued.certPem])]);
  const now = new Date();

  const signed = (identity = ec.identity, sender = MUNICIPALITY) =>
    signMessage(anUnsignedKennisgeving({ sender, recipient: CREDITOR }), identity) as SkpMessage;
  const delivery = (content: string, overrides: Partial<InboundDelivery> = {}): InboundDelivery => ({
    content: Buffer.from(content),
    contentType: 'application/json',
    routingKey: MUNICIPALITY,
    ...overrides,
  });

  /** One delivery for each way inspect() can answer. */
  function everyKind(): Array<[string, InboundDelivery]> {
    const valid = signed();
    const tampered = JSON.parse(encode(valid, 'json'));
    tampered.body.caseReference = 'OTHER';
    const invalid = anUnsignedKennisgeving({ sender: MUNICIPALITY, recipient: CREDITOR });
    invalid.body.debtor.bsn = '123456781';
    const signedInvalid = signMessage(invalid, ec.identity) as SkpMessage;
    const brokenInvalid = JSON.parse(encode(signed(), 'json'));
    brokenInvalid.body.debtor.bsn = '123456781';
    const unreadableX5c = JSON.parse(encode(signed(), 'json'));
    const [h, , s] = unreadableX5c.signature.split('.');
    const header = JSON.parse(Buffer.from(h, 'base64url').toString());
    header.x5c = [...header.x5c, 'QUJD'];
    unreadableX5c.signature = `${Buffer.from(JSON.stringify(header)).toString('base64url')}..${s}`;
    return [
      ['valid (EC)', delivery(encode(valid, 'json'))],
      [
        'valid (RSA)',
        delivery(encode(signed(rsa.identity, OTHER_MUNICIPALITY), 'json'), {
          routingKey: OTHER_MUNICIPALITY,
        }),
      ],
      ['valid (XML)', delivery(encode(valid, 'xml'), { contentType: 'application/xml' })],
      ['schema-invalid, signed', delivery(encode(signedInvalid, 'json'))],
      [
        'schema-invalid, signed, other routing key',
        delivery(encode(signedInvalid, 'json'), { routingKey: CREDITOR }),
      ],
      ['schema-invalid, signature broken', delivery(JSON.stringify(brokenInvalid))],
      ['malformed', delivery('{nope')],
      ['too large', delivery(' '.repeat(MAX_MESSAGE_BYTES + 1))],
      ['tampered', delivery(JSON.stringify(tampered))],
      ['untrusted CA', delivery(encode(signed(impostor.identity), 'json'))],
      ['revoked', delivery(encode(signed(revoked.identity), 'json'))],
      ['unreadable x5c', delivery(JSON.stringify(unreadableX5c))],
      ['signer is not the sender', delivery(encode(signed(rsa.identity, MUNICIPALITY), 'json'))],
      ['other routing key', delivery(encode(valid, 'json'), { routingKey: CREDITOR })],
      ['other broker account', delivery(encode(valid, 'json'), { amqpUserId: CREDITOR })],
    ];
  }

  let pool: InspectionWorkers | undefined;
  afterEach(async () => {
    await pool?.onApplicationShutdown();
    pool = undefined;
  });

  it('answers exactly what inline inspection answers, for every kind, in delivery order', async () => {
    const cases = everyKind();
    const deliveries = cases.map(([, d]) => d);
    const inline = deliveries.map((d) => inspect(d, trust, now));
    expect(new Set(inline.map((i) => (i.kind === 'unverifiable' ? i.reasonCode : i.kind)))).toEqual(
      new Set([
        'valid',
        'invalid',
        'SCHEMA_INVALID',
        'MALFORMED',
        'TOO_LARGE',
        'SIGNATURE_INVALID',
        'CERTIFICATE_UNTRUSTED',
        'SENDER_MISMATCH',
      ]),
    );
    const starts: Worker[] = [];
    const logger = quiet();
    pool = new InspectionWorkers(trust, logger, {
      size: 1,
      start: () => {
        starts.push(startInspectionWorker());
        return starts[starts.length - 1];
      },
    });
    const answered = await pool.inspectBatch(deliveries, now);
    cases.forEach(([what], i) =>
      expect({ what, inspection: answered[i] }).toEqual({ what, inspection: inline[i] }),
    );
    expect(starts).toHaveLength(1);
    expect(logger.errors).toEqual([]); // the worker answered: nothing fell back to the main thread
  });

  it('splits a batch over several workers and puts the answers back in delivery order', async () => {
    const deliveries = Array.from({ length: 3 }, () => everyKind().map(([, d]) => d)).flat();
    const logger = quiet();
    pool = new InspectionWorkers(trust, logger, { size: 2 });
    const answered = await pool.inspectBatch(deliveries, now);
    expect(answered).toEqual(deliveries.map((d) => inspect(d, trust, now)));
    expect(logger.errors).toEqual([]);
  });

  it('a worker that dies on a batch is replaced, and the batch is inspected all the same', async () => {
    const logger = quiet();
    let started = 0;
    pool = new InspectionWorkers(trust, logger, {
      size: 1,
      start: () =>
        ++started === 1
          ? new Worker("require('node:worker_threads').parentPort.on('message', () => process.exit(3))", {
              eval: true,
            })
          : startInspectionWorker(),
    });
    const deliveries = everyKind().map(([, d]) => d);
    const expected = deliveries.map((d) => inspect(d, trust, now));
    expect(await pool.inspectBatch(deliveries, now)).toEqual(expected);
    expect(logger.errors).toHaveLength(1);
    expect(await pool.inspectBatch(deliveries, now)).toEqual(expected);
    expect(started).toBe(2);
    expect(logger.errors).toHaveLength(1); // the second batch was answered by the new worker
    expect(pool.size).toBe(1);
  });

  it('a worker that never answers is replaced after the batch timeout', async () => {
    let started = 0;
    pool = new InspectionWorkers(trust, quiet(), {
      size: 1,
      batchTimeoutMs: 200,
      start: () => {
        started++;
        return new Worker("require('node:worker_threads').parentPort.on('message', () => undefined)", {
          eval: true,
        });
      },
    });
    const deliveries = everyKind().map(([, d]) => d);
    expect(await pool.inspectBatch(deliveries, now)).toEqual(deliveries.map((d) => inspect(d, trust, now)));
    await pool.inspectBatch(deliveries.slice(0, 1), now);
    expect(started).toBe(2);
  });

  it('workers that keep failing leave the pool inspecting on the main thread', async () => {
    const logger = quiet();
    pool = new InspectionWorkers(trust, logger, {
      size: 1,
      start: () => {
        throw new Error('no worker today');
      },
    });
    const deliveries = everyKind().map(([, d]) => d);
    for (let i = 0; i < 3; i++) {
      expect(await pool.inspectBatch(deliveries, now)).toEqual(deliveries.map((d) => inspect(d, trust, now)));
    }
    expect(pool.size).toBe(0);
    expect(logger.errors.length).toBeGreaterThanOrEqual(4);
  });

  it('with size 0 inspects inline without starting a worker', async () => {
    pool = new InspectionWorkers(trust, quiet(), {
      size: 0,
      start: () => {
        throw new Error('must not start');
      },
    });
    pool.onModuleInit();
    const deliveries = everyKind().map(([, d]) => d);
    expect(await pool.inspectBatch(deliveries, now)).toEqual(deliveries.map((d) => inspect(d, trust, now)));
  });
});
