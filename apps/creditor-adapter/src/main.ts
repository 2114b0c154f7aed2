import 'reflect-metadata';
import { ConfigError, loadEnv, startHttpApp } from '@skp/platform';
import { CreditorEnv } from './config/creditor.env';
import { CreditorModule } from './creditor.module';

async function main(): Promise<void> {
  const env = loadEnv(CreditorEnv);
  await startHttpApp(CreditorModule.forRoot(env), {
    port: env.PORT,
    title: 'Schuldenknooppunt creditor adapter',
    description:
      "A creditor's connection to the hub: inbox of verified messages, pause acknowledgements and the pause register its collection system asks.",
    bearer: true,
  });
}

main().catch((error: unknown) => {
  // Before the logger exists: configuration and start-up errors go to stderr as one JSON line.
  const message =
    error instanceof ConfigError ? error.message : error instanceof Error ? error.stack : String(error);
  process.stderr.write(`${JSON.stringify({ level: 'fatal', app: 'creditor-adapter', msg: message })}\n`);
  process.exit(1);
});
