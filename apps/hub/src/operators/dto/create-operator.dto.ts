import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Matches, MaxLength, MinLength } from 'class-validator';
import { OPERATOR_ROLES, OperatorRole } from '../../access/roles.decorator';

export class CreateOperatorDto {
  @ApiProperty({ example: 'j.jansen' })
  @IsString()
  @Matches(/^[a-z0-9][a-z0-9._-]{1,63}$/i, {
    message: 'username must be 2-64 letters, digits, ".", "_" or "-"',
  })
  username!: string;

  @ApiProperty({ minLength: 12 })
  @IsString()
  @MinLength(12, { message: 'password must be at least 12 characters' })
  @MaxLength(1000)
  password!: string;

  @ApiProperty({ enum: OPERATOR_ROLES })
  @IsIn(OPERATOR_ROLES, { message: `role must be one of ${OPERATOR_ROLES.join(', ')}` })
  role!: OperatorRole;
}
