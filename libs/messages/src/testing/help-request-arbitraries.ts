import fc from 'fast-check';
import {
  HELP_REQUEST_STATUSES,
  type Debtor,
  type HelpRequestAcknowledgementBody,
  type HelpRequestBody,
  type MessageType,
  type ResidentContact,
} from '../types';
import { addressArb, createdAtArb, emailArb, noteArb, personArb, phoneArb } from './arbitrary-parts';

/** Valid bodies of Pauzeknop fase 1 (DESIGN §11): the resident's request and its acknowledgement. */

/** A resident as a Kennisgeving's debtor, with or without the BSN they may give. */
export const residentArb: fc.Arbitrary<Debtor> = fc
  .tuple(personArb('optional'), addressArb)
  .map(([person, address]) => ({ ...person, address }));

/** Phone, e-mail or both: never neither. */
export const residentContactArb: fc.Arbitrary<ResidentContact> = fc.oneof(
  fc.record({ phone: phoneArb }, { noNullPrototype: true }),
  fc.record({ email: emailArb }, { noNullPrototype: true }),
  fc.record({ phone: phoneArb, email: emailArb }, { noNullPrototype: true }),
);

export const helpRequestBodyArb: fc.Arbitrary<HelpRequestBody> = fc
  .record(
    {
      resident: residentArb,
      contact: residentContactArb,
      description: noteArb,
      consentAt: createdAtArb,
      urgent: fc.boolean(),
    },
    { requiredKeys: ['resident', 'contact', 'consentAt', 'urgent'], noNullPrototype: true },
  )
  .map((body) => ({ ...body, signal: 1 as const }));

export const helpRequestAcknowledgementBodyArb: fc.Arbitrary<HelpRequestAcknowledgementBody> = fc.record(
  { status: fc.constantFrom(...HELP_REQUEST_STATUSES) },
  { noNullPrototype: true },
);

/** Each Pauzeknop fase 1 type with its body arbitrary, for validMessageArb. */
export const HELP_REQUEST_BODY_ARBS: readonly (readonly [MessageType, fc.Arbitrary<unknown>])[] = [
  ['HelpRequest', helpRequestBodyArb],
  ['HelpRequestAcknowledgement', helpRequestAcknowledgementBodyArb],
];
