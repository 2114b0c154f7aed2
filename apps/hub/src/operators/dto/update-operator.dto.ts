import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';

export class UpdateOperatorDto {
  @ApiProperty({
    description:
      'true disables the operator: its sessions end at once and it cannot log in; false enables it again',
  })
  @IsBoolean({ message: 'disabled must be true or false' })
  disabled!: boolean;
}
