import { InitialMunicipalitySchema1763900000000 } from './1763900000000-InitialMunicipalitySchema';
import { DurableImportJobs1765000000000 } from './1765000000000-DurableImportJobs';
import { Schuldregelingen1765100000000 } from './1765100000000-Schuldregelingen';
import { PortalUsers1765200000000 } from './1765200000000-PortalUsers';
import { CaseDebtors1765300000000 } from './1765300000000-CaseDebtors';
import { HelpRequests1765800000000 } from './1765800000000-HelpRequests';

/** In order; applied at start-up unless DB_SKIP_MIGRATIONS=true. */
export const MUNICIPALITY_MIGRATIONS = [
  InitialMunicipalitySchema1763900000000,
  DurableImportJobs1765000000000,
  Schuldregelingen1765100000000,
  PortalUsers1765200000000,
  CaseDebtors1765300000000,
  HelpRequests1765800000000,
];
