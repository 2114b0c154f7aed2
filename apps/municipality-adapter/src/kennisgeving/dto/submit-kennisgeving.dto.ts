import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  Email,
  IDENTIFIER_MAX,
  Integer,
  IsoDate,
  Nested,
  Oin,
  OneOf,
  Optional,
  PauseEnd,
  Pattern,
  Required,
  StringList,
  Text,
} from '@skp/messages';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { CreditorList, MAX_CREDITORS, RequestBsn, RequestPostcode } from './request-rules';

/*
 * `POST /kennisgevingen` as the one source of its rules: the ValidationPipe checks these classes
 * for JSON and XML requests, prepareSubmission for CSV rows, and OpenAPI documents them. Rules
 * between fields (one creditor twice, which creditor gets the BSN) are in submission-rules.ts.
 */

export class RequestAddressDto {
  @ApiProperty({ example: 'Stadsplateau' })
  @Required()
  @Text()
  street!: string;

  @ApiProperty({ example: 1, minimum: 1 })
  @Required()
  @Integer(1)
  houseNumber!: number;

  @ApiPropertyOptional({ example: 'A', description: 'one letter' })
  @Optional()
  @Pattern('house-letter', /^[A-Za-z]$/)
  houseLetter?: string;

  @ApiPropertyOptional({ example: 'bis', description: '1-4 letters or digits' })
  @Optional()
  @Pattern('house-number-addition', /^[A-Za-z0-9]{1,4}$/)
  houseNumberAddition?: string;

  @ApiProperty({ example: '3521 AZ', description: 'Dutch postcode; stored normalised as 1234AB' })
  @Required()
  @RequestPostcode()
  postcode!: string;

  @ApiProperty({ example: 'Utrecht' })
  @Required()
  @Text()
  city!: string;
}

/** Names and birth date of a debtor or partner; their BSN rule differs (required or not). */
class RequestNamesDto {
  @ApiPropertyOptional({ example: 'J.' })
  @Optional()
  @Text({ max: 20 })
  initials?: string;

  @ApiProperty({ example: 'Jan' })
  @Required()
  @Text()
  givenNames!: string;

  @ApiPropertyOptional({ example: 'de' })
  @Optional()
  @Text({ max: 20 })
  surnamePrefix?: string;

  @ApiProperty({ example: 'Vries' })
  @Required()
  @Text()
  surname!: string;

  @ApiProperty({ example: '1980-05-17', format: 'date' })
  @Required()
  @IsoDate()
  birthDate!: string;
}

const BSN_TEXT = '9 digits (8 get a leading zero), 11-proef';

export class RequestPersonDto extends RequestNamesDto {
  @ApiPropertyOptional({
    example: '111222333',
    description: `${BSN_TEXT}; sent only to creditors allowed to process it`,
  })
  @Optional()
  @RequestBsn()
  bsn?: string;
}

export class RequestDebtorDto extends RequestNamesDto {
  @ApiProperty({
    example: '111222333',
    description: `${BSN_TEXT}; sent only to creditors allowed to process it`,
  })
  @Required()
  @RequestBsn()
  bsn!: string;

  @ApiProperty({ type: RequestAddressDto })
  @Required()
  @Nested(() => RequestAddressDto)
  address!: RequestAddressDto;
}

export class RequestCounsellorDto {
  @ApiPropertyOptional({ description: 'default: COUNSELLOR_ORGANISATION (or MUNICIPALITY_NAME)' })
  @Optional()
  @Text()
  organisation?: string;

  @ApiPropertyOptional({ description: 'default: COUNSELLOR_NAME' })
  @Optional()
  @Text()
  name?: string;

  @ApiPropertyOptional({ description: 'default: COUNSELLOR_EMAIL' })
  @Optional()
  @Email()
  email?: string;

  @ApiPropertyOptional({ description: 'default: COUNSELLOR_PHONE' })
  @Optional()
  @Text({ max: 40 })
  phone?: string;
}

export class RequestPauseDto {
  @ApiProperty({ example: '2026-03-02', format: 'date' })
  @Required()
  @IsoDate()
  start!: string;

  @ApiPropertyOptional({
    format: 'date',
    description: 'default start + 4 calendar months; at most start + 8 months',
  })
  @Optional()
  @IsoDate()
  @PauseEnd()
  end?: string;
}

export class CreditorRequestDto {
  @ApiProperty({ example: '00000003123456780000', description: "the creditor's OIN" })
  @Required()
  @Oin()
  oin!: string;

  @ApiPropertyOptional({ example: 'K-123' })
  @Optional()
  @Text({ max: IDENTIFIER_MAX })
  customerNumber?: string;

  @ApiPropertyOptional({ type: [String], example: ['F-2026-001'] })
  @Optional()
  @StringList()
  invoiceNumbers?: string[];
}

export class SubmitKennisgevingDto {
  // First, so a creditor's violations come before the case's (as the CSV import reports them).
  @ApiProperty({ type: [CreditorRequestDto], minItems: 1, maxItems: MAX_CREDITORS })
  @Required()
  @CreditorList()
  @ValidateNested({ each: true })
  @Type(() => CreditorRequestDto)
  creditors!: CreditorRequestDto[];

  @ApiProperty({
    example: 'SHV-2026-0001',
    description: "the counsellor's dossier number; idempotency key together with the creditor",
  })
  @Required()
  @Text({ max: IDENTIFIER_MAX })
  caseReference!: string;

  @ApiProperty({ type: RequestDebtorDto })
  @Required()
  @Nested(() => RequestDebtorDto)
  debtor!: RequestDebtorDto;

  @ApiPropertyOptional({ type: RequestPersonDto })
  @Optional()
  @Nested(() => RequestPersonDto)
  partner?: RequestPersonDto;

  @ApiPropertyOptional({
    type: RequestCounsellorDto,
    description: 'fields left out come from the configured counsellor desk',
  })
  @Optional()
  @Nested(() => RequestCounsellorDto)
  counsellor?: RequestCounsellorDto;

  @ApiProperty({ example: '2026-03-02', format: 'date' })
  @Required()
  @IsoDate()
  admissionDate!: string;

  @ApiPropertyOptional({ enum: [1, 2, 3, 4], default: 4 })
  @Optional()
  @OneOf([1, 2, 3, 4])
  signal?: 1 | 2 | 3 | 4;

  @ApiProperty({ type: RequestPauseDto })
  @Required()
  @Nested(() => RequestPauseDto)
  pause!: RequestPauseDto;
}
