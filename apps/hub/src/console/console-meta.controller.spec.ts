import { MESSAGE_TYPES, REASON_CODES } from '@skp/messages';
import { MESSAGE_STATES } from '../delivery-record/message-state';
import { PARTY_KINDS } from '../parties/party.entity';
import { ConsoleMetaController } from './console-meta.controller';

describe('ConsoleMetaController', () => {
  it('serves the enumerations from their sources of truth', () => {
    const meta = new ConsoleMetaController().meta();
    expect(meta.messageTypes).toEqual([...MESSAGE_TYPES]);
    expect(meta.messageStates).toEqual([...MESSAGE_STATES]);
    expect(meta.reasonCodes).toEqual([...REASON_CODES]);
    expect(meta.partyKinds).toEqual([...PARTY_KINDS]);
    expect(meta.partyStatuses).toEqual(['ACTIVE', 'SUSPENDED']);
    expect(meta.operatorRoles).toEqual(['viewer', 'admin']);
  });
});
