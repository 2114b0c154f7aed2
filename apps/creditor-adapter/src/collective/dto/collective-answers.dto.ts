import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { CLAIM_KINDS, PROPOSAL_DECISIONS, PROPOSAL_REJECT_REASONS } from '@skp/messages';

/*
 * Answers typed in by a person. Fields are only whitelisted here: the rules are the message's own
 * (libs/messages) plus the request's, checked in one place (collective-answer-rules.ts), so the
 * 400 names every field and rule the way the hub would judge the signed message.
 */

class ClaimDoc {
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: CLAIM_KINDS }) kind!: string;
  @ApiProperty({ minimum: 0 }) originalAmountCents!: number;
  @ApiProperty({ minimum: 0 }) outstandingAmountCents!: number;
  @ApiPropertyOptional({ minimum: 0 }) costsCents?: number;
  @ApiPropertyOptional({ minimum: 0 }) interestCents?: number;
  @ApiPropertyOptional({ example: '2025-01-31' }) since?: string;
}

class ContactDoc {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
}

export class BalanceStatementDto {
  @ApiProperty({ description: 'false: the debtor is unknown here (claims empty)' })
  @Allow()
  known!: boolean;

  @ApiProperty({ type: [ClaimDoc], description: 'empty iff not known' })
  @Allow()
  claims!: ClaimDoc[];

  @ApiProperty({ description: 'the sum of the claims’ outstandingAmountCents' })
  @Allow()
  totalOutstandingCents!: number;

  @ApiPropertyOptional({ description: 'pre-approval (vooraf akkoord), only to a collective request' })
  @Allow()
  preApproval?: boolean;

  @ApiPropertyOptional()
  @Allow()
  paymentReference?: string;

  @ApiPropertyOptional({ type: ContactDoc })
  @Allow()
  contact?: ContactDoc;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Allow()
  note?: string;
}

export class ProposalResponseDto {
  @ApiProperty({ enum: PROPOSAL_DECISIONS })
  @Allow()
  decision!: string;

  @ApiPropertyOptional({ enum: PROPOSAL_REJECT_REASONS, description: 'required iff REJECTED' })
  @Allow()
  rejectReason?: string;

  @ApiPropertyOptional({ description: 'false (the default): an answer by hand is not by pre-approval' })
  @Allow()
  byPreApproval?: boolean;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Allow()
  note?: string;
}

export class StatusRequestDto {
  @ApiPropertyOptional({ maxLength: 500 })
  @Allow()
  question?: string;
}
