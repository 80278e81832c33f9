import { Actor, ALL_ROLES, CurrentActor, Roles } from '@app/auth';
import { CompactService } from '@app/compact';
import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Put, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import {
  CheckInDto,
  CheckInListQuery,
  CheckInPageDto,
  CommitmentDto,
  CompactDto,
  CreateCommitmentDto,
  PutCheckInDto,
  UpdateCommitmentDto,
} from './dto/compact.dto';

@ApiTags('compact')
@ApiBearerAuth()
@Controller('compact')
export class CompactController {
  constructor(private readonly compact: CompactService) {}

  @Get()
  @Roles(...ALL_ROLES)
  @ApiOperation({ summary: "The Compact's commitments and the caller's check-ins of the current month" })
  @ApiOkResponse({ type: CompactDto })
  read(@CurrentActor() actor: Actor) {
    return this.compact.read(actor);
  }

  @Post('commitments')
  @ApiOperation({ summary: 'Add a Compact commitment' })
  @Roles('admin')
  @ApiCreatedResponse({ type: CommitmentDto })
  createCommitment(@CurrentActor() actor: Actor, @Body() body: CreateCommitmentDto) {
    return this.compact.createCommitment(actor, body);
  }

  @Patch('commitments/:id')
  @ApiOperation({ summary: 'Change a Compact commitment (optimistic version)' })
  @Roles('admin')
  @ApiOkResponse({ type: CommitmentDto })
  updateCommitment(
    @CurrentActor() actor: Actor,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateCommitmentDto,
  ) {
    return this.compact.updateCommitment(actor, id, body);
  }

  @Put('check-ins')
  @Roles('trust_ceo', 'kpo_lead', 'regulator')
  @ApiOperation({ summary: 'Create (201) or replace (200) the check-in of one commitment, month and party' })
  @ApiCreatedResponse({ type: CheckInDto })
  @ApiOkResponse({ type: CheckInDto })
  async putCheckIn(
    @CurrentActor() actor: Actor,
    @Body() body: PutCheckInDto,
    @Res({ passthrough: true }) res: Response,
  ) {
    const { checkIn, created } = await this.compact.putCheckIn(actor, body);
    res.status(created ? 201 : 200);
    return checkIn;
  }

  @Get('check-ins')
  @ApiOperation({ summary: 'List Compact check-ins by month, party or commitment' })
  @Roles(...ALL_ROLES)
  @ApiOkResponse({ type: CheckInPageDto })
  listCheckIns(@CurrentActor() actor: Actor, @Query() query: CheckInListQuery) {
    return this.compact.listCheckIns(actor, query);
  }
}
