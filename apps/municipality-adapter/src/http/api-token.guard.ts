import { Inject, Injectable } from '@nestjs/common';
import { BearerTokenGuard } from '@skp/platform';
import type { MunicipalityEnv } from '../config/municipality.env';
import { MUNICIPALITY_ENV } from '../municipality.tokens';

/** The adapter API's bearer token (MUNICIPALITY_API_TOKEN); /health, /metrics and /docs stay open. */
@Injectable()
export class ApiTokenGuard extends BearerTokenGuard {
  constructor(@Inject(MUNICIPALITY_ENV) env: MunicipalityEnv) {
    super(env.MUNICIPALITY_API_TOKEN);
  }
}
