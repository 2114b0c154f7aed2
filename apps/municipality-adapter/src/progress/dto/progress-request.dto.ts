import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  END_REASONS,
  IsoDate,
  NOTE_MAX,
  OneOf,
  Optional,
  PROGRESS_STATUSES,
  Required,
  RequiredIff,
  Text,
} from '@skp/messages';

/**
 * `POST /kennisgevingen/:caseReference/progress`: the rules of each field, for the ValidationPipe
 * and OpenAPI. How far the pause may be extended depends on the case (progress-request.ts).
 */
export class ProgressRequestDto {
  @ApiProperty({ enum: PROGRESS_STATUSES })
  @Required()
  @OneOf(PROGRESS_STATUSES)
  status!: (typeof PROGRESS_STATUSES)[number];

  @ApiPropertyOptional({
    format: 'date',
    description: 'required iff PAUSE_EXTENDED; at most the original pause start + 8 months',
  })
  @RequiredIff('status', 'PAUSE_EXTENDED')
  @IsoDate()
  newPauseEnd?: string;

  @ApiPropertyOptional({ enum: END_REASONS, description: 'required iff PAUSE_ENDED' })
  @RequiredIff('status', 'PAUSE_ENDED')
  @OneOf(END_REASONS)
  endReason?: (typeof END_REASONS)[number];

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @Optional()
  @Text({ max: NOTE_MAX, multiline: true })
  note?: string;
}
