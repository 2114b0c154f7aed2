import { TrustStore } from '@skp/crypto';
import { createDevCa, createIntermediateCa, issueRevocationList } from '@skp/crypto/dev';
import type { Response } from 'express';
import type { Logger } from 'pino';
import type { DatabaseGate } from '../resilience/database-gate';
import { AmqpClient } from '../amqp/amqp-client';
import { HealthController } from './health.controller';
import { TrustStoreMonitor } from './trust-store-monitor';

const DAY = 86_400_000;

function recordingLogger() {
  const lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  const at =
    (level: string) =>
    (fields: Record<string, unknown>, message: string): void =>
      void lines.push({ level, fields, message });
  return { lines, logger: { info: at('info'), warn: at('warn'), error: at('error') } as unknown as Logger };
}

async function healthOf(
  monitor: TrustStoreMonitor,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const controller = new HealthController(
    { probe: () => Promise.resolve(true), state: { available: true } } as unknown as DatabaseGate,
    { isConnected: true, currentProblems: [] } as unknown as AmqpClient,
    monitor,
  );
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const response = {
    status(code: number) {
      sent.status = code;
      return response;
    },
    json(body: Record<string, unknown>) {
      sent.body = body;
    },
  };
  await controller.health(response as unknown as Response);
  return sent;
}

describe('trust store in logs and /health', () => {
  const root = createDevCa({ commonName: 'Health Root' });
  const subCa = createIntermediateCa(root, { commonName: 'Health Sub-CA' });

  it('logs what happened before and after start-up, with the CA name and file, never throwing', () => {
    const trust = new TrustStore([root.certPem], [issueRevocationList(subCa)]);
    const { lines, logger } = recordingLogger();
    new TrustStoreMonitor(logger, trust).onModuleInit();
    expect(lines).toEqual([
      {
        level: 'warn',
        fields: {
          event: 'crl.pending',
          ca: expect.stringContaining('CN=Health Sub-CA'),
          source: 'inline CRL #1',
        },
        message: expect.stringContaining('is pending until its issuing CA is known'),
      },
    ]);
  });

  it('shows a stale CRL as a warning naming the CA while the app stays ok (200)', async () => {
    const stale = issueRevocationList(root, {
      thisUpdate: new Date(Date.now() - 10 * DAY),
      nextUpdate: new Date(Date.now() - DAY),
    });
    const monitor = new TrustStoreMonitor(recordingLogger().logger, new TrustStore([root.certPem], [stale]));
    const { status, body } = await healthOf(monitor);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      status: 'ok',
      checks: { database: 'up', broker: 'up', trustStore: 'warn' },
      warnings: [expect.stringMatching(/^CRL of .*CN=Health Root is stale/)],
      revocationLists: [expect.objectContaining({ stale: true })],
    });
  });

  it('reports only database and broker for an app without a trust store', async () => {
    const { body } = await healthOf(new TrustStoreMonitor(recordingLogger().logger, undefined));
    expect(body).toEqual({ status: 'ok', checks: { database: 'up', broker: 'up' } });
  });
});
