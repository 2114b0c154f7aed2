import 'reflect-metadata';
import { runHttpApp } from '@skp/platform';
import { MunicipalityEnv } from './config/municipality.env';
import { MunicipalityModule } from './municipality.module';

runHttpApp('municipality-adapter', MunicipalityEnv, (env) => ({
  module: MunicipalityModule.forRoot(env),
  options: {
    title: 'Schuldenknooppunt municipality adapter',
    description:
      "Submit Kennisgevingen (JSON, XML or CSV import), follow every creditor's receipt and answer, send progress updates.",
    bearer: true,
    configure: (app) => {
      // XML requests and CSV imports arrive as text; JSON is registered by the platform.
      app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'text/csv'], limit: '20mb' });
    },
  },
}));
