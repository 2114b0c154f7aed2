import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CREDITOR_STATES } from '../creditor-state';

/* OpenAPI description of the submission API's answers (requests: submit-kennisgeving.dto.ts). */

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
  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    description: 'the debtor as first submitted (personal data: the municipality’s own)',
  })
  debtor?: Record<string, unknown>;
  @ApiProperty({ type: [CreditorStatusDoc] }) creditors!: CreditorStatusDoc[];
}
