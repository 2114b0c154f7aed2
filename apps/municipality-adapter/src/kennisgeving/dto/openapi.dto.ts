import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDITOR_STATES } from '../../tracking/creditor-state';

/*
 * OpenAPI documentation of the adapter's request and response bodies. Requests are validated by
 * prepareSubmission / prepareProgress (which report every violation with its field path and rule),
 * not by these classes: they only describe the contract.
 */

export class AddressDoc {
  @ApiProperty({ example: 'Stadsplateau' }) street!: string;
  @ApiProperty({ example: 1, minimum: 1 }) houseNumber!: number;
  @ApiPropertyOptional({ example: 'A', description: 'one letter' }) houseLetter?: string;
  @ApiPropertyOptional({ example: 'bis', description: '1-4 letters or digits' }) houseNumberAddition?: string;
  @ApiProperty({ example: '3521 AZ', description: 'Dutch postcode; stored normalised as 1234AB' })
  postcode!: string;
  @ApiProperty({ example: 'Utrecht' }) city!: string;
}

export class PersonDoc {
  @ApiPropertyOptional({
    example: '111222333',
    description:
      '9 digits (8 get a leading zero), 11-proef. Required for the debtor; sent only to creditors allowed to process it',
  })
  bsn?: string;
  @ApiPropertyOptional({ example: 'J.' }) initials?: string;
  @ApiProperty({ example: 'Jan' }) givenNames!: string;
  @ApiPropertyOptional({ example: 'de' }) surnamePrefix?: string;
  @ApiProperty({ example: 'Vries' }) surname!: string;
  @ApiProperty({ example: '1980-05-17', format: 'date' }) birthDate!: string;
}

export class DebtorDoc extends PersonDoc {
  @ApiProperty({ type: AddressDoc }) address!: AddressDoc;
}

export class CounsellorDoc {
  @ApiPropertyOptional({ description: 'default: COUNSELLOR_ORGANISATION (or MUNICIPALITY_NAME)' })
  organisation?: string;
  @ApiPropertyOptional({ description: 'default: COUNSELLOR_NAME' }) name?: string;
  @ApiPropertyOptional({ description: 'default: COUNSELLOR_EMAIL' }) email?: string;
  @ApiPropertyOptional({ description: 'default: COUNSELLOR_PHONE' }) phone?: string;
}

export class PauseRequestDoc {
  @ApiProperty({ example: '2026-03-02', format: 'date' }) start!: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'default start + 4 calendar months; at most start + 8 months',
  })
  end?: string;
}

export class CreditorRequestDoc {
  @ApiProperty({ example: '00000003123456780000', description: "the creditor's OIN" }) oin!: string;
  @ApiPropertyOptional({ example: 'K-123' }) customerNumber?: string;
  @ApiPropertyOptional({ type: [String], example: ['F-2026-001'] }) invoiceNumbers?: string[];
}

export const XML_REQUEST_EXAMPLE = `<KennisgevingVerzoek xmlns="urn:nl:schuldenknooppunt:gemeente:1">
  <caseReference>SHV-2026-0001</caseReference>
  <debtor>
    <bsn>111222333</bsn><givenNames>Jan</givenNames><surname>Vries</surname><birthDate>1980-05-17</birthDate>
    <address><street>Stadsplateau</street><houseNumber>1</houseNumber><postcode>3521AZ</postcode><city>Utrecht</city></address>
  </debtor>
  <admissionDate>2026-03-02</admissionDate>
  <pause><start>2026-03-02</start></pause>
  <creditors>
    <creditor><oin>00000003123456780000</oin><customerNumber>K-1</customerNumber>
      <invoiceNumbers><invoiceNumber>F-1</invoiceNumber></invoiceNumbers></creditor>
  </creditors>
</KennisgevingVerzoek>`;

export class SubmitKennisgevingDoc {
  @ApiProperty({
    example: 'SHV-2026-0001',
    description: "the counsellor's dossier number; idempotency key together with the creditor",
  })
  caseReference!: string;
  @ApiProperty({ type: DebtorDoc }) debtor!: DebtorDoc;
  @ApiPropertyOptional({ type: PersonDoc }) partner?: PersonDoc;
  @ApiPropertyOptional({
    type: CounsellorDoc,
    description: 'fields left out come from the configured counsellor desk',
  })
  counsellor?: CounsellorDoc;
  @ApiProperty({ example: '2026-03-02', format: 'date' }) admissionDate!: string;
  @ApiPropertyOptional({ enum: [1, 2, 3, 4], default: 4 }) signal?: number;
  @ApiProperty({ type: PauseRequestDoc }) pause!: PauseRequestDoc;
  @ApiProperty({ type: [CreditorRequestDoc], minItems: 1, maxItems: 200 }) creditors!: CreditorRequestDoc[];
}

