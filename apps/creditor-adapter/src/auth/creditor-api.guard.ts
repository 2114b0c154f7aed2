import { CanActivate, ExecutionContext } from '@nestjs/common';
import { BearerTokenGuard, HealthController, MetricsController } from '@skp/platform';

const OPEN_CONTROLLERS: unknown[] = [HealthController, MetricsController];

/** Bearer token (`CREDITOR_API_TOKEN`) on every route but /health and /metrics (and /docs, served outside Nest). */
export class CreditorApiGuard implements CanActivate {
  private readonly bearer: BearerTokenGuard;

  constructor(token: string) {
    this.bearer = new BearerTokenGuard(token);
  }

  canActivate(context: ExecutionContext): boolean {
    return OPEN_CONTROLLERS.includes(context.getClass()) || this.bearer.canActivate(context);
  }
}
