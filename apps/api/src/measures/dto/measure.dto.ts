import { PageQuery } from '@app/database';
import { MEASURE_DIRECTIONS, type MeasureDirection, SPC_RUN_LENGTH } from '@app/domain';
import { LIMITS } from '@app/improvement';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsFiniteNumber, OptionalNotNull, OptionalNullable } from '../../http/field-validators';

export class CreateMeasureDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'required for admin; a KPO lead writes into the own trust' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiProperty({ maxLength: LIMITS.measureName, example: 'ED 4-hour performance' })
  @IsString()
  @Length(1, LIMITS.measureName)
  name: string;

  @ApiProperty({ maxLength: LIMITS.measureUnit, example: '%' })
  @IsString()
  @Length(1, LIMITS.measureUnit)
  unit: string;

  @ApiProperty({ enum: MEASURE_DIRECTIONS, description: 'which way is better, for SPC' })
  @IsIn(MEASURE_DIRECTIONS)
  improvementDirection: MeasureDirection;

  @ApiPropertyOptional({ nullable: true, type: Number, example: 95 })
  @OptionalNullable()
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  target?: number | null;

  @ApiPropertyOptional({ minimum: SPC_RUN_LENGTH.min, maximum: SPC_RUN_LENGTH.max, default: SPC_RUN_LENGTH.default })
  @OptionalNotNull()
  @IsInt()
  @Min(SPC_RUN_LENGTH.min)
  @Max(SPC_RUN_LENGTH.max)
  trendLength?: number;

  @ApiPropertyOptional({ minimum: SPC_RUN_LENGTH.min, maximum: SPC_RUN_LENGTH.max, default: SPC_RUN_LENGTH.default })
  @OptionalNotNull()
  @IsInt()
  @Min(SPC_RUN_LENGTH.min)
  @Max(SPC_RUN_LENGTH.max)
  shiftLength?: number;
}

export class UpdateMeasureDto {
  @ApiProperty({ description: 'the current version of the measure (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ maxLength: LIMITS.measureName })
  @OptionalNotNull()
  @IsString()
  @Length(1, LIMITS.measureName)
  name?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.measureUnit })
  @OptionalNotNull()
  @IsString()
  @Length(1, LIMITS.measureUnit)
  unit?: string;

  @ApiPropertyOptional({ enum: MEASURE_DIRECTIONS })
  @OptionalNotNull()
  @IsIn(MEASURE_DIRECTIONS)
  improvementDirection?: MeasureDirection;

  @ApiPropertyOptional({ nullable: true, type: Number })
  @OptionalNullable()
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  target?: number | null;

  @ApiPropertyOptional({ minimum: SPC_RUN_LENGTH.min, maximum: SPC_RUN_LENGTH.max })
  @OptionalNotNull()
  @IsInt()
  @Min(SPC_RUN_LENGTH.min)
  @Max(SPC_RUN_LENGTH.max)
  trendLength?: number;

  @ApiPropertyOptional({ minimum: SPC_RUN_LENGTH.min, maximum: SPC_RUN_LENGTH.max })
  @OptionalNotNull()
  @IsInt()
  @Min(SPC_RUN_LENGTH.min)
  @Max(SPC_RUN_LENGTH.max)
  shiftLength?: number;
}

export class MeasurePointDto {
  @ApiProperty({ example: '2025-04-01', description: 'the first day of the period' })
  @IsCalendarDate()
  periodStart: string;

  @ApiProperty({ example: 76.4 })
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  value: number;
}

/** The body of PUT points is a bare array; it is validated as `points` so messages name `points.<i>.<field>`. */
export class PutPointsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(LIMITS.maxPointsPerWrite)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MeasurePointDto)
  points: MeasurePointDto[];
}

export class MeasureListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'programme roles: one trust only' })
  @IsOptional()
  @IsUUID()
  trustId?: string;
}

export class SpcQuery {
  @ApiPropertyOptional({
    minimum: LIMITS.minBaselinePoints,
    description: 'limits from the first N points (at least 12); all points when left out',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(LIMITS.minBaselinePoints)
  @Max(100_000)
  baselinePoints?: number;
}

export class MeasurePointViewDto {
  @ApiProperty() periodStart: string;
  @ApiProperty() value: number;
}

export class MeasureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: MEASURE_DIRECTIONS }) improvementDirection: string;
  @ApiProperty({ nullable: true, type: Number }) target: number | null;
  @ApiProperty() trendLength: number;
  @ApiProperty() shiftLength: number;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ type: [MeasurePointViewDto], description: 'in period order' }) points: MeasurePointViewDto[];
}

export class MeasurePageDto {
  @ApiProperty({ type: [MeasureDto] }) items: MeasureDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

/** One point of a measure's chart (the dashboards' SpcPointDto also says which side of the mean). */
export class MeasureSpcPointDto {
  @ApiProperty() periodStart: string;
  @ApiProperty() value: number;
  @ApiProperty() mean: number;
  @ApiProperty() upperProcessLimit: number;
  @ApiProperty() lowerProcessLimit: number;
  @ApiProperty({
    enum: ['common_cause', 'special_cause_improvement', 'special_cause_concern', 'special_cause_neither'],
  })
  pointType: string;
  @ApiProperty({ nullable: true, type: String, enum: ['outside', 'trend', 'two_of_three', 'shift'] }) rule:
    string | null;
}

export class MeasureSpcDto {
  @ApiProperty({ format: 'uuid' }) measureId: string;
  @ApiProperty({ type: [MeasureSpcPointDto] }) points: MeasureSpcPointDto[];
  @ApiProperty({ nullable: true, type: String, description: "the latest point's variation" }) variation: string | null;
  @ApiProperty({ nullable: true, type: String, enum: ['pass', 'fail', 'inconsistent'] }) assurance: string | null;
  @ApiProperty({ type: [String] }) warnings: string[];
}
