import { InitialHubSchema1763800000000 } from './1763800000000-InitialHubSchema';

/** Every hub migration, oldest first. */
export const HUB_MIGRATIONS = [InitialHubSchema1763800000000];
