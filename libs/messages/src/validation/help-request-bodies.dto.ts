import { HELP_REQUEST_STATUSES } from '../types';
import { Bool } from './collective-rules';
import { DebtorDto } from './kennisgeving.dto';
import { Email, Nested, NOTE_MAX, OneOf, Optional, Required, Rfc3339Utc, rule, Text } from './rules';

/** The bodies of Pauzeknop fase 1 (DESIGN §11): the resident's request and the municipality's answer. */

export const DESCRIPTION_MAX = NOTE_MAX;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** On `contact`: the municipality needs a way to reach the resident, by phone or by e-mail. */
const PhoneOrEmail = (): PropertyDecorator =>
  rule('phone-or-email', (v) => !isObject(v) || v.phone !== undefined || v.email !== undefined);

export class ResidentContactDto {
  @Optional() @Text({ max: 40 }) phone?: string;
  @Optional() @Email() email?: string;
}

export class HelpRequestBodyDto {
  @Required() @Nested(() => DebtorDto) resident!: DebtorDto;
  @Required() @Nested(() => ResidentContactDto) @PhoneOrEmail() contact!: ResidentContactDto;
  @Optional() @Text({ max: DESCRIPTION_MAX, multiline: true }) description?: string;
  @Required() @Rfc3339Utc() consentAt!: string;
  @Required() @OneOf([1]) signal!: number;
  @Required() @Bool() urgent!: boolean;
}

export class HelpRequestAcknowledgementBodyDto {
  @Required() @OneOf(HELP_REQUEST_STATUSES) status!: string;
}
