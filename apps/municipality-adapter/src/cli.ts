import 'reflect-metadata';
import { runPortalCli } from '@skp/platform';
import { MunicipalityEnv } from './config/municipality.env';
import { MUNICIPALITY_MIGRATIONS } from './database/migrations';

runPortalCli({
  app: 'municipality-adapter',
  npmScript: 'municipality',
  envClass: MunicipalityEnv,
  migrations: MUNICIPALITY_MIGRATIONS,
});
