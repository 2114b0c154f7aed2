import { InitialCreditorSchema1763900000000 } from './1763900000000-InitialCreditorSchema';

/** Every creditor adapter migration, oldest first. */
export const CREDITOR_MIGRATIONS = [InitialCreditorSchema1763900000000];
