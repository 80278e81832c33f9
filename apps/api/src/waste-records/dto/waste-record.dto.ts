// Request and response shapes of /api/waste-records. The limits come from WASTE_LIMITS and the date,
// description and eliminatedOn rules call the pure checks of @app/domain, so these decorators and
// `validateWasteRow` (which the CSV import uses) cannot drift apart; waste-record.dto.spec.ts checks
// them against each other. "Not in the future" needs the platform's clock and time zone: the
// service adds it with `validateWasteRow`.
import { PageQuery } from '@app/database';
import {
  checkDescription,
  checkEliminatedOn,
  checkWasteDate,
  hasAtMostDecimalPlaces,
  isValidDate,
  PATIENT_IMPACTS,
  WASTE_LIMITS,
  WASTE_STATUSES,
  WASTE_TYPES,
  wasteMessages,
  type PatientImpact,
  type WasteRowInput,
  type WasteStatus,
  type WasteType,
} from '@app/domain';
import { ApiProperty, ApiPropertyOptional, IntersectionType } from '@nestjs/swagger';
import {
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsUUID,
  Max,
  Min,
  ValidateBy,
  ValidateIf,
  ValidationOptions,
} from 'class-validator';

/** A date a waste record may carry: a real calendar date, not before 2000-01-01. */
function IsWasteDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWasteDate',
      validator: {
        validate: (value, args) => checkWasteDate(args!.property, value) === null,
        defaultMessage: (args) => checkWasteDate(args!.property, args!.value) ?? '',
      },
    },
    options,
  );
}

/** minutesLost's precision (numeric(7,2)); a value that is not a finite number is left to IsNumber. */
function HasMinutesPrecision(options?: ValidationOptions): PropertyDecorator {
  const places = WASTE_LIMITS.minutesLostDecimals;
  return ValidateBy(
    {
      name: 'hasMinutesPrecision',
      validator: {
        validate: (value) =>
          typeof value !== 'number' || !Number.isFinite(value) || hasAtMostDecimalPlaces(value, places),
        defaultMessage: (args) => wasteMessages.decimals(args!.property, places),
      },
    },
    options,
  );
}

/** eliminatedOn of a new record: a waste date that goes with status `eliminated`, not before observedOn. */
function IsEliminatedOn(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isEliminatedOn',
      validator: {
        validate: (_, args) => checkEliminatedOn(args!.object as WasteRowInput) === null,
        defaultMessage: (args) => checkEliminatedOn(args!.object as WasteRowInput) ?? '',
      },
    },
    options,
  );
}

/** A description: 1-2000 characters (code points, as Postgres counts), well-formed, no NUL. */
function IsWasteDescription(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWasteDescription',
      validator: {
        validate: (value) => checkDescription(value) === null,
        defaultMessage: (args) => checkDescription(args!.value) ?? '',
      },
    },
    options,
  );
}

/** A filter date: any real calendar date. */
function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isCalendarDate',
      validator: {
        validate: (value) => isValidDate(value),
        defaultMessage: (args) => wasteMessages.date(args!.property),
      },
    },
    options,
  );
}

// Optional but never null: leaving the field out applies the default or keeps the stored value.
const IfGiven = () => ValidateIf((_, value) => value !== undefined);

export class CreateWasteRecordDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'required for admins; trust roles write into their own trust' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiProperty({ example: '2026-03-02', description: 'YYYY-MM-DD, from 2000-01-01, not in the future' })
  @IsWasteDate()
  observedOn: string;

  @ApiProperty({ enum: WASTE_TYPES })
  @IsIn(WASTE_TYPES)
  wasteType: WasteType;

  @ApiProperty({
    minLength: 1,
    maxLength: WASTE_LIMITS.descriptionMaxLength,
    example: 'Porters wait for the lift on every transfer',
  })
  @IsWasteDescription()
  description: string;

  @ApiProperty({
    minimum: 0,
    maximum: WASTE_LIMITS.minutesLostMax,
    description: 'minutes lost per occurrence; at most 2 decimal places',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(WASTE_LIMITS.minutesLostMax)
  @HasMinutesPrecision()
  minutesLost: number;

  @ApiPropertyOptional({ minimum: WASTE_LIMITS.occurrencesMin, maximum: WASTE_LIMITS.occurrencesMax, default: 1 })
  @IfGiven()
  @IsInt()
  @Min(WASTE_LIMITS.occurrencesMin)
  @Max(WASTE_LIMITS.occurrencesMax)
  occurrences?: number;

  @ApiProperty({ enum: PATIENT_IMPACTS })
  @IsIn(PATIENT_IMPACTS)
  patientImpact: PatientImpact;

  @ApiPropertyOptional({ enum: WASTE_STATUSES, default: 'identified' })
  @IfGiven()
  @IsIn(WASTE_STATUSES)
  status?: WasteStatus;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    example: '2026-03-20',
    description: 'only with status eliminated; today when left out',
  })
  @IsOptional()
  @IsEliminatedOn()
  eliminatedOn?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'a value stream of the same trust',
  })
  @IsOptional()
  @IsUUID()
  valueStreamId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: "a step of a map of the record's value stream",
  })
  @IsOptional()
  @IsUUID()
  mapStepId?: string | null;

  @ApiPropertyOptional({
    format: 'uuid',
    nullable: true,
    type: String,
    description: 'an improvement event of the same trust',
  })
  @IsOptional()
  @IsUUID()
  improvementEventId?: string | null;
}

