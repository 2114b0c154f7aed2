import { InitialHubSchema1763800000000 } from './1763800000000-InitialHubSchema';
import { OperatorConsole1763900000000 } from './1763900000000-OperatorConsole';
import { PartyBrokerAccount1764600000000 } from './1764600000000-PartyBrokerAccount';
import { RetentionOfDeadLetters1764700000000 } from './1764700000000-RetentionOfDeadLetters';
import { OperatorDisable1764800000000 } from './1764800000000-OperatorDisable';
import { ConversationState1765100000000 } from './1765100000000-ConversationState';
import { OutboxStoredPayloads1765400000000 } from './1765400000000-OutboxStoredPayloads';
import { HelpRequestDeadline1765600000000 } from './1765600000000-HelpRequestDeadline';
import { Pauzeknop1765700000000 } from './1765700000000-Pauzeknop';
import { Lz4Payloads1765900000000 } from './1765900000000-Lz4Payloads';

/** Every hub migration, oldest first. */
export const HUB_MIGRATIONS = [
  InitialHubSchema1763800000000,
  OperatorConsole1763900000000,
  PartyBrokerAccount1764600000000,
  RetentionOfDeadLetters1764700000000,
  OperatorDisable1764800000000,
  ConversationState1765100000000,
  OutboxStoredPayloads1765400000000,
  HelpRequestDeadline1765600000000,
  Pauzeknop1765700000000,
  Lz4Payloads1765900000000,
];
