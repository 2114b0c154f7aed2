import 'reflect-metadata';
import { ConfigError, loadEnv, startHttpApp } from '@skp/platform';
import { HubEnv } from './config/hub.env';
import { HubModule } from './hub.module';

async function main(): Promise<void> {
  const env = loadEnv(HubEnv);
  await startHttpApp(HubModule.forRoot(env), {
    port: env.PORT,
    title: 'Schuldenknooppunt hub',
    description: 'Operator API of the hub: delivery record, parties, dead letters and evidence.',
    bearer: true,
  });
}

main().catch((error: unknown) => {
  // Before the logger exists: configuration and start-up errors go to stderr as one JSON line.
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', app: 'hub', msg: message })}\n`);
  process.exit(1);
});
