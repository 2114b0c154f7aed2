import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Allow } from 'class-validator';
import { DECISIONS, DECLINE_REASONS } from '@skp/messages';

class ContactDto {
  @ApiProperty() name!: string;
  @ApiPropertyOptional() email?: string;
  @ApiPropertyOptional() phone?: string;
}

/**
 * The PauseAcknowledgement body as typed in by a person. Fields are only whitelisted here: the
 * rules are the message's own (libs/messages) plus the Kennisgeving's, checked in one place
 * (acknowledgement-rules.ts) so the 400 names every field and rule the same way the hub would.
 */
export class AcknowledgementDto {
  @ApiProperty({ enum: DECISIONS })
  @Allow()
  decision!: string;

  @ApiPropertyOptional({
    description: 'required iff PAUSED; not after the requested end nor the policy maximum',
    example: '2026-09-30',
  })
  @Allow()
  pausedUntil?: string;

  @ApiPropertyOptional({ enum: DECLINE_REASONS, description: 'required iff DECLINED' })
  @Allow()
  declineReason?: string;

  @ApiPropertyOptional()
  @Allow()
  creditorCustomerNumber?: string;

  @ApiPropertyOptional({ type: [String] })
  @Allow()
  invoiceNumbers?: string[];

  @ApiPropertyOptional({ minimum: 0 })
  @Allow()
  outstandingAmountCents?: number;

  @ApiPropertyOptional({ type: ContactDto })
  @Allow()
  contact?: ContactDto;

  @ApiPropertyOptional({ maxLength: 2000 })
  @Allow()
  note?: string;
}
