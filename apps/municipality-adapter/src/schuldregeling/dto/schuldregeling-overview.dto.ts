import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@skp/platform';
import { ARRANGEMENT_TYPES } from '@skp/messages';
import { DOSSIER_STATES, type DossierState } from '../schuldregeling-state';

/** `GET /schuldregelingen?limit=&offset=` */
export class DossierListQueryDto extends PageQueryDto {}

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
