import 'reflect-metadata';
import { ConfigError, loadEnv, startHttpApp } from '@skp/platform';
import { MunicipalityEnv } from './config/municipality.env';
import { MunicipalityModule } from './municipality.module';

async function main(): Promise<void> {
  const env = loadEnv(MunicipalityEnv);
  await startHttpApp(MunicipalityModule.forRoot(env), {
    port: env.PORT,
    title: 'Schuldenknooppunt municipality adapter',
    description:
      "Submit Kennisgevingen (JSON, XML or CSV import), follow every creditor's receipt and answer, send progress updates.",
    bearer: true,
    configure: (app) => {
      // XML requests and CSV imports arrive as text; JSON is registered by the platform.
      app.useBodyParser('text', { type: ['application/xml', 'text/xml', 'text/csv'], limit: '20mb' });
    },
  });
}

main().catch((error: unknown) => {
  // Before the logger exists: configuration and start-up errors go to stderr as one JSON line.
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', app: 'municipality-adapter', msg: message })}\n`);
  process.exit(1);
});
