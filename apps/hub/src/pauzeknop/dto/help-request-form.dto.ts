import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsBoolean, IsObject, IsOptional, IsString, Matches, MaxLength } from 'class-validator';

/**
 * What the Pauzeknop page posts. `resident` and `contact` have the HelpRequest body's own shape and
 * are checked by the message's rules (libs/messages), so the page and the message never disagree.
 */
export class HelpRequestFormDto {
  @ApiProperty({ description: 'OIN of the chosen municipality party', example: '00000001002220647000' })
  @Matches(/^\d{20}$/, { message: 'municipality must be the 20-digit OIN of a municipality' })
  municipality!: string;

  @ApiProperty({ description: 'as a HelpRequest body.resident: name, birthDate, address, bsn?' })
  @IsObject()
  resident!: Record<string, unknown>;

  @ApiProperty({ description: 'phone and/or email' })
  @IsObject()
  contact!: Record<string, unknown>;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  description?: string;

  @ApiProperty({ description: 'the resident agrees that the municipality receives the request' })
  @Equals(true, { message: 'consent must be given' })
  consent!: boolean;

  @ApiProperty({ description: 'eviction, disconnection or garnishment is imminent' })
  @IsBoolean()
  urgent!: boolean;

  @ApiProperty({ description: 'from GET /api/pauzeknop/challenge' })
  @IsString()
  @MaxLength(400)
  challenge!: string;

  @ApiProperty({ description: 'the proof-of-work solution' })
  @IsString()
  @MaxLength(32)
  nonce!: string;
}
