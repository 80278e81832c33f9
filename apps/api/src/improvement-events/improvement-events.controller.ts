import { Actor, CurrentActor, Roles } from '@app/auth';
import { ImprovementEventsService, RECORD_EDITORS, RECORD_MANAGERS, RECORD_READERS } from '@app/improvement';
import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiTags,
  ApiOperation,
} from '@nestjs/swagger';
import {
  CreateFollowUpDto,
  CreateImprovementEventDto,
  EventListQuery,
  FollowUpDto,
  ImprovementEventDto,
  ImprovementEventPageDto,
  UpdateImprovementEventDto,
} from './dto/improvement-event.dto';

@ApiTags('improvement events')
@ApiBearerAuth()
@Controller('improvement-events')
export class ImprovementEventsController {
  constructor(private readonly events: ImprovementEventsService) {}

  @Get()
  @ApiOperation({ summary: 'List improvement events (RPIWs, kaizen events)' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: ImprovementEventPageDto, description: 'latest start first' })
  list(@CurrentActor() actor: Actor, @Query() query: EventListQuery) {
    return this.events.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'An improvement event with its follow-ups' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: ImprovementEventDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.events.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Record an improvement event' })
  @Roles(...RECORD_EDITORS)
  @ApiCreatedResponse({ type: ImprovementEventDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateImprovementEventDto) {
    return this.events.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change an improvement event (optimistic version)' })
  @Roles(...RECORD_EDITORS)
  @ApiOkResponse({ type: ImprovementEventDto })
  update(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateImprovementEventDto,
  ) {
    return this.events.update(actor, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete an improvement event' })
  @HttpCode(204)
  @Roles(...RECORD_MANAGERS)
  @ApiNoContentResponse({ description: 'deleted with its metrics and follow-ups; linked waste records are unlinked' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.events.remove(actor, id);
  }

  @Post(':id/follow-ups')
  @ApiOperation({ summary: 'Record a 30/60/90-day follow-up of an event' })
  @Roles(...RECORD_EDITORS)
  @ApiCreatedResponse({ type: FollowUpDto })
  addFollowUp(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: CreateFollowUpDto) {
    return this.events.addFollowUp(actor, id, body);
  }
}
