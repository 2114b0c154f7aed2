import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQueryDto } from '@skp/platform';
import { CREDITOR_STATES } from '../creditor-state';

export const ATTENTION_FILTERS = ['overdue', 'declined', 'rejected'] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number];

/** `GET /kennisgevingen?attention=&caseReference=&limit=&offset=` */
export class CaseListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: ATTENTION_FILTERS,
    description: 'only cases with at least one creditor in this state',
  })
  @IsOptional()
  @IsIn(ATTENTION_FILTERS, { message: `attention must be one of ${ATTENTION_FILTERS.join(', ')}` })
  attention?: AttentionFilter;

  @ApiPropertyOptional({ description: 'case references starting with this text' })
  @IsOptional()
  @IsString({ message: 'caseReference must be text' })
  @MaxLength(100, { message: 'caseReference must be at most 100 characters' })
  caseReference?: string;
}

export class CaseListCreditorDoc {
  @ApiProperty() oin!: string;
  @ApiPropertyOptional({ description: "the creditor's name in the hub directory, when known" }) name?: string;
  @ApiProperty({ enum: CREDITOR_STATES }) state!: string;
  @ApiPropertyOptional({ format: 'date' }) pausedUntil?: string;
  @ApiPropertyOptional() reasonCode?: string;
  @ApiPropertyOptional() declineReason?: string;
}

export class CaseListItemDoc {
  @ApiProperty() caseReference!: string;
  @ApiProperty({ format: 'date-time', description: 'when the first Kennisgeving of the case went out' })
  createdAt!: string;
  @ApiPropertyOptional({ example: 'J. de Vries', description: 'initials and surname; never the BSN' })
  debtorLabel?: string;
  @ApiProperty({ type: [CaseListCreditorDoc] }) creditors!: CaseListCreditorDoc[];
}

export class CaseListDoc {
  @ApiProperty({ type: [CaseListItemDoc] }) items!: CaseListItemDoc[];
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
  @ApiPropertyOptional({ description: 'offset of the next page; absent on the last page' })
  nextOffset?: number;
}

export type CaseListCreditorView = CaseListCreditorDoc;
export interface CaseListItemView {
  caseReference: string;
  createdAt: string;
  debtorLabel?: string;
  creditors: CaseListCreditorView[];
}
export interface CaseListView {
  items: CaseListItemView[];
  limit: number;
  offset: number;
  nextOffset?: number;
}
