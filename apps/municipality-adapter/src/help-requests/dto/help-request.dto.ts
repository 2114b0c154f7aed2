import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  HELP_REQUEST_STATUSES,
  type HelpRequestStatus,
  OneOf,
  Required,
  RequiredIff,
  rule,
} from '@skp/messages';
import { PageQueryDto } from '@skp/platform';
import { SubmitKennisgevingDto } from '../../kennisgeving/dto/submit-kennisgeving.dto';

/** `GET /help-requests?limit=&offset=` */
export class HelpRequestListQueryDto extends PageQueryDto {}

const isPlainObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `POST /help-requests/:id/status` */
export class HelpRequestStatusDto {
  @ApiProperty({ enum: HELP_REQUEST_STATUSES })
  @Required()
  @OneOf(HELP_REQUEST_STATUSES)
  status!: HelpRequestStatus;

  /**
   * With ADMITTED only, and then required: the new case, as `POST /kennisgevingen` takes it (start
   * from the request's `caseDraft`). It is checked by the same rules; `signal` is always 1.
   */
  @ApiPropertyOptional({
    type: SubmitKennisgevingDto,
    description:
      'ADMITTED only (then required): the case to open, as POST /kennisgevingen; its Kennisgevingen carry signal 1',
  })
  @RequiredIff('status', 'ADMITTED')
  @rule('object', isPlainObject)
  case?: Record<string, unknown>;
}
