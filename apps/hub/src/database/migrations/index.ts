import { InitialHubSchema1763800000000 } from './1763800000000-InitialHubSchema';
import { OperatorConsole1763900000000 } from './1763900000000-OperatorConsole';
import { RetentionOfDeadLetters1764700000000 } from './1764700000000-RetentionOfDeadLetters';

/** Every hub migration, oldest first. */
export const HUB_MIGRATIONS = [
  InitialHubSchema1763800000000,
  OperatorConsole1763900000000,
  RetentionOfDeadLetters1764700000000,
];
