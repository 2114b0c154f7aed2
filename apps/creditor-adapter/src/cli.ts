import 'reflect-metadata';
import { runPortalCli } from '@skp/platform';
import { CreditorEnv } from './config/creditor.env';
import { CREDITOR_MIGRATIONS } from './database/migrations';

runPortalCli({
  app: 'creditor-adapter',
  npmScript: 'creditor',
  envClass: CreditorEnv,
  migrations: CREDITOR_MIGRATIONS,
});
