import { PageQuery } from '@app/database';
import {
  CHECK_IN_STATUSES,
  COMPACT_CATEGORIES,
  COMPACT_PARTIES,
  type CheckInStatus,
  type CompactCategory,
  type CompactParty,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUUID, Length, Matches, MaxLength, Min } from 'class-validator';
import { OptionalNotNull, OptionalNullable } from '../../http/field-validators';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const monthMessage = { message: '$property must be a month as YYYY-MM' };

export class CreateCommitmentDto {
  @ApiProperty({ enum: COMPACT_PARTIES, description: 'who the commitment binds' })
  @IsIn(COMPACT_PARTIES)
  party: CompactParty;

  @ApiProperty({ enum: COMPACT_CATEGORIES })
  @IsIn(COMPACT_CATEGORIES)
  category: CompactCategory;

  @ApiProperty({ maxLength: 1000, example: 'We communicate openly and transparently with each other.' })
  @IsString()
  @Length(1, 1000)
  text: string;

  @ApiPropertyOptional({ default: true })
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class UpdateCommitmentDto {
  @ApiProperty({ description: 'the current version of the commitment (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: COMPACT_PARTIES })
  @OptionalNotNull()
  @IsIn(COMPACT_PARTIES)
  party?: CompactParty;

  @ApiPropertyOptional({ enum: COMPACT_CATEGORIES })
  @OptionalNotNull()
  @IsIn(COMPACT_CATEGORIES)
  category?: CompactCategory;

  @ApiPropertyOptional({ maxLength: 1000 })
  @OptionalNotNull()
  @IsString()
  @Length(1, 1000)
  text?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;
}

export class PutCheckInDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  commitmentId: string;

  @ApiProperty({ example: '2024-03', description: 'YYYY-MM, not after the current month' })
  @IsString()
  @Matches(MONTH, monthMessage)
  month: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'trust roles: their own trust (taken from the token when left out); the regulator: leave out',
  })
  @OptionalNullable()
  @IsUUID()
  trustId?: string | null;

  @ApiProperty({ enum: CHECK_IN_STATUSES })
  @IsIn(CHECK_IN_STATUSES)
  status: CheckInStatus;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CheckInListQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2024-03' })
  @IsOptional()
  @IsString()
  @Matches(MONTH, monthMessage)
  month?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "one trust's check-ins only" })
  @IsOptional()
  @IsUUID()
  trustId?: string;
}

export class CommitmentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: COMPACT_PARTIES }) party: string;
  @ApiProperty({ enum: COMPACT_CATEGORIES }) category: string;
  @ApiProperty() text: string;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class CheckInDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) commitmentId: string;
  @ApiProperty({ example: '2024-03' }) month: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String, description: "null: the regulator's check-in" })
  trustId: string | null;
  @ApiProperty({ enum: CHECK_IN_STATUSES }) status: string;
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class CompactDto {
  @ApiProperty({ example: '2024-03', description: 'the current month' }) month: string;
  @ApiProperty({ type: [CommitmentDto] }) commitments: CommitmentDto[];
  @ApiProperty({ type: [CheckInDto], description: "the caller's check-ins of the current month" })
  checkIns: CheckInDto[];
}

export class CheckInPageDto {
  @ApiProperty({ type: [CheckInDto] }) items: CheckInDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
