import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { Registry } from 'prom-client';
import { AmqpClient } from '../amqp/amqp-client';
import { Public } from '../http/public-route';
import { DatabaseGate } from '../resilience/database-gate';
import { TrustStoreMonitor } from './trust-store-monitor';

@ApiExcludeController()
@Public()
@Controller()
export class HealthController {
  constructor(
    private readonly gate: DatabaseGate,
    private readonly amqp: AmqpClient,
    private readonly trustStore: TrustStoreMonitor,
  ) {}

  /**
   * Up only when both the database and the broker answer: a load balancer can route on it.
   * Trust-store problems (a stale or unreadable CRL) are warnings, not downtime. While the
   * database or broker is away the app waits (consumers hold their messages); `causes` says why.
   */
  @Get('health')
  async health(@Res() response: Response): Promise<void> {
    const database = (await this.gate.probe()) ? 'up' : 'down';
    const broker = this.amqp.isConnected ? 'up' : 'down';
    const problems = this.amqp.currentProblems;
    const ok = database === 'up' && broker === 'up' && problems.length === 0;
    const trust = this.trustStore.health();
    // why the app waits (no error text: /health is public; the logs have the details)
    const causes: Record<string, string> = {};
    const gate = this.gate.state;
    if (database === 'down') {
      causes.database = gate.since
        ? `unavailable since ${gate.since.toISOString()}; consumers hold their messages and retry`
        : 'does not answer';
    }
    if (broker === 'down') {
      causes.broker = 'not connected; reconnecting';
    }
    response.status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json({
      status: ok ? 'ok' : 'degraded',
      checks: { database, broker, ...(trust && { trustStore: trust.status }) },
      ...(Object.keys(causes).length > 0 ? { causes } : {}),
      ...(problems.length > 0 ? { problems } : {}),
      ...(trust && { warnings: trust.warnings, revocationLists: trust.revocationLists }),
    });
  }
}

@ApiExcludeController()
@Public()
@Controller()
export class MetricsController {
  constructor(private readonly registry: Registry) {}

  @Get('metrics')
  async metrics(@Res() response: Response): Promise<void> {
    response.type(this.registry.contentType).send(await this.registry.metrics());
  }
}
