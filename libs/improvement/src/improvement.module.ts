import { RollupMarksModule } from '@app/rollups';
import { Module } from '@nestjs/common';
import { ImprovementEventRepository } from './events/improvement-event.repository';
import { ImprovementEventsService } from './events/improvement-events.service';
import { MapRepository } from './maps/map.repository';
import { MapsService } from './maps/maps.service';
import { MeasureRepository } from './measures/measure.repository';
import { MeasuresService } from './measures/measures.service';
import { ValueStreamRepository } from './value-streams/value-stream.repository';
import { ValueStreamsService } from './value-streams/value-streams.service';

/** Value streams and maps, improvement events and follow-ups, board measures and their points. */
@Module({
  imports: [RollupMarksModule],
  providers: [
    ValueStreamRepository,
    MapRepository,
    ImprovementEventRepository,
    MeasureRepository,
    ValueStreamsService,
    MapsService,
    ImprovementEventsService,
    MeasuresService,
  ],
  exports: [ValueStreamsService, MapsService, ImprovementEventsService, MeasuresService],
})
export class ImprovementModule {}
