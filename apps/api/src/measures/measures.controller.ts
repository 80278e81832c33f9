import { Actor, CurrentActor, Roles } from '@app/auth';
import { MeasuresService, RECORD_EDITORS, RECORD_MANAGERS, RECORD_READERS } from '@app/improvement';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import {
  CreateMeasureDto,
  MeasureDto,
  MeasureListQuery,
  MeasurePageDto,
  MeasurePointDto,
  MeasureSpcDto,
  SpcQuery,
  UpdateMeasureDto,
} from './dto/measure.dto';
import { PointsBodyPipe } from './points-body.pipe';

@ApiTags('measures')
@ApiBearerAuth()
@Controller('measures')
export class MeasuresController {
  constructor(private readonly measures: MeasuresService) {}

  @Get()
  @ApiOperation({ summary: 'List measures' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MeasurePageDto })
  list(@CurrentActor() actor: Actor, @Query() query: MeasureListQuery) {
    return this.measures.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A measure' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MeasureDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.measures.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Define a measure' })
  @Roles(...RECORD_MANAGERS)
  @ApiCreatedResponse({ type: MeasureDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateMeasureDto) {
    return this.measures.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a measure (optimistic version)' })
  @Roles(...RECORD_MANAGERS)
  @ApiOkResponse({ type: MeasureDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMeasureDto) {
    return this.measures.update(actor, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a measure' })
  @HttpCode(204)
  @Roles(...RECORD_MANAGERS)
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.measures.remove(actor, id);
  }

  @Put(':id/points')
  @ApiOperation({ summary: "Replace a measure's data points" })
  @Roles(...RECORD_EDITORS)
  @ApiBody({
    type: [MeasurePointDto],
    description: 'one value per period; a period already stored takes the new value',
  })
  @ApiOkResponse({ type: MeasureDto })
  putPoints(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body(PointsBodyPipe) points: MeasurePointDto[],
  ) {
    return this.measures.putPoints(actor, id, points);
  }

  @Get(':id/spc')
  @ApiOperation({ summary: "A measure's SPC chart: mean, limits and special-cause signals" })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MeasureSpcDto })
  spc(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Query() query: SpcQuery) {
    return this.measures.spc(actor, id, query.baselinePoints);
  }
}
