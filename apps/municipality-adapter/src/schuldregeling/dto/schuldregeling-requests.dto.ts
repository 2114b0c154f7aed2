import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ARRANGEMENT_END_REASONS,
  ARRANGEMENT_TYPES,
  type ArrangementEndReason,
  type ArrangementType,
  IDENTIFIER_MAX,
  Integer,
  isPayoutPercentage,
  IsoDate,
  Nested,
  NOTE_MAX,
  OneOf,
  Optional,
  Required,
  rule,
  Text,
} from '@skp/messages';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import {
  CreditorRequestDto,
  RequestCounsellorDto,
  RequestDebtorDto,
  RequestPersonDto,
} from '../../kennisgeving/dto/submit-kennisgeving.dto';
import { CreditorList, MAX_CREDITORS } from '../../kennisgeving/dto/request-rules';

/* The requests of /schuldregelingen: the one source of their rules and their OpenAPI schema. */

export class SubmitSchuldregelingDto {
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

  @ApiPropertyOptional({
    default: true,
    description:
      'Collectief Schuldregelen: asks each creditor for pre-approval (vooraf akkoord). Default true: the ' +
      'NVVK arrangement is the normal route, and a creditor that does not take part simply answers ' +
      'without pre-approval.',
  })
  @Optional()
  @rule('boolean', (v) => typeof v === 'boolean')
  collective?: boolean;
}

export class ProposalRequestDto {
  @ApiProperty({ enum: ARRANGEMENT_TYPES })
  @Required()
  @OneOf(ARRANGEMENT_TYPES)
  arrangementType!: ArrangementType;

  @ApiPropertyOptional({
    example: '45.67',
    description: 'the share of the debt paid out; give this or availableCents, not both',
  })
  @Optional()
  @rule('payout-percentage', isPayoutPercentage)
  payoutPercentage?: string;

  @ApiPropertyOptional({
    example: 250000,
    description:
      'cents available for all creditors together; the percentage is available ÷ total debt, floored to ' +
      'two decimals. Give this or payoutPercentage, not both.',
  })
  @Optional()
  @Integer(0)
  availableCents?: number;

  @ApiPropertyOptional({ default: 18, minimum: 1, maximum: 36 })
  @Optional()
  @Integer(1, 36)
  termMonths?: number;

  @ApiPropertyOptional({ format: 'date', description: 'default: the first day of next month' })
  @Optional()
  @IsoDate()
  startDate?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @Optional()
  @Text({ max: NOTE_MAX, multiline: true })
  note?: string;
}

export class EndRequestDto {
  @ApiProperty({ enum: ARRANGEMENT_END_REASONS })
  @Required()
  @OneOf(ARRANGEMENT_END_REASONS)
  reason!: ArrangementEndReason;

  @ApiPropertyOptional({ minimum: 0 })
  @Optional()
  @Integer(0)
  paidAmountCents?: number;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @Optional()
  @Text({ max: NOTE_MAX, multiline: true })
  note?: string;
}
