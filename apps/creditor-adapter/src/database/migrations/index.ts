import { InitialCreditorSchema1763900000000 } from './1763900000000-InitialCreditorSchema';
import { ClaimsRegister1765100000000 } from './1765100000000-ClaimsRegister';
import { PortalUsers1765200000000 } from './1765200000000-PortalUsers';

/** Every creditor adapter migration, oldest first. */
export const CREDITOR_MIGRATIONS = [
  InitialCreditorSchema1763900000000,
  ClaimsRegister1765100000000,
  PortalUsers1765200000000,
];