/**
 * A change to a record: any of its fields, with the record's current `version`. Rules that involve
 * stored fields (eliminatedOn against status and observedOn) are judged on the merged record.
 */
export class UpdateWasteRecordDto {
  @ApiProperty({ description: 'the current version of the record (optimistic concurrency)' })
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional({ example: '2026-03-02' })
  @IfGiven()
  @IsWasteDate()
  observedOn?: string;

  @ApiPropertyOptional({ enum: WASTE_TYPES })
  @IfGiven()
  @IsIn(WASTE_TYPES)
  wasteType?: WasteType;

  @ApiPropertyOptional({ minLength: 1, maxLength: WASTE_LIMITS.descriptionMaxLength })
  @IfGiven()
  @IsWasteDescription()
  description?: string;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: WASTE_LIMITS.minutesLostMax,
    description: 'at most 2 decimal places',
  })
  @IfGiven()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(WASTE_LIMITS.minutesLostMax)
  @HasMinutesPrecision()
  minutesLost?: number;

  @ApiPropertyOptional({ minimum: WASTE_LIMITS.occurrencesMin, maximum: WASTE_LIMITS.occurrencesMax })
  @IfGiven()
  @IsInt()
  @Min(WASTE_LIMITS.occurrencesMin)
  @Max(WASTE_LIMITS.occurrencesMax)
  occurrences?: number;

  @ApiPropertyOptional({ enum: PATIENT_IMPACTS })
  @IfGiven()
  @IsIn(PATIENT_IMPACTS)
  patientImpact?: PatientImpact;

  @ApiPropertyOptional({ enum: WASTE_STATUSES, description: 'leaving eliminated clears eliminatedOn' })
  @IfGiven()
  @IsIn(WASTE_STATUSES)
  status?: WasteStatus;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'only while the status is eliminated' })
  @IsOptional()
  @IsWasteDate()
  eliminatedOn?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  valueStreamId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  mapStepId?: string | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @IsUUID()
  improvementEventId?: string | null;
}

/** Filters of the list and the export. */
export class WasteFilterQuery {
  @ApiPropertyOptional({ format: 'uuid', description: 'programme roles: one trust only' })
  @IsOptional()
  @IsUUID()
  trustId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  valueStreamId?: string;

  @ApiPropertyOptional({ enum: WASTE_TYPES })
  @IsOptional()
  @IsIn(WASTE_TYPES)
  wasteType?: WasteType;

  @ApiPropertyOptional({ enum: WASTE_STATUSES })
  @IsOptional()
  @IsIn(WASTE_STATUSES)
  status?: WasteStatus;

  @ApiPropertyOptional({ example: '2026-01-01', description: 'observedOn on or after' })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({ example: '2026-03-31', description: 'observedOn on or before' })
  @IsOptional()
  @IsCalendarDate()
  to?: string;
}

export class WasteListQuery extends IntersectionType(PageQuery, WasteFilterQuery) {}

export class ImportQuery {
  @ApiPropertyOptional({
    format: 'uuid',
    description: 'the trust to import into (admins only; trust roles import into their own)',
  })
  @IsOptional()
  @IsUUID()
  trustId?: string;
}

export class WasteRecordDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) valueStreamId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) mapStepId: string | null;
  @ApiProperty({ enum: WASTE_TYPES }) wasteType: WasteType;
  @ApiProperty({ example: '2026-03-02' }) observedOn: string;
  @ApiProperty() description: string;
  @ApiProperty() minutesLost: number;
  @ApiProperty() occurrences: number;
  @ApiProperty({ enum: PATIENT_IMPACTS }) patientImpact: PatientImpact;
  @ApiProperty({ enum: WASTE_STATUSES }) status: WasteStatus;
  @ApiProperty({ nullable: true, type: String, example: '2026-03-20' }) eliminatedOn: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) improvementEventId: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class WasteRecordPageDto {
  @ApiProperty({ type: [WasteRecordDto] }) items: WasteRecordDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class ImportResultDto {
  @ApiProperty({ description: 'how many records were stored' }) imported: number;
}

export class ImportErrorDto {
  @ApiProperty({ description: 'line of the file; the header is line 1' }) line: number;
  @ApiProperty({ example: 'minutesLost', description: "a column name, 'header' or 'row'" }) field: string;
  @ApiProperty() message: string;
}

export class ImportRejectionDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty() message: string;
  @ApiProperty({ type: [ImportErrorDto], description: 'the first 100 problems' }) errors: ImportErrorDto[];
}
