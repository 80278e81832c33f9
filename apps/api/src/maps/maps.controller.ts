import { Actor, CurrentActor, Roles } from '@app/auth';
import { MapsService, RECORD_EDITORS, RECORD_MANAGERS, RECORD_READERS } from '@app/improvement';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import {
  CreateMapDto,
  MapComparisonDto,
  MapDto,
  MapListQuery,
  MapPageDto,
  ReplaceStepsDto,
  UpdateMapDto,
} from './dto/map.dto';

@ApiTags('value-stream maps')
@ApiBearerAuth()
@Controller()
export class MapsController {
  constructor(private readonly maps: MapsService) {}

  @Get('value-streams/:id/maps')
  @ApiOperation({ summary: "List a value stream's maps" })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MapPageDto })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) valueStreamId: string, @Query() query: MapListQuery) {
    return this.maps.listOfStream(actor, valueStreamId, query);
  }

  @Post('value-streams/:id/maps')
  @ApiOperation({ summary: 'Create a value stream map (current or future state)' })
  @Roles(...RECORD_EDITORS)
  @ApiCreatedResponse({ type: MapDto })
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) valueStreamId: string, @Body() body: CreateMapDto) {
    return this.maps.create(actor, valueStreamId, body);
  }

  @Get('maps/:id')
  @ApiOperation({ summary: 'A value stream map with its steps and metrics' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MapDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.maps.get(actor, id);
  }

  @Patch('maps/:id')
  @ApiOperation({ summary: "Change a map's name, state or notes (optimistic version)" })
  @Roles(...RECORD_EDITORS)
  @ApiOkResponse({ type: MapDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMapDto) {
    return this.maps.update(actor, id, body);
  }

  @Put('maps/:id/steps')
  @ApiOperation({ summary: "Replace all of a map's steps (optimistic version)" })
  @Roles(...RECORD_EDITORS)
  @ApiOkResponse({ type: MapDto })
  replaceSteps(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReplaceStepsDto) {
    return this.maps.replaceSteps(actor, id, body);
  }

  @Delete('maps/:id')
  @ApiOperation({ summary: 'Delete a value stream map' })
  @HttpCode(204)
  @Roles(...RECORD_MANAGERS)
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.maps.remove(actor, id);
  }

  @Get('maps/:id/compare/:otherId')
  @ApiOperation({ summary: 'Compare two maps of one value stream: metric deltas' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MapComparisonDto, description: 'change = other map − this map, figure by figure' })
  compare(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Param('otherId', ParseUUIDPipe) otherId: string,
  ) {
    return this.maps.compare(actor, id, otherId);
  }
}
