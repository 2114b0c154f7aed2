import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CLAIM_KINDS } from '@skp/messages';
import { FieldViolationDoc } from '@skp/platform';
import type { ClaimRecord } from '../claim.entity';

/** A claim as the API shows it; personal data only ever in a response body. */
export function toClaimView(claim: ClaimRecord) {
  return {
    reference: claim.reference,
    kind: claim.kind,
    originalAmountCents: claim.originalAmountCents,
    outstandingAmountCents: claim.outstandingAmountCents,
    customerNumber: claim.customerNumber,
    bsn: claim.bsn,
    surnameKey: claim.surnameKey,
    birthDate: claim.birthDate,
    postcode: claim.postcode,
    since: claim.since,
    updatedAt: claim.updatedAt.toISOString(),
  };
}

/* OpenAPI description of an import's answer. */

export class ClaimImportRowDoc {
  @ApiProperty({ description: 'line in the file; the header is line 1' }) line!: number;
  @ApiPropertyOptional() reference?: string;
  @ApiProperty({ enum: ['STORED', 'ERROR'] }) status!: string;
  @ApiPropertyOptional({ type: [FieldViolationDoc], description: 'field = CSV column' })
  errors?: FieldViolationDoc[];
}

export class ClaimImportSummaryDoc {
  @ApiProperty() stored!: number;
  @ApiProperty() failed!: number;
}

export class ClaimImportDoc {
  @ApiProperty({ type: ClaimImportSummaryDoc }) summary!: ClaimImportSummaryDoc;
  @ApiProperty({ type: [ClaimImportRowDoc] }) rows!: ClaimImportRowDoc[];
}

export class ClaimDoc {
  @ApiProperty() reference!: string;
  @ApiProperty({ enum: CLAIM_KINDS }) kind!: string;
  @ApiProperty() originalAmountCents!: number;
  @ApiProperty() outstandingAmountCents!: number;
  @ApiPropertyOptional({ nullable: true }) customerNumber?: string;
  @ApiPropertyOptional({ nullable: true }) bsn?: string;
  @ApiPropertyOptional({ nullable: true, description: 'surname as matched: lower case, no accents' })
  surnameKey?: string;
  @ApiPropertyOptional({ nullable: true }) birthDate?: string;
  @ApiPropertyOptional({ nullable: true }) postcode?: string;
  @ApiPropertyOptional({ nullable: true }) since?: string;
  @ApiProperty() updatedAt!: string;
}

export class ClaimsPageDoc {
  @ApiProperty({ type: [ClaimDoc] }) claims!: ClaimDoc[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
