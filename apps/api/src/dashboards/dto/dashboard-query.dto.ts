import { GRANULARITIES, type Granularity } from '@app/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { IsCalendarDate } from '../../http/field-validators';

export class DashboardQueryDto {
  @ApiPropertyOptional({
    example: '2024-04-01',
    description: 'First day counted (inclusive); default: `to` one year earlier',
  })
  @IsOptional()
  @IsCalendarDate()
  from?: string;

  @ApiPropertyOptional({
    example: '2025-03-31',
    description: 'Last day counted (inclusive); default: today (platform time zone)',
  })
  @IsOptional()
  @IsCalendarDate()
  to?: string;

  @ApiPropertyOptional({
    enum: GRANULARITIES,
    default: 'week',
    description: 'Series periods: days, ISO weeks (Monday) or months',
  })
  @IsOptional()
  @IsIn(GRANULARITIES, { message: `granularity must be one of: ${GRANULARITIES.join(', ')}` })
  granularity?: Granularity;
}
