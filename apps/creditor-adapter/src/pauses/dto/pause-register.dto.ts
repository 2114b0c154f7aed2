import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { REGISTER_STATES, RegisterState } from '../pause.repository';
import { PageQueryDto } from '@skp/platform';

export class PauseRegisterQueryDto extends PageQueryDto {
  @ApiPropertyOptional({
    enum: REGISTER_STATES,
    default: 'active',
    description: 'active: in force today; ended: lifted, declined or past its end; all',
  })
  @IsOptional()
  @IsIn(REGISTER_STATES, { message: `state must be one of ${REGISTER_STATES.join(', ')}` })
  state?: RegisterState;
}

/* OpenAPI description of the register's answer. */
class AddressDoc {
  @ApiProperty() street!: string;
  @ApiProperty() houseNumber!: number;
  @ApiPropertyOptional() houseLetter?: string;
  @ApiPropertyOptional() houseNumberAddition?: string;
  @ApiProperty() postcode!: string;
  @ApiProperty() city!: string;
}

class RegisterDebtorDoc {
  @ApiPropertyOptional() initials?: string;
  @ApiProperty() givenNames!: string;
  @ApiPropertyOptional() surnamePrefix?: string;
  @ApiProperty() surname!: string;
  @ApiProperty() birthDate!: string;
  @ApiProperty({ type: AddressDoc }) address!: AddressDoc;
}

export class PauseRegisterEntryDoc {
  @ApiProperty() conversationId!: string;
  @ApiProperty({ description: 'in force today' }) active!: boolean;
  @ApiProperty() caseReference!: string;
  @ApiProperty() municipalityOin!: string;
  @ApiProperty() municipality!: { code: string; name: string };
  @ApiProperty() counsellor!: { organisation: string; name: string; email: string; phone?: string };
  @ApiProperty({ nullable: true, description: 'only when this creditor may process the BSN' })
  bsn!: string | null;
  @ApiProperty({ nullable: true }) customerNumber!: string | null;
  @ApiPropertyOptional({ type: RegisterDebtorDoc, description: 'as received in the Kennisgeving' })
  debtor?: RegisterDebtorDoc;
  @ApiProperty() startDate!: string;
  @ApiProperty({ description: 'the end the municipality asked for' }) requestedEnd!: string;
  @ApiProperty({ description: 'the end in force (inclusive)' }) endDate!: string;
  @ApiProperty({ nullable: true }) liftedOn!: string | null;
  @ApiProperty({ nullable: true, description: 'e.g. ARRANGEMENT_REACHED, DECLINED_DEBTOR_UNKNOWN' })
  liftReason!: string | null;
  @ApiProperty({ nullable: true, description: 'the latest ProgressUpdate status' })
  lastStatus!: string | null;
  @ApiProperty() receivedAt!: string;
}

export class PauseRegisterPageDoc {
  @ApiProperty({ type: [PauseRegisterEntryDoc] }) pauses!: PauseRegisterEntryDoc[];
  @ApiProperty() total!: number;
  @ApiProperty() limit!: number;
  @ApiProperty() offset!: number;
}
