import { VARIANTS } from '../types';
import {
  Bsn,
  Email,
  Gemeentecode,
  IDENTIFIER_MAX,
  Integer,
  IsoDate,
  Nested,
  OneOf,
  Optional,
  PauseEnd,
  Pattern,
  Postcode,
  Required,
  StringList,
  Text,
} from './rules';

export class AddressDto {
  @Required() @Text() street!: string;
  @Required() @Integer(1) houseNumber!: number;
  @Optional() @Pattern('house-letter', /^[A-Za-z]$/) houseLetter?: string;
  @Optional() @Pattern('house-number-addition', /^[A-Za-z0-9]{1,4}$/) houseNumberAddition?: string;
  @Required() @Postcode() postcode!: string;
  @Required() @Text() city!: string;
}

/** Debtor or partner; whether `bsn` may be present depends on the variant (cross-field-rules.ts). */
export class PersonDto {
  @Optional() @Bsn() bsn?: string;
  @Optional() @Text({ max: 20 }) initials?: string;
  @Required() @Text() givenNames!: string;
  @Optional() @Text({ max: 20 }) surnamePrefix?: string;
  @Required() @Text() surname!: string;
  @Required() @IsoDate() birthDate!: string;
}

export class DebtorDto extends PersonDto {
  @Required() @Nested(() => AddressDto) address!: AddressDto;
}

export class MunicipalityDto {
  @Required() @Gemeentecode() code!: string;
  @Required() @Text() name!: string;
}

export class CounsellorDto {
  @Required() @Text() organisation!: string;
  @Required() @Text() name!: string;
  @Required() @Email() email!: string;
  @Optional() @Text({ max: 40 }) phone?: string;
}

export class PauseDto {
  @Required() @IsoDate() start!: string;
  @Required() @IsoDate() @PauseEnd() end!: string;
}

export class KennisgevingBodyDto {
  @Required() @OneOf(VARIANTS) variant!: string;
  @Required() @Nested(() => DebtorDto) debtor!: DebtorDto;
  @Optional() @Nested(() => PersonDto) partner?: PersonDto;
  @Required() @Nested(() => MunicipalityDto) municipality!: MunicipalityDto;
  @Required() @Nested(() => CounsellorDto) counsellor!: CounsellorDto;
  @Required() @Text({ max: IDENTIFIER_MAX }) caseReference!: string;
  @Optional() @Text({ max: IDENTIFIER_MAX }) creditorCustomerNumber?: string;
  @Optional() @StringList() invoiceNumbers?: string[];
  @Required() @IsoDate() admissionDate!: string;
  @Optional() @OneOf([1, 2, 3, 4]) signal?: number;
  @Required() @Nested(() => PauseDto) pause!: PauseDto;
}
