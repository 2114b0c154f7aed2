import { Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { BearerTokenGuard } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';

/**
 * The adapter's global guard: the bearer token MUNICIPALITY_API_TOKEN on every route not marked
 * @Public() (/health and /metrics are; /docs is served outside the router).
 */
@Injectable()
export class ApiTokenGuard extends BearerTokenGuard {
  constructor(@Inject(MUNICIPALITY_ENV) env: MunicipalityEnv, reflector: Reflector) {
    super(env.MUNICIPALITY_API_TOKEN, reflector);
  }
}
