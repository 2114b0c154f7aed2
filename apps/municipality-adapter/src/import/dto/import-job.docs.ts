import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { FieldViolationDoc } from '@skp/platform';

/* OpenAPI description of an import job and its per-row results. */

export class ImportRowDoc {
  @ApiProperty({ description: 'line in the file where the row starts; the header is line 1' }) line!: number;
  @ApiProperty() caseReference!: string;
  @ApiProperty() creditorOin!: string;
  @ApiProperty({ enum: ['SENT', 'DUPLICATE', 'ERROR'] }) status!: string;
  @ApiPropertyOptional({ format: 'uuid' }) messageId?: string;
  @ApiPropertyOptional({ type: [FieldViolationDoc], description: 'field = CSV column' })
  errors?: FieldViolationDoc[];
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
