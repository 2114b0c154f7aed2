import { InitialCreditorSchema1763900000000 } from './1763900000000-InitialCreditorSchema';
import { ClaimsRegister1765100000000 } from './1765100000000-ClaimsRegister';

/** Every creditor adapter migration, oldest first. */
export const CREDITOR_MIGRATIONS = [InitialCreditorSchema1763900000000, ClaimsRegister1765100000000];
