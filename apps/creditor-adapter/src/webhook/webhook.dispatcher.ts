import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { InjectLogger, Logger } from '@skp/platform';
import type { CreditorEnv } from '../config/creditor.env';
import { CREDITOR_ENV } from '../creditor.tokens';
import { InboxRepository } from '../inbox/inbox.repository';
import { CreditorMetrics } from '../metrics/creditor.metrics';
import { BackoffOptions, nextRetryDelayMs } from './webhook-backoff';
import { ClaimedDelivery, WebhookRepository } from './webhook.repository';

const BATCH = 20;

/**
 * Forwards each new message to the collection system (`CREDITOR_WEBHOOK_URL`, POST of the signed
 * message as JSON). Pending deliveries live in the database, so retries survive restarts; a failed
 * attempt is retried with exponential backoff until CREDITOR_WEBHOOK_MAX_ATTEMPTS.
 */
@Injectable()
export class WebhookDispatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop?: Promise<void>;
  private wake?: () => void;
  private readonly backoff: BackoffOptions;

  constructor(
    @Inject(CREDITOR_ENV) private readonly env: CreditorEnv,
    private readonly deliveries: WebhookRepository,
    private readonly inbox: InboxRepository,
    private readonly metrics: CreditorMetrics,
    @InjectLogger() private readonly logger: Logger,
  ) {
    this.backoff = {
      baseDelayMs: env.CREDITOR_WEBHOOK_BASE_DELAY_MS,
      maxDelayMs: env.CREDITOR_WEBHOOK_MAX_DELAY_MS,
      maxAttempts: env.CREDITOR_WEBHOOK_MAX_ATTEMPTS,
    };
  }

  get enabled(): boolean {
    return Boolean(this.env.CREDITOR_WEBHOOK_URL);
  }

  onApplicationBootstrap(): void {
    if (!this.enabled) {
      return;
    }
    this.metrics.backlogSource = () => this.deliveries.backlog();
    this.running = true;
    this.loop = this.run();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
  }

  /** Attempts every due delivery once; returns how many it attempted. */
  async deliverDue(): Promise<number> {
    // The lease outlasts one attempt, so a slow endpoint is never called twice at once for a message.
    const claimed = await this.deliveries.claimDue(BATCH, this.env.CREDITOR_WEBHOOK_TIMEOUT_MS * 2 + 5000);
    await Promise.all(claimed.map((delivery) => this.deliverOne(delivery)));
    return claimed.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let attempted = 0;
      try {
        attempted = await this.deliverDue();
      } catch (err) {
        this.logger.warn({ err: (err as Error).message }, 'webhook loop failed; retrying');
      }
      if (attempted < BATCH) {
        await this.idle(this.env.CREDITOR_WEBHOOK_POLL_MS);
      }
    }
  }

  private async deliverOne(delivery: ClaimedDelivery): Promise<void> {
    const attempts = delivery.attempts + 1;
    const log = this.logger.child({ messageId: delivery.messageId, attempt: attempts });
    try {
      const entry = await this.inbox.findOne(delivery.messageId);
      if (!entry) {
        throw new Error('message not in the inbox');
      }
      const response = await fetch(this.env.CREDITOR_WEBHOOK_URL as string, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-skp-message-id': entry.messageId,
          'x-skp-message-type': entry.type,
        },
        body: JSON.stringify(entry.message),
        signal: AbortSignal.timeout(this.env.CREDITOR_WEBHOOK_TIMEOUT_MS),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) {
        throw new Error(`webhook answered HTTP ${response.status}`);
      }
      await this.deliveries.markDelivered(delivery.id, attempts);
      this.metrics.webhookDeliveries.inc();
    } catch (err) {
      this.metrics.webhookFailures.inc();
      const retryInMs = nextRetryDelayMs(attempts, this.backoff);
      const reason = (err as Error).message;
      await this.deliveries.markFailed(delivery.id, attempts, reason, retryInMs);
      if (retryInMs === null) {
        log.error({ err: reason }, 'webhook delivery given up after the maximum number of attempts');
      } else {
        log.warn({ err: reason, retryInMs }, 'webhook delivery failed; will retry');
      }
    }
  }

  private idle(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }
}
