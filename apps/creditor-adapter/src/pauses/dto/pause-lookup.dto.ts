import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** One of three ways to name the debtor; personal data travels only in this body. */
export class PauseLookupDto {
  @ApiPropertyOptional({ description: 'BSN (only when this creditor may process it)', example: '111222333' })
  @IsOptional()
  @IsString()
  @MaxLength(20)
  bsn?: string;

  @ApiPropertyOptional({ description: "the creditor's own customer number" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  customerNumber?: string;

  @ApiPropertyOptional({ description: 'surname, with or without prefix (with birthDate and postcode)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  surname?: string;

  @ApiPropertyOptional({ example: '1980-05-17' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  birthDate?: string;

  @ApiPropertyOptional({ example: '3521AZ' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  postcode?: string;
}

export class PauseLookupResponse {
  @ApiProperty()
  paused!: boolean;
  @ApiPropertyOptional({ description: 'last day of the pause (inclusive)' })
  pausedUntil?: string;
  @ApiPropertyOptional()
  since?: string;
  @ApiPropertyOptional()
  caseReference?: string;
  @ApiPropertyOptional()
  municipality?: { code: string; name: string };
  @ApiPropertyOptional()
  counsellor?: { organisation: string; name: string; email: string; phone?: string };
  @ApiPropertyOptional()
  conversationId?: string;
}
