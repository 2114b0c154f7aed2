import { ApiProperty } from '@nestjs/swagger';

/** OpenAPI description of one FieldViolation. */
export class FieldViolationDoc {
  @ApiProperty({
    example: 'debtor.bsn',
    description: 'field path, e.g. debtor.address.postcode or creditors[1].oin',
  })
  field!: string;
  @ApiProperty({ example: 'bsn-11-proef', description: 'the rule the field breaks' })
  rule!: string;
  @ApiProperty({
    example: 'debtor.bsn is not a valid BSN (fails the 11-proef)',
    description: 'never shows the value',
  })
  message!: string;
}

/** OpenAPI description of the one error body of every app (400, 413, 415). */
export class HttpErrorDoc {
  @ApiProperty({ example: 400 }) statusCode!: number;
  @ApiProperty({ example: 'Bad Request' }) error!: string;
  @ApiProperty({ description: 'every violation in one sentence' }) message!: string;
  @ApiProperty({ type: [FieldViolationDoc], description: 'empty when no field is at fault' })
  violations!: FieldViolationDoc[];
}
