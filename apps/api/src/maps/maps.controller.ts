import { Actor, CurrentActor, Roles } from '@app/auth';
import { MapsService, RECORD_EDITORS, RECORD_MANAGERS, RECORD_READERS } from '@app/improvement';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MapPageDto })
  list(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) valueStreamId: string, @Query() query: MapListQuery) {
    return this.maps.listOfStream(actor, valueStreamId, query);
  }

  @Post('value-streams/:id/maps')
  @Roles(...RECORD_EDITORS)
  @ApiCreatedResponse({ type: MapDto })
  create(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) valueStreamId: string, @Body() body: CreateMapDto) {
    return this.maps.create(actor, valueStreamId, body);
  }

  @Get('maps/:id')
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: MapDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.maps.get(actor, id);
  }

  @Patch('maps/:id')
  @Roles(...RECORD_EDITORS)
  @ApiOkResponse({ type: MapDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateMapDto) {
    return this.maps.update(actor, id, body);
  }

  @Put('maps/:id/steps')
  @Roles(...RECORD_EDITORS)
  @ApiOkResponse({ type: MapDto })
  replaceSteps(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: ReplaceStepsDto) {
    return this.maps.replaceSteps(actor, id, body);
  }

  @Delete('maps/:id')
  @HttpCode(204)
  @Roles(...RECORD_MANAGERS)
  @ApiNoContentResponse()
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.maps.remove(actor, id);
  }

  @Get('maps/:id/compare/:otherId')
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
