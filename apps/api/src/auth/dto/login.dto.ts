import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'admin@example.nhs.uk' })
  @IsString()
  @MinLength(3)
  @MaxLength(320)
  email: string;

  @ApiProperty({ example: 'improve-together' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password: string;
}
