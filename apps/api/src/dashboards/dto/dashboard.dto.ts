// Response shapes of the dashboards, for the OpenAPI document.
import { GRANULARITIES, WASTE_TYPES } from '@app/domain';
import { ApiProperty } from '@nestjs/swagger';

export class FiguresDto {
  @ApiProperty({ description: 'Waste records observed in the period' }) wasteRecords: number;
  @ApiProperty({ description: 'Σ occurrences of those records' }) occurrences: number;
  @ApiProperty({ description: 'Σ minutesLost × occurrences of those records' }) minutesLost: number;
  @ApiProperty({ description: 'Σ minutes of records eliminated (by eliminatedOn) in the period' })
  minutesEliminated: number;
  @ApiProperty({ description: 'Events in follow_up, sustained or closed that ended in the period' })
  eventsCompleted: number;
  @ApiProperty({ description: 'Events sustained that ended in the period' }) eventsSustained: number;
  @ApiProperty({ description: 'Everyday Lean ideas (not abandoned) started in the period' }) ideas: number;
}

export class SeriesPointDto extends FiguresDto {
  @ApiProperty({ example: '2024-04-01', description: 'First day of the period (Monday for weeks)' })
  periodStart: string;
}

export class WasteTypeFiguresDto {
  @ApiProperty({ enum: WASTE_TYPES }) wasteType: string;
  @ApiProperty() wasteRecords: number;
  @ApiProperty() occurrences: number;
  @ApiProperty() minutesLost: number;
  @ApiProperty() minutesEliminated: number;
}

export class FreshnessDto {
  @ApiProperty({ description: 'The rollups include every change committed before this instant' }) asOf: string;
  @ApiProperty({ description: 'Changed buckets (trust, day) not yet recomputed' }) pendingChanges: number;
}

export class SpcPointDto {
  @ApiProperty() periodStart: string;
  @ApiProperty() value: number;
  @ApiProperty() mean: number;
  @ApiProperty() upperProcessLimit: number;
  @ApiProperty() lowerProcessLimit: number;
  @ApiProperty({
    enum: ['common_cause', 'special_cause_improvement', 'special_cause_concern', 'special_cause_neither'],
  })
  pointType: string;
  @ApiProperty({ nullable: true, enum: ['outside', 'trend', 'two_of_three', 'shift'] }) rule: string | null;
  @ApiProperty({ nullable: true, enum: ['high', 'low'] }) side: string | null;
}

export class SpcDto {
  @ApiProperty({ type: [SpcPointDto] }) points: SpcPointDto[];
  @ApiProperty({ nullable: true, type: Number }) mean: number | null;
  @ApiProperty({ nullable: true, type: Number }) upperProcessLimit: number | null;
  @ApiProperty({ nullable: true, type: Number }) lowerProcessLimit: number | null;
  @ApiProperty({ nullable: true, type: String }) variation: string | null;
  @ApiProperty({ nullable: true, type: String }) assurance: string | null;
  @ApiProperty({ type: [String] }) warnings: string[];
}

export class TrustSpcDto {
  @ApiProperty({ type: SpcDto, description: 'Weekly minutesLost; improvement is down' }) minutesLost: SpcDto;
  @ApiProperty({ type: SpcDto, description: 'Weekly minutesEliminated; improvement is up' }) minutesEliminated: SpcDto;
}

class RangeDto {
  @ApiProperty({ example: '2024-04-01' }) from: string;
  @ApiProperty({ example: '2025-03-31' }) to: string;
  @ApiProperty({ enum: GRANULARITIES }) granularity: string;
}

export class TrustDashboardDto extends RangeDto {
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty({ type: FiguresDto }) totals: FiguresDto;
  @ApiProperty({ type: [WasteTypeFiguresDto], description: 'Always all eight wastes' })
  byWasteType: WasteTypeFiguresDto[];
  @ApiProperty({ type: [SeriesPointDto], description: 'Every period overlapping the range, zeros included' })
  series: SeriesPointDto[];
  @ApiProperty({ type: TrustSpcDto }) spc: TrustSpcDto;
  @ApiProperty({ type: FreshnessDto }) freshness: FreshnessDto;
}

export class ProgrammeTrustDto {
  @ApiProperty({ format: 'uuid' }) trustId: string;
  @ApiProperty() code: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: FiguresDto }) totals: FiguresDto;
}

export class ProgrammeDashboardDto extends RangeDto {
  @ApiProperty({ type: FiguresDto }) totals: FiguresDto;
  @ApiProperty({ type: [ProgrammeTrustDto] }) trusts: ProgrammeTrustDto[];
  @ApiProperty({ type: [SeriesPointDto] }) series: SeriesPointDto[];
  @ApiProperty({ type: FreshnessDto }) freshness: FreshnessDto;
}
