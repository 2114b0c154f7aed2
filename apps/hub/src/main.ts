import 'reflect-metadata';
import { runHttpApp } from '@skp/platform';
import { RefusalAudit } from './audit/refusal-audit';
import { HubEnv } from './config/hub.env';
import { HubModule } from './hub.module';

runHttpApp('hub', HubEnv, (env) => ({
  module: HubModule.forRoot(env),
  options: {
    title: 'Schuldenknooppunt hub',
    description: 'Operator API of the hub: delivery record, parties, dead letters and evidence.',
    bearer: true,
    configureFirst: (app) => app.use(app.get(RefusalAudit).middleware),
  },
}));
