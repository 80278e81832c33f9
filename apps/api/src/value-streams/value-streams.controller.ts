import { Actor, CurrentActor, Roles } from '@app/auth';
import { RECORD_MANAGERS, RECORD_READERS, ValueStreamsService } from '@app/improvement';
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
  CreateValueStreamDto,
  UpdateValueStreamDto,
  ValueStreamDto,
  ValueStreamListQuery,
  ValueStreamPageDto,
} from './dto/value-stream.dto';

@ApiTags('value streams')
@ApiBearerAuth()
@Controller('value-streams')
export class ValueStreamsController {
  constructor(private readonly streams: ValueStreamsService) {}

  @Get()
  @ApiOperation({ summary: 'List value streams' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: ValueStreamPageDto })
  list(@CurrentActor() actor: Actor, @Query() query: ValueStreamListQuery) {
    return this.streams.list(actor, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'A value stream' })
  @Roles(...RECORD_READERS)
  @ApiOkResponse({ type: ValueStreamDto })
  get(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.streams.get(actor, id);
  }

  @Post()
  @ApiOperation({ summary: 'Create a value stream' })
  @Roles(...RECORD_MANAGERS)
  @ApiCreatedResponse({ type: ValueStreamDto })
  create(@CurrentActor() actor: Actor, @Body() body: CreateValueStreamDto) {
    return this.streams.create(actor, body);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change a value stream (optimistic version)' })
  @Roles(...RECORD_MANAGERS)
  @ApiOkResponse({ type: ValueStreamDto })
  update(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateValueStreamDto) {
    return this.streams.update(actor, id, body);
  }

  @Delete(':id')
  @ApiOperation({ summary: 'Delete a value stream' })
  @HttpCode(204)
  @Roles(...RECORD_MANAGERS)
  @ApiNoContentResponse({ description: 'deleted with its maps; events that named it are detached' })
  remove(@CurrentActor() actor: Actor, @Param('id', ParseUUIDPipe) id: string) {
    return this.streams.remove(actor, id);
  }
}
