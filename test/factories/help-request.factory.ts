import {
  buildHeader,
  buildReplyHeader,
  type HelpRequestAcknowledgementBody,
  type HelpRequestBody,
  type MessageHeader,
  type UnsignedMessage,
} from '@skp/messages';
import { TEST_MUNICIPALITY_OIN } from './messages.factory';

/** Test data of Pauzeknop fase 1 (DESIGN §11): a resident's HelpRequest and its acknowledgement. */

/** The hub's OIN in the test PKI and the unit specs. */
export const TEST_HUB_OIN = '00000099000000000001';

/** An urgent request from a resident who gave a phone number and a BSN (111222333). */
export function aHelpRequestBody(overrides: Partial<HelpRequestBody> = {}): HelpRequestBody {
  return {
    resident: {
      bsn: '111222333',
      givenNames: 'Fatima',
      surname: 'El Amrani',
      birthDate: '1991-08-30',
      address: { street: 'Kanaalstraat', houseNumber: 12, postcode: '3531CJ', city: 'Utrecht' },
    },
    contact: { phone: '0612345678' },
    description: 'Huurachterstand.\nBellen kan na 17:00.',
    consentAt: new Date(Date.now() - 1000).toISOString(),
    signal: 1,
    urgent: true,
    ...overrides,
  };
}

export function anUnsignedHelpRequest(
  input: {
    sender?: string;
    recipient?: string;
    header?: Partial<MessageHeader>;
    body?: Partial<HelpRequestBody>;
  } = {},
): UnsignedMessage<'HelpRequest'> {
  const header = buildHeader({
    type: 'HelpRequest',
    sender: input.sender ?? TEST_HUB_OIN,
    recipient: input.recipient ?? TEST_MUNICIPALITY_OIN,
  });
  return { header: { ...header, ...input.header, type: 'HelpRequest' }, body: aHelpRequestBody(input.body) };
}

/** The municipality's answer to `request` (default CONTACTED), back to the hub in its conversation. */
export function anUnsignedHelpRequestAcknowledgement(
  request: Pick<MessageHeader, 'messageId' | 'sender' | 'recipient' | 'conversationId'>,
  input: { header?: Partial<MessageHeader>; body?: Partial<HelpRequestAcknowledgementBody> } = {},
): UnsignedMessage<'HelpRequestAcknowledgement'> {
  const header = buildReplyHeader('HelpRequestAcknowledgement', request);
  return {
    header: { ...header, ...input.header, type: 'HelpRequestAcknowledgement' },
    body: { status: 'CONTACTED', ...input.body },
  };
}
