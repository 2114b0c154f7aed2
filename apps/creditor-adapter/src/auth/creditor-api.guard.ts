import { Reflector } from '@nestjs/core';
import { BearerTokenGuard } from '@skp/platform';

/**
 * The creditor adapter's global guard: the bearer token `CREDITOR_API_TOKEN` on every route that
 * is not marked @Public() (/health and /metrics are; /docs is served outside the router).
 */
export class CreditorApiGuard extends BearerTokenGuard {
  constructor(token: string, reflector: Reflector) {
    super(token, reflector);
  }
}
