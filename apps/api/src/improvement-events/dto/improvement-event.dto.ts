import { PageQuery } from '@app/database';
import {
  EVENT_KINDS,
  EVENT_STATUSES,
  type EventKind,
  type EventStatus,
  METRIC_DIRECTIONS,
  type MetricDirection,
  WASTE_STATUSES,
  WASTE_TYPES,
} from '@app/domain';
import { LIMITS } from '@app/improvement';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { IsCalendarDate, IsFiniteNumber, OptionalNotNull, OptionalNullable } from '../../http/field-validators';

export class EventMetricDto {
  @ApiProperty({ maxLength: LIMITS.metricName, example: 'Time from arrival to ward bed' })
  @IsString()
  @Length(1, LIMITS.metricName)
  name: string;

  @ApiProperty({ maxLength: LIMITS.metricUnit, example: 'minutes' })
  @IsString()
  @Length(1, LIMITS.metricUnit)
  unit: string;

  @ApiProperty({ enum: METRIC_DIRECTIONS })
  @IsIn(METRIC_DIRECTIONS)
  direction: MetricDirection;

  @ApiProperty({ example: 320 })
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  baseline: number;

  @ApiProperty({ example: 240 })
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  target: number;
}

export class UpdateEventMetricDto extends EventMetricDto {
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      "an existing metric's id keeps that metric (and the follow-up results for it); leave out for a new one",
  })
  @IsOptional()
  @IsUUID()
  id?: string;
}

export class CreateImprovementEventDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'required for admin; trust roles write into their own trust' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'a value stream of the same trust',
  })
  @OptionalNullable()
  @IsUUID()
  valueStreamId?: string | null;

  @ApiProperty({ enum: EVENT_KINDS })
  @IsIn(EVENT_KINDS)
  kind: EventKind;

  @ApiProperty({ maxLength: LIMITS.eventTitle, example: 'RPIW: ED to ward handover' })
  @IsString()
  @Length(1, LIMITS.eventTitle)
  title: string;

  @ApiPropertyOptional({ maxLength: LIMITS.problemStatement, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(LIMITS.problemStatement)
  problemStatement?: string | null;

  @ApiProperty({ example: '2025-03-03' })
  @IsCalendarDate()
  startDate: string;

  @ApiPropertyOptional({ example: '2025-03-07', nullable: true, type: String, description: 'on or after startDate' })
  @OptionalNullable()
  @IsCalendarDate()
  endDate?: string | null;

  @ApiPropertyOptional({ enum: EVENT_STATUSES, default: 'planned' })
  @OptionalNotNull()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({ type: [EventMetricDto], maxItems: LIMITS.maxMetrics })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxMetrics)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => EventMetricDto)
  metrics?: EventMetricDto[];
}

