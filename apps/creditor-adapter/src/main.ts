import 'reflect-metadata';
import { runHttpApp } from '@skp/platform';
import { CreditorEnv } from './config/creditor.env';
import { CreditorModule } from './creditor.module';

runHttpApp('creditor-adapter', CreditorEnv, (env) => ({
  module: CreditorModule.forRoot(env),
  options: {
    title: 'Schuldenknooppunt creditor adapter',
    description:
      "A creditor's connection to the hub: inbox of verified messages, pause acknowledgements and the pause register its collection system asks, the claims register and Collectief Schuldregelen answers.",
    bearer: true,
    configure: (app) => {
      // claims imports arrive as CSV text; JSON is registered by the platform
      app.useBodyParser('text', { type: ['text/csv'], limit: '20mb' });
    },
  },
}));