export class SubmittedMessageDoc {
  @ApiProperty({ format: 'uuid' }) messageId!: string;
  @ApiProperty({ description: 'creditor OIN' }) creditor!: string;
  @ApiProperty({ enum: ['PUBLIC', 'PRIVATE'] }) variant!: string;
  @ApiProperty({ enum: CREDITOR_STATES }) state!: string;
}

export class SubmissionDoc {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ type: [SubmittedMessageDoc] }) messages!: SubmittedMessageDoc[];
}

export class EventDoc {
  @ApiProperty({ format: 'date-time' }) at!: string;
  @ApiProperty({
    example: 'DELIVERED',
    description:
      'SENT, ACCEPTED, DELIVERED, REJECTED, PAUSED, DECLINED, OVERDUE, PROGRESS_SENT, PROGRESS_<receipt status>, IGNORED',
  })
  kind!: string;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'ids, codes and dates; never personal data',
  })
  detail!: Record<string, unknown>;
}

export class CreditorStatusDoc extends SubmittedMessageDoc {
  @ApiPropertyOptional({ format: 'date' }) pausedUntil?: string;
  @ApiPropertyOptional() declineReason?: string;
  @ApiPropertyOptional() reasonCode?: string;
  @ApiProperty({ format: 'date-time' }) sentAt!: string;
  @ApiProperty({ format: 'date-time' }) answerDeadline!: string;
  @ApiProperty({ type: [EventDoc] }) events!: EventDoc[];
}

export class CaseDoc {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ type: [CreditorStatusDoc] }) creditors!: CreditorStatusDoc[];
}

export class ProgressRequestDoc {
  @ApiProperty({
    enum: [
      'STABILISATION_STARTED',
      'ARRANGEMENT_OFFERED',
      'ARRANGEMENT_AGREED',
      'PAUSE_EXTENDED',
      'PAUSE_ENDED',
    ],
  })
  status!: string;
  @ApiPropertyOptional({
    format: 'date',
    description: 'required iff PAUSE_EXTENDED; at most the original pause start + 8 months',
  })
  newPauseEnd?: string;
  @ApiPropertyOptional({
    enum: ['ARRANGEMENT_REACHED', 'CLIENT_WITHDREW', 'CLIENT_DROPPED_OUT', 'WSNP', 'OTHER'],
    description: 'required iff PAUSE_ENDED',
  })
  endReason?: string;
  @ApiPropertyOptional({ maxLength: 2000 }) note?: string;
}

export class ViolationDoc {
  @ApiProperty({ example: 'debtor.bsn' }) field!: string;
  @ApiProperty({ example: 'bsn-11-proef' }) rule!: string;
  @ApiProperty({ example: 'debtor.bsn is not a valid BSN (fails the 11-proef)' }) message!: string;
}

export class InvalidRequestDoc {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty() message!: string;
  @ApiProperty({ type: [ViolationDoc] }) violations!: ViolationDoc[];
}

export class ImportRowDoc {
  @ApiProperty({ description: 'line in the file where the row starts; the header is line 1' }) line!: number;
  @ApiProperty() caseReference!: string;
  @ApiProperty() creditorOin!: string;
  @ApiProperty({ enum: ['SENT', 'DUPLICATE', 'ERROR'] }) status!: string;
  @ApiPropertyOptional({ format: 'uuid' }) messageId?: string;
  @ApiPropertyOptional({ type: [ViolationDoc], description: 'field = CSV column' }) errors?: ViolationDoc[];
}

export class ImportSummaryDoc {
  @ApiProperty() sent!: number;
  @ApiProperty() duplicate!: number;
  @ApiProperty() failed!: number;
}

export class ImportJobDoc {
  @ApiProperty({ format: 'uuid' }) jobId!: string;
  @ApiProperty({ enum: ['RUNNING', 'DONE', 'FAILED'] }) status!: string;
  @ApiProperty() totalRows!: number;
  @ApiProperty() processedRows!: number;
  @ApiProperty({ type: ImportSummaryDoc }) summary!: ImportSummaryDoc;
  @ApiProperty({ type: [ImportRowDoc] }) rows!: ImportRowDoc[];
}