export class UpdateImprovementEventDto {
  @ApiProperty({ description: 'the current version of the event (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @OptionalNullable()
  @IsUUID()
  valueStreamId?: string | null;

  @ApiPropertyOptional({ enum: EVENT_KINDS })
  @OptionalNotNull()
  @IsIn(EVENT_KINDS)
  kind?: EventKind;

  @ApiPropertyOptional({ maxLength: LIMITS.eventTitle })
  @OptionalNotNull()
  @IsString()
  @Length(1, LIMITS.eventTitle)
  title?: string;

  @ApiPropertyOptional({ maxLength: LIMITS.problemStatement, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(LIMITS.problemStatement)
  problemStatement?: string | null;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsCalendarDate()
  startDate?: string;

  @ApiPropertyOptional({ nullable: true, type: String })
  @OptionalNullable()
  @IsCalendarDate()
  endDate?: string | null;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @OptionalNotNull()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;

  @ApiPropertyOptional({
    type: [UpdateEventMetricDto],
    maxItems: LIMITS.maxMetrics,
    description: 'replaces the whole list',
  })
  @OptionalNotNull()
  @IsArray()
  @ArrayMaxSize(LIMITS.maxMetrics)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => UpdateEventMetricDto)
  metrics?: UpdateEventMetricDto[];
}

export class FollowUpResultDto {
  @ApiProperty({ format: 'uuid', description: 'a metric of the same event' })
  @IsUUID()
  metricId: string;

  @ApiProperty({ example: 250 })
  @IsFiniteNumber()
  @Min(-LIMITS.maxAbsFigure)
  @Max(LIMITS.maxAbsFigure)
  value: number;
}

export class CreateFollowUpDto {
  @ApiProperty({ minimum: 1, example: 30, description: 'days after the event; VMPS reports at 30, 60 and 90' })
  @IsInt()
  @Min(1)
  @Max(LIMITS.maxCheckpointDay)
  checkpointDay: number;

  @ApiProperty({ example: '2025-04-07' })
  @IsCalendarDate()
  measuredOn: string;

  @ApiProperty({ type: [FollowUpResultDto], maxItems: LIMITS.maxMetrics })
  @IsArray()
  @ArrayMaxSize(LIMITS.maxMetrics)
  // an array item that is itself an array passes ValidateNested with no error at all
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => FollowUpResultDto)
  results: FollowUpResultDto[];

  @ApiPropertyOptional({ maxLength: LIMITS.followUpNotes, nullable: true, type: String })
  @OptionalNullable()
  @IsString()
  @MaxLength(LIMITS.followUpNotes)
  notes?: string | null;
}

export class EventListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'programme roles: one trust only' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  valueStreamId?: string;

  @ApiPropertyOptional({ enum: EVENT_KINDS })
  @IsOptional()
  @IsIn(EVENT_KINDS)
  kind?: EventKind;

  @ApiPropertyOptional({ enum: EVENT_STATUSES })
  @IsOptional()
  @IsIn(EVENT_STATUSES)
  status?: EventStatus;
}

export class EventMetricProgressDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() unit: string;
  @ApiProperty({ enum: METRIC_DIRECTIONS }) direction: string;
  @ApiProperty() baseline: number;
  @ApiProperty() target: number;
  @ApiProperty({
    nullable: true,
    type: Number,
    description: 'value at the follow-up with the highest checkpointDay reporting it',
  })
  latest: number | null;
  @ApiProperty({ nullable: true, type: Number, description: '(latest − baseline) / (target − baseline)' })
  progressToTarget: number | null;
  @ApiProperty({ nullable: true, type: Boolean }) targetMet: boolean | null;
}

export class EventProgressDto {
  @ApiProperty({ description: 'metrics the event tracks' }) metrics: number;
  @ApiProperty({ description: 'metrics with a value from a follow-up' }) reported: number;
  @ApiProperty({ description: 'reported metrics that meet their target' }) targetsMet: number;
  @ApiProperty({ nullable: true, type: Number }) latestCheckpointDay: number | null;
}

export class FollowUpResultViewDto {
  @ApiProperty({ format: 'uuid' }) metricId: string;
  @ApiProperty() value: number;
}

export class FollowUpDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) eventId: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty() checkpointDay: number;
  @ApiProperty() measuredOn: string;
  @ApiProperty({ type: [FollowUpResultViewDto] }) results: FollowUpResultViewDto[];
  @ApiProperty({ nullable: true, type: String }) notes: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class LinkedWasteRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: WASTE_TYPES }) wasteType: string;
  @ApiProperty() observedOn: string;
  @ApiProperty() minutesLost: number;
  @ApiProperty() occurrences: number;
  @ApiProperty({ enum: WASTE_STATUSES }) status: string;
}

export class ImprovementEventDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) valueStreamId: string | null;
  @ApiProperty({ enum: EVENT_KINDS }) kind: string;
  @ApiProperty() title: string;
  @ApiProperty({ nullable: true, type: String }) problemStatement: string | null;
  @ApiProperty() startDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: EVENT_STATUSES }) status: string;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
  @ApiProperty({ type: [EventMetricProgressDto] }) metrics: EventMetricProgressDto[];
  @ApiProperty({ type: EventProgressDto }) progress: EventProgressDto;
  @ApiProperty({ type: [FollowUpDto], description: 'by checkpointDay, then measuredOn' }) followUps: FollowUpDto[];
  @ApiProperty({ type: [LinkedWasteRecordDto] }) wasteRecords: LinkedWasteRecordDto[];
}

export class ImprovementEventPageDto {
  @ApiProperty({ type: [ImprovementEventDto] }) items: ImprovementEventDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
