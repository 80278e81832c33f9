import { PageQuery } from '@app/database';
import { MAP_STATES, type MapState, STEP_CLASSIFICATIONS, type StepClassification } from '@app/domain';
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

export class MapStepDto {
  @ApiProperty({ maxLength: LIMITS.stepName, example: 'Triage' })
  @IsString()
  @Length(1, LIMITS.stepName)
  name: string;

  @ApiProperty({ minimum: 0, example: 8 })
  @IsFiniteNumber()
  @Min(0)
  @Max(LIMITS.maxStepMinutes)
  cycleTimeMinutes: number;

  @ApiProperty({ minimum: 0, description: 'the delay before the step', example: 25 })
  @IsFiniteNumber()
  @Min(0)
  @Max(LIMITS.maxStepMinutes)
  waitTimeMinutes: number;

  @ApiProperty({ enum: STEP_CLASSIFICATIONS })
  @IsIn(STEP_CLASSIFICATIONS)
  classification: StepClassification;

  @ApiPropertyOptional({ minimum: 0, maximum: 100, default: 100, description: '%C&A: percent complete and accurate' })
  @OptionalNotNull()
  @IsFiniteNumber()
  @Min(0)
  @Max(100)
  percentCompleteAccurate?: number;

  @ApiPropertyOptional({ minimum: 0, nullable: true, type: Number })
  @OptionalNullable()
  @IsInt()
  @Min(0)
  @Max(LIMITS.maxStaff)
  staff?: number | null;
}

export class ReplaceMapStepDto extends MapStepDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description: "an existing step's id keeps that step (and links to it); leave out for a new step",
  })
  @IsOptional()
  @IsUUID()
  id?: string;
}

export class CreateMapDto {
  @ApiProperty({ enum: MAP_STATES })
  @IsIn(MAP_STATES)
  state: MapState;

  @ApiProperty({ maxLength: LIMITS.mapTitle, example: 'ED current state, spring 2025' })
  @IsString()
  @Length(1, LIMITS.mapTitle)
  title: string;

  @ApiProperty({ example: '2025-03-14' })
  @IsCalendarDate()
  mappedOn: string;

  @ApiProperty({ type: [MapStepDto], minItems: LIMITS.minSteps, maxItems: LIMITS.maxSteps, description: 'in order' })
  @IsArray()
  @ArrayMinSize(LIMITS.minSteps)
  @ArrayMaxSize(LIMITS.maxSteps)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => MapStepDto)
  steps: MapStepDto[];
}

export class UpdateMapDto {
  @ApiProperty({ description: 'the current version of the map (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ enum: MAP_STATES })
  @OptionalNotNull()
  @IsIn(MAP_STATES)
  state?: MapState;

  @ApiPropertyOptional({ maxLength: LIMITS.mapTitle })
  @OptionalNotNull()
  @IsString()
  @Length(1, LIMITS.mapTitle)
  title?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsCalendarDate()
  mappedOn?: string;
}

export class ReplaceStepsDto {
  @ApiProperty({ description: 'the current version of the map (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({
    type: [ReplaceMapStepDto],
    minItems: LIMITS.minSteps,
    maxItems: LIMITS.maxSteps,
    description: 'the whole new list, in order',
  })
  @IsArray()
  @ArrayMinSize(LIMITS.minSteps)
  @ArrayMaxSize(LIMITS.maxSteps)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => ReplaceMapStepDto)
  steps: ReplaceMapStepDto[];
}

export class MapListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: MAP_STATES })
  @IsOptional()
  @IsIn(MAP_STATES)
  state?: MapState;
}

export class MapStepViewDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: '1-based order within the map' }) position: number;
  @ApiProperty() name: string;
  @ApiProperty() cycleTimeMinutes: number;
  @ApiProperty() waitTimeMinutes: number;
  @ApiProperty({ enum: STEP_CLASSIFICATIONS }) classification: string;
  @ApiProperty() percentCompleteAccurate: number;
  @ApiProperty({ nullable: true, type: Number }) staff: number | null;
}

export class MapMetricsDto {
  @ApiProperty({ description: 'Σ (wait + cycle) over all steps' }) leadTimeMinutes: number;
  @ApiProperty({ description: 'Σ cycle time of value_added steps' }) valueAddedMinutes: number;
  @ApiProperty() nonValueAddedMinutes: number;
  @ApiProperty({ nullable: true, type: Number, description: 'value added / lead time, 0-1' }) processCycleEfficiency:
    number | null;
  @ApiProperty({ description: '100 × Π (%C&A / 100)' }) rolledPercentCompleteAccurate: number;
  @ApiProperty({ nullable: true, type: Number, description: 'available minutes / demand of the value stream' })
  taktTimeMinutes: number | null;
  @ApiProperty() stepCount: number;
}

export class MapDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty({ format: 'uuid' }) valueStreamId: string;
  @ApiProperty({ enum: MAP_STATES }) state: string;
  @ApiProperty() title: string;
  @ApiProperty({ example: '2025-03-14' }) mappedOn: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ type: [MapStepViewDto] }) steps: MapStepViewDto[];
  @ApiProperty({ type: MapMetricsDto }) metrics: MapMetricsDto;
}

export class MapPageDto {
  @ApiProperty({ type: [MapDto] }) items: MapDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class FigureChangeDto {
  @ApiProperty({ nullable: true, type: Number, description: 'B − A' }) absolute: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '100 × (B − A) / A; null when A is 0' }) percent:
    number | null;
}

export class MapChangesDto {
  @ApiProperty({ type: FigureChangeDto }) leadTimeMinutes: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) valueAddedMinutes: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) nonValueAddedMinutes: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) processCycleEfficiency: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) rolledPercentCompleteAccurate: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) taktTimeMinutes: FigureChangeDto;
  @ApiProperty({ type: FigureChangeDto }) stepCount: FigureChangeDto;
}

export class MapComparisonDto {
  @ApiProperty({ type: MapMetricsDto, description: 'figures of the first map (A)' }) from: MapMetricsDto;
  @ApiProperty({ type: MapMetricsDto, description: 'figures of the other map (B)' }) to: MapMetricsDto;
  @ApiProperty({ type: MapChangesDto }) change: MapChangesDto;
}
