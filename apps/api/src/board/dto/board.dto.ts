import { PageQuery } from '@app/database';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, MaxLength, Min } from 'class-validator';
import { IsCalendarDate, OptionalNotNull, OptionalNullable } from '../../http/field-validators';

export class CreateBoardMeetingDto {
  @ApiProperty({ example: '2024-03', description: 'YYYY-MM; one meeting per month' })
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: '$property must be a month as YYYY-MM' })
  month: string;

  @ApiPropertyOptional({ example: '2024-03-21', nullable: true, type: String })
  @OptionalNullable()
  @IsCalendarDate()
  heldOn?: string | null;
}

export class PutTrustReportDto {
  @ApiProperty({ maxLength: 8000, description: 'progress of the month' })
  @IsString()
  @Length(1, 8000)
  progress: string;

  @ApiProperty({ maxLength: 8000, description: 'challenges, reflected on openly' })
  @IsString()
  @Length(1, 8000)
  challenges: string;

  @ApiPropertyOptional({
    maxLength: 8000,
    nullable: true,
    type: String,
    description: 'what the trust asks of the board',
  })
  @OptionalNullable()
  @IsString()
  @MaxLength(8000)
  asks?: string | null;

  @ApiPropertyOptional({ description: "the report's current version when replacing it (409 when stale)" })
  @OptionalNotNull()
  @IsInt()
  @Min(1)
  version?: number;
}

export class BoardMeetingListQuery extends PageQuery {}

export class TrustReportDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) meetingId: string;
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiPropertyOptional() trustCode?: string;
  @ApiPropertyOptional() trustName?: string;
  @ApiProperty() progress: string;
  @ApiProperty() challenges: string;
  @ApiProperty({ nullable: true, type: String }) asks: string | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class BoardMeetingDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '2024-03' }) month: string;
  @ApiProperty({ nullable: true, type: String, example: '2024-03-21' }) heldOn: string | null;
  @ApiProperty({ enum: ['draft', 'publishing', 'published'] }) status: string;
  @ApiProperty({
    nullable: true,
    type: Date,
    description: 'when an admin asked to publish: reports are read-only from then',
  })
  publishRequestedAt: Date | null;
  @ApiProperty({ nullable: true, type: Date }) publishedAt: Date | null;
  @ApiProperty() version: number;
  @ApiProperty() createdAt: Date;
  @ApiProperty() updatedAt: Date;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) createdBy: string | null;
}

export class BoardMeetingWithReportsDto extends BoardMeetingDto {
  @ApiProperty({ type: [TrustReportDto] }) reports: TrustReportDto[];
}

export class BoardMeetingPageDto {
  @ApiProperty({ type: [BoardMeetingDto] }) items: BoardMeetingDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
