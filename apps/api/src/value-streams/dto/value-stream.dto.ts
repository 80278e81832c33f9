import { PageQuery } from '@app/database';
import { LIMITS } from '@app/improvement';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsPositive, IsString, IsUUID, Length, Max, MaxLength, Min } from 'class-validator';
import { IsFiniteNumber, OptionalNotNull, OptionalNullable } from '../../http/field-validators';

export class CreateValueStreamDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'required for admin; trust roles write into their own trust' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiProperty({ maxLength: LIMITS.valueStreamName, example: 'Emergency department to ward admission' })
  @IsString()
  @Length(1, LIMITS.valueStreamName)
  name: string;

  @ApiPropertyOptional({ maxLength: LIMITS.valueStreamDescription, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(LIMITS.valueStreamDescription)
  description?: string | null;

  @ApiPropertyOptional({ description: 'patients (or items) per day; > 0', nullable: true, type: Number, example: 120 })
  @OptionalNullable()
  @IsFiniteNumber()
  @IsPositive()
  @Max(LIMITS.maxDemandPerDay)
  demandPerDay?: number | null;

  @ApiPropertyOptional({
    description: 'minutes of work available per day; > 0, ≤ 1440',
    nullable: true,
    type: Number,
    example: 1440,
  })
  @OptionalNullable()
  @IsFiniteNumber()
  @IsPositive()
  @Max(LIMITS.maxAvailableMinutesPerDay)
  availableMinutesPerDay?: number | null;
}

export class UpdateValueStreamDto {
  @ApiProperty({ description: 'the current version of the value stream (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: LIMITS.valueStreamName })
  @OptionalNotNull()
  @IsString()
  @Length(1, LIMITS.valueStreamName)
  name?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.valueStreamDescription, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(LIMITS.valueStreamDescription)
  description?: string | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @OptionalNullable()
  @IsFiniteNumber()
  @IsPositive()
  @Max(LIMITS.maxDemandPerDay)
  demandPerDay?: number | null;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @OptionalNullable()
  @IsFiniteNumber()
  @IsPositive()
  @Max(LIMITS.maxAvailableMinutesPerDay)
  availableMinutesPerDay?: number | null;
}

export class ValueStreamListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'programme roles: one trust only' })
  @IsOptional()
  @IsUUID()
  trustId?: string;
}

export class ValueStreamDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty() name: string;
  @ApiProperty({ nullable: true, type: String }) description: string | null;
  @ApiProperty({ nullable: true, type: Number }) demandPerDay: number | null;
  @ApiProperty({ nullable: true, type: Number }) availableMinutesPerDay: number | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class ValueStreamPageDto {
  @ApiProperty({ type: [ValueStreamDto] }) items: ValueStreamDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
