import { ROLES, type Role } from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';

export class CreateOidcRuleDto {
  @ApiProperty({ example: 'groups', description: 'an ID-token claim; a list claim matches when any value equals' })
  @IsString()
  @Length(1, 200)
  @Matches(/^[\w.:/-]+$/, { message: 'claim must be a claim name (letters, digits, _ . : / -)' })
  claim: string;

  @ApiProperty({ example: 'RXW-Improvement', description: 'the exact (case-sensitive) value to match' })
  @IsString()
  @Length(1, 500)
  equals: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    description: 'required for the three trust roles, empty otherwise',
  })
  @IsOptional()
  @IsUUID()
  trustId?: string | null;
}

export class OidcRuleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'rules are tried in ascending position; the first match wins' }) position: number;
  @ApiProperty() claim: string;
  @ApiProperty() equals: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) trustId: string | null;
  @ApiProperty() createdAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class SignInOptionsDto {
  @ApiProperty({ description: 'whether POST /api/auth/login takes passwords (PASSWORD_LOGIN)' }) passwordLogin: boolean;
  @ApiProperty({ description: 'whether single sign-on is configured (GET /api/auth/oidc/login)' }) sso: boolean;
}
