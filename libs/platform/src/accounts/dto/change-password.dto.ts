import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** `POST …/password`: an account changes its own password. */
export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @IsNotEmpty()
  @MaxLength(1000)
  currentPassword!: string;

  @ApiProperty({
    minLength: 12,
    description: 'at least 12 characters; 16 when the service runs with NODE_ENV=production',
  })
  @IsString()
  @MaxLength(1000)
  newPassword!: string;
}
