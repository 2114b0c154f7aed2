import {
  DECISIONS,
  DECLINE_REASONS,
  END_REASONS,
  PROGRESS_STATUSES,
  REASON_CODES,
  RECEIPT_STATUSES,
} from '../types';
import {
  Email,
  IDENTIFIER_MAX,
  Integer,
  IsoDate,
  Nested,
  NOTE_MAX,
  OneOf,
  Optional,
  Required,
  RequiredIff,
  StringList,
  Text,
} from './rules';

export class ContactDto {
  @Required() @Text() name!: string;
  @Optional() @Email() email?: string;
  @Optional() @Text({ max: 40 }) phone?: string;
}

export class PauseAcknowledgementBodyDto {
  @Required() @OneOf(DECISIONS) decision!: string;
  @RequiredIff('decision', 'PAUSED') @IsoDate() pausedUntil?: string;
  @RequiredIff('decision', 'DECLINED') @OneOf(DECLINE_REASONS) declineReason?: string;
  @Optional() @Text({ max: IDENTIFIER_MAX }) creditorCustomerNumber?: string;
  @Optional() @StringList() invoiceNumbers?: string[];
  @Optional() @Integer(0) outstandingAmountCents?: number;
  @Optional() @Nested(() => ContactDto) contact?: ContactDto;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class ProgressUpdateBodyDto {
  @Required() @OneOf(PROGRESS_STATUSES) status!: string;
  @RequiredIff('status', 'PAUSE_EXTENDED') @IsoDate() newPauseEnd?: string;
  @RequiredIff('status', 'PAUSE_ENDED') @OneOf(END_REASONS) endReason?: string;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) note?: string;
}

export class DeliveryReceiptBodyDto {
  @Required() @OneOf(RECEIPT_STATUSES) status!: string;
  @RequiredIff('status', 'REJECTED') @OneOf(REASON_CODES) reasonCode?: string;
  @Optional() @Text({ max: NOTE_MAX, multiline: true }) reason?: string;
}
