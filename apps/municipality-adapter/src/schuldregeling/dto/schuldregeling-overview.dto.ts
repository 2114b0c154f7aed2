import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { ARRANGEMENT_TYPES } from '@skp/messages';
import { DOSSIER_STATES, type DossierState } from '../schuldregeling-state';

/** `GET /schuldregelingen?limit=&offset=` */
export class DossierListQueryDto {
  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be a whole number' })
  @Min(1, { message: 'limit must be at least 1' })
  @Max(200, { message: 'limit must be at most 200' })
  limit?: number;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'offset must be a whole number' })
  @Min(0, { message: 'offset must be at least 0' })
  offset?: number;
}

export class DossierListItemView {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ enum: DOSSIER_STATES }) state!: DossierState;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ description: 'creditors asked for their balance' }) creditors!: number;
  @ApiProperty({ description: 'creditors that stated their balance' }) answered!: number;
  @ApiPropertyOptional({ description: 'sum of the balances stated so far, in cents' })
  totalDebtCents?: number;
}

export class DossierListView {
  @ApiProperty({ type: [DossierListItemView] }) items!: DossierListItemView[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiPropertyOptional({ description: 'offset of the next page; absent on the last page' })
  nextOffset?: number;
}

export class OfferView {
  @ApiProperty() oin!: string;
  @ApiProperty() creditorTotalCents!: number;
  @ApiProperty() offeredAmountCents!: number;
}

export class ProposalPreviewView {
  @ApiProperty() caseReference!: string;
  @ApiProperty({
    description: 'false while a creditor still owes its balance: the proposal cannot go out yet',
  })
  balancesComplete!: boolean;
  @ApiProperty({ enum: ARRANGEMENT_TYPES }) arrangementType!: string;
  @ApiProperty({ example: '45.67' }) payoutPercentage!: string;
  @ApiProperty() totalDebtCents!: number;
  @ApiProperty() offeredTotalCents!: number;
  @ApiProperty() roundingCents!: number;
  @ApiPropertyOptional() unallocatedCents?: number;
  @ApiProperty() termMonths!: number;
  @ApiProperty({ format: 'date' }) startDate!: string;
  @ApiProperty({ format: 'date' }) endDate!: string;
  @ApiProperty({ type: [OfferView] }) offers!: OfferView[];
}
