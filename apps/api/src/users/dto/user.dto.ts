import { PageQuery } from '@app/database';
import { passwordProblem, ROLES, type Role } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationArguments,
} from 'class-validator';

/**
 * The password rules (SPEC §6), checked with the other fields so one 400 lists every problem. On
 * create the body's email is known; on a change the service checks against the user's own email.
 */
function IsAcceptablePassword(): PropertyDecorator {
  const problem = (args: ValidationArguments) => {
    const email = (args.object as { email?: unknown }).email;
    return typeof args.value === 'string'
      ? passwordProblem(args.value, typeof email === 'string' ? email : null)
      : null;
  };
  return ValidateBy({
    name: 'isAcceptablePassword',
    validator: {
      validate: (_value: unknown, args?: ValidationArguments) => !args || problem(args) === null,
      defaultMessage: (args?: ValidationArguments) => (args && problem(args)) ?? 'password is not acceptable',
    },
  });
}

export class CreateUserDto {
  @ApiProperty({ example: 'team.rxw@example.nhs.uk' })
  @IsEmail()
  @MaxLength(320)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'required for the three trust roles, empty otherwise',
  })
  @IsOptional()
  @IsUUID()
  trustId?: string | null;

  @ApiProperty({
    minLength: 12,
    description:
      'at least 12 characters, not one of the 10,000 most common passwords, not containing the part of the email before the @',
  })
  @IsString()
  @MaxLength(200)
  @IsAcceptablePassword()
  password: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'the current version of the user (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsUUID()
  trustId?: string | null;

  @ApiPropertyOptional({ minLength: 12, description: 'the same rules as on create' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @IsAcceptablePassword()
  password?: string;

  @ApiPropertyOptional({ description: 'false deactivates the user and ends all their sessions' })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  active?: boolean;
}

export class UserListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  trustId?: string;
}

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() email: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) trustId: string | null;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: 'the user who created it' })
  createdBy: string | null;
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
